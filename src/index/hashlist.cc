#include "index/hashlist.h"

#include <algorithm>
#include <string>
#include <unordered_map>

#include "crypto/hash.h"

namespace binhyen::index {
namespace {

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  return c - 'a' + 10;  // Sha256Hex is lower-case
}

// crypto/ exposes SHA-256 as hex only: decode its 64 digits into 32 bytes.
std::array<uint8_t, 32> Sha256Bytes(std::string_view data) {
  std::string hex = crypto::Sha256Hex(data);
  std::array<uint8_t, 32> out{};
  for (size_t i = 0; i < out.size(); ++i) {
    out[i] = static_cast<uint8_t>(HexDigit(hex[2 * i]) << 4 | HexDigit(hex[2 * i + 1]));
  }
  return out;
}

bool RecordLess(const FullHash& a, uint16_t ca, const FullHash& b, uint16_t cb) {
  if (a != b) return a < b;
  return ca < cb;
}

// Decodes an optional encoding (absent = no values); errors name `what`.
base::Result<std::vector<uint32_t>> DecodeOptional(const std::optional<RiceDeltaEncoding>& e,
                                                   const char* what) {
  if (!e.has_value()) return std::vector<uint32_t>{};
  base::Result<std::vector<uint32_t>> decoded = RiceDecode(*e);
  if (!decoded.ok()) return decoded.status().WithContext(what);
  return decoded;
}

}  // namespace

std::string_view HashListName(HashListKind kind) {
  switch (kind) {
    case HashListKind::kUrls: return "urls";
    case HashListKind::kPhones: return "phones";
    case HashListKind::kAccounts: return "accounts";
  }
  return "urls";
}

std::optional<HashListKind> ParseHashListName(std::string_view name) {
  for (HashListKind kind : kAllHashLists) {
    if (HashListName(kind) == name) return kind;
  }
  return std::nullopt;
}

FullHash HashExpression(std::string_view expression) { return Sha256Bytes(expression); }

Checksum PrefixChecksum(std::span<const uint32_t> sorted_prefixes) {
  std::string bytes;
  bytes.resize(sorted_prefixes.size() * 4);
  for (size_t i = 0; i < sorted_prefixes.size(); ++i) {
    uint32_t p = sorted_prefixes[i];
    bytes[4 * i] = static_cast<char>(p >> 24);
    bytes[4 * i + 1] = static_cast<char>(p >> 16);
    bytes[4 * i + 2] = static_cast<char>(p >> 8);
    bytes[4 * i + 3] = static_cast<char>(p);
  }
  return Sha256Bytes(bytes);
}

base::Result<HashList> HashList::Build(HashListKind kind, int64_t version,
                                       std::span<const HashListEntry> entries) {
  HashList list;
  list.kind_ = kind;
  list.version_ = version;
  std::unordered_map<std::string_view, uint16_t> category_ids;
  size_t count = 0;
  for (const HashListEntry& e : entries) count += e.list == kind ? 1 : 0;
  list.records_.reserve(count);
  for (const HashListEntry& e : entries) {
    if (e.list != kind) continue;
    auto it = category_ids.find(e.category);
    if (it == category_ids.end()) {
      if (list.categories_.size() >= 0xffff) {
        return base::InvalidArgumentError("hash list " + std::string(HashListName(kind)) +
                                          ": more than 65535 categories");
      }
      // The view points into `entries`, which outlives this function's map.
      it = category_ids.emplace(e.category, static_cast<uint16_t>(list.categories_.size())).first;
      list.categories_.push_back(e.category);
    }
    list.records_.push_back(Record{e.sha256, it->second, e.suspicious, e.first_seen});
  }
  std::sort(list.records_.begin(), list.records_.end(), [](const Record& a, const Record& b) {
    if (a.hash != b.hash) return a.hash < b.hash;
    if (a.category != b.category) return a.category < b.category;
    if (a.suspicious != b.suspicious) return a.suspicious < b.suspicious;
    return a.first_seen < b.first_seen;
  });
  // Keep the first (earliest) record of each (hash, category, suspicious).
  auto last =
      std::unique(list.records_.begin(), list.records_.end(), [](const Record& a, const Record& b) {
        return a.hash == b.hash && a.category == b.category && a.suspicious == b.suspicious;
      });
  list.records_.erase(last, list.records_.end());
  list.records_.shrink_to_fit();
  list.prefixes_.reserve(list.records_.size());
  for (const Record& r : list.records_) {
    uint32_t p = PrefixOf(r.hash);
    if (list.prefixes_.empty() || list.prefixes_.back() != p) list.prefixes_.push_back(p);
  }
  list.prefixes_.shrink_to_fit();
  list.checksum_ = PrefixChecksum(list.prefixes_);
  return list;
}

void HashList::FindByPrefix(uint32_t prefix, std::vector<HashMatch>* out) const {
  FullHash low{};
  low[0] = static_cast<uint8_t>(prefix >> 24);
  low[1] = static_cast<uint8_t>(prefix >> 16);
  low[2] = static_cast<uint8_t>(prefix >> 8);
  low[3] = static_cast<uint8_t>(prefix);
  auto it = std::lower_bound(
      records_.begin(), records_.end(), low,
      [](const Record& r, const FullHash& h) { return RecordLess(r.hash, r.category, h, 0); });
  for (; it != records_.end() && PrefixOf(it->hash) == prefix; ++it) {
    out->push_back(
        HashMatch{kind_, it->hash, categories_[it->category], it->first_seen, it->suspicious});
  }
}

base::Result<std::vector<uint32_t>> ApplyHashListUpdate(std::span<const uint32_t> old_sorted,
                                                        const HashListUpdate& update) {
  if (update.full) old_sorted = {};
  if (update.full && update.removals.has_value()) {
    return base::InvalidArgumentError("hash list update: a full update has no removals");
  }
  BINHYEN_ASSIGN_OR_RETURN(std::vector<uint32_t> removals,
                           DecodeOptional(update.removals, "removals"));
  BINHYEN_ASSIGN_OR_RETURN(std::vector<uint32_t> additions,
                           DecodeOptional(update.additions, "additions"));
  if (!removals.empty() && removals.back() >= old_sorted.size()) {
    return base::InvalidArgumentError("hash list update: removal index " +
                                      std::to_string(removals.back()) + " beyond a list of " +
                                      std::to_string(old_sorted.size()));
  }
  std::vector<uint32_t> result;
  result.reserve(old_sorted.size() - removals.size() + additions.size());
  size_t r = 0;  // next removal
  size_t a = 0;  // next addition
  for (size_t i = 0; i < old_sorted.size(); ++i) {
    if (r < removals.size() && removals[r] == i) {
      ++r;
      continue;
    }
    while (a < additions.size() && additions[a] < old_sorted[i]) result.push_back(additions[a++]);
    if (a < additions.size() && additions[a] == old_sorted[i]) {
      return base::InvalidArgumentError("hash list update: addition already present");
    }
    result.push_back(old_sorted[i]);
  }
  while (a < additions.size()) result.push_back(additions[a++]);
  if (PrefixChecksum(result) != update.checksum) {
    return base::FailedPreconditionError(
        "hash list " + std::string(HashListName(update.list)) +
        ": checksum mismatch after the update; do a full sync (since=0)");
  }
  return result;
}

}  // namespace binhyen::index
