#include "domain/quiz.h"

#include <array>
#include <utility>

namespace binhyen::domain {
namespace {

constexpr std::array<std::pair<QuizStatus, std::string_view>, 3> kStatuses = {{
    {QuizStatus::kDraft, "draft"},
    {QuizStatus::kOpen, "open"},
    {QuizStatus::kClosed, "closed"},
}};

base::Status Bad(std::string_view field, std::string_view what) {
  return base::InvalidArgumentError(std::string(field) + ": " + std::string(what));
}

bool OneLine(std::string_view s) { return s.find_first_of("\r\n") == std::string_view::npos; }

bool HasNul(std::string_view s) { return s.find('\0') != std::string_view::npos; }

base::Status ValidateQuestion(const QuizQuestion& q, size_t index) {
  const std::string field = "questions[" + std::to_string(index + 1) + "]";
  if (q.text.empty() || q.text.size() > kMaxQuizQuestionBytes || HasNul(q.text)) {
    return Bad(field + ".text", "must be 1 to 1000 bytes");
  }
  if (q.options.size() < kMinQuizOptions || q.options.size() > kMaxQuizOptions) {
    return Bad(field + ".options", "must have 2 to 6 options");
  }
  for (size_t i = 0; i < q.options.size(); ++i) {
    const std::string& o = q.options[i];
    if (o.empty() || o.size() > kMaxQuizOptionBytes || !OneLine(o) || HasNul(o)) {
      return Bad(field + ".options[" + std::to_string(i + 1) + "]",
                 "must be one line of 1 to 300 bytes");
    }
  }
  if (q.correct < 0 || static_cast<size_t>(q.correct) >= q.options.size()) {
    return Bad(field + ".correct", "must name one of the options");
  }
  if (q.explanation.size() > kMaxQuizExplanationBytes || HasNul(q.explanation)) {
    return Bad(field + ".explanation", "must be at most 2000 bytes");
  }
  return base::Status::Ok();
}

}  // namespace

std::string_view Name(QuizStatus v) {
  for (const auto& [value, name] : kStatuses) {
    if (value == v) return name;
  }
  return "unknown";
}

std::optional<QuizStatus> ParseQuizStatus(std::string_view name) {
  for (const auto& [value, n] : kStatuses) {
    if (n == name) return value;
  }
  return std::nullopt;
}

bool ValidQuizSlug(std::string_view slug) {
  if (slug.empty() || slug.size() > kMaxQuizSlugBytes) return false;
  if (slug.front() == '-' || slug.back() == '-') return false;
  for (char c : slug) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) return false;
  }
  return true;
}

base::Status Validate(const Quiz& quiz) {
  if (!ValidQuizSlug(quiz.slug)) {
    return Bad("slug", "must be 1 to 80 of a-z, 0-9 and '-', not starting or ending with '-'");
  }
  if (quiz.title.empty() || HasNul(quiz.title)) return Bad("title", "must not be empty");
  if (quiz.title.size() > kMaxQuizTitleBytes) return Bad("title", "must be at most 300 bytes");
  if (quiz.intro.size() > kMaxQuizIntroBytes || HasNul(quiz.intro)) {
    return Bad("intro", "must be at most 20000 bytes");
  }
  if (quiz.questions.empty() || quiz.questions.size() > kMaxQuizQuestions) {
    return Bad("questions", "must have 1 to 50 questions");
  }
  for (size_t i = 0; i < quiz.questions.size(); ++i) {
    BINHYEN_RETURN_IF_ERROR(ValidateQuestion(quiz.questions[i], i));
  }
  if (quiz.pass_percent < 0 || quiz.pass_percent > 100) {
    return Bad("pass_percent", "must be from 0 to 100");
  }
  if (quiz.opens_at && quiz.closes_at && *quiz.closes_at <= *quiz.opens_at) {
    return Bad("closes_at", "must be after opens_at");
  }
  return base::Status::Ok();
}

base::Status Validate(const QuizAttempt& a) {
  if (a.total <= 0 || static_cast<size_t>(a.total) > kMaxQuizQuestions) {
    return Bad("total", "must be from 1 to 50");
  }
  if (a.answers.size() != static_cast<size_t>(a.total)) {
    return Bad("answers", "must have one answer per question");
  }
  for (int answer : a.answers) {
    if (answer < -1 || answer >= static_cast<int>(kMaxQuizOptions)) {
      return Bad("answers", "must be option indexes (or -1 for none)");
    }
  }
  if (a.score < 0 || a.score > a.total) return Bad("score", "must be from 0 to total");
  return base::Status::Ok();
}

}  // namespace binhyen::domain
