#include "app/store_rate_limits.h"

#include <memory>
#include <string>

namespace binhyen::app {
namespace {

// Two nodes updating one bucket at once may abort one of them (serialisation): the second
// attempt sees the other's commit. A further conflict waits for the next round.
constexpr int kAttempts = 2;

}  // namespace

base::Result<std::vector<double>> StoreRateLimits::Sync(std::string_view scope,
                                                        std::span<const Spend> spent,
                                                        double per_second, double burst) {
  std::vector<store::RateSpend> spend;
  spend.reserve(spent.size());
  for (const Spend& s : spent) spend.push_back({s.key, s.spent});
  base::Status last = base::Status::Ok();
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    base::Result<std::vector<store::RateBucket>> buckets =
        [&]() -> base::Result<std::vector<store::RateBucket>> {
      BINHYEN_ASSIGN_OR_RETURN(std::unique_ptr<store::Transaction> tx,
                               store_.Begin(store::TxMode::kReadWrite));
      BINHYEN_ASSIGN_OR_RETURN(
          std::vector<store::RateBucket> out,
          tx->RateLimits().Sync(scope, spend, per_second, burst, clock_.Now()));
      BINHYEN_RETURN_IF_ERROR(tx->Commit());
      return out;
    }();
    if (buckets.ok()) {
      std::vector<double> tokens;
      tokens.reserve(buckets->size());
      for (const store::RateBucket& b : *buckets) tokens.push_back(b.tokens);
      return tokens;
    }
    last = buckets.status();
    if (last.code() != base::StatusCode::kAborted) break;
  }
  return last;
}

base::Status StoreRateLimits::DeleteIdle(base::TimePoint before) {
  BINHYEN_ASSIGN_OR_RETURN(std::unique_ptr<store::Transaction> tx,
                           store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_RETURN_IF_ERROR(tx->RateLimits().DeleteIdle(before).status());
  return tx->Commit();
}

}  // namespace binhyen::app
