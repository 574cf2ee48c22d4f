#include <algorithm>
#include <limits>
#include <unordered_map>
#include <utility>

#include "index/internal/listing_keys.h"
#include "index/internal/snapshot_impl.h"
#include "indicator/bank.h"

namespace binhyen::index::internal {

namespace {

constexpr size_t kMaxCategories = 255;

// A key of one listing before the tables are laid out.
struct RawEntry {
  uint64_t hash;
  Entry entry;
  uint8_t list;
};

uint32_t ClampSeconds(int64_t seconds) {
  if (seconds < 0) return 0;
  if (seconds > std::numeric_limits<uint32_t>::max()) return std::numeric_limits<uint32_t>::max();
  return static_cast<uint32_t>(seconds);
}

// Interns categories and warning URLs into the snapshot's small tables.
class Interner {
 public:
  explicit Interner(SnapshotData* data) : data_(data) { data_->warnings.emplace_back(); }

  // False when the snapshot already has kMaxCategories other categories.
  bool Category(const std::string& name, uint8_t* id) {
    auto it = categories_.find(name);
    if (it == categories_.end()) {
      if (data_->categories.size() >= kMaxCategories) return false;
      it = categories_.emplace(name, static_cast<uint8_t>(data_->categories.size())).first;
      data_->categories.push_back(name);
    }
    *id = it->second;
    return true;
  }

  uint32_t Warning(const std::string& url) {
    if (url.empty()) return 0;
    auto [it, inserted] = warnings_.emplace(url, static_cast<uint32_t>(data_->warnings.size()));
    if (inserted) data_->warnings.push_back(url);
    return it->second;
  }

 private:
  SnapshotData* data_;
  std::unordered_map<std::string, uint8_t> categories_;
  std::unordered_map<std::string, uint32_t> warnings_;
};

void Count(ListingOutcome outcome, BuildStats* stats) {
  switch (outcome) {
    case ListingOutcome::kListed: ++stats->listed; break;
    case ListingOutcome::kInvalid: ++stats->invalid; break;
    case ListingOutcome::kAllowlisted: ++stats->allowlisted; break;
    case ListingOutcome::kNarrowed: ++stats->narrowed; break;
  }
}

// The BINs of indicator::AllBanks(), sorted (empty if there were ever more than bin codes).
std::vector<uint32_t> BankBins() {
  std::vector<uint32_t> bins;
  for (const indicator::Bank& bank : indicator::AllBanks()) {
    uint32_t bin = 0;
    std::string_view digits;
    if (SplitAccount(bank.bin + ":000000", &bin, &digits) && bin != 0) bins.push_back(bin);
  }
  std::sort(bins.begin(), bins.end());
  bins.erase(std::unique(bins.begin(), bins.end()), bins.end());
  if (bins.size() >= (1u << (16 - kSlotBinCodeShift))) bins.clear();
  return bins;
}

// Sets the bin code of the accounts list's slots whose entries all name the same known bank.
void SetBinCodes(const SnapshotData& data, std::vector<FlatHashTable::Slot>* slots) {
  for (FlatHashTable::Slot& slot : *slots) {
    if ((slot.flags & kSlotAnyBank) != 0) continue;
    uint32_t bin = data.entries[slot.begin].bin;
    bool single = true;
    for (uint32_t e = slot.begin + 1; e < slot.begin + slot.count; ++e) {
      single = single && data.entries[e].bin == bin;
    }
    if (single) slot.flags |= static_cast<uint16_t>(data.BinCode(bin) << kSlotBinCodeShift);
  }
}

// Sorts by (list, hash, source), keeps one entry per (list, hash, source, bin) — the earliest
// first_seen — and lays out the entries and each list's table.
void Layout(std::vector<RawEntry> raw, SnapshotData* data) {
  // A key with more than 65,535 (source, bank) entries keeps the first ones.
  std::sort(raw.begin(), raw.end(), [](const RawEntry& a, const RawEntry& b) {
    if (a.list != b.list) return a.list < b.list;
    if (a.hash != b.hash) return a.hash < b.hash;
    if (a.entry.source != b.entry.source) return a.entry.source < b.entry.source;
    if (a.entry.bin != b.entry.bin) return a.entry.bin < b.entry.bin;
    return a.entry.first_seen < b.entry.first_seen;
  });
  std::array<std::vector<FlatHashTable::Slot>, kKeyListCount> slots;
  data->entries.clear();
  data->entries.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    const RawEntry& r = raw[i];
    bool same_key = i > 0 && raw[i - 1].list == r.list && raw[i - 1].hash == r.hash;
    if (same_key && raw[i - 1].entry.source == r.entry.source &&
        raw[i - 1].entry.bin == r.entry.bin) {
      continue;  // the same key from the same source again
    }
    std::vector<FlatHashTable::Slot>& list_slots = slots[r.list];
    if (!same_key) {
      list_slots.push_back({r.hash, static_cast<uint32_t>(data->entries.size()), 0, 0});
    }
    FlatHashTable::Slot& slot = list_slots.back();
    if (slot.count == FlatHashTable::Slot::kMaxCount) continue;
    ++slot.count;
    if (r.list == static_cast<uint8_t>(KeyList::kAccounts) && r.entry.bin == 0) {
      slot.flags |= kSlotAnyBank;
    }
    data->entries.push_back(r.entry);
  }
  data->entries.shrink_to_fit();
  SetBinCodes(*data, &slots[static_cast<size_t>(KeyList::kAccounts)]);
  for (size_t list = 0; list < slots.size(); ++list) data->tables[list].Build(slots[list]);
}

}  // namespace

