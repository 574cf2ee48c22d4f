#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "index/hashlist.h"
#include "index/snapshot.h"
#include "service/warning_urls.h"
#include "store/store.h"

namespace binhyen::service {

// What a check sees: the snapshot of our own confirmed indicators and the snapshot of the
// enabled imported sources, taken together. Two snapshots so that a confirmation (a few
// thousand own listings to rebuild) reaches lookups within a second even when the imported
// sources hold millions of listings (rebuilt only when a source is imported or switched).
// Thread safety: immutable; thread-safe.
class ReputationView {
 public:
  ReputationView(std::shared_ptr<const index::Snapshot> own,
                 std::shared_ptr<const index::Snapshot> feeds, int64_t version);

  // The store's change version both snapshots reflect (the index_version of answers).
  int64_t version() const { return version_; }
  const index::Snapshot& own() const { return *own_; }
  const index::Snapshot& feeds() const { return *feeds_; }

  // Checks `input` in both snapshots: matches of our own first, then the sources'; the verdict
  // is the stronger of the two (dangerous > suspicious > trusted > unknown).
  index::CheckResult Check(indicator::Kind kind, std::string_view input,
                           std::string_view bank = {}) const;

 private:
  std::shared_ptr<const index::Snapshot> own_;
  std::shared_ptr<const index::Snapshot> feeds_;
  int64_t version_;
};

struct ReputationOptions {
  // How often the background refresh asks the store for changes (one cheap query), when the
  // store has no change listener (SQLite).
  std::chrono::milliseconds refresh_period{250};
  // With a change listener (PostgreSQL LISTEN / NOTIFY: another node's confirmation wakes the
  // refresh at once), the longest wait between two version checks: the fallback when
  // notifications are unavailable (e.g. YugabyteDB) or lost.
  std::chrono::milliseconds listen_timeout{std::chrono::seconds(1)};
  // The hash-prefix lists are rebuilt at most this often (they are hashed in full).
  std::chrono::milliseconds hash_list_period{std::chrono::seconds(5)};
  index::HashListSetOptions hash_lists;
};

// The reputation service: keeps a ReputationView and the hash-prefix lists in step with the
// store. Listed are: indicator records with status confirmed and not expired (source
// "binhyen", trust high; a source named "override:..." lets an analyst list a protected
// host), and the active entries of enabled imported sources (source "feed:<name>", with the
// source's trust). A record with status delisted (an accepted dispute) removes that indicator
// from every source. Expiry is followed too: a record stops being listed when it expires.
//
// Thread safety: thread-safe. view() and hash_lists() never block on the store.
class Reputation {
 public:
  // `store` and `clock` must outlive this object. Starts with empty snapshots (version 0);
  // call Refresh() or Start().
  Reputation(store::Store& store, const base::Clock& clock, ReputationOptions options = {});
  ~Reputation();
  Reputation(const Reputation&) = delete;
  Reputation& operator=(const Reputation&) = delete;

  // Brings the view up to date with the store now (and the hash lists when they are due or
  // `hash_lists_now`). Ok when nothing changed. Errors come from the store; the previous view
  // stays in place.
  base::Status Refresh(bool hash_lists_now = false);

  // Starts / stops the background refresh thread (Stop also runs from the destructor). Start
  // asks the store for a change listener (store::Store::ListenForChanges): with one, the refresh
  // runs when a change is notified and at least every options.listen_timeout; without one (or
  // when it cannot be opened: logged, the server still starts) every options.refresh_period.
  void Start();
  void Stop();

  std::shared_ptr<const ReputationView> view() const;
  // The hash-prefix lists of everything the view lists (thread-safe itself).
  const index::HashListSet& hash_lists() const { return hash_lists_; }

 private:
  struct OwnRecord {
    std::string category;
    int64_t first_seen = 0;
    std::optional<base::TimePoint> expires_at;
    domain::IndicatorStatus status = domain::IndicatorStatus::kPending;
    bool override_allowlist = false;
  };
  using Key = std::pair<indicator::Kind, std::string>;
  struct FeedCache {
    int64_t version = -1;
    std::string name;
    index::Trust trust = index::Trust::kMedium;
    std::vector<index::Listing> entries;  // source left 0: set when the snapshot is built
    // The hash-list entries of `entries` (computed on the first hash-list build of this
    // version), and for each the index of the listing it came from. Guarded by hash_mu_:
    // `entries` never changes once the cache is made, so the hash builder reads it unlocked.
    bool hashed_valid = false;
    std::vector<index::HashListEntry> hashed;
    std::vector<uint32_t> hashed_from;
  };
  // What a hash-list build needs, taken under refresh_mu_ and used without it (the caches are
  // shared, never copied).
  struct HashJob {
    int64_t version = 0;
    std::shared_ptr<const std::vector<index::Listing>> own;
    std::vector<std::shared_ptr<FeedCache>> feeds;
    std::set<Key> delisted;
    std::shared_ptr<const index::Snapshot> snapshot;  // for its allowlist
  };

  base::Status RefreshLocked(bool hash_lists_now);
  base::Status LoadOwnChanges(store::Transaction& tx, bool* changed);
  base::Status LoadFeeds(store::Transaction& tx, bool* changed);
  std::shared_ptr<const index::Snapshot> BuildOwn(base::TimePoint now);
  std::shared_ptr<const index::Snapshot> BuildFeeds();
  HashJob MakeHashJob() const;
  // Builds and publishes the hash lists of `job`. Serialised by hash_mu_.
  base::Status BuildHashLists(const HashJob& job);
  void Run();
  void RunHashLists();

  store::Store& store_;
  const base::Clock& clock_;
  const ReputationOptions options_;

  std::mutex refresh_mu_;  // serialises Refresh; guards everything below up to the atomics
  int64_t own_version_ = 0;
  std::map<Key, OwnRecord> own_;
  WarningUrls warning_urls_;
  std::set<Key> delisted_;                                   // own records with status delisted
  bool delisted_changed_ = false;                            // since the feeds' snapshot was built
  std::map<std::string, std::shared_ptr<FeedCache>> feeds_;  // by source name
  std::optional<base::TimePoint> next_expiry_;
  // What own_snapshot_ was built from.
  std::shared_ptr<const std::vector<index::Listing>> own_listings_ =
      std::make_shared<const std::vector<index::Listing>>();
  std::shared_ptr<const index::Snapshot> own_snapshot_;
  std::shared_ptr<const index::Snapshot> feeds_snapshot_;
  bool hash_lists_stale_ = true;
  std::chrono::steady_clock::time_point hash_lists_built_{};

  std::atomic<std::shared_ptr<const ReputationView>> view_;
  index::HashListSet hash_lists_;
  std::mutex hash_mu_;              // serialises hash-list builds
  int64_t hash_lists_version_ = 0;  // guarded by hash_mu_

  // The background threads: the refresh loop and the hash-list builder, so that hashing a
  // million imported entries never delays the next refresh (a confirmation within a second).
  std::mutex run_mu_;
  std::condition_variable run_cv_;
  bool stopping_ = false;            // guarded by run_mu_
  std::optional<HashJob> hash_job_;  // guarded by run_mu_: the newest job not yet built
  std::thread thread_;
  std::thread hash_thread_;
  // Set by Start before the refresh thread runs, reset by Stop after it is joined; Wait is
  // called by that thread only, Wake by Stop.
  std::unique_ptr<store::ChangeListener> listener_;
};

}  // namespace binhyen::service
