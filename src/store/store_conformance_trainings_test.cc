// Conformance of trainings (migration 0009): TrainingRepository. Every test runs against SQLite
// and, when BINHYEN_TEST_POSTGRES_URL is set, PostgreSQL (store_conformance_fixture.h).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store/store_conformance_fixture.h"

namespace binhyen::store::testing {
namespace {

using domain::CheckinVia;
using domain::TrainingStatus;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

class TrainingConformance : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    // town ─┬─ p1 ── school1
    //       └─ p2
    auto tx = Begin();
    for (auto [code, parent] : std::vector<std::pair<std::string, std::string>>{
             {"town", ""}, {"p1", "town"}, {"p2", "town"}, {"school1", "p1"}}) {
      domain::Unit u{code, "Đơn vị " + code, domain::UnitKind::kWard, parent, T(0)};
      ASSERT_TRUE(tx->Units().Create(u).ok()) << code;
    }
    auto user = tx->Users().Create(MakeUser("pa", domain::Role::kProgrammeAdmin));
    ASSERT_TRUE(user.ok()) << user.status().ToString();
    user_ = *user;
    ASSERT_TRUE(tx->Commit().ok());
  }

  int64_t AddPerson(const std::string& unit, const std::string& name) {
    domain::Person p;
    p.unit_code = unit;
    p.name = name;
    p.created_at = T(1);
    auto tx = Begin();
    auto id = tx->People().Create(p);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    EXPECT_TRUE(tx->Commit().ok());
    return id.value_or(0);
  }

  domain::Training Session(std::vector<std::string> units, std::vector<int64_t> people,
                           int start = 100) {
    domain::Training t;
    t.title = "Tập huấn nhận diện lừa đảo <trực tuyến>";
    t.description = "Nội dung **quan trọng**.";
    t.starts_at = T(start);
    t.ends_at = T(start + 10);
    t.place = "Hội trường UBND phường";
    t.trainer = "Đại úy Nguyễn Văn Hùng";
    t.materials = {{"Bài giảng", "https://example.vn/bai-giang.pdf"},
                   {"Tài liệu", "http://example.vn/a"}};
    t.invited_units = std::move(units);
    t.invited_people = std::move(people);
    t.created_by = user_;
    t.created_at = T(5);
    return t;
  }

  int64_t Create(const domain::Training& t) {
    auto tx = Begin();
    auto id = tx->Trainings().Create(t);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    EXPECT_TRUE(tx->Commit().ok());
    return id.value_or(0);
  }

  static std::vector<int64_t> Ids(const std::vector<domain::Person>& v) {
    std::vector<int64_t> out;
    for (const auto& p : v) out.push_back(p.id);
    return out;
  }

  int64_t user_ = 0;
};

