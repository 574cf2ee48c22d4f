#pragma once

#include <string_view>

#include "base/status.h"

namespace binhyen::http {

// The HTTP status for a base::StatusCode, one-to-one with the comments in base/status.h:
// kOk 200, kInvalidArgument 400, kUnauthenticated 401, kPermissionDenied 403, kNotFound 404,
// kAlreadyExists / kFailedPrecondition / kAborted 409, kPayloadTooLarge 413,
// kResourceExhausted 429, kInternal 500, kUnimplemented 501, kUnavailable 503,
// kDeadlineExceeded 504. An unknown value gives 500.
int HttpStatusFor(base::StatusCode code);

// The RFC 9110 reason phrase ("Not Found"); "Unknown" for a status it does not know.
std::string_view ReasonPhrase(int status);

}  // namespace binhyen::http
