#include "service/trainings.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "crypto/random.h"
#include "service/testing/temp_sqlite_store.h"

namespace binhyen::service {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using ::testing::ElementsAre;

crypto::SigningKey CheckinKey(uint64_t seed = 5) {
  crypto::FakeRandom random(seed);
  return crypto::SigningKey::Generate(random);
}

TEST(CheckinLinksTest, RoundTripsAndRefusesTamperedTokens) {
  CheckinLinks links(CheckinKey());
  const std::string personal = links.Issue({CheckinClaim::Kind::kPersonal, 12, 34});
  const std::string session = links.Issue({CheckinClaim::Kind::kSession, 12, 99});
  EXPECT_EQ(personal.size(), 108u);
  EXPECT_EQ(links.Verify(personal).value(), (CheckinClaim{CheckinClaim::Kind::kPersonal, 12, 34}));
  EXPECT_EQ(links.Verify(session).value(), (CheckinClaim{CheckinClaim::Kind::kSession, 12, 0}));
  std::string altered = personal;
  altered[5] = altered[5] == 'A' ? 'B' : 'A';
  EXPECT_EQ(links.Verify(altered).status().message(), "token: bad signature");
  EXPECT_EQ(links.Verify("abc").status().message(), "token: malformed");
  EXPECT_EQ(links.Verify("").status().message(), "token: malformed");
  CheckinLinks other(CheckinKey(6));
  EXPECT_EQ(other.Verify(personal).status().message(), "token: bad signature");
}

// Trainings over a fresh SQLite store: a town with two wards; An and Bình in p1, Cường in p2.
class TrainingsTest : public ::testing::Test {
 protected:
  TrainingsTest() : links_(CheckinKey()), trainings_(*store_, clock_, &links_) {
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
    officer_.user_id = admin_.user_id;
    officer_.name = "cb";
    officer_.role = domain::Role::kUnitOfficer;
    officer_.unit = "p2";
    for (auto [unit, name] : std::vector<std::pair<std::string, std::string>>{
             {"p1", "Nguyễn Văn An"}, {"p1", "Bình"}, {"p2", "Cường"}}) {
      domain::Person p;
      p.unit_code = unit;
      p.name = name;
      p.created_at = clock_.Now();
      people_.push_back(tx->People().Create(p).value());
    }
    EXPECT_TRUE(tx->Commit().ok());
  }

  // A session starting in two hours, for an hour, inviting p1 and Cường.
  domain::Training Session() {
    TrainingDraft d;
    d.title = "  Tập huấn nhận diện lừa đảo  ";
    d.starts_at = clock_.Now() + hours(2);
    d.ends_at = d.starts_at + hours(1);
    d.place = "Hội trường";
    d.trainer = "Đại úy Hùng";
    d.materials = {{"Bài giảng", "https://example.vn/a.pdf"}};
    d.units = {"p1"};
    d.people = {people_[2]};
    base::Result<domain::Training> t = trainings_.Create(d, admin_);
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    return t.value_or(domain::Training{});
  }

  std::string PersonalToken(int64_t training, int64_t person) {
    return links_.Issue({CheckinClaim::Kind::kPersonal, training, person});
  }
  std::string SessionToken(int64_t training) {
    return links_.Issue({CheckinClaim::Kind::kSession, training, 0});
  }

  std::vector<std::string> AuditActions() {
    auto tx = store_->Begin(store::TxMode::kReadOnly).value();
    std::vector<std::string> out;
    const std::vector<domain::AuditEntry> entries = tx->Audit().List(0, 100).value();
    for (const domain::AuditEntry& e : entries) out.push_back(e.action);
    return out;
  }

