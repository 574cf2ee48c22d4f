#include "store/sqlite/simhash_index.h"

#include <algorithm>
#include <array>

#include "store/common.h"

namespace binhyen::store::sqlite {

base::Status SimhashIndex::CatchUp(Connection& committed) {
  std::lock_guard lock(mu_);
  BINHYEN_ASSIGN_OR_RETURN(
      auto s, committed.Prepare("SELECT id, text_simhash FROM reports WHERE id > ? ORDER BY id"));
  s->Bind(1, last_id_);
  while (true) {
    BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    const int64_t id = s->Int(0);
    if (!s->IsNull(1)) AddLocked(id, SimhashFromStored(s->Int(1)));
    last_id_ = id;
  }
  return base::Status::Ok();
}

int64_t SimhashIndex::last_id() const {
  std::lock_guard lock(mu_);
  return last_id_;
}

void SimhashIndex::AddLocked(int64_t id, uint64_t simhash) {
  for (int band = 0; band < kSimhashBands; ++band) {
    const uint32_t key =
        static_cast<uint32_t>(band) << 16 | static_cast<uint32_t>(SimhashBand(simhash, band));
    buckets_[key].push_back({id, simhash});
  }
}

std::vector<NearDuplicate> SimhashIndex::Candidates(uint64_t simhash, int max_distance,
                                                    int64_t before, size_t limit) const {
  std::lock_guard lock(mu_);
  // The four bands' entry lists merged newest first: a report sharing several bands with
  // `simhash` is at the head of several lists at the same time.
  struct Cursor {
    const std::vector<Entry>* entries = nullptr;
    size_t end = 0;  // entries [0, end) are still to visit, the last one next
  };
  std::array<Cursor, kSimhashBands> cursors;
  for (int band = 0; band < kSimhashBands; ++band) {
    const uint32_t key =
        static_cast<uint32_t>(band) << 16 | static_cast<uint32_t>(SimhashBand(simhash, band));
    auto it = buckets_.find(key);
    if (it == buckets_.end()) continue;
    const std::vector<Entry>& entries = it->second;
    auto first_not_before = std::lower_bound(entries.begin(), entries.end(), before,
                                             [](const Entry& e, int64_t id) { return e.id < id; });
    cursors[band] = {&entries, static_cast<size_t>(first_not_before - entries.begin())};
  }
  std::vector<NearDuplicate> out;
  while (out.size() < limit) {
    const Entry* next = nullptr;
    for (const Cursor& c : cursors) {
      if (c.end == 0) continue;
      const Entry& e = (*c.entries)[c.end - 1];
      if (next == nullptr || e.id > next->id) next = &e;
    }
    if (next == nullptr) break;
    const Entry found = *next;
    for (Cursor& c : cursors) {
      if (c.end != 0 && (*c.entries)[c.end - 1].id == found.id) --c.end;
    }
    const int distance = HammingDistance(simhash, found.simhash);
    if (distance <= max_distance) out.push_back({found.id, distance});
  }
  return out;
}

}  // namespace binhyen::store::sqlite
