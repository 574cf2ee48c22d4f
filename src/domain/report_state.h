#pragma once

#include <vector>

#include "base/status.h"
#include "domain/enums.h"

namespace binhyen::domain {

// The report state machine (DESIGN.md, "Report → verdict").
//
//   received ──► triaging ──► confirmed | rejected | duplicate
//      │  ▲          │                      │
//      │  └──────────┘ (unassign: back to the queue)
//      └──► rejected | duplicate  (obvious spam or an exact repeat needs no triage)
//   confirmed | rejected | duplicate ──► triaging  (reopen: a dispute was accepted, a merge was
//                                                   wrong, new evidence arrived)
//
// A report is never confirmed without passing through triaging (an analyst looked at it), and
// a closed report is only reopened into triaging, never straight to another verdict, so every
// verdict change is a fresh, audited triage. Staying in the same state is not a transition.

// Ok when `from → to` is a legal move; otherwise FailedPrecondition
// "status: cannot move from <from> to <to>".
base::Status CheckTransition(ReportStatus from, ReportStatus to);

// The states reachable from `from` in one move, in enum order.
std::vector<ReportStatus> LegalNextStates(ReportStatus from);

// True for confirmed, rejected and duplicate.
bool IsClosed(ReportStatus status);

}  // namespace binhyen::domain
