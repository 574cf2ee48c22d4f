// Token buckets shared by the app nodes (migration 0015).
#include <charconv>
#include <cmath>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "store/postgres/federation.h"
#include "store/postgres/repositories.h"

namespace binhyen::store::postgres {
namespace {

constexpr size_t kMaxKeys = 10'000;
constexpr size_t kMaxScopeBytes = 64;
constexpr size_t kMaxKeyBytes = 200;

// One statement for every key, atomic against other nodes: the row lock of ON CONFLICT
// serialises two nodes' updates of one bucket. The spend travels in the proposed row
// (excluded.spent) so that a stored bucket is updated with exactly the same arithmetic as the
// contract's; a new bucket starts full (burst) at `at`, so its tokens are max(-burst, burst -
// spent). $4 per_second, $5 burst, $6 at (microseconds).
constexpr Sql kSync{
    "rate_buckets_sync",
    "INSERT INTO rate_buckets AS b (scope, key, tokens, updated_at, spent) "
    "SELECT $1, t.key, greatest(-$5::float8, $5::float8 - t.spent), $6, t.spent "
    "FROM unnest($2::text[], $3::float8[]) AS t(key, spent) "
    "ON CONFLICT (scope, key) DO UPDATE SET tokens = greatest(-$5::float8, least($5::float8, "
    "b.tokens + greatest(0, $6::bigint - b.updated_at)::float8 / 1e6 * $4::float8) - "
    "excluded.spent), updated_at = greatest(b.updated_at, excluded.updated_at), "
    "spent = excluded.spent RETURNING key, tokens"};
constexpr Sql kDeleteIdle{"rate_buckets_delete_idle",
                          "DELETE FROM rate_buckets WHERE updated_at < $1"};

// The shortest text that reads back as `v` (PostgreSQL's float8 input accepts it).
std::string DoubleText(double v) {
  char buffer[32];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
  return std::string(buffer, end);
}

std::string DoubleArray(std::span<const RateSpend> spent) {
  std::string out = "{";
  for (size_t i = 0; i < spent.size(); ++i) {
    if (i > 0) out.push_back(',');
    out += DoubleText(spent[i].spent);
  }
  out.push_back('}');
  return out;
}

base::Status Validate(std::string_view scope, std::span<const RateSpend> spent, double per_second,
                      double burst) {
  if (scope.empty() || scope.size() > kMaxScopeBytes) {
    return base::InvalidArgumentError("scope: must be 1..64 bytes");
  }
  if (spent.size() > kMaxKeys) return base::InvalidArgumentError("spent: at most 10000 keys");
  if (!(per_second > 0) || !std::isfinite(per_second)) {
    return base::InvalidArgumentError("per_second: must be > 0");
  }
  if (!(burst >= 1) || !std::isfinite(burst)) {
    return base::InvalidArgumentError("burst: must be >= 1");
  }
  std::unordered_set<std::string_view> keys;
  for (const RateSpend& s : spent) {
    if (s.key.empty() || s.key.size() > kMaxKeyBytes) {
      return base::InvalidArgumentError("key: must be 1..200 bytes");
    }
    if (!(s.spent >= 0) || !std::isfinite(s.spent)) {
      return base::InvalidArgumentError("spent: must be >= 0");
    }
    // The contract requires unique keys; one statement cannot update a row twice.
    if (!keys.insert(s.key).second) {
      return base::InvalidArgumentError("key: '" + s.key + "' appears twice");
    }
  }
  return base::Status::Ok();
}

}  // namespace

base::Result<std::vector<RateBucket>> PgRateLimitRepository::Sync(std::string_view scope,
                                                                  std::span<const RateSpend> spent,
                                                                  double per_second, double burst,
                                                                  base::TimePoint at) {
  return s_.Write("rate_limits.sync", [&]() -> base::Result<std::vector<RateBucket>> {
    BINHYEN_RETURN_IF_ERROR(Validate(scope, spent, per_second, burst));
    std::vector<RateBucket> out;
    if (spent.empty()) return out;
    std::vector<std::string> keys;
    keys.reserve(spent.size());
    for (const RateSpend& s : spent) keys.push_back(s.key);
    const pqxx::result r = s_.Exec(kSync, Params()
                                              .Add(scope)
                                              .Add(TextArray(keys))
                                              .Add(DoubleArray(spent))
                                              .Add(DoubleText(per_second))
                                              .Add(DoubleText(burst))
                                              .AddTime(at));
    // RETURNING has no defined order: put the rows back in the order of `spent`.
    std::unordered_map<std::string, double> tokens;
    tokens.reserve(r.size());
    for (const pqxx::row& row : r) tokens.emplace(Text(row[0]), row[1].as<double>());
    out.reserve(spent.size());
    for (const RateSpend& s : spent) {
      const auto it = tokens.find(s.key);
      if (it == tokens.end()) return base::InternalError("rate_limits.sync: a key was not stored");
      out.push_back(RateBucket{s.key, it->second});
    }
    return out;
  });
}

base::Result<int64_t> PgRateLimitRepository::DeleteIdle(base::TimePoint before) {
  return s_.Write("rate_limits.delete_idle", [&]() -> base::Result<int64_t> {
    return static_cast<int64_t>(s_.Exec(kDeleteIdle, Params().AddTime(before)).affected_rows());
  });
}

}  // namespace binhyen::store::postgres
