#include "http/rate_limit_sync.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "http/rate_limiter.h"

namespace binhyen::http {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

// The shared buckets of store::RateLimitRepository::Sync, in memory (the formula of its
// contract), shared by the syncs of several "nodes".
class FakeBackend : public RateLimitBackend {
 public:
  explicit FakeBackend(const base::Clock& clock) : clock_(clock) {}

  base::Result<std::vector<double>> Sync(std::string_view scope, std::span<const Spend> spent,
                                         double per_second, double burst) override {
    std::lock_guard lock(mu_);
    ++calls_;
    if (failing_) return base::UnavailableError("database down");
    std::vector<double> out;
    const base::TimePoint at = clock_.Now();
    std::set<std::string> keys;
    for (const Spend& s : spent) {
      if (!keys.insert(s.key).second) return base::InvalidArgumentError("key: appears twice");
    }
    for (const Spend& s : spent) {
      auto [it, fresh] = buckets_.try_emplace({std::string(scope), s.key}, Bucket{burst, at});
      Bucket& b = it->second;
      const double elapsed = std::max(0.0, std::chrono::duration<double>(at - b.updated).count());
      b.tokens = std::max(-burst, std::min(burst, b.tokens + elapsed * per_second) - s.spent);
      b.updated = std::max(b.updated, at);
      out.push_back(b.tokens);
      max_keys_ = std::max(max_keys_, spent.size());
    }
    return out;
  }
  base::Status DeleteIdle(base::TimePoint before) override {
    std::lock_guard lock(mu_);
    if (failing_) return base::UnavailableError("database down");
    std::erase_if(buckets_, [&](const auto& kv) { return kv.second.updated < before; });
    return base::Status::Ok();
  }

  void set_failing(bool failing) {
    std::lock_guard lock(mu_);
    failing_ = failing;
  }
  int calls() {
    std::lock_guard lock(mu_);
    return calls_;
  }
  size_t bucket_count() {
    std::lock_guard lock(mu_);
    return buckets_.size();
  }
  size_t max_keys() {
    std::lock_guard lock(mu_);
    return max_keys_;
  }
  // The shared tokens of (scope, key), or -1000 when there is no bucket.
  double tokens(const std::string& scope, const std::string& key) {
    std::lock_guard lock(mu_);
    auto it = buckets_.find({scope, key});
    return it == buckets_.end() ? -1000 : it->second.tokens;
  }

