// The plan's domain rules: dates, tasks, the self-assessment score, budget and review periods.
#include <gtest/gtest.h>

#include <chrono>

#include "domain/budget.h"
#include "domain/calendar.h"
#include "domain/review.h"
#include "domain/self_assessment.h"
#include "domain/task.h"

namespace binhyen::domain {
namespace {

TEST(CalendarTest, DatesAreVietnamDays) {
  EXPECT_TRUE(IsDate("2026-02-28"));
  EXPECT_FALSE(IsDate("2026-02-29"));
  EXPECT_TRUE(IsDate("2028-02-29"));
  EXPECT_FALSE(IsDate("2026-13-01"));
  EXPECT_FALSE(IsDate("1999-12-31"));
  EXPECT_FALSE(IsDate("2026-1-01"));
  EXPECT_FALSE(IsDate("2026-01-0a"));
  // 17:00 UTC is already midnight in Vietnam.
  const base::TimePoint start = StartOfDayInVietnam("2026-07-01");
  EXPECT_EQ(base::FormatRfc3339(start), "2026-06-30T17:00:00Z");
  EXPECT_EQ(DateInVietnam(start), "2026-07-01");
  EXPECT_EQ(DateInVietnam(start - std::chrono::seconds(1)), "2026-06-30");
  EXPECT_EQ(AddDays("2026-12-31", 1), "2027-01-01");
  EXPECT_EQ(AddDays("2026-03-01", -1), "2026-02-28");
  EXPECT_EQ(DayMonthYear("2026-07-01"), "01/07/2026");
}

Task GoodTask() {
  Task t;
  t.title = "Rà soát quản trị viên fanpage";
  t.unit_code = "pho-minh";
  t.responsible = "Trưởng Công an phường";
  t.expected_result = "Danh sách quản trị viên đã rà soát";
  t.due_on = "2026-06-30";
  return t;
}

TEST(TaskTest, ValidatesTheFiveItems) {
  EXPECT_TRUE(Validate(GoodTask()).ok());
  Task t = GoodTask();
  t.responsible.clear();
  EXPECT_EQ(Validate(t), base::InvalidArgumentError("responsible: must not be empty"));
  t = GoodTask();
  t.due_on = "30/06/2026";
  EXPECT_EQ(Validate(t), base::InvalidArgumentError("due_on: must be YYYY-MM-DD"));
  t = GoodTask();
  t.progress = 101;
  EXPECT_EQ(Validate(t), base::InvalidArgumentError("progress: must be 0..100"));
  t = GoodTask();
  t.status = TaskStatus::kDone;
  EXPECT_EQ(Validate(t), base::InvalidArgumentError("done_at: set only when done"));
  t.done_at = base::TimePoint{};
  EXPECT_TRUE(Validate(t).ok());
}

TEST(TaskTest, OverdueOnlyWhileActiveAndPastTheDay) {
  Task t = GoodTask();
  EXPECT_FALSE(IsOverdue(t, "2026-06-30"));  // the deadline day itself is still in time
  EXPECT_TRUE(IsOverdue(t, "2026-07-01"));
  t.status = TaskStatus::kInProgress;
  EXPECT_TRUE(IsOverdue(t, "2026-07-01"));
  t.status = TaskStatus::kCancelled;
  EXPECT_FALSE(IsOverdue(t, "2026-07-01"));
  EXPECT_EQ(ParseTaskStatus("in_progress"), TaskStatus::kInProgress);
  EXPECT_EQ(Name(TaskStatus::kDone), "done");
  EXPECT_FALSE(ParseTaskStatus("finished").has_value());
}

std::vector<std::pair<std::string, AssessmentAnswer>> AllAnswers(AssessmentAnswer a) {
  std::vector<std::pair<std::string, AssessmentAnswer>> out;
  for (const ChecklistItem& item : CurrentChecklist().items) out.emplace_back(item.key, a);
  return out;
}

TEST(SelfAssessmentTest, ScoreIsTheWeightedShareOfApplicableItems) {
  const Checklist& c = CurrentChecklist();
  EXPECT_EQ(Score(c, AllAnswers(AssessmentAnswer::kYes)), 1000);
  EXPECT_EQ(Score(c, AllAnswers(AssessmentAnswer::kPartly)), 500);
  EXPECT_EQ(Score(c, AllAnswers(AssessmentAnswer::kNo)), 0);
  EXPECT_EQ(Score(c, AllAnswers(AssessmentAnswer::kNotApplicable)), 0);
  // Only the first item (weight 2) applies and is met; the rest do not apply.
  auto answers = AllAnswers(AssessmentAnswer::kNotApplicable);
  answers[0].second = AssessmentAnswer::kYes;
  EXPECT_EQ(Score(c, answers), 1000);
  // The first (weight 2) met, the second (weight 3) not: 2 / 5.
  answers[1].second = AssessmentAnswer::kNo;
  EXPECT_EQ(Score(c, answers), 400);
}

TEST(SelfAssessmentTest, ValidateChecksTheAnswersAgainstTheChecklist) {
  SelfAssessment a;
  a.unit_code = "pho-minh";
  a.checklist_version = std::string(CurrentChecklist().version);
  a.answers = AllAnswers(AssessmentAnswer::kYes);
  a.score = 1000;
  EXPECT_TRUE(Validate(a).ok());
  a.score = 999;
  EXPECT_EQ(Validate(a), base::InvalidArgumentError("score: does not match the answers"));
  a.score = 1000;
  std::swap(a.answers[0], a.answers[1]);
  EXPECT_EQ(Validate(a).message(), "answers[0]: expected item 'service_inventory'");
  a.answers.pop_back();
  EXPECT_EQ(Validate(a).message(), "answers: 11 given, the checklist has 12 items");
  a.checklist_version = "1999";
  EXPECT_EQ(Validate(a).message(), "checklist_version: unknown");
}

TEST(BudgetTest, AmountsAndDates) {
  BudgetLine line{0, 2026, "", "Tập huấn", "Ngân sách thị xã", 5'000'000, "", 1, {}, {}};
  EXPECT_TRUE(Validate(line).ok());
  line.allocated = kMaxVnd + 1;
  EXPECT_EQ(Validate(line).message(), "allocated: must be 0..10000000000000");
  line.allocated = 0;
  line.year = 1999;
  EXPECT_EQ(Validate(line).message(), "year: must be 2000..2999");
  Spending s{0, 1, "2026-03-02", 0, "Tài liệu", "", 1, {}};
  EXPECT_EQ(Validate(s).message(), "amount: must be 1..10000000000000");
  s.amount = 1;
  s.spent_on = "2026-02-30";
  EXPECT_EQ(Validate(s).message(), "spent_on: must be YYYY-MM-DD");
}

TEST(ReviewTest, PeriodRules) {
  Review r;
  r.title = "Sơ kết 6 tháng đầu năm 2026";
  r.issuing_body = "BAN CHỈ ĐẠO";
  r.place = "Đức Phổ";
  r.from = "2026-01-01";
  r.to = "2026-06-30";
  r.report_date = "2026-07-05";
  EXPECT_TRUE(Validate(r).ok());
  r.to = "2025-12-31";
  EXPECT_EQ(Validate(r).message(), "to: must not be before from");
  r.to = "2036-01-01";
  EXPECT_EQ(Validate(r).message(), "to: the period must be at most 10 years");
  r.to = "2035-12-31";
  EXPECT_TRUE(Validate(r).ok());
  r.issuing_body.clear();
  EXPECT_EQ(Validate(r).message(), "issuing_body: must not be empty");
  RewardProposal p;
  p.subject_name = "Phường Phổ Minh";
  p.rank = 0;
  EXPECT_EQ(Validate(p).message(), "rank: must be >= 1");
  EXPECT_EQ(ParseRewardSubject("channel"), RewardSubject::kChannel);
  EXPECT_EQ(Name(ReviewKind::kSixMonth), "six_month");
}

}  // namespace
}  // namespace binhyen::domain
