#include <map>
#include <string>
#include <utility>

#include "store/postgres/repositories.h"

namespace binhyen::store::postgres {
namespace {

// The counter row lock is held until commit, so versions are handed out in commit order.
constexpr Sql kNextVersion{
    "indicator_next_version",
    "UPDATE counters SET value = value + 1 WHERE name = 'indicator_version' RETURNING value"};
constexpr Sql kCurrentVersion{"indicator_current_version",
                              "SELECT value FROM counters WHERE name = 'indicator_version'"};
constexpr Sql kUpsert{
    "indicator_upsert",
    "INSERT INTO indicators AS i (kind, canonical, category, severity, status, first_seen, "
    "last_seen, expires_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
    "ON CONFLICT (kind, canonical) DO UPDATE SET category = excluded.category, "
    "severity = excluded.severity, status = excluded.status, "
    "first_seen = least(i.first_seen, excluded.first_seen), "
    "last_seen = greatest(i.last_seen, excluded.last_seen), expires_at = excluded.expires_at, "
    "version = excluded.version RETURNING id"};
constexpr Sql kUpsertSource{"indicator_source_upsert",
                            "INSERT INTO indicator_sources (indicator_id, source, trust_level) "
                            "VALUES ($1, $2, $3) ON CONFLICT (indicator_id, source) "
                            "DO UPDATE SET trust_level = excluded.trust_level"};
constexpr Sql kSelect{
    "indicator_select",
    "SELECT id, kind, canonical, category, severity, status, first_seen, last_seen, "
    "expires_at, version FROM indicators WHERE kind = $1 AND canonical = $2"};
constexpr Sql kSelectSources{
    "indicator_sources_select",
    "SELECT source, trust_level FROM indicator_sources WHERE indicator_id = $1 "
    "ORDER BY source COLLATE \"C\""};
constexpr Sql kSetStatus{
    "indicator_set_status",
    "UPDATE indicators SET status = $3, version = $4 WHERE kind = $1 AND canonical = $2"};
constexpr Sql kChanges{
    "indicator_changes",
    "SELECT id, kind, canonical, category, severity, status, first_seen, last_seen, "
    "expires_at, version FROM indicators WHERE version > $1 ORDER BY version LIMIT $2"};
// translate() folds ASCII letters only (lower() would follow the database's locale); strpos()
// takes the text literally (no LIKE wildcards to escape).
constexpr Sql kList{
    "indicator_list",
    "SELECT id, kind, canonical, category, severity, status, first_seen, last_seen, "
    "expires_at, version FROM indicators WHERE ($1::text IS NULL OR kind = $1) "
    "AND ($2::text IS NULL OR status = $2) "
    "AND ($3::text = '' OR strpos(translate(canonical, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', "
    "'abcdefghijklmnopqrstuvwxyz'), $3) > 0) "
    "AND ($4::bigint IS NULL OR version < $4) ORDER BY version DESC LIMIT $5"};
constexpr Sql kCountByStatus{"indicator_count_by_status",
                             "SELECT count(*) FROM indicators WHERE status = $1"};
constexpr Sql kChangedSources{
    "indicator_changed_sources",
    "SELECT indicator_id, source, trust_level FROM indicator_sources "
    "WHERE indicator_id = ANY($1::bigint[]) ORDER BY source COLLATE \"C\""};

base::Result<domain::IndicatorRecord> RecordFromRow(const pqxx::row& row) {
  domain::IndicatorRecord r;
  BINHYEN_ASSIGN_OR_RETURN(
      r.kind, ParseColumn<indicator::Kind>("kind", Text(row["kind"]), indicator::ParseKind));
  r.canonical = Text(row["canonical"]);
  BINHYEN_ASSIGN_OR_RETURN(
      r.category,
      ParseColumn<domain::Category>("category", Text(row["category"]), domain::ParseCategory));
  BINHYEN_ASSIGN_OR_RETURN(
      r.severity,
      ParseColumn<domain::Severity>("severity", Text(row["severity"]), domain::ParseSeverity));
  BINHYEN_ASSIGN_OR_RETURN(r.status,
                           ParseColumn<domain::IndicatorStatus>("status", Text(row["status"]),
                                                                domain::ParseIndicatorStatus));
  r.first_seen = Time(row["first_seen"]);
  r.last_seen = Time(row["last_seen"]);
  r.expires_at = OptionalTime(row["expires_at"]);
  r.version = Int(row["version"]);
  return r;
}

std::string NotFoundMessage(indicator::Kind kind, std::string_view canonical) {
  return "indicator " + std::string(indicator::KindName(kind)) + " " + std::string(canonical) +
         ": not found";
}

base::Result<domain::IndicatorRecord> Load(Session& s, indicator::Kind kind,
                                           std::string_view canonical) {
  const std::string_view kind_name = indicator::KindName(kind);
  const pqxx::result r = s.Exec(kSelect, Params().Add(kind_name).Add(canonical));
  if (r.empty()) return base::NotFoundError(NotFoundMessage(kind, canonical));
  BINHYEN_ASSIGN_OR_RETURN(domain::IndicatorRecord record, RecordFromRow(r[0]));
  for (const pqxx::row& row : s.Exec(kSelectSources, Params().Add(Int(r[0]["id"])))) {
    record.sources.push_back(
        domain::IndicatorSource{Text(row["source"]), static_cast<int>(Int(row["trust_level"]))});
  }
  return record;
}

int64_t NextVersion(Session& s) { return Int(s.Exec(kNextVersion)[0][0]); }

// The records of `rows` (kChanges / kList rows) with their sources, in row order.
base::Result<std::vector<domain::IndicatorRecord>> RecordsWithSources(Session& s,
                                                                      const pqxx::result& rows) {
  std::vector<domain::IndicatorRecord> out;
  std::vector<int64_t> ids;
  for (const pqxx::row& row : rows) {
    BINHYEN_ASSIGN_OR_RETURN(domain::IndicatorRecord r, RecordFromRow(row));
    out.push_back(std::move(r));
    ids.push_back(Int(row["id"]));
  }
  if (out.empty()) return out;
  // Sources of every record in one query, matched by record id.
  std::map<int64_t, domain::IndicatorRecord*> index;
  for (size_t i = 0; i < out.size(); ++i) index[ids[i]] = &out[i];
  for (const pqxx::row& row : s.Exec(kChangedSources, Params().Add(IntArray(ids)))) {
    auto it = index.find(Int(row["indicator_id"]));
    if (it == index.end()) continue;
    it->second->sources.push_back(
        domain::IndicatorSource{Text(row["source"]), static_cast<int>(Int(row["trust_level"]))});
  }
  return out;
}

}  // namespace

base::Result<domain::IndicatorRecord> PgIndicatorRepository::Upsert(
    const domain::IndicatorRecord& record) {
  return s_.Write("indicators.upsert", [&]() -> base::Result<domain::IndicatorRecord> {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(record));
    const std::string_view kind = indicator::KindName(record.kind);
    const int64_t version = NextVersion(s_);
    const pqxx::result upserted = s_.Exec(kUpsert, Params()
                                                       .Add(kind)
                                                       .Add(record.canonical)
                                                       .Add(domain::Name(record.category))
                                                       .Add(domain::Name(record.severity))
                                                       .Add(domain::Name(record.status))
                                                       .AddTime(record.first_seen)
                                                       .AddTime(record.last_seen)
                                                       .AddTime(record.expires_at)
                                                       .Add(version));
    const int64_t id = Int(upserted[0][0]);
    for (const auto& source : record.sources) {
      s_.Exec(kUpsertSource, Params().Add(id).Add(source.source).Add(source.trust_level));
    }
    return Load(s_, record.kind, record.canonical);
  });
}

