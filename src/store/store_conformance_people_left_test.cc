// Conformance of people who left their unit (migration 0012): marking and restoring, list
// filters, and what is chosen afterwards (campaign recipients, training invitees) while history
// stays. Every test runs against SQLite and, when BINHYEN_TEST_POSTGRES_URL is set, PostgreSQL
// (store_conformance_fixture.h).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store/store_conformance_fixture.h"

namespace binhyen::store::testing {
namespace {

std::vector<int64_t> Ids(const std::vector<domain::Person>& people) {
  std::vector<int64_t> out;
  for (const domain::Person& p : people) out.push_back(p.id);
  return out;
}

class PeopleLeftConformance : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    auto tx = Begin();
    ASSERT_TRUE(tx->Units().Create({"town", "Thị trấn", domain::UnitKind::kWard, "", T(0)}).ok());
    ASSERT_TRUE(tx->Units()
                    .Create({"school", "Trường THCS", domain::UnitKind::kSchool, "town", T(0)})
                    .ok());
    auto user = tx->Users().Create(MakeUser("pa", domain::Role::kProgrammeAdmin));
    ASSERT_TRUE(user.ok()) << user.status().ToString();
    user_ = *user;
    for (auto [unit, name] : {std::pair<const char*, const char*>{"town", "Lê Văn Ở Lại"},
                              {"school", "Trần Thị Nghỉ Hưu"},
                              {"school", "Phạm Văn Chuyển Đi"}}) {
      domain::Person p;
      p.unit_code = unit;
      p.name = name;
      p.created_at = T(1);
      auto id = tx->People().Create(p);
      ASSERT_TRUE(id.ok()) << id.status().ToString();
      people_.push_back(*id);
    }
    ASSERT_TRUE(tx->Commit().ok());
  }

  int64_t Campaign(std::vector<std::string> units, std::vector<int64_t> people) {
    domain::Campaign c;
    c.title = "Chỉ thị";
    c.body = "Nội dung";
    c.created_by = user_;
    c.created_at = T(10);
    c.target_units = std::move(units);
    c.target_people = std::move(people);
    auto tx = Begin();
    auto id = tx->Campaigns().Create(c);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    EXPECT_TRUE(tx->Commit().ok());
    return id.value_or(0);
  }

  int64_t Training(int start) {
    domain::Training t;
    t.title = "Tập huấn";
    t.starts_at = T(start);
    t.ends_at = T(start + 10);
    t.place = "Hội trường";
    t.trainer = "Cán bộ công an";
    t.invited_units = {"town"};
    t.created_by = user_;
    t.created_at = T(5);
    auto tx = Begin();
    auto id = tx->Trainings().Create(t);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    EXPECT_TRUE(tx->Commit().ok());
    return id.value_or(0);
  }

  void Leave(int64_t id, int at) {
    auto tx = Begin();
    ASSERT_TRUE(tx->ProgrammeConsole().MarkPersonLeft(id, T(at)).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }

  int64_t user_ = 0;
  std::vector<int64_t> people_;  // town, school, school
};

TEST_P(PeopleLeftConformance, MarkAndRestoreKeepTheRowAndRefuseTheSameStateTwice) {
  Leave(people_[1], 50);
  {
    auto read = Begin(TxMode::kReadOnly);
    auto got = read->People().Get(people_[1]);
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(got->left_at, T(50));
    EXPECT_EQ(got->name, "Trần Thị Nghỉ Hưu");
    EXPECT_EQ(read->People().Get(people_[0])->left_at, std::nullopt);
  }
  auto tx = Begin();
  const std::string id = std::to_string(people_[1]);
  EXPECT_EQ(tx->ProgrammeConsole().MarkPersonLeft(people_[1], T(60)),
            base::FailedPreconditionError("person " + id + ": has already left"));
  EXPECT_EQ(
      tx->ProgrammeConsole().RestorePerson(people_[0]),
      base::FailedPreconditionError("person " + std::to_string(people_[0]) + ": has not left"));
  EXPECT_EQ(tx->ProgrammeConsole().MarkPersonLeft(4242, T(60)),
            base::NotFoundError("person 4242: not found"));
  EXPECT_EQ(tx->ProgrammeConsole().RestorePerson(4242),
            base::NotFoundError("person 4242: not found"));
  // Editing keeps left_at.
  domain::Person edited = *tx->People().Get(people_[1]);
  edited.left_at.reset();
  edited.position = "Giáo viên";
  ASSERT_TRUE(tx->ProgrammeConsole().UpdatePerson(edited).ok());
  EXPECT_EQ(tx->People().Get(people_[1])->left_at, T(50));
  ASSERT_TRUE(tx->ProgrammeConsole().RestorePerson(people_[1]).ok());
  ASSERT_TRUE(tx->Commit().ok());
  auto read = Begin(TxMode::kReadOnly);
  auto got = read->People().Get(people_[1]);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->left_at, std::nullopt);
  EXPECT_EQ(got->position, "Giáo viên");
}

