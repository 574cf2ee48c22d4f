// The programme admins' quiz pages under /quan-tri/cau-do: the list, a quiz's create / edit form
// (questions typed in one textarea, service/quiz_text.h: no JavaScript needed to add one),
// opening and closing, results per unit over the unit tree, per known person and per day, a CSV
// export, and the personal links of a unit's people.

#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "base/strings.h"
#include "service/quiz_text.h"
#include "service/quizzes.h"
#include "web/internal/console_common.h"
#include "web/internal/field_messages.h"
#include "web/internal/quiz_pages.h"

namespace binhyen::web::internal {
namespace {

constexpr service::Permission kManage = service::Permission::kProgrammeManage;

// The form as typed.
struct QuizForm {
  std::string slug;
  std::string title;
  std::string intro;
  std::string pass_percent = "70";
  std::string opens_on;   // "YYYY-MM-DD" (Vietnam time) or ""
  std::string closes_on;  // last day, inclusive
  std::string questions;  // service/quiz_text.h
};

QuizForm FromFields(const FormData& form) {
  QuizForm f;
  f.slug = std::string(base::TrimAscii(form.Field("slug")));
  f.title = std::string(form.Field("title"));
  f.intro = std::string(form.Field("intro"));
  f.pass_percent = std::string(base::TrimAscii(form.Field("pass_percent")));
  f.opens_on = std::string(base::TrimAscii(form.Field("opens_on")));
  f.closes_on = std::string(base::TrimAscii(form.Field("closes_on")));
  f.questions = std::string(form.Field("questions"));
  return f;
}

constexpr std::chrono::hours kVietnamOffset{7};

// 00:00 Vietnam time of "YYYY-MM-DD", or nullopt.
std::optional<base::TimePoint> ParseDay(std::string_view text) {
  int y = 0;
  unsigned m = 0, d = 0;
  char tail = 0;
  if (text.size() != 10 ||
      std::sscanf(std::string(text).c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &tail) != 3) {
    return std::nullopt;
  }
  const std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(m),
                                        std::chrono::day(d)};
  if (!ymd.ok()) return std::nullopt;
  return base::TimePoint(std::chrono::sys_days(ymd)) - kVietnamOffset;
}

std::string FormatDay(base::TimePoint t) {
  const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(t + kVietnamOffset)};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

QuizForm FromQuiz(const domain::Quiz& q) {
  QuizForm f;
  f.slug = q.slug;
  f.title = q.title;
  f.intro = q.intro;
  f.pass_percent = std::to_string(q.pass_percent);
  if (q.opens_at) f.opens_on = FormatDay(*q.opens_at);
  if (q.closes_at) f.closes_on = FormatDay(*q.closes_at - std::chrono::seconds(1));
  f.questions = service::FormatQuizText(q.questions);
  return f;
}

// The draft of `f`, or the messages of every field that is wrong.
std::variant<service::QuizDraft, std::vector<FieldMessage>> ToDraft(const QuizForm& f) {
  std::vector<FieldMessage> errors;
  service::QuizDraft d;
  d.slug = f.slug;
  d.title = f.title;
  d.intro = f.intro;
  int64_t pass = 0;
  if (!base::ParseInt64(f.pass_percent, pass) || pass < 0 || pass > 100) {
    errors.push_back({"pass_percent", "Điểm đạt là một số từ 0 đến 100.",
                      "The pass mark is a number from 0 to 100."});
  }
  d.pass_percent = static_cast<int>(pass);
  if (!f.opens_on.empty()) {
    d.opens_at = ParseDay(f.opens_on);
    if (!d.opens_at) {
      errors.push_back({"opens_on", "Ngày mở không hợp lệ.", "The opening day is not a date."});
    }
  }
  if (!f.closes_on.empty()) {
    d.closes_at = ParseDay(f.closes_on);
    if (d.closes_at) {
      *d.closes_at += std::chrono::hours(24);  // the end of that day
    } else {
      errors.push_back({"closes_on", "Ngày đóng không hợp lệ.", "The closing day is not a date."});
    }
  }
  service::ParsedQuizText parsed = service::ParseQuizText(f.questions);
  for (const service::QuizTextError& e : parsed.errors) {
    errors.push_back({"questions", e.vi, e.en});
  }
  d.questions = std::move(parsed.questions);
  if (!errors.empty()) return errors;
  return d;
}

// The service's errors as the form's messages.
std::vector<FieldMessage> ServiceMessages(const base::Status& status) {
  std::vector<FieldMessage> out;
  std::string_view text = status.message();
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    const std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    const std::string en(line);
    if (line == "slug: already exists") {
      out.push_back({"slug", "Địa chỉ này đã được một bộ câu hỏi khác dùng.", en});
    } else if (line.starts_with("slug")) {
      out.push_back({"slug",
                     "Địa chỉ chỉ gồm chữ thường không dấu, số và dấu gạch ngang (ví dụ: "
                     "nhan-dien-lua-dao).",
                     en});
    } else if (line.starts_with("title")) {
      out.push_back({"title", "Cần có tiêu đề (tối đa 300 byte).", en});
    } else if (line.starts_with("intro")) {
      out.push_back({"intro", "Phần giới thiệu quá dài.", en});
    } else if (line.starts_with("closes_at")) {
      out.push_back({"closes_on", "Ngày đóng phải sau ngày mở.", en});
    } else if (line == "questions: the quiz has attempts") {
      out.push_back({"questions",
                     "Đã có người làm bài nên không sửa được câu hỏi, phương án và đáp án (vẫn "
                     "sửa được lời giải thích). Hãy tạo bộ câu hỏi mới nếu cần.",
                     en});
    } else if (line.starts_with("questions")) {
      out.push_back({"questions", "Câu hỏi chưa hợp lệ: " + en, en});
    } else {
      out.push_back({"form", "Chưa lưu được: " + en, en});
    }
  }
  return out;
}

