// Triage of reports on PostgreSQL: status changes with duplicates, public notes, counts by
// status and near-duplicate lookup by simhash (schema version 2). The rest of
// PgReportRepository is in report_repository.cc.
#include <string>
#include <utility>

#include "domain/report_state.h"
#include "store/postgres/repositories.h"

namespace binhyen::store::postgres {
namespace {

constexpr Sql kTargetStatus{"report_target_status",
                            "SELECT status, duplicate_of FROM reports WHERE id = $1 FOR UPDATE"};
constexpr Sql kSetStatus{"report_set_status",
                         "UPDATE reports SET status = $2, duplicate_of = $3, "
                         "public_note = coalesce($4, public_note), updated_at = $5, "
                         "decided_at = $6, category = coalesce($7, category) WHERE id = $1"};
constexpr Sql kSetPublicNote{"report_set_public_note",
                             "UPDATE reports SET public_note = $2, updated_at = $3 WHERE id = $1"};
constexpr Sql kTouchOriginal{"report_touch_original",
                             "UPDATE reports SET updated_at = $2 WHERE id = $1"};
constexpr Sql kStatistics{"report_statistics",
                          "SELECT category, ward, status, created_at, decided_at FROM reports "
                          "WHERE created_at >= $1 AND created_at < $2 ORDER BY created_at, id"};
constexpr Sql kCountByStatus{"report_count_by_status",
                             "SELECT status, count(*) FROM reports GROUP BY status"};
// Candidates share one of the four bands ($2-$5); the distance is computed here, so only
// matches count against the limit.
constexpr Sql kNearDuplicates{
    "report_near_duplicates",
    "SELECT id, d FROM (SELECT r.id, bit_count((r.text_simhash # $1::bigint)::bit(64)) AS d "
    "FROM reports r WHERE r.id IN (SELECT report_id FROM report_simhash_bands "
    "WHERE (band = 0 AND value = $2) OR (band = 1 AND value = $3) OR (band = 2 AND value = $4) "
    "OR (band = 3 AND value = $5))) c WHERE d <= $6 ORDER BY id DESC LIMIT $7"};

// Ok when report `target` exists and is not itself a duplicate; locks it (the transition links
// and touches it).
base::Status CheckDuplicateTarget(Session& s, int64_t target) {
  const pqxx::result r = s.Exec(kTargetStatus, Params().Add(target));
  if (r.empty()) return ReportNotFound(target);
  BINHYEN_ASSIGN_OR_RETURN(
      domain::ReportStatus status,
      ParseColumn<domain::ReportStatus>("status", Text(r[0][0]), domain::ParseReportStatus));
  if (status != domain::ReportStatus::kDuplicate) return base::Status::Ok();
  return DuplicateTargetIsDuplicate(target, OptionalInt(r[0][1]));
}

}  // namespace

base::Result<std::vector<NearDuplicate>> PgReportRepository::FindNearDuplicates(uint64_t simhash,
                                                                                int max_distance,
                                                                                int limit) {
  return s_.Read("reports.find_near_duplicates", [&]() -> base::Result<std::vector<NearDuplicate>> {
    BINHYEN_RETURN_IF_ERROR(CheckMaxDistance(max_distance));
    BINHYEN_RETURN_IF_ERROR(CheckLimit(limit, 1000));
    Params params;
    params.Add(SimhashToStored(simhash));
    for (int band = 0; band < kSimhashBands; ++band) params.Add(SimhashBand(simhash, band));
    params.Add(max_distance).Add(limit);
    std::vector<NearDuplicate> out;
    for (const pqxx::row& row : s_.Exec(kNearDuplicates, params)) {
      out.push_back({Int(row[0]), static_cast<int>(Int(row[1]))});
    }
    return out;
  });
}

base::Result<domain::Report> PgReportRepository::Transition(int64_t id, const StatusChange& change,
                                                            base::TimePoint at) {
  return s_.Write("reports.transition", [&]() -> base::Result<domain::Report> {
    BINHYEN_RETURN_IF_ERROR(CheckStatusChange(id, change));
    BINHYEN_ASSIGN_OR_RETURN(domain::ReportStatus from, LockReport(s_, id));
    BINHYEN_RETURN_IF_ERROR(domain::CheckTransition(from, change.to));
    if (change.duplicate_of)
      BINHYEN_RETURN_IF_ERROR(CheckDuplicateTarget(s_, *change.duplicate_of));
    s_.Exec(kSetStatus, Params()
                            .Add(id)
                            .Add(domain::Name(change.to))
                            .Add(change.duplicate_of)
                            .Add(change.public_note)
                            .AddTime(at)
                            .AddTime(DecidedAt(change.to, at))
                            .Add(change.category ? std::optional<std::string>(
                                                       std::string(domain::Name(*change.category)))
                                                 : std::nullopt));
    if (change.duplicate_of) {
      InsertReportLink(s_, id, *change.duplicate_of);
      s_.Exec(kTouchOriginal, Params().Add(*change.duplicate_of).AddTime(at));
    }
    return LoadOne(s_, id);
  });
}

base::Status PgReportRepository::SetPublicNote(int64_t id, std::string_view note,
                                               base::TimePoint at) {
  return s_.Write("reports.set_public_note", [&]() -> base::Status {
    BINHYEN_RETURN_IF_ERROR(CheckPublicNote(note));
    BINHYEN_RETURN_IF_ERROR(LockReport(s_, id).status());
    s_.Exec(kSetPublicNote, Params().Add(id).Add(note).AddTime(at));
    return base::Status::Ok();
  });
}

base::Result<std::vector<std::pair<domain::ReportStatus, int64_t>>>
PgReportRepository::CountByStatus() {
  using Counts = std::vector<std::pair<domain::ReportStatus, int64_t>>;
  return s_.Read("reports.count_by_status", [&]() -> base::Result<Counts> {
    Counts out;
    for (domain::ReportStatus status : kAllReportStatuses) out.emplace_back(status, 0);
    for (const pqxx::row& row : s_.Exec(kCountByStatus)) {
      BINHYEN_ASSIGN_OR_RETURN(
          domain::ReportStatus status,
          ParseColumn<domain::ReportStatus>("status", Text(row[0]), domain::ParseReportStatus));
      for (auto& [st, n] : out) {
        if (st == status) n = Int(row[1]);
      }
    }
    return out;
  });
}

base::Result<std::vector<ReportStatRow>> PgReportRepository::Statistics(base::TimePoint from,
                                                                        base::TimePoint to) {
  return s_.Read("reports.statistics", [&]() -> base::Result<std::vector<ReportStatRow>> {
    std::vector<ReportStatRow> out;
    if (from >= to) return out;
    for (const pqxx::row& row : s_.Exec(kStatistics, Params().AddTime(from).AddTime(to))) {
      ReportStatRow r;
      BINHYEN_ASSIGN_OR_RETURN(r.category, ParseColumn<domain::Category>("category", Text(row[0]),
                                                                         domain::ParseCategory));
      r.ward = Text(row[1]);
      BINHYEN_ASSIGN_OR_RETURN(r.status, ParseColumn<domain::ReportStatus>(
                                             "status", Text(row[2]), domain::ParseReportStatus));
      r.created_at = Time(row[3]);
      r.decided_at = OptionalTime(row[4]);
      out.push_back(std::move(r));
    }
    return out;
  });
}

}  // namespace binhyen::store::postgres
