#include "text/simhash.h"

#include <unicode/uchar.h>

#include <array>
#include <bit>
#include <string>

#include "text/fold.h"
#include "text/utf8.h"

namespace binhyen::text {
namespace {

// FNV-1a 64 (Fowler, Noll, Vo) over the bytes, then the MurmurHash3 fmix64 finaliser, which
// spreads FNV's weak high bits over all 64: SimHash needs every bit of a feature's hash to be
// an independent coin. Fixed arithmetic: stable across platforms and builds.
uint64_t FeatureHash(std::string_view feature) {
  uint64_t h = 14695981039346656037ULL;
  for (char c : feature) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

bool IsWordCodePoint(char32_t c) {
  if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  if (c == kReplacementChar) return false;
  return u_isalnum(static_cast<UChar32>(c)) ||
         (U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_M_MASK) != 0;
}

bool HasDigit(std::string_view word) {
  for (char c : word) {
    if (c >= '0' && c <= '9') return true;
  }
  return false;
}

// Calls `emit(word)` for every word of the folded text without an ASCII digit.
template <typename Emit>
void ForEachWord(std::string_view text, Emit emit) {
  const std::string folded = FoldVietnamese(text);
  const std::string_view s = folded;
  size_t start = 0;  // of the current word
  size_t pos = 0;
  auto flush = [&](size_t end) {
    const std::string_view word = s.substr(start, end - start);
    if (!word.empty() && !HasDigit(word)) emit(word);
  };
  while (pos < s.size()) {
    const size_t before = pos;
    if (!IsWordCodePoint(DecodeUtf8(s, &pos))) {
      flush(before);
      start = pos;
    }
  }
  flush(s.size());
}

}  // namespace

std::optional<uint64_t> DescriptionSimHash(std::string_view text) {
  std::array<int64_t, 64> sums{};
  int words = 0;
  ForEachWord(text, [&](std::string_view word) {
    ++words;
    const uint64_t h = FeatureHash(word);
    for (size_t bit = 0; bit < 64; ++bit) sums[bit] += ((h >> bit) & 1) ? 1 : -1;
  });
  if (words < kMinSimHashWords) return std::nullopt;
  uint64_t simhash = 0;
  for (size_t bit = 0; bit < 64; ++bit) {
    if (sums[bit] > 0) simhash |= uint64_t{1} << bit;
  }
  return simhash;
}

int HammingDistance(uint64_t a, uint64_t b) { return std::popcount(a ^ b); }

}  // namespace binhyen::text
