#include "crypto/random.h"

#include <sodium.h>

#include <vector>

#include "base/check.h"
#include "crypto/encoding.h"
#include "crypto/internal/sodium_init.h"

namespace binhyen::crypto {

SodiumRandom::SodiumRandom() { internal::EnsureSodium(); }

void SodiumRandom::Fill(std::span<uint8_t> out) {
  if (!out.empty()) randombytes_buf(out.data(), out.size());
}

FakeRandom::FakeRandom(uint64_t seed) : seed_(seed) { internal::EnsureSodium(); }

void FakeRandom::Fill(std::span<uint8_t> out) {
  std::array<uint8_t, 16> input;
  for (int i = 0; i < 8; ++i) {
    input[i] = static_cast<uint8_t>(seed_ >> (8 * i));
    input[8 + i] = static_cast<uint8_t>(calls_ >> (8 * i));
  }
  ++calls_;
  std::array<uint8_t, randombytes_SEEDBYTES> key;
  crypto_generichash(key.data(), key.size(), input.data(), input.size(), nullptr, 0);
  if (!out.empty()) randombytes_buf_deterministic(out.data(), out.size(), key.data());
}

std::string RandomToken(Random& random, size_t bytes) {
  BINHYEN_CHECK(bytes > 0, "RandomToken needs at least one byte");
  std::vector<uint8_t> buf(bytes);
  random.Fill(buf);
  std::string token = Base64Encode(buf, Base64Variant::kUrlSafeNoPadding);
  sodium_memzero(buf.data(), buf.size());
  return token;
}

}  // namespace binhyen::crypto
