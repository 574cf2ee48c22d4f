#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "store/sqlite/connection.h"
#include "store/store.h"

namespace binhyen::store::sqlite {

// The SQLite backend's index of report simhashes by their four 16-bit bands, kept in memory
// (FindNearDuplicates). Until schema version 3 it was the table report_simhash_bands: four
// random B-tree inserts per report inside the single writer, a quarter of the intake's write
// cost (docs/adr/0003-sqlite-simhash-index-in-memory.md).
//
// The index is a cache of COMMITTED reports, filled from reports.text_simhash by CatchUp() with
// the reports whose id is above the highest id it has read. That is exact because in SQLite ids
// are assigned by the one writer at a time and committed in order, and reports are never
// deleted (so ids are never reused). It also sees reports written by other processes, and after
// a restart it is refilled from the table on the first lookup (about 1 s per million reports).
// Memory: about 70 bytes per report with a simhash.
//
// Callers verify what the index returns against their own snapshot, which may be older than the
// index, and look at the reports of their snapshot newer than the index themselves
// (SqliteReports::FindNearDuplicates).
//
// Thread safety: thread-safe.
class SimhashIndex {
 public:
  // Adds every report with an id above last_id() visible to `committed`, whose view must hold
  // committed data only (a reader's snapshot, or a connection outside any transaction).
  base::Status CatchUp(Connection& committed);

  // The highest report id read so far (0 before the first CatchUp).
  int64_t last_id() const;

  // Reports with id < `before` whose indexed simhash is within `max_distance` (0..3) of
  // `simhash`, newest first, at most `limit`.
  std::vector<NearDuplicate> Candidates(uint64_t simhash, int max_distance, int64_t before,
                                        size_t limit) const;

 private:
  struct Entry {
    int64_t id;
    uint64_t simhash;
  };
  // Key: band << 16 | band value; entries by id ascending.
  using Buckets = std::unordered_map<uint32_t, std::vector<Entry>>;

  void AddLocked(int64_t id, uint64_t simhash);

  mutable std::mutex mu_;
  Buckets buckets_;      // guarded by mu_
  int64_t last_id_ = 0;  // guarded by mu_
};

}  // namespace binhyen::store::sqlite
