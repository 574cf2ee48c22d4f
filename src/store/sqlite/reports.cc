#include <string>
#include <utility>

#include "domain/report_state.h"
#include "store/common.h"
#include "store/sqlite/repositories.h"

namespace binhyen::store::sqlite {
namespace {

constexpr std::string_view kReportColumns =
    "id, receipt_code, channel, category, description, occurred_at, loss_vnd, ward, "
    "contact_ciphertext, status, assignee_user_id, created_at, updated_at";

base::Result<domain::Report> ReadReport(const Statement& s) {
  domain::Report r;
  r.id = s.Int(0);
  r.receipt_code = s.Text(1);
  const std::string channel = s.Text(2), category = s.Text(3), status = s.Text(9);
  BINHYEN_ASSIGN_OR_RETURN(r.channel,
                           ParseStored(domain::ParseChannel(channel), "channel", channel));
  BINHYEN_ASSIGN_OR_RETURN(r.category,
                           ParseStored(domain::ParseCategory(category), "category", category));
  r.description = s.Text(4);
  r.occurred_at = s.OptionalTime(5);
  r.loss_vnd = s.Int(6);
  r.ward = s.Text(7);
  r.contact_ciphertext = s.OptionalBlob(8);
  BINHYEN_ASSIGN_OR_RETURN(r.status,
                           ParseStored(domain::ParseReportStatus(status), "status", status));
  r.assignee_user_id = s.OptionalInt(10);
  r.created_at = s.Time(11);
  r.updated_at = s.Time(12);
  return r;
}

base::Status NotFound(int64_t id) {
  return base::NotFoundError("report " + std::to_string(id) + ": not found");
}

}  // namespace

base::Status SqliteReports::Exists(int64_t id) {
  BINHYEN_ASSIGN_OR_RETURN(auto s, tx_.connection().Prepare("SELECT 1 FROM reports WHERE id = ?"));
  s->Bind(1, id);
  BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
  return row ? base::Status::Ok() : NotFound(id);
}

base::Status SqliteReports::Touch(int64_t id, base::TimePoint at) {
  BINHYEN_ASSIGN_OR_RETURN(
      auto s, tx_.connection().Prepare("UPDATE reports SET updated_at = ? WHERE id = ?"));
  s->Bind(1, at).Bind(2, id);
  return s->Run();
}

base::Status SqliteReports::InsertIndicator(int64_t id, const domain::ReportIndicator& ind,
                                            std::optional<int64_t> position) {
  // `position` is known while creating; later additions go after the last one.
  BINHYEN_ASSIGN_OR_RETURN(
      auto s, tx_.connection().Prepare(
                  "INSERT INTO report_indicators (report_id, kind, canonical, position, raw) "
                  "VALUES (?1, ?2, ?3, coalesce(?4, (SELECT max(position) + 1 FROM "
                  "report_indicators WHERE report_id = ?1), 0), ?5) ON CONFLICT DO NOTHING"));
  s->Bind(1, id)
      .Bind(2, indicator::KindName(ind.kind))
      .Bind(3, ind.canonical)
      .Bind(4, position)
      .Bind(5, ind.raw);
  return s->Run();
}

base::Status SqliteReports::InsertEvidence(int64_t id, const domain::EvidenceRef& ev) {
  BINHYEN_ASSIGN_OR_RETURN(
      auto s, tx_.connection().Prepare(
                  "INSERT INTO report_evidence (report_id, sha256, media_type, size, filename) "
                  "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"));
  s->Bind(1, id).Bind(2, ev.sha256).Bind(3, ev.media_type).Bind(4, ev.size).Bind(5, ev.filename);
  return s->Run();
}

base::Result<ReportKey> SqliteReports::Create(const domain::Report& report) {
  return tx_.Write([&]() -> base::Result<ReportKey> {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(report));
    if (report.assignee_user_id) {
      BINHYEN_RETURN_IF_ERROR(UserExists(tx_.connection(), *report.assignee_user_id));
    }
    BINHYEN_ASSIGN_OR_RETURN(
        auto s,
        tx_.connection().Prepare(
            "INSERT INTO reports (receipt_code, channel, category, description, "
            "occurred_at, loss_vnd, ward, contact_ciphertext, status, assignee_user_id, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'received', ?, ?, ?)"));
    s->Bind(1, report.receipt_code)
        .Bind(2, domain::Name(report.channel))
        .Bind(3, domain::Name(report.category))
        .Bind(4, report.description)
        .Bind(5, report.occurred_at)
        .Bind(6, report.loss_vnd)
        .Bind(7, report.ward)
        .BindBlob(8, report.contact_ciphertext)
        .Bind(9, report.assignee_user_id)
        .Bind(10, report.created_at)
        .Bind(11, report.created_at);
    BINHYEN_RETURN_IF_ERROR(s->Run());
    const int64_t id = sqlite3_last_insert_rowid(tx_.connection().db());
    for (size_t i = 0; i < report.indicators.size(); ++i) {
      BINHYEN_RETURN_IF_ERROR(InsertIndicator(id, report.indicators[i], static_cast<int64_t>(i)));
    }
    for (const auto& ev : report.evidence) BINHYEN_RETURN_IF_ERROR(InsertEvidence(id, ev));
    BINHYEN_ASSIGN_OR_RETURN(
        auto fts,
        tx_.connection().Prepare("INSERT INTO reports_fts (rowid, description) VALUES (?, ?)"));
    fts->Bind(1, id).Bind(2, FoldForSearch(report.description));
    BINHYEN_RETURN_IF_ERROR(fts->Run());
    return ReportKey{id, report.receipt_code};
  });
}

