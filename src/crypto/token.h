#pragma once

#include <string>
#include <string_view>

namespace binhyen::crypto {

// The form under which an API token or session id is stored: Sha256Hex(token).
//
// Why a fast hash and not argon2id: our tokens are 32 random bytes (RandomToken), 256 bits of
// entropy. Slow hashes exist to make guessing low-entropy passwords expensive; no speed-up
// matters against a 2^256 search, so a plain SHA-256 is as strong here and lets every request be
// authenticated with one hash and an indexed lookup. A stolen database then yields only hashes,
// which cannot be presented as bearer tokens. Thread-safe.
std::string HashToken(std::string_view token);

}  // namespace binhyen::crypto
