#include <string>
#include <utility>

#include "store/common.h"
#include "store/sqlite/repositories.h"

namespace binhyen::store::sqlite {
namespace {

constexpr std::string_view kColumns =
    "id, kind, canonical, category, severity, status, first_seen, last_seen, expires_at, version";

struct Row {
  int64_t id = 0;
  domain::IndicatorRecord record;
};

base::Result<Row> ReadRow(const Statement& s) {
  Row row;
  row.id = s.Int(0);
  domain::IndicatorRecord& r = row.record;
  const std::string kind = s.Text(1), category = s.Text(3), severity = s.Text(4),
                    status = s.Text(5);
  BINHYEN_ASSIGN_OR_RETURN(r.kind, ParseStored(indicator::ParseKind(kind), "kind", kind));
  r.canonical = s.Text(2);
  BINHYEN_ASSIGN_OR_RETURN(r.category,
                           ParseStored(domain::ParseCategory(category), "category", category));
  BINHYEN_ASSIGN_OR_RETURN(r.severity,
                           ParseStored(domain::ParseSeverity(severity), "severity", severity));
  BINHYEN_ASSIGN_OR_RETURN(r.status,
                           ParseStored(domain::ParseIndicatorStatus(status), "status", status));
  r.first_seen = s.Time(6);
  r.last_seen = s.Time(7);
  r.expires_at = s.OptionalTime(8);
  r.version = s.Int(9);
  return row;
}

base::Status LoadSources(Connection& c, Row& row) {
  BINHYEN_ASSIGN_OR_RETURN(auto s, c.Prepare("SELECT source, trust_level FROM indicator_sources "
                                             "WHERE indicator_id = ? ORDER BY source"));
  s->Bind(1, row.id);
  while (true) {
    BINHYEN_ASSIGN_OR_RETURN(bool more, s->Step());
    if (!more) break;
    row.record.sources.push_back({s->Text(0), static_cast<int>(s->Int(1))});
  }
  return base::Status::Ok();
}

base::Status NotFound(indicator::Kind kind, std::string_view canonical) {
  return base::NotFoundError("indicator " + std::string(indicator::KindName(kind)) + " " +
                             std::string(canonical) + ": not found");
}

}  // namespace

base::Result<domain::IndicatorRecord> SqliteIndicators::Load(indicator::Kind kind,
                                                             std::string_view canonical) {
  Connection& c = tx_.connection();
  BINHYEN_ASSIGN_OR_RETURN(auto s, c.Prepare("SELECT " + std::string(kColumns) +
                                             " FROM indicators WHERE kind = ? AND canonical = ?"));
  s->Bind(1, indicator::KindName(kind)).Bind(2, canonical);
  BINHYEN_ASSIGN_OR_RETURN(bool found, s->Step());
  if (!found) return NotFound(kind, canonical);
  BINHYEN_ASSIGN_OR_RETURN(Row row, ReadRow(*s));
  s.reset();
  BINHYEN_RETURN_IF_ERROR(LoadSources(c, row));
  return std::move(row.record);
}

base::Result<int64_t> SqliteIndicators::NextVersion() {
  BINHYEN_ASSIGN_OR_RETURN(
      auto s, tx_.connection().Prepare("UPDATE counters SET value = value + 1 WHERE name = "
                                       "'indicator_version' RETURNING value"));
  BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return base::InternalError("counters: indicator_version is missing");
  return s->Int(0);
}

base::Result<domain::IndicatorRecord> SqliteIndicators::Upsert(
    const domain::IndicatorRecord& record) {
  return tx_.Write([&]() -> base::Result<domain::IndicatorRecord> {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(record));
    Connection& c = tx_.connection();
    BINHYEN_ASSIGN_OR_RETURN(int64_t version, NextVersion());
    // One statement for insert-or-merge; first_seen / last_seen widen, the rest is replaced.
    BINHYEN_ASSIGN_OR_RETURN(
        auto s,
        c.Prepare("INSERT INTO indicators (kind, canonical, category, severity, status, "
                  "first_seen, last_seen, expires_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                  "ON CONFLICT (kind, canonical) DO UPDATE SET category = excluded.category, "
                  "severity = excluded.severity, status = excluded.status, "
                  "first_seen = min(first_seen, excluded.first_seen), "
                  "last_seen = max(last_seen, excluded.last_seen), "
                  "expires_at = excluded.expires_at, version = excluded.version RETURNING id"));
    s->Bind(1, indicator::KindName(record.kind))
        .Bind(2, record.canonical)
        .Bind(3, domain::Name(record.category))
        .Bind(4, domain::Name(record.severity))
        .Bind(5, domain::Name(record.status))
        .Bind(6, record.first_seen)
        .Bind(7, record.last_seen)
        .Bind(8, record.expires_at)
        .Bind(9, version);
    BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return base::InternalError("indicators: upsert returned no id");
    const int64_t id = s->Int(0);
    BINHYEN_RETURN_IF_ERROR(s->Run());
    s.reset();
    for (const domain::IndicatorSource& src : record.sources) {
      BINHYEN_ASSIGN_OR_RETURN(
          auto ins, c.Prepare("INSERT INTO indicator_sources (indicator_id, source, trust_level) "
                              "VALUES (?, ?, ?) ON CONFLICT (indicator_id, source) DO UPDATE SET "
                              "trust_level = excluded.trust_level"));
      ins->Bind(1, id).Bind(2, src.source).Bind(3, static_cast<int64_t>(src.trust_level));
      BINHYEN_RETURN_IF_ERROR(ins->Run());
    }
    return Load(record.kind, record.canonical);
  });
}

