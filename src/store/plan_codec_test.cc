#include "store/plan_codec.h"

#include <gtest/gtest.h>

#include <chrono>

namespace binhyen::store {
namespace {

using domain::AssessmentAnswer;
using domain::TaskStatus;

TEST(PlanCodec, AnswersRoundTrip) {
  const std::vector<std::pair<std::string, AssessmentAnswer>> answers = {
      {"mfa", AssessmentAnswer::kYes},
      {"backup_regular", AssessmentAnswer::kPartly},
      {"spam_filter", AssessmentAnswer::kNo},
      {"updates", AssessmentAnswer::kNotApplicable}};
  const std::string text = EncodeAnswers(answers);
  EXPECT_EQ(text, "mfa=yes;backup_regular=partly;spam_filter=no;updates=na");
  EXPECT_EQ(DecodeAnswers(text).value(), answers);
  EXPECT_TRUE(DecodeAnswers("").value().empty());
}

TEST(PlanCodec, UnreadableAnswersAreInternal) {
  const base::Status unreadable = base::InternalError("answers: unreadable value in the database");
  for (std::string_view bad : {"mfa", "mfa=", "=yes", "mfa=maybe", "mfa=yes;", "mfa=yes;;b=no"}) {
    EXPECT_EQ(DecodeAnswers(bad).status(), unreadable) << bad;
  }
}

TEST(PlanCodec, DoneAtFollowsTheStatus) {
  const base::TimePoint at(std::chrono::seconds(200));
  const base::TimePoint earlier(std::chrono::seconds(100));
  EXPECT_EQ(DoneAtAfter(TaskStatus::kOpen, std::nullopt, TaskStatus::kDone, at), at);
  EXPECT_EQ(DoneAtAfter(TaskStatus::kDone, earlier, TaskStatus::kDone, at), earlier);
  EXPECT_EQ(DoneAtAfter(TaskStatus::kDone, earlier, TaskStatus::kInProgress, at), std::nullopt);
  EXPECT_EQ(DoneAtAfter(TaskStatus::kCancelled, std::nullopt, TaskStatus::kOpen, at), std::nullopt);
}

TEST(PlanCodec, ProposalErrorsNameTheIndex) {
  domain::RewardProposal good;
  good.subject_name = "Phường 1";
  good.rank = 1;
  domain::RewardProposal bad = good;
  bad.subject_name.clear();
  const std::vector<domain::RewardProposal> proposals = {good, bad};
  EXPECT_EQ(ValidateProposals(proposals),
            base::InvalidArgumentError("proposals[1].subject_name: must not be empty"));
  EXPECT_TRUE(ValidateProposals(std::vector<domain::RewardProposal>{good}).ok());
}

}  // namespace
}  // namespace binhyen::store
