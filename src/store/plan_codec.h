#pragma once

// What both backends share for the programme's plan (store/plan_store.h, migration 0014), so
// that they agree exactly: how a self-assessment's answers are stored, how a task's done_at
// follows its updates, how a list of reward proposals is validated. Pure functions;
// thread-safe.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "base/status.h"
#include "domain/review.h"
#include "domain/self_assessment.h"
#include "domain/task.h"

namespace binhyen::store {

// The answers of a self-assessment as one text, "key=answer;key=answer" in the given order
// (keys are [a-z_], answers domain::Name(AssessmentAnswer)). Decoding fails with Internal
// "answers: unreadable value in the database" on anything else.
std::string EncodeAnswers(std::span<const std::pair<std::string, domain::AssessmentAnswer>> a);
base::Result<std::vector<std::pair<std::string, domain::AssessmentAnswer>>> DecodeAnswers(
    std::string_view text);

// The done_at of a task in status `before` (with `before_done_at`) after an update to status
// `after` at `at`: `at` when it becomes done, kept while it stays done, nullopt otherwise.
std::optional<base::TimePoint> DoneAtAfter(domain::TaskStatus before,
                                           std::optional<base::TimePoint> before_done_at,
                                           domain::TaskStatus after, base::TimePoint at);

// domain::Validate of every proposal; the first error's message gets the prefix
// "proposals[<i>]." ("proposals[1].subject_name: must not be empty").
base::Status ValidateProposals(std::span<const domain::RewardProposal> proposals);

}  // namespace binhyen::store