  testing::TempSqliteStore store_{"trainings_test"};
  base::FakeClock clock_{base::TimePoint(std::chrono::seconds(1'795'000'000))};
  CheckinLinks links_;
  Trainings trainings_;
  Principal admin_;
  Principal officer_;
  std::vector<int64_t> people_;
};

TEST_F(TrainingsTest, CreateTrimsValidatesAndNeedsProgrammeManage) {
  const domain::Training t = Session();
  EXPECT_EQ(t.title, "Tập huấn nhận diện lừa đảo");
  TrainingDraft bad;
  bad.title = "x";
  bad.place = "y";
  bad.trainer = "z";
  bad.starts_at = clock_.Now();
  bad.ends_at = clock_.Now() + hours(1);
  bad.materials = {{"Xấu", "javascript:alert(1)"}};
  EXPECT_EQ(trainings_.Create(bad, admin_).status().message(),
            "materials: link must start with http:// or https://");
  bad.materials.clear();
  EXPECT_EQ(trainings_.Create(bad, officer_).status().code(), base::StatusCode::kPermissionDenied);
  EXPECT_THAT(AuditActions(), ElementsAre("training.create"));
}

TEST_F(TrainingsTest, PersonalCheckInFollowsTheWindowAndIsIdempotent) {
  const domain::Training t = Session();
  const std::string token = PersonalToken(t.id, people_[0]);
  // Opens one hour before the start.
  clock_.Advance(minutes(59));
  EXPECT_EQ(trainings_.CheckIn(token).status().message(), "checkin: too early");
  clock_.Advance(minutes(1));
  base::Result<CheckinResult> first = trainings_.CheckIn(token);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_FALSE(first->already);
  EXPECT_EQ(first->attendance.checked_in_at, clock_.Now());
  EXPECT_EQ(first->attendance.via, domain::CheckinVia::kLink);
  clock_.Advance(minutes(30));
  base::Result<CheckinResult> again = trainings_.CheckIn(token);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->already);
  EXPECT_EQ(again->attendance, first->attendance);
  // Ends at ends_at; someone else is then refused, and a tampered token always.
  clock_.Advance(hours(2));
  EXPECT_EQ(trainings_.CheckIn(PersonalToken(t.id, people_[1])).status().message(),
            "checkin: ended");
  std::string altered = token;
  altered[3] = altered[3] == 'A' ? 'B' : 'A';
  EXPECT_EQ(trainings_.CheckIn(altered).status().message(), "token: bad signature");
  EXPECT_EQ(trainings_.CheckIn(SessionToken(t.id)).status().message(),
            "token: not a personal link");
  EXPECT_THAT(AuditActions(), ElementsAre("training.create", "training.checkin"));
}

TEST_F(TrainingsTest, CancelledSessionRefusesCheckIn) {
  const domain::Training t = Session();
  TrainingDraft d;
  d.title = t.title;
  d.starts_at = t.starts_at;
  d.ends_at = t.ends_at;
  d.place = t.place;
  d.trainer = t.trainer;
  d.units = t.invited_units;
  d.status = domain::TrainingStatus::kCancelled;
  ASSERT_TRUE(trainings_.Update(t.id, d, admin_).ok());
  clock_.Advance(hours(2));
  EXPECT_EQ(trainings_.CheckIn(PersonalToken(t.id, people_[0])).status().message(),
            "checkin: cancelled");
  EXPECT_EQ(trainings_.Mark(t.id, people_[0], admin_).status().message(), "checkin: cancelled");
}

TEST_F(TrainingsTest, WalkInMatchesExactNameInTheChosenUnitElseUnmatched) {
  const domain::Training t = Session();
  const std::string token = SessionToken(t.id);
  clock_.Advance(hours(2));
  base::Result<CheckinPage> page = trainings_.Open(token);
  ASSERT_TRUE(page.ok());
  std::vector<std::string> codes;
  for (const domain::Unit& u : page->walk_in_units) codes.push_back(u.code);
  EXPECT_THAT(codes, ElementsAre("p1", "p2"));
  base::Result<CheckinResult> matched = trainings_.WalkIn(token, "p1", "  Nguyễn   Văn An ");
  ASSERT_TRUE(matched.ok()) << matched.status().ToString();
  EXPECT_TRUE(matched->matched);
  EXPECT_EQ(matched->attendance.person_id, people_[0]);
  EXPECT_EQ(matched->attendance.via, domain::CheckinVia::kWalkIn);
  // The same person again: nothing new.
  EXPECT_TRUE(trainings_.WalkIn(token, "p1", "Nguyễn Văn An")->already);
  // A name of another unit, or a different spelling, is recorded unmatched.
  base::Result<CheckinResult> other = trainings_.WalkIn(token, "p2", "Nguyễn Văn An");
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(other->matched);
  EXPECT_EQ(other->attendance.person_id, std::nullopt);
  EXPECT_EQ(other->attendance.unit_code, "p2");
  EXPECT_EQ(trainings_.WalkIn(token, "town", "X").status().message(), "unit: choose your unit");
  EXPECT_EQ(trainings_.WalkIn(token, "p1", "   ").status().message(), "name: must not be empty");
  EXPECT_EQ(trainings_.WalkIn(PersonalToken(t.id, people_[0]), "p1", "X").status().message(),
            "token: not a session link");
  base::Result<TrainingReport> report = trainings_.Report(t.id, admin_);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->invited, 3);
  EXPECT_EQ(report->invited_attended, 1);
  EXPECT_EQ(report->attended, 2);
  EXPECT_EQ(report->percent, 33);
}

TEST_F(TrainingsTest, ManualMarkAndReportsRespectScope) {
  const domain::Training t = Session();
  ASSERT_TRUE(trainings_.Mark(t.id, people_[2], admin_).ok());
  EXPECT_TRUE(trainings_.Mark(t.id, people_[2], admin_)->already);
  EXPECT_EQ(trainings_.Mark(t.id, people_[0], officer_).status().code(),
            base::StatusCode::kPermissionDenied);
  // The officer of p2 sees only p2's invitee and attendance.
  base::Result<TrainingReport> mine = trainings_.Report(t.id, officer_);
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->invitees.size(), 1u);
  EXPECT_EQ(mine->invitees[0].name, "Cường");
  EXPECT_TRUE(mine->invitees[0].attendance.has_value());
  EXPECT_EQ(trainings_.Links(t.id, std::string("p1"), officer_).status().code(),
            base::StatusCode::kPermissionDenied);
  base::Result<std::vector<CheckinLink>> links = trainings_.Links(t.id, std::nullopt, officer_);
  ASSERT_TRUE(links.ok());
  ASSERT_EQ(links->size(), 1u);
  EXPECT_EQ(links->front().path.substr(0, kCheckinPathPrefix.size()), kCheckinPathPrefix);
  // Per unit over time and per person.
  base::Result<UnitTrainingReport> unit =
      trainings_.UnitReport("town", clock_.Now() - hours(24), clock_.Now() + hours(24), admin_);
  ASSERT_TRUE(unit.ok()) << unit.status().ToString();
  ASSERT_EQ(unit->months.size(), 1u);
  EXPECT_EQ(unit->total.sessions, 1);
  EXPECT_EQ(unit->total.invited, 3);
  EXPECT_EQ(unit->total.invited_attended, 1);
  EXPECT_EQ(unit->total.percent, 33);
  EXPECT_EQ(
      trainings_.UnitReport("p1", clock_.Now(), clock_.Now() + hours(24), officer_).status().code(),
      base::StatusCode::kPermissionDenied);
  base::Result<std::vector<PersonTrainingRow>> person =
      trainings_.PersonReport(people_[2], officer_);
  ASSERT_TRUE(person.ok());
  ASSERT_EQ(person->size(), 1u);
  EXPECT_EQ(person->front().training.id, t.id);
  EXPECT_THAT(AuditActions(),
              ElementsAre("training.create", "training.attendance.mark", "training.checkin_links"));
}

TEST_F(TrainingsTest, PeopleWhoLeftAreNotInvitedAndTheirCheckInLinkNoLongerActs) {
  const domain::Training t = Session();
  const std::string token = PersonalToken(t.id, people_[0]);
  {
    auto tx = store_->Begin(store::TxMode::kReadWrite).value();
    ASSERT_TRUE(tx->ProgrammeConsole().MarkPersonLeft(people_[0], clock_.Now()).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  const base::Status left = base::FailedPreconditionError(std::string(domain::kPersonLeftMessage));
  clock_.Advance(minutes(60));
  EXPECT_EQ(trainings_.Open(token).status(), left);
  EXPECT_EQ(trainings_.CheckIn(token).status(), left);
  auto tx = store_->Begin(store::TxMode::kReadOnly).value();
  EXPECT_TRUE(tx->Trainings().AttendanceOf(t.id).value().empty());
  const std::vector<domain::Person> invitees = tx->Trainings().Invitees(t.id).value();
  for (const domain::Person& p : invitees) {
    EXPECT_NE(p.id, people_[0]);
  }
}

}  // namespace
}  // namespace binhyen::service
