#include "service/triage.h"

#include <algorithm>
#include <utility>

#include "base/strings.h"
#include "service/audit_entry.h"
#include "service/field_errors.h"
#include "service/permissions.h"
#include "text/utf8.h"

namespace binhyen::service {
namespace {

constexpr int kMaxPageSize = 200;
constexpr size_t kMaxQueryTextBytes = 500;
constexpr int kMaxRelated = 100;
// Serialisation conflicts (PostgreSQL) are retried this many times in all.
constexpr int kTransactionAttempts = 3;
// The source name under which a report vouches for its indicators, and its trust.
constexpr int kReportTrust = 100;

std::string ReportSource(int64_t id) { return "report:" + std::to_string(id); }

bool IsAccountKind(indicator::Kind kind) {
  return kind == indicator::Kind::kPhone || kind == indicator::Kind::kBankAccount;
}

template <typename F>
auto Retrying(F&& attempt) -> decltype(attempt()) {
  auto result = attempt();
  for (int i = 1; i < kTransactionAttempts; ++i) {
    if (result.ok() || result.status().code() != base::StatusCode::kAborted) break;
    result = attempt();
  }
  return result;
}

std::string TransitionSummary(domain::ReportStatus from, const TransitionRequest& request) {
  std::string summary =
      std::string(domain::Name(from)) + " → " + std::string(domain::Name(request.to));
  if (request.duplicate_of) summary += " of report " + std::to_string(*request.duplicate_of);
  if (!request.reason.empty()) summary += ": " + request.reason;
  return summary;
}

}  // namespace

Triage::Triage(store::Store& store, const base::Clock& clock, TriageOptions options)
    : store_(store), clock_(clock), options_(options) {}

domain::Severity Triage::DefaultSeverity(domain::Category category) {
  using C = domain::Category;
  switch (category) {
    case C::kExtortion:
    case C::kRomanceSextortion:
    case C::kFakePolice:
    case C::kMalware:
    case C::kFakeApp: return domain::Severity::kCritical;
    case C::kBankFraud:
    case C::kBankImpersonation:
    case C::kPhishing:
    case C::kInvestment:
    case C::kJobTask:
    case C::kAccountTakeover:
    case C::kScamCall:
    case C::kLoan: return domain::Severity::kHigh;
    case C::kSpam:
    case C::kRumour: return domain::Severity::kLow;
    default: return domain::Severity::kMedium;
  }
}

base::Result<store::Page<domain::Report>> Triage::List(const ReportQuery& query) {
  if (query.limit < 1 || query.limit > kMaxPageSize) {
    return base::InvalidArgumentError("limit: must be between 1 and " +
                                      std::to_string(kMaxPageSize));
  }
  if (query.text.size() > kMaxQueryTextBytes) {
    return base::InvalidArgumentError("text: must be at most " +
                                      std::to_string(kMaxQueryTextBytes) + " bytes");
  }
  if (!text::IsValidUtf8(query.text))
    return base::InvalidArgumentError("text: must be valid UTF-8");
  store::ReportFilter filter;
  filter.status = query.status;
  filter.category = query.category;
  if (!query.ward.empty()) filter.ward = query.ward;
  if (!query.text.empty()) filter.text = query.text;
  filter.assignee_user_id = query.assignee_user_id;
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  BINHYEN_ASSIGN_OR_RETURN(store::Page<domain::Report> page,
                           tx->Reports().List(filter, {query.limit, query.after}));
  for (domain::Report& r : page.items) r.contact_ciphertext.reset();
  return page;
}

base::Result<ReportDetail> Triage::Get(int64_t id) {
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  ReportDetail detail;
  BINHYEN_ASSIGN_OR_RETURN(detail.report, tx->Reports().Get(id));
  detail.has_contact = detail.report.contact_ciphertext.has_value();
  detail.report.contact_ciphertext.reset();
  std::vector<int64_t> linked = detail.report.linked_report_ids;
  std::sort(linked.rbegin(), linked.rend());
  if (linked.size() > kMaxRelated) linked.resize(kMaxRelated);
  for (int64_t other : linked) {
    BINHYEN_ASSIGN_OR_RETURN(domain::Report r, tx->Reports().Get(other));
    r.contact_ciphertext.reset();
    detail.related.push_back(std::move(r));
  }
  return detail;
}

base::Result<std::vector<domain::IndicatorRecord>> Triage::Confirm(
    store::Transaction& tx, const domain::Report& report, std::optional<domain::Severity> sev,
    base::TimePoint now) {
  std::vector<domain::IndicatorRecord> out;
  for (const domain::ReportIndicator& ri : report.indicators) {
    domain::IndicatorRecord record;
    record.kind = ri.kind;
    record.canonical = ri.canonical;
    record.category = report.category;
    record.severity = sev.value_or(DefaultSeverity(report.category));
    record.status = domain::IndicatorStatus::kConfirmed;
    record.first_seen = report.created_at;
    record.last_seen = now;
    record.expires_at =
        now + (IsAccountKind(ri.kind) ? options_.account_expiry : options_.web_expiry);
    record.sources = {{ReportSource(report.id), kReportTrust}};
    BINHYEN_ASSIGN_OR_RETURN(domain::IndicatorRecord stored, tx.Indicators().Upsert(record));
    out.push_back(std::move(stored));
  }
  return out;
}

namespace {

// True when `record` is vouched for by something other than report `reopened`: a source that is
// not a report (an analyst, a feed), or another report that is still confirmed.
base::Result<bool> VouchedByOthers(store::Transaction& tx, const domain::IndicatorRecord& record,
                                   int64_t reopened) {
  for (const domain::IndicatorSource& s : record.sources) {
    if (!s.source.starts_with("report:")) return true;
    int64_t id = 0;
    if (!base::ParseInt64(std::string_view(s.source).substr(7), id)) return true;
    if (id == reopened) continue;
    base::Result<domain::Report> other = tx.Reports().Get(id);
    if (!other.ok() && other.status().code() == base::StatusCode::kNotFound) continue;
    BINHYEN_RETURN_IF_ERROR(other.status());
    if (other->status == domain::ReportStatus::kConfirmed) return true;
  }
  return false;
}

}  // namespace

base::Result<std::vector<domain::IndicatorRecord>> Triage::Reopen(store::Transaction& tx,
                                                                  const domain::Report& report) {
  std::vector<domain::IndicatorRecord> out;
  for (const domain::ReportIndicator& ri : report.indicators) {
    base::Result<domain::IndicatorRecord> record = tx.Indicators().Get(ri.kind, ri.canonical);
    if (!record.ok()) {
      if (record.status().code() == base::StatusCode::kNotFound) continue;
      return record.status();
    }
    if (record->status != domain::IndicatorStatus::kConfirmed) continue;
    BINHYEN_ASSIGN_OR_RETURN(bool vouched, VouchedByOthers(tx, *record, report.id));
    if (vouched) continue;
    BINHYEN_ASSIGN_OR_RETURN(
        domain::IndicatorRecord pending,
        tx.Indicators().SetStatus(ri.kind, ri.canonical, domain::IndicatorStatus::kPending));
    out.push_back(std::move(pending));
  }
  return out;
}

base::Result<TransitionOutcome> Triage::Transition(int64_t id, const TransitionRequest& request,
                                                   std::string_view actor) {
  if (request.reason.empty()) {
    if (request.to == domain::ReportStatus::kRejected) {
      return base::InvalidArgumentError("reason: required when rejecting");
    }
    if (request.to == domain::ReportStatus::kDuplicate) {
      return base::InvalidArgumentError("reason: required when marking a duplicate");
    }
  }
  FieldErrors errors;
  if (request.reason.size() > 2000) errors.Add("reason", "must be at most 2000 bytes");
  if (HasNul(request.reason)) errors.Add("reason", kNoNul);
  if (request.public_note && HasNul(*request.public_note)) errors.Add("public_note", kNoNul);
  BINHYEN_RETURN_IF_ERROR(errors.ToStatus());
  return Retrying([&]() -> base::Result<TransitionOutcome> {
    const base::TimePoint now = clock_.Now();
    BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
    BINHYEN_ASSIGN_OR_RETURN(domain::Report before, tx->Reports().Get(id));
    if (request.duplicate_of) {
      base::Result<domain::Report> target = tx->Reports().Get(*request.duplicate_of);
      if (!target.ok() && target.status().code() == base::StatusCode::kNotFound) {
        return base::InvalidArgumentError("duplicate_of: no report " +
                                          std::to_string(*request.duplicate_of));
      }
      BINHYEN_RETURN_IF_ERROR(target.status());
    }
    store::StatusChange change;
    change.to = request.to;
    change.duplicate_of = request.duplicate_of;
    change.public_note = request.public_note;
    change.category = request.category;
    TransitionOutcome outcome;
    BINHYEN_ASSIGN_OR_RETURN(outcome.report, tx->Reports().Transition(id, change, now));
    if (request.to == domain::ReportStatus::kConfirmed) {
      BINHYEN_ASSIGN_OR_RETURN(outcome.indicators,
                               Confirm(*tx, outcome.report, request.severity, now));
    } else if (before.status == domain::ReportStatus::kConfirmed) {
      BINHYEN_ASSIGN_OR_RETURN(outcome.indicators, Reopen(*tx, outcome.report));
    }
    std::string summary = TransitionSummary(before.status, request);
    if (!outcome.indicators.empty()) {
      summary +=
          " (" + std::to_string(outcome.indicators.size()) + " indicators " +
          (request.to == domain::ReportStatus::kConfirmed ? "confirmed" : "back to pending") + ")";
    }
    BINHYEN_RETURN_IF_ERROR(tx->Audit()
                                .Append(MakeAuditEntry(now, actor, "report.transition",
                                                       "report:" + std::to_string(id), summary))
                                .status());
    BINHYEN_RETURN_IF_ERROR(tx->Commit());
    outcome.report.contact_ciphertext.reset();
    return outcome;
  });
}

base::Status Triage::SetPublicNote(int64_t id, std::string_view note, std::string_view actor) {
  if (note.size() > domain::kMaxPublicNoteBytes) {
    return base::InvalidArgumentError("public_note: must be at most " +
                                      std::to_string(domain::kMaxPublicNoteBytes) + " bytes");
  }
  if (HasNul(note)) return base::InvalidArgumentError("public_note: " + std::string(kNoNul));
  const base::TimePoint now = clock_.Now();
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_RETURN_IF_ERROR(tx->Reports().SetPublicNote(id, note, now));
  BINHYEN_RETURN_IF_ERROR(
      tx->Audit()
          .Append(MakeAuditEntry(now, actor, "report.note", "report:" + std::to_string(id),
                                 note.empty() ? "cleared the public note" : "set the public note"))
          .status());
  return tx->Commit();
}

base::Status Triage::Assign(int64_t id, std::optional<std::string_view> assignee,
                            std::string_view actor) {
  const base::TimePoint now = clock_.Now();
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_RETURN_IF_ERROR(tx->Reports().Get(id).status());
  std::optional<int64_t> user_id;
  std::string summary = "unassigned";
  if (assignee) {
    base::Result<domain::User> user = tx->Users().GetByName(base::AsciiLower(*assignee));
    if (!user.ok() && user.status().code() == base::StatusCode::kNotFound) {
      return base::NotFoundError("assignee: no user '" + std::string(*assignee) + "'");
    }
    BINHYEN_RETURN_IF_ERROR(user.status());
    if (user->disabled || !RoleHas(user->role, Permission::kReportsTriage)) {
      return base::InvalidArgumentError("assignee: user '" + user->name +
                                        "' cannot triage reports");
    }
    user_id = user->id;
    summary = "assigned to " + user->name;
  }
  BINHYEN_RETURN_IF_ERROR(tx->Reports().Assign(id, user_id, now));
  BINHYEN_RETURN_IF_ERROR(tx->Audit()
                              .Append(MakeAuditEntry(now, actor, "report.assign",
                                                     "report:" + std::to_string(id), summary))
                              .status());
  return tx->Commit();
}

}  // namespace binhyen::service
