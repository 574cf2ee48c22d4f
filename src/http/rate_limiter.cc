#include "http/rate_limiter.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_set>
#include <utility>

#include "base/check.h"
#include "http/rate_limit_sync.h"

namespace binhyen::http {
namespace {

// A refusal with the whole seconds (>= 1) needed to gain `missing` tokens.
RateLimiter::Decision Refused(double missing, double per_second) {
  // The epsilon keeps a rounding error (0.30000000000000004 / 0.1) from adding a second.
  double wait = std::max(1.0, std::ceil(missing / per_second - 1e-9));
  return RateLimiter::Decision{false, std::chrono::seconds(static_cast<long long>(wait))};
}

}  // namespace

RateLimiter::RateLimiter(const base::Clock& clock, Options options, Sharing sharing)
    : clock_(clock),
      options_(options),
      num_shards_(options.max_keys >= 1024 ? kMaxShards : 1),
      max_per_shard_(std::max<size_t>(1, (options.max_keys + num_shards_ - 1) / num_shards_)),
      sync_(options.per_second > 0 ? sharing.sync : nullptr),
      scope_(std::move(sharing.scope)) {
  if (options_.per_second > 0) {
    BINHYEN_CHECK(options_.burst >= 1, "RateLimiter: burst must be >= 1");
    BINHYEN_CHECK(options_.max_keys >= 1, "RateLimiter: max_keys must be >= 1");
  }
  if (sync_ != nullptr) {
    BINHYEN_CHECK(!scope_.empty() && scope_.size() <= 64, "RateLimiter: scope must be 1..64 bytes");
    sync_->Register(this);
  }
}

RateLimiter::RateLimiter(const base::Clock& clock, Options options)
    : RateLimiter(clock, options, Sharing{}) {}

RateLimiter::~RateLimiter() {
  if (sync_ != nullptr) sync_->Unregister(this);
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
  const double taken = allowed && sync_ != nullptr ? cost : 0;
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
  it->second.unsynced += taken;
  if (allowed) return Decision{};
  return Refused(cost > options_.burst ? options_.burst : cost - tokens, options_.per_second);
}

std::vector<RateLimiter::Spending> RateLimiter::Drain(size_t max_keys,
                                                      std::chrono::steady_clock::time_point* at) {
  const auto now = clock_.MonotonicNow();
  *at = now;
  std::vector<Spending> out;
  std::unordered_set<const std::string*> drained;  // pass 0's keys (map keys are stable)
  // Two passes: keys with spending first (what other nodes must learn), then keys not full (what
  // this node should learn), so that a cap never starves the spending.
  for (int pass = 0; pass < 2; ++pass) {
    for (size_t i = 0; i < num_shards_ && out.size() < max_keys; ++i) {
      Shard& shard = shards_[i];
      std::lock_guard<std::mutex> lock(shard.mu);
      for (auto& [key, bucket] : shard.buckets) {
        if (out.size() >= max_keys) break;
        if (pass == 0 && bucket.unsynced > 0) {
          out.push_back({key, bucket.unsynced});
          bucket.unsynced = 0;
          drained.insert(&key);
        } else if (pass == 1 && !drained.contains(&key) && bucket.unsynced == 0 &&
                   Refilled(bucket, now) < options_.burst) {
          out.push_back({key, 0});
        }
      }
    }
  }
  return out;
}

void RateLimiter::Undrain(const std::vector<Spending>& spending) {
  for (const Spending& s : spending) {
    if (s.spent <= 0) continue;
    Shard& shard = shards_[KeyHash()(s.key) % num_shards_];
    std::lock_guard<std::mutex> lock(shard.mu);
    auto it = shard.buckets.find(s.key);
    if (it != shard.buckets.end()) it->second.unsynced += s.spent;
  }
}

void RateLimiter::Apply(const std::vector<Spending>& spending, const std::vector<double>& tokens,
                        std::chrono::steady_clock::time_point at) {
  const size_t n = std::min(spending.size(), tokens.size());
  for (size_t i = 0; i < n; ++i) {
    if (!std::isfinite(tokens[i])) continue;
    Shard& shard = shards_[KeyHash()(spending[i].key) % num_shards_];
    std::lock_guard<std::mutex> lock(shard.mu);
    auto it = shard.buckets.find(spending[i].key);
    if (it == shard.buckets.end()) continue;
    // The shared tokens are those at the drain; what was taken here since is not in them yet
    // (it is sent with the next sync). Negative: the key is refused until it has refilled.
    Bucket& b = it->second;
    b.tokens = std::min(options_.burst, tokens[i]) - b.unsynced;
    b.updated = at;
  }
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
