#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "index/allowlist.h"
#include "index/expressions.h"
#include "index/internal/flat_hash_table.h"
#include "index/internal/hash.h"
#include "index/internal/host_filter.h"
#include "index/snapshot.h"

namespace binhyen::index::internal {

// One indexed (key, source) pair: 16 bytes. The key itself is only its 64-bit hash, in the
// list's FlatHashTable, whose slot points at the run of entries sharing it (one per source).
struct Entry {
  static constexpr uint8_t kOverride = 1;  // listed through the allowlist on purpose

  uint32_t first_seen = 0;  // unix seconds, clamped to [0, 2^32 - 1] (year 2106)
  uint32_t warning = 0;     // index into SnapshotData::warnings; 0 = none
  uint32_t bin = 0;         // accounts: the listing's bank BIN; 0 = any bank
  uint16_t source = 0;      // index into SnapshotData::sources
  uint8_t category = 0;     // index into SnapshotData::categories
  uint8_t flags = 0;
};
static_assert(sizeof(Entry) == 16);

// One hash seed per list, so equal strings in two lists never meet.
inline uint64_t ListSeed(KeyList list) {
  static constexpr std::array<uint64_t, kKeyListCount> kSeeds = {
      0x9e3779b97f4a7c15ull, 0xbf58476d1ce4e5b9ull, 0x94d049bb133111ebull,
      0x2545f4914f6cdd1dull, 0x165667b19e3779f9ull, 0xd6e8feb86659fd93ull};
  return kSeeds[static_cast<size_t>(list)];
}

inline constexpr uint64_t kHostFilterSeed = 0x7c0ffee15c0ffee5ull;

// Slot flags of the accounts list. Bit 0: some entry of the key names no bank (it answers
// every bank). Bits 1-15: when every entry names the same bank and it is one of
// SnapshotData::bank_bins, its code (index + 1), so that IsListed with a BIN reads no entry.
inline constexpr uint16_t kSlotAnyBank = 1;
inline constexpr int kSlotBinCodeShift = 1;

// An account entry answers a probe with `bin` (0: no bank named) when either side names no
// bank or both name the same one.
inline bool AccountBinMatches(const Entry& e, uint32_t bin) {
  return bin == 0 || e.bin == 0 || e.bin == bin;
}

// Everything a Snapshot holds (Snapshot::Impl derives from it). Immutable after BuildData.
struct SnapshotData {
  int64_t version = 0;
  std::vector<Source> sources;
  std::shared_ptr<const Allowlist> allowlist;
  std::vector<std::string> categories;  // at most 255
  std::vector<std::string> warnings;    // [0] = ""
  std::vector<Entry> entries;           // runs of equal keys, per list
  std::array<FlatHashTable, kKeyListCount> tables;
  HostFilter url_hosts;             // hosts (Hash64 with kHostFilterSeed) of the urls list's keys
  std::vector<uint32_t> bank_bins;  // sorted BINs of indicator::AllBanks() (at most 32,767)
  size_t listed = 0;

  // The code of `bin` in bank_bins (index + 1), 0 when absent.
  uint16_t BinCode(uint32_t bin) const;

  const FlatHashTable::Slot* Find(KeyList list, std::string_view key) const {
    return tables[static_cast<size_t>(list)].Find(Hash64(key, ListSeed(list)));
  }
};

// Fills `data` from `input`; resets and fills *stats when not null.
void BuildData(SnapshotInput input, BuildStats* stats, SnapshotData* data);

// Writes matches into a CheckResult, reusing the strings and vectors it already holds (no heap
// allocation once they have grown), then sets the verdict. Confine to one thread.
class MatchWriter {
 public:
  static constexpr size_t kMaxMatches = 20;

  MatchWriter(const SnapshotData& data, CheckResult* out);
  // `expression` is the probe that matched.
  void Add(std::string_view expression, const Entry& entry);
  // An accounts match: the expression is the listing's "BIN:digits" or "digits".
  void AddAccount(std::string_view digits, const Entry& entry);
  // Orders the matches most specific first, trims the vectors, fills categories and sets the
  // verdict (`protection` kBank / kGovernment: the checked host is protected).
  void Finish(Allowlist::Protection protection);

 private:
  Match& Next();

  const SnapshotData& data_;
  CheckResult* out_;
  size_t count_ = 0;
};

// Snapshot::CheckUrl: probes the urls list for `url` (no heap allocation once `out` has grown).
void CheckCanonicalUrl(const SnapshotData& data, const indicator::CanonicalUrl& url,
                       CheckResult* out);

// Snapshot::Check for every kind: canonicalises `input` and probes.
void CheckValue(const Snapshot& snapshot, const SnapshotData& data, indicator::Kind kind,
                std::string_view input, std::string_view bank, CheckResult* out);
// The same for a value already canonicalised by indicator::Canonicalize (kind value.kind).
void CheckCanonicalValue(const Snapshot& snapshot, const SnapshotData& data,
                         const indicator::Indicator& value, std::string_view bank,
                         CheckResult* out);

}  // namespace binhyen::index::internal
