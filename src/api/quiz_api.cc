// Quizzes of the awareness programme: the open quizzes and their questions (public, never the
// answers), attempts scored on the server (public), and for programme admins: create, update,
// open, close and the results per unit, per known person and per day.

#include <utility>

#include "api/body_decoders.h"
#include "api/internal/api_impl.h"
#include "api/json_body.h"
#include "api/json_views.h"
#include "api/problem.h"
#include "service/quizzes.h"

namespace binhyen::api {
namespace {

using nlohmann::json;

http::Response NoSuchQuiz(std::string_view which) {
  return Problem(404, "not_found", "no quiz " + std::string(which), "Không tìm thấy bộ câu hỏi.");
}

// The quiz as anyone may see it: the questions and options, never the right answers or the
// explanations (those come back with a scored attempt).
json PublicQuizJson(const domain::Quiz& q, bool with_questions) {
  json j = {{"slug", q.slug},
            {"title", q.title},
            {"intro", q.intro},
            {"status", std::string(domain::Name(q.status))},
            {"question_count", q.questions.size()},
            {"pass_percent", q.pass_percent},
            {"opens_at", OptionalTimeJson(q.opens_at)},
            {"closes_at", OptionalTimeJson(q.closes_at)}};
  if (with_questions) {
    json questions = json::array();
    for (const domain::QuizQuestion& question : q.questions) {
      questions.push_back({{"text", question.text}, {"options", question.options}});
    }
    j["questions"] = std::move(questions);
  }
  return j;
}

// The whole quiz, for programme admins.
json AdminQuizJson(const domain::Quiz& q) {
  json j = PublicQuizJson(q, false);
  j["id"] = q.id;
  j["created_by"] = q.created_by;
  j["created_at"] = TimeJson(q.created_at);
  j["updated_at"] = TimeJson(q.updated_at);
  json questions = json::array();
  for (const domain::QuizQuestion& question : q.questions) {
    questions.push_back({{"text", question.text},
                         {"options", question.options},
                         {"correct", question.correct},
                         {"explanation", question.explanation}});
  }
  j["questions"] = std::move(questions);
  return j;
}

bool CanManage(const OptionalPrincipal& caller) {
  return caller.has_value() && caller->Can(service::Permission::kProgrammeManage);
}

json ResultsJson(const service::QuizResults& r) {
  json units = json::array();
  for (const service::QuizUnitResult& u : r.units) {
    units.push_back({{"unit", u.unit_code},
                     {"unit_name", u.unit_name},
                     {"depth", u.depth},
                     {"attempts", u.attempts},
                     {"passed", u.passed},
                     {"average_percent", u.average_percent},
                     {"pass_rate", u.pass_rate}});
  }
  json people = json::array();
  for (const service::QuizPersonResult& p : r.people) {
    people.push_back({{"person_id", p.person_id},
                      {"name", p.name},
                      {"unit", p.unit_code},
                      {"unit_name", p.unit_name},
                      {"attempts", p.attempts},
                      {"best_percent", p.best_percent},
                      {"passed", p.passed},
                      {"last_at", TimeJson(p.last_at)}});
  }
  json days = json::array();
  for (const service::QuizDayResult& d : r.days) {
    days.push_back({{"day", d.day},
                    {"attempts", d.attempts},
                    {"passed", d.passed},
                    {"average_percent", d.average_percent}});
  }
  json j = AdminQuizJson(r.quiz);
  j["results"] = {{"attempts", r.attempts},
                  {"passed", r.passed},
                  {"average_percent", r.average_percent},
                  {"pass_rate", r.pass_rate},
                  {"without_unit", r.without_unit},
                  {"units", std::move(units)},
                  {"people", std::move(people)},
                  {"days", std::move(days)}};
  return j;
}

json OutcomeJson(const service::QuizOutcome& o) {
  json questions = json::array();
  for (size_t i = 0; i < o.quiz.questions.size(); ++i) {
    const domain::QuizQuestion& q = o.quiz.questions[i];
    const int chosen = o.attempt.answers[i];
    questions.push_back({{"chosen", chosen < 0 ? json(nullptr) : json(chosen)},
                         {"correct", q.correct},
                         {"right", chosen == q.correct},
                         {"explanation", q.explanation}});
  }
  return {{"id", o.attempt.id},
          {"score", o.attempt.score},
          {"total", o.attempt.total},
          {"percent", o.percent},
          {"passed", o.attempt.passed},
          {"pass_percent", o.quiz.pass_percent},
          {"questions", std::move(questions)}};
}

service::Quizzes MakeQuizzes(store::Store& store, const base::Clock& clock) {
  // The JSON API takes anonymous attempts only: personal links are a page (/lam-bai/{token}).
  return service::Quizzes(store, clock, nullptr);
}

}  // namespace

http::Response Api::Impl::ListQuizzes(http::Request& request, const OptionalPrincipal& caller) {
  service::Quizzes quizzes = MakeQuizzes(store, clock);
  const bool admin = CanManage(caller);
  base::Result<std::vector<domain::Quiz>> listed = admin ? quizzes.List() : quizzes.ListOpen();
  if (!listed.ok()) return FromStatus(listed.status(), request);
  json items = json::array();
  for (const domain::Quiz& q : *listed) {
    json j = PublicQuizJson(q, false);
    if (admin) j["id"] = q.id;
    items.push_back(std::move(j));
  }
  return http::Response::Json(200, Dump({{"items", std::move(items)}}));
}

http::Response Api::Impl::GetQuiz(http::Request& request, const OptionalPrincipal&) {
  const std::string slug(request.PathParam("slug"));
  base::Result<domain::Quiz> quiz = MakeQuizzes(store, clock).GetPublic(slug);
  if (!quiz.ok()) {
    if (quiz.status().code() == base::StatusCode::kNotFound) return NoSuchQuiz(slug);
    return FromStatus(quiz.status(), request);
  }
  return http::Response::Json(200, Dump(PublicQuizJson(*quiz, true)));
}

http::Response Api::Impl::SubmitQuizAttempt(http::Request& request, const OptionalPrincipal&) {
  if (std::optional<http::Response> refused = RateLimit(report_limiter, "quiz", request)) {
    return *std::move(refused);
  }
  auto body = ReadJsonObject(request, {"answers", "unit"});
  if (auto* refusal = std::get_if<http::Response>(&body)) return std::move(*refusal);
  base::Result<service::QuizAnswers> answers = QuizAnswersFromJson(std::get<json>(body));
  if (!answers.ok()) return FromStatus(answers.status(), request);
  const std::string slug(request.PathParam("slug"));
  base::Result<service::QuizOutcome> outcome = MakeQuizzes(store, clock).Submit(slug, *answers);
  if (!outcome.ok()) {
    if (outcome.status().code() == base::StatusCode::kNotFound) return NoSuchQuiz(slug);
    if (outcome.status().code() == base::StatusCode::kFailedPrecondition) {
      return Problem(409, "quiz_closed", outcome.status().message(),
                     "Bộ câu hỏi này hiện không nhận bài làm.");
    }
    return FromStatus(outcome.status(), request);
  }
  return http::Response::Json(201, Dump(OutcomeJson(*outcome)));
}

http::Response Api::Impl::CreateQuiz(http::Request& request, const OptionalPrincipal& caller) {
  auto body = ReadJsonObject(
      request, {"slug", "title", "intro", "questions", "pass_percent", "opens_at", "closes_at"});
  if (auto* refusal = std::get_if<http::Response>(&body)) return std::move(*refusal);
  base::Result<service::QuizDraft> draft = QuizDraftFromJson(std::get<json>(body));
  if (!draft.ok()) return FromStatus(draft.status(), request);
  base::Result<domain::Quiz> created = MakeQuizzes(store, clock).Create(*draft, *caller);
  if (!created.ok()) return FromStatus(created.status(), request);
  http::Response r = http::Response::Json(201, Dump(AdminQuizJson(*created)));
  r.headers.Set("Location", "/api/v1/quizzes/" + std::to_string(created->id) + "/results");
  return r;
}

http::Response Api::Impl::UpdateQuiz(http::Request& request, const OptionalPrincipal& caller) {
  std::optional<int64_t> id = PathId(request);
  if (!id) return NoSuchQuiz(request.PathParam("id"));
  auto body = ReadJsonObject(
      request, {"slug", "title", "intro", "questions", "pass_percent", "opens_at", "closes_at"});
  if (auto* refusal = std::get_if<http::Response>(&body)) return std::move(*refusal);
  base::Result<service::QuizDraft> draft = QuizDraftFromJson(std::get<json>(body));
  if (!draft.ok()) return FromStatus(draft.status(), request);
  base::Result<domain::Quiz> saved = MakeQuizzes(store, clock).Update(*id, *draft, *caller);
  if (!saved.ok()) return FromStatus(saved.status(), request);
  return http::Response::Json(200, Dump(AdminQuizJson(*saved)));
}

http::Response Api::Impl::OpenQuiz(http::Request& request, const OptionalPrincipal& caller) {
  std::optional<int64_t> id = PathId(request);
  if (!id) return NoSuchQuiz(request.PathParam("id"));
  base::Result<domain::Quiz> q =
      MakeQuizzes(store, clock).SetStatus(*id, domain::QuizStatus::kOpen, *caller);
  if (!q.ok()) return FromStatus(q.status(), request);
  return http::Response::Json(200, Dump(AdminQuizJson(*q)));
}

http::Response Api::Impl::CloseQuiz(http::Request& request, const OptionalPrincipal& caller) {
  std::optional<int64_t> id = PathId(request);
  if (!id) return NoSuchQuiz(request.PathParam("id"));
  base::Result<domain::Quiz> q =
      MakeQuizzes(store, clock).SetStatus(*id, domain::QuizStatus::kClosed, *caller);
  if (!q.ok()) return FromStatus(q.status(), request);
  return http::Response::Json(200, Dump(AdminQuizJson(*q)));
}

http::Response Api::Impl::QuizResults(http::Request& request, const OptionalPrincipal&) {
  std::optional<int64_t> id = PathId(request);
  if (!id) return NoSuchQuiz(request.PathParam("id"));
  base::Result<service::QuizResults> r = MakeQuizzes(store, clock).Results(*id);
  if (!r.ok()) return FromStatus(r.status(), request);
  return http::Response::Json(200, Dump(ResultsJson(*r)));
}

}  // namespace binhyen::api
