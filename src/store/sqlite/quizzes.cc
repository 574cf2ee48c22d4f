// The awareness programme's quizzes and their attempts (store/quiz_store.h).
#include "store/sqlite/quizzes.h"

#include <string>
#include <utility>

#include "store/quiz_codec.h"
#include "store/sqlite/repositories.h"

namespace binhyen::store::sqlite {
namespace {

base::Status QuizNotFound(int64_t id) {
  return base::NotFoundError("quiz " + std::to_string(id) + ": not found");
}

base::Status Exists(Connection& c, std::string_view sql, auto key, base::Status missing) {
  BINHYEN_ASSIGN_OR_RETURN(auto s, c.Prepare(sql));
  s->Bind(1, key);
  BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
  return row ? base::Status::Ok() : missing;
}

}  // namespace

base::Status SqliteQuizzes::CheckSlugFree(std::string_view slug, int64_t id) {
  BINHYEN_ASSIGN_OR_RETURN(auto s,
                           tx_.connection().Prepare("SELECT id FROM quizzes WHERE slug = ?"));
  s->Bind(1, slug);
  BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
  if (row && s->Int(0) != id) return base::AlreadyExistsError("slug: already exists");
  return base::Status::Ok();
}

base::Status SqliteQuizzes::InsertQuestions(int64_t id,
                                            const std::vector<domain::QuizQuestion>& questions) {
  for (size_t i = 0; i < questions.size(); ++i) {
    const domain::QuizQuestion& q = questions[i];
    BINHYEN_ASSIGN_OR_RETURN(
        auto s,
        tx_.connection().Prepare("INSERT INTO quiz_questions (quiz_id, position, text, "
                                 "options, correct, explanation) VALUES (?, ?, ?, ?, ?, ?)"));
    s->Bind(1, id)
        .Bind(2, static_cast<int64_t>(i))
        .Bind(3, q.text)
        .Bind(4, JoinQuizOptions(q.options))
        .Bind(5, static_cast<int64_t>(q.correct))
        .Bind(6, q.explanation);
    BINHYEN_RETURN_IF_ERROR(s->Run());
  }
  return base::Status::Ok();
}

base::Result<int64_t> SqliteQuizzes::Create(const domain::Quiz& q) {
  return tx_.Write([&]() -> base::Result<int64_t> {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(q));
    Connection& conn = tx_.connection();
    BINHYEN_RETURN_IF_ERROR(UserExists(conn, q.created_by));
    BINHYEN_RETURN_IF_ERROR(CheckSlugFree(q.slug, 0));
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, conn.Prepare("INSERT INTO quizzes (slug, title, intro, pass_percent, status, "
                             "opens_at, closes_at, created_by, created_at, updated_at) VALUES "
                             "(?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?)"));
    s->Bind(1, q.slug).Bind(2, q.title).Bind(3, q.intro);
    s->Bind(4, static_cast<int64_t>(q.pass_percent)).Bind(5, q.opens_at).Bind(6, q.closes_at);
    s->Bind(7, q.created_by).Bind(8, q.created_at).Bind(9, q.created_at);
    BINHYEN_RETURN_IF_ERROR(s->Run());
    const int64_t id = sqlite3_last_insert_rowid(conn.db());
    BINHYEN_RETURN_IF_ERROR(InsertQuestions(id, q.questions));
    return id;
  });
}

base::Status SqliteQuizzes::Update(const domain::Quiz& q) {
  return tx_.Write([&]() -> base::Status {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(q));
    BINHYEN_ASSIGN_OR_RETURN(domain::Quiz old, Load(q.id));
    BINHYEN_RETURN_IF_ERROR(CheckSlugFree(q.slug, q.id));
    BINHYEN_ASSIGN_OR_RETURN(int64_t attempts, Count(q.id));
    if (attempts > 0 && !SameQuestions(old.questions, q.questions)) {
      return base::FailedPreconditionError("questions: the quiz has attempts");
    }
    Connection& conn = tx_.connection();
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, conn.Prepare("UPDATE quizzes SET slug = ?, title = ?, intro = ?, pass_percent = "
                             "?, opens_at = ?, closes_at = ?, updated_at = ? WHERE id = ?"));
    s->Bind(1, q.slug).Bind(2, q.title).Bind(3, q.intro);
    s->Bind(4, static_cast<int64_t>(q.pass_percent)).Bind(5, q.opens_at).Bind(6, q.closes_at);
    s->Bind(7, q.updated_at).Bind(8, q.id);
    BINHYEN_RETURN_IF_ERROR(s->Run());
    BINHYEN_ASSIGN_OR_RETURN(auto d, conn.Prepare("DELETE FROM quiz_questions WHERE quiz_id = ?"));
    d->Bind(1, q.id);
    BINHYEN_RETURN_IF_ERROR(d->Run());
    return InsertQuestions(q.id, q.questions);
  });
}

