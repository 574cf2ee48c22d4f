#pragma once

#include <cstddef>

#include "http/message.h"

namespace binhyen::http::internal {

// The errors the server answers itself, before or instead of a handler.
enum class ServerError {
  kMalformed,           // 400
  kPlainHttpOnTlsPort,  // 400: plain HTTP sent to the HTTPS port
  kNotFound,            // 404
  kMethodNotAllowed,    // 405
  kTimeout,             // 408
  kBodyTooLarge,        // 413
  kHeadersTooLarge,     // 431
  kHandlerFailed,       // 500
  kTooManyConnections,  // 503
};

// The application/problem+json response for `error`, with English and Vietnamese details.
// `limit` is the body limit shown for kBodyTooLarge.
Response ServerProblem(ServerError error, size_t limit = 0);

}  // namespace binhyen::http::internal
