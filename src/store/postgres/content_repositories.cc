// Warnings (and clarifications) and disputes.
#include <map>
#include <string>

#include "domain/dispute.h"
#include "domain/warning.h"
#include "store/postgres/repositories.h"

namespace binhyen::store::postgres {
namespace {

constexpr Sql kWarningInsert{
    "warning_insert",
    "INSERT INTO warnings (kind, slug, title, body, published_at, created_at, updated_at, "
    "category, report_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id"};
constexpr Sql kWarningUpdate{
    "warning_update",
    "UPDATE warnings SET kind = $2, slug = $3, title = $4, body = $5, published_at = $6, "
    "updated_at = $7, category = $8, report_id = $9 WHERE id = $1"};
constexpr Sql kWarningIndicatorsDelete{"warning_indicators_delete",
                                       "DELETE FROM warning_indicators WHERE warning_id = $1"};
constexpr Sql kWarningIndicatorInsert{
    "warning_indicator_insert",
    "INSERT INTO warning_indicators (warning_id, kind, canonical) VALUES ($1, $2, $3)"};
constexpr Sql kWarningSelect{
    "warning_select",
    "SELECT id, kind, slug, title, body, published_at, created_at, updated_at, category, "
    "report_id FROM warnings WHERE id = ANY($1::bigint[])"};
constexpr Sql kWarningIndicatorsSelect{"warning_indicators_select",
                                       "SELECT warning_id, kind, canonical FROM warning_indicators "
                                       "WHERE warning_id = ANY($1::bigint[]) ORDER BY id"};
constexpr Sql kWarningIdBySlug{"warning_id_by_slug", "SELECT id FROM warnings WHERE slug = $1"};
constexpr Sql kWarningPublished{
    "warning_published",
    "SELECT id, published_at FROM warnings WHERE published_at IS NOT NULL "
    "AND published_at <= $1 AND ($2::text IS NULL OR kind = $2) "
    "AND ($3::bigint IS NULL OR (published_at, id) < ($3::bigint, $4::bigint)) "
    "AND ($6::text IS NULL OR category = $6) "
    "ORDER BY published_at DESC, id DESC LIMIT $5"};
constexpr Sql kWarningAll{
    "warning_all",
    "SELECT id FROM warnings "
    "WHERE ($1::bigint IS NULL OR (updated_at, id) < ($1::bigint, $2::bigint)) "
    "ORDER BY updated_at DESC, id DESC LIMIT $3"};
constexpr Sql kWarningByIndicator{
    "warning_by_indicator",
    "SELECT w.id FROM warning_indicators i JOIN warnings w ON w.id = i.warning_id "
    "WHERE i.kind = $1 AND i.canonical = $2 AND w.published_at IS NOT NULL "
    "ORDER BY w.published_at DESC, w.id DESC LIMIT $3"};
constexpr Sql kWarningReportExists{"warning_report_exists", "SELECT 1 FROM reports WHERE id = $1"};
constexpr Sql kWarningSearch{
    "warning_search",
    "SELECT id FROM (SELECT id, binhyen_fold(title || ' ' || body) AS f FROM warnings "
    "WHERE binhyen_fold(title || ' ' || body) LIKE '%' || $2 || '%') c "
    "WHERE NOT EXISTS (SELECT 1 FROM unnest($1::text[]) w "
    "WHERE c.f !~ ('(^|[^[:alnum:]])' || w || '([^[:alnum:]]|$)')) ORDER BY id DESC LIMIT $3"};

constexpr Sql kDisputeInsert{
    "dispute_insert",
    "INSERT INTO disputes (kind, canonical, claimant_contact_ciphertext, reason, status, "
    "created_at) VALUES ($1, $2, decode($3, 'hex'), $4, 'open', $5) RETURNING id"};
constexpr Sql kDisputeSelect{
    "dispute_select",
    "SELECT id, kind, canonical, encode(claimant_contact_ciphertext, 'hex') AS contact, reason, "
    "status, resolution, resolved_by_user_id, created_at, resolved_at, "
    "claimant_contact_erased_at FROM disputes "
    "WHERE id = $1"};
constexpr Sql kDisputeList{
    "dispute_list",
    "SELECT id, kind, canonical, encode(claimant_contact_ciphertext, 'hex') AS contact, reason, "
    "status, resolution, resolved_by_user_id, created_at, resolved_at, "
    "claimant_contact_erased_at FROM disputes "
    "WHERE ($1::text IS NULL OR status = $1) AND ($2::bigint IS NULL OR id < $2) "
    "ORDER BY id DESC LIMIT $3"};
constexpr Sql kDisputeLock{"dispute_lock", "SELECT status FROM disputes WHERE id = $1 FOR UPDATE"};
constexpr Sql kDisputeResolve{
    "dispute_resolve",
    "UPDATE disputes SET status = $2, resolution = $3, resolved_by_user_id = $4, "
    "resolved_at = $5 WHERE id = $1"};
constexpr Sql kUserExists{"dispute_user_exists", "SELECT 1 FROM users WHERE id = $1"};

base::Result<std::vector<domain::Warning>> LoadWarnings(Session& s,
                                                        const std::vector<int64_t>& ids) {
  std::vector<domain::Warning> out;
  if (ids.empty()) return out;
  const std::string array = IntArray(ids);
  std::map<int64_t, domain::Warning> by_id;
  for (const pqxx::row& row : s.Exec(kWarningSelect, Params().Add(array))) {
    domain::Warning w;
    w.id = Int(row["id"]);
    BINHYEN_ASSIGN_OR_RETURN(w.kind, ParseColumn<domain::WarningKind>("kind", Text(row["kind"]),
                                                                      domain::ParseWarningKind));
    w.slug = Text(row["slug"]);
    w.title = Text(row["title"]);
    w.body = Text(row["body"]);
    w.published_at = OptionalTime(row["published_at"]);
    w.created_at = Time(row["created_at"]);
    w.updated_at = Time(row["updated_at"]);
    if (!row["category"].is_null()) {
      BINHYEN_ASSIGN_OR_RETURN(
          w.category,
          ParseColumn<domain::Category>("category", Text(row["category"]), domain::ParseCategory));
    }
    w.report_id = OptionalInt(row["report_id"]);
    by_id.emplace(w.id, std::move(w));
  }
  for (const pqxx::row& row : s.Exec(kWarningIndicatorsSelect, Params().Add(array))) {
    domain::WarningIndicator wi;
    BINHYEN_ASSIGN_OR_RETURN(
        wi.kind, ParseColumn<indicator::Kind>("kind", Text(row["kind"]), indicator::ParseKind));
    wi.canonical = Text(row["canonical"]);
    auto it = by_id.find(Int(row["warning_id"]));
    if (it != by_id.end()) it->second.indicators.push_back(std::move(wi));
  }
  for (int64_t id : ids) {
    auto it = by_id.find(id);
    if (it != by_id.end()) out.push_back(std::move(it->second));
  }
  return out;
}

base::Result<domain::Warning> LoadWarning(Session& s, int64_t id) {
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Warning> warnings, LoadWarnings(s, {id}));
  if (warnings.empty()) {
    return base::NotFoundError("warning " + std::to_string(id) + ": not found");
  }
  return std::move(warnings.front());
}

// NotFound "report <id>: not found" when `report_id` is set and names no report.
base::Status CheckWarningReport(Session& s, std::optional<int64_t> report_id) {
  if (!report_id) return base::Status::Ok();
  if (s.Exec(kWarningReportExists, Params().Add(*report_id)).empty()) {
    return ReportNotFound(*report_id);
  }
  return base::Status::Ok();
}

std::optional<std::string> CategoryName(const std::optional<domain::Category>& category) {
  if (!category) return std::nullopt;
  return std::string(domain::Name(*category));
}

void InsertWarningIndicators(Session& s, const domain::Warning& w, int64_t id) {
  for (const auto& i : w.indicators) {
    s.Exec(kWarningIndicatorInsert,
           Params().Add(id).Add(indicator::KindName(i.kind)).Add(i.canonical));
  }
}

base::Result<domain::Dispute> DisputeFromRow(const pqxx::row& row) {
  domain::Dispute d;
  d.id = Int(row["id"]);
  BINHYEN_ASSIGN_OR_RETURN(
      d.kind, ParseColumn<indicator::Kind>("kind", Text(row["kind"]), indicator::ParseKind));
  d.canonical = Text(row["canonical"]);
  d.claimant_contact_ciphertext = OptionalBytes(row["contact"]);
  d.reason = Text(row["reason"]);
  BINHYEN_ASSIGN_OR_RETURN(d.status,
                           ParseColumn<domain::DisputeStatus>("status", Text(row["status"]),
                                                              domain::ParseDisputeStatus));
  d.resolution = Text(row["resolution"]);
  d.resolved_by_user_id = OptionalInt(row["resolved_by_user_id"]);
  d.created_at = Time(row["created_at"]);
  d.resolved_at = OptionalTime(row["resolved_at"]);
  d.claimant_contact_erased_at = OptionalTime(row["claimant_contact_erased_at"]);
  return d;
}

base::Result<domain::Dispute> LoadDispute(Session& s, int64_t id) {
  const pqxx::result r = s.Exec(kDisputeSelect, Params().Add(id));
  if (r.empty()) return base::NotFoundError("dispute " + std::to_string(id) + ": not found");
  return DisputeFromRow(r[0]);
}

}  // namespace

