#include <charconv>
#include <map>
#include <pqxx/array>
#include <string>
#include <system_error>
#include <tuple>

#include "domain/report_state.h"
#include "store/postgres/repositories.h"

namespace binhyen::store::postgres {
namespace {

// A report with its indicators ($10-$12, parallel arrays), evidence ($13-$16) and simhash bands
// ($18, when not NULL; band b is (h >> 16 * b) & 65535, the sign bits masked away) in one
// statement (one round trip); child rows get their ids in array order. The foreign keys are checked
// at the end of the statement, when the report row exists.
constexpr Sql kInsertReport{
    "report_insert",
    "WITH r AS (INSERT INTO reports (receipt_code, channel, category, description, occurred_at, "
    "loss_vnd, ward, contact_ciphertext, status, created_at, updated_at, public_note, "
    "text_simhash) VALUES ($1, $2, $3, $4, $5, $6, $7, decode($8, 'hex'), 'received', $9, $9, "
    "$17, $18) RETURNING id), "
    "i AS (INSERT INTO report_indicators (report_id, kind, canonical, raw) "
    "SELECT r.id, t.kind, t.canonical, t.raw FROM r, "
    "unnest($10::text[], $11::text[], $12::text[]) WITH ORDINALITY AS t(kind, canonical, raw, n) "
    "ORDER BY t.n ON CONFLICT (report_id, kind, canonical) DO NOTHING), "
    "e AS (INSERT INTO report_evidence (report_id, sha256, media_type, size, filename) "
    "SELECT r.id, t.sha256, t.media_type, t.size, t.filename FROM r, "
    "unnest($13::text[], $14::text[], $15::bigint[], $16::text[]) "
    "WITH ORDINALITY AS t(sha256, media_type, size, filename, n) "
    "ORDER BY t.n ON CONFLICT (report_id, sha256) DO NOTHING), "
    "b AS (INSERT INTO report_simhash_bands (band, value, report_id) "
    "SELECT t.band, ($18::bigint >> (16 * t.band)) & 65535, r.id FROM r, "
    "generate_series(0, 3) AS t(band) WHERE $18::bigint IS NOT NULL) "
    "SELECT id FROM r"};
constexpr Sql kInsertIndicator{
    "report_indicator_insert",
    "INSERT INTO report_indicators (report_id, kind, canonical, raw) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (report_id, kind, canonical) DO NOTHING"};
constexpr Sql kInsertEvidence{
    "report_evidence_insert",
    "INSERT INTO report_evidence (report_id, sha256, media_type, size, filename) "
    "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (report_id, sha256) DO NOTHING"};
// Full reports with their indicators, evidence and links in one round trip: the child rows come
// as arrays (in insertion order; links by id), NULL when there are none. One statement for one
// id and one for many: PostgreSQL keeps a generic plan for `r.id = $1` but re-plans
// `= ANY($1)` on every call (its generic plan looks costlier), and planning this join costs
// more than running it.
#define BINHYEN_SELECT_REPORTS                                                               \
  "SELECT r.id, r.receipt_code, r.channel, r.category, r.description, r.occurred_at, "       \
  "r.loss_vnd, r.ward, encode(r.contact_ciphertext, 'hex') AS contact, r.status, "           \
  "r.assignee_user_id, r.created_at, r.updated_at, r.duplicate_of, r.public_note, "          \
  "r.text_simhash, r.decided_at, r.contact_erased_at, i.kinds, i.canonicals, i.raws, "       \
  "e.sha256s, e.media_types, e.sizes, e.filenames, l.links "                                 \
  "FROM reports r "                                                                          \
  "LEFT JOIN LATERAL (SELECT array_agg(kind ORDER BY id) AS kinds, "                         \
  "array_agg(canonical ORDER BY id) AS canonicals, array_agg(raw ORDER BY id) AS raws "      \
  "FROM report_indicators WHERE report_id = r.id) i ON true "                                \
  "LEFT JOIN LATERAL (SELECT array_agg(sha256 ORDER BY id) AS sha256s, "                     \
  "array_agg(media_type ORDER BY id) AS media_types, array_agg(size ORDER BY id) AS sizes, " \
  "array_agg(filename ORDER BY id) AS filenames "                                            \
  "FROM report_evidence WHERE report_id = r.id) e ON true "                                  \
  "LEFT JOIN LATERAL (SELECT array_agg(o ORDER BY o) AS links FROM ("                        \
  "SELECT other_id AS o FROM report_links WHERE report_id = r.id UNION ALL "                 \
  "SELECT report_id FROM report_links WHERE other_id = r.id) x) l ON true "
constexpr Sql kSelectReport{"report_select_one", BINHYEN_SELECT_REPORTS "WHERE r.id = $1"};
constexpr Sql kSelectReports{"report_select",
                             BINHYEN_SELECT_REPORTS "WHERE r.id = ANY($1::bigint[])"};
#undef BINHYEN_SELECT_REPORTS
constexpr Sql kIdByReceipt{"report_id_by_receipt",
                           "SELECT id FROM reports WHERE receipt_code = $1"};
constexpr Sql kListIds{
    "report_list",
    "SELECT id FROM reports WHERE ($1::text IS NULL OR status = $1) "
    "AND ($2::text IS NULL OR category = $2) AND ($3::text IS NULL OR ward = $3) "
    "AND ($4::bigint IS NULL OR created_at >= $4) AND ($5::bigint IS NULL OR created_at < $5) "
    "AND ($6::bigint IS NULL OR id < $6) AND ($8::bigint IS NULL OR assignee_user_id = $8) "
    "ORDER BY id DESC LIMIT $7"};
// kListIds AND every word of $9 (as in kSearch, first word $10 for the trigram index).
constexpr Sql kListIdsText{
    "report_list_text",
    "SELECT id FROM reports WHERE ($1::text IS NULL OR status = $1) "
    "AND ($2::text IS NULL OR category = $2) AND ($3::text IS NULL OR ward = $3) "
    "AND ($4::bigint IS NULL OR created_at >= $4) AND ($5::bigint IS NULL OR created_at < $5) "
    "AND ($6::bigint IS NULL OR id < $6) AND ($8::bigint IS NULL OR assignee_user_id = $8) "
    "AND binhyen_fold(description) LIKE '%' || $10 || '%' "
    "AND NOT EXISTS (SELECT 1 FROM unnest($9::text[]) w WHERE binhyen_fold(description) !~ "
    "('(^|[^[:alnum:]])' || w || '([^[:alnum:]]|$)')) ORDER BY id DESC LIMIT $7"};
constexpr Sql kFindByIndicator{
    "report_find_by_indicator",
    "SELECT report_id FROM report_indicators WHERE kind = $1 AND canonical = $2 "
    "ORDER BY report_id DESC LIMIT $3"};
// Other reports sharing an indicator with report $1, newest first; no rows when $1 does not
// exist, one NULL row when it shares nothing. Each indicator's reports come from a bounded
// backward scan of report_indicators_lookup_idx (the LIMIT inside LATERAL keeps the planner
// from turning this into a hash join over the whole table, which it does on a freshly loaded
// table whose statistics are not gathered yet).
constexpr Sql kFindSharing{
    "report_find_sharing",
    "SELECT s.report_id FROM reports r LEFT JOIN LATERAL ("
    "SELECT DISTINCT b.report_id FROM report_indicators a CROSS JOIN LATERAL ("
    "SELECT report_id FROM report_indicators b WHERE b.kind = a.kind "
    "AND b.canonical = a.canonical AND b.report_id <> a.report_id "
    "ORDER BY b.report_id DESC LIMIT $2) b "
    "WHERE a.report_id = r.id ORDER BY b.report_id DESC LIMIT $2) s ON true "
    "WHERE r.id = $1 ORDER BY s.report_id DESC"};
// Every word must occur as a whole word of the folded description. The LIKE on the first word
// lets the GIN trigram index narrow the candidates; the regular expressions decide. Newest
// first, like the SQLite backend.
constexpr Sql kSearch{
    "report_search",
    "SELECT id FROM (SELECT id, binhyen_fold(description) AS f FROM reports "
    "WHERE binhyen_fold(description) LIKE '%' || $2 || '%') c "
    "WHERE NOT EXISTS (SELECT 1 FROM unnest($1::text[]) w "
    "WHERE c.f !~ ('(^|[^[:alnum:]])' || w || '([^[:alnum:]]|$)')) ORDER BY id DESC LIMIT $3"};
constexpr Sql kLockStatus{"report_lock_status",
                          "SELECT status FROM reports WHERE id = $1 FOR UPDATE"};
constexpr Sql kSetAssignee{
    "report_set_assignee",
    "UPDATE reports SET assignee_user_id = $2, updated_at = $3 WHERE id = $1"};
constexpr Sql kUserExists{"report_user_exists", "SELECT 1 FROM users WHERE id = $1"};
constexpr Sql kTouch{"report_touch", "UPDATE reports SET updated_at = $2 WHERE id = $1"};
constexpr Sql kCount{"report_count", "SELECT count(*) FROM reports"};
constexpr Sql kInsertLink{"report_link_insert",
                          "INSERT INTO report_links (report_id, other_id) VALUES ($1, $2) "
                          "ON CONFLICT (report_id, other_id) DO NOTHING"};

base::Result<domain::Report> ReportFromRow(const pqxx::row& row) {
  domain::Report r;
  r.id = Int(row["id"]);
  r.receipt_code = Text(row["receipt_code"]);
  BINHYEN_ASSIGN_OR_RETURN(r.channel, ParseColumn<domain::Channel>("channel", Text(row["channel"]),
                                                                   domain::ParseChannel));
  BINHYEN_ASSIGN_OR_RETURN(
      r.category,
      ParseColumn<domain::Category>("category", Text(row["category"]), domain::ParseCategory));
  r.description = Text(row["description"]);
  r.occurred_at = OptionalTime(row["occurred_at"]);
  r.loss_vnd = Int(row["loss_vnd"]);
  r.ward = Text(row["ward"]);
  r.contact_ciphertext = OptionalBytes(row["contact"]);
  BINHYEN_ASSIGN_OR_RETURN(r.status, ParseColumn<domain::ReportStatus>(
                                         "status", Text(row["status"]), domain::ParseReportStatus));
  r.assignee_user_id = OptionalInt(row["assignee_user_id"]);
  r.created_at = Time(row["created_at"]);
  r.updated_at = Time(row["updated_at"]);
  r.duplicate_of = OptionalInt(row["duplicate_of"]);
  r.public_note = Text(row["public_note"]);
  if (std::optional<int64_t> simhash = OptionalInt(row["text_simhash"])) {
    r.text_simhash = SimhashFromStored(*simhash);
  }
  r.decided_at = OptionalTime(row["decided_at"]);
  r.contact_erased_at = OptionalTime(row["contact_erased_at"]);
  return r;
}

// The elements of a one-dimensional array column; empty for NULL. Throws on a malformed array.
std::vector<std::string> ArrayElements(const pqxx::field& f) {
  std::vector<std::string> out;
  if (f.is_null()) return out;
  pqxx::array_parser parser = f.as_array();
  for (auto [juncture, value] = parser.get_next(); juncture != pqxx::array_parser::done;
       std::tie(juncture, value) = parser.get_next()) {
    if (juncture == pqxx::array_parser::string_value) out.push_back(std::move(value));
  }
  return out;
}

// An array element of a bigint column; Internal "<column>: not an integer ..." otherwise.
base::Result<int64_t> ParseInt(std::string_view column, const std::string& value) {
  int64_t n = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (ec != std::errc() || end != value.data() + value.size()) {
    return base::InternalError(std::string(column) + ": not an integer '" + value + "'");
  }
  return n;
}

// Appends the indicators, evidence and linked report ids that a kSelectReports row carries as
// arrays to `r`. Internal when the arrays disagree with each other or the schema.
base::Status AddChildren(const pqxx::row& row, domain::Report& r) {
  const std::vector<std::string> kinds = ArrayElements(row["kinds"]);
  std::vector<std::string> canonicals = ArrayElements(row["canonicals"]);
  std::vector<std::string> raws = ArrayElements(row["raws"]);
  if (canonicals.size() != kinds.size() || raws.size() != kinds.size()) {
    return base::InternalError("report_indicators: arrays of different lengths");
  }
  for (size_t i = 0; i < kinds.size(); ++i) {
    domain::ReportIndicator ri;
    BINHYEN_ASSIGN_OR_RETURN(ri.kind,
                             ParseColumn<indicator::Kind>("kind", kinds[i], indicator::ParseKind));
    ri.canonical = std::move(canonicals[i]);
    ri.raw = std::move(raws[i]);
    r.indicators.push_back(std::move(ri));
  }
  std::vector<std::string> sha256s = ArrayElements(row["sha256s"]);
  std::vector<std::string> media_types = ArrayElements(row["media_types"]);
  const std::vector<std::string> sizes = ArrayElements(row["sizes"]);
  std::vector<std::string> filenames = ArrayElements(row["filenames"]);
  if (media_types.size() != sha256s.size() || sizes.size() != sha256s.size() ||
      filenames.size() != sha256s.size()) {
    return base::InternalError("report_evidence: arrays of different lengths");
  }
  for (size_t i = 0; i < sha256s.size(); ++i) {
    domain::EvidenceRef e;
    e.sha256 = std::move(sha256s[i]);
    e.media_type = std::move(media_types[i]);
    BINHYEN_ASSIGN_OR_RETURN(e.size, ParseInt("size", sizes[i]));
    e.filename = std::move(filenames[i]);
    r.evidence.push_back(std::move(e));
  }
  for (const std::string& link : ArrayElements(row["links"])) {
    BINHYEN_ASSIGN_OR_RETURN(int64_t other, ParseInt("linked_report_ids", link));
    r.linked_report_ids.push_back(other);
  }
  return base::Status::Ok();
}

// Full reports for `ids`, in the order of `ids` (missing ids are skipped), in one statement.
// Throws.
base::Result<std::vector<domain::Report>> LoadReports(Session& s, const std::vector<int64_t>& ids) {
  std::vector<domain::Report> out;
  if (ids.empty()) return out;
  std::map<int64_t, domain::Report> by_id;
  const pqxx::result rows = ids.size() == 1 ? s.Exec(kSelectReport, Params().Add(ids.front()))
                                            : s.Exec(kSelectReports, Params().Add(IntArray(ids)));
  for (const pqxx::row& row : rows) {
    BINHYEN_ASSIGN_OR_RETURN(domain::Report r, ReportFromRow(row));
    BINHYEN_RETURN_IF_ERROR(AddChildren(row, r));
    by_id.emplace(r.id, std::move(r));
  }
  out.reserve(ids.size());
  for (int64_t id : ids) {
    auto it = by_id.find(id);
    if (it != by_id.end()) out.push_back(std::move(it->second));  // ids are distinct
  }
  return out;
}

std::vector<int64_t> Ids(const pqxx::result& result) {
  std::vector<int64_t> ids;
  ids.reserve(result.size());
  for (const pqxx::row& row : result) ids.push_back(Int(row[0]));
  return ids;
}

void InsertIndicator(Session& s, int64_t id, const domain::ReportIndicator& i) {
  s.Exec(kInsertIndicator,
         Params().Add(id).Add(indicator::KindName(i.kind)).Add(i.canonical).Add(i.raw));
}

void InsertEvidence(Session& s, int64_t id, const domain::EvidenceRef& e) {
  s.Exec(kInsertEvidence,
         Params().Add(id).Add(e.sha256).Add(e.media_type).Add(e.size).Add(e.filename));
}

}  // namespace

base::Status ReportNotFound(int64_t id) {
  return base::NotFoundError("report " + std::to_string(id) + ": not found");
}

base::Result<domain::Report> LoadOne(Session& s, int64_t id) {
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Report> reports, LoadReports(s, {id}));
  if (reports.empty()) return ReportNotFound(id);
  return std::move(reports.front());
}

