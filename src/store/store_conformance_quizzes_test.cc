// Conformance of the quizzes (migration 0008): QuizRepository. Every test runs against SQLite
// and, when BINHYEN_TEST_POSTGRES_URL is set, PostgreSQL (store_conformance_fixture.h).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store/store_conformance_fixture.h"

namespace binhyen::store::testing {
namespace {

using domain::QuizStatus;

class QuizConformance : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    auto tx = Begin();
    for (auto [code, parent] :
         std::vector<std::pair<std::string, std::string>>{{"town", ""}, {"p1", "town"}}) {
      domain::Unit u{code, "Đơn vị " + code, domain::UnitKind::kWard, parent, T(0)};
      ASSERT_TRUE(tx->Units().Create(u).ok()) << code;
    }
    auto user = tx->Users().Create(MakeUser("pa", domain::Role::kProgrammeAdmin));
    ASSERT_TRUE(user.ok()) << user.status().ToString();
    user_ = *user;
    domain::Person p;
    p.unit_code = "p1";
    p.name = "Nguyễn Văn A";
    p.created_at = T(1);
    auto person = tx->People().Create(p);
    ASSERT_TRUE(person.ok()) << person.status().ToString();
    person_ = *person;
    ASSERT_TRUE(tx->Commit().ok());
  }

  domain::Quiz Draft(std::string slug = "lua-dao") {
    domain::Quiz q;
    q.slug = std::move(slug);
    q.title = "Nhận diện <lừa đảo> & \"giả danh\"";
    q.intro = "Trả lời **10 câu** hỏi.";
    q.questions = {
        {"Công an gọi yêu cầu chuyển tiền?",
         {"Chuyển ngay", "Từ chối, gọi 113"},
         1,
         "Công an "
         "không gọi."},
        {"Ai hỏi mã OTP?", {"Ngân hàng", "Kẻ lừa đảo", "Bạn bè"}, 1, ""},
    };
    q.pass_percent = 50;
    q.opens_at = T(5);
    q.closes_at = T(500);
    q.created_by = user_;
    q.created_at = T(10);
    return q;
  }

  int64_t Create(const domain::Quiz& q) {
    auto tx = Begin();
    auto id = tx->Quizzes().Create(q);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    EXPECT_TRUE(tx->Commit().ok());
    return id.value_or(0);
  }

  domain::QuizAttempt Attempt(int64_t quiz, std::vector<int> answers, int score) {
    domain::QuizAttempt a;
    a.quiz_id = quiz;
    a.total = static_cast<int>(answers.size());
    a.answers = std::move(answers);
    a.score = score;
    a.passed = score * 2 >= a.total;
    a.submitted_at = T(20);
    return a;
  }

  int64_t user_ = 0;
  int64_t person_ = 0;
};

TEST_P(QuizConformance, CreateRoundTripsAsDraft) {
  domain::Quiz q = Draft();
  q.status = QuizStatus::kOpen;  // ignored: a new quiz is a draft
  const int64_t id = Create(q);
  auto tx = Begin(TxMode::kReadOnly);
  auto got = tx->Quizzes().Get(id);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  domain::Quiz want = Draft();
  want.id = id;
  want.updated_at = want.created_at;
  EXPECT_EQ(*got, want);
  auto by_slug = tx->Quizzes().GetBySlug("lua-dao");
  ASSERT_TRUE(by_slug.ok());
  EXPECT_EQ(*by_slug, want);
  EXPECT_EQ(tx->Quizzes().GetBySlug("khac").status().message(), "quiz 'khac': not found");
  EXPECT_EQ(tx->Quizzes().Get(404).status().message(), "quiz 404: not found");
}

TEST_P(QuizConformance, CreateRefusesBadInputAndDuplicateSlugWithoutEffect) {
  Create(Draft());
  auto tx = Begin();
  domain::Quiz bad = Draft("khac");
  bad.questions[1].correct = 3;
  EXPECT_EQ(tx->Quizzes().Create(bad).status().message(),
            "questions[2].correct: must name one of the options");
  bad = Draft("khac");
  bad.questions[0].options.push_back("hai\ndòng");
  EXPECT_EQ(tx->Quizzes().Create(bad).status().message(),
            "questions[1].options[3]: must be one line of 1 to 300 bytes");
  EXPECT_EQ(tx->Quizzes().Create(Draft("Co Dau")).status().code(),
            base::StatusCode::kInvalidArgument);
  auto dup = tx->Quizzes().Create(Draft());
  EXPECT_EQ(dup.status().code(), base::StatusCode::kAlreadyExists);
  EXPECT_EQ(dup.status().message(), "slug: already exists");
  domain::Quiz nobody = Draft("khac");
  nobody.created_by = 999;
  EXPECT_EQ(tx->Quizzes().Create(nobody).status().code(), base::StatusCode::kNotFound);
  // The transaction is still usable.
  auto ok = tx->Quizzes().Create(Draft("khac"));
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  ASSERT_TRUE(tx->Commit().ok());
  auto read = Begin(TxMode::kReadOnly);
  auto all = read->Quizzes().List();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].slug, "khac");  // newest first
  EXPECT_EQ((*all)[1].slug, "lua-dao");
  EXPECT_EQ(read->Quizzes().Create(Draft("x")).status().message(), "transaction: read-only");
}

