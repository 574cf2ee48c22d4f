#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "domain/quiz.h"
#include "service/auth.h"
#include "service/quiz_links.h"
#include "store/store.h"

namespace binhyen::service {

// What a programme admin writes for a quiz (trimmed by the service).
struct QuizDraft {
  std::string slug;
  std::string title;
  std::string intro;  // Markdown
  std::vector<domain::QuizQuestion> questions;
  int pass_percent = 70;
  std::optional<base::TimePoint> opens_at;
  std::optional<base::TimePoint> closes_at;
};

// A taker's answers: one entry per question (nullopt: not answered), and for an anonymous taker
// the unit they chose (nullopt: a resident, "người dân").
struct QuizAnswers {
  std::vector<std::optional<int>> chosen;
  std::optional<std::string> unit_code;
};

// A scored attempt with the quiz it was for (the page shows each question's explanation).
struct QuizOutcome {
  domain::Quiz quiz;
  domain::QuizAttempt attempt;
  int percent = 0;  // score * 100 / total, rounded down
};

// The quiz behind a personal link, and who it is for.
struct PersonalQuiz {
  domain::Quiz quiz;
  int64_t person_id = 0;
  std::string person_name;
  std::string unit_code;
  std::string unit_name;
};

// A person's personal link (console: to print or send).
struct QuizPersonLink {
  int64_t person_id = 0;
  std::string name;
  std::string position;
  std::string unit_code;
  std::string path;  // "/lam-bai/<token>"
};

// Results of one unit, counting the attempts of the unit and of every unit below it.
struct QuizUnitResult {
  std::string unit_code;
  std::string unit_name;
  int depth = 0;  // 0 for a root of the tree
  int64_t attempts = 0;
  int64_t passed = 0;
  int average_percent = 0;  // mean of the attempts' percentages, rounded down
  int pass_rate = 0;        // passed * 100 / attempts, rounded down
};

// Results of a known person (personal links only; anonymous takers are never listed).
struct QuizPersonResult {
  int64_t person_id = 0;
  std::string name;
  std::string unit_code;
  std::string unit_name;
  int64_t attempts = 0;
  int best_percent = 0;
  bool passed = false;  // any attempt passed
  base::TimePoint last_at{};
};

// Attempts of one day (Vietnam time).
struct QuizDayResult {
  std::string day;  // "YYYY-MM-DD"
  int64_t attempts = 0;
  int64_t passed = 0;
  int average_percent = 0;
};

struct QuizResults {
  domain::Quiz quiz;
  int64_t attempts = 0;
  int64_t passed = 0;
  int average_percent = 0;
  int pass_rate = 0;
  int64_t without_unit = 0;              // residents who chose no unit
  std::vector<QuizUnitResult> units;     // tree order (parents first, codes ascending); only units
                                         // with attempts in their subtree
  std::vector<QuizPersonResult> people;  // by unit code, then name
  std::vector<QuizDayResult> days;       // oldest first; the last kMaxResultDays days with attempts
};

inline constexpr size_t kMaxResultDays = 90;
// At most this many attempts are read for the results of one quiz.
inline constexpr int kMaxResultAttempts = 200000;

// Quizzes of the awareness programme: drafts and edits by programme admins, opening and closing,
// public attempts (scored here, never by the client), personal links for known people, and
// results per unit (over the unit tree), per person and per day. Admin changes are written with
// their audit entry in the same transaction ("quiz.create", "quiz.update", "quiz.open",
// "quiz.close", "quiz.draft", "quiz.links"; target "quiz:<id>"); an attempt through a personal
// link is audited as "quiz.attempt" by "person:<id>"; an anonymous attempt writes no audit entry
// (nothing about a resident is recorded but their answers and the unit they chose).
// Thread safety: thread-safe (holds references to thread-safe objects).
class Quizzes {
 public:
  // References must outlive the Quizzes; `links` may be null (personal links then answer
  // Unavailable "quiz links: not configured").
  Quizzes(store::Store& store, const base::Clock& clock, const QuizLinks* links);

  // Creates a draft. InvalidArgument with one "<field>: <what>" line per bad field
  // (FieldErrors; the fields of domain::Validate(Quiz)); AlreadyExists "slug: already exists".
  base::Result<domain::Quiz> Create(const QuizDraft& draft, const Principal& caller);
  // Replaces the quiz's content (errors as Create; NotFound; FailedPrecondition "questions: the
  // quiz has attempts" when the questions change after attempts).
  base::Result<domain::Quiz> Update(int64_t id, const QuizDraft& draft, const Principal& caller);
  // Opens, closes or returns a quiz to draft. NotFound.
  base::Result<domain::Quiz> SetStatus(int64_t id, domain::QuizStatus status,
                                       const Principal& caller);
  // Every quiz, newest first.
  base::Result<std::vector<domain::Quiz>> List();
  // The quizzes that take attempts now (TakesAttempts), newest first.
  base::Result<std::vector<domain::Quiz>> ListOpen();
  base::Result<domain::Quiz> Get(int64_t id);
  // A quiz for its public page: NotFound for an unknown slug or a draft (drafts are not public).
  base::Result<domain::Quiz> GetPublic(std::string_view slug);

  // Scores and stores an anonymous attempt on the quiz `slug`. NotFound (unknown or draft);
  // FailedPrecondition "quiz: closed" / "quiz: not open yet" when it takes no attempts now;
  // InvalidArgument with one line per problem: "answers[3]: must be chosen" (1-based),
  // "answers[3]: not an option", "answers: one per question", "unit: unknown unit".
  base::Result<QuizOutcome> Submit(std::string_view slug, const QuizAnswers& answers);

  // The quiz behind a personal link (errors of QuizLinks::Verify; NotFound when the quiz is a
  // draft or gone, or the person is gone; FailedPrecondition domain::kPersonLeftMessage when the
  // person has left their unit: the link no longer acts).
  base::Result<PersonalQuiz> OpenLink(std::string_view token);
  // Scores and stores an attempt through a personal link: it counts for the person and their
  // unit (answers.unit_code is ignored). Errors of OpenLink and Submit.
  base::Result<QuizOutcome> SubmitLink(std::string_view token, const QuizAnswers& answers);
  // The personal links of the people of `unit_code` and the units below it (audited
  // "quiz.links"). NotFound (quiz, unit); FailedPrecondition "quiz: draft" for a draft.
  base::Result<std::vector<QuizPersonLink>> Links(int64_t id, std::string_view unit_code,
                                                  const Principal& caller);

  // Results of quiz `id`. NotFound.
  base::Result<QuizResults> Results(int64_t id);

  // The attempt `chosen` would be (quiz_id, answers, score, total, passed set; the rest not).
  // REQUIRES: chosen.size() == quiz.questions.size().
  static domain::QuizAttempt Score(const domain::Quiz& quiz,
                                   const std::vector<std::optional<int>>& chosen);
  // True when `quiz` is open and `now` is within its dates.
  static bool TakesAttempts(const domain::Quiz& quiz, base::TimePoint now);

 private:
  base::Result<QuizOutcome> Record(store::Transaction& tx, const domain::Quiz& quiz,
                                   const QuizAnswers& answers, std::optional<int64_t> person_id,
                                   std::optional<std::string> unit_code);
  base::Result<PersonalQuiz> LoadLink(store::Transaction& tx, std::string_view token);

  store::Store& store_;
  const base::Clock& clock_;
  const QuizLinks* links_;
};

}  // namespace binhyen::service
