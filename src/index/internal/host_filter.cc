#include "index/internal/host_filter.h"

#include <algorithm>
#include <utility>

namespace binhyen::index::internal {

void HostFilter::Build(std::vector<uint64_t> hashes) {
  std::sort(hashes.begin(), hashes.end());
  hashes.erase(std::unique(hashes.begin(), hashes.end()), hashes.end());
  blocks_.clear();
  if (hashes.empty()) return;
  // 10 bits per distinct host.
  size_t blocks = (hashes.size() * 10 + 511) / 512;
  blocks_.assign(blocks, Block{});
  for (uint64_t hash : hashes) {
    Block& block = blocks_[BlockIndex(hash)];
    uint64_t bits = hash * kMul;
    for (int i = 0; i < kBitsPerKey; ++i) {
      uint64_t bit = (bits >> (i * 9)) & 511;
      block[bit >> 6] |= uint64_t{1} << (bit & 63);
    }
  }
}

}  // namespace binhyen::index::internal
