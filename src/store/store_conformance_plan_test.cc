// Conformance of the programme's plan (migration 0014), part one: TaskRepository,
// SelfAssessmentRepository, read-only transactions refusing every write method of the plan, and
// the schema's CHECK constraints. Budget and reviews: store_conformance_plan_budget_test.cc.
// Every test runs against SQLite and, when BINHYEN_TEST_POSTGRES_URL is set, PostgreSQL
// (store_conformance_fixture.h).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "store/store_conformance_plan_fixture.h"

namespace binhyen::store::testing {
namespace {

using domain::AssessmentAnswer;
using domain::RewardSubject;
using domain::TaskStatus;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

const base::Status kReadOnly = base::FailedPreconditionError("transaction: read-only");

class PlanConformance : public PlanConformanceTest {};

// ---------------------------------------------------------------------------------------------
// Tasks

TEST_P(PlanConformance, TaskRoundTripAndUpdate) {
  domain::Task t = Task("p1", "2026-03-31");
  t.id = AddTask(t);
  domain::Task done = Task("p2", "2026-04-01", TaskStatus::kDone);
  done.id = AddTask(done);
  auto tx = Begin();
  EXPECT_EQ(tx->Tasks().Get(t.id).value(), t);
  EXPECT_EQ(tx->Tasks().Get(done.id).value(), done);

  domain::Task changed = t;
  changed.title = "Bật xác thực hai lớp";
  changed.description = "";
  changed.unit_code = "town";
  changed.responsible = "Chánh Văn phòng";
  changed.expected_result = "100% tài khoản";
  changed.due_on = "2026-12-31";
  changed.status = TaskStatus::kDone;
  changed.progress = 100;
  changed.updated_at = U(50, 1);
  changed.done_at = U(50, 1);
  domain::Task sent = changed;
  sent.created_by = other_user_;  // ignored by Update
  sent.created_at = T(999);       // ignored by Update
  ASSERT_TRUE(tx->Tasks().Update(sent).ok());
  EXPECT_EQ(tx->Tasks().Get(t.id).value(), changed);
  changed.status = TaskStatus::kCancelled;
  changed.done_at = std::nullopt;
  ASSERT_TRUE(tx->Tasks().Update(changed).ok());
  ASSERT_TRUE(tx->Commit().ok());

  auto read = Begin(TxMode::kReadOnly);
  EXPECT_EQ(read->Tasks().Get(t.id).value(), changed);
  EXPECT_EQ(read->Tasks().Get(999).status(), base::NotFoundError("task 999: not found"));
}

TEST_P(PlanConformance, TaskErrorsNameTheFieldAndHaveNoEffect) {
  const int64_t id = AddTask(Task("p1", "2026-03-31"));
  auto tx = Begin();
  domain::Task t = Task("p1", "2026-03-31");
  t.title = "";
  EXPECT_EQ(tx->Tasks().Create(t).status(), base::InvalidArgumentError("title: must not be empty"));
  t = Task("p1", "2026-02-30");
  EXPECT_EQ(tx->Tasks().Create(t).status(),
            base::InvalidArgumentError("due_on: must be YYYY-MM-DD"));
  t = Task("p1", "2026-03-31");
  t.progress = 101;
  EXPECT_EQ(tx->Tasks().Create(t).status(), base::InvalidArgumentError("progress: must be 0..100"));
  t.progress = 0;
  t.done_at = T(1);
  EXPECT_EQ(tx->Tasks().Create(t).status(),
            base::InvalidArgumentError("done_at: set only when done"));
  t = Task("nowhere", "2026-03-31");
  EXPECT_EQ(tx->Tasks().Create(t).status(), base::NotFoundError("unit 'nowhere': not found"));
  t = Task("p1", "2026-03-31");
  t.created_by = 999;
  EXPECT_EQ(tx->Tasks().Create(t).status(), base::NotFoundError("user 999: not found"));

  domain::Task update = Task("p2", "2026-05-01");
  update.id = 999;
  EXPECT_EQ(tx->Tasks().Update(update), base::NotFoundError("task 999: not found"));
  update.id = id;
  update.unit_code = "nowhere";
  EXPECT_EQ(tx->Tasks().Update(update), base::NotFoundError("unit 'nowhere': not found"));
  update.unit_code = "p2";
  update.responsible = "";
  EXPECT_EQ(tx->Tasks().Update(update),
            base::InvalidArgumentError("responsible: must not be empty"));
  // Still usable, and none of the failed calls left anything behind.
  const int64_t second = tx->Tasks().Create(Task("p2", "2026-01-01")).value_or(0);
  ASSERT_TRUE(tx->Commit().ok());
  auto read = Begin(TxMode::kReadOnly);
  EXPECT_THAT(Ids(read->Tasks().List({}).value()), ElementsAre(second, id));
  EXPECT_EQ(read->Tasks().Get(id).value(), [&] {
    domain::Task original = Task("p1", "2026-03-31");
    original.id = id;
    return original;
  }());
}

TEST_P(PlanConformance, TaskListOrderAndFilters) {
  const int64_t a = AddTask(Task("p1", "2026-03-10"));
  domain::Task b_task = Task("p2", "2026-01-05", TaskStatus::kInProgress);
  const int64_t b = AddTask(b_task);
  const int64_t c = AddTask(Task("p1", "2026-01-05", TaskStatus::kDone));
  const int64_t d = AddTask(Task("town", "2026-06-30", TaskStatus::kCancelled));
  auto read = Begin(TxMode::kReadOnly);
  auto list = [&](TaskFilter f) { return Ids(read->Tasks().List(f).value()); };
  EXPECT_THAT(list({}), ElementsAre(b, c, a, d));
  EXPECT_THAT(list({.unit_codes = {"p1"}}), ElementsAre(c, a));
  EXPECT_THAT(list({.unit_codes = {"p2", "p1", "p2"}}), ElementsAre(b, c, a));
  EXPECT_THAT(list({.unit_codes = {"nowhere"}}), IsEmpty());
  EXPECT_THAT(list({.statuses = {TaskStatus::kOpen, TaskStatus::kInProgress}}), ElementsAre(b, a));
  EXPECT_THAT(list({.statuses = {TaskStatus::kCancelled}}), ElementsAre(d));
  EXPECT_THAT(list({.due_before = "2026-03-10"}), ElementsAre(b, c));
  EXPECT_THAT(list({.due_from = "2026-03-10"}), ElementsAre(a, d));
  EXPECT_THAT(list({.due_before = "2026-06-30", .due_from = "2026-01-06"}), ElementsAre(a));
  EXPECT_THAT(
      list({.unit_codes = {"p1", "town"}, .statuses = {TaskStatus::kDone, TaskStatus::kCancelled}}),
      ElementsAre(c, d));
  EXPECT_THAT(list({.limit = 2}), ElementsAre(b, c));
  EXPECT_THAT(list({.unit_codes = {"town", "p1"}, .limit = 2}), ElementsAre(c, a));
  EXPECT_THAT(list({.limit = 1000}), ElementsAre(b, c, a, d));
  EXPECT_EQ(read->Tasks().List({.limit = 0}).status(),
            base::InvalidArgumentError("limit: must be in 1..1000"));
  EXPECT_EQ(read->Tasks().List({.limit = 1001}).status(),
            base::InvalidArgumentError("limit: must be in 1..1000"));
  b_task.id = b;
  EXPECT_EQ(read->Tasks().List({.unit_codes = {"p2"}}).value(), std::vector<domain::Task>{b_task});
}

TEST_P(PlanConformance, AddUpdateSetsStatusProgressAndDoneAt) {
  domain::Task t = Task("p1", "2026-03-31");
  t.id = AddTask(t);
  auto tx = Begin();
  auto step = [&](TaskStatus status, int progress, base::TimePoint at) {
    auto id = tx->Tasks().AddUpdate(Progress(t.id, status, progress, at));
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return tx->Tasks().Get(t.id).value();
  };
  domain::Task now = step(TaskStatus::kInProgress, 40, U(100, 1));
  EXPECT_EQ(now.status, TaskStatus::kInProgress);
  EXPECT_EQ(now.progress, 40);
  EXPECT_EQ(now.updated_at, U(100, 1));
  EXPECT_EQ(now.done_at, std::nullopt);
  EXPECT_EQ(now.created_at, t.created_at);
  now = step(TaskStatus::kDone, 100, U(200, 2));  // becomes done
  EXPECT_EQ(now.status, TaskStatus::kDone);
  EXPECT_EQ(now.done_at, U(200, 2));
  now = step(TaskStatus::kDone, 100, U(300, 3));  // stays done: done_at kept
  EXPECT_EQ(now.done_at, U(200, 2));
  EXPECT_EQ(now.updated_at, U(300, 3));
  now = step(TaskStatus::kInProgress, 80, U(400, 4));  // leaves done
  EXPECT_EQ(now.status, TaskStatus::kInProgress);
  EXPECT_EQ(now.progress, 80);
  EXPECT_EQ(now.done_at, std::nullopt);
  now = step(TaskStatus::kOpen, 0, U(50, 5));  // an update dated earlier is listed first
  EXPECT_EQ(now.updated_at, U(50, 5));
  ASSERT_TRUE(tx->Commit().ok());

  auto read = Begin(TxMode::kReadOnly);
  auto updates = read->Tasks().Updates(t.id).value();
  ASSERT_EQ(updates.size(), 5u);
  domain::TaskUpdate first = Progress(t.id, TaskStatus::kOpen, 0, U(50, 5));
  first.id = updates[0].id;
  EXPECT_EQ(updates[0], first);
  domain::TaskUpdate second = Progress(t.id, TaskStatus::kInProgress, 40, U(100, 1));
  second.id = updates[1].id;
  EXPECT_EQ(updates[1], second);
  EXPECT_EQ(updates[4].created_at, U(400, 4));
  EXPECT_LT(updates[1].id, updates[2].id);
  EXPECT_THAT(read->Tasks().Updates(999).value(), IsEmpty());
}

TEST_P(PlanConformance, AddUpdateErrorsHaveNoEffect) {
  domain::Task t = Task("p1", "2026-03-31");
  t.id = AddTask(t);
  auto tx = Begin();
  EXPECT_EQ(tx->Tasks().AddUpdate(Progress(999, TaskStatus::kDone, 100, T(5))).status(),
            base::NotFoundError("task 999: not found"));
  domain::TaskUpdate u = Progress(t.id, TaskStatus::kDone, 100, T(5));
  u.author_id = 999;
  EXPECT_EQ(tx->Tasks().AddUpdate(u).status(), base::NotFoundError("user 999: not found"));
  u = Progress(t.id, TaskStatus::kDone, 100, T(5));
  u.text = "";
  EXPECT_EQ(tx->Tasks().AddUpdate(u).status(),
            base::InvalidArgumentError("text: must not be empty"));
  EXPECT_EQ(tx->Tasks().AddUpdate(Progress(t.id, TaskStatus::kDone, -1, T(5))).status(),
            base::InvalidArgumentError("progress: must be 0..100"));
  ASSERT_TRUE(tx->Commit().ok());
  auto read = Begin(TxMode::kReadOnly);
  EXPECT_THAT(read->Tasks().Updates(t.id).value(), IsEmpty());
  EXPECT_EQ(read->Tasks().Get(t.id).value(), t);
}

// ---------------------------------------------------------------------------------------------
// Self-assessments

TEST_P(PlanConformance, SelfAssessmentRoundTripHistoryAndLatest) {
  std::vector<domain::SelfAssessment> made;
  auto tx = Begin();
  for (auto [unit, at] : std::vector<std::pair<std::string, base::TimePoint>>{{"p1", U(100, 1)},
                                                                              {"p2", U(200, 2)},
                                                                              {"p1", U(300, 3)},
                                                                              {"town", U(50, 4)},
                                                                              {"p1", U(300, 3)}}) {
    domain::SelfAssessment a =
        Assessment(unit, at, made.size() % 2 ? AssessmentAnswer::kNo : AssessmentAnswer::kYes);
    auto id = tx->SelfAssessments().Create(a);
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    a.id = *id;
    made.push_back(a);
  }
  ASSERT_TRUE(tx->Commit().ok());

  auto read = Begin(TxMode::kReadOnly);
  for (const auto& a : made) EXPECT_EQ(read->SelfAssessments().Get(a.id).value(), a);
  EXPECT_EQ(read->SelfAssessments().Get(999).status(),
            base::NotFoundError("self-assessment 999: not found"));
  // Newest first; the two of the same time by id descending.
  EXPECT_THAT(Ids(read->SelfAssessments().History("p1", 10).value()),
              ElementsAre(made[4].id, made[2].id, made[0].id));
  EXPECT_THAT(Ids(read->SelfAssessments().History("p1", 1).value()), ElementsAre(made[4].id));
  EXPECT_THAT(read->SelfAssessments().History("nowhere", 5).value(), IsEmpty());
  EXPECT_EQ(read->SelfAssessments().History("p1", 0).status(),
            base::InvalidArgumentError("limit: must be in 1..1000"));
  EXPECT_EQ(read->SelfAssessments().History("p1", 1001).status(),
            base::InvalidArgumentError("limit: must be in 1..1000"));
  // Unit code ascending: p1, p2, town.
  EXPECT_EQ(read->SelfAssessments().LatestPerUnit(T(1000)).value(),
            (std::vector<domain::SelfAssessment>{made[4], made[1], made[3]}));
  // `before` is exclusive.
  EXPECT_THAT(Ids(read->SelfAssessments().LatestPerUnit(U(300, 3)).value()),
              ElementsAre(made[0].id, made[1].id, made[3].id));
  EXPECT_THAT(Ids(read->SelfAssessments().LatestPerUnit(U(200, 2)).value()),
              ElementsAre(made[0].id, made[3].id));
  EXPECT_THAT(read->SelfAssessments().LatestPerUnit(U(50, 4)).value(), IsEmpty());
}

TEST_P(PlanConformance, SelfAssessmentErrors) {
  auto tx = Begin();
  domain::SelfAssessment a = Assessment("p1", T(5));
  a.answers.resize(3);
  a.score = domain::Score(domain::CurrentChecklist(), a.answers);
  EXPECT_EQ(tx->SelfAssessments().Create(a).status(),
            base::InvalidArgumentError("answers: 3 given, the checklist has 12 items"));
  a = Assessment("p1", T(5));
  a.checklist_version = "1999-1";
  EXPECT_EQ(tx->SelfAssessments().Create(a).status(),
            base::InvalidArgumentError("checklist_version: unknown"));
  a = Assessment("p1", T(5));
  a.score += 1;
  EXPECT_EQ(tx->SelfAssessments().Create(a).status(),
            base::InvalidArgumentError("score: does not match the answers"));
  EXPECT_EQ(tx->SelfAssessments().Create(Assessment("nowhere", T(5))).status(),
            base::NotFoundError("unit 'nowhere': not found"));
  a = Assessment("p1", T(5));
  a.submitted_by = 999;
  EXPECT_EQ(tx->SelfAssessments().Create(a).status(), base::NotFoundError("user 999: not found"));
  ASSERT_TRUE(tx->Commit().ok());
  auto read = Begin(TxMode::kReadOnly);
  EXPECT_THAT(read->SelfAssessments().LatestPerUnit(T(1000)).value(), IsEmpty());
}

TEST_P(PlanConformance, UnreadableStoredAnswersAreInternal) {
  const int64_t id = InTx([&](Transaction& tx) {
    return tx.SelfAssessments().Create(Assessment("p1", T(5))).value_or(0);
  });
  ASSERT_TRUE(store_->ExecForTesting("UPDATE self_assessments SET answers = 'mfa:yes'").ok());
  auto read = Begin(TxMode::kReadOnly);
  EXPECT_EQ(read->SelfAssessments().Get(id).status(),
            base::InternalError("answers: unreadable value in the database"));
}

// ---------------------------------------------------------------------------------------------
// Read-only transactions and the schema

TEST_P(PlanConformance, ReadOnlyTransactionsRefuseEveryWrite) {
  const int64_t task = AddTask(Task("p1", "2026-03-31"));
  const auto [line, spending, review, proposal] = InTx([&](Transaction& tx) {
    const int64_t l = tx.Budget().CreateLine(Line(2026, "p1", 10)).value_or(0);
    const int64_t s = tx.Budget().AddSpending(Spent(l, "2026-01-01", 1)).value_or(0);
    const int64_t r = tx.Reviews().Create(Review(T(1))).value_or(0);
    domain::RewardProposal p = Proposal(RewardSubject::kUnit, 1, "A");
    p.review_id = r;
    const int64_t pid = tx.Reviews().AddProposal(p).value_or(0);
    return std::tuple(l, s, r, pid);
  });
  auto read = Begin(TxMode::kReadOnly);
  domain::Task t = Task("p1", "2026-03-31");
  t.id = task;
  EXPECT_EQ(read->Tasks().Create(t).status(), kReadOnly);
  EXPECT_EQ(read->Tasks().Update(t), kReadOnly);
  EXPECT_EQ(read->Tasks().AddUpdate(Progress(task, TaskStatus::kDone, 100, T(3))).status(),
            kReadOnly);
  EXPECT_EQ(read->SelfAssessments().Create(Assessment("p1", T(3))).status(), kReadOnly);
  domain::BudgetLine l = Line(2026, "p1", 10);
  l.id = line;
  EXPECT_EQ(read->Budget().CreateLine(l).status(), kReadOnly);
  EXPECT_EQ(read->Budget().UpdateLine(l), kReadOnly);
  EXPECT_EQ(read->Budget().AddSpending(Spent(line, "2026-01-02", 1)).status(), kReadOnly);
  EXPECT_EQ(read->Budget().RemoveSpending(line, spending), kReadOnly);
  domain::Review r = Review(T(1));
  r.id = review;
  EXPECT_EQ(read->Reviews().Create(r).status(), kReadOnly);
  EXPECT_EQ(read->Reviews().Update(r), kReadOnly);
  std::vector<domain::RewardProposal> proposals = {Proposal(RewardSubject::kUnit, 1, "B")};
  EXPECT_EQ(read->Reviews().ReplaceProposals(review, proposals).status(), kReadOnly);
  proposals[0].review_id = review;
  EXPECT_EQ(read->Reviews().AddProposal(proposals[0]).status(), kReadOnly);
  proposals[0].id = proposal;
  EXPECT_EQ(read->Reviews().UpdateProposal(proposals[0]), kReadOnly);
  // Not poisoned: reads still work, and nothing changed.
  EXPECT_EQ(read->Tasks().Get(task)->status, TaskStatus::kOpen);
  EXPECT_THAT(Ids(read->Budget().SpendingOf(line).value()), ElementsAre(spending));
  EXPECT_EQ(read->Reviews().Proposals(review)->at(0).subject_name, "A");
  EXPECT_TRUE(read->Commit().ok());
}

TEST_P(PlanConformance, SchemaChecksTheDomainRules) {
  const std::string user = std::to_string(user_);
  const std::string task =
      "INSERT INTO tasks (title, description, unit_code, responsible, expected_result, due_on, "
      "status, progress, created_by, created_at, updated_at, done_at) VALUES ('t', '', 'p1', "
      "'r', 'e', ";
  EXPECT_TRUE(
      store_->ExecForTesting(task + "'2026-01-01', 'open', 0, " + user + ", 1, 1, NULL)").ok());
  EXPECT_FALSE(store_->ExecForTesting(task + "'2026-01-01', 'done', 100, " + user + ", 1, 1, NULL)")
                   .ok());  // done without done_at
  EXPECT_FALSE(
      store_->ExecForTesting(task + "'2026-01-01', 'open', 101, " + user + ", 1, 1, NULL)").ok());
  EXPECT_FALSE(
      store_->ExecForTesting(task + "'1/1/2026', 'open', 0, " + user + ", 1, 1, NULL)").ok());
  EXPECT_FALSE(
      store_->ExecForTesting(task + "'2026-01-01', 'late', 0, " + user + ", 1, 1, NULL)").ok());
  const std::string line =
      "INSERT INTO budget_lines (year, unit_code, activity, source, allocated, note, created_by, "
      "created_at, updated_at) VALUES (2026, ";
  EXPECT_TRUE(store_->ExecForTesting(line + "NULL, 'a', '', 0, '', " + user + ", 1, 1)").ok());
  EXPECT_FALSE(store_->ExecForTesting(line + "'nowhere', 'a', '', 0, '', " + user + ", 1, 1)")
                   .ok());  // the unit must exist
  EXPECT_FALSE(store_->ExecForTesting(line + "NULL, 'a', '', -1, '', " + user + ", 1, 1)").ok());
  auto read = Begin(TxMode::kReadOnly);
  EXPECT_THAT(read->Tasks().List({}).value(), ::testing::SizeIs(1));
  EXPECT_THAT(read->Budget().Lines(2026, {}).value(), ::testing::SizeIs(1));
}

INSTANTIATE_TEST_SUITE_P(Backends, PlanConformance, ::testing::ValuesIn(ConformanceBackends()),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace binhyen::store::testing
