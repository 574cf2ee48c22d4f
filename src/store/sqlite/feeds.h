#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "store/sqlite/tx_context.h"
#include "store/store.h"

namespace binhyen::store::sqlite {

// The SQLite feed repository of one transaction (contract in store/store.h, schema in
// migrations/sqlite/0004_feeds.sql). Thread safety: confine to the transaction's thread.
class SqliteFeeds final : public FeedRepository {
 public:
  explicit SqliteFeeds(TxContext& tx) : tx_(tx) {}
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
  base::Result<domain::FeedSource> Load(std::string_view name);
  base::Result<int64_t> NextVersion();
  // Upserts every entry (in key order) with import stamp `stamp`; returns how many distinct
  // entries it wrote.
  base::Result<int64_t> WriteEntries(int64_t source_id, std::span<const FeedEntryInput> entries,
                                     int64_t stamp, base::TimePoint at);
  // ApplyChanges: makes `e` active; true when it was active already (kept), false when added.
  base::Result<bool> Activate(int64_t source_id, const FeedEntryInput& e, int64_t stamp,
                              base::TimePoint at);

  TxContext& tx_;
};

}  // namespace binhyen::store::sqlite