service::Quizzes MakeQuizzes(Shared& shared) {
  return service::Quizzes(shared.services().store, shared.services().clock,
                          shared.services().quiz_links);
}

http::Response FormPage(Shared& shared, const http::Request& request, PageContext& context,
                        const QuizForm& f, const domain::Quiz* existing,
                        const std::vector<FieldMessage>& errors, int status) {
  (void)request;
  Data data;
  AddFieldErrors(data, errors);
  data.set("action", existing != nullptr
                         ? "/quan-tri/cau-do/" + std::to_string(existing->id) + "/sua"
                         : std::string("/quan-tri/cau-do"));
  data.set("editing", Data(existing != nullptr));
  if (existing != nullptr)
    data.set("back_href", "/quan-tri/cau-do/" + std::to_string(existing->id));
  data.set("slug", f.slug);
  data.set("title", f.title);
  data.set("intro", f.intro);
  data.set("pass_percent", f.pass_percent);
  data.set("opens_on", f.opens_on);
  data.set("closes_on", f.closes_on);
  data.set("questions", f.questions);
  return RenderPage(shared.templates(), context, "console_quiz_form", std::move(data),
                    ConsoleMeta(context, existing ? "Sửa bộ câu hỏi" : "Bộ câu hỏi mới",
                                existing ? "Edit quiz" : "New quiz", status));
}

http::Response NotFound(Shared& shared, const PageContext& context) {
  return shared.ErrorPage(context, 404, "Không có bộ câu hỏi này", "No such quiz",
                          "Không tìm thấy bộ câu hỏi.", "The quiz was not found.");
}

http::Response Unavailable(Shared& shared, const PageContext& context) {
  return shared.ErrorPage(context, 503, "Tạm thời chưa xử lý được", "Temporarily unavailable",
                          "Vui lòng thử lại sau ít phút.", "Please try again in a few minutes.");
}

http::Response List(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  if (auto refusal = shared.RequireUser(request, context, kManage)) return *std::move(refusal);
  base::Result<std::vector<domain::Quiz>> quizzes = MakeQuizzes(shared).List();
  if (!quizzes.ok()) return Unavailable(shared, context);
  auto tx = shared.services().store.Begin(store::TxMode::kReadOnly);
  if (!tx.ok()) return Unavailable(shared, context);
  Data rows = Data::type::list;
  for (const domain::Quiz& q : *quizzes) {
    Data row;
    row.set("id", std::to_string(q.id));
    row.set("title", q.title);
    row.set("slug", q.slug);
    row.set("status", std::string(QuizStatusLabel(context, q.status)));
    row.set("badge", std::string(QuizStatusBadge(q.status)));
    row.set("count", std::to_string(q.questions.size()));
    row.set("attempts", std::to_string((*tx)->Quizzes().CountAttempts(q.id).value_or(0)));
    rows.push_back(row);
  }
  Data data;
  data.set("has_rows", Data(!quizzes->empty()));
  data.set("rows", rows);
  return RenderPage(shared.templates(), context, "console_quizzes", std::move(data),
                    ConsoleMeta(context, "Câu đố", "Quizzes"));
}

constexpr std::string_view kExample =
    "? Có người gọi điện xưng là công an, yêu cầu bạn chuyển tiền để \"phục vụ điều tra\". Bạn "
    "làm gì?\n- Chuyển ngay để không bị liên lụy\n* Không chuyển; gọi số trực ban công an để "
    "kiểm tra\n> Công an không bao giờ yêu cầu chuyển tiền qua điện thoại.\n";

http::Response New(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  if (auto refusal = shared.RequireUser(request, context, kManage)) return *std::move(refusal);
  QuizForm f;
  f.questions = std::string(kExample);
  return FormPage(shared, request, context, f, nullptr, {}, 200);
}

