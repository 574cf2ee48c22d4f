#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "store/federation_store.h"
#include "store/sqlite/tx_context.h"

namespace binhyen::store::sqlite {

// The SQLite shared rate-limit buckets of one transaction (contract in
// store/federation_store.h, schema in migrations/sqlite/0015_cluster.sql). One process writes a
// SQLite store, so the writer lock makes each Sync atomic. Thread safety: confine to the
// transaction's thread.
class SqliteRateLimits final : public RateLimitRepository {
 public:
  explicit SqliteRateLimits(TxContext& tx) : tx_(tx) {}
  base::Result<std::vector<RateBucket>> Sync(std::string_view scope,
                                             std::span<const RateSpend> spent, double per_second,
                                             double burst, base::TimePoint at) override;
  base::Result<int64_t> DeleteIdle(base::TimePoint before) override;

 private:
  TxContext& tx_;
};

}  // namespace binhyen::store::sqlite