base::Result<domain::ReportStatus> LockReport(Session& s, int64_t id) {
  const pqxx::result r = s.Exec(kLockStatus, Params().Add(id));
  if (r.empty()) return ReportNotFound(id);
  return ParseColumn<domain::ReportStatus>("status", Text(r[0][0]), domain::ParseReportStatus);
}

void InsertReportLink(Session& s, int64_t id, int64_t other_id) {
  s.Exec(kInsertLink, Params().Add(std::min(id, other_id)).Add(std::max(id, other_id)));
}

base::Result<ReportKey> PgReportRepository::Create(const domain::Report& report) {
  return s_.Write("reports.create", [&]() -> base::Result<ReportKey> {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(report));
    std::vector<std::string> kinds, canonicals, raws;
    for (const auto& i : report.indicators) {
      kinds.emplace_back(indicator::KindName(i.kind));
      canonicals.push_back(i.canonical);
      raws.push_back(i.raw);
    }
    std::vector<std::string> sha256s, media_types, filenames;
    std::vector<int64_t> sizes;
    for (const auto& e : report.evidence) {
      sha256s.push_back(e.sha256);
      media_types.push_back(e.media_type);
      sizes.push_back(e.size);
      filenames.push_back(e.filename);
    }
    const pqxx::result r = s_.Exec(kInsertReport, Params()
                                                      .Add(report.receipt_code)
                                                      .Add(domain::Name(report.channel))
                                                      .Add(domain::Name(report.category))
                                                      .Add(report.description)
                                                      .AddTime(report.occurred_at)
                                                      .Add(report.loss_vnd)
                                                      .Add(report.ward)
                                                      .AddBytes(report.contact_ciphertext)
                                                      .AddTime(report.created_at)
                                                      .Add(TextArray(kinds))
                                                      .Add(TextArray(canonicals))
                                                      .Add(TextArray(raws))
                                                      .Add(TextArray(sha256s))
                                                      .Add(TextArray(media_types))
                                                      .Add(IntArray(sizes))
                                                      .Add(TextArray(filenames))
                                                      .Add(report.public_note)
                                                      .Add(SimhashToStored(report.text_simhash)));
    const int64_t id = Int(r[0][0]);
    return ReportKey{id, report.receipt_code};
  });
}

