#include "http/rate_limit_sync.h"

#include <algorithm>
#include <exception>
#include <utility>

#include "base/check.h"
#include "base/logging.h"
#include "http/rate_limiter.h"

namespace binhyen::http {
namespace {

// The repository's limit per call.
constexpr size_t kMaxKeysPerCall = 10'000;

}  // namespace

RateLimitSync::RateLimitSync(RateLimitBackend& backend, const base::Clock& clock,
                             RateLimitSyncOptions options)
    : backend_(backend), clock_(clock), options_(options) {
  BINHYEN_CHECK(options_.period.count() > 0, "RateLimitSync: period must be > 0");
  BINHYEN_CHECK(options_.max_keys_per_sync >= 1 && options_.max_keys_per_sync <= kMaxKeysPerCall,
                "RateLimitSync: max_keys_per_sync must be 1..10000");
}

RateLimitSync::~RateLimitSync() {
  Stop();
  std::lock_guard lock(mu_);
  BINHYEN_CHECK(limiters_.empty(), "RateLimitSync destroyed before its limiters");
}

void RateLimitSync::Register(RateLimiter* limiter) {
  std::lock_guard lock(mu_);
  limiters_.insert(limiter);
}

void RateLimitSync::Unregister(RateLimiter* limiter) {
  std::lock_guard lock(mu_);
  limiters_.erase(limiter);
}

void RateLimitSync::Start() {
  std::lock_guard lock(run_mu_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { Run(); });
}

void RateLimitSync::Stop() {
  {
    std::lock_guard lock(run_mu_);
    stopping_ = true;
  }
  run_cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

base::Status RateLimitSync::SyncOnce() {
  std::lock_guard lock(mu_);
  return SyncLocked();
}

base::Status RateLimitSync::SyncLocked() {
  base::Status first = base::Status::Ok();
  for (RateLimiter* limiter : limiters_) {
    std::chrono::steady_clock::time_point at;
    std::vector<RateLimiter::Spending> spending = limiter->Drain(options_.max_keys_per_sync, &at);
    if (spending.empty()) continue;
    std::vector<RateLimitBackend::Spend> spend;
    spend.reserve(spending.size());
    for (const RateLimiter::Spending& s : spending) spend.push_back({s.key, s.spent});
    base::Result<std::vector<double>> tokens = base::InternalError("not called");
    try {
      tokens = backend_.Sync(limiter->scope(), spend, limiter->options().per_second,
                             limiter->options().burst);
    } catch (const std::exception& e) {
      // The backend should not throw; a rate limit is never worth stopping the server for.
      tokens = base::InternalError(std::string("rate limit sync: ") + e.what());
    }
    if (tokens.ok() && tokens->size() != spending.size()) {
      tokens = base::InternalError("rate limit sync: the backend answered " +
                                   std::to_string(tokens->size()) + " buckets for " +
                                   std::to_string(spending.size()) + " keys");
    }
    if (!tokens.ok()) {
      limiter->Undrain(spending);
      if (first.ok()) first = tokens.status();
      continue;
    }
    limiter->Apply(spending, *tokens, at);
  }
  // Idle shared buckets: those not updated for longer than any registered limiter takes to
  // refill completely (plus a minute), i.e. full again.
  const auto now = clock_.MonotonicNow();
  if (first.ok() && (!swept_ || now - last_sweep_ >= options_.idle_sweep_period)) {
    std::chrono::duration<double> refill{0};
    for (const RateLimiter* limiter : limiters_) {
      refill = std::max(refill, std::chrono::duration<double>(limiter->options().burst /
                                                              limiter->options().per_second));
    }
    const auto before = clock_.Now() - std::chrono::minutes(1) -
                        std::chrono::duration_cast<std::chrono::seconds>(std::min(
                            refill, std::chrono::duration<double>(std::chrono::hours(24 * 365))));
    base::Status deleted = base::Status::Ok();
    try {
      deleted = backend_.DeleteIdle(before);
    } catch (const std::exception& e) {
      deleted = base::InternalError(std::string("rate limit sweep: ") + e.what());
    }
    if (deleted.ok()) {
      swept_ = true;
      last_sweep_ = now;
    } else {
      first = deleted;
    }
  }
  return first;
}

void RateLimitSync::Run() {
  std::unique_lock lock(run_mu_);
  while (!stopping_) {
    lock.unlock();
    base::Status s = SyncOnce();
    const auto now = clock_.MonotonicNow();
    if (!s.ok() && (!error_logged_ || now - last_error_log_ >= std::chrono::minutes(1))) {
      base::LogWarn("rate limits: not shared with the other nodes (local only until it works): {}",
                    s.ToString());
      error_logged_ = true;
      last_error_log_ = now;
    }
    lock.lock();
    run_cv_.wait_for(lock, options_.period, [this] { return stopping_; });
  }
}

}  // namespace binhyen::http
