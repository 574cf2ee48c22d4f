// Conformance of the programme's plan (migration 0014), part two: BudgetRepository and
// ReviewRepository. Every test runs against SQLite and, when BINHYEN_TEST_POSTGRES_URL is set,
// PostgreSQL (store_conformance_fixture.h).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "store/store_conformance_plan_fixture.h"

namespace binhyen::store::testing {
namespace {

using domain::RewardSubject;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

class PlanBudgetConformance : public PlanConformanceTest {};

// ---------------------------------------------------------------------------------------------
// Budget

TEST_P(PlanBudgetConformance, BudgetLinesRoundTripTotalsAndFilters) {
  std::vector<domain::BudgetLine> lines = {Line(2026, "p2", 5'000'000), Line(2026, "", 20'000'000),
                                           Line(2026, "p1", 10'000'000), Line(2025, "p1", 1),
                                           Line(2026, "", domain::kMaxVnd)};
  auto tx = Begin();
  for (auto& l : lines) {
    auto id = tx->Budget().CreateLine(l);
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    l.id = *id;
  }
  for (auto [line, amount] : std::vector<std::pair<size_t, int64_t>>{
           {2, 1'500'000}, {2, 250'000}, {1, domain::kMaxVnd}, {2, 3}}) {
    ASSERT_TRUE(tx->Budget().AddSpending(Spent(lines[line].id, "2026-02-01", amount)).ok());
  }
  ASSERT_TRUE(tx->Commit().ok());

  auto read = Begin(TxMode::kReadOnly);
  EXPECT_EQ(read->Budget().GetLine(lines[2].id).value(), (BudgetLineTotals{lines[2], 1'750'003}));
  EXPECT_EQ(read->Budget().GetLine(lines[1].id).value(),
            (BudgetLineTotals{lines[1], domain::kMaxVnd}));
  EXPECT_EQ(read->Budget().GetLine(lines[0].id).value(), (BudgetLineTotals{lines[0], 0}));
  EXPECT_EQ(read->Budget().GetLine(999).status(),
            base::NotFoundError("budget line 999: not found"));
  // The town's lines ("") first, then by unit code, then id.
  EXPECT_EQ(read->Budget().Lines(2026, {}).value(),
            (std::vector<BudgetLineTotals>{
                {lines[1], domain::kMaxVnd}, {lines[4], 0}, {lines[2], 1'750'003}, {lines[0], 0}}));
  const std::vector<std::string> town = {""};
  EXPECT_THAT(LineIds(read->Budget().Lines(2026, town).value()),
              ElementsAre(lines[1].id, lines[4].id));
  const std::vector<std::string> p2_and_town = {"p2", ""};
  EXPECT_THAT(LineIds(read->Budget().Lines(2026, p2_and_town).value()),
              ElementsAre(lines[1].id, lines[4].id, lines[0].id));
  const std::vector<std::string> p1 = {"p1"};
  EXPECT_THAT(LineIds(read->Budget().Lines(2026, p1).value()), ElementsAre(lines[2].id));
  EXPECT_THAT(LineIds(read->Budget().Lines(2025, {}).value()), ElementsAre(lines[3].id));
  EXPECT_THAT(read->Budget().Lines(2024, {}).value(), IsEmpty());
}

TEST_P(PlanBudgetConformance, BudgetLineUpdateAndErrors) {
  domain::BudgetLine l = Line(2026, "p1", 100);
  l.id = InTx([&](Transaction& tx) { return tx.Budget().CreateLine(l).value_or(0); });
  auto tx = Begin();
  domain::BudgetLine changed = l;
  changed.year = 2027;
  changed.unit_code = "";  // now the town's
  changed.activity = "Tuyên truyền";
  changed.source = "";
  changed.allocated = 0;
  changed.note = "";
  changed.updated_at = U(60, 6);
  domain::BudgetLine sent = changed;
  sent.created_by = other_user_;
  sent.created_at = T(999);
  ASSERT_TRUE(tx->Budget().UpdateLine(sent).ok());
  EXPECT_EQ(tx->Budget().GetLine(l.id)->line, changed);
  changed.unit_code = "p2";
  ASSERT_TRUE(tx->Budget().UpdateLine(changed).ok());
  EXPECT_EQ(tx->Budget().GetLine(l.id)->line, changed);

  domain::BudgetLine bad = changed;
  bad.id = 999;
  EXPECT_EQ(tx->Budget().UpdateLine(bad), base::NotFoundError("budget line 999: not found"));
  bad.id = l.id;
  bad.unit_code = "nowhere";
  EXPECT_EQ(tx->Budget().UpdateLine(bad), base::NotFoundError("unit 'nowhere': not found"));
  EXPECT_EQ(tx->Budget().CreateLine(bad).status(),
            base::NotFoundError("unit 'nowhere': not found"));
  bad = Line(1999, "p1", 1);
  EXPECT_EQ(tx->Budget().CreateLine(bad).status(),
            base::InvalidArgumentError("year: must be 2000..2999"));
  bad = Line(2026, "p1", domain::kMaxVnd + 1);
  EXPECT_EQ(tx->Budget().UpdateLine(bad),
            base::InvalidArgumentError("allocated: must be 0..10000000000000"));
  bad = Line(2026, "", 1);
  bad.activity = "";
  EXPECT_EQ(tx->Budget().CreateLine(bad).status(),
            base::InvalidArgumentError("activity: must not be empty"));
  bad = Line(2026, "", 1);
  bad.created_by = 999;
  EXPECT_EQ(tx->Budget().CreateLine(bad).status(), base::NotFoundError("user 999: not found"));
  ASSERT_TRUE(tx->Commit().ok());
  auto read = Begin(TxMode::kReadOnly);
  EXPECT_EQ(read->Budget().GetLine(l.id)->line, changed);
  EXPECT_THAT(LineIds(read->Budget().Lines(2027, {}).value()), ElementsAre(l.id));
  EXPECT_THAT(read->Budget().Lines(2026, {}).value(), IsEmpty());
}

TEST_P(PlanBudgetConformance, SpendingOrderBoundsAndRemoval) {
  const auto [a, b] = InTx([&](Transaction& tx) {
    return std::pair(tx.Budget().CreateLine(Line(2026, "p1", 100'000'000)).value_or(0),
                     tx.Budget().CreateLine(Line(2026, "", 100'000'000)).value_or(0));
  });
  std::vector<domain::Spending> made;
  auto tx = Begin();
  for (auto [line, day, amount] :
       std::vector<std::tuple<int64_t, std::string, int64_t>>{{a, "2026-03-31", 300},
                                                              {a, "2026-01-31", 100},
                                                              {b, "2026-02-01", 200},
                                                              {a, "2026-02-01", 250},
                                                              {b, "2026-04-01", 400}}) {
    domain::Spending s = Spent(line, day, amount);
    auto id = tx->Budget().AddSpending(s);
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    s.id = *id;
    made.push_back(s);
  }
  EXPECT_EQ(tx->Budget().AddSpending(Spent(999, "2026-01-01", 1)).status(),
            base::NotFoundError("budget line 999: not found"));
  domain::Spending bad = Spent(a, "2026-01-01", 1);
  bad.recorded_by = 999;
  EXPECT_EQ(tx->Budget().AddSpending(bad).status(), base::NotFoundError("user 999: not found"));
  EXPECT_EQ(tx->Budget().AddSpending(Spent(a, "2026-1-01", 1)).status(),
            base::InvalidArgumentError("spent_on: must be YYYY-MM-DD"));
  EXPECT_EQ(tx->Budget().AddSpending(Spent(a, "2026-01-01", 0)).status(),
            base::InvalidArgumentError("amount: must be 1..10000000000000"));
  bad = Spent(a, "2026-01-01", 1);
  bad.description = "";
  EXPECT_EQ(tx->Budget().AddSpending(bad).status(),
            base::InvalidArgumentError("description: must not be empty"));
  ASSERT_TRUE(tx->Commit().ok());

  auto read = Begin(TxMode::kReadOnly);
  EXPECT_EQ(read->Budget().SpendingOf(a).value(),
            (std::vector<domain::Spending>{made[1], made[3], made[0]}));
  EXPECT_EQ(read->Budget().GetLine(a)->spent, 650);
  // Both bounds included, every line.
  EXPECT_THAT(Ids(read->Budget().SpendingBetween("2026-02-01", "2026-03-31").value()),
              ElementsAre(made[2].id, made[3].id, made[0].id));
  EXPECT_THAT(Ids(read->Budget().SpendingBetween("2026-01-31", "2026-01-31").value()),
              ElementsAre(made[1].id));
  EXPECT_THAT(read->Budget().SpendingBetween("2026-05-01", "2026-12-31").value(), IsEmpty());
  read.reset();

  auto write = Begin();
  const std::string missing = "spending " + std::to_string(made[2].id) + ": not found";
  EXPECT_EQ(write->Budget().RemoveSpending(a, made[2].id), base::NotFoundError(missing));
  EXPECT_EQ(write->Budget().RemoveSpending(a, 999), base::NotFoundError("spending 999: not found"));
  ASSERT_TRUE(write->Budget().RemoveSpending(a, made[0].id).ok());
  EXPECT_EQ(write->Budget().RemoveSpending(a, made[0].id),
            base::NotFoundError("spending " + std::to_string(made[0].id) + ": not found"));
  ASSERT_TRUE(write->Commit().ok());
  auto after = Begin(TxMode::kReadOnly);
  EXPECT_THAT(Ids(after->Budget().SpendingOf(a).value()), ElementsAre(made[1].id, made[3].id));
  EXPECT_THAT(Ids(after->Budget().SpendingOf(b).value()), ElementsAre(made[2].id, made[4].id));
  EXPECT_EQ(after->Budget().GetLine(a)->spent, 350);
  EXPECT_EQ(after->Budget().GetLine(b)->spent, 600);
}

// ---------------------------------------------------------------------------------------------
// Reviews

TEST_P(PlanBudgetConformance, ReviewRoundTripUpdateAndList) {
  std::vector<domain::Review> made;
  auto tx = Begin();
  for (base::TimePoint at : {U(10, 1), U(30, 3), U(20, 2), U(30, 3)}) {
    domain::Review r = Review(at);
    auto id = tx->Reviews().Create(r);
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    r.id = *id;
    made.push_back(r);
  }
  EXPECT_EQ(tx->Reviews().Get(made[0].id).value(), made[0]);
  domain::Review changed = made[0];
  changed.kind = domain::ReviewKind::kAnnual;
  changed.title = "Tổng kết năm 2026";
  changed.from = "2026-01-01";
  changed.to = "2026-12-31";
  changed.superior_body = "";
  changed.issuing_body = "BCĐ";
  changed.number = "";
  changed.place = "Quảng Ngãi";
  changed.report_date = "2027-01-10";
  changed.signer_authority = "";
  changed.signer_position = "PHÓ TRƯỞNG BAN";
  changed.signer_name = "Trần Thị B";
  changed.recipients = "";
  changed.updated_at = U(70, 7);
  domain::Review sent = changed;
  sent.created_by = other_user_;
  sent.created_at = T(999);
  ASSERT_TRUE(tx->Reviews().Update(sent).ok());
  ASSERT_TRUE(tx->Commit().ok());

  auto read = Begin(TxMode::kReadOnly);
  EXPECT_EQ(read->Reviews().Get(made[0].id).value(), changed);
  EXPECT_EQ(read->Reviews().Get(made[1].id).value(), made[1]);
  EXPECT_THAT(Ids(read->Reviews().List(10).value()),
              ElementsAre(made[3].id, made[1].id, made[2].id, made[0].id));
  EXPECT_THAT(Ids(read->Reviews().List(2).value()), ElementsAre(made[3].id, made[1].id));
  EXPECT_EQ(read->Reviews().List(0).status(),
            base::InvalidArgumentError("limit: must be in 1..1000"));
  EXPECT_EQ(read->Reviews().Get(999).status(), base::NotFoundError("review 999: not found"));
}

TEST_P(PlanBudgetConformance, ReviewErrors) {
  auto tx = Begin();
  domain::Review r = Review(T(1));
  r.to = "2025-12-31";
  EXPECT_EQ(tx->Reviews().Create(r).status(),
            base::InvalidArgumentError("to: must not be before from"));
  r = Review(T(1));
  r.issuing_body = "";
  EXPECT_EQ(tx->Reviews().Create(r).status(),
            base::InvalidArgumentError("issuing_body: must not be empty"));
  r = Review(T(1));
  r.place = "";
  EXPECT_EQ(tx->Reviews().Create(r).status(),
            base::InvalidArgumentError("place: must not be empty"));
  r = Review(T(1));
  r.created_by = 999;
  EXPECT_EQ(tx->Reviews().Create(r).status(), base::NotFoundError("user 999: not found"));
  r = Review(T(1));
  r.id = 999;
  EXPECT_EQ(tx->Reviews().Update(r), base::NotFoundError("review 999: not found"));
  ASSERT_TRUE(tx->Commit().ok());
  auto read = Begin(TxMode::kReadOnly);
  EXPECT_THAT(read->Reviews().List(10).value(), IsEmpty());
}

TEST_P(PlanBudgetConformance, ReplaceProposalsOrderAndNoEffectOnError) {
  const auto [review, other] = InTx([&](Transaction& tx) {
    return std::pair(tx.Reviews().Create(Review(T(1))).value_or(0),
                     tx.Reviews().Create(Review(T(2))).value_or(0));
  });
  std::vector<domain::RewardProposal> first = {
      Proposal(RewardSubject::kChannel, 1, "Nhóm Zalo khu phố 3"),
      Proposal(RewardSubject::kUnit, 2, "Phường Nguyễn Nghiêm"),
      Proposal(RewardSubject::kPerson, 1, "Nguyễn Văn C"),
      Proposal(RewardSubject::kUnit, 1, "Phường Phổ Ninh")};
  auto tx = Begin();
  auto ids = tx->Reviews().ReplaceProposals(review, first);
  ASSERT_TRUE(ids.ok()) << ids.status().ToString();
  ASSERT_EQ(ids->size(), 4u);
  std::vector<domain::RewardProposal> expected = first;
  for (size_t i = 0; i < expected.size(); ++i) {
    expected[i].id = (*ids)[i];
    expected[i].review_id = review;
  }
  // Unit, person, channel; then rank, then id.
  EXPECT_EQ(
      tx->Reviews().Proposals(review).value(),
      (std::vector<domain::RewardProposal>{expected[3], expected[1], expected[2], expected[0]}));
  EXPECT_THAT(tx->Reviews().Proposals(other).value(), IsEmpty());

  std::vector<domain::RewardProposal> second = {Proposal(RewardSubject::kPerson, 1, "Lê Thị D"),
                                                Proposal(RewardSubject::kPerson, 1, "Phạm E")};
  auto new_ids = tx->Reviews().ReplaceProposals(review, second);
  ASSERT_TRUE(new_ids.ok()) << new_ids.status().ToString();
  EXPECT_THAT(Ids(tx->Reviews().Proposals(review).value()),
              ElementsAre((*new_ids)[0], (*new_ids)[1]));

  std::vector<domain::RewardProposal> bad = second;
  bad[1].subject_name = "";
  EXPECT_EQ(tx->Reviews().ReplaceProposals(review, bad).status(),
            base::InvalidArgumentError("proposals[1].subject_name: must not be empty"));
  bad = second;
  bad[0].rank = 0;
  EXPECT_EQ(tx->Reviews().ReplaceProposals(review, bad).status(),
            base::InvalidArgumentError("proposals[0].rank: must be >= 1"));
  bad = second;
  bad[1].updated_by = 999;
  EXPECT_EQ(tx->Reviews().ReplaceProposals(review, bad).status(),
            base::NotFoundError("user 999: not found"));
  EXPECT_EQ(tx->Reviews().ReplaceProposals(999, second).status(),
            base::NotFoundError("review 999: not found"));
  ASSERT_TRUE(tx->Commit().ok());
  auto read = Begin(TxMode::kReadOnly);
  EXPECT_THAT(Ids(read->Reviews().Proposals(review).value()),
              ElementsAre((*new_ids)[0], (*new_ids)[1]));
  EXPECT_EQ(read->Reviews().Proposals(review)->at(1).subject_name, "Phạm E");
  read.reset();

  auto clear = Begin();
  EXPECT_THAT(clear->Reviews().ReplaceProposals(review, {}).value(), IsEmpty());
  EXPECT_THAT(clear->Reviews().Proposals(review).value(), IsEmpty());
}

TEST_P(PlanBudgetConformance, AddAndUpdateProposal) {
  const auto [review, other] = InTx([&](Transaction& tx) {
    return std::pair(tx.Reviews().Create(Review(T(1))).value_or(0),
                     tx.Reviews().Create(Review(T(2))).value_or(0));
  });
  auto tx = Begin();
  domain::RewardProposal p = Proposal(RewardSubject::kUnit, 3, "Phường Phổ Văn");
  p.review_id = review;
  auto id = tx->Reviews().AddProposal(p);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  p.id = *id;
  EXPECT_THAT(tx->Reviews().Proposals(review).value(), ElementsAre(p));

  domain::RewardProposal changed = p;
  changed.subject = RewardSubject::kChannel;
  changed.subject_ref = "";
  changed.subject_name = "Trang Facebook Công an phường";
  changed.unit_code = "";
  changed.rank = 1;
  changed.basis = "";
  changed.reason = "Đăng lại 40 cảnh báo";
  changed.award = "";
  changed.included = false;
  changed.manual = true;
  changed.updated_by = other_user_;
  changed.updated_at = U(80, 8);
  ASSERT_TRUE(tx->Reviews().UpdateProposal(changed).ok());
  EXPECT_THAT(tx->Reviews().Proposals(review).value(), ElementsAre(changed));

  domain::RewardProposal elsewhere = changed;
  elsewhere.review_id = other;  // another review's proposal: not found
  elsewhere.subject_name = "X";
  EXPECT_EQ(tx->Reviews().UpdateProposal(elsewhere),
            base::NotFoundError("reward proposal " + std::to_string(p.id) + ": not found"));
  elsewhere = changed;
  elsewhere.id = 999;
  EXPECT_EQ(tx->Reviews().UpdateProposal(elsewhere),
            base::NotFoundError("reward proposal 999: not found"));
  elsewhere = changed;
  elsewhere.rank = 0;
  EXPECT_EQ(tx->Reviews().UpdateProposal(elsewhere),
            base::InvalidArgumentError("rank: must be >= 1"));
  elsewhere = changed;
  elsewhere.updated_by = 999;
  EXPECT_EQ(tx->Reviews().UpdateProposal(elsewhere), base::NotFoundError("user 999: not found"));
  domain::RewardProposal nowhere = p;
  nowhere.review_id = 999;
  EXPECT_EQ(tx->Reviews().AddProposal(nowhere).status(),
            base::NotFoundError("review 999: not found"));
  nowhere.review_id = review;
  nowhere.award = std::string(301, 'x');
  EXPECT_EQ(tx->Reviews().AddProposal(nowhere).status(),
            base::InvalidArgumentError("award: must be at most 300 bytes"));
  ASSERT_TRUE(tx->Commit().ok());
  auto read = Begin(TxMode::kReadOnly);
  EXPECT_THAT(read->Reviews().Proposals(review).value(), ElementsAre(changed));
  EXPECT_THAT(read->Reviews().Proposals(other).value(), IsEmpty());
}

INSTANTIATE_TEST_SUITE_P(Backends, PlanBudgetConformance,
                         ::testing::ValuesIn(ConformanceBackends()),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace binhyen::store::testing
