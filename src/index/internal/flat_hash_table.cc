#include "index/internal/flat_hash_table.h"

#include <sys/mman.h>

#include <cstring>
#include <new>

#include "base/check.h"

namespace binhyen::index::internal {

namespace {

constexpr size_t kHugePage = size_t{2} << 20;

// Zeroed storage for `capacity` slots (Slot is an implicit-lifetime type).
FlatHashTable::Slot* AllocateSlots(size_t capacity) {
  size_t bytes = capacity * sizeof(FlatHashTable::Slot);
  size_t alignment = bytes >= kHugePage ? kHugePage : 64;
  bytes = (bytes + alignment - 1) / alignment * alignment;
  void* p = std::aligned_alloc(alignment, bytes);
  if (p == nullptr) throw std::bad_alloc();
  // Only a hint: without transparent huge pages the table works the same, slower.
  if (alignment == kHugePage) (void)madvise(p, bytes, MADV_HUGEPAGE);
  std::memset(p, 0, bytes);
  return static_cast<FlatHashTable::Slot*>(p);
}

}  // namespace

void FlatHashTable::Build(const std::vector<Slot>& slots) {
  slots_.reset();
  capacity_ = 0;
  mask_ = 0;
  if (slots.empty()) return;
  size_t capacity = 16;
  // Load <= 0.7: an absent hash (the common probe) then reads about 6 slots on average, which
  // is two cache lines of 64 bytes.
  while (capacity * 7 < slots.size() * 10) capacity *= 2;
  slots_.reset(AllocateSlots(capacity));
  capacity_ = capacity;
  mask_ = capacity - 1;
  Slot* table = slots_.get();
  for (const Slot& s : slots) {
    BINHYEN_CHECK(s.hash != 0, "FlatHashTable: a zero hash");
    size_t i = s.hash & mask_;
    while (table[i].hash != 0) i = (i + 1) & mask_;
    table[i] = s;
  }
}

}  // namespace binhyen::index::internal