TEST_P(QuizConformance, UpdateAndStatus) {
  const int64_t id = Create(Draft());
  const int64_t other = Create(Draft("khac"));
  auto tx = Begin();
  domain::Quiz q = Draft("lua-dao-2");
  q.id = id;
  q.title = "Mới";
  q.questions.push_back({"Câu ba?", {"A", "B"}, 0, "Vì A."});
  q.opens_at.reset();
  q.updated_at = T(30);
  ASSERT_TRUE(tx->Quizzes().Update(q).ok());
  q.slug = "khac";
  EXPECT_EQ(tx->Quizzes().Update(q).message(), "slug: already exists");
  q.id = 404;
  q.slug = "lua-dao-2";
  EXPECT_EQ(tx->Quizzes().Update(q).code(), base::StatusCode::kNotFound);
  ASSERT_TRUE(tx->Quizzes().SetStatus(id, QuizStatus::kOpen, T(40)).ok());
  EXPECT_EQ(tx->Quizzes().SetStatus(404, QuizStatus::kOpen, T(40)).code(),
            base::StatusCode::kNotFound);
  ASSERT_TRUE(tx->Commit().ok());
  auto read = Begin(TxMode::kReadOnly);
  auto got = read->Quizzes().Get(id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->slug, "lua-dao-2");
  EXPECT_EQ(got->title, "Mới");
  EXPECT_EQ(got->questions.size(), 3u);
  EXPECT_EQ(got->questions[2].explanation, "Vì A.");
  EXPECT_EQ(got->opens_at, std::nullopt);
  EXPECT_EQ(got->status, QuizStatus::kOpen);
  EXPECT_EQ(got->updated_at, T(40));
  EXPECT_EQ(got->created_at, T(10));
  EXPECT_EQ(read->Quizzes().Get(other)->status, QuizStatus::kDraft);
}

TEST_P(QuizConformance, AttemptsRoundTripAndAreChecked) {
  const int64_t id = Create(Draft());
  auto tx = Begin();
  domain::QuizAttempt anon = Attempt(id, {1, -1}, 1);
  auto a = tx->Quizzes().AddAttempt(anon);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  domain::QuizAttempt known = Attempt(id, {1, 1}, 2);
  known.unit_code = "p1";
  known.person_id = person_;
  known.submitted_at = T(21);
  auto b = tx->Quizzes().AddAttempt(known);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(tx->Quizzes().AddAttempt(Attempt(id, {1}, 1)).status().message(),
            "answers: must have one answer per question");
  EXPECT_EQ(tx->Quizzes().AddAttempt(Attempt(id, {1, 1}, 3)).status().message(),
            "score: must be from 0 to total");
  domain::QuizAttempt nowhere = Attempt(id, {0, 0}, 0);
  nowhere.unit_code = "mars";
  EXPECT_EQ(tx->Quizzes().AddAttempt(nowhere).status().message(), "unit 'mars': not found");
  nowhere.unit_code.reset();
  nowhere.person_id = 999;
  EXPECT_EQ(tx->Quizzes().AddAttempt(nowhere).status().code(), base::StatusCode::kNotFound);
  EXPECT_EQ(tx->Quizzes().AddAttempt(Attempt(404, {0, 0}, 0)).status().code(),
            base::StatusCode::kNotFound);
  ASSERT_TRUE(tx->Commit().ok());

  auto read = Begin(TxMode::kReadOnly);
  auto got = read->Quizzes().GetAttempt(*b);
  ASSERT_TRUE(got.ok());
  known.id = *b;
  EXPECT_EQ(*got, known);
  auto rows = read->Quizzes().Attempts(id, 100);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0], (QuizAttemptRow{*a, std::nullopt, std::nullopt, 1, 2, true, T(20)}));
  EXPECT_EQ((*rows)[1], (QuizAttemptRow{*b, "p1", person_, 2, 2, true, T(21)}));
  EXPECT_EQ(read->Quizzes().Attempts(id, 1)->size(), 1u);
  EXPECT_EQ(read->Quizzes().Attempts(id, 0).status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(read->Quizzes().Attempts(404, 10).status().code(), base::StatusCode::kNotFound);
  EXPECT_EQ(*read->Quizzes().CountAttempts(id), 2);
  EXPECT_EQ(*read->Quizzes().CountAttempts(404), 0);
}

TEST_P(QuizConformance, QuestionsAreFrozenOnceAttempted) {
  const int64_t id = Create(Draft());
  {
    auto tx = Begin();
    ASSERT_TRUE(tx->Quizzes().AddAttempt(Attempt(id, {1, 1}, 2)).ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  auto tx = Begin();
  domain::Quiz q = Draft();
  q.id = id;
  q.updated_at = T(50);
  q.questions[1].correct = 0;
  EXPECT_EQ(tx->Quizzes().Update(q).message(), "questions: the quiz has attempts");
  q = Draft();
  q.id = id;
  q.updated_at = T(50);
  q.title = "Tiêu đề mới";
  q.questions[0].explanation = "Giải thích rõ hơn.";
  ASSERT_TRUE(tx->Quizzes().Update(q).ok());
  ASSERT_TRUE(tx->Commit().ok());
  auto read = Begin(TxMode::kReadOnly);
  EXPECT_EQ(read->Quizzes().Get(id)->questions[0].explanation, "Giải thích rõ hơn.");
}

INSTANTIATE_TEST_SUITE_P(Backends, QuizConformance, ::testing::ValuesIn(ConformanceBackends()),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace binhyen::store::testing
