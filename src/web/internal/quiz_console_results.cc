// A quiz's results for programme admins (/quan-tri/cau-do/{id}): totals, per unit over the unit
// tree, per known person (personal links only: anonymous takers are never listed), per day; the
// CSV export of the per-unit table; and the personal links of a unit's people.

#include <string>
#include <utility>

#include "service/quizzes.h"
#include "web/internal/console_common.h"
#include "web/internal/quiz_pages.h"

namespace binhyen::web::internal {
namespace {

constexpr service::Permission kManage = service::Permission::kProgrammeManage;

constexpr ConsoleMessage kMessages[] = {
    {"created", "Đã tạo bộ câu hỏi (bản nháp). Bấm \"Mở\" để mọi người làm bài.",
     "The quiz was created as a draft. Press \"Open\" to let people take it."},
    {"saved", "Đã lưu.", "Saved."},
    {"open", "Đã mở: mọi người có thể làm bài.", "Opened: people can take the quiz."},
    {"closed", "Đã đóng: không nhận bài làm nữa.", "Closed: no more attempts."},
    {"draft", "Đã chuyển về bản nháp.", "Back to draft."},
};

service::Quizzes MakeQuizzes(Shared& shared) {
  return service::Quizzes(shared.services().store, shared.services().clock,
                          shared.services().quiz_links);
}

http::Response NotFound(Shared& shared, const PageContext& context) {
  return shared.ErrorPage(context, 404, "Không có bộ câu hỏi này", "No such quiz",
                          "Không tìm thấy bộ câu hỏi.", "The quiz was not found.");
}

Data UnitRows(const service::QuizResults& r) {
  Data rows = Data::type::list;
  for (const service::QuizUnitResult& u : r.units) {
    Data row;
    row.set("code", u.unit_code);
    row.set("name", u.unit_name);
    row.set("indent", "quiz-depth-" + std::to_string(std::min(u.depth, 4)));
    row.set("attempts", std::to_string(u.attempts));
    row.set("passed", std::to_string(u.passed));
    row.set("average", std::to_string(u.average_percent));
    row.set("pass_rate", std::to_string(u.pass_rate));
    rows.push_back(row);
  }
  return rows;
}

Data PeopleRows(const service::QuizResults& r, const PageContext& context) {
  Data rows = Data::type::list;
  for (const service::QuizPersonResult& p : r.people) {
    Data row;
    row.set("name", p.name);
    row.set("unit", p.unit_name);
    row.set("attempts", std::to_string(p.attempts));
    row.set("best", std::to_string(p.best_percent));
    row.set("passed", std::string(p.passed ? context.Pick("Đạt", "Passed")
                                           : context.Pick("Chưa đạt", "Not yet")));
    row.set("last", FormatVietnamDate(p.last_at, true));
    rows.push_back(row);
  }
  return rows;
}

Data DayRows(const service::QuizResults& r) {
  Data rows = Data::type::list;
  for (const service::QuizDayResult& d : r.days) {
    Data row;
    row.set("day", d.day);
    row.set("attempts", std::to_string(d.attempts));
    row.set("passed", std::to_string(d.passed));
    row.set("average", std::to_string(d.average_percent));
    rows.push_back(row);
  }
  return rows;
}

// One CSV field, always quoted; text a spreadsheet would run as a formula gets a leading '.
std::string CsvField(std::string_view value) {
  std::string out = "\"";
  if (!value.empty() && std::string_view("=+-@\t\r").find(value[0]) != std::string::npos) {
    out.push_back('\'');
  }
  for (char c : value) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

}  // namespace

http::Response QuizResultsPage(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  if (auto refusal = shared.RequireUser(request, context, kManage)) return *std::move(refusal);
  std::optional<int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return NotFound(shared, context);
  base::Result<service::QuizResults> r = MakeQuizzes(shared).Results(*id);
  if (!r.ok()) return NotFound(shared, context);
  const domain::Quiz& q = r->quiz;
  Data data;
  AddConsoleNotices(data, request, context, kMessages);
  data.set("id", std::to_string(q.id));
  data.set("title", q.title);
  data.set("public_href", "/cau-do/" + q.slug);
  data.set("status", std::string(QuizStatusLabel(context, q.status)));
  data.set("badge", std::string(QuizStatusBadge(q.status)));
  data.set("is_draft", Data(q.status == domain::QuizStatus::kDraft));
  data.set("is_open", Data(q.status == domain::QuizStatus::kOpen));
  data.set("is_closed", Data(q.status == domain::QuizStatus::kClosed));
  data.set("count", std::to_string(q.questions.size()));
  data.set("pass_percent", std::to_string(q.pass_percent));
  if (q.opens_at) data.set("opens", FormatVietnamDate(*q.opens_at, true));
  if (q.closes_at) data.set("closes", FormatVietnamDate(*q.closes_at, true));
  data.set("attempts", std::to_string(r->attempts));
  data.set("passed", std::to_string(r->passed));
  data.set("average", std::to_string(r->average_percent));
  data.set("pass_rate", std::to_string(r->pass_rate));
  data.set("without_unit", std::to_string(r->without_unit));
  data.set("has_units", Data(!r->units.empty()));
  data.set("units", UnitRows(*r));
  data.set("has_people", Data(!r->people.empty()));
  data.set("people", PeopleRows(*r, context));
  data.set("has_days", Data(!r->days.empty()));
  data.set("days", DayRows(*r));
  data.set("unit_options", UnitOptions(shared, ""));
  return RenderPage(shared.templates(), context, "console_quiz", std::move(data),
                    ConsoleMeta(context, q.title, q.title));
}

http::Response QuizResultsCsv(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  if (auto refusal = shared.RequireUser(request, context, kManage)) return *std::move(refusal);
  std::optional<int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return NotFound(shared, context);
  base::Result<service::QuizResults> r = MakeQuizzes(shared).Results(*id);
  if (!r.ok()) return NotFound(shared, context);
  // BOM: Excel reads UTF-8.
  std::string out =
      "\xEF\xBB\xBFma_don_vi,ten_don_vi,cap,luot_lam,so_luot_dat,diem_tb_phan_tram,"
      "ty_le_dat_phan_tram\r\n";
  for (const service::QuizUnitResult& u : r->units) {
    out.append(CsvField(u.unit_code) + "," + CsvField(u.unit_name) + "," + std::to_string(u.depth) +
               "," + std::to_string(u.attempts) + "," + std::to_string(u.passed) + "," +
               std::to_string(u.average_percent) + "," + std::to_string(u.pass_rate) + "\r\n");
  }
  out.append(CsvField("") + "," + CsvField("Tổng cộng (cả người dân)") + ",," +
             std::to_string(r->attempts) + "," + std::to_string(r->passed) + "," +
             std::to_string(r->average_percent) + "," + std::to_string(r->pass_rate) + "\r\n");
  http::Response resp = http::Response::WithType(200, "text/csv; charset=utf-8", std::move(out));
  resp.headers.Set("Content-Disposition",
                   "attachment; filename=\"cau-do-" + std::to_string(*id) + "-ket-qua.csv\"");
  resp.headers.Set("Cache-Control", "no-store");
  return resp;
}

http::Response QuizLinksPage(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  ConsolePost post = ReadConsolePost(shared, request, context, kManage);
  if (post.refusal) return *std::move(post.refusal);
  std::optional<int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return NotFound(shared, context);
  const std::string unit(post.form.Field("unit"));
  base::Result<std::vector<service::QuizPersonLink>> links =
      MakeQuizzes(shared).Links(*id, unit, *context.user);
  if (!links.ok()) {
    if (links.status().code() == base::StatusCode::kFailedPrecondition) {
      return shared.ErrorPage(context, 409, "Bộ câu hỏi còn là bản nháp", "The quiz is a draft",
                              "Hãy mở bộ câu hỏi trước khi gửi đường link cá nhân.",
                              "Open the quiz before sending personal links.");
    }
    if (links.status().code() == base::StatusCode::kNotFound) {
      return shared.ErrorPage(context, 404, "Không tìm thấy", "Not found",
                              "Không tìm thấy bộ câu hỏi hoặc đơn vị đã chọn.",
                              "The quiz or the unit was not found.");
    }
    return shared.ErrorPage(context, 503, "Tạm thời chưa xử lý được", "Temporarily unavailable",
                            "Vui lòng thử lại sau ít phút.", "Please try again in a few minutes.");
  }
  const std::string base_url = shared.PublicUrl(request);
  Data rows = Data::type::list;
  for (const service::QuizPersonLink& l : *links) {
    Data row;
    row.set("name", l.name);
    row.set("position", l.position);
    row.set("unit", l.unit_code);
    row.set("url", base_url + l.path);
    rows.push_back(row);
  }
  Data data;
  data.set("id", std::to_string(*id));
  data.set("has_rows", Data(!links->empty()));
  data.set("rows", rows);
  http::Response r =
      RenderPage(shared.templates(), context, "console_quiz_links", std::move(data),
                 ConsoleMeta(context, "Đường link làm bài cá nhân", "Personal quiz links"));
  r.headers.Set("Referrer-Policy", "no-referrer");
  return r;
}

}  // namespace binhyen::web::internal
