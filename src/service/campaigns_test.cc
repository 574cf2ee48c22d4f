#include "service/campaigns.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "crypto/random.h"
#include "service/testing/temp_sqlite_store.h"

namespace binhyen::service {
namespace {

using std::chrono::hours;
using ::testing::ElementsAre;

std::array<uint8_t, crypto::SecretBox::kKeyBytes> TestKey() {
  std::array<uint8_t, crypto::SecretBox::kKeyBytes> key{};
  for (size_t i = 0; i < key.size(); ++i) key[i] = static_cast<uint8_t>(i * 3 + 11);
  return key;
}

crypto::SigningKey AckKey() {
  crypto::FakeRandom random(9);
  return crypto::SigningKey::Generate(random);
}

// Campaigns over a fresh SQLite store; two wards under a town, three people in the wards and
// one in the town.
class CampaignsTest : public ::testing::Test {
 protected:
  CampaignsTest()
      : box_(crypto::SecretBox::FromKey(TestKey())),
        links_(AckKey(), clock_),
        campaigns_(*store_, box_, clock_, links_) {
    auto tx = store_->Begin(store::TxMode::kReadWrite).value();
    for (auto [code, parent] : std::vector<std::pair<std::string, std::string>>{
             {"town", ""}, {"p1", "town"}, {"p2", "town"}}) {
      EXPECT_TRUE(
          tx->Units()
              .Create({code, "Phường " + code, domain::UnitKind::kWard, parent, clock_.Now()})
              .ok());
    }
    domain::User u;
    u.name = "pa";
    u.password_hash = "$argon2id$v=19$m=8192,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA";
    u.role = domain::Role::kProgrammeAdmin;
    u.created_at = clock_.Now();
    admin_.user_id = tx->Users().Create(u).value();
    admin_.name = "pa";
    admin_.role = domain::Role::kProgrammeAdmin;
    for (auto [unit, name] : std::vector<std::pair<std::string, std::string>>{
             {"p1", "An"}, {"p1", "Bình"}, {"p2", "Cường"}, {"town", "Dũng"}}) {
      domain::Person p;
      p.unit_code = unit;
      p.name = name;
      p.phone_ciphertext = box_.Encrypt("+84905000111");
      p.created_at = clock_.Now();
      people_.push_back(tx->People().Create(p).value());
    }
    EXPECT_TRUE(tx->Commit().ok());
  }

  int64_t SentCampaign() {
    CampaignDraft d{
        "Chỉ thị 01", "# Chỉ thị\n\nĐọc kỹ.", clock_.Now() + hours(72), {"p1", "p2"}, {}};
    base::Result<domain::Campaign> c = campaigns_.Create(d, admin_);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    base::Result<CampaignProgress> sent = campaigns_.Send(c->id, admin_);
    EXPECT_TRUE(sent.ok()) << sent.status().ToString();
    return c->id;
  }

  std::string LinkOf(int64_t campaign, int64_t person) {
    auto links = campaigns_.Links(campaign, admin_).value();
    for (const PersonalLink& l : links) {
      if (l.person_id == person) return l.path.substr(kAckPathPrefix.size());
    }
    ADD_FAILURE() << "no link";
    return "";
  }

  std::vector<std::string> AuditActions() {
    auto tx = store_->Begin(store::TxMode::kReadOnly).value();
    std::vector<std::string> out;
    const std::vector<domain::AuditEntry> entries = tx->Audit().List(0, 100).value();
    for (const domain::AuditEntry& e : entries) out.push_back(e.action);
    return out;
  }

