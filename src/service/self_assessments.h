#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "domain/self_assessment.h"
#include "service/auth.h"
#include "store/store.h"

namespace binhyen::service {

// A unit's answers as typed in the form: item key → answer name ("yes", "partly", "no", "na").
struct AssessmentInput {
  std::string unit;
  std::map<std::string, std::string> answers;
  std::string note;
};

// A unit and its latest self-assessment, for the overview.
struct UnitAssessmentRow {
  std::string unit_code;
  std::string unit_name;
  std::optional<domain::SelfAssessment> latest;  // nullopt: never assessed
};

// Unit self-assessments against the checklist (domain::CurrentChecklist). Unit officers submit
// for the units of their subtree; the standing office (programme:manage) submits for any unit
// and sees every unit. Outside one's scope: NotFound ("self-assessment <id>: not found") or
// PermissionDenied "unit: outside your unit". Submissions are audited ("assessment.submit",
// target "unit:<code>").
// Thread safety: thread-safe.
class SelfAssessments {
 public:
  // Both references must outlive the SelfAssessments.
  SelfAssessments(store::Store& store, const base::Clock& clock);

  // InvalidArgument with a line per bad field ("unit: choose a unit", "answers.mfa: answer every
  // question", "answers.mfa: must be yes, partly, no or na", "answers.x: no such question",
  // "note: ..."). Returns the new assessment.
  base::Result<domain::SelfAssessment> Submit(const Principal& caller,
                                              const AssessmentInput& input);
  // NotFound outside the caller's scope.
  base::Result<domain::SelfAssessment> Get(const Principal& caller, int64_t id);
  // The history of one unit, newest first (at most 100).
  base::Result<std::vector<domain::SelfAssessment>> History(const Principal& caller,
                                                            const std::string& unit);
  // Every unit of the caller's scope with its latest assessment, units by name.
  base::Result<std::vector<UnitAssessmentRow>> Overview(const Principal& caller);

 private:
  store::Store& store_;
  const base::Clock& clock_;
};

}  // namespace binhyen::service