base::Result<domain::Report> PgReportRepository::Get(int64_t id) {
  return s_.Read("reports.get", [&] { return LoadOne(s_, id); });
}

base::Result<domain::Report> PgReportRepository::GetByReceipt(std::string_view receipt_code) {
  return s_.Read("reports.get_by_receipt", [&]() -> base::Result<domain::Report> {
    const pqxx::result r = s_.Exec(kIdByReceipt, Params().Add(receipt_code));
    if (r.empty()) {
      return base::NotFoundError("report receipt '" + std::string(receipt_code) + "': not found");
    }
    return LoadOne(s_, Int(r[0][0]));
  });
}

base::Result<Page<domain::Report>> PgReportRepository::List(const ReportFilter& filter,
                                                            const PageRequest& page) {
  return s_.Read("reports.list", [&]() -> base::Result<Page<domain::Report>> {
    BINHYEN_RETURN_IF_ERROR(CheckLimit(page.limit, 1000));
    BINHYEN_ASSIGN_OR_RETURN(std::optional<int64_t> after, ParseIdCursor(page.after));
    Params params;
    if (filter.status)
      params.Add(domain::Name(*filter.status));
    else
      params.AddNull();
    if (filter.category)
      params.Add(domain::Name(*filter.category));
    else
      params.AddNull();
    params.Add(filter.ward).AddTime(filter.created_from).AddTime(filter.created_to).Add(after);
    params.Add(page.limit + 1).Add(filter.assignee_user_id);
    std::vector<int64_t> ids;
    if (!filter.text) {
      ids = Ids(s_.Exec(kListIds, params));
    } else if (const std::vector<std::string> words = SearchWords(*filter.text); !words.empty()) {
      ids = Ids(s_.Exec(kListIdsText, params.Add(TextArray(words)).Add(words.front())));
    }  // else: a text without words matches nothing
    Page<domain::Report> out;
    if (ids.size() > static_cast<size_t>(page.limit)) {
      ids.pop_back();
      out.next = FormatIdCursor(ids.back());
    }
    BINHYEN_ASSIGN_OR_RETURN(out.items, LoadReports(s_, ids));
    return out;
  });
}

