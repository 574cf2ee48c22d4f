#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <functional>
#include <list>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/clock.h"

namespace binhyen::http {

class RateLimitSync;

// Token buckets keyed by a string (client IP, account name). Each key starts with a full bucket
// of `burst` tokens that refills at `per_second` tokens per second (monotonic clock) up to
// `burst`.
// Memory is bounded by max_keys: the keys are split into shards (16 when max_keys >= 1024, else
// one, so a small limit is exact), each holding at most ceil(max_keys / shards) buckets. When a
// shard is full, a new key evicts one of the 8 least recently used buckets: the first of them
// that has refilled completely (an idle key, the same as no bucket at all), otherwise the
// fullest of them (that key gets a fresh bucket later: a small leniency under key flooding that
// never grows memory). Eviction is O(1).
//
// Several app nodes (http::RateLimitSync): a limiter given a sync and a scope name records the
// tokens taken per key since its last synchronisation; the sync's thread drains them about twice
// a second, adds them to the shared bucket of (scope, key) and sets the local bucket to the
// shared tokens (minus what was taken locally meanwhile). Take never waits for the sync: a node
// may let through up to its local tokens before it learns of other nodes' spending.
// Thread safety: thread-safe (one mutex per shard).
class RateLimiter {
 public:
  struct Options {
    double per_second = 1;  // <= 0: unlimited (every Take is allowed, nothing is stored)
    double burst = 10;      // bucket capacity, >= 1 when limited
    size_t max_keys = 100'000;
  };

  // Sharing of the buckets with other nodes; none when `sync` is null.
  struct Sharing {
    RateLimitSync* sync = nullptr;  // must outlive the limiter
    std::string scope;              // 1..64 bytes, the same on every node, e.g. "api.report"
  };

  // `clock` must outlive the limiter. REQUIRES (BINHYEN_CHECK): options.burst >= 1 and
  // options.max_keys >= 1 when per_second > 0; a scope of 1..64 bytes with a sync. An unlimited
  // limiter (per_second <= 0) is never registered with the sync.
  RateLimiter(const base::Clock& clock, Options options, Sharing sharing);
  RateLimiter(const base::Clock& clock, Options options);  // local only
  ~RateLimiter();
  RateLimiter(const RateLimiter&) = delete;
  RateLimiter& operator=(const RateLimiter&) = delete;

  struct Decision {
    bool allowed = true;
    std::chrono::seconds retry_after{0};  // when refused: >= 1 s, until `cost` tokens are there
  };

  // Takes `cost` tokens from `key`'s bucket when it has them. When refused nothing is taken and
  // retry_after is the wait (rounded up to whole seconds) until the bucket holds `cost`; a cost
  // above burst is never allowed (retry_after is then the time to refill a full bucket).
  // REQUIRES: cost >= 0 and finite (BINHYEN_CHECK: costs are our own constants).
  Decision Take(std::string_view key, double cost = 1);

  // Number of keys currently stored (for tests and metrics).
  size_t KeyCount() const;

  const Options& options() const { return options_; }
  const std::string& scope() const { return scope_; }

  // --- For RateLimitSync ---------------------------------------------------------------------
  struct Spending {
    std::string key;
    double spent = 0;  // tokens taken since the last drain (0: the key is only refreshed)
  };
  // Takes at most `max_keys` keys to synchronise: first those with tokens taken since the last
  // drain (their count is reset to 0), then keys whose bucket is not full (spent 0), so that a
  // node that used a key recently learns of the other nodes' spending. Sets *at to the
  // monotonic time of the drain.
  std::vector<Spending> Drain(size_t max_keys, std::chrono::steady_clock::time_point* at);
  // Gives back what Drain took when the shared store could not be reached (sent next time).
  void Undrain(const std::vector<Spending>& spending);
  // Sets each key's bucket to the shared tokens of `tokens` (as of `at`, the drain's time) minus
  // what was taken locally since the drain; tokens[i] belongs to spending[i].key. Keys evicted
  // meanwhile are skipped.
  void Apply(const std::vector<Spending>& spending, const std::vector<double>& tokens,
             std::chrono::steady_clock::time_point at);

 private:
  static constexpr size_t kMaxShards = 16;
  static constexpr size_t kEvictionScan = 8;

  // Lets the map be searched with a string_view without building a std::string.
  struct KeyHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  struct Bucket {
    double tokens = 0;
    double unsynced = 0;  // taken since the last Drain (only counted with a sync)
    std::chrono::steady_clock::time_point updated;
    std::list<const std::string*>::iterator lru;  // this bucket's place in Shard::lru
  };
  struct Shard {
    mutable std::mutex mu;
    // Guarded by mu. lru points at the map's keys (node-based: stable), least recent first.
    std::unordered_map<std::string, Bucket, KeyHash, std::equal_to<>> buckets;
    std::list<const std::string*> lru;
  };

  double Refilled(const Bucket& b, std::chrono::steady_clock::time_point now) const;
  // REQUIRES: shard.mu held, shard not empty.
  void EvictOne(Shard& shard, std::chrono::steady_clock::time_point now);

  const base::Clock& clock_;
  const Options options_;
  const size_t num_shards_;
  const size_t max_per_shard_;
  RateLimitSync* const sync_;  // null: local only
  const std::string scope_;
  std::array<Shard, kMaxShards> shards_;
};

}  // namespace binhyen::http
