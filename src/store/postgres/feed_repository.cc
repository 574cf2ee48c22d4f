#include "store/postgres/feed_repository.h"

#include <algorithm>
#include <set>
#include <string>
#include <utility>

#include "store/feed_input.h"
#include "store/postgres/repositories.h"

namespace binhyen::store::postgres {
namespace {

// Entries go to the server in batches of this many rows, as parallel text arrays.
constexpr size_t kBatchRows = 20'000;

#define BINHYEN_FEED_SOURCE_COLUMNS \
  "id, name, format, trust, enabled, imported_at, active_entries, version"

constexpr Sql kNextVersion{
    "feed_next_version",
    "UPDATE counters SET value = value + 1 WHERE name = 'indicator_version' RETURNING value"};
constexpr Sql kSelectSource{"feed_source_select", "SELECT " BINHYEN_FEED_SOURCE_COLUMNS
                                                  " FROM feed_sources WHERE name = $1"};
constexpr Sql kListSources{"feed_sources_list", "SELECT " BINHYEN_FEED_SOURCE_COLUMNS
                                                " FROM feed_sources ORDER BY name COLLATE \"C\""};
constexpr Sql kInsertSource{
    "feed_source_insert",
    "INSERT INTO feed_sources (name, format, trust, enabled) VALUES ($1, $2, $3, $4)"};
constexpr Sql kUpdateSource{
    "feed_source_update",
    "UPDATE feed_sources SET format = $2, trust = $3, enabled = $4, version = $5 WHERE id = $1"};
constexpr Sql kSetEnabled{"feed_source_set_enabled",
                          "UPDATE feed_sources SET enabled = $2, version = $3 WHERE id = $1"};
constexpr Sql kLockSource{
    "feed_source_lock",
    "SELECT import_stamp, active_entries FROM feed_sources WHERE id = $1 FOR UPDATE"};
constexpr Sql kUpsertEntries{
    "feed_entries_upsert",
    "INSERT INTO feed_entries AS e (source_id, kind, canonical, category, first_seen, "
    "last_seen, expired_at, stamp) SELECT $1, t.kind, t.canonical, t.category, $5, $5, NULL, $6 "
    "FROM unnest($2::text[], $3::text[], $4::text[]) AS t(kind, canonical, category) "
    "ON CONFLICT (source_id, kind, canonical) DO UPDATE SET category = excluded.category, "
    "last_seen = excluded.last_seen, expired_at = NULL, stamp = excluded.stamp"};
constexpr Sql kSweep{"feed_entries_sweep",
                     "UPDATE feed_entries SET expired_at = $2 WHERE source_id = $1 AND stamp < $3 "
                     "AND expired_at IS NULL"};
constexpr Sql kFinishImport{
    "feed_source_finish_import",
    "UPDATE feed_sources SET import_stamp = $2, imported_at = $3, active_entries = $4, "
    "version = $5 WHERE id = $1"};
// Incremental changes (ApplyChanges). The first statement returns how many of the batch's keys
// were active before it (its CTEs read the snapshot from before the upsert); an entry that was
// not active starts again with first_seen = $5.
constexpr Sql kApplyUpserts{
    "feed_entries_apply_upserts",
    "WITH t AS (SELECT * FROM unnest($2::text[], $3::text[], $4::text[]) AS t(kind, canonical, "
    "category)), active AS (SELECT count(*) AS n FROM feed_entries e JOIN t ON e.kind = t.kind "
    "AND e.canonical = t.canonical WHERE e.source_id = $1 AND e.expired_at IS NULL), "
    "written AS (INSERT INTO feed_entries AS e (source_id, kind, canonical, category, "
    "first_seen, last_seen, expired_at, stamp) SELECT $1, t.kind, t.canonical, t.category, $5, "
    "$5, NULL, $6 FROM t ON CONFLICT (source_id, kind, canonical) DO UPDATE SET "
    "category = excluded.category, last_seen = excluded.last_seen, first_seen = CASE WHEN "
    "e.expired_at IS NULL THEN e.first_seen ELSE excluded.first_seen END, expired_at = NULL, "
    "stamp = excluded.stamp RETURNING 1) SELECT (SELECT n FROM active), (SELECT count(*) FROM "
    "written)"};
constexpr Sql kApplyRemovals{
    "feed_entries_apply_removals",
    "UPDATE feed_entries e SET expired_at = $4 FROM unnest($2::text[], $3::text[]) AS t(kind, "
    "canonical) WHERE e.source_id = $1 AND e.kind = t.kind AND e.canonical = t.canonical AND "
    "e.expired_at IS NULL"};
constexpr Sql kFinishChanges{
    "feed_source_finish_changes",
    "UPDATE feed_sources SET imported_at = $2, active_entries = $3, version = $4 WHERE id = $1"};
constexpr Sql kActive{"feed_entries_active",
                      "SELECT kind, canonical, category, first_seen, last_seen FROM feed_entries "
                      "WHERE source_id = $1 AND expired_at IS NULL ORDER BY kind, canonical"};

base::Result<domain::FeedSource> SourceFromRow(const pqxx::row& row) {
  domain::FeedSource f;
  f.id = Int(row["id"]);
  f.name = Text(row["name"]);
  f.format = Text(row["format"]);
  BINHYEN_ASSIGN_OR_RETURN(
      f.trust, ParseColumn<domain::FeedTrust>("trust", Text(row["trust"]), domain::ParseFeedTrust));
  f.enabled = Bool(row["enabled"]);
  f.imported_at = OptionalTime(row["imported_at"]);
  f.active_entries = Int(row["active_entries"]);
  f.version = Int(row["version"]);
  return f;
}

base::Result<domain::FeedSource> Load(Session& s, std::string_view name) {
  const pqxx::result r = s.Exec(kSelectSource, Params().Add(name));
  if (r.empty()) return base::NotFoundError("feed " + std::string(name) + ": not found");
  return SourceFromRow(r[0]);
}

int64_t NextVersion(Session& s) { return Int(s.Exec(kNextVersion)[0][0]); }

// Upserts the entries of one import, in key order and in batches, with import stamp `stamp`.
// Returns how many distinct entries it wrote.
int64_t WriteEntries(Session& s, int64_t source_id, std::span<const FeedEntryInput> entries,
                     int64_t stamp, base::TimePoint at) {
  const std::vector<uint32_t> order = FeedInputOrder(entries);
  std::vector<std::string> kinds, canonicals, categories;
  for (size_t begin = 0; begin < order.size(); begin += kBatchRows) {
    const size_t end = std::min(order.size(), begin + kBatchRows);
    kinds.clear();
    canonicals.clear();
    categories.clear();
    for (size_t i = begin; i < end; ++i) {
      const FeedEntryInput& e = entries[order[i]];
      kinds.emplace_back(indicator::KindName(e.kind));
      canonicals.push_back(e.canonical);
      categories.push_back(e.category);
    }
    s.Exec(kUpsertEntries, Params()
                               .Add(source_id)
                               .Add(TextArray(kinds))
                               .Add(TextArray(canonicals))
                               .Add(TextArray(categories))
                               .AddTime(at)
                               .Add(stamp));
  }
  return static_cast<int64_t>(order.size());
}

// InvalidArgument "removals[i]: also in upserts" for the first removal whose key is upserted too.
base::Status CheckDisjoint(std::span<const FeedEntryInput> upserts,
                           std::span<const FeedEntryInput> removals) {
  std::set<std::pair<indicator::Kind, std::string_view>> upserted;
  for (const FeedEntryInput& e : upserts) upserted.emplace(e.kind, e.canonical);
  for (size_t i = 0; i < removals.size(); ++i) {
    if (upserted.contains({removals[i].kind, removals[i].canonical})) {
      return base::InvalidArgumentError("removals[" + std::to_string(i) + "]: also in upserts");
    }
  }
  return base::Status::Ok();
}

// Upserts `upserts` (with the source's current import stamp, so that a later full import
// sweeps them as usual). Returns {distinct keys, how many of them were active before}.
std::pair<int64_t, int64_t> ApplyUpserts(Session& s, int64_t source_id,
                                         std::span<const FeedEntryInput> upserts, int64_t stamp,
                                         base::TimePoint at) {
  const std::vector<uint32_t> order = FeedInputOrder(upserts);
  int64_t active = 0;
  std::vector<std::string> kinds, canonicals, categories;
  for (size_t begin = 0; begin < order.size(); begin += kBatchRows) {
    const size_t end = std::min(order.size(), begin + kBatchRows);
    kinds.clear();
    canonicals.clear();
    categories.clear();
    for (size_t i = begin; i < end; ++i) {
      const FeedEntryInput& e = upserts[order[i]];
      kinds.emplace_back(indicator::KindName(e.kind));
      canonicals.push_back(e.canonical);
      categories.push_back(e.category);
    }
    const pqxx::result r = s.Exec(kApplyUpserts, Params()
                                                     .Add(source_id)
                                                     .Add(TextArray(kinds))
                                                     .Add(TextArray(canonicals))
                                                     .Add(TextArray(categories))
                                                     .AddTime(at)
                                                     .Add(stamp));
    active += Int(r[0][0]);
  }
  return {static_cast<int64_t>(order.size()), active};
}

// Expires the active entries of `removals`. Returns how many.
int64_t ApplyRemovals(Session& s, int64_t source_id, std::span<const FeedEntryInput> removals,
                      base::TimePoint at) {
  int64_t expired = 0;
  std::vector<std::string> kinds, canonicals;
  for (size_t begin = 0; begin < removals.size(); begin += kBatchRows) {
    const size_t end = std::min(removals.size(), begin + kBatchRows);
    kinds.clear();
    canonicals.clear();
    for (size_t i = begin; i < end; ++i) {
      kinds.emplace_back(indicator::KindName(removals[i].kind));
      canonicals.push_back(removals[i].canonical);
    }
    // A key given twice is updated once: the second match sees it expired already.
    expired += static_cast<int64_t>(
        s.Exec(kApplyRemovals,
               Params().Add(source_id).Add(TextArray(kinds)).Add(TextArray(canonicals)).AddTime(at))
            .affected_rows());
  }
  return expired;
}

}  // namespace

base::Result<domain::FeedSource> PgFeedRepository::UpsertSource(std::string_view name,
                                                                std::string_view format,
                                                                domain::FeedTrust trust,
                                                                bool enabled) {
  return s_.Write("feeds.upsert_source", [&]() -> base::Result<domain::FeedSource> {
    BINHYEN_RETURN_IF_ERROR(domain::ValidateFeedName(name));
    if (format.empty()) return base::InvalidArgumentError("format: must not be empty");
    base::Result<domain::FeedSource> old = Load(s_, name);
    if (!old.ok() && old.status().code() != base::StatusCode::kNotFound) return old.status();
    const std::string_view trust_name = domain::Name(trust);
    if (!old.ok()) {
      s_.Exec(kInsertSource, Params().Add(name).Add(format).Add(trust_name).Add(enabled));
      return Load(s_, name);
    }
    const bool listing_changes = old->trust != trust || old->enabled != enabled;
    const int64_t version = listing_changes ? NextVersion(s_) : old->version;
    s_.Exec(kUpdateSource,
            Params().Add(old->id).Add(format).Add(trust_name).Add(enabled).Add(version));
    return Load(s_, name);
  });
}

base::Result<domain::FeedSource> PgFeedRepository::GetSource(std::string_view name) {
  return s_.Read("feeds.get_source", [&] { return Load(s_, name); });
}

base::Result<std::vector<domain::FeedSource>> PgFeedRepository::ListSources() {
  return s_.Read("feeds.list_sources", [&]() -> base::Result<std::vector<domain::FeedSource>> {
    std::vector<domain::FeedSource> out;
    for (const pqxx::row& row : s_.Exec(kListSources)) {
      BINHYEN_ASSIGN_OR_RETURN(domain::FeedSource f, SourceFromRow(row));
      out.push_back(std::move(f));
    }
    return out;
  });
}

base::Result<domain::FeedSource> PgFeedRepository::SetEnabled(std::string_view name, bool enabled) {
  return s_.Write("feeds.set_enabled", [&]() -> base::Result<domain::FeedSource> {
    BINHYEN_ASSIGN_OR_RETURN(domain::FeedSource old, Load(s_, name));
    if (old.enabled == enabled) return old;
    s_.Exec(kSetEnabled, Params().Add(old.id).Add(enabled).Add(NextVersion(s_)));
    return Load(s_, name);
  });
}

base::Result<FeedReplaceOutcome> PgFeedRepository::ReplaceEntries(
    int64_t source_id, std::span<const FeedEntryInput> entries, base::TimePoint at) {
  return s_.Write("feeds.replace_entries", [&]() -> base::Result<FeedReplaceOutcome> {
    BINHYEN_RETURN_IF_ERROR(ValidateFeedInputs(entries));
    // The row lock serialises two imports of one source (the stamp must not be shared).
    const pqxx::result src = s_.Exec(kLockSource, Params().Add(source_id));
    if (src.empty()) {
      return base::NotFoundError("feed source " + std::to_string(source_id) + ": not found");
    }
    const int64_t stamp = Int(src[0]["import_stamp"]) + 1;
    const int64_t active_before = Int(src[0]["active_entries"]);
    FeedReplaceOutcome out;
    out.version = NextVersion(s_);
    const int64_t present = WriteEntries(s_, source_id, entries, stamp, at);
    out.expired = s_.Exec(kSweep, Params().Add(source_id).AddTime(at).Add(stamp)).affected_rows();
    out.kept = active_before - out.expired;
    out.added = present - out.kept;
    s_.Exec(kFinishImport,
            Params().Add(source_id).Add(stamp).AddTime(at).Add(present).Add(out.version));
    return out;
  });
}

base::Result<FeedReplaceOutcome> PgFeedRepository::ApplyChanges(
    int64_t source_id, std::span<const FeedEntryInput> upserts,
    std::span<const FeedEntryInput> removals, base::TimePoint at) {
  return s_.Write("feeds.apply_changes", [&]() -> base::Result<FeedReplaceOutcome> {
    BINHYEN_RETURN_IF_ERROR(ValidateFeedInputs(upserts));
    BINHYEN_RETURN_IF_ERROR(CheckDisjoint(upserts, removals));
    // The row lock serialises with imports and other changes of the source.
    const pqxx::result src = s_.Exec(kLockSource, Params().Add(source_id));
    if (src.empty()) {
      return base::NotFoundError("feed source " + std::to_string(source_id) + ": not found");
    }
    const int64_t stamp = Int(src[0]["import_stamp"]);
    const int64_t active_before = Int(src[0]["active_entries"]);
    FeedReplaceOutcome out;
    const auto [present, was_active] = ApplyUpserts(s_, source_id, upserts, stamp, at);
    out.kept = was_active;
    out.added = present - was_active;
    out.expired = ApplyRemovals(s_, source_id, removals, at);
    if (out.added + out.kept + out.expired == 0) return out;
    out.version = NextVersion(s_);
    s_.Exec(kFinishChanges, Params()
                                .Add(source_id)
                                .AddTime(at)
                                .Add(active_before + out.added - out.expired)
                                .Add(out.version));
    return out;
  });
}

base::Result<std::vector<domain::FeedEntry>> PgFeedRepository::ActiveEntries(int64_t source_id) {
  return s_.Read("feeds.active_entries", [&]() -> base::Result<std::vector<domain::FeedEntry>> {
    const pqxx::result r = s_.Exec(kActive, Params().Add(source_id));
    std::vector<domain::FeedEntry> out;
    out.reserve(r.size());
    for (const pqxx::row& row : r) {
      domain::FeedEntry e;
      BINHYEN_ASSIGN_OR_RETURN(
          e.kind, ParseColumn<indicator::Kind>("kind", Text(row[0]), indicator::ParseKind));
      e.canonical = Text(row[1]);
      e.category = Text(row[2]);
      e.first_seen = Time(row[3]);
      e.last_seen = Time(row[4]);
      out.push_back(std::move(e));
    }
    return out;
  });
}

}  // namespace binhyen::store::postgres
