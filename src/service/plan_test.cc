// Tasks, self-assessments and the budget: who may do what, field errors, the audit trail.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>

#include "domain/calendar.h"
#include "service/budget.h"
#include "service/self_assessments.h"
#include "service/tasks.h"
#include "service/testing/temp_sqlite_store.h"

namespace binhyen::service {
namespace {

using ::testing::HasSubstr;

Principal Caller(int64_t id, domain::Role role, std::string unit = "") {
  Principal p;
  p.user_id = id;
  p.name = "user" + std::to_string(id);
  p.role = role;
  p.unit = std::move(unit);
  return p;
}

// town ─┬─ pho-minh ── thpt-pho-minh
//       └─ nghia-lo
// Users: 1 programme admin, 2 officer of pho-minh, 3 finance, 4 officer of nghia-lo.
class PlanTest : public ::testing::Test {
 protected:
  PlanTest() {
    auto tx = store_->Begin(store::TxMode::kReadWrite).value();
    for (auto [code, name, parent] : std::vector<std::array<std::string, 3>>{
             {"town", "Thị xã Đức Phổ", ""},
             {"pho-minh", "Phường Phổ Minh", "town"},
             {"thpt-pho-minh", "Trường THPT Phổ Minh", "pho-minh"},
             {"nghia-lo", "Phường Nghĩa Lộ", "town"}}) {
      EXPECT_TRUE(
          tx->Units().Create({code, name, domain::UnitKind::kWard, parent, clock_.Now()}).ok());
    }
    for (const Principal* p : {&admin_, &officer_, &finance_, &other_}) {
      domain::User u;
      u.name = p->name;
      u.password_hash = "x";
      u.role = p->role;
      u.unit = p->unit;
      u.created_at = clock_.Now();
      EXPECT_EQ(tx->Users().Create(u).value(), p->user_id);
    }
    EXPECT_TRUE(tx->Commit().ok());
  }

  TaskInput Input(std::vector<std::string> units) {
    return {
        std::move(units),        "  Rà soát quản trị viên fanpage ",   "Gỡ quyền người đã nghỉ.",
        "Trưởng Công an phường", "Danh sách quản trị viên đã rà soát", "2026-06-30"};
  }

  int64_t AuditCount() {
    auto tx = store_->Begin(store::TxMode::kReadOnly).value();
    return static_cast<int64_t>(tx->Audit().List(0, 1000).value().size());
  }

