// The awareness programme's quizzes and their attempts (store/quiz_store.h).
#include "store/postgres/quizzes.h"

#include <string>
#include <utility>

#include "store/postgres/repositories.h"
#include "store/quiz_codec.h"

namespace binhyen::store::postgres {
namespace {

constexpr Sql kQuizInsert{
    "quiz_insert",
    "INSERT INTO quizzes (slug, title, intro, pass_percent, status, opens_at, closes_at, "
    "created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, 'draft', $5, $6, $7, $8, $8) "
    "RETURNING id"};
constexpr Sql kQuizUpdate{"quiz_update",
                          "UPDATE quizzes SET slug = $2, title = $3, intro = $4, pass_percent = "
                          "$5, opens_at = $6, closes_at = $7, updated_at = $8 WHERE id = $1"};
constexpr Sql kQuizSetStatus{"quiz_set_status",
                             "UPDATE quizzes SET status = $2, updated_at = $3 WHERE id = $1"};
constexpr Sql kQuizGet{"quiz_get",
                       "SELECT slug, title, intro, pass_percent, status, opens_at, closes_at, "
                       "created_by, created_at, updated_at FROM quizzes WHERE id = $1"};
constexpr Sql kQuizBySlug{"quiz_by_slug", "SELECT id FROM quizzes WHERE slug = $1"};
constexpr Sql kQuizIds{"quiz_ids", "SELECT id FROM quizzes ORDER BY id DESC"};
constexpr Sql kQuizQuestions{"quiz_questions",
                             "SELECT text, options, correct, explanation FROM quiz_questions "
                             "WHERE quiz_id = $1 ORDER BY position"};
constexpr Sql kQuizQuestionInsert{
    "quiz_question_insert",
    "INSERT INTO quiz_questions (quiz_id, position, text, options, correct, explanation) VALUES "
    "($1, $2, $3, $4, $5, $6)"};
constexpr Sql kQuizQuestionsDelete{"quiz_questions_delete",
                                   "DELETE FROM quiz_questions WHERE quiz_id = $1"};
constexpr Sql kQuizQuestionCount{"quiz_question_count",
                                 "SELECT count(*) FROM quiz_questions WHERE quiz_id = $1"};
constexpr Sql kQuizUserExists{"quiz_user_exists", "SELECT 1 FROM users WHERE id = $1"};
constexpr Sql kQuizUnitExists{"quiz_unit_exists", "SELECT 1 FROM units WHERE code = $1"};
constexpr Sql kQuizPersonExists{"quiz_person_exists", "SELECT 1 FROM people WHERE id = $1"};
constexpr Sql kQuizAttemptInsert{
    "quiz_attempt_insert",
    "INSERT INTO quiz_attempts (quiz_id, unit_code, person_id, answers, score, total, passed, "
    "submitted_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id"};
constexpr Sql kQuizAttemptGet{"quiz_attempt_get",
                              "SELECT quiz_id, unit_code, person_id, answers, score, total, "
                              "passed, submitted_at FROM quiz_attempts WHERE id = $1"};
constexpr Sql kQuizAttempts{"quiz_attempts",
                            "SELECT id, unit_code, person_id, score, total, passed, submitted_at "
                            "FROM quiz_attempts WHERE quiz_id = $1 ORDER BY id LIMIT $2"};
constexpr Sql kQuizAttemptCount{"quiz_attempt_count",
                                "SELECT count(*) FROM quiz_attempts WHERE quiz_id = $1"};

base::Status QuizNotFound(int64_t id) {
  return base::NotFoundError("quiz " + std::to_string(id) + ": not found");
}

// Throws.
base::Result<domain::Quiz> LoadQuiz(Session& s, int64_t id) {
  const pqxx::result r = s.Exec(kQuizGet, Params().Add(id));
  if (r.empty()) return QuizNotFound(id);
  domain::Quiz q;
  q.id = id;
  q.slug = Text(r[0]["slug"]);
  q.title = Text(r[0]["title"]);
  q.intro = Text(r[0]["intro"]);
  q.pass_percent = static_cast<int>(Int(r[0]["pass_percent"]));
  BINHYEN_ASSIGN_OR_RETURN(q.status, ParseColumn<domain::QuizStatus>("status", Text(r[0]["status"]),
                                                                     domain::ParseQuizStatus));
  q.opens_at = OptionalTime(r[0]["opens_at"]);
  q.closes_at = OptionalTime(r[0]["closes_at"]);
  q.created_by = Int(r[0]["created_by"]);
  q.created_at = Time(r[0]["created_at"]);
  q.updated_at = Time(r[0]["updated_at"]);
  for (const pqxx::row& row : s.Exec(kQuizQuestions, Params().Add(id))) {
    q.questions.push_back({Text(row["text"]), SplitQuizOptions(Text(row["options"])),
                           static_cast<int>(Int(row["correct"])), Text(row["explanation"])});
  }
  return q;
}

// Throws. AlreadyExists when another quiz than `id` has `slug`.
base::Status CheckSlugFree(Session& s, std::string_view slug, int64_t id) {
  const pqxx::result r = s.Exec(kQuizBySlug, Params().Add(slug));
  if (!r.empty() && Int(r[0][0]) != id) return base::AlreadyExistsError("slug: already exists");
  return base::Status::Ok();
}

// Throws.
void InsertQuestions(Session& s, int64_t id, const std::vector<domain::QuizQuestion>& questions) {
  for (size_t i = 0; i < questions.size(); ++i) {
    const domain::QuizQuestion& q = questions[i];
    s.Exec(kQuizQuestionInsert, Params()
                                    .Add(id)
                                    .Add(static_cast<int64_t>(i))
                                    .Add(q.text)
                                    .Add(JoinQuizOptions(q.options))
                                    .Add(q.correct)
                                    .Add(q.explanation));
  }
}

}  // namespace

base::Result<int64_t> PgQuizRepository::Create(const domain::Quiz& q) {
  return s_.Write("quizzes.create", [&]() -> base::Result<int64_t> {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(q));
    if (s_.Exec(kQuizUserExists, Params().Add(q.created_by)).empty()) {
      return base::NotFoundError("user " + std::to_string(q.created_by) + ": not found");
    }
    BINHYEN_RETURN_IF_ERROR(CheckSlugFree(s_, q.slug, 0));
    const pqxx::result r = s_.Exec(kQuizInsert, Params()
                                                    .Add(q.slug)
                                                    .Add(q.title)
                                                    .Add(q.intro)
                                                    .Add(q.pass_percent)
                                                    .AddTime(q.opens_at)
                                                    .AddTime(q.closes_at)
                                                    .Add(q.created_by)
                                                    .AddTime(q.created_at));
    const int64_t id = Int(r[0][0]);
    InsertQuestions(s_, id, q.questions);
    return id;
  });
}

