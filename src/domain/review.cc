#include "domain/review.h"

#include <array>
#include <utility>

#include "domain/internal/rules.h"
#include "domain/task.h"

namespace binhyen::domain {
namespace {

using internal::Bad;
using internal::CheckLength;

constexpr std::array<std::pair<ReviewKind, std::string_view>, 3> kKinds = {{
    {ReviewKind::kSixMonth, "six_month"},
    {ReviewKind::kAnnual, "annual"},
    {ReviewKind::kOther, "other"},
}};

constexpr std::array<std::pair<RewardSubject, std::string_view>, 3> kSubjects = {{
    {RewardSubject::kUnit, "unit"},
    {RewardSubject::kPerson, "person"},
    {RewardSubject::kChannel, "channel"},
}};

}  // namespace

std::string_view Name(ReviewKind v) { return internal::NameIn(kKinds, v); }
std::optional<ReviewKind> ParseReviewKind(std::string_view name) {
  return internal::ParseIn(kKinds, name);
}
std::string_view Name(RewardSubject v) { return internal::NameIn(kSubjects, v); }
std::optional<RewardSubject> ParseRewardSubject(std::string_view name) {
  return internal::ParseIn(kSubjects, name);
}

base::Status Validate(const Review& review) {
  BINHYEN_RETURN_IF_ERROR(CheckLength("title", review.title, 1, 300));
  if (!IsDate(review.from)) return Bad("from", "must be YYYY-MM-DD");
  if (!IsDate(review.to)) return Bad("to", "must be YYYY-MM-DD");
  if (review.to < review.from) return Bad("to", "must not be before from");
  // Dates are "YYYY-MM-DD", so ten years on is the same text with the year plus ten.
  std::string limit =
      std::to_string(std::stoi(review.from.substr(0, 4)) + 10) + review.from.substr(4);
  if (review.to >= limit) return Bad("to", "the period must be at most 10 years");
  BINHYEN_RETURN_IF_ERROR(CheckLength("superior_body", review.superior_body, 0, 200));
  BINHYEN_RETURN_IF_ERROR(CheckLength("issuing_body", review.issuing_body, 1, 200));
  BINHYEN_RETURN_IF_ERROR(CheckLength("number", review.number, 0, 50));
  BINHYEN_RETURN_IF_ERROR(CheckLength("place", review.place, 1, 100));
  if (!IsDate(review.report_date)) return Bad("report_date", "must be YYYY-MM-DD");
  BINHYEN_RETURN_IF_ERROR(CheckLength("signer_authority", review.signer_authority, 0, 200));
  BINHYEN_RETURN_IF_ERROR(CheckLength("signer_position", review.signer_position, 0, 200));
  BINHYEN_RETURN_IF_ERROR(CheckLength("signer_name", review.signer_name, 0, 200));
  return CheckLength("recipients", review.recipients, 0, 2000);
}

base::Status Validate(const RewardProposal& proposal) {
  BINHYEN_RETURN_IF_ERROR(CheckLength("subject_ref", proposal.subject_ref, 0, 64));
  BINHYEN_RETURN_IF_ERROR(CheckLength("subject_name", proposal.subject_name, 1, 300));
  BINHYEN_RETURN_IF_ERROR(CheckLength("unit_code", proposal.unit_code, 0, 32));
  if (proposal.rank < 1) return Bad("rank", "must be >= 1");
  BINHYEN_RETURN_IF_ERROR(CheckLength("basis", proposal.basis, 0, 1000));
  BINHYEN_RETURN_IF_ERROR(CheckLength("reason", proposal.reason, 0, 2000));
  return CheckLength("award", proposal.award, 0, 300);
}

}  // namespace binhyen::domain