base::Result<std::vector<int64_t>> PgReportRepository::FindByIndicator(indicator::Kind kind,
                                                                       std::string_view canonical,
                                                                       int limit) {
  return s_.Read("reports.find_by_indicator", [&]() -> base::Result<std::vector<int64_t>> {
    BINHYEN_RETURN_IF_ERROR(CheckLimit(limit, 1000));
    return Ids(s_.Exec(kFindByIndicator,
                       Params().Add(indicator::KindName(kind)).Add(canonical).Add(limit)));
  });
}

base::Result<std::vector<int64_t>> PgReportRepository::FindSharingIndicators(int64_t id,
                                                                             int limit) {
  return s_.Read("reports.find_sharing_indicators", [&]() -> base::Result<std::vector<int64_t>> {
    BINHYEN_RETURN_IF_ERROR(CheckLimit(limit, 1000));
    const pqxx::result r = s_.Exec(kFindSharing, Params().Add(id).Add(limit));
    if (r.empty()) return ReportNotFound(id);
    std::vector<int64_t> ids;
    ids.reserve(r.size());
    for (const pqxx::row& row : r) {
      if (!row[0].is_null()) ids.push_back(Int(row[0]));
    }
    return ids;
  });
}

base::Result<std::vector<int64_t>> PgReportRepository::Search(std::string_view query, int limit) {
  return s_.Read("reports.search", [&]() -> base::Result<std::vector<int64_t>> {
    BINHYEN_RETURN_IF_ERROR(CheckLimit(limit, 1000));
    const std::vector<std::string> words = SearchWords(query);
    if (words.empty()) return std::vector<int64_t>();
    return Ids(s_.Exec(kSearch, Params().Add(TextArray(words)).Add(words.front()).Add(limit)));
  });
}