  testing::TempSqliteStore store_{"plan_test"};
  // 2026-06-20 10:00 in Vietnam.
  base::FakeClock clock_{domain::StartOfDayInVietnam("2026-06-20") + std::chrono::hours(10)};
  Tasks tasks_{*store_, clock_};
  SelfAssessments assessments_{*store_, clock_};
  Budget budget_{*store_, clock_};
  const Principal admin_ = Caller(1, domain::Role::kProgrammeAdmin);
  const Principal officer_ = Caller(2, domain::Role::kUnitOfficer, "pho-minh");
  const Principal finance_ = Caller(3, domain::Role::kFinance);
  const Principal other_ = Caller(4, domain::Role::kUnitOfficer, "nghia-lo");
};

TEST_F(PlanTest, TasksAreAssignedPerUnitAndFollowedInScope) {
  std::vector<int64_t> ids = tasks_.Create(admin_, Input({"pho-minh", "nghia-lo"})).value();
  ASSERT_EQ(ids.size(), 2u);
  EXPECT_EQ(tasks_.Create(officer_, Input({"pho-minh"})).status().code(),
            base::StatusCode::kPermissionDenied);
  TaskDetail mine = tasks_.Get(officer_, ids[0]).value();
  EXPECT_EQ(mine.row.task.title, "Rà soát quản trị viên fanpage");
  EXPECT_EQ(mine.row.days_left, 10);
  EXPECT_FALSE(mine.may_edit);
  EXPECT_EQ(tasks_.Get(officer_, ids[1]).status(), base::NotFoundError("task 2: not found"));
  EXPECT_EQ(tasks_.List(officer_, TaskView::kActive)->size(), 1u);
  EXPECT_EQ(tasks_.List(admin_, TaskView::kActive)->size(), 2u);
  EXPECT_TRUE(tasks_.List(admin_, TaskView::kDueSoon)->empty());  // 10 days left
  clock_.Advance(std::chrono::days(3));
  EXPECT_EQ(tasks_.List(admin_, TaskView::kDueSoon)->size(), 2u);  // 7 days left
  clock_.Advance(std::chrono::days(-3));
  EXPECT_TRUE(tasks_.List(admin_, TaskView::kOverdue)->empty());

  // The officer reports; cancelling is the standing office's.
  EXPECT_EQ(tasks_.Report(officer_, ids[0], {"Hủy", "cancelled", 0}).code(),
            base::StatusCode::kPermissionDenied);
  ASSERT_TRUE(tasks_.Report(officer_, ids[0], {"Đã rà soát 3 trang", "in_progress", 60}).ok());
  ASSERT_TRUE(tasks_.Report(officer_, ids[0], {"Xong", "done", 10}).ok());
  mine = tasks_.Get(officer_, ids[0]).value();
  EXPECT_EQ(mine.row.task.status, domain::TaskStatus::kDone);
  EXPECT_EQ(mine.row.task.progress, 100);  // done means 100%
  ASSERT_EQ(mine.updates.size(), 2u);
  EXPECT_EQ(mine.updates[0].author, "user2");
  EXPECT_EQ(tasks_.Report(officer_, ids[1], {"x", "done", 0}),
            base::NotFoundError("task 2: not found"));

  // Eleven days on, the other unit's task is overdue.
  clock_.Advance(std::chrono::days(11));
  std::vector<TaskRow> late = tasks_.List(admin_, TaskView::kOverdue).value();
  ASSERT_EQ(late.size(), 1u);
  EXPECT_EQ(late[0].task.unit_code, "nghia-lo");
  EXPECT_TRUE(late[0].overdue);
  EXPECT_EQ(late[0].days_left, -1);
  // 2 created + 2 progress reports.
  EXPECT_EQ(AuditCount(), 4);
}

TEST_F(PlanTest, OnlyTheStandingOfficeReopensACancelledTask) {
  const int64_t id = tasks_.Create(admin_, Input({"pho-minh"})).value()[0];
  ASSERT_TRUE(tasks_.Report(admin_, id, {"Không cần nữa", "cancelled", 0}).ok());
  EXPECT_EQ(tasks_.Report(officer_, id, {"Vẫn làm", "in_progress", 10}),
            base::PermissionDeniedError(
                "status: the standing office cancelled this task; only it can reopen it"));
  EXPECT_TRUE(tasks_.Report(admin_, id, {"Làm lại", "open", 0}).ok());
}

// A list longer than the store's largest page is read whole, in order, each task once.
TEST_F(PlanTest, AllTasksReadsPastOnePage) {
  auto tx = store_->Begin(store::TxMode::kReadWrite).value();
  for (int i = 0; i < 1005; ++i) {
    domain::Task t;
    t.title = "Nhiệm vụ " + std::to_string(i);
    t.unit_code = i % 2 ? "pho-minh" : "nghia-lo";
    t.responsible = "Trưởng Công an";
    t.expected_result = "Xong";
    t.due_on = i < 600 ? "2026-07-01" : i < 1002 ? "2026-07-02" : "2026-07-03";
    t.created_by = 1;
    t.created_at = t.updated_at = clock_.Now();
    ASSERT_TRUE(tx->Tasks().Create(t).ok());
  }
  std::vector<domain::Task> all = AllTasks(*tx, {}).value();
  ASSERT_EQ(all.size(), 1005u);
  for (size_t i = 1; i < all.size(); ++i) {
    ASSERT_LT(std::tie(all[i - 1].due_on, all[i - 1].id), std::tie(all[i].due_on, all[i].id));
  }
  store::TaskFilter one_unit;
  one_unit.unit_codes = {"pho-minh"};
  EXPECT_EQ(AllTasks(*tx, one_unit)->size(), 502u);
}

TEST_F(PlanTest, TaskFieldErrorsAreAllNamedAndNothingIsKept) {
  TaskInput bad = Input({"pho-minh", "no-such-unit"});
  bad.title = " ";
  bad.due_on = "30/06/2026";
  base::Status s = tasks_.Create(admin_, bad).status();
  EXPECT_EQ(s.code(), base::StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("units: no such unit 'no-such-unit'"));
  EXPECT_THAT(s.message(), HasSubstr("title: must not be empty"));
  EXPECT_THAT(s.message(), HasSubstr("due_on: must be a date YYYY-MM-DD"));
  EXPECT_TRUE(tasks_.List(admin_, TaskView::kAll)->empty());
  EXPECT_THAT(tasks_.Create(admin_, Input({})).status().message(),
              HasSubstr("units: choose at least one unit"));
  const int64_t id = tasks_.Create(admin_, Input({"pho-minh"})).value()[0];
  EXPECT_THAT(tasks_.Report(admin_, id, {"", "finished", 0}).message(),
              HasSubstr("status: must be open, in_progress, done or cancelled"));
  TaskInput edit = Input({"nghia-lo"});
  edit.due_on = "2026-07-15";
  ASSERT_TRUE(tasks_.Edit(admin_, id, edit).ok());
  EXPECT_EQ(tasks_.Get(admin_, id)->row.task.unit_code, "nghia-lo");
  EXPECT_EQ(tasks_.Edit(officer_, id, edit).code(), base::StatusCode::kPermissionDenied);
}

TEST_F(PlanTest, SelfAssessmentsAreScoredAndKeptAsHistory) {
  AssessmentInput in{"thpt-pho-minh", {}, "Sẽ bật xác thực hai lớp cho fanpage."};
  for (const domain::ChecklistItem& item : domain::CurrentChecklist().items) {
    in.answers[std::string(item.key)] = "yes";
  }
  in.answers["two_factor"] = "no";  // weight 3 of 25
  in.answers["backup_restore"] = "";
  in.answers["made_up"] = "yes";
  base::Status s = assessments_.Submit(officer_, in).status();
  EXPECT_THAT(s.message(), HasSubstr("answers.backup_restore: answer every question"));
  EXPECT_THAT(s.message(), HasSubstr("answers.made_up: no such question"));
  in.answers.erase("made_up");
  in.answers["backup_restore"] = "na";  // weight 2 left out: 20 of 23
  domain::SelfAssessment a = assessments_.Submit(officer_, in).value();
  EXPECT_EQ(a.score, 870);
  EXPECT_EQ(assessments_.Submit(other_, in).status(),
            base::PermissionDeniedError("unit: outside your unit"));
  clock_.Advance(std::chrono::days(30));
  in.answers["two_factor"] = "yes";
  EXPECT_EQ(assessments_.Submit(officer_, in)->score, 1000);
  std::vector<domain::SelfAssessment> history =
      assessments_.History(officer_, "thpt-pho-minh").value();
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].score, 1000);  // newest first
  EXPECT_EQ(assessments_.Get(other_, a.id).status().code(), base::StatusCode::kNotFound);
  std::vector<UnitAssessmentRow> rows = assessments_.Overview(officer_).value();
  ASSERT_EQ(rows.size(), 2u);  // pho-minh and its school
  EXPECT_EQ(rows[0].unit_code, "pho-minh");
  EXPECT_FALSE(rows[0].latest.has_value());
  EXPECT_EQ(rows[1].latest->score, 1000);
  EXPECT_EQ(assessments_.Overview(admin_)->size(), 4u);
}

