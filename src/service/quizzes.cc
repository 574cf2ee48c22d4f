#include "service/quizzes.h"

#include <chrono>
#include <utility>

#include "base/strings.h"
#include "service/audit_entry.h"
#include "service/field_errors.h"
#include "service/people.h"

namespace binhyen::service {
namespace {

std::string Target(int64_t id) { return "quiz:" + std::to_string(id); }

// The field errors of a quiz, all at once: domain::Validate stops at the first, so each part
// is checked on its own.
base::Status CheckDraft(const domain::Quiz& q) {
  FieldErrors errors;
  if (!domain::ValidQuizSlug(q.slug)) {
    errors.Add("slug", "must be 1 to 80 of a-z, 0-9 and '-', not starting or ending with '-'");
  }
  if (q.title.empty()) errors.Add("title", "must not be empty");
  if (q.title.size() > domain::kMaxQuizTitleBytes) errors.Add("title", "must be at most 300 bytes");
  if (HasNul(q.title) || HasNul(q.intro)) errors.Add(HasNul(q.title) ? "title" : "intro", kNoNul);
  if (q.intro.size() > domain::kMaxQuizIntroBytes)
    errors.Add("intro", "must be at most 20000 bytes");
  if (q.pass_percent < 0 || q.pass_percent > 100)
    errors.Add("pass_percent", "must be from 0 to 100");
  if (q.opens_at && q.closes_at && *q.closes_at <= *q.opens_at) {
    errors.Add("closes_at", "must be after opens_at");
  }
  if (errors.empty()) {
    // The questions' rules (and anything not checked above).
    BINHYEN_RETURN_IF_ERROR(errors.Merge(domain::Validate(q)));
  } else {
    domain::Quiz questions_only = q;
    questions_only.slug = "x";
    questions_only.title = "x";
    questions_only.intro.clear();
    questions_only.pass_percent = 0;
    questions_only.closes_at.reset();
    BINHYEN_RETURN_IF_ERROR(errors.Merge(domain::Validate(questions_only)));
  }
  return errors.ToStatus();
}

domain::Quiz FromDraft(const QuizDraft& d) {
  domain::Quiz q;
  q.slug = std::string(base::TrimAscii(d.slug));
  q.title = std::string(base::TrimAscii(d.title));
  q.intro = d.intro;
  q.questions = d.questions;
  for (domain::QuizQuestion& question : q.questions) {
    question.text = std::string(base::TrimAscii(question.text));
    for (std::string& o : question.options) o = std::string(base::TrimAscii(o));
    question.explanation = std::string(base::TrimAscii(question.explanation));
  }
  q.pass_percent = d.pass_percent;
  q.opens_at = d.opens_at;
  q.closes_at = d.closes_at;
  return q;
}

base::Status Audit(store::Transaction& tx, base::TimePoint at, std::string_view actor,
                   std::string_view action, int64_t id, std::string_view summary) {
  return tx.Audit().Append(MakeAuditEntry(at, actor, action, Target(id), summary)).status();
}

std::string_view StatusAction(domain::QuizStatus s) {
  switch (s) {
    case domain::QuizStatus::kOpen: return "quiz.open";
    case domain::QuizStatus::kClosed: return "quiz.close";
    case domain::QuizStatus::kDraft: break;
  }
  return "quiz.draft";
}

// When the personal links of a quiz stop working: the same for every link issued on one day, so
// two printed lists agree.
base::TimePoint LinkExpiry(const domain::Quiz& q, base::TimePoint now) {
  if (q.closes_at) return *q.closes_at + QuizLinks::kGrace;
  const auto day = std::chrono::floor<std::chrono::days>(now);
  return base::TimePoint(day) + QuizLinks::kDefaultValidity;
}

}  // namespace

Quizzes::Quizzes(store::Store& store, const base::Clock& clock, const QuizLinks* links)
    : store_(store), clock_(clock), links_(links) {}

domain::QuizAttempt Quizzes::Score(const domain::Quiz& quiz,
                                   const std::vector<std::optional<int>>& chosen) {
  domain::QuizAttempt a;
  a.quiz_id = quiz.id;
  a.total = static_cast<int>(quiz.questions.size());
  for (size_t i = 0; i < quiz.questions.size(); ++i) {
    const int answer = i < chosen.size() && chosen[i] ? *chosen[i] : -1;
    a.answers.push_back(answer);
    if (answer == quiz.questions[i].correct) ++a.score;
  }
  a.passed = a.score * 100 >= quiz.pass_percent * a.total;
  return a;
}

bool Quizzes::TakesAttempts(const domain::Quiz& quiz, base::TimePoint now) {
  if (quiz.status != domain::QuizStatus::kOpen) return false;
  if (quiz.opens_at && now < *quiz.opens_at) return false;
  if (quiz.closes_at && now >= *quiz.closes_at) return false;
  return true;
}

base::Result<domain::Quiz> Quizzes::Create(const QuizDraft& draft, const Principal& caller) {
  domain::Quiz q = FromDraft(draft);
  q.created_by = caller.user_id;
  q.created_at = clock_.Now();
  q.updated_at = q.created_at;
  BINHYEN_RETURN_IF_ERROR(CheckDraft(q));
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(q.id, tx->Quizzes().Create(q));
  BINHYEN_RETURN_IF_ERROR(
      Audit(*tx, q.created_at, caller.Actor(), "quiz.create", q.id,
            "draft \"" + q.title + "\" with " + std::to_string(q.questions.size()) + " questions"));
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  return q;
}

base::Result<domain::Quiz> Quizzes::Update(int64_t id, const QuizDraft& draft,
                                           const Principal& caller) {
  domain::Quiz q = FromDraft(draft);
  q.id = id;
  q.updated_at = clock_.Now();
  BINHYEN_RETURN_IF_ERROR(CheckDraft(q));
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_RETURN_IF_ERROR(tx->Quizzes().Update(q));
  BINHYEN_RETURN_IF_ERROR(
      Audit(*tx, q.updated_at, caller.Actor(), "quiz.update", id, "\"" + q.title + "\""));
  BINHYEN_ASSIGN_OR_RETURN(domain::Quiz stored, tx->Quizzes().Get(id));
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  return stored;
}

base::Result<domain::Quiz> Quizzes::SetStatus(int64_t id, domain::QuizStatus status,
                                              const Principal& caller) {
  const base::TimePoint now = clock_.Now();
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_RETURN_IF_ERROR(tx->Quizzes().SetStatus(id, status, now));
  BINHYEN_RETURN_IF_ERROR(Audit(*tx, now, caller.Actor(), StatusAction(status), id,
                                "status " + std::string(domain::Name(status))));
  BINHYEN_ASSIGN_OR_RETURN(domain::Quiz stored, tx->Quizzes().Get(id));
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  return stored;
}

base::Result<std::vector<domain::Quiz>> Quizzes::List() {
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  return tx->Quizzes().List();
}

base::Result<std::vector<domain::Quiz>> Quizzes::ListOpen() {
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Quiz> all, List());
  const base::TimePoint now = clock_.Now();
  std::vector<domain::Quiz> out;
  for (domain::Quiz& q : all) {
    if (TakesAttempts(q, now)) out.push_back(std::move(q));
  }
  return out;
}

