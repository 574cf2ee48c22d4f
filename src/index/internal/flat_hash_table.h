#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <vector>

namespace binhyen::index::internal {

// An immutable open-addressing table (linear probing, power-of-two capacity, load <= 0.7) from a
// non-zero 64-bit hash (Hash64) to a run [begin, begin + count) of a caller's array. 16 bytes a
// slot. Built once from keys in any order; Find allocates nothing. A table of 2 MiB or more is
// allocated on 2 MiB boundaries and advised as transparent huge pages: probes land at random
// places, and with 4 KiB pages most of them would also miss the TLB.
// Thread safety: immutable after Build; Find and Prefetch are thread-safe.
class FlatHashTable {
 public:
  struct Slot {
    static constexpr uint32_t kMaxCount = 0xffff;

    uint64_t hash = 0;  // 0: empty
    uint32_t begin = 0;
    uint16_t count = 0;  // at most kMaxCount
    uint16_t flags = 0;  // the caller's
  };

  // REQUIRES: every slots[i].hash is non-zero and distinct.
  void Build(const std::vector<Slot>& slots);

  // The slot of `hash`, or nullptr. `hash` must be non-zero.
  const Slot* Find(uint64_t hash) const {
    if (capacity_ == 0) return nullptr;
    const Slot* slots = slots_.get();
    for (size_t i = hash & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots[i];
      if (s.hash == hash) return &s;
      if (s.hash == 0) return nullptr;
    }
  }

  // Starts loading the cache line Find(hash) reads first (a URL probes up to 30 hashes: issuing
  // all loads before the first compare overlaps their cache misses).
  void Prefetch(uint64_t hash) const {
    if (capacity_ != 0) __builtin_prefetch(slots_.get() + (hash & mask_));
  }

  size_t MemoryBytes() const { return capacity_ * sizeof(Slot); }

 private:
  struct Free {
    void operator()(Slot* p) const { std::free(p); }
  };

  std::unique_ptr<Slot[], Free> slots_;
  size_t capacity_ = 0;
  size_t mask_ = 0;
};

}  // namespace binhyen::index::internal
