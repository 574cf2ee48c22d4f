// Conformance of the awareness programme (migration 0006): PeopleRepository and
// CampaignRepository. Every test runs against SQLite and, when BINHYEN_TEST_POSTGRES_URL is set,
// PostgreSQL (store_conformance_fixture.h).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store/store_conformance_fixture.h"

namespace binhyen::store::testing {
namespace {

using domain::AckVia;
using domain::CampaignStatus;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

class ProgrammeConformance : public StoreTest {
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
    p.position = "Cán bộ";
    p.phone_ciphertext = std::string("\x01\x02\xff", 3);
    p.created_at = T(1);
    auto tx = Begin();
    auto id = tx->People().Create(p);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    EXPECT_TRUE(tx->Commit().ok());
    return id.value_or(0);
  }

  domain::Campaign Draft(std::vector<std::string> units, std::vector<int64_t> people) {
    domain::Campaign c;
    c.title = "Chỉ thị 01 <về an ninh mạng>";
    c.body = "# Chỉ thị\n\nNội dung **quan trọng**.";
    c.created_by = user_;
    c.created_at = T(10);
    c.deadline = T(1000);
    c.target_units = std::move(units);
    c.target_people = std::move(people);
    return c;
  }

  int64_t user_ = 0;
};

TEST_P(ProgrammeConformance, PeopleRoundTripAndListByUnit) {
  const int64_t a = AddPerson("p1", "Nguyễn Văn A");
  const int64_t b = AddPerson("p2", "Trần Thị B");
  const int64_t c = AddPerson("p1", "Lê Văn C");
  auto tx = Begin(TxMode::kReadOnly);
  auto got = tx->People().Get(a);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->unit_code, "p1");
  EXPECT_EQ(got->name, "Nguyễn Văn A");
  EXPECT_EQ(got->position, "Cán bộ");
  EXPECT_EQ(got->phone_ciphertext, std::string("\x01\x02\xff", 3));
  EXPECT_EQ(got->email_ciphertext, std::nullopt);
  EXPECT_EQ(got->created_at, T(1));
  auto ids = [](const std::vector<domain::Person>& v) {
    std::vector<int64_t> out;
    for (const auto& p : v) out.push_back(p.id);
    return out;
  };
  EXPECT_THAT(ids(*tx->People().List({})), ElementsAre(a, b, c));
  const std::vector<std::string> p1 = {"p1"};
  EXPECT_THAT(ids(*tx->People().List(p1)), ElementsAre(a, c));
  const std::vector<std::string> both = {"p2", "p1"};
  EXPECT_THAT(ids(*tx->People().List(both)), ElementsAre(a, b, c));
  const std::vector<std::string> none = {"school1"};
  EXPECT_THAT(ids(*tx->People().List(none)), IsEmpty());
  EXPECT_EQ(tx->People().Get(9999).status().message(), "person 9999: not found");
}

TEST_P(ProgrammeConformance, PersonValidationAndUnknownUnitHaveNoEffect) {
  auto tx = Begin();
  domain::Person p;
  p.unit_code = "nowhere";
  p.name = "X";
  p.created_at = T(1);
  auto created = tx->People().Create(p);
  EXPECT_EQ(created.status().code(), base::StatusCode::kNotFound);
  EXPECT_EQ(created.status().message(), "unit 'nowhere': not found");
  p.unit_code = "p1";
  p.name = "";
  EXPECT_EQ(tx->People().Create(p).status().message(), "name: must not be empty");
  p.name = "Y";
  EXPECT_TRUE(tx->People().Create(p).ok());  // the transaction is still usable
  ASSERT_TRUE(tx->Commit().ok());
  auto read = Begin(TxMode::kReadOnly);
  EXPECT_EQ(read->People().List({})->size(), 1u);
}

TEST_P(ProgrammeConformance, CampaignDraftRoundTripsWithTargets) {
  const int64_t a = AddPerson("p2", "A");
  auto tx = Begin();
  auto id = tx->Campaigns().Create(Draft({"p1", "town"}, {a}));
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  ASSERT_TRUE(tx->Commit().ok());
  auto read = Begin(TxMode::kReadOnly);
  auto c = read->Campaigns().Get(*id);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  domain::Campaign expected = Draft({"p1", "town"}, {a});
  expected.id = *id;
  EXPECT_EQ(*c, expected);
  EXPECT_EQ(c->status, CampaignStatus::kDraft);
  EXPECT_THAT(*read->Campaigns().Recipients(*id), IsEmpty());
  auto list = read->Campaigns().List();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(list->front(), expected);
}

