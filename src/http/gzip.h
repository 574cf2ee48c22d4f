#pragma once

#include <string>
#include <string_view>

#include "base/result.h"
#include "http/message.h"

namespace binhyen::http {

// `data` compressed as one gzip member (RFC 1952, zlib level 6). Internal on a zlib failure.
// Thread-safe.
base::Result<std::string> Gzip(std::string_view data);

// The inverse, for tests and clients: InvalidArgument when `data` is not gzip; ResourceExhausted
// when the result would exceed `max_bytes`. Thread-safe.
base::Result<std::string> Gunzip(std::string_view data, size_t max_bytes = size_t{1} << 30);

// True when the request's Accept-Encoding allows gzip (a "gzip" coding with q > 0, or "*").
bool AcceptsGzip(const Request& request);

}  // namespace binhyen::http