base::Status PgReportRepository::Assign(int64_t id, std::optional<int64_t> user_id,
                                        base::TimePoint at) {
  return s_.Write("reports.assign", [&]() -> base::Status {
    BINHYEN_RETURN_IF_ERROR(LockReport(s_, id).status());
    if (user_id.has_value() && s_.Exec(kUserExists, Params().Add(*user_id)).empty()) {
      return base::NotFoundError("user " + std::to_string(*user_id) + ": not found");
    }
    s_.Exec(kSetAssignee, Params().Add(id).Add(user_id).AddTime(at));
    return base::Status::Ok();
  });
}

base::Status PgReportRepository::Link(int64_t id, int64_t other_id) {
  return s_.Write("reports.link", [&]() -> base::Status {
    if (id == other_id) {
      return base::InvalidArgumentError("linked_report_ids: a report cannot link to itself");
    }
    // Lock in id order so that two transactions linking the same pair cannot deadlock.
    BINHYEN_RETURN_IF_ERROR(LockReport(s_, std::min(id, other_id)).status());
    BINHYEN_RETURN_IF_ERROR(LockReport(s_, std::max(id, other_id)).status());
    InsertReportLink(s_, id, other_id);
    return base::Status::Ok();
  });
}

base::Status PgReportRepository::AddIndicator(int64_t id, const domain::ReportIndicator& indicator,
                                              base::TimePoint at) {
  return s_.Write("reports.add_indicator", [&]() -> base::Status {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(indicator));
    BINHYEN_RETURN_IF_ERROR(LockReport(s_, id).status());
    InsertIndicator(s_, id, indicator);
    s_.Exec(kTouch, Params().Add(id).AddTime(at));
    return base::Status::Ok();
  });
}

base::Status PgReportRepository::AddEvidence(int64_t id, const domain::EvidenceRef& evidence,
                                             base::TimePoint at) {
  return s_.Write("reports.add_evidence", [&]() -> base::Status {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(evidence));
    BINHYEN_RETURN_IF_ERROR(LockReport(s_, id).status());
    InsertEvidence(s_, id, evidence);
    s_.Exec(kTouch, Params().Add(id).AddTime(at));
    return base::Status::Ok();
  });
}

base::Result<int64_t> PgReportRepository::Count() {
  return s_.Read("reports.count",
                 [&]() -> base::Result<int64_t> { return Int(s_.Exec(kCount)[0][0]); });
}

}  // namespace binhyen::store::postgres