TEST_F(PlanTest, BudgetIsKeptByFinanceAndReadByTheStandingOffice) {
  BudgetLineInput line{"2026",       "pho-minh", "Tập huấn nhận diện lừa đảo", "Ngân sách thị xã",
                       "10.000.000", ""};
  EXPECT_EQ(budget_.CreateLine(admin_, line).status().code(), base::StatusCode::kPermissionDenied);
  const int64_t id = budget_.CreateLine(finance_, line).value();
  line.unit = "";
  line.activity = "In tờ rơi";
  line.allocated = "2,000,000";
  ASSERT_TRUE(budget_.CreateLine(finance_, line).ok());
  ASSERT_TRUE(budget_.Spend(finance_, id, {"2026-03-02", "2.500.000", "Tài liệu", "HĐ 12"}).ok());
  base::Status over =
      budget_.Spend(finance_, id, {"2026-03-03", "7.500.001", "Hội trường", ""}).status();
  EXPECT_THAT(over.message(), HasSubstr("amount: more than the 7.500.000 đ left on this line"));
  BudgetYear year = budget_.Year(admin_, 2026).value();
  ASSERT_EQ(year.lines.size(), 2u);
  EXPECT_EQ(year.lines[0].unit_name, kTownBudgetName);  // the town's own line first
  EXPECT_EQ(year.lines[1].remaining, 7'500'000);
  EXPECT_EQ(year.allocated, 12'000'000);
  EXPECT_EQ(year.spent, 2'500'000);
  EXPECT_EQ(budget_.Year(officer_, 2026).status().code(), base::StatusCode::kPermissionDenied);
  BudgetLineInput smaller{"2026", "pho-minh", "Tập huấn", "", "1.000.000", ""};
  EXPECT_EQ(budget_.EditLine(finance_, id, smaller),
            base::InvalidArgumentError("allocated: 2.500.000 đ have been spent already"));
  std::vector<domain::Spending> spent = budget_.SpendingOf(admin_, id).value();
  ASSERT_EQ(spent.size(), 1u);
  ASSERT_TRUE(budget_.RemoveSpending(finance_, id, spent[0].id).ok());
  EXPECT_EQ(budget_.Line(finance_, id)->spent, 0);
  EXPECT_EQ(budget_.RemoveSpending(finance_, id, spent[0].id).code(), base::StatusCode::kNotFound);
  EXPECT_THAT(
      budget_.CreateLine(finance_, {"20x6", "nowhere", "", "", "abc", ""}).status().message(),
      HasSubstr("year: must be a year 2000..2999\nunit: no such unit"));
}

TEST(VndTest, FormatsAndParses) {
  EXPECT_EQ(FormatVnd(0), "0");
  EXPECT_EQ(FormatVnd(1234567), "1.234.567");
  EXPECT_EQ(FormatVnd(-1500), "-1.500");
  EXPECT_EQ(ParseVnd("5.000.000"), 5'000'000);
  EXPECT_EQ(ParseVnd(" 5,000,000 "), 5'000'000);
  EXPECT_EQ(ParseVnd("5 000 000"), 5'000'000);
  EXPECT_FALSE(ParseVnd("5tr").has_value());
  EXPECT_FALSE(ParseVnd("").has_value());
  EXPECT_FALSE(ParseVnd("10000000000001").has_value());
}

}  // namespace
}  // namespace binhyen::service