http::Response Create(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  ConsolePost post = ReadConsolePost(shared, request, context, kManage);
  if (post.refusal) return *std::move(post.refusal);
  const QuizForm f = FromFields(post.form);
  auto draft = ToDraft(f);
  if (auto* errors = std::get_if<std::vector<FieldMessage>>(&draft)) {
    return FormPage(shared, request, context, f, nullptr, *errors, 422);
  }
  base::Result<domain::Quiz> created =
      MakeQuizzes(shared).Create(std::get<service::QuizDraft>(draft), *context.user);
  if (!created.ok()) {
    if (created.status().code() == base::StatusCode::kUnavailable) {
      return Unavailable(shared, context);
    }
    return FormPage(shared, request, context, f, nullptr, ServiceMessages(created.status()), 422);
  }
  return RedirectWithNotice("/quan-tri/cau-do/" + std::to_string(created->id), "created");
}

base::Result<domain::Quiz> Load(Shared& shared, const http::Request& request) {
  std::optional<int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return base::NotFoundError("quiz: not found");
  return MakeQuizzes(shared).Get(*id);
}

http::Response Edit(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  if (auto refusal = shared.RequireUser(request, context, kManage)) return *std::move(refusal);
  base::Result<domain::Quiz> q = Load(shared, request);
  if (!q.ok()) return NotFound(shared, context);
  return FormPage(shared, request, context, FromQuiz(*q), &*q, {}, 200);
}

http::Response Update(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  ConsolePost post = ReadConsolePost(shared, request, context, kManage);
  if (post.refusal) return *std::move(post.refusal);
  base::Result<domain::Quiz> q = Load(shared, request);
  if (!q.ok()) return NotFound(shared, context);
  const QuizForm f = FromFields(post.form);
  auto draft = ToDraft(f);
  if (auto* errors = std::get_if<std::vector<FieldMessage>>(&draft)) {
    return FormPage(shared, request, context, f, &*q, *errors, 422);
  }
  base::Result<domain::Quiz> saved =
      MakeQuizzes(shared).Update(q->id, std::get<service::QuizDraft>(draft), *context.user);
  if (!saved.ok()) {
    const int status = saved.status().code() == base::StatusCode::kFailedPrecondition ? 409 : 422;
    return FormPage(shared, request, context, f, &*q, ServiceMessages(saved.status()), status);
  }
  return RedirectWithNotice("/quan-tri/cau-do/" + std::to_string(q->id), "saved");
}

http::Response SetStatus(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  ConsolePost post = ReadConsolePost(shared, request, context, kManage);
  if (post.refusal) return *std::move(post.refusal);
  std::optional<int64_t> id = ParseId(request.PathParam("id"));
  std::optional<domain::QuizStatus> status = domain::ParseQuizStatus(post.form.Field("status"));
  if (!id) return NotFound(shared, context);
  if (!status) {
    return shared.ErrorPage(context, 400, "Yêu cầu không hợp lệ", "Bad request",
                            "Trạng thái không hợp lệ.", "Unknown status.");
  }
  base::Result<domain::Quiz> done = MakeQuizzes(shared).SetStatus(*id, *status, *context.user);
  if (!done.ok()) return NotFound(shared, context);
  return RedirectWithNotice("/quan-tri/cau-do/" + std::to_string(*id),
                            *status == domain::QuizStatus::kOpen     ? "open"
                            : *status == domain::QuizStatus::kClosed ? "closed"
                                                                     : "draft");
}

}  // namespace

void RegisterQuizConsole(http::Router& router, Shared& shared) {
  router.Add(http::Method::kGet, "/quan-tri/cau-do",
             [&shared](http::Request& r) { return List(shared, r); });
  router.Add(http::Method::kPost, "/quan-tri/cau-do",
             [&shared](http::Request& r) { return Create(shared, r); });
  router.Add(http::Method::kGet, "/quan-tri/cau-do/moi",
             [&shared](http::Request& r) { return New(shared, r); });
  router.Add(http::Method::kGet, "/quan-tri/cau-do/{id}",
             [&shared](http::Request& r) { return QuizResultsPage(shared, r); });
  router.Add(http::Method::kGet, "/quan-tri/cau-do/{id}/sua",
             [&shared](http::Request& r) { return Edit(shared, r); });
  router.Add(http::Method::kPost, "/quan-tri/cau-do/{id}/sua",
             [&shared](http::Request& r) { return Update(shared, r); });
  router.Add(http::Method::kPost, "/quan-tri/cau-do/{id}/trang-thai",
             [&shared](http::Request& r) { return SetStatus(shared, r); });
  router.Add(http::Method::kGet, "/quan-tri/cau-do/{id}/ket-qua.csv",
             [&shared](http::Request& r) { return QuizResultsCsv(shared, r); });
  router.Add(http::Method::kPost, "/quan-tri/cau-do/{id}/duong-link",
             [&shared](http::Request& r) { return QuizLinksPage(shared, r); });
}

}  // namespace binhyen::web::internal
