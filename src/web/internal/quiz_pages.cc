// The public quiz pages: /cau-do (the open quizzes), /cau-do/{slug} (take a quiz, no account),
// and /lam-bai/{token} (the same through a personal link, so that an official's result counts
// for them and their unit). The form works without JavaScript; answers are scored by the
// service, and the right answers are only ever sent in the result page after a submission.

#include "web/internal/quiz_pages.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/strings.h"
#include "domain/person.h"
#include "render/markdown.h"
#include "service/people.h"
#include "service/quizzes.h"
#include "web/internal/console_common.h"
#include "web/internal/field_messages.h"

namespace binhyen::web::internal {
namespace {

constexpr size_t kMaxTakerNameBytes = 200;

// What the taker typed and chose, to score or to show again.
struct TakeForm {
  std::string name;  // shown on the result only; never stored
  std::string unit;  // "" = a resident
  std::vector<std::optional<int>> chosen;
};

void AddUnitNodes(const std::vector<service::UnitNode>& nodes, int depth, std::string_view selected,
                  Data& out) {
  for (const service::UnitNode& node : nodes) {
    std::string label;
    for (int i = 0; i < depth; ++i) label.append("\u2003");  // an em space per level
    label.append(node.unit.name);
    Data option;
    option.set("value", node.unit.code);
    option.set("label", label);
    option.set("selected", Data(node.unit.code == selected));
    out.push_back(option);
    AddUnitNodes(node.children, depth + 1, selected, out);
  }
}

TakeForm ReadTakeForm(const FormData& form, const domain::Quiz& quiz) {
  TakeForm f;
  f.name = std::string(base::TrimAscii(form.Field("name")));
  f.unit = std::string(base::TrimAscii(form.Field("unit")));
  for (size_t i = 0; i < quiz.questions.size(); ++i) {
    const std::string_view raw = form.Field("q" + std::to_string(i + 1));
    int64_t value = 0;
    if (!raw.empty() && base::ParseInt64(raw, value) && value >= 0 && value < 100) {
      f.chosen.push_back(static_cast<int>(value));
    } else if (!raw.empty()) {
      f.chosen.push_back(-1);  // not an option: the service says so
    } else {
      f.chosen.push_back(std::nullopt);
    }
  }
  return f;
}

// The service's "<field>: <what>" lines as the form's messages.
std::vector<FieldMessage> TakeMessages(const base::Status& status) {
  std::vector<FieldMessage> out;
  std::string_view text = status.message();
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    const std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    if (line.starts_with("answers[")) {
      const std::string n(line.substr(8, line.find(']') - 8));
      const bool missing = line.ends_with("must be chosen");
      out.push_back(
          {"q" + n,
           "Câu " + n + (missing ? ": bạn chưa chọn câu trả lời." : ": lựa chọn không hợp lệ."),
           "Question " + n + (missing ? ": choose an answer." : ": not one of the options.")});
    } else if (line.starts_with("unit")) {
      out.push_back({"unit", "Đơn vị không có trong danh sách. Hãy chọn lại.",
                     "That unit is not in the list. Choose again."});
    } else if (line.starts_with("name")) {
      out.push_back({"name", "Họ tên quá dài (tối đa 200 ký tự).",
                     "The name is too long (200 characters at most)."});
    } else {
      out.push_back({"form", "Bài làm chưa hợp lệ. Hãy kiểm tra lại.",
                     "The answers are not valid. Please check them."});
    }
  }
  return out;
}

struct TakeView {
  const domain::Quiz* quiz = nullptr;
  const service::PersonalQuiz* personal = nullptr;  // a personal link
  const TakeForm* form = nullptr;                   // null: a fresh form
  std::vector<FieldMessage> errors;
  int status = 200;
  bool form_expired = false;
  bool closed = false;
  bool not_yet = false;
};

Data QuestionData(const domain::Quiz& quiz, const TakeView& v) {
  Data questions = Data::type::list;
  for (size_t i = 0; i < quiz.questions.size(); ++i) {
    const domain::QuizQuestion& q = quiz.questions[i];
    const std::string id = "q" + std::to_string(i + 1);
    Data item;
    item.set("number", std::to_string(i + 1));
    item.set("id", id);
    item.set("text", q.text);
    Data options = Data::type::list;
    for (size_t o = 0; o < q.options.size(); ++o) {
      Data option;
      option.set("name", id);
      option.set("id", id + "-" + std::to_string(o));
      option.set("value", std::to_string(o));
      option.set("label", q.options[o]);
      const bool checked = v.form != nullptr && i < v.form->chosen.size() &&
                           v.form->chosen[i] == static_cast<int>(o);
      option.set("checked", Data(checked));
      options.push_back(option);
    }
    item.set("options", options);
    for (const FieldMessage& m : v.errors) {
      if (m.field != id) continue;
      Data error;
      error.set("text_vi", m.vi);
      error.set("text_en", m.en);
      item.set("error", error);
    }
    questions.push_back(item);
  }
  return questions;
}

// No caching, no referrer, no indexing: a personal link's token is its only key.
void PrivateHeaders(http::Response& r) {
  r.headers.Set("Cache-Control", "no-store");
  r.headers.Set("Referrer-Policy", "no-referrer");
  r.headers.Set("X-Robots-Tag", "noindex");
}

http::Response RenderTake(Shared& shared, const http::Request& request, PageContext& context,
                          const TakeView& v) {
  shared.IssueFormToken(request, context);
  const domain::Quiz& quiz = *v.quiz;
  Data data;
  AddFieldErrors(data, v.errors);
  data.set("title", quiz.title);
  data.set("intro_html", render::MarkdownToHtml(quiz.intro, 2));
  data.set("count", std::to_string(quiz.questions.size()));
  data.set("pass_percent", std::to_string(quiz.pass_percent));
  data.set("action", std::string(request.path));
  data.set("closed", Data(v.closed));
  data.set("not_yet", Data(v.not_yet));
  data.set("can_take", Data(!v.closed && !v.not_yet));
  data.set("form_expired", Data(v.form_expired));
  if (v.personal != nullptr) {
    Data who;
    who.set("person_name", v.personal->person_name);
    who.set("unit_name", v.personal->unit_name);
    data.set("personal", who);
  } else {
    data.set("anonymous", Data(true));
    data.set("name", v.form != nullptr ? v.form->name : "");
    data.set("units", UnitOptions(shared, v.form != nullptr ? v.form->unit : ""));
  }
  data.set("questions", QuestionData(quiz, v));
  PageMeta meta;
  meta.title = quiz.title;
  meta.description = "Bộ câu hỏi " + std::to_string(quiz.questions.size()) + " câu của Bình Yên";
  meta.status = v.status;
  http::Response r = RenderPage(shared.templates(), context, "quiz_take", std::move(data), meta);
  if (v.personal != nullptr) PrivateHeaders(r);
  return r;
}

http::Response RenderResult(Shared& shared, const http::Request& request,
                            const PageContext& context, const service::QuizOutcome& outcome,
                            const std::string& name, bool personal) {
  const domain::Quiz& quiz = outcome.quiz;
  Data data;
  data.set("title", quiz.title);
  data.set("score", std::to_string(outcome.attempt.score));
  data.set("total", std::to_string(outcome.attempt.total));
  data.set("percent", std::to_string(outcome.percent));
  data.set("pass_percent", std::to_string(quiz.pass_percent));
  data.set("passed", Data(outcome.attempt.passed));
  data.set("name", TextOrFalse(name));
  data.set("personal", Data(personal));
  data.set("retake_href", std::string(request.path));
  Data questions = Data::type::list;
  for (size_t i = 0; i < quiz.questions.size(); ++i) {
    const domain::QuizQuestion& q = quiz.questions[i];
    const int chosen = outcome.attempt.answers[i];
    Data item;
    item.set("number", std::to_string(i + 1));
    item.set("text", q.text);
    item.set("right", Data(chosen == q.correct));
    item.set("your_answer", chosen >= 0 && static_cast<size_t>(chosen) < q.options.size()
                                ? q.options[static_cast<size_t>(chosen)]
                                : std::string("—"));
    item.set("correct_answer", q.options[static_cast<size_t>(q.correct)]);
    item.set("explanation", TextOrFalse(q.explanation));
    questions.push_back(item);
  }
  data.set("questions", questions);
  PageMeta meta;
  meta.title = quiz.title;
  http::Response r = RenderPage(shared.templates(), context, "quiz_result", std::move(data), meta);
  PrivateHeaders(r);  // a result is the taker's own
  return r;
}

http::Response NoSuchQuiz(Shared& shared, const PageContext& context) {
  return shared.ErrorPage(context, 404, "Không tìm thấy bộ câu hỏi", "Quiz not found",
                          "Bộ câu hỏi này không có hoặc chưa được mở.",
                          "This quiz does not exist or is not open yet.");
}

http::Response LinkRefused(Shared& shared, const PageContext& context, const base::Status& s) {
  if (domain::IsPersonLeft(s)) return shared.PersonLeftPage(context);
  switch (s.code()) {
    case base::StatusCode::kInvalidArgument:
      return shared.ErrorPage(context, 400, "Đường link không hợp lệ", "This link is not valid",
                              "Đường link làm bài bị sai hoặc không đầy đủ. Hãy mở lại đúng "
                              "đường link mà đơn vị đã gửi cho bạn.",
                              "The link is wrong or incomplete. Open the exact link your unit "
                              "sent you.");
    case base::StatusCode::kFailedPrecondition:
      return shared.ErrorPage(context, 410, "Đường link đã hết hạn", "This link has expired",
                              "Thời hạn làm bài qua đường link này đã qua.",
                              "The time to take the quiz through this link is over.");
    case base::StatusCode::kNotFound: return NoSuchQuiz(shared, context);
    default:
      return shared.ErrorPage(context, 503, "Tạm thời chưa xử lý được", "Temporarily unavailable",
                              "Vui lòng thử lại sau ít phút.",
                              "Please try again in a few minutes.");
  }
}

service::Quizzes MakeQuizzes(Shared& shared) {
  return service::Quizzes(shared.services().store, shared.services().clock,
                          shared.services().quiz_links);
}

http::Response Index(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  base::Result<std::vector<domain::Quiz>> open = MakeQuizzes(shared).ListOpen();
  if (!open.ok()) {
    return shared.ErrorPage(context, 503, "Tạm thời chưa xử lý được", "Temporarily unavailable",
                            "Vui lòng thử lại sau ít phút.", "Please try again in a few minutes.");
  }
  Data items = Data::type::list;
  for (const domain::Quiz& q : *open) {
    Data item;
    item.set("href", "/cau-do/" + q.slug);
    item.set("title", q.title);
    item.set("count", std::to_string(q.questions.size()));
    items.push_back(item);
  }
  Data data;
  data.set("has_items", Data(!open->empty()));
  data.set("items", items);
  PageMeta meta;
  meta.title = context.vi() ? "Câu đố" : "Quizzes";
  return RenderPage(shared.templates(), context, "quiz_list", std::move(data), meta);
}

// The state of `quiz` for its page now.
void SetAvailability(const domain::Quiz& quiz, base::TimePoint now, TakeView& v) {
  if (service::Quizzes::TakesAttempts(quiz, now)) return;
  v.not_yet = quiz.status == domain::QuizStatus::kOpen && quiz.opens_at && now < *quiz.opens_at;
  v.closed = !v.not_yet;
}

http::Response Show(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  base::Result<domain::Quiz> quiz = MakeQuizzes(shared).GetPublic(request.PathParam("slug"));
  if (!quiz.ok()) {
    if (quiz.status().code() == base::StatusCode::kNotFound) return NoSuchQuiz(shared, context);
    return LinkRefused(shared, context, quiz.status());
  }
  TakeView v;
  v.quiz = &*quiz;
  SetAvailability(*quiz, shared.services().clock.Now(), v);
  return RenderTake(shared, request, context, v);
}

// Scores `form` with `submit` and answers with the result, or the form again with its errors.
template <typename SubmitFn>
http::Response Take(Shared& shared, const http::Request& request, PageContext& context,
                    const domain::Quiz& quiz, const service::PersonalQuiz* personal,
                    const FormData& raw, SubmitFn submit) {
  const TakeForm form = ReadTakeForm(raw, quiz);
  TakeView v;
  v.quiz = &quiz;
  v.personal = personal;
  v.form = &form;
  if (raw.malformed || !shared.FormTokenValid(request, raw)) {
    // Nothing is stored; the answers are kept for a second press.
    v.form_expired = true;
    v.status = 403;
    return RenderTake(shared, request, context, v);
  }
  if (form.name.size() > kMaxTakerNameBytes) {
    v.errors = TakeMessages(base::InvalidArgumentError("name: too long"));
    v.status = 422;
    return RenderTake(shared, request, context, v);
  }
  service::QuizAnswers answers;
  answers.chosen = form.chosen;
  if (!form.unit.empty()) answers.unit_code = form.unit;
  base::Result<service::QuizOutcome> outcome = submit(answers);
  if (outcome.ok()) {
    return RenderResult(shared, request, context, *outcome,
                        personal != nullptr ? personal->person_name : form.name,
                        personal != nullptr);
  }
  switch (outcome.status().code()) {
    case base::StatusCode::kInvalidArgument:
      v.errors = TakeMessages(outcome.status());
      v.status = 422;
      return RenderTake(shared, request, context, v);
    case base::StatusCode::kFailedPrecondition:
      SetAvailability(quiz, shared.services().clock.Now(), v);
      if (!v.closed && !v.not_yet) v.closed = true;
      v.status = 409;
      return RenderTake(shared, request, context, v);
    default: return LinkRefused(shared, context, outcome.status());
  }
}

http::Response Submit(Shared& shared, http::RateLimiter& limiter, const http::Request& request) {
  PageContext context = shared.Context(request);
  if (auto refused = shared.RateLimit(limiter, request, context)) return *std::move(refused);
  service::Quizzes quizzes = MakeQuizzes(shared);
  const std::string slug(request.PathParam("slug"));
  base::Result<domain::Quiz> quiz = quizzes.GetPublic(slug);
  if (!quiz.ok()) {
    if (quiz.status().code() == base::StatusCode::kNotFound) return NoSuchQuiz(shared, context);
    return LinkRefused(shared, context, quiz.status());
  }
  return Take(shared, request, context, *quiz, nullptr, ReadForm(request),
              [&](const service::QuizAnswers& a) { return quizzes.Submit(slug, a); });
}

http::Response ShowLink(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  base::Result<service::PersonalQuiz> pq = MakeQuizzes(shared).OpenLink(request.PathParam("token"));
  if (!pq.ok()) return LinkRefused(shared, context, pq.status());
  TakeView v;
  v.quiz = &pq->quiz;
  v.personal = &*pq;
  SetAvailability(pq->quiz, shared.services().clock.Now(), v);
  return RenderTake(shared, request, context, v);
}

http::Response SubmitLink(Shared& shared, http::RateLimiter& limiter,
                          const http::Request& request) {
  PageContext context = shared.Context(request);
  if (auto refused = shared.RateLimit(limiter, request, context)) return *std::move(refused);
  service::Quizzes quizzes = MakeQuizzes(shared);
  const std::string token(request.PathParam("token"));
  base::Result<service::PersonalQuiz> pq = quizzes.OpenLink(token);
  if (!pq.ok()) return LinkRefused(shared, context, pq.status());
  return Take(shared, request, context, pq->quiz, &*pq, ReadForm(request),
              [&](const service::QuizAnswers& a) { return quizzes.SubmitLink(token, a); });
}

}  // namespace

