// Conformance of the programme console's repository (migration 0011): closing a campaign and
// editing a person. Every test runs against SQLite and, when BINHYEN_TEST_POSTGRES_URL is set,
// PostgreSQL (store_conformance_fixture.h).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store/store_conformance_fixture.h"

namespace binhyen::store::testing {
namespace {

using domain::CampaignStatus;

class ProgrammeConsoleConformance : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    auto tx = Begin();
    for (const char* code : {"p1", "p2"}) {
      ASSERT_TRUE(
          tx->Units()
              .Create({code, std::string("Đơn vị ") + code, domain::UnitKind::kWard, "", T(0)})
              .ok());
    }
    auto user = tx->Users().Create(MakeUser("pa", domain::Role::kProgrammeAdmin));
    ASSERT_TRUE(user.ok()) << user.status().ToString();
    domain::Person p;
    p.unit_code = "p1";
    p.name = "Nguyễn Văn A";
    p.position = "Cán bộ";
    p.phone_ciphertext = std::string("\x01\x02", 2);
    p.created_at = T(1);
    auto person = tx->People().Create(p);
    ASSERT_TRUE(person.ok()) << person.status().ToString();
    person_ = *person;
    domain::Campaign c;
    c.title = "Chỉ thị";
    c.body = "Nội dung";
    c.created_by = *user;
    c.created_at = T(10);
    c.target_units = {"p1"};
    auto campaign = tx->Campaigns().Create(c);
    ASSERT_TRUE(campaign.ok()) << campaign.status().ToString();
    campaign_ = *campaign;
    ASSERT_TRUE(tx->Commit().ok());
  }

  int64_t person_ = 0;
  int64_t campaign_ = 0;
};

TEST_P(ProgrammeConsoleConformance, CloseOnlyASentCampaignAndKeepItsFigures) {
  {
    auto tx = Begin();
    base::Status draft = tx->ProgrammeConsole().CloseCampaign(campaign_);
    EXPECT_EQ(draft.code(), base::StatusCode::kFailedPrecondition);
    EXPECT_EQ(draft.message(),
              "status: campaign " + std::to_string(campaign_) + " is draft, not sent");
    EXPECT_EQ(tx->ProgrammeConsole().CloseCampaign(999).message(), "campaign 999: not found");
    ASSERT_TRUE(tx->Campaigns().Send(campaign_, T(20)).ok());
    ASSERT_TRUE(tx->Campaigns().Acknowledge(campaign_, person_, T(30), domain::AckVia::kLink).ok());
    ASSERT_TRUE(tx->ProgrammeConsole().CloseCampaign(campaign_).ok());
    EXPECT_EQ(tx->ProgrammeConsole().CloseCampaign(campaign_).message(),
              "status: campaign " + std::to_string(campaign_) + " is closed, not sent");
    ASSERT_TRUE(tx->Commit().ok());
  }
  auto read = Begin(TxMode::kReadOnly);
  auto c = read->Campaigns().Get(campaign_);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->status, CampaignStatus::kClosed);
  EXPECT_EQ(c->sent_at, T(20));
  auto recipients = read->Campaigns().Recipients(campaign_);
  ASSERT_TRUE(recipients.ok());
  ASSERT_EQ(recipients->size(), 1u);
  EXPECT_TRUE(recipients->front().acknowledgement.has_value());
}

TEST_P(ProgrammeConsoleConformance, UpdatePersonReplacesFieldsButKeepsCreation) {
  domain::Person p;
  p.id = person_;
  p.unit_code = "p2";
  p.name = "Nguyễn Văn Á";
  p.position = "Phó chủ tịch";
  p.email_ciphertext = std::string("\xff\x00", 2);
  p.created_at = T(99);  // ignored
  {
    auto tx = Begin();
    ASSERT_TRUE(tx->ProgrammeConsole().UpdatePerson(p).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  {
    auto read = Begin(TxMode::kReadOnly);
    auto got = read->People().Get(person_);
    ASSERT_TRUE(got.ok());
    domain::Person expected = p;
    expected.created_at = T(1);
    EXPECT_EQ(*got, expected);
  }
  auto tx = Begin();
  domain::Person bad = p;
  bad.unit_code = "nowhere";
  EXPECT_EQ(tx->ProgrammeConsole().UpdatePerson(bad).message(), "unit 'nowhere': not found");
  bad = p;
  bad.name = "";
  EXPECT_EQ(tx->ProgrammeConsole().UpdatePerson(bad).message(), "name: must not be empty");
  bad = p;
  bad.id = 4242;
  EXPECT_EQ(tx->ProgrammeConsole().UpdatePerson(bad).message(), "person 4242: not found");
  ASSERT_TRUE(tx->Commit().ok());
  auto read = Begin(TxMode::kReadOnly);
  EXPECT_EQ(read->People().Get(person_)->unit_code, "p2");  // the failed calls changed nothing
}

INSTANTIATE_TEST_SUITE_P(Backends, ProgrammeConsoleConformance,
                         ::testing::ValuesIn(ConformanceBackends()),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace binhyen::store::testing
