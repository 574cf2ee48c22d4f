#pragma once

#include <string>
#include <string_view>

namespace binhyen::crypto {

// HMAC-SHA-256 (RFC 2104) of `message` under `key` (any length), as 64 lower-case hex digits:
// the signature of outgoing webhooks (service/webhooks.h). Thread-safe (a pure function).
std::string HmacSha256Hex(std::string_view key, std::string_view message);

}  // namespace binhyen::crypto