 private:
  struct Bucket {
    double tokens;
    base::TimePoint updated;
  };
  const base::Clock& clock_;
  std::mutex mu_;
  std::map<std::pair<std::string, std::string>, Bucket> buckets_;
  bool failing_ = false;
  int calls_ = 0;
  size_t max_keys_ = 0;
};

constexpr RateLimiter::Options kSlow{.per_second = 1.0 / 60, .burst = 4};

int Allowed(RateLimiter& limiter, const std::string& key, int tries) {
  int n = 0;
  for (int i = 0; i < tries; ++i) n += limiter.Take(key).allowed ? 1 : 0;
  return n;
}

TEST(RateLimitSync, TwoNodesShareOneBucket) {
  base::FakeClock clock;
  FakeBackend backend(clock);
  RateLimitSync sync_a(backend, clock), sync_b(backend, clock);
  RateLimiter a(clock, kSlow, {&sync_a, "api.report"});
  RateLimiter b(clock, kSlow, {&sync_b, "api.report"});
  // Node A spends 3 of the 4 tokens; B learns of it when it syncs the key.
  EXPECT_EQ(Allowed(a, "1.2.3.4", 3), 3);
  ASSERT_TRUE(sync_a.SyncOnce().ok());
  EXPECT_DOUBLE_EQ(backend.tokens("api.report", "1.2.3.4"), 1);
  // A's next round sends the key once (spent 0: a refresh), not twice.
  ASSERT_TRUE(sync_a.SyncOnce().ok());
  EXPECT_DOUBLE_EQ(backend.tokens("api.report", "1.2.3.4"), 1);
  // B has never seen the key: its first request is allowed locally, then the sync tells it the
  // shared bucket is empty.
  EXPECT_TRUE(b.Take("1.2.3.4").allowed);
  ASSERT_TRUE(sync_b.SyncOnce().ok());
  EXPECT_DOUBLE_EQ(backend.tokens("api.report", "1.2.3.4"), 0);
  EXPECT_FALSE(b.Take("1.2.3.4").allowed);
  // A refreshes the key it used (not full locally) and refuses too, though it took only 3 of 4.
  ASSERT_TRUE(sync_a.SyncOnce().ok());
  EXPECT_FALSE(a.Take("1.2.3.4").allowed);
  // Other keys and scopes are independent.
  EXPECT_TRUE(a.Take("5.6.7.8").allowed);
  RateLimiter other_scope(clock, kSlow, {&sync_a, "web.report"});
  EXPECT_TRUE(other_scope.Take("1.2.3.4").allowed);
  // A minute later one token is back, for both nodes together.
  clock.Advance(seconds(61));
  ASSERT_TRUE(sync_a.SyncOnce().ok());
  ASSERT_TRUE(sync_b.SyncOnce().ok());
  EXPECT_TRUE(a.Take("1.2.3.4").allowed);
  ASSERT_TRUE(sync_a.SyncOnce().ok());
  ASSERT_TRUE(sync_b.SyncOnce().ok());
  EXPECT_FALSE(b.Take("1.2.3.4").allowed);
  EXPECT_FALSE(a.Take("1.2.3.4").allowed);
}

TEST(RateLimitSync, CombinedSpendingOfManyRoundsIsLimited) {
  base::FakeClock clock;
  FakeBackend backend(clock);
  RateLimitSync sync_a(backend, clock), sync_b(backend, clock);
  RateLimiter a(clock, {.per_second = 1, .burst = 10}, {&sync_a, "web.check"});
  RateLimiter b(clock, {.per_second = 1, .burst = 10}, {&sync_b, "web.check"});
  // Both nodes hammer one key for 100 s, syncing every half second: alone each would allow
  // about 10 + 100; together they get the one shared bucket's 10 + 100, plus at most what one
  // node lets through before its first sync.
  int allowed = 0;
  for (int round = 0; round < 200; ++round) {
    allowed += Allowed(a, "k", 5) + Allowed(b, "k", 5);
    clock.Advance(milliseconds(500));
    ASSERT_TRUE(sync_a.SyncOnce().ok());
    ASSERT_TRUE(sync_b.SyncOnce().ok());
  }
  EXPECT_GE(allowed, 100);
  EXPECT_LE(allowed, 10 + 100 + 10 + 2);
}

TEST(RateLimitSync, AFailingBackendLeavesTheLimitersLocalAndKeepsTheSpending) {
  base::FakeClock clock;
  FakeBackend backend(clock);
  RateLimitSync sync(backend, clock);
  RateLimiter limiter(clock, kSlow, {&sync, "api.login"});
  backend.set_failing(true);
  EXPECT_EQ(Allowed(limiter, "alice", 3), 3);
  EXPECT_EQ(sync.SyncOnce().code(), base::StatusCode::kUnavailable);
  // Still limited locally: one token left.
  EXPECT_EQ(Allowed(limiter, "alice", 3), 1);
  // When the backend is back, the spending of the failed round reaches it.
  backend.set_failing(false);
  ASSERT_TRUE(sync.SyncOnce().ok());
  EXPECT_DOUBLE_EQ(backend.tokens("api.login", "alice"), 0);
}

TEST(RateLimitSync, TheBackgroundThreadSyncsAndSurvivesFailures) {
  base::SystemClock clock;
  FakeBackend backend(clock);
  RateLimitSync sync(backend, clock, {.period = milliseconds(1)});
  RateLimiter limiter(clock, kSlow, {&sync, "api.report"});
  backend.set_failing(true);
  sync.Start();
  EXPECT_TRUE(limiter.Take("k").allowed);
  const auto deadline = std::chrono::steady_clock::now() + seconds(20);
  while (backend.calls() < 3 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(milliseconds(1));
  }
  backend.set_failing(false);
  while (backend.tokens("api.report", "k") < 2.9 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(milliseconds(1));
  }
  EXPECT_GT(backend.tokens("api.report", "k"), 2.9);
  sync.Stop();
  sync.Stop();  // idempotent
}

TEST(RateLimitSync, KeysPerRoundAreCappedAndTheRestWaits) {
  base::FakeClock clock;
  FakeBackend backend(clock);
  RateLimitSync sync(backend, clock, {.max_keys_per_sync = 10});
  RateLimiter limiter(clock, {.per_second = 1, .burst = 10, .max_keys = 1000}, {&sync, "s"});
  for (int i = 0; i < 25; ++i) EXPECT_TRUE(limiter.Take("k" + std::to_string(i)).allowed);
  ASSERT_TRUE(sync.SyncOnce().ok());
  EXPECT_EQ(backend.max_keys(), 10u);
  EXPECT_EQ(backend.bucket_count(), 10u);
  ASSERT_TRUE(sync.SyncOnce().ok());
  ASSERT_TRUE(sync.SyncOnce().ok());
  EXPECT_EQ(backend.bucket_count(), 25u);  // every key's spending arrived, 10 at a time
  for (int i = 0; i < 25; ++i) {
    EXPECT_DOUBLE_EQ(backend.tokens("s", "k" + std::to_string(i)), 9) << i;
  }
}

TEST(RateLimitSync, IdleSharedBucketsAreDeleted) {
  base::FakeClock clock;
  FakeBackend backend(clock);
  RateLimitSync sync(backend, clock, {.idle_sweep_period = std::chrono::minutes(5)});
  RateLimiter limiter(clock, kSlow, {&sync, "api.report"});  // refills in 4 minutes
  EXPECT_TRUE(limiter.Take("k").allowed);
  ASSERT_TRUE(sync.SyncOnce().ok());
  EXPECT_EQ(backend.bucket_count(), 1u);
  clock.Advance(std::chrono::minutes(6));  // idle, full again; the next sweep is due
  ASSERT_TRUE(sync.SyncOnce().ok());
  EXPECT_EQ(backend.bucket_count(), 0u);
}

TEST(RateLimitSync, ALimiterUnregistersWhenDestroyedAndUnlimitedOnesNeverRegister) {
  base::FakeClock clock;
  FakeBackend backend(clock);
  RateLimitSync sync(backend, clock);
  {
    RateLimiter limiter(clock, kSlow, {&sync, "web.quiz"});
    EXPECT_TRUE(limiter.Take("k").allowed);
  }
  RateLimiter unlimited(clock, {.per_second = 0}, {&sync, "web.check"});
  EXPECT_TRUE(unlimited.Take("k").allowed);
  ASSERT_TRUE(sync.SyncOnce().ok());
  EXPECT_EQ(backend.calls(), 0);
}

}  // namespace
}  // namespace binhyen::http
