#pragma once

// The quizzes of the awareness programme (issue 8): quizzes with their questions, and the
// attempts taken on them. Included by store/store.h (Transaction::Quizzes()); general contract of
// every method in store.h.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "base/status.h"
#include "domain/quiz.h"

namespace binhyen::store {

// What the results need of one attempt (no answers, no name).
struct QuizAttemptRow {
  int64_t id = 0;
  std::optional<std::string> unit_code;
  std::optional<int64_t> person_id;
  int score = 0;
  int total = 0;
  bool passed = false;
  base::TimePoint submitted_at{};
  friend bool operator==(const QuizAttemptRow&, const QuizAttemptRow&) = default;
};

class QuizRepository {
 public:
  virtual ~QuizRepository() = default;
  // Stores a new quiz with its questions (status, id and updated_at of `quiz` are ignored: a new
  // quiz is a draft, updated_at = created_at). InvalidArgument (domain::Validate);
  // AlreadyExists "slug: already exists"; NotFound "user <id>: not found".
  virtual base::Result<int64_t> Create(const domain::Quiz& quiz) = 0;
  // Replaces slug, title, intro, questions, pass_percent, opens_at, closes_at of quiz `quiz.id`
  // and sets updated_at to `quiz.updated_at` (status, created_by and created_at are kept).
  // NotFound; InvalidArgument; AlreadyExists "slug: already exists"; FailedPrecondition
  // "questions: the quiz has attempts" when the questions change (count, text, options or
  // correct answer) of a quiz that already has attempts (their scores would lie).
  virtual base::Status Update(const domain::Quiz& quiz) = 0;
  // Sets the status (any change allowed) and updated_at. NotFound.
  virtual base::Status SetStatus(int64_t id, domain::QuizStatus status, base::TimePoint at) = 0;
  virtual base::Result<domain::Quiz> Get(int64_t id) = 0;
  // NotFound "quiz 'slug': not found".
  virtual base::Result<domain::Quiz> GetBySlug(std::string_view slug) = 0;
  // Every quiz, newest first (id descending), with its questions.
  virtual base::Result<std::vector<domain::Quiz>> List() = 0;

  // Stores a scored attempt (id ignored). InvalidArgument (domain::Validate, and "answers: must
  // have one answer per question" when total differs from the quiz's question count); NotFound
  // for the quiz, the unit ("unit 'x': not found") or the person.
  virtual base::Result<int64_t> AddAttempt(const domain::QuizAttempt& attempt) = 0;
  virtual base::Result<domain::QuizAttempt> GetAttempt(int64_t id) = 0;
  // Every attempt of quiz `quiz_id`, oldest first (id ascending), at most `limit` (1..1000000)
  // from the first. NotFound for the quiz.
  virtual base::Result<std::vector<QuizAttemptRow>> Attempts(int64_t quiz_id, int limit) = 0;
  // How many attempts quiz `quiz_id` has (0 for an unknown quiz).
  virtual base::Result<int64_t> CountAttempts(int64_t quiz_id) = 0;
};

}  // namespace binhyen::store
