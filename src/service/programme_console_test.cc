// The programme console's service additions: closing a campaign, personal short codes, and
// people added and edited one at a time within the caller's scope (audited, field errors).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "crypto/random.h"
#include "service/campaigns.h"
#include "service/people.h"
#include "service/testing/temp_sqlite_store.h"

namespace binhyen::service {
namespace {

using std::chrono::hours;

std::array<uint8_t, crypto::SecretBox::kKeyBytes> TestKey() {
  std::array<uint8_t, crypto::SecretBox::kKeyBytes> key{};
  for (size_t i = 0; i < key.size(); ++i) key[i] = static_cast<uint8_t>(i * 5 + 1);
  return key;
}

crypto::SigningKey AckKey() {
  crypto::FakeRandom random(4);
  return crypto::SigningKey::Generate(random);
}

class ProgrammeConsoleTest : public ::testing::Test {
 protected:
  ProgrammeConsoleTest()
      : box_(crypto::SecretBox::FromKey(TestKey())),
        links_(AckKey(), clock_),
        campaigns_(*store_, box_, clock_, links_),
        people_(*store_, box_, clock_) {
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
    EXPECT_TRUE(tx->Commit().ok());
    officer_.name = "cb";
    officer_.role = domain::Role::kUnitOfficer;
    officer_.unit = "p1";
  }

  base::FakeClock clock_{base::TimePoint(std::chrono::seconds(1'790'000'000))};
  testing::TempSqliteStore store_{"programme_console_test"};
  crypto::SecretBox box_;
  AckLinks links_;
  Campaigns campaigns_;
  People people_;
  Principal admin_, officer_;
};

TEST_F(ProgrammeConsoleTest, AddAndEditWithinScopeWithFieldErrors) {
  auto added = people_.Add(officer_, {"p1", "  Nguyễn Văn An ", "Tổ trưởng", "0905 123 456", ""});
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_EQ(added->name, "Nguyễn Văn An");
  EXPECT_EQ(added->phone, "+84905123456");
  auto outside = people_.Add(officer_, {"p2", "", "", "12", "x@"});
  EXPECT_EQ(outside.status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(outside.status().message(),
            "unit: outside your unit\nname: must not be empty\nphone: not a valid phone "
            "number\nemail: not a valid email address");
  EXPECT_EQ(people_.Add(officer_, {"zz", "A", "", "", ""}).status().message(),
            "unit: unknown unit");
  auto other = people_.Add(admin_, {"p2", "Trần Thị Bình", "", "", ""});
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(people_.Get(officer_, other->id).status().code(), base::StatusCode::kNotFound);
  EXPECT_EQ(people_.Update(officer_, other->id, {"p1", "X", "", "", ""}).status().code(),
            base::StatusCode::kNotFound);
  auto moved = people_.Update(admin_, added->id, {"p2", "Nguyễn Văn Ân", "", "", ""});
  ASSERT_TRUE(moved.ok()) << moved.status().ToString();
  EXPECT_EQ(moved->unit_code, "p2");
  EXPECT_EQ(moved->phone, std::nullopt);
  auto tx = store_->Begin(store::TxMode::kReadOnly).value();
  auto audit = tx->Audit().List(0, 100);
  ASSERT_TRUE(audit.ok());
  std::vector<std::string> actions;
  for (const auto& e : *audit) actions.push_back(e.action);
  EXPECT_THAT(actions, ::testing::Contains("person.add"));
  EXPECT_THAT(actions, ::testing::Contains("person.edit"));
}

TEST_F(ProgrammeConsoleTest, ClosedCampaignKeepsFiguresAndRefusesAcknowledgements) {
  auto a = people_.Add(admin_, {"p1", "An", "", "", ""});
  auto b = people_.Add(admin_, {"p1", "Bình", "", "", ""});
  ASSERT_TRUE(a.ok() && b.ok());
  CampaignDraft d{"Chỉ thị", "Đọc kỹ.", clock_.Now() + hours(72), {"p1"}, {}};
  auto c = campaigns_.Create(d, admin_);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(campaigns_.Close(c->id, admin_).status().code(),
            base::StatusCode::kFailedPrecondition);  // a draft
  ASSERT_TRUE(campaigns_.Send(c->id, admin_).ok());
  auto links = campaigns_.Links(c->id, admin_);
  ASSERT_TRUE(links.ok());
  ASSERT_EQ(links->size(), 2u);
  const std::string token_a = links->at(0).path.substr(kAckPathPrefix.size());
  const std::string token_b = links->at(1).path.substr(kAckPathPrefix.size());
  ASSERT_TRUE(campaigns_.Acknowledge(token_a).ok());

  // Short codes lead to the link; they forgive case, dashes and look-alike letters.
  EXPECT_EQ(links->at(1).code, ShortCode(token_b));
  EXPECT_EQ(links->at(1).code.size(), 9u);
  std::string typed = links->at(1).code;
  typed.erase(4, 1);
  for (char& ch : typed) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  auto path = campaigns_.PathForCode(c->id, typed);
  ASSERT_TRUE(path.ok()) << path.status().ToString();
  EXPECT_EQ(*path, links->at(1).path);
  EXPECT_EQ(campaigns_.PathForCode(c->id, "0000-0000").status().code(),
            base::StatusCode::kNotFound);
  EXPECT_EQ(NormaliseShortCode(" o1il-ab cd "), "0111-ABCD");

  auto closed = campaigns_.Close(c->id, admin_);
  ASSERT_TRUE(closed.ok()) << closed.status().ToString();
  EXPECT_EQ(closed->campaign.status, domain::CampaignStatus::kClosed);
  EXPECT_EQ(closed->acknowledged, 1);
  EXPECT_EQ(closed->recipients, 2);
  auto refused = campaigns_.Acknowledge(token_b);
  EXPECT_EQ(refused.status().code(), base::StatusCode::kFailedPrecondition);
  EXPECT_EQ(refused.status().message(), "status: campaign " + std::to_string(c->id) + " is closed");
  EXPECT_TRUE(campaigns_.Acknowledge(token_a).ok());  // the first acknowledgement still shows
  EXPECT_EQ(campaigns_.PathForCode(c->id, typed).status().code(),
            base::StatusCode::kFailedPrecondition);
  EXPECT_EQ(campaigns_.Close(c->id, admin_).status().code(), base::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace binhyen::service
