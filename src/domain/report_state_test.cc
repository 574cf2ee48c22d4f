#include "domain/report_state.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "domain/enums.h"

namespace binhyen::domain {
namespace {

using S = ReportStatus;
using ::testing::ElementsAre;

TEST(ReportStateTest, LegalMoves) {
  EXPECT_THAT(LegalNextStates(S::kReceived),
              ElementsAre(S::kTriaging, S::kRejected, S::kDuplicate));
  EXPECT_THAT(LegalNextStates(S::kTriaging),
              ElementsAre(S::kReceived, S::kConfirmed, S::kRejected, S::kDuplicate));
  EXPECT_THAT(LegalNextStates(S::kConfirmed), ElementsAre(S::kTriaging));
  EXPECT_THAT(LegalNextStates(S::kRejected), ElementsAre(S::kTriaging));
  EXPECT_THAT(LegalNextStates(S::kDuplicate), ElementsAre(S::kTriaging));
}

TEST(ReportStateTest, IllegalMoveNamesBothStates) {
  EXPECT_TRUE(CheckTransition(S::kReceived, S::kTriaging).ok());
  EXPECT_EQ(CheckTransition(S::kReceived, S::kConfirmed),
            base::FailedPreconditionError("status: cannot move from received to confirmed"));
  EXPECT_EQ(CheckTransition(S::kTriaging, S::kTriaging).code(),
            base::StatusCode::kFailedPrecondition);
  EXPECT_EQ(CheckTransition(S::kConfirmed, S::kRejected),
            base::FailedPreconditionError("status: cannot move from confirmed to rejected"));
}

TEST(ReportStateTest, ClosedStates) {
  EXPECT_FALSE(IsClosed(S::kReceived));
  EXPECT_FALSE(IsClosed(S::kTriaging));
  EXPECT_TRUE(IsClosed(S::kConfirmed));
  EXPECT_TRUE(IsClosed(S::kRejected));
  EXPECT_TRUE(IsClosed(S::kDuplicate));
}

TEST(EnumsTest, NamesRoundTrip) {
  for (auto c : {Category::kPhishing, Category::kRomanceSextortion, Category::kOther}) {
    EXPECT_EQ(ParseCategory(Name(c)), c);
  }
  EXPECT_EQ(Name(Category::kBankImpersonation), "bank_impersonation");
  EXPECT_EQ(Name(Role::kProgrammeAdmin), "programme_admin");
  EXPECT_EQ(ParseRole("unit_officer"), Role::kUnitOfficer);
  EXPECT_EQ(ParseRole("root"), std::nullopt);
  EXPECT_EQ(ParseChannel("Web"), std::nullopt);
  EXPECT_EQ(Name(IndicatorStatus::kDelisted), "delisted");
  EXPECT_EQ(ParseWarningKind("clarification"), WarningKind::kClarification);
}

}  // namespace
}  // namespace binhyen::domain