  testing::TempSqliteStore store_{"campaigns_test"};
  base::FakeClock clock_{base::TimePoint(std::chrono::seconds(1'795'000'000))};
  crypto::SecretBox box_;
  AckLinks links_;
  Campaigns campaigns_;
  Principal admin_;
  std::vector<int64_t> people_;
};

TEST_F(CampaignsTest, DraftValidation) {
  CampaignDraft d{"  ", "body", std::nullopt, {"p1"}, {}};
  EXPECT_EQ(campaigns_.Create(d, admin_).status().message(), "title: must not be empty");
  d.title = "T";
  d.units = {};
  EXPECT_EQ(campaigns_.Create(d, admin_).status().message(),
            "targets: choose at least one unit or person");
  d.units = {"p1"};
  d.deadline = clock_.Now();
  EXPECT_EQ(campaigns_.Create(d, admin_).status().message(), "deadline: must be in the future");
  d.deadline = std::nullopt;
  d.units = {"nowhere"};
  EXPECT_EQ(campaigns_.Create(d, admin_).status().code(), base::StatusCode::kNotFound);
  d.units = {"p2", "p1", "p2"};
  d.people = {people_[3]};
  base::Result<domain::Campaign> c = campaigns_.Create(d, admin_);
  ASSERT_TRUE(c.ok());
  EXPECT_THAT(c->target_units, ElementsAre("p1", "p2"));
  EXPECT_EQ(c->status, domain::CampaignStatus::kDraft);
  EXPECT_EQ(campaigns_.Links(c->id, admin_).status().code(), base::StatusCode::kFailedPrecondition);
  EXPECT_THAT(AuditActions(), ElementsAre("campaign.create"));
}

TEST_F(CampaignsTest, CompletionRisesAsPeopleAcknowledgeByLink) {
  const int64_t id = SentCampaign();
  CampaignProgress p = campaigns_.Progress(id).value();
  EXPECT_EQ(p.campaign.status, domain::CampaignStatus::kSent);
  EXPECT_EQ(p.recipients, 3);
  EXPECT_EQ(p.acknowledged, 0);
  ASSERT_EQ(p.units.size(), 2u);

  clock_.Advance(hours(1));
  const std::string an = LinkOf(id, people_[0]);
  base::Result<AckPage> page = campaigns_.Open(an);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->person_name, "An");
  EXPECT_EQ(page->campaign.title, "Chỉ thị 01");
  EXPECT_FALSE(page->acknowledgement.has_value());
  base::Result<domain::Acknowledgement> ack = campaigns_.Acknowledge(an);
  ASSERT_TRUE(ack.ok()) << ack.status().ToString();
  EXPECT_EQ(ack->acknowledged_at, clock_.Now());
  EXPECT_EQ(ack->via, domain::AckVia::kLink);
  clock_.Advance(hours(1));
  EXPECT_EQ(campaigns_.Acknowledge(an)->acknowledged_at, ack->acknowledged_at);  // kept

  p = campaigns_.Progress(id).value();
  EXPECT_EQ(p.acknowledged, 1);
  EXPECT_EQ(p.percent, 33);
  // The laggard first: p2 0 %, then p1 50 %.
  EXPECT_EQ(p.units[0].unit_code, "p2");
  EXPECT_EQ(p.units[0].percent, 0);
  EXPECT_EQ(p.units[1].unit_code, "p1");
  EXPECT_EQ(p.units[1].recipients, 2);
  EXPECT_EQ(p.units[1].acknowledged, 1);
  EXPECT_EQ(p.units[1].percent, 50);

  auto pending = campaigns_.Pending(id, admin_).value();
  ASSERT_EQ(pending.size(), 2u);
  EXPECT_EQ(pending[0].name, "Bình");
  EXPECT_EQ(pending[0].phone, "+84905000111");
  EXPECT_EQ(pending[1].name, "Cường");
  Principal narrow = admin_;
  narrow.via = Principal::Via::kToken;
  narrow.scopes = {"programme:manage"};
  EXPECT_EQ(campaigns_.Pending(id, narrow).value()[0].phone, std::nullopt);
  EXPECT_THAT(AuditActions(), ElementsAre("campaign.create", "campaign.send", "campaign.links",
                                          "campaign.acknowledge", "campaign.pending_contacts"));
}

TEST_F(CampaignsTest, LinksOfOtherCampaignsPeopleAndExpiredLinksAreRefused) {
  const int64_t id = SentCampaign();
  // Dũng (town) was not targeted: a validly signed link for him still gets nothing.
  const std::string stranger = links_.Issue({id, people_[3], clock_.Now() + hours(1)});
  EXPECT_EQ(campaigns_.Open(stranger).status().code(), base::StatusCode::kNotFound);
  EXPECT_EQ(campaigns_.Acknowledge(stranger).status().code(), base::StatusCode::kNotFound);
  const std::string an = LinkOf(id, people_[0]);
  // Deadline 72 h + 30 days of grace.
  clock_.Advance(hours(72) + AckLinks::kGrace);
  EXPECT_EQ(campaigns_.Acknowledge(an).status().message(), "token: expired");
  EXPECT_EQ(campaigns_.Progress(id)->acknowledged, 0);
}

TEST_F(CampaignsTest, APersonWhoLeftIsOnlyInTheHistory) {
  const int64_t before = SentCampaign();
  const std::string an = LinkOf(before, people_[0]);
  ASSERT_TRUE(campaigns_.Acknowledge(LinkOf(before, people_[1])).ok());  // Bình
  {
    auto tx = store_->Begin(store::TxMode::kReadWrite).value();
    ASSERT_TRUE(tx->ProgrammeConsole().MarkPersonLeft(people_[0], clock_.Now()).ok());
    ASSERT_TRUE(tx->ProgrammeConsole().MarkPersonLeft(people_[1], clock_.Now()).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  // An's link no longer acts, and nothing is recorded.
  const base::Status left = base::FailedPreconditionError(std::string(domain::kPersonLeftMessage));
  EXPECT_EQ(campaigns_.Open(an).status(), left);
  EXPECT_EQ(campaigns_.Acknowledge(an).status(), left);
  // The figures of the campaign already sent stay as they were; nobody who left is chased.
  CampaignProgress p = campaigns_.Progress(before).value();
  EXPECT_EQ(p.recipients, 3);
  EXPECT_EQ(p.acknowledged, 1);
  auto pending = campaigns_.Pending(before, admin_).value();
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].name, "Cường");
  auto links = campaigns_.Links(before, admin_).value();
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0].person_id, people_[2]);
  // A campaign sent afterwards goes only to the people still there.
  const int64_t after = SentCampaign();
  EXPECT_EQ(campaigns_.Progress(after)->recipients, 1);
}

}  // namespace
}  // namespace binhyen::service
