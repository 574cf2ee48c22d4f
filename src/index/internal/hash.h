#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace binhyen::index::internal {

// A fast 64-bit non-cryptographic string hash in the style of wyhash (a 64x64->128-bit multiply
// folded to 64 bits, 16 input bytes per round). The index stores these hashes of lookup
// expressions instead of the strings, so it answers "listed" when the probe's hash equals a
// listed expression's hash. For a well-mixed 64-bit hash the odds that a given unlisted
// expression collides with one of n listed ones are n / 2^64: 5.4e-14 per probe at
// n = 1,000,000, about 1.6e-12 for a URL (at most 30 probes). An adversary who can choose
// strings could search for a collision with a listed expression, which only makes their own
// string look listed; the hash is not a security boundary (the hash-prefix lists use SHA-256).
// The result is never 0 (0 marks an empty slot in FlatHashTable). Thread-safe (pure).
namespace hash_detail {

__extension__ using Uint128 = unsigned __int128;

inline constexpr uint64_t kP0 = 0xa0761d6478bd642full;
inline constexpr uint64_t kP1 = 0xe7037ed1a0b428dbull;
inline constexpr uint64_t kP2 = 0x8ebc6af09c88c6e3ull;
inline constexpr uint64_t kP3 = 0x589965cc75374cc3ull;

inline uint64_t Mix(uint64_t a, uint64_t b) {
  Uint128 r = static_cast<Uint128>(a) * b;
  return static_cast<uint64_t>(r) ^ static_cast<uint64_t>(r >> 64);
}

inline uint64_t Read64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

// 1..7 bytes, little-endian, zero-extended.
inline uint64_t ReadSmall(const char* p, size_t n) {
  uint64_t v = 0;
  std::memcpy(&v, p, n);
  return v;
}

}  // namespace hash_detail

// Hashes `s` with `seed` (different seeds give independent hash families: the index uses one
// seed per list, so equal strings in different lists do not meet).
inline uint64_t Hash64(std::string_view s, uint64_t seed) {
  using namespace hash_detail;
  const char* p = s.data();
  size_t n = s.size();
  uint64_t h = seed ^ Mix(seed ^ kP0, n ^ kP1);
  while (n > 16) {
    h = Mix(Read64(p) ^ kP1, Read64(p + 8) ^ h);
    p += 16;
    n -= 16;
  }
  uint64_t a = 0;
  uint64_t b = 0;
  if (n > 8) {
    a = Read64(p);
    b = ReadSmall(p + 8, n - 8);
  } else if (n > 0) {
    a = ReadSmall(p, n);
  }
  h = Mix(a ^ kP2, b ^ h ^ kP3);
  h = Mix(h ^ kP0, s.size() ^ kP2);
  return h == 0 ? 1 : h;
}

}  // namespace binhyen::index::internal