Data UnitOptions(Shared& shared, std::string_view selected) {
  service::People people(shared.services().store, shared.services().contact_box,
                         shared.services().clock);
  Data out = Data::type::list;
  base::Result<std::vector<service::UnitNode>> tree = people.UnitTree();
  if (tree.ok()) AddUnitNodes(*tree, 0, selected, out);
  return out;
}

std::string_view QuizStatusLabel(const PageContext& context, domain::QuizStatus status) {
  switch (status) {
    case domain::QuizStatus::kOpen: return context.Pick("Đang mở", "Open");
    case domain::QuizStatus::kClosed: return context.Pick("Đã đóng", "Closed");
    case domain::QuizStatus::kDraft: break;
  }
  return context.Pick("Bản nháp", "Draft");
}

std::string_view QuizStatusBadge(domain::QuizStatus status) {
  switch (status) {
    case domain::QuizStatus::kOpen: return "badge green";
    case domain::QuizStatus::kClosed: return "badge red";
    case domain::QuizStatus::kDraft: break;
  }
  return "badge";
}

void RegisterQuizPages(http::Router& router, Shared& shared) {
  // Per client IP, like the report form: enough for a class taking a quiz behind one address.
  auto limiter = std::make_shared<http::RateLimiter>(
      shared.services().clock, http::RateLimiter::Options{30.0 / 60, 60},
      http::RateLimiter::Sharing{shared.options().rate_limit_sync, "web.quiz"});
  router.Add(http::Method::kGet, "/cau-do",
             [&shared](http::Request& r) { return Index(shared, r); });
  router.Add(http::Method::kGet, "/cau-do/{slug}",
             [&shared](http::Request& r) { return Show(shared, r); });
  router.Add(http::Method::kPost, "/cau-do/{slug}",
             [&shared, limiter](http::Request& r) { return Submit(shared, *limiter, r); });
  router.Add(http::Method::kGet, "/lam-bai/{token}",
             [&shared](http::Request& r) { return ShowLink(shared, r); });
  router.Add(http::Method::kPost, "/lam-bai/{token}",
             [&shared, limiter](http::Request& r) { return SubmitLink(shared, *limiter, r); });
  RegisterQuizConsole(router, shared);
}

}  // namespace binhyen::web::internal