base::Result<domain::IndicatorRecord> SqliteIndicators::Get(indicator::Kind kind,
                                                            std::string_view canonical) {
  return tx_.Read([&] { return Load(kind, canonical); });
}

base::Result<domain::IndicatorRecord> SqliteIndicators::SetStatus(indicator::Kind kind,
                                                                  std::string_view canonical,
                                                                  domain::IndicatorStatus status) {
  return tx_.Write([&]() -> base::Result<domain::IndicatorRecord> {
    BINHYEN_RETURN_IF_ERROR(Load(kind, canonical).status());
    BINHYEN_ASSIGN_OR_RETURN(int64_t version, NextVersion());
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare("UPDATE indicators SET status = ?, version = ? WHERE "
                                         "kind = ? AND canonical = ?"));
    s->Bind(1, domain::Name(status))
        .Bind(2, version)
        .Bind(3, indicator::KindName(kind))
        .Bind(4, canonical);
    BINHYEN_RETURN_IF_ERROR(s->Run());
    s.reset();
    return Load(kind, canonical);
  });
}

base::Result<int64_t> SqliteIndicators::CurrentVersion() {
  return tx_.Read([&]() -> base::Result<int64_t> {
    BINHYEN_ASSIGN_OR_RETURN(auto s,
                             tx_.connection().Prepare("SELECT value FROM counters WHERE name = "
                                                      "'indicator_version'"));
    BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return base::InternalError("counters: indicator_version is missing");
    return s->Int(0);
  });
}

base::Result<std::vector<domain::IndicatorRecord>> SqliteIndicators::ChangesSince(int64_t version,
                                                                                  int limit) {
  return tx_.Read([&]() -> base::Result<std::vector<domain::IndicatorRecord>> {
    BINHYEN_RETURN_IF_ERROR(CheckLimit(limit, 10000));
    Connection& c = tx_.connection();
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, c.Prepare("SELECT " + std::string(kColumns) +
                          " FROM indicators WHERE version > ? ORDER BY version LIMIT ?"));
    s->Bind(1, version).Bind(2, static_cast<int64_t>(limit));
    std::vector<Row> rows;
    while (true) {
      BINHYEN_ASSIGN_OR_RETURN(bool more, s->Step());
      if (!more) break;
      BINHYEN_ASSIGN_OR_RETURN(Row row, ReadRow(*s));
      rows.push_back(std::move(row));
    }
    s.reset();
    std::vector<domain::IndicatorRecord> out;
    out.reserve(rows.size());
    for (Row& row : rows) {
      BINHYEN_RETURN_IF_ERROR(LoadSources(c, row));
      out.push_back(std::move(row.record));
    }
    return out;
  });
}

base::Result<Page<domain::IndicatorRecord>> SqliteIndicators::List(const IndicatorFilter& filter,
                                                                   const PageRequest& page) {
  return tx_.Read([&]() -> base::Result<Page<domain::IndicatorRecord>> {
    BINHYEN_RETURN_IF_ERROR(CheckLimit(page.limit, 1000));
    BINHYEN_ASSIGN_OR_RETURN(std::optional<int64_t> after, ParseIdCursor(page.after));
    Connection& c = tx_.connection();
    // SQLite's lower() folds ASCII letters only, which is the contract; instr() takes the text
    // literally (no LIKE wildcards to escape).
    std::string sql = "SELECT " + std::string(kColumns) + " FROM indicators WHERE 1";
    if (filter.kind) sql += " AND kind = ?1";
    if (filter.status) sql += " AND status = ?2";
    if (!filter.text.empty()) sql += " AND instr(lower(canonical), ?3) > 0";
    if (after) sql += " AND version < ?4";
    sql += " ORDER BY version DESC LIMIT ?5";
    BINHYEN_ASSIGN_OR_RETURN(auto s, c.Prepare(sql));
    if (filter.kind) s->Bind(1, indicator::KindName(*filter.kind));
    if (filter.status) s->Bind(2, domain::Name(*filter.status));
    if (!filter.text.empty()) s->Bind(3, AsciiLower(filter.text));
    if (after) s->Bind(4, *after);
    s->Bind(5, static_cast<int64_t>(page.limit) + 1);
    std::vector<Row> rows;
    while (true) {
      BINHYEN_ASSIGN_OR_RETURN(bool more, s->Step());
      if (!more) break;
      BINHYEN_ASSIGN_OR_RETURN(Row row, ReadRow(*s));
      rows.push_back(std::move(row));
    }
    s.reset();
    const bool more = rows.size() > static_cast<size_t>(page.limit);
    if (more) rows.pop_back();
    Page<domain::IndicatorRecord> out;
    for (Row& row : rows) {
      BINHYEN_RETURN_IF_ERROR(LoadSources(c, row));
      out.items.push_back(std::move(row.record));
    }
    if (more) out.next = FormatIdCursor(out.items.back().version);
    return out;
  });
}

base::Result<int64_t> SqliteIndicators::CountByStatus(domain::IndicatorStatus status) {
  return tx_.Read([&]() -> base::Result<int64_t> {
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare("SELECT count(*) FROM indicators WHERE status = ?"));
    s->Bind(1, domain::Name(status));
    BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return base::InternalError("indicators: count returned no row");
    return s->Int(0);
  });
}

}  // namespace binhyen::store::sqlite
