#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace binhyen::index::internal {

// A blocked Bloom filter of the hosts that have any key in the urls list. A URL check asks it
// first for each of its (at most five) hosts, and probes the big table only for hosts it may
// hold: most checked URLs are on unlisted hosts, and the filter (10 bits a host, one 64-byte
// block per lookup, about 1% false positives) stays in cache where the table does not.
// Thread safety: immutable after Build; MayContain is thread-safe.
class HostFilter {
 public:
  // `hashes`: Hash64 of each host (duplicates allowed).
  void Build(std::vector<uint64_t> hashes);

  bool MayContain(uint64_t hash) const {
    if (blocks_.empty()) return false;
    const Block& block = blocks_[BlockIndex(hash)];
    uint64_t bits = hash * kMul;
    for (int i = 0; i < kBitsPerKey; ++i) {
      uint64_t bit = (bits >> (i * 9)) & 511;
      if ((block[bit >> 6] & (uint64_t{1} << (bit & 63))) == 0) return false;
    }
    return true;
  }

  void Prefetch(uint64_t hash) const {
    if (!blocks_.empty()) __builtin_prefetch(&blocks_[BlockIndex(hash)]);
  }

  size_t MemoryBytes() const { return blocks_.capacity() * sizeof(Block); }

 private:
  using Block = std::array<uint64_t, 8>;  // 512 bits: one cache line
  static constexpr int kBitsPerKey = 6;   // bits set per host
  static constexpr uint64_t kMul = 0x9fb21c651e98df25ull;

  size_t BlockIndex(uint64_t hash) const {
    return static_cast<size_t>(((hash >> 32) * static_cast<uint64_t>(blocks_.size())) >> 32);
  }

  std::vector<Block> blocks_;
};

}  // namespace binhyen::index::internal
