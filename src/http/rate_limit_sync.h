#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "base/status.h"

namespace binhyen::http {

class RateLimiter;

// The shared token buckets of several app nodes (the app implements it on its store;
// store::RateLimitRepository). Thread safety: called from the sync's thread only.
class RateLimitBackend {
 public:
  struct Spend {
    std::string key;
    double spent = 0;  // >= 0
  };
  virtual ~RateLimitBackend() = default;
  // Adds `spent` to the shared buckets of (scope, key), refilled at `per_second` up to `burst`
  // since their last update, and returns each key's tokens afterwards (may be negative), in the
  // order of `spent`. Keys are unique; at most 10,000. Errors leave the buckets unchanged.
  virtual base::Result<std::vector<double>> Sync(std::string_view scope,
                                                 std::span<const Spend> spent, double per_second,
                                                 double burst) = 0;
  // Forgets the buckets not updated since `before` (they are full again: the same as none).
  virtual base::Status DeleteIdle(base::TimePoint before) = 0;
};

struct RateLimitSyncOptions {
  std::chrono::milliseconds period{500};
  size_t max_keys_per_sync = 2000;  // per limiter and round, 1..10,000
  std::chrono::minutes idle_sweep_period{5};
};

// Synchronises the registered RateLimiters with a RateLimitBackend: each round (every
// options.period on its thread, or SyncOnce) drains each limiter's spending (at most
// max_keys_per_sync keys), makes one backend call per limiter, and sets the local buckets to
// the shared tokens. Every idle_sweep_period it deletes the shared buckets idle long enough to
// be full for every registered limiter. A failing backend leaves the limiters local-only (their
// spending is kept for the next round) and is logged at most once a minute; nothing throws.
// Memory: what a round drains, bounded by max_keys_per_sync per limiter.
// Thread safety: thread-safe. RateLimiter::Take never waits for a round. REQUIRES: the sync
// outlives the limiters registered with it (they unregister when destroyed; a limiter being
// destroyed waits for the current round to end).
class RateLimitSync {
 public:
  // `backend` and `clock` must outlive this object.
  RateLimitSync(RateLimitBackend& backend, const base::Clock& clock,
                RateLimitSyncOptions options = {});
  ~RateLimitSync();  // Stop()
  RateLimitSync(const RateLimitSync&) = delete;
  RateLimitSync& operator=(const RateLimitSync&) = delete;

  // Starts / stops the background rounds. Stop is idempotent; the last round finishes first.
  void Start();
  void Stop();

  // Runs one round now. Ok, or the first backend error of the round (logged by the thread).
  base::Status SyncOnce();

  // Called by RateLimiter's constructor / destructor.
  void Register(RateLimiter* limiter);
  void Unregister(RateLimiter* limiter);

 private:
  base::Status SyncLocked();
  void Run();

  RateLimitBackend& backend_;
  const base::Clock& clock_;
  const RateLimitSyncOptions options_;

  std::mutex mu_;  // held for a whole round: guards limiters_ and the fields below
  std::set<RateLimiter*> limiters_;
  std::chrono::steady_clock::time_point last_sweep_{};
  bool swept_ = false;

  std::mutex run_mu_;
  std::condition_variable run_cv_;
  bool stopping_ = false;                                   // guarded by run_mu_
  std::chrono::steady_clock::time_point last_error_log_{};  // the thread's only
  bool error_logged_ = false;
  std::thread thread_;
};

}  // namespace binhyen::http
