#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "base/result.h"
#include "index/rice.h"

namespace binhyen::index {

// Hash-prefix lists, modelled on the Safe Browsing Update API v4 (threatListUpdates) and v5
// (hashes:search); the protocol is specified in docs/HASHLISTS.md. A client keeps the sorted
// 4-byte SHA-256 prefixes of every listed lookup expression, checks locally, and asks the
// server for the full hashes only of the prefixes that hit, so the server never learns what was
// checked unless it is (probably) listed.

// The lists. Names are the wire names.
enum class HashListKind : uint8_t {
  kUrls,      // "urls": Safe Browsing expressions "host/path?query", "host/"
  kPhones,    // "phones": E.164 "+84912345678"
  kAccounts,  // "accounts": "BIN:digits" and "digits"
};
inline constexpr std::array<HashListKind, 3> kAllHashLists = {
    HashListKind::kUrls, HashListKind::kPhones, HashListKind::kAccounts};
std::string_view HashListName(HashListKind kind);
std::optional<HashListKind> ParseHashListName(std::string_view name);

using FullHash = std::array<uint8_t, 32>;  // SHA-256
using Checksum = std::array<uint8_t, 32>;  // SHA-256

// SHA-256 of the UTF-8 bytes of `expression`.
FullHash HashExpression(std::string_view expression);

// The prefix of a full hash: its first 4 bytes read as a big-endian integer, so that integer
// order is the bytes' lexicographic order.
inline uint32_t PrefixOf(const FullHash& hash) {
  return (uint32_t{hash[0]} << 24) | (uint32_t{hash[1]} << 16) | (uint32_t{hash[2]} << 8) |
         uint32_t{hash[3]};
}

// SHA-256 over the concatenation of the prefixes as 4 big-endian bytes each.
// REQUIRES: `sorted_prefixes` strictly ascending (the checksum is of the sorted list).
Checksum PrefixChecksum(std::span<const uint32_t> sorted_prefixes);

// One listed expression, as the builders take it.
struct HashListEntry {
  HashListKind list = HashListKind::kUrls;
  FullHash sha256{};       // HashExpression(expression)
  std::string category;    // "phishing", "scam_call", ...
  int64_t first_seen = 0;  // unix seconds
  // Listed only by a source trusted low or medium: the check API says "suspicious", and a
  // client must too.
  bool suspicious = false;
};

// A full hash returned by hashes:search.
struct HashMatch {
  HashListKind list = HashListKind::kUrls;
  FullHash full_hash{};
  std::string category;
  int64_t first_seen = 0;
  bool suspicious = false;  // see HashListEntry

  friend bool operator==(const HashMatch&, const HashMatch&) = default;
};

// One list at one version: sorted distinct prefixes (what clients hold) and the full hashes with
// their metadata (what hashes:search answers).
// Thread safety: immutable after Build; safe to share read-only.
class HashList {
 public:
  // Builds the list `kind` from the entries of that list in `entries` (entries of other lists
  // are ignored). Duplicate (hash, category) pairs keep the earliest first_seen. Sorts; about
  // 60 bytes per entry transiently. Returns InvalidArgument with more than 65,535 distinct
  // categories.
  static base::Result<HashList> Build(HashListKind kind, int64_t version,
                                      std::span<const HashListEntry> entries);

  HashListKind kind() const { return kind_; }
  int64_t version() const { return version_; }
  std::span<const uint32_t> prefixes() const { return prefixes_; }
  const Checksum& checksum() const { return checksum_; }
  size_t full_hash_count() const { return records_.size(); }

  // Appends to `out` every full hash starting with `prefix`, in hash order.
  void FindByPrefix(uint32_t prefix, std::vector<HashMatch>* out) const;

 private:
  friend class HashListSet;  // keeps the version of a list whose prefixes did not change

  struct Record {
    FullHash hash;
    uint16_t category;
    bool suspicious;
    int64_t first_seen;
  };
  HashListKind kind_ = HashListKind::kUrls;
  int64_t version_ = 0;
  std::vector<uint32_t> prefixes_;
  std::vector<Record> records_;  // sorted by (hash, category)
  std::vector<std::string> categories_;
  Checksum checksum_{};
};

// The answer of GET /api/v1/hashlists/{name}?since=V.
struct HashListUpdate {
  HashListKind list = HashListKind::kUrls;
  int64_t version = 0;  // the version the client holds after applying this update
  bool full = false;    // true: replace the local list (additions = the whole list)
  std::optional<RiceDeltaEncoding> additions;  // absent: none
  std::optional<RiceDeltaEncoding> removals;   // indices into the client's old sorted list
  Checksum checksum{};                         // PrefixChecksum of the resulting list
  int64_t minimum_wait_seconds = 0;            // do not ask again sooner

