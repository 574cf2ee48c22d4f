// The console's trainings (/quan-tri/tap-huan): the list, and the form that schedules or edits
// a session (programme admins). Unit officers see the list read-only.

#include "web/internal/training_pages.h"

#include <chrono>
#include <cstdio>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "base/strings.h"
#include "web/internal/console_common.h"

namespace binhyen::web::internal {

service::Trainings MakeTrainings(Shared& shared) {
  return service::Trainings(shared.services().store, shared.services().clock,
                            shared.services().checkin_links);
}

std::string_view TrainingStatusLabel(const PageContext& context, domain::TrainingStatus status) {
  switch (status) {
    case domain::TrainingStatus::kScheduled: return context.Pick("Đã lên lịch", "Scheduled");
    case domain::TrainingStatus::kHeld: return context.Pick("Đã tổ chức", "Held");
    case domain::TrainingStatus::kCancelled: return context.Pick("Đã hủy", "Cancelled");
  }
  return "";
}

std::string_view TrainingStatusBadge(domain::TrainingStatus status) {
  switch (status) {
    case domain::TrainingStatus::kScheduled: return "blue";
    case domain::TrainingStatus::kHeld: return "green";
    case domain::TrainingStatus::kCancelled: return "red";
  }
  return "";
}

http::Response TrainingErrorPage(Shared& shared, const PageContext& context,
                                 const base::Status& s) {
  switch (s.code()) {
    case base::StatusCode::kNotFound:
      return shared.ErrorPage(context, 404, "Không tìm thấy", "Not found",
                              "Không có buổi tập huấn, đơn vị hoặc người này.",
                              "No such session, unit or person.");
    case base::StatusCode::kPermissionDenied:
      return shared.ErrorPage(context, 403, "Không có quyền", "Not allowed",
                              "Bạn chỉ xem được tập huấn của đơn vị mình.",
                              "You can only see your own unit's trainings.");
    case base::StatusCode::kFailedPrecondition:
      return shared.ErrorPage(context, 409, "Không thực hiện được", "Cannot do that",
                              "Buổi tập huấn đã bị hủy.", "The session was cancelled.");
    default:
      return shared.ErrorPage(context, 503, "Tạm thời chưa xử lý được", "Temporarily unavailable",
                              "Vui lòng thử lại sau ít phút.",
                              "Please try again in a few minutes.");
  }
}

std::optional<base::TimePoint> ParseVietnamDateTime(std::string_view date, std::string_view time) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0;
  char tail = 0;
  if (date.size() != 10 || time.size() != 5) return std::nullopt;
  const std::string both = std::string(date) + " " + std::string(time);
  if (std::sscanf(both.c_str(), "%4d-%2d-%2d %2d:%2d%c", &y, &mo, &d, &h, &mi, &tail) != 5) {
    return std::nullopt;
  }
  const std::chrono::year_month_day ymd{std::chrono::year(y),
                                        std::chrono::month(static_cast<unsigned>(mo)),
                                        std::chrono::day(static_cast<unsigned>(d))};
  if (!ymd.ok() || y < 2000 || y > 2200 || h < 0 || h > 23 || mi < 0 || mi > 59) {
    return std::nullopt;
  }
  return base::TimePoint(std::chrono::sys_days(ymd).time_since_epoch() + std::chrono::hours(h) +
                         std::chrono::minutes(mi) - std::chrono::hours(7));
}

std::string VietnamDateInput(base::TimePoint t) {
  const auto local = std::chrono::floor<std::chrono::days>(t + std::chrono::hours(7));
  const std::chrono::year_month_day ymd(local);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

std::string VietnamTimeInput(base::TimePoint t) {
  const auto local = t + std::chrono::hours(7);
  const auto in_day = local - std::chrono::floor<std::chrono::days>(local);
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(in_day).count();
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(minutes / 60),
                static_cast<int>(minutes % 60));
  return buf;
}