base::Status SqliteQuizzes::SetStatus(int64_t id, domain::QuizStatus status, base::TimePoint at) {
  return tx_.Write([&]() -> base::Status {
    BINHYEN_RETURN_IF_ERROR(
        Exists(tx_.connection(), "SELECT 1 FROM quizzes WHERE id = ?", id, QuizNotFound(id)));
    BINHYEN_ASSIGN_OR_RETURN(
        auto s,
        tx_.connection().Prepare("UPDATE quizzes SET status = ?, updated_at = ? WHERE id = ?"));
    s->Bind(1, domain::Name(status)).Bind(2, at).Bind(3, id);
    return s->Run();
  });
}

base::Result<domain::Quiz> SqliteQuizzes::Load(int64_t id) {
  Connection& conn = tx_.connection();
  BINHYEN_ASSIGN_OR_RETURN(
      auto s, conn.Prepare("SELECT slug, title, intro, pass_percent, status, opens_at, closes_at, "
                           "created_by, created_at, updated_at FROM quizzes WHERE id = ?"));
  s->Bind(1, id);
  BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return QuizNotFound(id);
  domain::Quiz q;
  q.id = id;
  q.slug = s->Text(0);
  q.title = s->Text(1);
  q.intro = s->Text(2);
  q.pass_percent = static_cast<int>(s->Int(3));
  const std::string status = s->Text(4);
  BINHYEN_ASSIGN_OR_RETURN(q.status,
                           ParseStored(domain::ParseQuizStatus(status), "status", status));
  q.opens_at = s->OptionalTime(5);
  q.closes_at = s->OptionalTime(6);
  q.created_by = s->Int(7);
  q.created_at = s->Time(8);
  q.updated_at = s->Time(9);
  BINHYEN_ASSIGN_OR_RETURN(
      auto qs, conn.Prepare("SELECT text, options, correct, explanation FROM quiz_questions "
                            "WHERE quiz_id = ? ORDER BY position"));
  qs->Bind(1, id);
  while (true) {
    BINHYEN_ASSIGN_OR_RETURN(bool more, qs->Step());
    if (!more) break;
    q.questions.push_back(
        {qs->Text(0), SplitQuizOptions(qs->Text(1)), static_cast<int>(qs->Int(2)), qs->Text(3)});
  }
  return q;
}

base::Result<domain::Quiz> SqliteQuizzes::Get(int64_t id) {
  return tx_.Read([&] { return Load(id); });
}

base::Result<domain::Quiz> SqliteQuizzes::GetBySlug(std::string_view slug) {
  return tx_.Read([&]() -> base::Result<domain::Quiz> {
    BINHYEN_ASSIGN_OR_RETURN(auto s,
                             tx_.connection().Prepare("SELECT id FROM quizzes WHERE slug = ?"));
    s->Bind(1, slug);
    BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return base::NotFoundError("quiz '" + std::string(slug) + "': not found");
    const int64_t id = s->Int(0);
    return Load(id);
  });
}

base::Result<std::vector<domain::Quiz>> SqliteQuizzes::List() {
  return tx_.Read([&]() -> base::Result<std::vector<domain::Quiz>> {
    BINHYEN_ASSIGN_OR_RETURN(auto s,
                             tx_.connection().Prepare("SELECT id FROM quizzes ORDER BY id DESC"));
    BINHYEN_ASSIGN_OR_RETURN(std::vector<int64_t> ids, CollectIds(*s));
    std::vector<domain::Quiz> out;
    for (int64_t id : ids) {
      BINHYEN_ASSIGN_OR_RETURN(domain::Quiz q, Load(id));
      out.push_back(std::move(q));
    }
    return out;
  });
}

