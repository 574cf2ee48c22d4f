#include "crypto/hash.h"

#include <sodium.h>

#include <array>

#include "crypto/encoding.h"
#include "crypto/internal/sodium_init.h"

namespace binhyen::crypto {

std::string Sha256Hex(std::string_view data) {
  std::array<uint8_t, crypto_hash_sha256_BYTES> digest;
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(data.data()),
                     data.size());
  return HexEncode(digest);
}

std::string Blake2bHex(std::string_view data) {
  internal::EnsureSodium();
  std::array<uint8_t, crypto_generichash_BYTES> digest;
  crypto_generichash(digest.data(), digest.size(),
                     reinterpret_cast<const unsigned char*>(data.data()), data.size(),
                     /*key=*/nullptr, 0);
  return HexEncode(digest);
}

}  // namespace binhyen::crypto
