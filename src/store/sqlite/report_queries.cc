// The read side of SqliteReports: loading reports, lists, indicator / text / simhash lookups and
// counts. The writes are in reports.cc.
#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <utility>

#include "store/common.h"
#include "store/sqlite/repositories.h"
#include "store/sqlite/sqlite_store.h"

namespace binhyen::store::sqlite {
namespace {

constexpr std::string_view kReportColumns =
    "id, receipt_code, channel, category, description, occurred_at, loss_vnd, ward, "
    "contact_ciphertext, status, assignee_user_id, created_at, updated_at, duplicate_of, "
    "public_note, text_simhash, decided_at, contact_erased_at";

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
  r.duplicate_of = s.OptionalInt(13);
  r.public_note = s.Text(14);
  if (std::optional<int64_t> simhash = s.OptionalInt(15)) {
    r.text_simhash = SimhashFromStored(*simhash);
  }
  r.decided_at = s.OptionalTime(16);
  r.contact_erased_at = s.OptionalTime(17);
  return r;
}

// An FTS5 query requiring every word of `words` (non-empty). Each word becomes an FTS5 string
// ("..."), so no query syntax reaches FTS5; words hold no '"' by construction (SearchWords).
std::string FtsMatch(const std::vector<std::string>& words) {
  std::string match;
  for (const std::string& w : words) match += (match.empty() ? "\"" : " \"") + w + "\"";
  return match;
}

}  // namespace

base::Status ReportNotFound(int64_t id) {
  return base::NotFoundError("report " + std::to_string(id) + ": not found");
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
  if (!row) return ReportNotFound(id);
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

base::Result<std::vector<int64_t>> SqliteReports::ListIds(const ReportFilter& filter,
                                                          std::optional<int64_t> after,
                                                          int64_t limit) {
  std::vector<std::string> words;
  if (filter.text) {
    words = SearchWords(*filter.text);
    if (words.empty()) return std::vector<int64_t>();  // a text without words matches nothing
  }
  // The SQL text depends only on which filters are set, so each shape is prepared once.
  std::string sql = "SELECT id FROM reports WHERE 1";
  if (filter.status) sql += " AND status = ?1";
  if (filter.category) sql += " AND category = ?2";
  if (filter.ward) sql += " AND ward = ?3";
  if (filter.created_from) sql += " AND created_at >= ?4";
  if (filter.created_to) sql += " AND created_at < ?5";
  if (after) sql += " AND id < ?6";
  if (filter.assignee_user_id) sql += " AND assignee_user_id = ?8";
  if (filter.text) sql += " AND id IN (SELECT rowid FROM reports_fts WHERE reports_fts MATCH ?9)";
  sql += " ORDER BY id DESC LIMIT ?7";
  BINHYEN_ASSIGN_OR_RETURN(auto s, tx_.connection().Prepare(sql));
  if (filter.status) s->Bind(1, domain::Name(*filter.status));
  if (filter.category) s->Bind(2, domain::Name(*filter.category));
  if (filter.ward) s->Bind(3, *filter.ward);
  if (filter.created_from) s->Bind(4, *filter.created_from);
  if (filter.created_to) s->Bind(5, *filter.created_to);
  if (after) s->Bind(6, *after);
  s->Bind(7, limit);
  if (filter.assignee_user_id) s->Bind(8, *filter.assignee_user_id);
  if (filter.text) s->Bind(9, FtsMatch(words));
  return CollectIds(*s);
}

base::Result<Page<domain::Report>> SqliteReports::List(const ReportFilter& filter,
                                                       const PageRequest& page) {
  return tx_.Read([&]() -> base::Result<Page<domain::Report>> {
    BINHYEN_RETURN_IF_ERROR(CheckLimit(page.limit, 1000));
    BINHYEN_ASSIGN_OR_RETURN(std::optional<int64_t> after, ParseIdCursor(page.after));
    BINHYEN_ASSIGN_OR_RETURN(std::vector<int64_t> ids,
                             ListIds(filter, after, static_cast<int64_t>(page.limit) + 1));
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
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare("SELECT rowid FROM reports_fts WHERE reports_fts MATCH ? "
                                         "ORDER BY rowid DESC LIMIT ?"));
    s->Bind(1, FtsMatch(words)).Bind(2, static_cast<int64_t>(limit));
    return CollectIds(*s);
  });
}

