#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/status.h"

namespace binhyen::domain {

// Where a quiz is: a draft is edited and not public; an open one takes attempts (within its
// optional dates); a closed one is kept with its results and takes no more attempts.
enum class QuizStatus { kDraft, kOpen, kClosed };
std::string_view Name(QuizStatus v);  // "draft" "open" "closed"
std::optional<QuizStatus> ParseQuizStatus(std::string_view name);

// One single-choice question: 2..6 options, exactly one correct, and an explanation shown after
// the taker has answered.
struct QuizQuestion {
  std::string text;                  // 1..1000 bytes
  std::vector<std::string> options;  // 2..6, each 1..300 bytes, one line (no '\n' or '\r')
  int correct = 0;                   // index into options
  std::string explanation;           // 0..2000 bytes
  friend bool operator==(const QuizQuestion&, const QuizQuestion&) = default;
};

// A quiz of the awareness programme (e.g. "Nhận diện lừa đảo trên mạng"), taken on its public
// page /cau-do/{slug} by anyone, or through a personal link by a known person.
struct Quiz {
  int64_t id = 0;                       // assigned by the store
  std::string slug;                     // 1..80 of [a-z0-9-], no leading/trailing '-'; unique
  std::string title;                    // 1..300 bytes
  std::string intro;                    // Markdown; 0..20000 bytes
  std::vector<QuizQuestion> questions;  // 1..50
  int pass_percent = 70;                // 0..100: passed when score * 100 >= pass_percent * total
  QuizStatus status = QuizStatus::kDraft;
  std::optional<base::TimePoint> opens_at;   // attempts refused before (when set)
  std::optional<base::TimePoint> closes_at;  // attempts refused from (when set)
  int64_t created_by = 0;                    // users.id
  base::TimePoint created_at{};
  base::TimePoint updated_at{};
  friend bool operator==(const Quiz&, const Quiz&) = default;
};

// One submitted attempt, scored on the server. An anonymous attempt keeps no name: it counts
// only in the totals of the quiz and of the unit the taker chose (if any).
struct QuizAttempt {
  int64_t id = 0;  // assigned by the store
  int64_t quiz_id = 0;
  std::optional<std::string> unit_code;  // the unit chosen (anonymous) or the person's unit
  std::optional<int64_t> person_id;      // set only for a personal link
  std::vector<int> answers;              // chosen option per question (-1: none)
  int score = 0;                         // correct answers
  int total = 0;                         // questions
  bool passed = false;
  base::TimePoint submitted_at{};
  friend bool operator==(const QuizAttempt&, const QuizAttempt&) = default;
};

inline constexpr size_t kMaxQuizSlugBytes = 80;
inline constexpr size_t kMaxQuizTitleBytes = 300;
inline constexpr size_t kMaxQuizIntroBytes = 20000;
inline constexpr size_t kMaxQuizQuestions = 50;
inline constexpr size_t kMinQuizOptions = 2;
inline constexpr size_t kMaxQuizOptions = 6;
inline constexpr size_t kMaxQuizQuestionBytes = 1000;
inline constexpr size_t kMaxQuizOptionBytes = 300;
inline constexpr size_t kMaxQuizExplanationBytes = 2000;

// True when `slug` is 1..80 of [a-z0-9-] without a leading or trailing '-'.
bool ValidQuizSlug(std::string_view slug);

// InvalidArgument naming the field: "slug: ...", "title: ...", "intro: ...", "questions: ...",
// "questions[3].text: ...", "questions[3].options: ...", "questions[3].options[1]: ...",
// "questions[3].correct: ...", "questions[3].explanation: ...", "pass_percent: ...",
// "closes_at: must be after opens_at". Question indexes start at 1.
base::Status Validate(const Quiz& quiz);

// InvalidArgument naming the field: "answers: ...", "score: ...", "total: ...".
base::Status Validate(const QuizAttempt& attempt);

}  // namespace binhyen::domain
