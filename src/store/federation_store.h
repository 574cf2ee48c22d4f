#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "base/status.h"
#include "domain/federation.h"

namespace binhyen::store {

// ---------------------------------------------------------------------------------------------
// Several app nodes and federation (migration 0015). Included by store/store.h; the general
// contract of repositories written there applies (validation first, NotFound / AlreadyExists
// messages, no effect on error, read-only transactions refuse writes).

// The tokens one node took from a shared bucket since it last synchronised.
struct RateSpend {
  std::string key;   // 1..200 bytes (a client IP, an account name)
  double spent = 0;  // >= 0, finite
};

// A shared bucket's tokens after a Sync (may be negative: the bucket is in debt).
struct RateBucket {
  std::string key;
  double tokens = 0;
  friend bool operator==(const RateBucket&, const RateBucket&) = default;
};

// Token buckets shared by the app nodes of one store (http::RateLimiter keeps a local copy of
// each and synchronises it about once a second; docs/SCALING.md).
class RateLimitRepository {
 public:
  virtual ~RateLimitRepository() = default;

  // For each entry of `spent` (keys unique within the call; at most 10,000 entries, else
  // InvalidArgument "spent: at most 10000 keys"), atomically with respect to other nodes:
  //   tokens = max(-burst, min(burst, tokens + max(0, at - updated_at) * per_second) - spent),
  //   updated_at = max(updated_at, at)
  // where a bucket not stored yet starts with tokens = burst, updated_at = at. Buckets are
  // identified by (scope, key). Returns the new tokens of every key of `spent`, in the order of
  // `spent`. InvalidArgument "scope: ..." (1..64 bytes), "key: ..." (1..200 bytes), "spent: must
  // be >= 0", "per_second: must be > 0", "burst: must be >= 1".
  virtual base::Result<std::vector<RateBucket>> Sync(std::string_view scope,
                                                     std::span<const RateSpend> spent,
                                                     double per_second, double burst,
                                                     base::TimePoint at) = 0;

  // Deletes the buckets last updated before `before` (idle long enough to be full again: the
  // same as no bucket). Returns how many.
  virtual base::Result<int64_t> DeleteIdle(base::TimePoint before) = 0;
};

// A filter of FederationRepository::ListPeerWarnings.
struct PeerWarningFilter {
  bool published_only = true;  // leave out withdrawn warnings
  int limit = 50;              // 1..1000, else InvalidArgument "limit: ..."
};

class FederationRepository {
 public:
  virtual ~FederationRepository() = default;

  // --- Peers ---------------------------------------------------------------------------------
  // Creates peer `peer` (id, feed_source_id, pull state and created_at ignored; created_at =
  // `at`) and its feed source "peer.<name>" (format "federation", the peer's trust and enabled
  // flag). AlreadyExists "peer '<name>': already exists" / "peer: key already used by '<name>'";
  // AlreadyExists "feed peer.<name>: already exists" when such a source exists with another
  // format than "federation"; a "federation" one (left by a deleted peer of that name) is taken
  // over, its trust and enabled flag set (a new change version when they change). Returns it
  // stored.
  virtual base::Result<domain::Peer> CreatePeer(const domain::Peer& peer, base::TimePoint at) = 0;
  // NotFound "peer '<name>': not found".
  virtual base::Result<domain::Peer> GetPeer(std::string_view name) = 0;
  virtual base::Result<domain::Peer> GetPeerById(int64_t id) = 0;  // NotFound "peer <id>: ..."
  // Every peer, by name.
  virtual base::Result<std::vector<domain::Peer>> ListPeers() = 0;
  // Changes url, public_key, trust, enabled and relay of peer `peer.name` (the rest is kept);
  // the feed source's trust and enabled flag follow (a new change version when they change, as
  // FeedRepository::UpsertSource). A new public_key resets cursor and last_generated_at to 0 /
  // unset. NotFound; AlreadyExists for a key used by another peer. Returns it stored.
  virtual base::Result<domain::Peer> UpdatePeer(const domain::Peer& peer) = 0;
  // Removes the peer, its warnings and conflicts, and every entry of its feed source (the source
  // itself is kept, disabled and empty, with a new change version, so the index drops its
  // listings). Entries it relayed into our feed become withdrawn. NotFound.
  virtual base::Status DeletePeer(std::string_view name, base::TimePoint at) = 0;
  // Claims the next pull of peer `id` for this node: when the peer is enabled and its
  // last_attempt_at is unset or before `due_before`, sets last_attempt_at = `at` and returns true;
  // otherwise returns false and changes nothing. Atomic across nodes (one of two nodes claiming
  // at once gets false, or Aborted on PostgreSQL). NotFound.
  virtual base::Result<bool> ClaimPull(int64_t id, base::TimePoint due_before,
                                       base::TimePoint at) = 0;
  // Records a pull of peer `id`: last_attempt_at = at; on success (`error` empty)
  // last_success_at = at, last_error = "", and when `cursor` / `generated_at` are given they
  // replace the stored ones; on failure only last_error = error (first 500 bytes). NotFound.
  virtual base::Status RecordPull(int64_t id, std::optional<int64_t> cursor,
                                  std::optional<base::TimePoint> generated_at,
                                  std::string_view error, base::TimePoint at) = 0;