base::Result<std::vector<NearDuplicate>> SqliteReports::FindNearDuplicates(uint64_t simhash,
                                                                           int max_distance,
                                                                           int limit) {
  return tx_.Read([&]() -> base::Result<std::vector<NearDuplicate>> {
    BINHYEN_RETURN_IF_ERROR(CheckMaxDistance(max_distance));
    BINHYEN_RETURN_IF_ERROR(CheckLimit(limit, 1000));
    // The in-memory index holds committed reports only (simhash_index.h). A read-only snapshot
    // is committed data, so it brings the index up to date itself; a read-write transaction may
    // see its commit group's own uncommitted reports, so the index catches up from a reader.
    SimhashIndex& index = store_.simhash_index();
    if (tx_.read_only()) {
      BINHYEN_RETURN_IF_ERROR(index.CatchUp(tx_.connection()));
    } else {
      BINHYEN_RETURN_IF_ERROR(store_.CatchUpSimhashIndex());
    }
    const int64_t indexed = index.last_id();
    std::vector<NearDuplicate> out;
    // Reports this transaction sees beyond the index (only a writer's own), newest first.
    BINHYEN_ASSIGN_OR_RETURN(
        auto newer, tx_.connection().Prepare("SELECT id, text_simhash FROM reports WHERE id > ? "
                                             "AND text_simhash IS NOT NULL ORDER BY id DESC"));
    newer->Bind(1, indexed);
    while (out.size() < static_cast<size_t>(limit)) {
      BINHYEN_ASSIGN_OR_RETURN(bool row, newer->Step());
      if (!row) break;
      const int distance = HammingDistance(simhash, SimhashFromStored(newer->Int(1)));
      if (distance <= max_distance) out.push_back({newer->Int(0), distance});
    }
    // The index's candidates, checked against this transaction's snapshot, which may be older
    // than the index: a report committed after it began is not there.
    int64_t before = indexed + 1;
    while (out.size() < static_cast<size_t>(limit)) {
      const std::vector<NearDuplicate> candidates =
          index.Candidates(simhash, max_distance, before, limit - out.size());
      if (candidates.empty()) break;
      for (const NearDuplicate& candidate : candidates) {
        BINHYEN_ASSIGN_OR_RETURN(
            auto stored, tx_.connection().Prepare("SELECT text_simhash FROM reports WHERE id = ?"));
        stored->Bind(1, candidate.id);
        BINHYEN_ASSIGN_OR_RETURN(bool row, stored->Step());
        if (row && !stored->IsNull(0)) {
          const int distance = HammingDistance(simhash, SimhashFromStored(stored->Int(0)));
          if (distance <= max_distance) out.push_back({candidate.id, distance});
        }
      }
      before = candidates.back().id;
    }
    return out;
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

base::Result<std::vector<std::pair<domain::ReportStatus, int64_t>>> SqliteReports::CountByStatus() {
  return tx_.Read([&]() -> base::Result<std::vector<std::pair<domain::ReportStatus, int64_t>>> {
    std::vector<std::pair<domain::ReportStatus, int64_t>> out;
    for (domain::ReportStatus status : kAllReportStatuses) out.emplace_back(status, 0);
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare("SELECT status, count(*) FROM reports GROUP BY status"));
    while (true) {
      BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) break;
      const std::string name = s->Text(0);
      BINHYEN_ASSIGN_OR_RETURN(domain::ReportStatus status,
                               ParseStored(domain::ParseReportStatus(name), "status", name));
      for (auto& [st, n] : out) {
        if (st == status) n = s->Int(1);
      }
    }
    return out;
  });
}

base::Result<std::vector<ReportStatRow>> SqliteReports::Statistics(base::TimePoint from,
                                                                   base::TimePoint to) {
  return tx_.Read([&]() -> base::Result<std::vector<ReportStatRow>> {
    std::vector<ReportStatRow> out;
    if (from >= to) return out;
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare(
                    "SELECT category, ward, status, created_at, decided_at FROM reports "
                    "WHERE created_at >= ? AND created_at < ? ORDER BY created_at, id"));
    s->Bind(1, from).Bind(2, to);
    while (true) {
      BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) break;
      ReportStatRow r;
      const std::string category = s->Text(0), status = s->Text(2);
      BINHYEN_ASSIGN_OR_RETURN(r.category,
                               ParseStored(domain::ParseCategory(category), "category", category));
      r.ward = s->Text(1);
      BINHYEN_ASSIGN_OR_RETURN(r.status,
                               ParseStored(domain::ParseReportStatus(status), "status", status));
      r.created_at = s->Time(3);
      r.decided_at = s->OptionalTime(4);
      out.push_back(std::move(r));
    }
    return out;
  });
}

}  // namespace binhyen::store::sqlite
