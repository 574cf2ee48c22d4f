#pragma once

#include <string>
#include <string_view>

namespace binhyen::crypto {

// Message digests. Thread-safe (pure functions).

// SHA-256 of `data` as 64 lower-case hex digits. The audit chain links entries with it, and
// HashToken (token.h) stores API tokens and sessions under it.
std::string Sha256Hex(std::string_view data);

// BLAKE2b with a 32-byte output, as 64 lower-case hex digits (content addressing; faster than
// SHA-256 in software).
std::string Blake2bHex(std::string_view data);

}  // namespace binhyen::crypto