base::Status PgQuizRepository::Update(const domain::Quiz& q) {
  return s_.Write("quizzes.update", [&]() -> base::Status {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(q));
    BINHYEN_ASSIGN_OR_RETURN(domain::Quiz old, LoadQuiz(s_, q.id));
    BINHYEN_RETURN_IF_ERROR(CheckSlugFree(s_, q.slug, q.id));
    const int64_t attempts = Int(s_.Exec(kQuizAttemptCount, Params().Add(q.id))[0][0]);
    if (attempts > 0 && !SameQuestions(old.questions, q.questions)) {
      return base::FailedPreconditionError("questions: the quiz has attempts");
    }
    s_.Exec(kQuizUpdate, Params()
                             .Add(q.id)
                             .Add(q.slug)
                             .Add(q.title)
                             .Add(q.intro)
                             .Add(q.pass_percent)
                             .AddTime(q.opens_at)
                             .AddTime(q.closes_at)
                             .AddTime(q.updated_at));
    s_.Exec(kQuizQuestionsDelete, Params().Add(q.id));
    InsertQuestions(s_, q.id, q.questions);
    return base::Status::Ok();
  });
}

base::Status PgQuizRepository::SetStatus(int64_t id, domain::QuizStatus status,
                                         base::TimePoint at) {
  return s_.Write("quizzes.set_status", [&]() -> base::Status {
    const pqxx::result r =
        s_.Exec(kQuizSetStatus, Params().Add(id).Add(domain::Name(status)).AddTime(at));
    if (r.affected_rows() == 0) return QuizNotFound(id);
    return base::Status::Ok();
  });
}

base::Result<domain::Quiz> PgQuizRepository::Get(int64_t id) {
  return s_.Read("quizzes.get", [&] { return LoadQuiz(s_, id); });
}

base::Result<domain::Quiz> PgQuizRepository::GetBySlug(std::string_view slug) {
  return s_.Read("quizzes.get_by_slug", [&]() -> base::Result<domain::Quiz> {
    const pqxx::result r = s_.Exec(kQuizBySlug, Params().Add(slug));
    if (r.empty()) return base::NotFoundError("quiz '" + std::string(slug) + "': not found");
    return LoadQuiz(s_, Int(r[0][0]));
  });
}