base::Result<int64_t> PgWarningRepository::Create(const domain::Warning& warning) {
  return s_.Write("warnings.create", [&]() -> base::Result<int64_t> {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(warning));
    BINHYEN_RETURN_IF_ERROR(CheckWarningReport(s_, warning.report_id));
    const pqxx::result r = s_.Exec(kWarningInsert, Params()
                                                       .Add(domain::Name(warning.kind))
                                                       .Add(warning.slug)
                                                       .Add(warning.title)
                                                       .Add(warning.body)
                                                       .AddTime(warning.published_at)
                                                       .AddTime(warning.created_at)
                                                       .AddTime(warning.updated_at)
                                                       .Add(CategoryName(warning.category))
                                                       .Add(warning.report_id));
    const int64_t id = Int(r[0][0]);
    InsertWarningIndicators(s_, warning, id);
    return id;
  });
}

base::Status PgWarningRepository::Update(const domain::Warning& warning) {
  return s_.Write("warnings.update", [&]() -> base::Status {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(warning));
    BINHYEN_RETURN_IF_ERROR(CheckWarningReport(s_, warning.report_id));
    const pqxx::result r = s_.Exec(kWarningUpdate, Params()
                                                       .Add(warning.id)
                                                       .Add(domain::Name(warning.kind))
                                                       .Add(warning.slug)
                                                       .Add(warning.title)
                                                       .Add(warning.body)
                                                       .AddTime(warning.published_at)
                                                       .AddTime(warning.updated_at)
                                                       .Add(CategoryName(warning.category))
                                                       .Add(warning.report_id));
    if (r.affected_rows() == 0) {
      return base::NotFoundError("warning " + std::to_string(warning.id) + ": not found");
    }
    s_.Exec(kWarningIndicatorsDelete, Params().Add(warning.id));
    InsertWarningIndicators(s_, warning, warning.id);
    return base::Status::Ok();
  });
}

