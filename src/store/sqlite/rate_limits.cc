#include "store/sqlite/rate_limits.h"

#include <cmath>
#include <string>

#include "store/sqlite/connection.h"

namespace binhyen::store::sqlite {
namespace {

constexpr size_t kMaxScopeBytes = 64;
constexpr size_t kMaxKeyBytes = 200;
constexpr size_t kMaxKeysPerSync = 10'000;

base::Status ValidateSync(std::string_view scope, std::span<const RateSpend> spent,
                          double per_second, double burst) {
  if (scope.empty() || scope.size() > kMaxScopeBytes) {
    return base::InvalidArgumentError("scope: must be 1..64 bytes");
  }
  if (spent.size() > kMaxKeysPerSync) {
    return base::InvalidArgumentError("spent: at most 10000 keys");
  }
  if (!(per_second > 0) || !std::isfinite(per_second)) {
    return base::InvalidArgumentError("per_second: must be > 0");
  }
  if (!(burst >= 1) || !std::isfinite(burst)) {
    return base::InvalidArgumentError("burst: must be >= 1");
  }
  for (const RateSpend& s : spent) {
    if (s.key.empty() || s.key.size() > kMaxKeyBytes) {
      return base::InvalidArgumentError("key: must be 1..200 bytes");
    }
    if (!(s.spent >= 0) || !std::isfinite(s.spent)) {
      return base::InvalidArgumentError("spent: must be >= 0");
    }
  }
  return base::Status::Ok();
}

}  // namespace

base::Result<std::vector<RateBucket>> SqliteRateLimits::Sync(std::string_view scope,
                                                             std::span<const RateSpend> spent,
                                                             double per_second, double burst,
                                                             base::TimePoint at) {
  return tx_.Write([&]() -> base::Result<std::vector<RateBucket>> {
    BINHYEN_RETURN_IF_ERROR(ValidateSync(scope, spent, per_second, burst));
    // One upsert per key: a new bucket starts full at `at`; a stored one refills for the time
    // since it was last updated (never backwards: another node may have synchronised with a
    // later clock reading), is clamped to `burst`, pays what was spent, and is floored at
    // -burst. Times are microseconds, hence the rate per microsecond.
    constexpr std::string_view kSql =
        "INSERT INTO rate_buckets (scope, key, tokens, updated_at) VALUES (?1, ?2, max(-?4, ?4 - "
        "?3), ?6) ON CONFLICT (scope, key) DO UPDATE SET tokens = max(-?4, min(?4, tokens + "
        "max(0, ?6 - updated_at) * ?5) - ?3), updated_at = max(updated_at, ?6) RETURNING tokens";
    const double per_micro = per_second / 1e6;
    std::vector<RateBucket> out;
    out.reserve(spent.size());
    for (const RateSpend& s : spent) {
      BINHYEN_ASSIGN_OR_RETURN(auto q, tx_.connection().Prepare(kSql));
      q->Bind(1, scope).Bind(2, s.key).BindDouble(3, s.spent).BindDouble(4, burst);
      q->BindDouble(5, per_micro).Bind(6, at);
      BINHYEN_ASSIGN_OR_RETURN(bool row, q->Step());
      if (!row) return base::InternalError("rate_buckets: upsert returned no row");
      out.push_back(RateBucket{s.key, q->Double(0)});
      BINHYEN_RETURN_IF_ERROR(q->Run());
    }
    return out;
  });
}

base::Result<int64_t> SqliteRateLimits::DeleteIdle(base::TimePoint before) {
  return tx_.Write([&]() -> base::Result<int64_t> {
    BINHYEN_ASSIGN_OR_RETURN(
        auto q, tx_.connection().Prepare("DELETE FROM rate_buckets WHERE updated_at < ?"));
    q->Bind(1, before);
    BINHYEN_RETURN_IF_ERROR(q->Run());
    return static_cast<int64_t>(sqlite3_changes64(tx_.connection().db()));
  });
}

}  // namespace binhyen::store::sqlite
