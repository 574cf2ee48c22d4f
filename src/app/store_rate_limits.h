#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "base/status.h"
#include "http/rate_limit_sync.h"
#include "store/store.h"

namespace binhyen::app {

// The shared token buckets of several app nodes on one PostgreSQL store: http::RateLimitSync's
// backend on store::RateLimitRepository (one short read-write transaction per call, retried
// once on Aborted). Thread safety: thread-safe (the store is).
class StoreRateLimits final : public http::RateLimitBackend {
 public:
  // `store` and `clock` must outlive this object.
  StoreRateLimits(store::Store& store, const base::Clock& clock) : store_(store), clock_(clock) {}

  base::Result<std::vector<double>> Sync(std::string_view scope, std::span<const Spend> spent,
                                         double per_second, double burst) override;
  base::Status DeleteIdle(base::TimePoint before) override;

 private:
  store::Store& store_;
  const base::Clock& clock_;
};

}  // namespace binhyen::app
