#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
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
// Memory: 32 bytes per report with a simhash (its id and simhash, and one 4-byte link per band),
// plus 1 MiB of band heads once the first report is added; with the vectors' spare capacity, 47
// bytes of heap per report at 200,000 reports (bench/simhash_index_bench.cc).
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

  // The reports indexed so far (those with a simhash).
  size_t size() const;

  // Reports with id < `before` whose indexed simhash is within `max_distance` (0..3) of
  // `simhash`, newest first, at most `limit`. The reports with id >= `before` sharing a band
  // with `simhash` are walked past, so a caller paging back passes the last id it got.
  std::vector<NearDuplicate> Candidates(uint64_t simhash, int max_distance, int64_t before,
                                        size_t limit) const;

 private:
  struct Entry {
    int64_t id;
    uint64_t simhash;
  };
  // Positions in entries_ are 32-bit; kNone ends a chain.
  static constexpr uint32_t kNone = UINT32_MAX;

  void AddLocked(int64_t id, uint64_t simhash);

  mutable std::mutex mu_;
  // Every indexed report, by id ascending (CatchUp reads in id order). Guarded by mu_.
  std::vector<Entry> entries_;
  // For each band key (band << 16 | the band's value), the position of the newest entry with
  // that value, or kNone; empty until the first entry. Guarded by mu_.
  std::vector<uint32_t> heads_;
  // older_[position * kSimhashBands + band]: the position of the next older entry with the same
  // value in that band, or kNone. Each band's chain thus runs newest first. Guarded by mu_.
  std::vector<uint32_t> older_;
  int64_t last_id_ = 0;  // guarded by mu_
};

}  // namespace binhyen::store::sqlite
