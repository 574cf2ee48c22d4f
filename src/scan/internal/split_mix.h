#pragma once
// SplitMix64 (Steele, Lea and Flood 2014): a tiny seeded generator for the classifier's shuffles
// and folds. Not for secrets; its point is that the same seed gives the same sequence on every
// platform and standard library (std::shuffle and the <random> distributions do not promise
// that).

#include <cstdint>
#include <utility>
#include <vector>

namespace binhyen::scan::internal {

// Thread safety: a value type; confine each instance to one thread.
class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed) : state_(seed) {}

  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }

  // Uniform in [0, bound). REQUIRES: bound > 0. Uses rejection, so there is no modulo bias.
  uint64_t Below(uint64_t bound) {
    uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
    uint64_t x;
    do {
      x = Next();
    } while (x >= limit);
    return x % bound;
  }

  // Fisher-Yates shuffle.
  template <typename T>
  void Shuffle(std::vector<T>& v) {
    for (size_t i = v.size(); i > 1; --i) {
      size_t j = static_cast<size_t>(Below(i));
      std::swap(v[i - 1], v[j]);
    }
  }

 private:
  uint64_t state_;
};

}  // namespace binhyen::scan::internal