base::Status SqliteReports::LoadChildren(domain::Report& r) {
  Connection& c = tx_.connection();
  {
    BINHYEN_ASSIGN_OR_RETURN(auto s, c.Prepare("SELECT kind, canonical, raw FROM report_indicators "
                                               "WHERE report_id = ? ORDER BY position"));
    s->Bind(1, r.id);
    while (true) {
      BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) break;
      const std::string kind = s->Text(0);
      BINHYEN_ASSIGN_OR_RETURN(auto k, ParseStored(indicator::ParseKind(kind), "kind", kind));
      r.indicators.push_back({k, s->Text(1), s->Text(2)});
    }
  }
  {
    BINHYEN_ASSIGN_OR_RETURN(auto s, c.Prepare("SELECT sha256, media_type, size, filename FROM "
                                               "report_evidence WHERE report_id = ? ORDER BY id"));
    s->Bind(1, r.id);
    while (true) {
      BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) break;
      r.evidence.push_back({s->Text(0), s->Text(1), s->Int(2), s->Text(3)});
    }
  }
  BINHYEN_ASSIGN_OR_RETURN(
      auto s, c.Prepare("SELECT other_id FROM report_links WHERE report_id = ?1 UNION "
                        "SELECT report_id FROM report_links WHERE other_id = ?1 ORDER BY 1"));
  s->Bind(1, r.id);
  BINHYEN_ASSIGN_OR_RETURN(r.linked_report_ids, CollectIds(*s));
  return base::Status::Ok();
}

base::Result<domain::Report> SqliteReports::Load(int64_t id) {
  BINHYEN_ASSIGN_OR_RETURN(auto s,
                           tx_.connection().Prepare("SELECT " + std::string(kReportColumns) +
                                                    " FROM reports WHERE id = ?"));
  s->Bind(1, id);
  BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return NotFound(id);
  BINHYEN_ASSIGN_OR_RETURN(domain::Report r, ReadReport(*s));
  s.reset();
  BINHYEN_RETURN_IF_ERROR(LoadChildren(r));
  return r;
}

base::Result<domain::Report> SqliteReports::Get(int64_t id) {
  return tx_.Read([&] { return Load(id); });
}

base::Result<domain::Report> SqliteReports::GetByReceipt(std::string_view receipt_code) {
  return tx_.Read([&]() -> base::Result<domain::Report> {
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare("SELECT id FROM reports WHERE receipt_code = ?"));
    s->Bind(1, receipt_code);
    BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) {
      return base::NotFoundError("report receipt '" + std::string(receipt_code) + "': not found");
    }
    const int64_t id = s->Int(0);
    s.reset();
    return Load(id);
  });
}

