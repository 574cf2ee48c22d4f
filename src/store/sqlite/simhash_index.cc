#include "store/sqlite/simhash_index.h"

#include <array>

#include "base/check.h"
#include "store/common.h"

namespace binhyen::store::sqlite {
namespace {

uint32_t BandKey(uint64_t simhash, int band) {
  return static_cast<uint32_t>(band) << 16 | static_cast<uint32_t>(SimhashBand(simhash, band));
}

}  // namespace

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

size_t SimhashIndex::size() const {
  std::lock_guard lock(mu_);
  return entries_.size();
}

void SimhashIndex::AddLocked(int64_t id, uint64_t simhash) {
  BINHYEN_CHECK(entries_.size() < kNone, "more than 4 billion reports in one SQLite index");
  if (heads_.empty()) heads_.assign(static_cast<size_t>(kSimhashBands) << 16, kNone);
  const auto position = static_cast<uint32_t>(entries_.size());
  entries_.push_back({id, simhash});
  for (int band = 0; band < kSimhashBands; ++band) {
    uint32_t& head = heads_[BandKey(simhash, band)];
    older_.push_back(head);
    head = position;
  }
}

std::vector<NearDuplicate> SimhashIndex::Candidates(uint64_t simhash, int max_distance,
                                                    int64_t before, size_t limit) const {
  std::lock_guard lock(mu_);
  std::vector<NearDuplicate> out;
  if (heads_.empty()) return out;
  // One cursor per band, each walking its chain newest first. Entries are stored in id order,
  // so the newest entry under any cursor is the one at the highest position; a report sharing
  // several bands with `simhash` is under several cursors at once, and all of them step past it.
  std::array<uint32_t, kSimhashBands> cursors;
  const auto older = [&](uint32_t position, int band) {
    return older_[static_cast<size_t>(position) * kSimhashBands + static_cast<size_t>(band)];
  };
  for (int band = 0; band < kSimhashBands; ++band) {
    uint32_t position = heads_[BandKey(simhash, band)];
    while (position != kNone && entries_[position].id >= before) position = older(position, band);
    cursors[static_cast<size_t>(band)] = position;
  }
  while (out.size() < limit) {
    uint32_t next = kNone;
    for (uint32_t c : cursors) {
      if (c != kNone && (next == kNone || c > next)) next = c;
    }
    if (next == kNone) break;
    for (int band = 0; band < kSimhashBands; ++band) {
      uint32_t& c = cursors[static_cast<size_t>(band)];
      if (c == next) c = older(c, band);
    }
    const Entry& found = entries_[next];
    const int distance = HammingDistance(simhash, found.simhash);
    if (distance <= max_distance) out.push_back({found.id, distance});
  }
  return out;
}

}  // namespace binhyen::store::sqlite
