#include "store/feed_input.h"

#include <algorithm>
#include <array>
#include <string>
#include <string_view>

#include "domain/feed.h"

namespace binhyen::store {

base::Status ValidateFeedInputs(std::span<const FeedEntryInput> entries) {
  domain::FeedEntry probe;
  for (size_t i = 0; i < entries.size(); ++i) {
    const FeedEntryInput& in = entries[i];
    // Validate() reads only these fields (and the equal first / last seen).
    probe.kind = in.kind;
    probe.canonical = in.canonical;
    probe.category = in.category;
    base::Status s = domain::Validate(probe);
    if (!s.ok()) {
      return base::InvalidArgumentError("entries[" + std::to_string(i) + "]." + s.message());
    }
  }
  return base::Status::Ok();
}

namespace {

// A sort key that settles most comparisons without touching the strings: the kind's rank in
// name order, then the first 8 bytes of the canonical as a big-endian integer (byte order is
// kept: shorter strings are padded with zeros, which sort first, as a prefix sorts before its
// extensions); ties fall back to the whole strings, then to the input position.
struct SortKey {
  uint64_t prefix = 0;
  uint32_t rank = 0;
  uint32_t index = 0;
};

uint32_t KindRank(indicator::Kind kind) {
  uint32_t rank = 0;
  for (indicator::Kind other : indicator::kAllKinds) {
    if (indicator::KindName(other) < indicator::KindName(kind)) ++rank;
  }
  return rank;
}

uint64_t Prefix(std::string_view s) {
  uint64_t out = 0;
  for (size_t i = 0; i < 8; ++i) {
    out <<= 8;
    if (i < s.size()) out |= static_cast<unsigned char>(s[i]);
  }
  return out;
}

}  // namespace

std::vector<uint32_t> FeedInputOrder(std::span<const FeedEntryInput> entries) {
  std::array<uint32_t, indicator::kAllKinds.size()> ranks{};
  for (indicator::Kind k : indicator::kAllKinds) ranks[static_cast<size_t>(k)] = KindRank(k);
  std::vector<SortKey> keys(entries.size());
  for (size_t i = 0; i < entries.size(); ++i) {
    keys[i] = SortKey{Prefix(entries[i].canonical), ranks[static_cast<size_t>(entries[i].kind)],
                      static_cast<uint32_t>(i)};
  }
  // Same (kind, canonical): true when a sorts before b, ignoring the position.
  auto key_less = [&](const SortKey& a, const SortKey& b) {
    if (a.rank != b.rank) return a.rank < b.rank;
    if (a.prefix != b.prefix) return a.prefix < b.prefix;
    return std::string_view(entries[a.index].canonical) <
           std::string_view(entries[b.index].canonical);
  };
  std::sort(keys.begin(), keys.end(), [&](const SortKey& a, const SortKey& b) {
    if (key_less(a, b)) return true;
    if (key_less(b, a)) return false;
    return a.index < b.index;  // duplicates in input order: the last one ends the run
  });
  std::vector<uint32_t> out;
  out.reserve(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    if (i + 1 == keys.size() || key_less(keys[i], keys[i + 1])) out.push_back(keys[i].index);
  }
  return out;
}

}  // namespace binhyen::store