  // --- Our outgoing feed ---------------------------------------------------------------------
  // Upserts the state of each (kind, canonical, origin) of `entries` (seq and changed_at
  // ignored). An entry whose state, category, hops and expires_at equal the stored row's is left
  // alone (no new seq: republishing is idempotent). Every other one gets the next value of the
  // shared feed sequence (in commit order, like the indicator change version, so that a reader
  // at seq s only needs rows > s) and changed_at = `at`. Validates every entry first. Returns how
  // many rows changed.
  virtual base::Result<int64_t> Publish(std::span<const domain::FederationEntry> entries,
                                        base::TimePoint at) = 0;
  // The stored row of (kind, canonical, origin), or nullopt.
  virtual base::Result<std::optional<domain::FederationEntry>> GetEntry(
      indicator::Kind kind, std::string_view canonical, std::string_view origin) = 0;
  // Upserts warnings by (origin, remote_id), with the same "unchanged rows keep their seq" rule
  // and the same sequence. Returns how many rows changed.
  virtual base::Result<int64_t> PublishWarnings(std::span<const domain::FederationWarning> warnings,
                                                base::TimePoint at) = 0;
  // Our warnings rows of `origin` (to find what to withdraw), by remote_id.
  virtual base::Result<std::vector<domain::FederationWarning>> ListWarnings(
      std::string_view origin) = 0;
  // Entries and warnings with seq > `since`, by seq ascending, at most `limit` rows in all
  // (1..10000, else InvalidArgument "limit: ..."). Both lists are sorted by seq.
  struct Changes {
    std::vector<domain::FederationEntry> entries;
    std::vector<domain::FederationWarning> warnings;
  };
  virtual base::Result<Changes> ChangesSince(int64_t since, int limit) = 0;
  // The rows in state listed whose expires_at is <= `now` (whatever their origin), by seq, at
  // most `limit` (1..10000, else InvalidArgument "limit: ..."): PublishOwn withdraws them, so
  // that peers drop a listing when it expires even though nothing wrote its indicator.
  virtual base::Result<std::vector<domain::FederationEntry>> ExpiredListings(base::TimePoint now,
                                                                             int limit) = 0;
  // The highest seq handed out (0 when none).
  virtual base::Result<int64_t> CurrentSeq() = 0;

  // The indicator change version (IndicatorRepository::CurrentVersion) up to which our own
  // indicators were published into the feed; 0 at first. SetOwnCursor takes a lock that is held
  // to commit, so two nodes publishing at once are serialised (the second sees the new cursor
  // after the first commits, or gets Aborted on PostgreSQL and retries).
  virtual base::Result<int64_t> OwnCursor() = 0;
  virtual base::Status SetOwnCursor(int64_t version) = 0;
  // Takes the same lock as SetOwnCursor and returns the cursor: call first in a publishing
  // transaction.
  virtual base::Result<int64_t> LockOwnCursor() = 0;

  // --- Warnings received from peers ----------------------------------------------------------
  // Upserts by (peer_id, origin, remote_id). NotFound for an unknown peer.
  virtual base::Status PutPeerWarnings(int64_t peer_id,
                                       std::span<const domain::FederationWarning> warnings) = 0;
  // Warnings of every enabled peer, most recently published first, withdrawn ones (published_at
  // unset) last; ties by remote_id descending, then peer_id descending.
  virtual base::Result<std::vector<domain::PeerWarning>> ListPeerWarnings(
      const PeerWarningFilter& filter) = 0;

  // --- Conflicts -----------------------------------------------------------------------------
  // Records that peer `peer_id` says `remote_state` of an indicator we list (id, resolved_at
  // ignored). When an open conflict of the same peer, kind and canonical exists, only its
  // remote_state and seen_at are updated. Returns the conflict's id. NotFound for the peer.
  virtual base::Result<int64_t> RecordConflict(const domain::FederationConflict& conflict) = 0;
  // Open conflicts (resolved_at unset), or all, newest first (id descending), at most `limit`
  // (1..1000).
  virtual base::Result<std::vector<domain::FederationConflict>> ListConflicts(bool open_only,
                                                                              int limit) = 0;
  // Sets resolved_at = `at`. NotFound "conflict <id>: not found"; FailedPrecondition "conflict
  // <id>: already resolved".
  virtual base::Status ResolveConflict(int64_t id, base::TimePoint at) = 0;
};

// Wakes a waiting thread when another process (or this one) commits a change of what the
// reputation index lists: an indicator record, a feed source or its entries. PostgreSQL:
// LISTEN / NOTIFY on a connection of its own. Thread safety: Wait from one thread at a time;
// Wake from any thread.
class ChangeListener {
 public:
  virtual ~ChangeListener() = default;
  // Blocks until a change is notified, Wake() is called, or `timeout` passes. True when a
  // change was notified (or the connection was lost and re-established, when changes may have
  // been missed: the caller should check the version anyway). Reconnects by itself (at most once
  // per second) when the connection drops.
  virtual bool Wait(std::chrono::milliseconds timeout) = 0;
  // Makes the current (or next) Wait return at once.
  virtual void Wake() = 0;
};

}  // namespace binhyen::store
