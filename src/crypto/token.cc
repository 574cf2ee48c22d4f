#include "crypto/token.h"

#include "crypto/hash.h"

namespace binhyen::crypto {

std::string HashToken(std::string_view token) { return Sha256Hex(token); }

}  // namespace binhyen::crypto
