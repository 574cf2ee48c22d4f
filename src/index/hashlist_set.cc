#include <algorithm>
#include <string>
#include <utility>

#include "base/check.h"
#include "index/hashlist.h"

namespace binhyen::index {
namespace {

// Indices (into `old_sorted`) of the values missing from `new_sorted`, and the values of
// `new_sorted` missing from `old_sorted`: one merge pass.
void Diff(std::span<const uint32_t> old_sorted, std::span<const uint32_t> new_sorted,
          std::vector<uint32_t>* removals, std::vector<uint32_t>* additions) {
  size_t i = 0;
  size_t j = 0;
  while (i < old_sorted.size() || j < new_sorted.size()) {
    if (j == new_sorted.size() || (i < old_sorted.size() && old_sorted[i] < new_sorted[j])) {
      removals->push_back(static_cast<uint32_t>(i++));
    } else if (i == old_sorted.size() || new_sorted[j] < old_sorted[i]) {
      additions->push_back(new_sorted[j++]);
    } else {
      ++i;
      ++j;
    }
  }
}

// Rice-codes a set, absent when empty. The values are a strictly ascending set produced here
// and RiceEncode's parameter choice bounds the size, so encoding cannot fail.
std::optional<RiceDeltaEncoding> EncodeSet(std::span<const uint32_t> values) {
  if (values.empty()) return std::nullopt;
  base::Result<RiceDeltaEncoding> encoded = RiceEncode(values);
  BINHYEN_CHECK(encoded.ok(), "rice encoding of a set failed");
  return *std::move(encoded);
}

}  // namespace

HashListSet::HashListSet(HashListSetOptions options) : options_(options) {
  auto state = std::make_shared<State>();
  for (HashListKind kind : kAllHashLists) {
    ListState& list = state->lists[static_cast<size_t>(kind)];
    base::Result<HashList> empty = HashList::Build(kind, 0, {});
    BINHYEN_CHECK(empty.ok(), "an empty hash list always builds");
    list.current = std::make_shared<const HashList>(*std::move(empty));
    list.history.push_back(Version{0, std::make_shared<std::optional<RiceDeltaEncoding>>()});
  }
  state_ = std::move(state);
  if (options_.history_versions == 0) options_.history_versions = 1;
}

std::shared_ptr<const HashListSet::State> HashListSet::Snapshot() const {
  std::lock_guard<std::mutex> lock(mu_);
  return state_;
}

base::Status HashListSet::Publish(int64_t version, std::span<const HashListEntry> entries) {
  std::shared_ptr<const State> old = Snapshot();
  if (version <= old->published_version) {
    return base::InvalidArgumentError("hash lists: version " + std::to_string(version) +
                                      " is not after " + std::to_string(old->published_version));
  }
  auto next = std::make_shared<State>(*old);
  next->published_version = version;
  for (HashListKind kind : kAllHashLists) {
    ListState& list = next->lists[static_cast<size_t>(kind)];
    BINHYEN_ASSIGN_OR_RETURN(HashList built, HashList::Build(kind, version, entries));
    const HashList& previous = *list.current;
    bool unchanged = std::equal(built.prefixes().begin(), built.prefixes().end(),
                                previous.prefixes().begin(), previous.prefixes().end());
    if (unchanged) {
      // Same prefixes: clients keep their version; only the metadata is refreshed.
      built.version_ = previous.version();
      list.current = std::make_shared<const HashList>(std::move(built));
      continue;
    }
    auto encoded =
        std::make_shared<const std::optional<RiceDeltaEncoding>>(EncodeSet(built.prefixes()));
    list.current = std::make_shared<const HashList>(std::move(built));
    list.history.push_back(Version{version, std::move(encoded)});
    if (list.history.size() > options_.history_versions) {
      list.history.erase(list.history.begin(),
                         list.history.end() - static_cast<ptrdiff_t>(options_.history_versions));
    }
  }
  std::lock_guard<std::mutex> lock(mu_);
  if (state_ != old) {
    return base::Status(base::StatusCode::kAborted, "hash lists: concurrent Publish; retry");
  }
  state_ = std::move(next);
  return base::Status::Ok();
}

base::Result<HashListUpdate> HashListSet::Update(HashListKind kind, int64_t since_version) const {
  std::shared_ptr<const State> state = Snapshot();
  const ListState& list = state->lists[static_cast<size_t>(kind)];
  const HashList& current = *list.current;
  HashListUpdate update;
  update.list = kind;
  update.version = current.version();
  update.checksum = current.checksum();
  update.minimum_wait_seconds = options_.minimum_wait_seconds;
  auto from = std::find_if(list.history.begin(), list.history.end(),
                           [&](const Version& v) { return v.version == since_version; });
  if (since_version <= 0 || from == list.history.end()) {
    update.full = true;
    update.additions = *list.history.back().prefixes;
    return update;
  }
  const DiffKey key{kind, since_version, current.version()};
  if (std::optional<HashListUpdate> cached = CachedDiff(key)) return *std::move(cached);
  std::vector<uint32_t> old_prefixes;
  if (from->prefixes->has_value()) {
    base::Result<std::vector<uint32_t>> decoded = RiceDecode(**from->prefixes);
    BINHYEN_CHECK(decoded.ok(), "a stored version decodes");
    old_prefixes = *std::move(decoded);
  }
  std::vector<uint32_t> removals;
  std::vector<uint32_t> additions;
  Diff(old_prefixes, current.prefixes(), &removals, &additions);
  update.additions = EncodeSet(additions);
  update.removals = EncodeSet(removals);
  CacheDiff(key, update);
  return update;
}

std::optional<HashListUpdate> HashListSet::CachedDiff(const DiffKey& key) const {
  std::lock_guard<std::mutex> lock(cache_mu_);
  auto it = diff_cache_.find(key);
  if (it == diff_cache_.end()) return std::nullopt;
  return it->second;
}

void HashListSet::CacheDiff(const DiffKey& key, const HashListUpdate& update) const {
  std::lock_guard<std::mutex> lock(cache_mu_);
  // Entries for superseded versions are never asked again: drop them all when the cache holds
  // more than the diffs possible for one generation of the lists.
  if (diff_cache_.size() >= kAllHashLists.size() * options_.history_versions) diff_cache_.clear();
  diff_cache_.emplace(key, update);
}

base::Result<HashSearchResult> HashListSet::Search(std::span<const uint32_t> prefixes) const {
  if (prefixes.size() > kMaxSearchPrefixes) {
    return base::InvalidArgumentError("hashes:search: " + std::to_string(prefixes.size()) +
                                      " prefixes, at most " + std::to_string(kMaxSearchPrefixes) +
                                      " allowed");
  }
  std::vector<uint32_t> unique(prefixes.begin(), prefixes.end());
  std::sort(unique.begin(), unique.end());
  unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
  std::shared_ptr<const State> state = Snapshot();
  HashSearchResult result;
  result.cache_duration_seconds = options_.cache_duration_seconds;
  result.negative_cache_duration_seconds = options_.negative_cache_duration_seconds;
  for (const ListState& list : state->lists) {
    for (uint32_t p : unique) list.current->FindByPrefix(p, &result.matches);
  }
  return result;
}

int64_t HashListSet::CurrentVersion(HashListKind kind) const {
  return Snapshot()->lists[static_cast<size_t>(kind)].current->version();
}

}  // namespace binhyen::index
