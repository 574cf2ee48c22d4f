#include "service/quizzes.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "crypto/random.h"
#include "service/quiz_text.h"
#include "service/testing/temp_sqlite_store.h"

namespace binhyen::service {
namespace {

using std::chrono::hours;
using ::testing::ElementsAre;

crypto::SigningKey QuizKey(uint64_t seed = 5) {
  crypto::FakeRandom random(seed);
  return crypto::SigningKey::Generate(random);
}

// Quizzes over a fresh SQLite store: town ─┬─ p1 ── school
//                                          └─ p2
// with one person in p1 and one in the school.
class QuizzesTest : public ::testing::Test {
 protected:
  QuizzesTest() : links_(QuizKey(), clock_), quizzes_(*store_, clock_, &links_) {
    auto tx = store_->Begin(store::TxMode::kReadWrite).value();
    for (auto [code, parent] : std::vector<std::pair<std::string, std::string>>{
             {"town", ""}, {"p1", "town"}, {"p2", "town"}, {"school", "p1"}}) {
      EXPECT_TRUE(
          tx->Units()
              .Create({code, "Đơn vị " + code, domain::UnitKind::kWard, parent, clock_.Now()})
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
    for (auto [unit, name] :
         std::vector<std::pair<std::string, std::string>>{{"p1", "An"}, {"school", "Bình"}}) {
      domain::Person p;
      p.unit_code = unit;
      p.name = name;
      p.created_at = clock_.Now();
      people_.push_back(tx->People().Create(p).value());
    }
    EXPECT_TRUE(tx->Commit().ok());
  }

  QuizDraft Draft() {
    QuizDraft d;
    d.slug = "lua-dao";
    d.title = "  Nhận diện lừa đảo ";
    d.intro = "Giới thiệu.";
    d.questions = {{"Câu một?", {"Sai", "Đúng"}, 1, "Vì thế."},
                   {"Câu hai?", {"Đúng", "Sai", "Sai nữa"}, 0, ""},
                   {"Câu ba?", {"Sai", "Sai", "Đúng", "Sai"}, 2, "Giải thích."},
                   {"Câu bốn?", {"Đúng", "Sai"}, 0, ""}};
    d.pass_percent = 75;
    return d;
  }

  int64_t OpenQuiz() {
    base::Result<domain::Quiz> q = quizzes_.Create(Draft(), admin_);
    EXPECT_TRUE(q.ok()) << q.status().ToString();
    EXPECT_TRUE(quizzes_.SetStatus(q->id, domain::QuizStatus::kOpen, admin_).ok());
    return q->id;
  }

  QuizAnswers Answers(std::vector<std::optional<int>> chosen,
                      std::optional<std::string> unit = std::nullopt) {
    return {std::move(chosen), std::move(unit)};
  }

  int64_t Attempts(int64_t id) {
    auto tx = store_->Begin(store::TxMode::kReadOnly).value();
    return tx->Quizzes().CountAttempts(id).value();
  }

  base::FakeClock clock_;
  testing::TempSqliteStore store_{"quizzes_test"};
  QuizLinks links_;
  Quizzes quizzes_;
  Principal admin_;
  std::vector<int64_t> people_;
};

TEST_F(QuizzesTest, ScoreCountsRightAnswersAndAppliesThePassMark) {
  domain::Quiz q;
  q.questions = Draft().questions;
  q.pass_percent = 75;
  domain::QuizAttempt a = Quizzes::Score(q, {1, 0, 2, 1});
  EXPECT_EQ(a.score, 3);
  EXPECT_EQ(a.total, 4);
  EXPECT_TRUE(a.passed);  // 75% >= 75%
  a = Quizzes::Score(q, {1, std::nullopt, 0, 1});
  EXPECT_EQ(a.score, 1);
  EXPECT_THAT(a.answers, ElementsAre(1, -1, 0, 1));
  EXPECT_FALSE(a.passed);
  q.pass_percent = 0;
  EXPECT_TRUE(Quizzes::Score(q, {0, 1, 0, 1}).passed);
}

TEST_F(QuizzesTest, CreateTrimsValidatesAndAudits) {
  base::Result<domain::Quiz> q = quizzes_.Create(Draft(), admin_);
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  EXPECT_EQ(q->title, "Nhận diện lừa đảo");
  EXPECT_EQ(q->status, domain::QuizStatus::kDraft);
  QuizDraft bad = Draft();
  bad.slug = "Có Dấu";
  bad.title = "";
  bad.pass_percent = 101;
  bad.questions[1].correct = 5;
  base::Result<domain::Quiz> refused = quizzes_.Create(bad, admin_);
  EXPECT_EQ(refused.status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(refused.status().message(),
            "slug: must be 1 to 80 of a-z, 0-9 and '-', not starting or ending with '-'\n"
            "title: must not be empty\npass_percent: must be from 0 to 100\n"
            "questions[2].correct: must name one of the options");
  EXPECT_EQ(quizzes_.Create(Draft(), admin_).status().message(), "slug: already exists");
  auto tx = store_->Begin(store::TxMode::kReadOnly).value();
  auto audit = tx->Audit().List(0, 100).value();
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].action, "quiz.create");
  EXPECT_EQ(audit[0].actor, "user:pa");
}

TEST_F(QuizzesTest, SubmitScoresOnTheServerAndStoresAnAnonymousAttempt) {
  const int64_t id = OpenQuiz();
  base::Result<QuizOutcome> o = quizzes_.Submit("lua-dao", Answers({1, 0, 2, 0}, "school"));
  ASSERT_TRUE(o.ok()) << o.status().ToString();
  EXPECT_EQ(o->attempt.score, 4);
  EXPECT_EQ(o->percent, 100);
  EXPECT_TRUE(o->attempt.passed);
  auto tx = store_->Begin(store::TxMode::kReadOnly).value();
  auto stored = tx->Quizzes().GetAttempt(o->attempt.id).value();
  EXPECT_EQ(stored.unit_code, "school");
  EXPECT_EQ(stored.person_id, std::nullopt);
  EXPECT_EQ(stored.quiz_id, id);
  // An anonymous attempt writes no audit entry (only the create and open of the quiz).
  EXPECT_EQ(tx->Audit().List(0, 100)->size(), 2u);
}

TEST_F(QuizzesTest, SubmitRefusesBadAnswersWithEveryProblemAndStoresNothing) {
  const int64_t id = OpenQuiz();
  base::Result<QuizOutcome> o =
      quizzes_.Submit("lua-dao", Answers({1, std::nullopt, 7, std::nullopt}, "mars"));
  EXPECT_EQ(o.status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(o.status().message(),
            "answers[2]: must be chosen\nanswers[3]: not an option\nanswers[4]: must be "
            "chosen\nunit: unknown unit");
  EXPECT_EQ(quizzes_.Submit("lua-dao", Answers({1, 0})).status().message(),
            "answers: one per question");
  EXPECT_EQ(Attempts(id), 0);
}

TEST_F(QuizzesTest, DraftsAreNotPublicAndClosedOrOutOfDatesQuizzesRefuse) {
  base::Result<domain::Quiz> q = quizzes_.Create(Draft(), admin_);
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(quizzes_.GetPublic("lua-dao").status().code(), base::StatusCode::kNotFound);
  EXPECT_EQ(quizzes_.Submit("lua-dao", Answers({1, 0, 2, 0})).status().code(),
            base::StatusCode::kNotFound);
  ASSERT_TRUE(quizzes_.SetStatus(q->id, domain::QuizStatus::kClosed, admin_).ok());
  EXPECT_TRUE(quizzes_.GetPublic("lua-dao").ok());
  EXPECT_EQ(quizzes_.Submit("lua-dao", Answers({1, 0, 2, 0})).status().message(), "quiz: closed");
  QuizDraft later = Draft();
  later.opens_at = clock_.Now() + hours(2);
  later.closes_at = clock_.Now() + hours(4);
  ASSERT_TRUE(quizzes_.Update(q->id, later, admin_).ok());
  ASSERT_TRUE(quizzes_.SetStatus(q->id, domain::QuizStatus::kOpen, admin_).ok());
  EXPECT_EQ(quizzes_.Submit("lua-dao", Answers({1, 0, 2, 0})).status().message(),
            "quiz: not open yet");
  EXPECT_TRUE(quizzes_.ListOpen()->empty());
  clock_.Advance(hours(3));
  EXPECT_TRUE(quizzes_.Submit("lua-dao", Answers({1, 0, 2, 0})).ok());
  EXPECT_EQ(quizzes_.ListOpen()->size(), 1u);
  clock_.Advance(hours(1));
  EXPECT_EQ(quizzes_.Submit("lua-dao", Answers({1, 0, 2, 0})).status().message(), "quiz: closed");
  EXPECT_EQ(Attempts(q->id), 1);
}

TEST_F(QuizzesTest, PersonalLinksCountForThePersonAndTheirUnit) {
  const int64_t id = OpenQuiz();
  auto links = quizzes_.Links(id, "p1", admin_);
  ASSERT_TRUE(links.ok()) << links.status().ToString();
  ASSERT_EQ(links->size(), 2u);  // p1 and its school
  EXPECT_EQ((*links)[1].name, "Bình");
  const std::string token = (*links)[1].path.substr(kQuizLinkPathPrefix.size());
  auto opened = quizzes_.OpenLink(token);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(opened->person_name, "Bình");
  EXPECT_EQ(opened->unit_name, "Đơn vị school");
  // The unit chosen in the form is ignored: the person's own counts.
  auto o = quizzes_.SubmitLink(token, Answers({1, 1, 2, 0}, "p2"));
  ASSERT_TRUE(o.ok()) << o.status().ToString();
  EXPECT_EQ(o->attempt.unit_code, "school");
  EXPECT_EQ(o->attempt.person_id, people_[1]);
  EXPECT_EQ(quizzes_.OpenLink(token + "x").status().code(), base::StatusCode::kInvalidArgument);
  // A link made with another key, or an acknowledgement-kind token, is refused.
  QuizLinks other(QuizKey(6), clock_);
  EXPECT_EQ(
      links_.Verify(other.Issue({id, people_[0], clock_.Now() + hours(1)})).status().message(),
      "token: bad signature");
  EXPECT_EQ(quizzes_.Links(id, "mars", admin_).status().code(), base::StatusCode::kNotFound);
  auto tx = store_->Begin(store::TxMode::kReadOnly).value();
  auto audit = tx->Audit().List(0, 100).value();
  ASSERT_EQ(audit.size(), 4u);
  EXPECT_EQ(audit[2].action, "quiz.links");
  EXPECT_EQ(audit[3].action, "quiz.attempt");
  EXPECT_EQ(audit[3].actor, "person:" + std::to_string(people_[1]));
}

TEST_F(QuizzesTest, ResultsAggregateOverTheUnitTreeAndListOnlyKnownPeople) {
  const int64_t id = OpenQuiz();
  ASSERT_TRUE(quizzes_.Submit("lua-dao", Answers({1, 0, 2, 0}, "school")).ok());  // 100%
  ASSERT_TRUE(quizzes_.Submit("lua-dao", Answers({1, 0, 0, 1}, "p1")).ok());      // 50%
  ASSERT_TRUE(quizzes_.Submit("lua-dao", Answers({0, 1, 0, 1}, "p2")).ok());      // 0%
  ASSERT_TRUE(quizzes_.Submit("lua-dao", Answers({1, 0, 2, 1})).ok());            // 75%, resident
  auto links = quizzes_.Links(id, "p1", admin_).value();
  clock_.Advance(hours(24));
  ASSERT_TRUE(
      quizzes_.SubmitLink(links[0].path.substr(kQuizLinkPathPrefix.size()), Answers({1, 0, 2, 0}))
          .ok());  // An, p1, 100%
  auto r = quizzes_.Results(id);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->attempts, 5);
  EXPECT_EQ(r->passed, 3);
  EXPECT_EQ(r->average_percent, (100 + 50 + 0 + 75 + 100) / 5);
  EXPECT_EQ(r->pass_rate, 60);
  EXPECT_EQ(r->without_unit, 1);
  ASSERT_EQ(r->units.size(), 4u);
  EXPECT_EQ(r->units[0].unit_code, "town");
  EXPECT_EQ(r->units[0].attempts, 4);
  EXPECT_EQ(r->units[1].unit_code, "p1");
  EXPECT_EQ(r->units[1].depth, 1);
  EXPECT_EQ(r->units[1].attempts, 3);
  EXPECT_EQ(r->units[1].average_percent, (100 + 50 + 100) / 3);
  EXPECT_EQ(r->units[2].unit_code, "school");
  EXPECT_EQ(r->units[2].depth, 2);
  EXPECT_EQ(r->units[3].unit_code, "p2");
  EXPECT_EQ(r->units[3].pass_rate, 0);
  ASSERT_EQ(r->people.size(), 1u);
  EXPECT_EQ(r->people[0].name, "An");
  EXPECT_EQ(r->people[0].best_percent, 100);
  EXPECT_TRUE(r->people[0].passed);
  ASSERT_EQ(r->days.size(), 2u);
  EXPECT_EQ(r->days[0].attempts, 4);
  EXPECT_EQ(r->days[1].attempts, 1);
  EXPECT_EQ(quizzes_.Results(404).status().code(), base::StatusCode::kNotFound);
}

TEST_F(QuizzesTest, QuestionsCannotChangeOnceAttempted) {
  const int64_t id = OpenQuiz();
  ASSERT_TRUE(quizzes_.Submit("lua-dao", Answers({1, 0, 2, 0})).ok());
  QuizDraft d = Draft();
  d.questions[0].correct = 0;
  EXPECT_EQ(quizzes_.Update(id, d, admin_).status().message(), "questions: the quiz has attempts");
  d = Draft();
  d.questions[0].explanation = "Rõ hơn.";
  auto saved = quizzes_.Update(id, d, admin_);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  EXPECT_EQ(saved->questions[0].explanation, "Rõ hơn.");
  EXPECT_EQ(saved->status, domain::QuizStatus::kOpen);
}

TEST(QuizTextTest, ParsesTheTextareaFormatAndRoundTrips) {
  ParsedQuizText p = ParseQuizText(
      "? Câu một?\n- Sai\n* Đúng\n> Vì thế.\n> Dòng hai.\n\n?Câu hai?\n*Đúng\n-Sai\n");
  ASSERT_TRUE(p.errors.empty());
  ASSERT_EQ(p.questions.size(), 2u);
  EXPECT_EQ(p.questions[0],
            (domain::QuizQuestion{"Câu một?", {"Sai", "Đúng"}, 1, "Vì thế.\nDòng hai."}));
  EXPECT_EQ(p.questions[1], (domain::QuizQuestion{"Câu hai?", {"Đúng", "Sai"}, 0, ""}));
  EXPECT_EQ(ParseQuizText(FormatQuizText(p.questions)).questions, p.questions);
}

TEST(QuizTextTest, ReportsEveryProblemWithItsLine) {
  ParsedQuizText p = ParseQuizText("- trước câu hỏi\n? Một\n- A\n- B\nkhông dấu\n? Hai\n* A\n");
  std::vector<std::string> en;
  for (const QuizTextError& e : p.errors) en.push_back(std::to_string(e.line) + " " + e.en);
  EXPECT_THAT(en, ElementsAre("1 line 1: write the question (?) first",
                              "5 line 5: start the line with ?, -, * or >",
                              "2 question 1: mark exactly one option with *",
                              "6 question 2: give 2 to 6 options"));
  EXPECT_EQ(ParseQuizText("  \n").errors.size(), 1u);
}

TEST_F(QuizzesTest, LinksOfPeopleWhoLeftNoLongerActAndAreNotIssued) {
  const int64_t id = OpenQuiz();
  auto links = quizzes_.Links(id, "p1", admin_).value();
  ASSERT_EQ(links.size(), 2u);
  const std::string token = links[1].path.substr(kQuizLinkPathPrefix.size());  // Bình
  {
    auto tx = store_->Begin(store::TxMode::kReadWrite).value();
    ASSERT_TRUE(tx->ProgrammeConsole().MarkPersonLeft(people_[1], clock_.Now()).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  const base::Status left = base::FailedPreconditionError(std::string(domain::kPersonLeftMessage));
  EXPECT_EQ(quizzes_.OpenLink(token).status(), left);
  EXPECT_EQ(quizzes_.SubmitLink(token, Answers({1, 1, 2, 0})).status(), left);
  EXPECT_EQ(quizzes_.Results(id)->attempts, 0);
  auto now = quizzes_.Links(id, "p1", admin_).value();
  ASSERT_EQ(now.size(), 1u);
  EXPECT_EQ(now[0].person_id, people_[0]);
}

}  // namespace
}  // namespace binhyen::service