base::Result<domain::Quiz> Quizzes::Get(int64_t id) {
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  return tx->Quizzes().Get(id);
}

base::Result<domain::Quiz> Quizzes::GetPublic(std::string_view slug) {
  if (!domain::ValidQuizSlug(slug)) {
    return base::NotFoundError("quiz '" + std::string(slug) + "': not found");
  }
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  BINHYEN_ASSIGN_OR_RETURN(domain::Quiz q, tx->Quizzes().GetBySlug(slug));
  if (q.status == domain::QuizStatus::kDraft) {
    return base::NotFoundError("quiz '" + std::string(slug) + "': not found");
  }
  return q;
}

base::Result<QuizOutcome> Quizzes::Record(store::Transaction& tx, const domain::Quiz& quiz,
                                          const QuizAnswers& answers,
                                          std::optional<int64_t> person_id,
                                          std::optional<std::string> unit_code) {
  const base::TimePoint now = clock_.Now();
  if (!TakesAttempts(quiz, now)) {
    const bool early =
        quiz.status == domain::QuizStatus::kOpen && quiz.opens_at && now < *quiz.opens_at;
    return base::FailedPreconditionError(early ? "quiz: not open yet" : "quiz: closed");
  }
  FieldErrors errors;
  if (answers.chosen.size() != quiz.questions.size()) {
    errors.Add("answers", "one per question");
  } else {
    for (size_t i = 0; i < quiz.questions.size(); ++i) {
      const std::string field = "answers[" + std::to_string(i + 1) + "]";
      if (!answers.chosen[i]) {
        errors.Add(field, "must be chosen");
      } else if (*answers.chosen[i] < 0 ||
                 *answers.chosen[i] >= static_cast<int>(quiz.questions[i].options.size())) {
        errors.Add(field, "not an option");
      }
    }
  }
  if (unit_code && !person_id) {
    base::Result<std::vector<domain::Unit>> units = tx.Units().List();
    if (!units.ok()) return units.status();
    bool known = false;
    for (const domain::Unit& u : *units) known = known || u.code == *unit_code;
    if (!known) errors.Add("unit", "unknown unit");
  }
  BINHYEN_RETURN_IF_ERROR(errors.ToStatus());
  QuizOutcome out;
  out.quiz = quiz;
  out.attempt = Score(quiz, answers.chosen);
  out.attempt.unit_code = std::move(unit_code);
  out.attempt.person_id = person_id;
  out.attempt.submitted_at = now;
  BINHYEN_ASSIGN_OR_RETURN(out.attempt.id, tx.Quizzes().AddAttempt(out.attempt));
  if (person_id) {
    BINHYEN_RETURN_IF_ERROR(Audit(
        tx, now, "person:" + std::to_string(*person_id), "quiz.attempt", quiz.id,
        "score " + std::to_string(out.attempt.score) + "/" + std::to_string(out.attempt.total)));
  }
  BINHYEN_RETURN_IF_ERROR(tx.Commit());
  out.percent = out.attempt.score * 100 / out.attempt.total;
  return out;
}