base::Result<Page<domain::Report>> SqliteReports::List(const ReportFilter& filter,
                                                       const PageRequest& page) {
  return tx_.Read([&]() -> base::Result<Page<domain::Report>> {
    BINHYEN_RETURN_IF_ERROR(CheckLimit(page.limit, 1000));
    BINHYEN_ASSIGN_OR_RETURN(std::optional<int64_t> after, ParseIdCursor(page.after));
    // The SQL text depends only on which filters are set, so each shape is prepared once.
    std::string sql = "SELECT id FROM reports WHERE 1";
    if (filter.status) sql += " AND status = ?1";
    if (filter.category) sql += " AND category = ?2";
    if (filter.ward) sql += " AND ward = ?3";
    if (filter.created_from) sql += " AND created_at >= ?4";
    if (filter.created_to) sql += " AND created_at < ?5";
    if (after) sql += " AND id < ?6";
    sql += " ORDER BY id DESC LIMIT ?7";
    BINHYEN_ASSIGN_OR_RETURN(auto s, tx_.connection().Prepare(sql));
    if (filter.status) s->Bind(1, domain::Name(*filter.status));
    if (filter.category) s->Bind(2, domain::Name(*filter.category));
    if (filter.ward) s->Bind(3, *filter.ward);
    if (filter.created_from) s->Bind(4, *filter.created_from);
    if (filter.created_to) s->Bind(5, *filter.created_to);
    if (after) s->Bind(6, *after);
    s->Bind(7, static_cast<int64_t>(page.limit) + 1);
    BINHYEN_ASSIGN_OR_RETURN(std::vector<int64_t> ids, CollectIds(*s));
    s.reset();
    Page<domain::Report> out;
    const bool more = ids.size() > static_cast<size_t>(page.limit);
    if (more) ids.pop_back();
    for (int64_t id : ids) {
      BINHYEN_ASSIGN_OR_RETURN(domain::Report r, Load(id));
      out.items.push_back(std::move(r));
    }
    if (more) out.next = FormatIdCursor(ids.back());
    return out;
  });
}

base::Result<std::vector<int64_t>> SqliteReports::FindByIndicator(indicator::Kind kind,
                                                                  std::string_view canonical,
                                                                  int limit) {
  return tx_.Read([&]() -> base::Result<std::vector<int64_t>> {
    BINHYEN_RETURN_IF_ERROR(CheckLimit(limit, 1000));
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare("SELECT report_id FROM report_indicators WHERE kind = ? "
                                         "AND canonical = ? ORDER BY report_id DESC LIMIT ?"));
    s->Bind(1, indicator::KindName(kind)).Bind(2, canonical).Bind(3, static_cast<int64_t>(limit));
    return CollectIds(*s);
  });
}

base::Result<std::vector<int64_t>> SqliteReports::FindSharingIndicators(int64_t id, int limit) {
  return tx_.Read([&]() -> base::Result<std::vector<int64_t>> {
    BINHYEN_RETURN_IF_ERROR(CheckLimit(limit, 1000));
    BINHYEN_RETURN_IF_ERROR(Exists(id));
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare(
                    "SELECT DISTINCT b.report_id FROM report_indicators a JOIN report_indicators b "
                    "ON b.kind = a.kind AND b.canonical = a.canonical WHERE a.report_id = ?1 AND "
                    "b.report_id <> ?1 ORDER BY b.report_id DESC LIMIT ?2"));
    s->Bind(1, id).Bind(2, static_cast<int64_t>(limit));
    return CollectIds(*s);
  });
}

