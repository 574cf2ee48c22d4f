#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "store/postgres/session.h"
#include "store/store.h"

namespace binhyen::store::postgres {

// The PostgreSQL feed repository (contract in store/store.h, schema in
// migrations/postgres/0004_feeds.sql). Runs its statements in the Session of the transaction
// that owns it; confine it to that transaction's thread.
class PgFeedRepository final : public FeedRepository {
 public:
  explicit PgFeedRepository(Session& session) : s_(session) {}
  base::Result<domain::FeedSource> UpsertSource(std::string_view name, std::string_view format,
                                                domain::FeedTrust trust, bool enabled) override;
  base::Result<domain::FeedSource> GetSource(std::string_view name) override;
  base::Result<std::vector<domain::FeedSource>> ListSources() override;
  base::Result<domain::FeedSource> SetEnabled(std::string_view name, bool enabled) override;
  base::Result<FeedReplaceOutcome> ReplaceEntries(int64_t source_id,
                                                  std::span<const FeedEntryInput> entries,
                                                  base::TimePoint at) override;
  base::Result<std::vector<domain::FeedEntry>> ActiveEntries(int64_t source_id) override;
  base::Result<FeedReplaceOutcome> ApplyChanges(int64_t source_id,
                                                std::span<const FeedEntryInput> upserts,
                                                std::span<const FeedEntryInput> removals,
                                                base::TimePoint at) override;

 private:
  Session& s_;
};

}  // namespace binhyen::store::postgres