namespace {

constexpr ConsoleMessage kMessages[] = {
    {"created", "Đã lên lịch buổi tập huấn.", "The session is scheduled."},
    {"saved", "Đã lưu thay đổi.", "Changes saved."},
};

// The form as typed, for showing it again.
struct TrainingForm {
  std::string title, description, date, start, end, place, trainer, materials, status;
  std::vector<std::string> units;
};

TrainingForm FormOf(const FormData& form) {
  TrainingForm f;
  f.title = form.Field("title");
  f.description = form.Field("description");
  f.date = form.Field("date");
  f.start = form.Field("start");
  f.end = form.Field("end");
  f.place = form.Field("place");
  f.trainer = form.Field("trainer");
  f.materials = form.Field("materials");
  f.status = form.Field("status");
  for (const auto& [name, value] : form.fields) {
    if (name == "units") f.units.push_back(value);
  }
  return f;
}

TrainingForm FormOf(const domain::Training& t) {
  TrainingForm f;
  f.title = t.title;
  f.description = t.description;
  f.date = VietnamDateInput(t.starts_at);
  f.start = VietnamTimeInput(t.starts_at);
  f.end = VietnamTimeInput(t.ends_at);
  f.place = t.place;
  f.trainer = t.trainer;
  for (const domain::TrainingMaterial& m : t.materials)
    f.materials += m.title + " | " + m.url + "\n";
  f.status = std::string(domain::Name(t.status));
  f.units = t.invited_units;
  return f;
}

// A field error in the page's language, by the field the service named.
struct FieldError {
  std::string field;
  std::string message;
};

FieldError ErrorFor(const PageContext& context, const base::Status& s) {
  const std::string_view m = s.message();
  auto is = [&](std::string_view field) { return m.starts_with(std::string(field) + ":"); };
  if (is("title"))
    return {"title",
            std::string(context.Pick("Tên buổi tập huấn: không được để trống, tối đa 300 ký tự.",
                                     "Title: required, at most 300 characters."))};
  if (is("place"))
    return {"place", std::string(context.Pick("Địa điểm: không được để trống, tối đa 300 ký tự.",
                                              "Place: required, at most 300 characters."))};
  if (is("trainer"))
    return {"trainer",
            std::string(context.Pick("Giảng viên: không được để trống, tối đa 300 ký tự.",
                                     "Trainer: required, at most 300 characters."))};
  if (is("ends_at") || is("date"))
    return {"date", std::string(context.Pick(
                        "Thời gian: chọn ngày, giờ bắt đầu và giờ kết thúc (sau giờ bắt đầu).",
                        "Time: choose the day, a start and an end after it."))};
  if (is("materials"))
    return {"materials",
            std::string(context.Pick("Tài liệu: mỗi dòng “Tên tài liệu | https://...”; đường link "
                                     "phải bắt đầu bằng http:// hoặc https://.",
                                     "Materials: one per line, “Title | https://...”; links must "
                                     "start with http:// or https://."))};
  if (is("description"))
    return {"description",
            std::string(context.Pick("Nội dung: quá dài.", "Description: too long."))};
  if (is("unit") || s.code() == base::StatusCode::kNotFound)
    return {"units", std::string(context.Pick("Đơn vị được mời: có đơn vị không còn tồn tại.",
                                              "Invited units: a unit no longer exists."))};
  return {"", std::string(context.Pick("Không lưu được, vui lòng thử lại.",
                                       "Could not save; please try again."))};
}

// The draft of a form, or the error of its first bad field.
base::Result<service::TrainingDraft> DraftOf(const TrainingForm& f) {
  service::TrainingDraft d;
  d.title = f.title;
  d.description = f.description;
  d.place = f.place;
  d.trainer = f.trainer;
  std::optional<base::TimePoint> starts = ParseVietnamDateTime(f.date, f.start);
  std::optional<base::TimePoint> ends = ParseVietnamDateTime(f.date, f.end);
  if (!starts || !ends) return base::InvalidArgumentError("date: malformed");
  d.starts_at = *starts;
  d.ends_at = *ends;
  for (std::string_view line : base::Split(f.materials, '\n')) {
    line = base::TrimAscii(line);
    if (line.empty()) continue;
    const size_t bar = line.rfind('|');
    if (bar == std::string_view::npos) {
      return base::InvalidArgumentError("materials: write “title | link”");
    }
    domain::TrainingMaterial m{std::string(base::TrimAscii(line.substr(0, bar))),
                               std::string(base::TrimAscii(line.substr(bar + 1)))};
    BINHYEN_RETURN_IF_ERROR(domain::ValidateMaterial(m));
    d.materials.push_back(std::move(m));
  }
  d.units = f.units;
  if (!f.status.empty()) {
    std::optional<domain::TrainingStatus> status = domain::ParseTrainingStatus(f.status);
    if (!status) return base::InvalidArgumentError("status: unknown");
    d.status = *status;
  }
  return d;
}

http::Response RenderForm(Shared& shared, const http::Request& request, PageContext& context,
                          std::optional<int64_t> id, const TrainingForm& f,
                          const FieldError* error) {
  Data data;
  data.set("is_new", Data(!id.has_value()));
  data.set("action", id ? "/quan-tri/tap-huan/" + std::to_string(*id) + "/sua"
                        : std::string("/quan-tri/tap-huan/moi"));
  if (id) data.set("id", std::to_string(*id));
  for (auto [name, value] : std::initializer_list<std::pair<const char*, const std::string*>>{
           {"title", &f.title},
           {"description", &f.description},
           {"date", &f.date},
           {"start", &f.start},
           {"end", &f.end},
           {"place", &f.place},
           {"trainer", &f.trainer},
           {"materials", &f.materials}}) {
    data.set(name, *value);
  }
  const std::set<std::string> chosen(f.units.begin(), f.units.end());
  base::Result<std::vector<domain::Unit>> units = [&]() -> base::Result<std::vector<domain::Unit>> {
    BINHYEN_ASSIGN_OR_RETURN(auto tx, shared.services().store.Begin(store::TxMode::kReadOnly));
    return tx->Units().List();
  }();
  Data unit_rows = Data::type::list;
  if (units.ok()) {
    for (const domain::Unit& u : *units) {
      Data row;
      row.set("code", u.code);
      row.set("name", u.name);
      row.set("checked", Data(chosen.count(u.code) > 0));
      unit_rows.push_back(row);
    }
  }
  data.set("units", unit_rows);
  Data statuses = Data::type::list;
  for (domain::TrainingStatus s :
       {domain::TrainingStatus::kScheduled, domain::TrainingStatus::kHeld,
        domain::TrainingStatus::kCancelled}) {
    Data row;
    row.set("value", std::string(domain::Name(s)));
    row.set("label", std::string(TrainingStatusLabel(context, s)));
    row.set("selected", Data(f.status == domain::Name(s)));
    statuses.push_back(row);
  }
  data.set("statuses", statuses);
  if (error != nullptr) {
    data.set("alert", error->message);
    if (!error->field.empty()) data.set("error_" + error->field, error->message);
  }
  AddConsoleNotices(data, request, context, kMessages);
  return RenderPage(
      shared.templates(), context, "training_form", std::move(data),
      ConsoleMeta(context, id ? "Sửa buổi tập huấn" : "Lên lịch tập huấn",
                  id ? "Edit a session" : "Schedule a session", error != nullptr ? 422 : 200));
}

http::Response List(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  if (auto refusal = shared.RequireUser(request, context, service::Permission::kPeopleManage)) {
    return *refusal;
  }
  service::Trainings trainings = MakeTrainings(shared);
  base::Result<std::vector<domain::Training>> list = trainings.List(*context.user);
  if (!list.ok()) return TrainingErrorPage(shared, context, list.status());
  const base::TimePoint now = shared.services().clock.Now();
  Data rows = Data::type::list;
  for (const domain::Training& t : *list) {
    Data row;
    row.set("id", std::to_string(t.id));
    row.set("title", t.title);
    row.set("when", FormatVietnamDate(t.starts_at, true));
    row.set("place", t.place);
    row.set("trainer", t.trainer);
    row.set("status", std::string(TrainingStatusLabel(context, t.status)));
    row.set("badge", std::string(TrainingStatusBadge(t.status)));
    row.set("upcoming", Data(t.ends_at > now && t.status == domain::TrainingStatus::kScheduled));
    rows.push_back(row);
  }
  Data data;
  data.set("rows", rows);
  data.set("has_rows", Data(!list->empty()));
  data.set("can_manage", Data(context.user->Can(service::Permission::kProgrammeManage)));
  AddConsoleNotices(data, request, context, kMessages);
  return RenderPage(shared.templates(), context, "training_list", std::move(data),
                    ConsoleMeta(context, "Tập huấn", "Trainings"));
}

http::Response New(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  if (auto refusal = shared.RequireUser(request, context, service::Permission::kProgrammeManage)) {
    return *refusal;
  }
  TrainingForm f;
  const base::TimePoint tomorrow = shared.services().clock.Now() + std::chrono::hours(24);
  f.date = VietnamDateInput(tomorrow);
  f.start = "08:00";
  f.end = "11:00";
  f.status = "scheduled";
  return RenderForm(shared, request, context, std::nullopt, f, nullptr);
}

http::Response Save(Shared& shared, const http::Request& request, std::optional<int64_t> id) {
  PageContext context = shared.Context(request);
  ConsolePost post =
      ReadConsolePost(shared, request, context, service::Permission::kProgrammeManage);
  if (post.refusal) return std::move(*post.refusal);
  const TrainingForm f = FormOf(post.form);
  base::Result<service::TrainingDraft> draft = DraftOf(f);
  if (!draft.ok()) {
    const FieldError error = ErrorFor(context, draft.status());
    return RenderForm(shared, request, context, id, f, &error);
  }
  service::Trainings trainings = MakeTrainings(shared);
  base::Result<domain::Training> saved =
      id ? trainings.Update(*id, *draft, *context.user) : trainings.Create(*draft, *context.user);
  if (!saved.ok()) {
    if (saved.status().code() == base::StatusCode::kPermissionDenied ||
        (id && saved.status().message().starts_with("training "))) {
      return TrainingErrorPage(shared, context, saved.status());
    }
    const FieldError error = ErrorFor(context, saved.status());
    return RenderForm(shared, request, context, id, f, &error);
  }
  return RedirectWithNotice("/quan-tri/tap-huan/" + std::to_string(saved->id),
                            id ? "saved" : "created");
}

http::Response Edit(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  if (auto refusal = shared.RequireUser(request, context, service::Permission::kProgrammeManage)) {
    return *refusal;
  }
  std::optional<int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return TrainingErrorPage(shared, context, base::NotFoundError("id"));
  service::Trainings trainings = MakeTrainings(shared);
  base::Result<service::TrainingReport> report = trainings.Report(*id, *context.user);
  if (!report.ok()) return TrainingErrorPage(shared, context, report.status());
  return RenderForm(shared, request, context, id, FormOf(report->training), nullptr);
}

}  // namespace

void RegisterTrainingPages(http::Router& router, Shared& shared) {
  router.Add(http::Method::kGet, "/quan-tri/tap-huan",
             [&shared](http::Request& r) { return List(shared, r); });
  router.Add(http::Method::kGet, "/quan-tri/tap-huan/moi",
             [&shared](http::Request& r) { return New(shared, r); });
  router.Add(http::Method::kPost, "/quan-tri/tap-huan/moi",
             [&shared](http::Request& r) { return Save(shared, r, std::nullopt); });
  router.Add(http::Method::kGet, "/quan-tri/tap-huan/{id}/sua",
             [&shared](http::Request& r) { return Edit(shared, r); });
  router.Add(http::Method::kPost, "/quan-tri/tap-huan/{id}/sua", [&shared](http::Request& r) {
    std::optional<int64_t> id = ParseId(r.PathParam("id"));
    return Save(shared, r, id ? id : std::optional<int64_t>(-1));
  });
  RegisterTrainingDetailPages(router, shared);
  RegisterTrainingCheckinPages(router, shared);
}

}  // namespace binhyen::web::internal