uint16_t SnapshotData::BinCode(uint32_t bin) const {
  auto it = std::lower_bound(bank_bins.begin(), bank_bins.end(), bin);
  if (it == bank_bins.end() || *it != bin) return 0;
  return static_cast<uint16_t>(it - bank_bins.begin() + 1);
}

void BuildData(SnapshotInput input, BuildStats* stats, SnapshotData* data) {
  BuildStats local;
  BuildStats* counts = stats != nullptr ? stats : &local;
  *counts = BuildStats{};
  data->version = input.version;
  data->sources = std::move(input.sources);
  data->allowlist = input.allowlist != nullptr ? input.allowlist : Allowlist::BuiltIn();
  Interner interner(data);
  std::vector<RawEntry> raw;
  raw.reserve(input.listings.size() + input.listings.size() / 8);
  std::vector<uint64_t> url_hosts;
  KeyScratch scratch;
  for (const Listing& listing : input.listings) {
    Entry entry;
    if (listing.source >= data->sources.size() ||
        !interner.Category(listing.category, &entry.category)) {
      ++counts->invalid;
      continue;
    }
    entry.source = listing.source;
    entry.first_seen = ClampSeconds(listing.first_seen);
    entry.flags = listing.override_allowlist ? Entry::kOverride : 0;
    uint32_t bin = 0;
    if (listing.kind == indicator::Kind::kBankAccount) {
      std::string_view digits;
      if (!SplitAccount(listing.canonical, &bin, &digits)) bin = 0;
    }
    bool warned = false;
    ListingOutcome outcome = ForEachListingKey(
        listing, *data->allowlist, &scratch, [&](KeyList list, std::string_view expression) {
          // The snapshot indexes an account under its digits only; the entry keeps the BIN.
          if (list == KeyList::kAccounts && expression.find(':') != std::string_view::npos) {
            return;
          }
          if (!warned) {
            entry.warning = interner.Warning(listing.warning_url);
            warned = true;
          }
          Entry e = entry;
          if (list == KeyList::kAccounts) e.bin = bin;
          if (list == KeyList::kUrls) {
            url_hosts.push_back(
                Hash64(expression.substr(0, expression.find('/')), kHostFilterSeed));
          }
          raw.push_back({Hash64(expression, ListSeed(list)), e, static_cast<uint8_t>(list)});
        });
    Count(outcome, counts);
  }
  data->listed = counts->listed;
  data->bank_bins = BankBins();
  Layout(std::move(raw), data);
  data->url_hosts.Build(std::move(url_hosts));
}

}  // namespace binhyen::index::internal