TEST_P(ProgrammeConformance, CampaignCreateChecksTargets) {
  auto tx = Begin();
  EXPECT_EQ(tx->Campaigns().Create(Draft({"zz"}, {})).status().message(), "unit 'zz': not found");
  EXPECT_EQ(tx->Campaigns().Create(Draft({}, {77})).status().message(), "person 77: not found");
  EXPECT_EQ(tx->Campaigns().Create(Draft({}, {})).status().message(),
            "targets: choose at least one unit or person");
  EXPECT_EQ(tx->Campaigns().Get(5).status().message(), "campaign 5: not found");
  EXPECT_TRUE(tx->Campaigns().Create(Draft({"p1"}, {})).ok());
  EXPECT_TRUE(tx->Commit().ok());
}

TEST_P(ProgrammeConformance, SendMaterialisesUnitsTheirChildrenAndPeopleOnce) {
  const int64_t a = AddPerson("p1", "A");
  const int64_t s = AddPerson("school1", "S");
  const int64_t b = AddPerson("p2", "B");
  AddPerson("town", "T");  // not targeted: town is the parent, not a child
  int64_t id = 0;
  {
    auto tx = Begin();
    id = tx->Campaigns().Create(Draft({"p1"}, {a, b})).value_or(0);
    auto sent = tx->Campaigns().Send(id, T(20));
    ASSERT_TRUE(sent.ok()) << sent.status().ToString();
    EXPECT_EQ(*sent, 3);  // a (unit and person: once), s (child unit), b
    ASSERT_TRUE(tx->Commit().ok());
  }
  AddPerson("p1", "Later");  // joins after sending: not a recipient
  auto tx = Begin();
  auto c = tx->Campaigns().Get(id);
  EXPECT_EQ(c->status, CampaignStatus::kSent);
  EXPECT_EQ(c->sent_at, T(20));
  auto recipients = tx->Campaigns().Recipients(id);
  ASSERT_TRUE(recipients.ok()) << recipients.status().ToString();
  std::vector<int64_t> ids;
  for (const CampaignRecipient& r : *recipients) {
    ids.push_back(r.person.id);
    EXPECT_EQ(r.acknowledgement, std::nullopt);
  }
  EXPECT_THAT(ids, ElementsAre(a, s, b));
  auto again = tx->Campaigns().Send(id, T(30));
  EXPECT_EQ(again.status().code(), base::StatusCode::kFailedPrecondition);
  EXPECT_EQ(again.status().message(),
            "status: campaign " + std::to_string(id) + " is sent, not a draft");
  EXPECT_EQ(tx->Campaigns().Send(999, T(30)).status().code(), base::StatusCode::kNotFound);
  EXPECT_TRUE(tx->Commit().ok());
}

TEST_P(ProgrammeConformance, AcknowledgeIsIdempotentAndOnlyForRecipients) {
  const int64_t a = AddPerson("p1", "A");
  const int64_t b = AddPerson("p2", "B");
  int64_t id = 0;
  {
    auto tx = Begin();
    id = tx->Campaigns().Create(Draft({"p1"}, {})).value_or(0);
    auto refused = tx->Campaigns().Acknowledge(id, a, T(21), AckVia::kLink);  // still a draft
    EXPECT_EQ(refused.status().code(), base::StatusCode::kNotFound);
    ASSERT_TRUE(tx->Campaigns().Send(id, T(20)).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  auto tx = Begin();
  auto first = tx->Campaigns().Acknowledge(id, a, T(30), AckVia::kLink);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(*first, (domain::Acknowledgement{id, a, T(30), AckVia::kLink}));
  auto second = tx->Campaigns().Acknowledge(id, a, T(40), AckVia::kPortal);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(*second, *first);  // the first time is kept
  auto stranger = tx->Campaigns().Acknowledge(id, b, T(30), AckVia::kLink);
  EXPECT_EQ(stranger.status().code(), base::StatusCode::kNotFound);
  EXPECT_EQ(stranger.status().message(), "recipient: person " + std::to_string(b) +
                                             " is not a recipient of campaign " +
                                             std::to_string(id));
  ASSERT_TRUE(tx->Commit().ok());
  auto read = Begin(TxMode::kReadOnly);
  auto recipients = read->Campaigns().Recipients(id);
  ASSERT_TRUE(recipients.ok());
  ASSERT_EQ(recipients->size(), 1u);
  EXPECT_EQ(recipients->front().acknowledgement, *first);
  EXPECT_EQ(read->Campaigns().Acknowledge(id, a, T(50), AckVia::kLink).status().message(),
            "transaction: read-only");
  EXPECT_EQ(read->Campaigns().Recipients(404).status().code(), base::StatusCode::kNotFound);
}

INSTANTIATE_TEST_SUITE_P(Backends, ProgrammeConformance, ::testing::ValuesIn(ConformanceBackends()),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace binhyen::store::testing
