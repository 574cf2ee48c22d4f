#include "domain/report_state.h"

#include <string>

namespace binhyen::domain {
namespace {

bool IsLegal(ReportStatus from, ReportStatus to) {
  using S = ReportStatus;
  switch (from) {
    case S::kReceived: return to == S::kTriaging || to == S::kRejected || to == S::kDuplicate;
    case S::kTriaging:
      return to == S::kReceived || to == S::kConfirmed || to == S::kRejected || to == S::kDuplicate;
    case S::kConfirmed:
    case S::kRejected:
    case S::kDuplicate:
      // Reopening goes through triage so the new verdict is a fresh, audited decision.
      return to == S::kTriaging;
  }
  return false;
}

}  // namespace

base::Status CheckTransition(ReportStatus from, ReportStatus to) {
  if (IsLegal(from, to)) return base::Status::Ok();
  return base::FailedPreconditionError("status: cannot move from " + std::string(Name(from)) +
                                       " to " + std::string(Name(to)));
}

std::vector<ReportStatus> LegalNextStates(ReportStatus from) {
  std::vector<ReportStatus> out;
  for (ReportStatus to :
       {ReportStatus::kReceived, ReportStatus::kTriaging, ReportStatus::kConfirmed,
        ReportStatus::kRejected, ReportStatus::kDuplicate}) {
    if (IsLegal(from, to)) out.push_back(to);
  }
  return out;
}

bool IsClosed(ReportStatus status) {
  return status == ReportStatus::kConfirmed || status == ReportStatus::kRejected ||
         status == ReportStatus::kDuplicate;
}

}  // namespace binhyen::domain