base::Result<domain::Warning> PgWarningRepository::Get(int64_t id) {
  return s_.Read("warnings.get", [&] { return LoadWarning(s_, id); });
}

base::Result<domain::Warning> PgWarningRepository::GetBySlug(std::string_view slug) {
  return s_.Read("warnings.get_by_slug", [&]() -> base::Result<domain::Warning> {
    const pqxx::result r = s_.Exec(kWarningIdBySlug, Params().Add(slug));
    if (r.empty()) {
      return base::NotFoundError("warning '" + std::string(slug) + "': not found");
    }
    return LoadWarning(s_, Int(r[0][0]));
  });
}

base::Result<Page<domain::Warning>> PgWarningRepository::ListPublished(const WarningFilter& filter,
                                                                       base::TimePoint now,
                                                                       const PageRequest& page) {
  return s_.Read("warnings.list_published", [&]() -> base::Result<Page<domain::Warning>> {
    BINHYEN_RETURN_IF_ERROR(CheckLimit(page.limit, 1000));
    BINHYEN_ASSIGN_OR_RETURN(std::optional<TimeIdCursor> after, ParseTimeIdCursor(page.after));
    Params params;
    params.AddTime(now);
    if (filter.kind)
      params.Add(domain::Name(*filter.kind));
    else
      params.AddNull();
    if (after) {
      params.Add(after->micros).Add(after->id);
    } else {
      params.AddNull().AddNull();
    }
    params.Add(page.limit + 1);
    params.Add(CategoryName(filter.category));
    std::vector<int64_t> ids;
    for (const pqxx::row& row : s_.Exec(kWarningPublished, params)) ids.push_back(Int(row[0]));
    Page<domain::Warning> out;
    const bool more = ids.size() > static_cast<size_t>(page.limit);
    if (more) ids.pop_back();
    BINHYEN_ASSIGN_OR_RETURN(out.items, LoadWarnings(s_, ids));
    if (more && !out.items.empty()) {
      out.next = FormatTimeIdCursor(*out.items.back().published_at, out.items.back().id);
    }
    return out;
  });
}

base::Result<Page<domain::Warning>> PgWarningRepository::ListAll(const PageRequest& page) {
  return s_.Read("warnings.list_all", [&]() -> base::Result<Page<domain::Warning>> {
    BINHYEN_RETURN_IF_ERROR(CheckLimit(page.limit, 1000));
    BINHYEN_ASSIGN_OR_RETURN(std::optional<TimeIdCursor> after, ParseTimeIdCursor(page.after));
    Params params;
    if (after) {
      params.Add(after->micros).Add(after->id);
    } else {
      params.AddNull().AddNull();
    }
    params.Add(page.limit + 1);
    std::vector<int64_t> ids;
    for (const pqxx::row& row : s_.Exec(kWarningAll, params)) ids.push_back(Int(row[0]));
    Page<domain::Warning> out;
    const bool more = ids.size() > static_cast<size_t>(page.limit);
    if (more) ids.pop_back();
    BINHYEN_ASSIGN_OR_RETURN(out.items, LoadWarnings(s_, ids));
    if (more && !out.items.empty()) {
      out.next = FormatTimeIdCursor(out.items.back().updated_at, out.items.back().id);
    }
    return out;
  });
}