TEST_P(PeopleLeftConformance, ListFiltersByStatusAndDefaultsToActive) {
  Leave(people_[1], 50);
  auto read = Begin(TxMode::kReadOnly);
  const std::vector<std::string> school = {"school"};
  EXPECT_THAT(Ids(*read->People().List(school)), ::testing::ElementsAre(people_[2]));
  EXPECT_THAT(Ids(*read->People().List(school, PeopleStatus::kActive)),
              ::testing::ElementsAre(people_[2]));
  EXPECT_THAT(Ids(*read->People().List(school, PeopleStatus::kLeft)),
              ::testing::ElementsAre(people_[1]));
  EXPECT_THAT(Ids(*read->People().List(school, PeopleStatus::kAll)),
              ::testing::ElementsAre(people_[1], people_[2]));
  EXPECT_THAT(Ids(*read->People().List({})), ::testing::ElementsAre(people_[0], people_[2]));
  EXPECT_THAT(Ids(*read->People().List({}, PeopleStatus::kLeft)),
              ::testing::ElementsAre(people_[1]));
  auto all = read->People().List({}, PeopleStatus::kAll);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[1].left_at, T(50));
}

TEST_P(PeopleLeftConformance, SendLeavesOutPeopleWhoLeftButEarlierCampaignsKeepThem) {
  const int64_t before = Campaign({"town"}, {});
  {
    auto tx = Begin();
    auto sent = tx->Campaigns().Send(before, T(20));
    ASSERT_TRUE(sent.ok()) << sent.status().ToString();
    EXPECT_EQ(*sent, 3);
    ASSERT_TRUE(tx->Campaigns().Acknowledge(before, people_[1], T(30), domain::AckVia::kLink).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  Leave(people_[1], 50);
  Leave(people_[2], 50);
  // Targeted through the unit tree and by name: neither brings back someone who left.
  const int64_t after = Campaign({"town"}, {people_[1]});
  {
    auto tx = Begin();
    auto sent = tx->Campaigns().Send(after, T(60));
    ASSERT_TRUE(sent.ok()) << sent.status().ToString();
    EXPECT_EQ(*sent, 1);
    ASSERT_TRUE(tx->Commit().ok());
  }
  auto read = Begin(TxMode::kReadOnly);
  auto now = read->Campaigns().Recipients(after);
  ASSERT_TRUE(now.ok());
  ASSERT_EQ(now->size(), 1u);
  EXPECT_EQ(now->front().person.id, people_[0]);
  auto then = read->Campaigns().Recipients(before);
  ASSERT_TRUE(then.ok());
  ASSERT_EQ(then->size(), 3u);
  EXPECT_EQ((*then)[1].person.id, people_[1]);
  EXPECT_EQ((*then)[1].person.left_at, T(50));
  ASSERT_TRUE((*then)[1].acknowledgement.has_value());
  EXPECT_EQ((*then)[1].acknowledgement->acknowledged_at, T(30));
}

TEST_P(PeopleLeftConformance, InviteesLeaveOutPeopleWhoHadLeftWhenTheSessionStarted) {
  const int64_t past = Training(40);     // before they left
  const int64_t future = Training(100);  // after
  Leave(people_[1], 50);
  auto read = Begin(TxMode::kReadOnly);
  auto then = read->Trainings().Invitees(past);
  ASSERT_TRUE(then.ok()) << then.status().ToString();
  EXPECT_THAT(Ids(*then), ::testing::ElementsAre(people_[0], people_[1], people_[2]));
  EXPECT_EQ((*then)[1].left_at, T(50));
  auto later = read->Trainings().Invitees(future);
  ASSERT_TRUE(later.ok());
  EXPECT_THAT(Ids(*later), ::testing::ElementsAre(people_[0], people_[2]));
}

INSTANTIATE_TEST_SUITE_P(Backends, PeopleLeftConformance,
                         ::testing::ValuesIn(ConformanceBackends()),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace binhyen::store::testing