  friend bool operator==(const HashListUpdate&, const HashListUpdate&) = default;
};

// The answer of POST /api/v1/hashes:search.
struct HashSearchResult {
  std::vector<HashMatch> matches;
  int64_t cache_duration_seconds = 0;           // how long a positive answer may be cached
  int64_t negative_cache_duration_seconds = 0;  // how long "no full hash for this prefix" may be

  friend bool operator==(const HashSearchResult&, const HashSearchResult&) = default;
};

inline constexpr size_t kMaxSearchPrefixes = 1000;

// Client side: applies `update` to `old_sorted` (the client's list at its version) and returns
// the new sorted list. For a full update `old_sorted` is ignored. Returns InvalidArgument when
// the update is malformed (bad Rice data, a removal index out of range, an addition already
// present), and FailedPrecondition "checksum mismatch ... do a full sync" when the result does
// not have the announced checksum: the client must then fetch with since=0.
base::Result<std::vector<uint32_t>> ApplyHashListUpdate(std::span<const uint32_t> old_sorted,
                                                        const HashListUpdate& update);

struct HashListSetOptions {
  size_t history_versions = 32;  // past versions per list a diff can start from
  int64_t minimum_wait_seconds = 60;
  int64_t cache_duration_seconds = 300;
  int64_t negative_cache_duration_seconds = 300;
};

// The server's lists: the current HashList per kind plus the prefix sets of the last
// `history_versions` versions, so that Update can send a diff.
// Thread safety: thread-safe. Publish swaps an immutable state under a mutex; Update and Search
// take a reference to the current state and work without that lock (a small diff cache has its
// own mutex).
class HashListSet {
 public:
  explicit HashListSet(HashListSetOptions options = {});

  // Replaces every list by the one built from `entries`, at `version` (the index version; must
  // be greater than any version published before, else InvalidArgument). Publish calls are
  // meant to come from one thread; one that races another returns Aborted and changes nothing. A
  // list whose prefix set is unchanged keeps its previous version (clients holding it get an empty
  // diff); the metadata served by Search is always the newest.
  base::Status Publish(int64_t version, std::span<const HashListEntry> entries);

  // The update from `since_version` to the current version of `list`: a diff when
  // since_version is a version of that list still in the history (an empty diff when it is the
  // current one), else (0, unknown, evicted, or newer than current) the full list. Before the
  // first Publish the lists are empty at version 0.
  base::Result<HashListUpdate> Update(HashListKind list, int64_t since_version) const;

  // The full hashes (all lists) whose prefix is one of `prefixes`. Returns InvalidArgument for
  // more than kMaxSearchPrefixes prefixes. Duplicated prefixes are answered once.
  base::Result<HashSearchResult> Search(std::span<const uint32_t> prefixes) const;

  // The current version of `list` (0 before any entry was ever published in it).
  int64_t CurrentVersion(HashListKind list) const;

 private:
  // A past version's prefix set, kept Rice-coded (about 14 bits per prefix for uniform
  // prefixes instead of 32): the full update of that version, decoded when a diff needs it.
  struct Version {
    int64_t version;
    std::shared_ptr<const std::optional<RiceDeltaEncoding>> prefixes;  // nullopt: empty set
  };
  struct ListState {
    std::shared_ptr<const HashList> current;
    std::vector<Version> history;  // oldest first; back() is the current version
  };
  struct State {
    int64_t published_version = 0;
    std::array<ListState, kAllHashLists.size()> lists;
  };

  std::shared_ptr<const State> Snapshot() const;

  // Diffs already computed, keyed by (list, since, current version of the list): clients poll
  // from the same few versions, and a diff of a large list costs a decode and a merge.
  using DiffKey = std::tuple<HashListKind, int64_t, int64_t>;
  std::optional<HashListUpdate> CachedDiff(const DiffKey& key) const;
  void CacheDiff(const DiffKey& key, const HashListUpdate& update) const;

  HashListSetOptions options_;
  mutable std::mutex mu_;
  std::shared_ptr<const State> state_;  // guarded by mu_
  mutable std::mutex cache_mu_;
  mutable std::map<DiffKey, HashListUpdate> diff_cache_;  // guarded by cache_mu_
};

}  // namespace binhyen::index
