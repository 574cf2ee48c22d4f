// Training check-in for people without an account (/tap-huan/diem-danh/{token}): a personal
// link checks its person in as soon as it is opened; the session link (the QR poster at the
// venue) shows a form where a walk-in picks their unit and types their name. The token is the
// only key (signed, service/checkin_links.h); the walk-in form carries the public double-submit
// CSRF token and is rate-limited per client. Also the public list of upcoming sessions
// (/tap-huan).

#include <memory>
#include <string>
#include <utility>

#include "domain/person.h"
#include "render/markdown.h"
#include "service/trainings.h"
#include "web/internal/training_pages.h"

namespace binhyen::web::internal {
namespace {

// The handlers' state. Thread safety: thread-safe (the limiter is).
struct CheckinState {
  CheckinState(Shared& s, http::RateLimiter::Options limit)
      : shared(s),
        limiter(s.services().clock, limit, {s.options().rate_limit_sync, "web.checkin"}) {}
  Shared& shared;
  http::RateLimiter limiter;
};

// The answer when a check-in cannot be done: tampered (400), too early / ended / cancelled
// (409 with the session's times), a person who left their unit (410), gone (404), or the service
// is down (503).
http::Response Refused(Shared& shared, const PageContext& context, const base::Status& s,
                       const domain::Training* training) {
  const std::string when = training == nullptr
                               ? std::string()
                               : FormatVietnamDate(training->starts_at, true) + " – " +
                                     FormatVietnamDate(training->ends_at, true);
  if (domain::IsPersonLeft(s)) return shared.PersonLeftPage(context);
  switch (s.code()) {
    case base::StatusCode::kInvalidArgument:
      return shared.ErrorPage(context, 400, "Mã điểm danh không hợp lệ",
                              "This check-in code is not valid",
                              "Mã QR hoặc đường link điểm danh bị sai hoặc đã bị sửa. Hãy quét "
                              "lại đúng mã được phát, hoặc báo người phụ trách lớp để được điểm "
                              "danh trực tiếp.",
                              "The QR code or link is wrong or was altered. Scan the code you were "
                              "given again, or ask the organiser to mark you present.");
    case base::StatusCode::kFailedPrecondition:
      if (s.message() == "checkin: too early") {
        return shared.ErrorPage(context, 409, "Chưa đến giờ điểm danh", "Check-in is not open yet",
                                "Điểm danh mở từ 1 giờ trước khi buổi tập huấn bắt đầu. Thời "
                                "gian buổi tập huấn: " +
                                    when + ".",
                                "Check-in opens one hour before the session starts. Session "
                                "time: " +
                                    when + ".");
      }
      if (s.message() == "checkin: cancelled") {
        return shared.ErrorPage(context, 409, "Buổi tập huấn đã bị hủy",
                                "The session was cancelled",
                                "Buổi tập huấn này đã bị hủy nên không điểm danh được. Vui lòng "
                                "theo dõi thông báo của đơn vị về lịch mới.",
                                "This session was cancelled, so there is no check-in. Watch for "
                                "your unit's notice of a new date.");
      }
      return shared.ErrorPage(context, 410, "Buổi tập huấn đã kết thúc", "The session has ended",
                              "Đã hết giờ điểm danh (buổi tập huấn: " + when +
                                  "). Nếu bạn có tham dự, hãy báo người phụ trách để được ghi "
                                  "nhận.",
                              "Check-in is closed (session: " + when +
                                  "). If you attended, ask the organiser to record it.");
    case base::StatusCode::kNotFound:
      return shared.ErrorPage(context, 404, "Không tìm thấy buổi tập huấn", "Session not found",
                              "Buổi tập huấn hoặc người được mời không còn trong hệ thống.",
                              "The session or the invited person no longer exists.");
    default:
      return shared.ErrorPage(context, 503, "Tạm thời chưa xử lý được", "Temporarily unavailable",
                              "Vui lòng thử lại sau ít phút.",
                              "Please try again in a few minutes.");
  }
}

http::Response Private(http::Response r) {
  // The token in the address is the key to this page: never cached, never sent on as referrer.
  r.headers.Set("Cache-Control", "no-store");
  r.headers.Set("Referrer-Policy", "no-referrer");
  r.headers.Set("X-Robots-Tag", "noindex");
  return r;
}

Data SessionData(const domain::Training& t) {
  Data data;
  data.set("title", t.title);
  data.set("starts", FormatVietnamDate(t.starts_at, true));
  data.set("ends", FormatVietnamDate(t.ends_at, true));
  data.set("place", t.place);
  data.set("trainer", t.trainer);
  return data;
}

http::Response RenderDone(Shared& shared, PageContext& context, const domain::Training& t,
                          const service::CheckinResult& result) {
  Data data = SessionData(t);
  data.set("done", Data(true));
  data.set("already", Data(result.already));
  data.set("person_name", result.attendance.name);
  data.set("checked_in_at", FormatVietnamDate(result.attendance.checked_in_at, true));
  Data materials = Data::type::list;
  for (const domain::TrainingMaterial& m : t.materials) {
    Data row;
    row.set("title", m.title);
    row.set("url", m.url);
    materials.push_back(row);
  }
  data.set("materials", materials);
  data.set("has_materials", Data(!t.materials.empty()));
  PageMeta meta;
  meta.title = context.vi() ? "Đã điểm danh" : "Checked in";
  return Private(
      RenderPage(shared.templates(), context, "training_checkin", std::move(data), meta));
}

http::Response RenderWalkInForm(Shared& shared, const http::Request& request, PageContext& context,
                                const service::CheckinPage& page, std::string_view unit,
                                std::string_view name, std::string_view error) {
  shared.IssueFormToken(request, context);
  Data data = SessionData(page.training);
  data.set("walk_in", Data(true));
  data.set("action", std::string(request.path));
  data.set("name", std::string(name));
  Data units = Data::type::list;
  for (const domain::Unit& u : page.walk_in_units) {
    Data row;
    row.set("code", u.code);
    row.set("label", u.name);
    row.set("selected", Data(u.code == unit));
    units.push_back(row);
  }
  data.set("units", units);
  if (!error.empty()) data.set("error", std::string(error));
  PageMeta meta;
  meta.title = context.vi() ? "Điểm danh tập huấn" : "Training check-in";
  meta.status = error.empty() ? 200 : 422;
  return Private(
      RenderPage(shared.templates(), context, "training_checkin", std::move(data), meta));
}

http::Response Show(CheckinState& state, const http::Request& request) {
  Shared& shared = state.shared;
  PageContext context = shared.Context(request);
  if (auto limited = shared.RateLimit(state.limiter, request, context)) return *limited;
  service::Trainings trainings = MakeTrainings(shared);
  const std::string_view token = request.PathParam("token");
  base::Result<service::CheckinPage> page = trainings.Open(token);
  if (!page.ok()) return Private(Refused(shared, context, page.status(), nullptr));
  if (page->claim.kind == service::CheckinClaim::Kind::kSession) {
    if (page->window != service::CheckinWindow::kOpen) {
      base::Status why = base::FailedPreconditionError(
          page->window == service::CheckinWindow::kTooEarly    ? "checkin: too early"
          : page->window == service::CheckinWindow::kCancelled ? "checkin: cancelled"
                                                               : "checkin: ended");
      return Private(Refused(shared, context, why, &page->training));
    }
    return RenderWalkInForm(shared, request, context, *page, "", "", "");
  }
  // Opening a personal link is the check-in (idempotent: a second scan shows the first time).
  base::Result<service::CheckinResult> result = trainings.CheckIn(token);
  if (!result.ok()) return Private(Refused(shared, context, result.status(), &page->training));
  return RenderDone(shared, context, page->training, *result);
}

std::string_view WalkInError(const PageContext& context, const base::Status& s) {
  if (s.message().starts_with("unit:")) {
    return context.Pick("Đơn vị: hãy chọn đơn vị của bạn trong danh sách.",
                        "Unit: choose your unit from the list.");
  }
  return context.Pick("Họ và tên: hãy nhập họ tên đầy đủ (tối đa 200 ký tự).",
                      "Full name: type your full name (at most 200 characters).");
}

http::Response WalkIn(CheckinState& state, const http::Request& request) {
  Shared& shared = state.shared;
  PageContext context = shared.Context(request);
  if (auto limited = shared.RateLimit(state.limiter, request, context)) return *limited;
  service::Trainings trainings = MakeTrainings(shared);
  const std::string_view token = request.PathParam("token");
  base::Result<service::CheckinPage> page = trainings.Open(token);
  if (!page.ok()) return Private(Refused(shared, context, page.status(), nullptr));
  if (page->claim.kind != service::CheckinClaim::Kind::kSession) {
    return Private(
        Refused(shared, context, base::InvalidArgumentError("token: personal"), nullptr));
  }
  const FormData form = ReadForm(request);
  const std::string unit(form.Field("unit"));
  const std::string name(form.Field("name"));
  if (form.malformed || !shared.FormTokenValid(request, form)) {
    return RenderWalkInForm(shared, request, context, *page, unit, name,
                            context.Pick("Trang đã hết hạn. Vui lòng bấm lại nút điểm danh.",
                                         "The page expired. Please press the button again."));
  }
  base::Result<service::CheckinResult> result = trainings.WalkIn(token, unit, name);
  if (!result.ok()) {
    if (result.status().code() == base::StatusCode::kInvalidArgument &&
        !result.status().message().starts_with("token:")) {
      return RenderWalkInForm(shared, request, context, *page, unit, name,
                              WalkInError(context, result.status()));
    }
    return Private(Refused(shared, context, result.status(), &page->training));
  }
  return RenderDone(shared, context, page->training, *result);
}

http::Response Upcoming(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  service::Trainings trainings = MakeTrainings(shared);
  base::Result<std::vector<domain::Training>> list = trainings.Upcoming();
  if (!list.ok()) return Refused(shared, context, base::UnavailableError("list"), nullptr);
  Data rows = Data::type::list;
  for (const domain::Training& t : *list) {
    Data row = SessionData(t);
    row.set("description_html", render::MarkdownToHtml(t.description, 3));
    rows.push_back(row);
  }
  Data data;
  data.set("rows", rows);
  data.set("has_rows", Data(!list->empty()));
  PageMeta meta;
  meta.title = context.vi() ? "Lịch tập huấn" : "Upcoming trainings";
  meta.description = context.vi() ? "Các buổi tập huấn phòng chống lừa đảo sắp tới."
                                  : "Upcoming anti-scam training sessions.";
  return RenderPage(shared.templates(), context, "training_upcoming", std::move(data), meta);
}

}  // namespace

void RegisterTrainingCheckinPages(http::Router& router, Shared& shared) {
  // A hall of people scanning at once shares one address behind the venue's Wi-Fi: a generous
  // burst, then about one check-in a second.
  http::RateLimiter::Options limit;
  limit.per_second = 1.0;
  limit.burst = 120;
  auto state = std::make_shared<CheckinState>(shared, limit);
  router.Add(http::Method::kGet, "/tap-huan/diem-danh/{token}",
             [state](http::Request& r) { return Show(*state, r); });
  router.Add(http::Method::kPost, "/tap-huan/diem-danh/{token}",
             [state](http::Request& r) { return WalkIn(*state, r); });
  router.Add(http::Method::kGet, "/tap-huan",
             [&shared](http::Request& r) { return Upcoming(shared, r); });
}

}  // namespace binhyen::web::internal