base::Result<std::vector<int64_t>> SqliteReports::Search(std::string_view query, int limit) {
  return tx_.Read([&]() -> base::Result<std::vector<int64_t>> {
    BINHYEN_RETURN_IF_ERROR(CheckLimit(limit, 1000));
    const std::vector<std::string> words = SearchWords(query);
    if (words.empty()) return std::vector<int64_t>();
    // Each word becomes an FTS5 string ("..."), so no query syntax reaches FTS5; words hold no
    // '"' by construction.
    std::string match;
    for (const std::string& w : words) match += (match.empty() ? "\"" : " \"") + w + "\"";
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare("SELECT rowid FROM reports_fts WHERE reports_fts MATCH ? "
                                         "ORDER BY rowid DESC LIMIT ?"));
    s->Bind(1, match).Bind(2, static_cast<int64_t>(limit));
    return CollectIds(*s);
  });
}

base::Result<domain::Report> SqliteReports::Transition(int64_t id, domain::ReportStatus to,
                                                       base::TimePoint at) {
  return tx_.Write([&]() -> base::Result<domain::Report> {
    BINHYEN_ASSIGN_OR_RETURN(domain::Report r, Load(id));
    BINHYEN_RETURN_IF_ERROR(domain::CheckTransition(r.status, to));
    BINHYEN_ASSIGN_OR_RETURN(
        auto s,
        tx_.connection().Prepare("UPDATE reports SET status = ?, updated_at = ? WHERE id = ?"));
    s->Bind(1, domain::Name(to)).Bind(2, at).Bind(3, id);
    BINHYEN_RETURN_IF_ERROR(s->Run());
    r.status = to;
    r.updated_at = domain::FromMicros(domain::ToMicros(at));
    return r;
  });
}

base::Status SqliteReports::Assign(int64_t id, std::optional<int64_t> user_id, base::TimePoint at) {
  return tx_.Write([&]() -> base::Status {
    BINHYEN_RETURN_IF_ERROR(Exists(id));
    if (user_id) BINHYEN_RETURN_IF_ERROR(UserExists(tx_.connection(), *user_id));
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare(
                    "UPDATE reports SET assignee_user_id = ?, updated_at = ? WHERE id = ?"));
    s->Bind(1, user_id).Bind(2, at).Bind(3, id);
    return s->Run();
  });
}

base::Status SqliteReports::Link(int64_t id, int64_t other_id, base::TimePoint at) {
  return tx_.Write([&]() -> base::Status {
    if (id == other_id) {
      return base::InvalidArgumentError("linked_report_ids: a report cannot link to itself");
    }
    BINHYEN_RETURN_IF_ERROR(Exists(id));
    BINHYEN_RETURN_IF_ERROR(Exists(other_id));
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare("INSERT INTO report_links (report_id, other_id) VALUES "
                                         "(?, ?) ON CONFLICT DO NOTHING"));
    s->Bind(1, std::min(id, other_id)).Bind(2, std::max(id, other_id));
    BINHYEN_RETURN_IF_ERROR(s->Run());
    BINHYEN_RETURN_IF_ERROR(Touch(id, at));
    return Touch(other_id, at);
  });
}

base::Status SqliteReports::AddIndicator(int64_t id, const domain::ReportIndicator& indicator,
                                         base::TimePoint at) {
  return tx_.Write([&]() -> base::Status {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(indicator));
    BINHYEN_RETURN_IF_ERROR(Exists(id));
    BINHYEN_RETURN_IF_ERROR(InsertIndicator(id, indicator, std::nullopt));
    return Touch(id, at);
  });
}

base::Status SqliteReports::AddEvidence(int64_t id, const domain::EvidenceRef& evidence,
                                        base::TimePoint at) {
  return tx_.Write([&]() -> base::Status {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(evidence));
    BINHYEN_RETURN_IF_ERROR(Exists(id));
    BINHYEN_RETURN_IF_ERROR(InsertEvidence(id, evidence));
    return Touch(id, at);
  });
}

base::Result<int64_t> SqliteReports::Count() {
  return tx_.Read([&]() -> base::Result<int64_t> {
    BINHYEN_ASSIGN_OR_RETURN(auto s, tx_.connection().Prepare("SELECT count(*) FROM reports"));
    BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
    (void)row;
    return s->Int(0);
  });
}

}  // namespace binhyen::store::sqlite
