#include "crypto/hmac.h"

#include <sodium.h>

#include <array>

namespace binhyen::crypto {

std::string HmacSha256Hex(std::string_view key, std::string_view message) {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()),
                              key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()),
                                message.size());
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
  crypto_auth_hmacsha256_final(&state, mac.data());
  sodium_memzero(&state, sizeof state);
  constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(mac.size() * 2);
  for (unsigned char c : mac) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 0xf]);
  }
  return out;
}

}  // namespace binhyen::crypto