base::Result<std::vector<domain::Quiz>> PgQuizRepository::List() {
  return s_.Read("quizzes.list", [&]() -> base::Result<std::vector<domain::Quiz>> {
    std::vector<domain::Quiz> out;
    for (const pqxx::row& row : s_.Exec(kQuizIds)) {
      BINHYEN_ASSIGN_OR_RETURN(domain::Quiz q, LoadQuiz(s_, Int(row[0])));
      out.push_back(std::move(q));
    }
    return out;
  });
}

base::Result<int64_t> PgQuizRepository::AddAttempt(const domain::QuizAttempt& a) {
  return s_.Write("quizzes.add_attempt", [&]() -> base::Result<int64_t> {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(a));
    if (s_.Exec(kQuizGet, Params().Add(a.quiz_id)).empty()) return QuizNotFound(a.quiz_id);
    if (Int(s_.Exec(kQuizQuestionCount, Params().Add(a.quiz_id))[0][0]) != a.total) {
      return base::InvalidArgumentError("answers: must have one answer per question");
    }
    if (a.unit_code && s_.Exec(kQuizUnitExists, Params().Add(*a.unit_code)).empty()) {
      return base::NotFoundError("unit '" + *a.unit_code + "': not found");
    }
    if (a.person_id && s_.Exec(kQuizPersonExists, Params().Add(*a.person_id)).empty()) {
      return base::NotFoundError("person " + std::to_string(*a.person_id) + ": not found");
    }
    const pqxx::result r = s_.Exec(kQuizAttemptInsert, Params()
                                                           .Add(a.quiz_id)
                                                           .Add(a.unit_code)
                                                           .Add(a.person_id)
                                                           .Add(JoinQuizAnswers(a.answers))
                                                           .Add(a.score)
                                                           .Add(a.total)
                                                           .Add(a.passed)
                                                           .AddTime(a.submitted_at));
    return Int(r[0][0]);
  });
}

base::Result<domain::QuizAttempt> PgQuizRepository::GetAttempt(int64_t id) {
  return s_.Read("quizzes.get_attempt", [&]() -> base::Result<domain::QuizAttempt> {
    const pqxx::result r = s_.Exec(kQuizAttemptGet, Params().Add(id));
    if (r.empty()) return base::NotFoundError("attempt " + std::to_string(id) + ": not found");
    domain::QuizAttempt a;
    a.id = id;
    a.quiz_id = Int(r[0]["quiz_id"]);
    a.unit_code = OptionalText(r[0]["unit_code"]);
    a.person_id = OptionalInt(r[0]["person_id"]);
    BINHYEN_ASSIGN_OR_RETURN(a.answers, SplitQuizAnswers(Text(r[0]["answers"])));
    a.score = static_cast<int>(Int(r[0]["score"]));
    a.total = static_cast<int>(Int(r[0]["total"]));
    a.passed = Bool(r[0]["passed"]);
    a.submitted_at = Time(r[0]["submitted_at"]);
    return a;
  });
}

base::Result<std::vector<QuizAttemptRow>> PgQuizRepository::Attempts(int64_t quiz_id, int limit) {
  return s_.Read("quizzes.attempts", [&]() -> base::Result<std::vector<QuizAttemptRow>> {
    if (limit < 1 || limit > 1000000) {
      return base::InvalidArgumentError("limit: must be in 1..1000000");
    }
    if (s_.Exec(kQuizGet, Params().Add(quiz_id)).empty()) return QuizNotFound(quiz_id);
    std::vector<QuizAttemptRow> out;
    for (const pqxx::row& row : s_.Exec(kQuizAttempts, Params().Add(quiz_id).Add(limit))) {
      QuizAttemptRow r;
      r.id = Int(row["id"]);
      r.unit_code = OptionalText(row["unit_code"]);
      r.person_id = OptionalInt(row["person_id"]);
      r.score = static_cast<int>(Int(row["score"]));
      r.total = static_cast<int>(Int(row["total"]));
      r.passed = Bool(row["passed"]);
      r.submitted_at = Time(row["submitted_at"]);
      out.push_back(std::move(r));
    }
    return out;
  });
}

base::Result<int64_t> PgQuizRepository::CountAttempts(int64_t quiz_id) {
  return s_.Read("quizzes.count_attempts", [&]() -> base::Result<int64_t> {
    return Int(s_.Exec(kQuizAttemptCount, Params().Add(quiz_id))[0][0]);
  });
}

}  // namespace binhyen::store::postgres
