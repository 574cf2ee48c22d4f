#include "http/rate_limiter.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "base/check.h"

namespace binhyen::http {
namespace {

// A refusal with the whole seconds (>= 1) needed to gain `missing` tokens.
RateLimiter::Decision Refused(double missing, double per_second) {
  // The epsilon keeps a rounding error (0.30000000000000004 / 0.1) from adding a second.
  double wait = std::max(1.0, std::ceil(missing / per_second - 1e-9));
  return RateLimiter::Decision{false, std::chrono::seconds(static_cast<long long>(wait))};
}

}  // namespace

RateLimiter::RateLimiter(const base::Clock& clock, Options options)
    : clock_(clock),
      options_(options),
      num_shards_(options.max_keys >= 1024 ? kMaxShards : 1),
      max_per_shard_(std::max<size_t>(1, (options.max_keys + num_shards_ - 1) / num_shards_)) {
  if (options_.per_second > 0) {
    BINHYEN_CHECK(options_.burst >= 1, "RateLimiter: burst must be >= 1");
    BINHYEN_CHECK(options_.max_keys >= 1, "RateLimiter: max_keys must be >= 1");
  }
}

double RateLimiter::Refilled(const Bucket& b, std::chrono::steady_clock::time_point now) const {
  // A clock that went backwards (it should not: it is monotonic) refills nothing.
  double elapsed = std::max(0.0, std::chrono::duration<double>(now - b.updated).count());
  return std::min(options_.burst, b.tokens + elapsed * options_.per_second);
}

void RateLimiter::EvictOne(Shard& shard, std::chrono::steady_clock::time_point now) {
  auto victim = shard.lru.begin();
  double victim_tokens = -std::numeric_limits<double>::infinity();
  size_t scanned = 0;
  for (auto it = shard.lru.begin(); it != shard.lru.end() && scanned < kEvictionScan;
       ++it, ++scanned) {
    double tokens = Refilled(shard.buckets.find(**it)->second, now);
    if (tokens > victim_tokens) {
      victim = it;
      victim_tokens = tokens;
    }
    if (tokens >= options_.burst) break;  // full: nothing is lost by forgetting it
  }
  auto node = shard.buckets.find(**victim);
  shard.lru.erase(victim);
  shard.buckets.erase(node);
}

RateLimiter::Decision RateLimiter::Take(std::string_view key, double cost) {
  BINHYEN_CHECK(cost >= 0 && std::isfinite(cost), "RateLimiter::Take: bad cost");
  if (options_.per_second <= 0) return Decision{};
  const auto now = clock_.MonotonicNow();
  Shard& shard = shards_[KeyHash()(key) % num_shards_];
  std::lock_guard<std::mutex> lock(shard.mu);
  auto it = shard.buckets.find(key);
  double tokens = it == shard.buckets.end() ? options_.burst : Refilled(it->second, now);
  const bool allowed = tokens >= cost;
  if (allowed) tokens -= cost;
  if (it == shard.buckets.end()) {
    // A refused new key (cost above burst) is not stored: its bucket would be full anyway.
    if (!allowed) return Refused(options_.burst, options_.per_second);
    if (shard.buckets.size() >= max_per_shard_) EvictOne(shard, now);
    it = shard.buckets.emplace(std::string(key), Bucket{}).first;
    it->second.lru = shard.lru.insert(shard.lru.end(), &it->first);
  } else {
    shard.lru.splice(shard.lru.end(), shard.lru, it->second.lru);
  }
  it->second.tokens = tokens;
  it->second.updated = now;
  if (allowed) return Decision{};
  return Refused(cost > options_.burst ? options_.burst : cost - tokens, options_.per_second);
}

size_t RateLimiter::KeyCount() const {
  size_t n = 0;
  for (size_t i = 0; i < num_shards_; ++i) {
    std::lock_guard<std::mutex> lock(shards_[i].mu);
    n += shards_[i].buckets.size();
  }
  return n;
}

}  // namespace binhyen::http