base::Result<int64_t> SqliteQuizzes::AddAttempt(const domain::QuizAttempt& a) {
  return tx_.Write([&]() -> base::Result<int64_t> {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(a));
    Connection& conn = tx_.connection();
    BINHYEN_ASSIGN_OR_RETURN(auto n, conn.Prepare("SELECT count(*) FROM quiz_questions WHERE "
                                                  "quiz_id = ?"));
    n->Bind(1, a.quiz_id);
    BINHYEN_ASSIGN_OR_RETURN(bool counted, n->Step());
    BINHYEN_RETURN_IF_ERROR(
        Exists(conn, "SELECT 1 FROM quizzes WHERE id = ?", a.quiz_id, QuizNotFound(a.quiz_id)));
    if (!counted || n->Int(0) != a.total) {
      return base::InvalidArgumentError("answers: must have one answer per question");
    }
    if (a.unit_code) {
      BINHYEN_RETURN_IF_ERROR(
          Exists(conn, "SELECT 1 FROM units WHERE code = ?", std::string_view(*a.unit_code),
                 base::NotFoundError("unit '" + *a.unit_code + "': not found")));
    }
    if (a.person_id) {
      BINHYEN_RETURN_IF_ERROR(
          Exists(conn, "SELECT 1 FROM people WHERE id = ?", *a.person_id,
                 base::NotFoundError("person " + std::to_string(*a.person_id) + ": not found")));
    }
    BINHYEN_ASSIGN_OR_RETURN(
        auto s,
        conn.Prepare("INSERT INTO quiz_attempts (quiz_id, unit_code, person_id, answers, "
                     "score, total, passed, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    s->Bind(1, a.quiz_id);
    if (a.unit_code) {
      s->Bind(2, std::string_view(*a.unit_code));
    } else {
      s->BindNull(2);
    }
    s->Bind(3, a.person_id).Bind(4, JoinQuizAnswers(a.answers));
    s->Bind(5, static_cast<int64_t>(a.score)).Bind(6, static_cast<int64_t>(a.total));
    s->Bind(7, static_cast<int64_t>(a.passed ? 1 : 0)).Bind(8, a.submitted_at);
    BINHYEN_RETURN_IF_ERROR(s->Run());
    return static_cast<int64_t>(sqlite3_last_insert_rowid(conn.db()));
  });
}

base::Result<domain::QuizAttempt> SqliteQuizzes::GetAttempt(int64_t id) {
  return tx_.Read([&]() -> base::Result<domain::QuizAttempt> {
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare("SELECT quiz_id, unit_code, person_id, answers, score, "
                                         "total, passed, submitted_at FROM quiz_attempts WHERE "
                                         "id = ?"));
    s->Bind(1, id);
    BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return base::NotFoundError("attempt " + std::to_string(id) + ": not found");
    domain::QuizAttempt a;
    a.id = id;
    a.quiz_id = s->Int(0);
    if (!s->IsNull(1)) a.unit_code = s->Text(1);
    a.person_id = s->OptionalInt(2);
    BINHYEN_ASSIGN_OR_RETURN(a.answers, SplitQuizAnswers(s->Text(3)));
    a.score = static_cast<int>(s->Int(4));
    a.total = static_cast<int>(s->Int(5));
    a.passed = s->Int(6) != 0;
    a.submitted_at = s->Time(7);
    return a;
  });
}

base::Result<std::vector<QuizAttemptRow>> SqliteQuizzes::Attempts(int64_t quiz_id, int limit) {
  return tx_.Read([&]() -> base::Result<std::vector<QuizAttemptRow>> {
    if (limit < 1 || limit > 1000000) {
      return base::InvalidArgumentError("limit: must be in 1..1000000");
    }
    Connection& conn = tx_.connection();
    BINHYEN_RETURN_IF_ERROR(
        Exists(conn, "SELECT 1 FROM quizzes WHERE id = ?", quiz_id, QuizNotFound(quiz_id)));
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, conn.Prepare("SELECT id, unit_code, person_id, score, total, passed, submitted_at "
                             "FROM quiz_attempts WHERE quiz_id = ? ORDER BY id LIMIT ?"));
    s->Bind(1, quiz_id).Bind(2, static_cast<int64_t>(limit));
    std::vector<QuizAttemptRow> out;
    while (true) {
      BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) break;
      QuizAttemptRow r;
      r.id = s->Int(0);
      if (!s->IsNull(1)) r.unit_code = s->Text(1);
      r.person_id = s->OptionalInt(2);
      r.score = static_cast<int>(s->Int(3));
      r.total = static_cast<int>(s->Int(4));
      r.passed = s->Int(5) != 0;
      r.submitted_at = s->Time(6);
      out.push_back(std::move(r));
    }
    return out;
  });
}

base::Result<int64_t> SqliteQuizzes::Count(int64_t quiz_id) {
  BINHYEN_ASSIGN_OR_RETURN(
      auto s, tx_.connection().Prepare("SELECT count(*) FROM quiz_attempts WHERE quiz_id = ?"));
  s->Bind(1, quiz_id);
  BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
  return row ? s->Int(0) : 0;
}

base::Result<int64_t> SqliteQuizzes::CountAttempts(int64_t quiz_id) {
  return tx_.Read([&] { return Count(quiz_id); });
}

}  // namespace binhyen::store::sqlite