base::Result<domain::IndicatorRecord> PgIndicatorRepository::Get(indicator::Kind kind,
                                                                 std::string_view canonical) {
  return s_.Read("indicators.get", [&] { return Load(s_, kind, canonical); });
}

base::Result<domain::IndicatorRecord> PgIndicatorRepository::SetStatus(
    indicator::Kind kind, std::string_view canonical, domain::IndicatorStatus status) {
  return s_.Write("indicators.set_status", [&]() -> base::Result<domain::IndicatorRecord> {
    const int64_t version = NextVersion(s_);
    const pqxx::result r = s_.Exec(kSetStatus, Params()
                                                   .Add(indicator::KindName(kind))
                                                   .Add(canonical)
                                                   .Add(domain::Name(status))
                                                   .Add(version));
    if (r.affected_rows() == 0) return base::NotFoundError(NotFoundMessage(kind, canonical));
    return Load(s_, kind, canonical);
  });
}

base::Result<int64_t> PgIndicatorRepository::CurrentVersion() {
  return s_.Read("indicators.current_version",
                 [&]() -> base::Result<int64_t> { return Int(s_.Exec(kCurrentVersion)[0][0]); });
}

base::Result<std::vector<domain::IndicatorRecord>> PgIndicatorRepository::ChangesSince(
    int64_t version, int limit) {
  return s_.Read(
      "indicators.changes_since", [&]() -> base::Result<std::vector<domain::IndicatorRecord>> {
        BINHYEN_RETURN_IF_ERROR(CheckLimit(limit, 10000));
        return RecordsWithSources(s_, s_.Exec(kChanges, Params().Add(version).Add(limit)));
      });
}

base::Result<Page<domain::IndicatorRecord>> PgIndicatorRepository::List(
    const IndicatorFilter& filter, const PageRequest& page) {
  return s_.Read("indicators.list", [&]() -> base::Result<Page<domain::IndicatorRecord>> {
    BINHYEN_RETURN_IF_ERROR(CheckLimit(page.limit, 1000));
    BINHYEN_ASSIGN_OR_RETURN(std::optional<int64_t> after, ParseIdCursor(page.after));
    Params params;
    if (filter.kind) {
      params.Add(indicator::KindName(*filter.kind));
    } else {
      params.AddNull();
    }
    if (filter.status) {
      params.Add(domain::Name(*filter.status));
    } else {
      params.AddNull();
    }
    params.Add(AsciiLower(filter.text)).Add(after).Add(page.limit + 1);
    Page<domain::IndicatorRecord> out;
    BINHYEN_ASSIGN_OR_RETURN(out.items, RecordsWithSources(s_, s_.Exec(kList, params)));
    if (out.items.size() > static_cast<size_t>(page.limit)) {
      out.items.pop_back();
      out.next = FormatIdCursor(out.items.back().version);
    }
    return out;
  });
}

base::Result<int64_t> PgIndicatorRepository::CountByStatus(domain::IndicatorStatus status) {
  return s_.Read("indicators.count_by_status", [&]() -> base::Result<int64_t> {
    return Int(s_.Exec(kCountByStatus, Params().Add(domain::Name(status)))[0][0]);
  });
}

}  // namespace binhyen::store::postgres
