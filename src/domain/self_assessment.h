#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "base/status.h"

namespace binhyen::domain {

// One question of the self-assessment checklist.
struct ChecklistItem {
  std::string_view key;  // stable id, [a-z_]
  std::string_view area_vi;
  std::string_view area_en;
  std::string_view text_vi;
  std::string_view text_en;
  int weight = 1;  // 1..5: how much it counts in the score
};

// A version of the checklist. A new version gets a new name; assessments keep the version they
// were answered against, so old scores stay comparable with their own questions.
struct Checklist {
  std::string_view version;
  std::span<const ChecklistItem> items;
};

// The checklist units answer now (the plan's areas: a protection plan before putting a service
// on the internet, account security, spam and malware hygiene, backups, trained staff).
const Checklist& CurrentChecklist();
// The checklist of `version`; nullopt for a version this binary does not know.
std::optional<Checklist> FindChecklist(std::string_view version);

enum class AssessmentAnswer { kYes, kPartly, kNo, kNotApplicable };
std::string_view Name(AssessmentAnswer v);  // "yes" "partly" "no" "na"
std::optional<AssessmentAnswer> ParseAssessmentAnswer(std::string_view name);

// A unit's answers to the checklist at one time. A unit answers as often as it likes (each
// period, after an incident, after fixing something): the history is every assessment kept.
struct SelfAssessment {
  int64_t id = 0;  // assigned by the store
  std::string unit_code;
  std::string checklist_version;
  // (item key, answer) for every item of the checklist, in its order.
  std::vector<std::pair<std::string, AssessmentAnswer>> answers;
  std::string note;          // what the unit plans to fix, 0..5000 bytes
  int score = 0;             // per mille, Score(checklist, answers)
  int64_t submitted_by = 0;  // users.id
  base::TimePoint submitted_at{};
  friend bool operator==(const SelfAssessment&, const SelfAssessment&) = default;
};

inline constexpr size_t kMaxAssessmentNoteBytes = 5000;

// The weighted share of the applicable items met, per mille: yes counts fully, partly half, no
// nothing; "na" items are left out. 0 when every item is "na".
int Score(const Checklist& checklist,
          std::span<const std::pair<std::string, AssessmentAnswer>> answers);

// InvalidArgument naming the field ("checklist_version: unknown", "answers: 3 given, the
// checklist has 12 items", "answers[2]: expected item 'mfa'", "score: does not match the
// answers", "note: ...", "unit_code: ...").
base::Status Validate(const SelfAssessment& assessment);

}  // namespace binhyen::domain
