// The write side of SqliteReports; the reads are in report_queries.cc.
#include <string>
#include <utility>

#include "domain/report_state.h"
#include "store/common.h"
#include "store/sqlite/repositories.h"

namespace binhyen::store::sqlite {

base::Status SqliteReports::Exists(int64_t id) {
  BINHYEN_ASSIGN_OR_RETURN(auto s, tx_.connection().Prepare("SELECT 1 FROM reports WHERE id = ?"));
  s->Bind(1, id);
  BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
  return row ? base::Status::Ok() : ReportNotFound(id);
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

base::Status SqliteReports::InsertLink(int64_t id, int64_t other_id) {
  BINHYEN_ASSIGN_OR_RETURN(
      auto s, tx_.connection().Prepare("INSERT INTO report_links (report_id, other_id) VALUES "
                                       "(?, ?) ON CONFLICT DO NOTHING"));
  s->Bind(1, std::min(id, other_id)).Bind(2, std::max(id, other_id));
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
        auto s, tx_.connection().Prepare(
                    "INSERT INTO reports (receipt_code, channel, category, description, "
                    "occurred_at, loss_vnd, ward, contact_ciphertext, status, assignee_user_id, "
                    "public_note, text_simhash, created_at, updated_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'received', ?, ?, ?, ?, ?)"));
    s->Bind(1, report.receipt_code)
        .Bind(2, domain::Name(report.channel))
        .Bind(3, domain::Name(report.category))
        .Bind(4, report.description)
        .Bind(5, report.occurred_at)
        .Bind(6, report.loss_vnd)
        .Bind(7, report.ward)
        .BindBlob(8, report.contact_ciphertext)
        .Bind(9, report.assignee_user_id)
        .Bind(10, report.public_note)
        .Bind(11, SimhashToStored(report.text_simhash))
        .Bind(12, report.created_at)
        .Bind(13, report.created_at);
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

base::Result<domain::ReportStatus> SqliteReports::StatusOf(int64_t id,
                                                           std::optional<int64_t>* duplicate_of) {
  BINHYEN_ASSIGN_OR_RETURN(
      auto s, tx_.connection().Prepare("SELECT status, duplicate_of FROM reports WHERE id = ?"));
  s->Bind(1, id);
  BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return ReportNotFound(id);
  if (duplicate_of != nullptr) *duplicate_of = s->OptionalInt(1);
  const std::string name = s->Text(0);
  return ParseStored(domain::ParseReportStatus(name), "status", name);
}

base::Status SqliteReports::CheckDuplicateTarget(int64_t target) {
  std::optional<int64_t> its_original;
  BINHYEN_ASSIGN_OR_RETURN(domain::ReportStatus status, StatusOf(target, &its_original));
  if (status != domain::ReportStatus::kDuplicate) return base::Status::Ok();
  return DuplicateTargetIsDuplicate(target, its_original);
}

base::Result<domain::Report> SqliteReports::Transition(int64_t id, const StatusChange& change,
                                                       base::TimePoint at) {
  return tx_.Write([&]() -> base::Result<domain::Report> {
    BINHYEN_RETURN_IF_ERROR(CheckStatusChange(id, change));
    BINHYEN_ASSIGN_OR_RETURN(domain::ReportStatus from, StatusOf(id, nullptr));
    BINHYEN_RETURN_IF_ERROR(domain::CheckTransition(from, change.to));
    if (change.duplicate_of) BINHYEN_RETURN_IF_ERROR(CheckDuplicateTarget(*change.duplicate_of));
    // The only statement that can fail on bad input comes first (TxContext's rule); the link
    // and the touch of the original cannot.
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare("UPDATE reports SET status = ?1, duplicate_of = ?2, "
                                         "public_note = coalesce(?3, public_note), "
                                         "category = coalesce(?7, category), "
                                         "updated_at = ?4, decided_at = ?6 WHERE id = ?5"));
    s->Bind(1, domain::Name(change.to)).Bind(2, change.duplicate_of).Bind(4, at).Bind(5, id);
    s->Bind(6, DecidedAt(change.to, at));
    if (change.public_note) s->Bind(3, *change.public_note);
    if (change.category) s->Bind(7, domain::Name(*change.category));
    BINHYEN_RETURN_IF_ERROR(s->Run());
    s.reset();
    if (change.duplicate_of) {
      BINHYEN_RETURN_IF_ERROR(InsertLink(id, *change.duplicate_of));
      BINHYEN_RETURN_IF_ERROR(Touch(*change.duplicate_of, at));
    }
    return Load(id);
  });
}

base::Status SqliteReports::SetPublicNote(int64_t id, std::string_view note, base::TimePoint at) {
  return tx_.Write([&]() -> base::Status {
    BINHYEN_RETURN_IF_ERROR(CheckPublicNote(note));
    BINHYEN_RETURN_IF_ERROR(Exists(id));
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare(
                    "UPDATE reports SET public_note = ?, updated_at = ? WHERE id = ?"));
    s->Bind(1, note).Bind(2, at).Bind(3, id);
    return s->Run();
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

base::Status SqliteReports::Link(int64_t id, int64_t other_id) {
  return tx_.Write([&]() -> base::Status {
    if (id == other_id) {
      return base::InvalidArgumentError("linked_report_ids: a report cannot link to itself");
    }
    // One statement: the link table's foreign keys check that both reports exist; only when the
    // insert fails is it worth finding out which one is missing.
    base::Status inserted = InsertLink(id, other_id);
    if (inserted.ok()) return inserted;
    BINHYEN_RETURN_IF_ERROR(Exists(id));
    BINHYEN_RETURN_IF_ERROR(Exists(other_id));
    return inserted;
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

}  // namespace binhyen::store::sqlite
