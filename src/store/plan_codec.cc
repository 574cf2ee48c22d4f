#include "store/plan_codec.h"

#include <algorithm>

namespace binhyen::store {
namespace {

base::Status Unreadable() {
  return base::InternalError("answers: unreadable value in the database");
}

}  // namespace

std::string EncodeAnswers(std::span<const std::pair<std::string, domain::AssessmentAnswer>> a) {
  std::string out;
  for (const auto& [key, answer] : a) {
    if (!out.empty()) out.push_back(';');
    out += key;
    out.push_back('=');
    out += domain::Name(answer);
  }
  return out;
}

base::Result<std::vector<std::pair<std::string, domain::AssessmentAnswer>>> DecodeAnswers(
    std::string_view text) {
  std::vector<std::pair<std::string, domain::AssessmentAnswer>> out;
  if (text.empty()) return out;
  while (true) {
    const size_t end = std::min(text.find(';'), text.size());
    const std::string_view item = text.substr(0, end);
    const size_t eq = item.find('=');
    if (eq == std::string_view::npos || eq == 0) return Unreadable();
    std::optional<domain::AssessmentAnswer> answer =
        domain::ParseAssessmentAnswer(item.substr(eq + 1));
    if (!answer) return Unreadable();
    out.emplace_back(std::string(item.substr(0, eq)), *answer);
    if (end == text.size()) return out;
    text.remove_prefix(end + 1);
  }
}

std::optional<base::TimePoint> DoneAtAfter(domain::TaskStatus before,
                                           std::optional<base::TimePoint> before_done_at,
                                           domain::TaskStatus after, base::TimePoint at) {
  if (after != domain::TaskStatus::kDone) return std::nullopt;
  if (before == domain::TaskStatus::kDone && before_done_at) return before_done_at;
  return at;
}

base::Status ValidateProposals(std::span<const domain::RewardProposal> proposals) {
  for (size_t i = 0; i < proposals.size(); ++i) {
    base::Status s = domain::Validate(proposals[i]);
    if (!s.ok()) {
      return base::Status(s.code(), "proposals[" + std::to_string(i) + "]." + s.message());
    }
  }
  return base::Status::Ok();
}

}  // namespace binhyen::store
