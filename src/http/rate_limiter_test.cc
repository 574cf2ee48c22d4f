#include "http/rate_limiter.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace binhyen::http {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

// prefix + i (appended: GCC 12 -Wrestrict misfires on "literal" + std::string).
std::string Key(std::string_view prefix, int i) {
  std::string key(prefix);
  key.append(std::to_string(i));
  return key;
}

TEST(RateLimiter, BurstThenRefuseWithExactRetryAfter) {
  base::FakeClock clock;
  RateLimiter limiter(clock, {.per_second = 1, .burst = 10});
  for (int i = 0; i < 10; ++i) EXPECT_TRUE(limiter.Take("1.2.3.4").allowed) << i;
  auto refused = limiter.Take("1.2.3.4");
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.retry_after, seconds(1));
  // Another key is independent.
  EXPECT_TRUE(limiter.Take("5.6.7.8").allowed);
  // Half a token: still refused, retry rounded up to 1 s.
  clock.Advance(milliseconds(500));
  refused = limiter.Take("1.2.3.4");
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.retry_after, seconds(1));
  clock.Advance(milliseconds(500));
  EXPECT_TRUE(limiter.Take("1.2.3.4").allowed);
  EXPECT_FALSE(limiter.Take("1.2.3.4").allowed);
}

TEST(RateLimiter, RefillIsExactAndCapped) {
  base::FakeClock clock;
  RateLimiter limiter(clock, {.per_second = 2, .burst = 5});
  EXPECT_TRUE(limiter.Take("k", 5).allowed);
  clock.Advance(milliseconds(1500));  // 3 tokens
  EXPECT_TRUE(limiter.Take("k", 3).allowed);
  EXPECT_FALSE(limiter.Take("k", 0.5).allowed);
  clock.Advance(seconds(3600));  // capped at 5
  EXPECT_TRUE(limiter.Take("k", 5).allowed);
  EXPECT_FALSE(limiter.Take("k", 1).allowed);
}

TEST(RateLimiter, RetryAfterCoversTheMissingTokens) {
  base::FakeClock clock;
  RateLimiter limiter(clock, {.per_second = 0.5, .burst = 4});
  EXPECT_TRUE(limiter.Take("acct", 4).allowed);
  EXPECT_EQ(limiter.Take("acct", 1).retry_after, seconds(2));
  EXPECT_EQ(limiter.Take("acct", 3).retry_after, seconds(6));
  clock.Advance(seconds(1));  // 0.5 tokens
  EXPECT_EQ(limiter.Take("acct", 1).retry_after, seconds(1));
  EXPECT_EQ(limiter.Take("acct", 4).retry_after, seconds(7));
  // A refusal takes nothing.
  clock.Advance(seconds(1));
  EXPECT_TRUE(limiter.Take("acct", 1).allowed);
}

TEST(RateLimiter, FractionalRatesDoNotRoundUpAnExtraSecond) {
  base::FakeClock clock;
  RateLimiter limiter(clock, {.per_second = 0.1, .burst = 1});
  EXPECT_TRUE(limiter.Take("k").allowed);
  clock.Advance(seconds(7));  // 0.7 tokens (0.1 * 7 is not exact in binary)
  EXPECT_EQ(limiter.Take("k").retry_after, seconds(3));
}

TEST(RateLimiter, CostAboveBurstNeverAllowed) {
  base::FakeClock clock;
  RateLimiter limiter(clock, {.per_second = 1, .burst = 10});
  auto d = limiter.Take("k", 11);
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.retry_after, seconds(10));
  EXPECT_EQ(limiter.KeyCount(), 0u);  // a refused new key is not stored
  EXPECT_TRUE(limiter.Take("k", 10).allowed);
  EXPECT_EQ(limiter.Take("k", 11).retry_after, seconds(10));
  EXPECT_TRUE(limiter.Take("other", 0).allowed);
}

TEST(RateLimiter, UnlimitedStoresNothing) {
  base::FakeClock clock;
  RateLimiter limiter(clock, {.per_second = 0, .burst = 1});
  for (int i = 0; i < 1000; ++i) {
    auto d = limiter.Take(Key("k", i % 3), 100);
    EXPECT_TRUE(d.allowed);
    EXPECT_EQ(d.retry_after, seconds(0));
  }
  EXPECT_EQ(limiter.KeyCount(), 0u);
}

TEST(RateLimiter, EvictsIdleBucketsFirst) {
  base::FakeClock clock;
  RateLimiter limiter(clock, {.per_second = 1, .burst = 2, .max_keys = 3});
  EXPECT_TRUE(limiter.Take("attacker", 2).allowed);  // empty
  EXPECT_TRUE(limiter.Take("b", 1).allowed);         // 1 left
  EXPECT_TRUE(limiter.Take("c", 0.5).allowed);       // 1.5 left: the fullest
  EXPECT_EQ(limiter.KeyCount(), 3u);
  EXPECT_TRUE(limiter.Take("d", 1).allowed);  // evicts c
  EXPECT_EQ(limiter.KeyCount(), 3u);
  // The attacker's empty bucket survived the new key.
  EXPECT_FALSE(limiter.Take("attacker").allowed);
  // b kept its state (1 token), c starts again full.
  EXPECT_TRUE(limiter.Take("b", 1).allowed);
  EXPECT_FALSE(limiter.Take("b", 1).allowed);
  EXPECT_TRUE(limiter.Take("c", 2).allowed);  // evicts d (1 token, the fullest)
  EXPECT_EQ(limiter.KeyCount(), 3u);
  EXPECT_FALSE(limiter.Take("attacker").allowed);
  EXPECT_FALSE(limiter.Take("b").allowed);
  // After 2 s everything is full; the least recently used full bucket goes.
  clock.Advance(seconds(2));
  EXPECT_TRUE(limiter.Take("e").allowed);
  EXPECT_EQ(limiter.KeyCount(), 3u);
}

TEST(RateLimiter, MemoryStaysBoundedUnderKeyFlood) {
  base::FakeClock clock;
  RateLimiter limiter(clock, {.per_second = 1, .burst = 5, .max_keys = 2048});
  for (int i = 0; i < 20'000; ++i) {
    EXPECT_TRUE(limiter.Take(Key("10.0.", i)).allowed);
    ASSERT_LE(limiter.KeyCount(), 2048u);
  }
  EXPECT_EQ(limiter.KeyCount(), 2048u);  // 16 shards of 128, each saw far more than 128 keys
}

TEST(RateLimiter, ConcurrentTakesNeverOverspend) {
  base::FakeClock clock;
  RateLimiter limiter(clock, {.per_second = 1, .burst = 1000, .max_keys = 4096});
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 500; ++i) {
        if (limiter.Take("shared").allowed) allowed.fetch_add(1);
        limiter.Take(Key("own", i));
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(allowed.load(), 1000);
  EXPECT_EQ(limiter.KeyCount(), 501u);
}

}  // namespace
}  // namespace binhyen::http