base::Result<QuizOutcome> Quizzes::Submit(std::string_view slug, const QuizAnswers& answers) {
  BINHYEN_ASSIGN_OR_RETURN(domain::Quiz quiz, GetPublic(slug));
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  std::optional<std::string> unit = answers.unit_code;
  if (unit && unit->empty()) unit.reset();
  return Record(*tx, quiz, answers, std::nullopt, std::move(unit));
}

base::Result<PersonalQuiz> Quizzes::LoadLink(store::Transaction& tx, std::string_view token) {
  if (links_ == nullptr) return base::UnavailableError("quiz links: not configured");
  BINHYEN_ASSIGN_OR_RETURN(QuizClaim claim, links_->Verify(token));
  PersonalQuiz out;
  BINHYEN_ASSIGN_OR_RETURN(out.quiz, tx.Quizzes().Get(claim.quiz_id));
  if (out.quiz.status == domain::QuizStatus::kDraft) {
    return base::NotFoundError("quiz " + std::to_string(claim.quiz_id) + ": not found");
  }
  BINHYEN_ASSIGN_OR_RETURN(domain::Person person, tx.People().Get(claim.person_id));
  BINHYEN_RETURN_IF_ERROR(domain::CheckActive(person));  // their link no longer acts
  out.person_id = person.id;
  out.person_name = person.name;
  out.unit_code = person.unit_code;
  BINHYEN_ASSIGN_OR_RETURN(domain::Unit unit, tx.Units().Get(person.unit_code));
  out.unit_name = unit.name;
  return out;
}

base::Result<PersonalQuiz> Quizzes::OpenLink(std::string_view token) {
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  return LoadLink(*tx, token);
}

base::Result<QuizOutcome> Quizzes::SubmitLink(std::string_view token, const QuizAnswers& answers) {
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(PersonalQuiz pq, LoadLink(*tx, token));
  return Record(*tx, pq.quiz, answers, pq.person_id, pq.unit_code);
}

base::Result<std::vector<QuizPersonLink>> Quizzes::Links(int64_t id, std::string_view unit_code,
                                                         const Principal& caller) {
  if (links_ == nullptr) return base::UnavailableError("quiz links: not configured");
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(domain::Quiz quiz, tx->Quizzes().Get(id));
  if (quiz.status == domain::QuizStatus::kDraft) {
    return base::FailedPreconditionError("quiz: draft");
  }
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Unit> units, tx->Units().List());
  bool known = false;
  for (const domain::Unit& u : units) known = known || u.code == unit_code;
  if (!known) return base::NotFoundError("unit '" + std::string(unit_code) + "': not found");
  const std::vector<std::string> codes = People::Subtree(units, unit_code);
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Person> people, tx->People().List(codes));
  const base::TimePoint now = clock_.Now();
  const base::TimePoint expires = LinkExpiry(quiz, now);
  std::vector<QuizPersonLink> out;
  for (const domain::Person& p : people) {
    out.push_back({p.id, p.name, p.position, p.unit_code,
                   std::string(kQuizLinkPathPrefix) + links_->Issue({id, p.id, expires})});
  }
  BINHYEN_RETURN_IF_ERROR(
      Audit(*tx, now, caller.Actor(), "quiz.links", id,
            std::to_string(out.size()) + " personal links for unit " + std::string(unit_code)));
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  return out;
}

}  // namespace binhyen::service
