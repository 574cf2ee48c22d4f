#include "service/self_assessments.h"

#include <algorithm>
#include <chrono>
#include <utility>

#include "base/strings.h"
#include "service/audit_entry.h"
#include "service/field_errors.h"
#include "service/internal/fields.h"
#include "service/people.h"
#include "service/permissions.h"

namespace binhyen::service {
namespace {

using fields::CheckText;
using fields::Micros;
using fields::Trim;

struct Scope {
  People::Scope units;
  std::vector<domain::Unit> all_units;
};

base::Result<Scope> LoadScope(store::Transaction& tx, const Principal& caller) {
  if (!caller.Can(Permission::kProgrammeManage) && !caller.Can(Permission::kPeopleManage)) {
    return base::PermissionDeniedError("self-assessments: only programme admins and unit officers");
  }
  Scope scope;
  BINHYEN_ASSIGN_OR_RETURN(scope.all_units, tx.Units().List());
  scope.units = People::ScopeOf(caller, scope.all_units);
  return scope;
}

bool Known(const Scope& scope, std::string_view code) {
  return std::any_of(scope.all_units.begin(), scope.all_units.end(),
                     [&](const domain::Unit& u) { return u.code == code; });
}

// The answers of `input` in the checklist's order; field errors added.
std::vector<std::pair<std::string, domain::AssessmentAnswer>> Answers(
    const domain::Checklist& checklist, const AssessmentInput& input, FieldErrors& errors) {
  std::vector<std::pair<std::string, domain::AssessmentAnswer>> answers;
  for (const domain::ChecklistItem& item : checklist.items) {
    const std::string field = "answers." + std::string(item.key);
    auto it = input.answers.find(std::string(item.key));
    if (it == input.answers.end() || it->second.empty()) {
      errors.Add(field, "answer every question");
    } else if (auto answer = domain::ParseAssessmentAnswer(it->second)) {
      answers.emplace_back(item.key, *answer);
    } else {
      errors.Add(field, "must be yes, partly, no or na");
    }
  }
  for (const auto& answer : input.answers) {
    const std::string& key = answer.first;
    if (std::none_of(checklist.items.begin(), checklist.items.end(),
                     [&key](const domain::ChecklistItem& i) { return i.key == key; })) {
      errors.Add("answers." + PrintableForError(key, 40), "no such question");
    }
  }
  return answers;
}

}  // namespace

SelfAssessments::SelfAssessments(store::Store& store, const base::Clock& clock)
    : store_(store), clock_(clock) {}

base::Result<domain::SelfAssessment> SelfAssessments::Submit(const Principal& caller,
                                                             const AssessmentInput& input) {
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(Scope scope, LoadScope(*tx, caller));
  FieldErrors errors;
  domain::SelfAssessment a;
  a.unit_code = Trim(input.unit);
  if (a.unit_code.empty()) {
    errors.Add("unit", "choose a unit");
  } else if (!Known(scope, a.unit_code)) {
    errors.Add("unit", "no such unit");
  } else if (!scope.units.Contains(a.unit_code)) {
    return base::PermissionDeniedError("unit: outside your unit");
  }
  const domain::Checklist& checklist = domain::CurrentChecklist();
  a.checklist_version = std::string(checklist.version);
  a.answers = Answers(checklist, input, errors);
  a.note = Trim(input.note);
  CheckText(errors, "note", a.note, 0, domain::kMaxAssessmentNoteBytes);
  BINHYEN_RETURN_IF_ERROR(errors.ToStatus());
  a.score = domain::Score(checklist, a.answers);
  a.submitted_by = caller.user_id;
  a.submitted_at = Micros(clock_.Now());
  BINHYEN_ASSIGN_OR_RETURN(a.id, tx->SelfAssessments().Create(a));
  BINHYEN_RETURN_IF_ERROR(tx->Audit()
                              .Append(MakeAuditEntry(a.submitted_at, caller.Actor(),
                                                     "assessment.submit", "unit:" + a.unit_code,
                                                     "score " + std::to_string(a.score / 10) + "%"))
                              .status());
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  return a;
}

base::Result<domain::SelfAssessment> SelfAssessments::Get(const Principal& caller, int64_t id) {
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  BINHYEN_ASSIGN_OR_RETURN(Scope scope, LoadScope(*tx, caller));
  BINHYEN_ASSIGN_OR_RETURN(domain::SelfAssessment a, tx->SelfAssessments().Get(id));
  if (!scope.units.Contains(a.unit_code)) {
    return base::NotFoundError("self-assessment " + std::to_string(id) + ": not found");
  }
  return a;
}

base::Result<std::vector<domain::SelfAssessment>> SelfAssessments::History(
    const Principal& caller, const std::string& unit) {
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  BINHYEN_ASSIGN_OR_RETURN(Scope scope, LoadScope(*tx, caller));
  if (!Known(scope, unit)) return base::NotFoundError("unit '" + unit + "': not found");
  if (!scope.units.Contains(unit)) return base::PermissionDeniedError("unit: outside your unit");
  return tx->SelfAssessments().History(unit, 100);
}

base::Result<std::vector<UnitAssessmentRow>> SelfAssessments::Overview(const Principal& caller) {
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  BINHYEN_ASSIGN_OR_RETURN(Scope scope, LoadScope(*tx, caller));
  BINHYEN_ASSIGN_OR_RETURN(
      std::vector<domain::SelfAssessment> latest,
      tx->SelfAssessments().LatestPerUnit(clock_.Now() + std::chrono::seconds(1)));
  std::vector<UnitAssessmentRow> rows;
  for (const domain::Unit& u : scope.all_units) {
    if (!scope.units.Contains(u.code)) continue;
    UnitAssessmentRow row{u.code, u.name, std::nullopt};
    for (const domain::SelfAssessment& a : latest) {
      if (a.unit_code == u.code) row.latest = a;
    }
    rows.push_back(std::move(row));
  }
  std::sort(rows.begin(), rows.end(), [](const UnitAssessmentRow& a, const UnitAssessmentRow& b) {
    return a.unit_name < b.unit_name;
  });
  return rows;
}

}  // namespace binhyen::service