base::Result<std::vector<int64_t>> PgWarningRepository::FindByIndicator(
    indicator::Kind kind, std::string_view canonical) {
  return s_.Read("warnings.find_by_indicator", [&]() -> base::Result<std::vector<int64_t>> {
    std::vector<int64_t> ids;
    for (const pqxx::row& row : s_.Exec(
             kWarningByIndicator,
             Params().Add(indicator::KindName(kind)).Add(canonical).Add(kMaxWarningsByIndicator))) {
      ids.push_back(Int(row[0]));
    }
    return ids;
  });
}

base::Result<std::vector<int64_t>> PgWarningRepository::Search(std::string_view query, int limit) {
  return s_.Read("warnings.search", [&]() -> base::Result<std::vector<int64_t>> {
    BINHYEN_RETURN_IF_ERROR(CheckLimit(limit, 1000));
    const std::vector<std::string> words = SearchWords(query);
    std::vector<int64_t> ids;
    if (words.empty()) return ids;
    for (const pqxx::row& row :
         s_.Exec(kWarningSearch, Params().Add(TextArray(words)).Add(words.front()).Add(limit))) {
      ids.push_back(Int(row[0]));
    }
    return ids;
  });
}

base::Result<int64_t> PgDisputeRepository::Create(const domain::Dispute& dispute) {
  return s_.Write("disputes.create", [&]() -> base::Result<int64_t> {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(dispute));
    const pqxx::result r =
        s_.Exec(kDisputeInsert, Params()
                                    .Add(indicator::KindName(dispute.kind))
                                    .Add(dispute.canonical)
                                    .AddBytes(dispute.claimant_contact_ciphertext)
                                    .Add(dispute.reason)
                                    .AddTime(dispute.created_at));
    return Int(r[0][0]);
  });
}

base::Result<domain::Dispute> PgDisputeRepository::Get(int64_t id) {
  return s_.Read("disputes.get", [&] { return LoadDispute(s_, id); });
}

base::Result<Page<domain::Dispute>> PgDisputeRepository::List(
    std::optional<domain::DisputeStatus> status, const PageRequest& page) {
  return s_.Read("disputes.list", [&]() -> base::Result<Page<domain::Dispute>> {
    BINHYEN_RETURN_IF_ERROR(CheckLimit(page.limit, 1000));
    BINHYEN_ASSIGN_OR_RETURN(std::optional<int64_t> after, ParseIdCursor(page.after));
    Params params;
    if (status)
      params.Add(domain::Name(*status));
    else
      params.AddNull();
    params.Add(after).Add(page.limit + 1);
    Page<domain::Dispute> out;
    for (const pqxx::row& row : s_.Exec(kDisputeList, params)) {
      BINHYEN_ASSIGN_OR_RETURN(domain::Dispute d, DisputeFromRow(row));
      out.items.push_back(std::move(d));
    }
    if (out.items.size() > static_cast<size_t>(page.limit)) {
      out.items.pop_back();
      out.next = FormatIdCursor(out.items.back().id);
    }
    return out;
  });
}

base::Result<domain::Dispute> PgDisputeRepository::Resolve(int64_t id, domain::DisputeStatus to,
                                                           std::string_view resolution,
                                                           int64_t resolved_by_user_id,
                                                           base::TimePoint at) {
  return s_.Write("disputes.resolve", [&]() -> base::Result<domain::Dispute> {
    const pqxx::result r = s_.Exec(kDisputeLock, Params().Add(id));
    if (r.empty()) return base::NotFoundError("dispute " + std::to_string(id) + ": not found");
    BINHYEN_ASSIGN_OR_RETURN(
        domain::DisputeStatus from,
        ParseColumn<domain::DisputeStatus>("status", Text(r[0][0]), domain::ParseDisputeStatus));
    BINHYEN_RETURN_IF_ERROR(domain::CheckResolution(from, to, resolution));
    if (s_.Exec(kUserExists, Params().Add(resolved_by_user_id)).empty()) {
      return base::NotFoundError("user " + std::to_string(resolved_by_user_id) + ": not found");
    }
    s_.Exec(kDisputeResolve, Params()
                                 .Add(id)
                                 .Add(domain::Name(to))
                                 .Add(resolution)
                                 .Add(resolved_by_user_id)
                                 .AddTime(at));
    return LoadDispute(s_, id);
  });
}

}  // namespace binhyen::store::postgres