TEST_P(TrainingConformance, RoundTripsAndUpdatesEverything) {
  const int64_t a = AddPerson("p2", "A");
  domain::Training t = Session({"p1", "town"}, {a});
  const int64_t id = Create(t);
  t.id = id;
  {
    auto tx = Begin(TxMode::kReadOnly);
    auto got = tx->Trainings().Get(id);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    EXPECT_EQ(*got, t);
  }
  t.title = "Đổi tên";
  t.status = TrainingStatus::kHeld;
  t.materials = {{"Chỉ một", "https://x.vn"}};
  t.invited_units = {"p2"};
  t.invited_people = {};
  {
    auto tx = Begin();
    ASSERT_TRUE(tx->Trainings().Update(t).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  auto tx = Begin(TxMode::kReadOnly);
  auto got = tx->Trainings().Get(id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, t);
  EXPECT_EQ(tx->Trainings().Get(404).status().message(), "training 404: not found");
}

TEST_P(TrainingConformance, CreateAndUpdateCheckInputWithoutEffect) {
  auto tx = Begin();
  domain::Training bad = Session({"nowhere"}, {});
  EXPECT_EQ(tx->Trainings().Create(bad).status().message(), "unit 'nowhere': not found");
  bad = Session({}, {999});
  EXPECT_EQ(tx->Trainings().Create(bad).status().message(), "person 999: not found");
  bad = Session({"p1"}, {});
  bad.materials = {{"x", "javascript:alert(1)"}};
  EXPECT_EQ(tx->Trainings().Create(bad).status().message(),
            "materials: link must start with http:// or https://");
  bad = Session({"p1"}, {});
  bad.ends_at = bad.starts_at;
  EXPECT_EQ(tx->Trainings().Create(bad).status().message(), "ends_at: must be after starts_at");
  bad = Session({"p1"}, {});
  bad.id = 77;
  EXPECT_EQ(tx->Trainings().Update(bad).message(), "training 77: not found");
  ASSERT_TRUE(tx->Commit().ok());
  auto read = Begin(TxMode::kReadOnly);
  auto all = read->Trainings().List({});
  ASSERT_TRUE(all.ok());
  EXPECT_THAT(*all, IsEmpty());
}

TEST_P(TrainingConformance, ListFiltersAndOrders) {
  const int64_t first = Create(Session({"p1"}, {}, 100));
  const int64_t second = Create(Session({"p1"}, {}, 200));
  const int64_t third = Create(Session({"p1"}, {}, 300));
  auto tx = Begin(TxMode::kReadOnly);
  auto ids = [&](const TrainingFilter& f) {
    std::vector<int64_t> out;
    auto got = tx->Trainings().List(f);
    EXPECT_TRUE(got.ok()) << got.status().ToString();
    if (got.ok())
      for (const auto& t : *got) out.push_back(t.id);
    return out;
  };
  EXPECT_THAT(ids({}), ElementsAre(first, second, third));
  EXPECT_THAT(ids({T(200), std::nullopt, false, 100}), ElementsAre(second, third));
  EXPECT_THAT(ids({std::nullopt, T(300), true, 100}), ElementsAre(second, first));
  EXPECT_THAT(ids({std::nullopt, std::nullopt, true, 1}), ElementsAre(third));
  EXPECT_EQ(tx->Trainings().List({std::nullopt, std::nullopt, false, 0}).status().code(),
            base::StatusCode::kInvalidArgument);
}

TEST_P(TrainingConformance, InviteesIncludeChildUnitsAndPeopleOnce) {
  const int64_t a = AddPerson("p1", "A");
  const int64_t b = AddPerson("school1", "B");
  const int64_t c = AddPerson("p2", "C");
  AddPerson("town", "D");
  const int64_t id = Create(Session({"p1"}, {a, c}));
  auto tx = Begin(TxMode::kReadOnly);
  auto invitees = tx->Trainings().Invitees(id);
  ASSERT_TRUE(invitees.ok()) << invitees.status().ToString();
  EXPECT_THAT(Ids(*invitees), ElementsAre(a, b, c));
  EXPECT_EQ(tx->Trainings().Invitees(404).status().code(), base::StatusCode::kNotFound);
}

TEST_P(TrainingConformance, CheckInIsIdempotentPerPersonAndKeepsWalkIns) {
  const int64_t a = AddPerson("p1", "Nguyễn Văn A");
  const int64_t id = Create(Session({"p1"}, {}));
  auto tx = Begin();
  auto first = tx->Trainings().CheckIn({0, id, a, "p1", "Nguyễn Văn A", T(101), CheckinVia::kLink});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_GT(first->id, 0);
  auto again =
      tx->Trainings().CheckIn({0, id, a, "p1", "Nguyễn Văn A", T(105), CheckinVia::kManual});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *first);
  auto walk1 =
      tx->Trainings().CheckIn({0, id, std::nullopt, "p2", "Khách", T(102), CheckinVia::kWalkIn});
  auto walk2 =
      tx->Trainings().CheckIn({0, id, std::nullopt, "p2", "Khách", T(103), CheckinVia::kWalkIn});
  ASSERT_TRUE(walk1.ok() && walk2.ok());
  EXPECT_NE(walk1->id, walk2->id);
  EXPECT_EQ(tx->Trainings()
                .CheckIn({0, id, std::nullopt, "nowhere", "X", T(1), CheckinVia::kWalkIn})
                .status()
                .message(),
            "unit 'nowhere': not found");
  EXPECT_EQ(
      tx->Trainings().CheckIn({0, 404, a, "p1", "A", T(1), CheckinVia::kLink}).status().code(),
      base::StatusCode::kNotFound);
  EXPECT_EQ(
      tx->Trainings().CheckIn({0, id, 999, "p1", "A", T(1), CheckinVia::kLink}).status().message(),
      "person 999: not found");
  EXPECT_EQ(tx->Trainings()
                .CheckIn({0, id, std::nullopt, "p1", "", T(1), CheckinVia::kWalkIn})
                .status()
                .message(),
            "name: must not be empty");
  ASSERT_TRUE(tx->Commit().ok());
  auto read = Begin(TxMode::kReadOnly);
  auto all = read->Trainings().AttendanceOf(id);
  ASSERT_TRUE(all.ok());
  EXPECT_THAT(*all, ElementsAre(*first, *walk1, *walk2));
  auto mine = read->Trainings().AttendanceOfPerson(a);
  ASSERT_TRUE(mine.ok());
  EXPECT_THAT(*mine, ElementsAre(*first));
  EXPECT_EQ(read->Trainings().AttendanceOf(404).status().code(), base::StatusCode::kNotFound);
  EXPECT_EQ(read->Trainings()
                .CheckIn({0, id, std::nullopt, "p1", "X", T(1), CheckinVia::kWalkIn})
                .status()
                .message(),
            "transaction: read-only");
}

TEST_P(TrainingConformance, RemoveAttendanceOnlyFromItsSession) {
  const int64_t a = AddPerson("p1", "A");
  const int64_t id = Create(Session({"p1"}, {}));
  const int64_t other = Create(Session({"p1"}, {}));
  auto tx = Begin();
  auto row = tx->Trainings().CheckIn({0, id, a, "p1", "A", T(101), CheckinVia::kLink});
  ASSERT_TRUE(row.ok());
  EXPECT_EQ(tx->Trainings().RemoveAttendance(other, row->id).message(),
            "attendance " + std::to_string(row->id) + ": not found");
  EXPECT_TRUE(tx->Trainings().RemoveAttendance(id, row->id).ok());
  ASSERT_TRUE(tx->Commit().ok());
  auto read = Begin(TxMode::kReadOnly);
  EXPECT_THAT(*read->Trainings().AttendanceOf(id), IsEmpty());
}

INSTANTIATE_TEST_SUITE_P(Backends, TrainingConformance, ::testing::ValuesIn(ConformanceBackends()),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace binhyen::store::testing
