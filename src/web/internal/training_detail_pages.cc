// A training session in the console (/quan-tri/tap-huan/{id}): details, invited vs attended per
// unit, who came, marking attendance by hand, the printable sheet of personal QR codes, the
// session QR poster for the venue, the attendance CSV, and the per-unit report over time
// (/quan-tri/tap-huan/bao-cao).

#include <chrono>
#include <set>
#include <string>
#include <utility>

#include "render/markdown.h"
#include "render/qr_svg.h"
#include "web/internal/console_common.h"
#include "web/internal/training_pages.h"

namespace binhyen::web::internal {
namespace {

constexpr auto kView = service::Permission::kPeopleManage;
constexpr auto kManage = service::Permission::kProgrammeManage;
constexpr size_t kMaxSheet = 500;  // QR codes on one printed sheet

constexpr ConsoleMessage kMessages[] = {
    {"created", "Đã lên lịch buổi tập huấn.", "The session is scheduled."},
    {"saved", "Đã lưu thay đổi.", "Changes saved."},
    {"marked", "Đã ghi nhận có mặt.", "Marked present."},
    {"already", "Người này đã được điểm danh trước đó.", "This person was already checked in."},
    {"removed", "Đã bỏ một lượt điểm danh.", "Attendance removed."},
};

std::string_view ViaLabel(const PageContext& context, domain::CheckinVia via) {
  switch (via) {
    case domain::CheckinVia::kLink: return context.Pick("Mã QR cá nhân", "Personal QR");
    case domain::CheckinVia::kWalkIn: return context.Pick("Tại chỗ", "Walk-in");
    case domain::CheckinVia::kManual: return context.Pick("Cán bộ ghi", "By the organiser");
  }
  return "";
}

std::string WindowLabel(const PageContext& context, service::CheckinWindow w) {
  switch (w) {
    case service::CheckinWindow::kOpen:
      return std::string(context.Pick("Đang mở điểm danh", "Check-in open"));
    case service::CheckinWindow::kTooEarly:
      return std::string(context.Pick("Điểm danh mở 1 giờ trước giờ bắt đầu",
                                      "Check-in opens one hour before the start"));
    case service::CheckinWindow::kEnded:
      return std::string(context.Pick("Đã hết giờ điểm danh", "Check-in closed"));
    case service::CheckinWindow::kCancelled:
      return std::string(context.Pick("Buổi tập huấn đã hủy", "Cancelled"));
  }
  return "";
}

// The session's report for the signed-in caller, or the page to send instead.
struct Loaded {
  PageContext context;
  std::optional<service::TrainingReport> report;
  std::optional<http::Response> refusal;
};

Loaded Load(Shared& shared, const http::Request& request) {
  Loaded l{shared.Context(request), std::nullopt, std::nullopt};
  l.refusal = shared.RequireUser(request, l.context, kView);
  if (l.refusal) return l;
  std::optional<int64_t> id = ParseId(request.PathParam("id"));
  if (!id) {
    l.refusal = TrainingErrorPage(shared, l.context, base::NotFoundError("id"));
    return l;
  }
  base::Result<service::TrainingReport> report = MakeTrainings(shared).Report(*id, *l.context.user);
  if (!report.ok()) {
    l.refusal = TrainingErrorPage(shared, l.context, report.status());
    return l;
  }
  l.report = std::move(*report);
  return l;
}

Data AttendanceRows(const PageContext& context, const service::TrainingReport& r) {
  Data rows = Data::type::list;
  for (const domain::Attendance& a : r.attendance) {
    Data row;
    row.set("id", std::to_string(a.id));
    row.set("name", a.name);
    auto unit = r.unit_names.find(a.unit_code);
    row.set("unit", unit == r.unit_names.end() ? a.unit_code : unit->second);
    row.set("at", FormatVietnamDate(a.checked_in_at, true));
    row.set("via", std::string(ViaLabel(context, a.via)));
    row.set("unmatched", Data(!a.person_id.has_value()));
    rows.push_back(row);
  }
  return rows;
}

Data UnitRows(const service::TrainingReport& r) {
  Data rows = Data::type::list;
  for (const service::UnitAttendanceRow& u : r.units) {
    Data row;
    row.set("code", u.unit_code);
    row.set("name", u.unit_name);
    row.set("invited", std::to_string(u.invited));
    row.set("invited_attended", std::to_string(u.invited_attended));
    row.set("attended", std::to_string(u.attended));
    rows.push_back(row);
  }
  return rows;
}

http::Response Detail(Shared& shared, const http::Request& request) {
  Loaded l = Load(shared, request);
  if (l.refusal) return std::move(*l.refusal);
  const service::TrainingReport& r = *l.report;
  const domain::Training& t = r.training;
  Data data;
  data.set("id", std::to_string(t.id));
  data.set("id_of_session", std::to_string(t.id));
  data.set("title", t.title);
  data.set("description_html", render::MarkdownToHtml(t.description, 2));
  data.set("when", FormatVietnamDate(t.starts_at, true) + " – " + VietnamTimeInput(t.ends_at));
  data.set("place", t.place);
  data.set("trainer", t.trainer);
  data.set("status", std::string(TrainingStatusLabel(l.context, t.status)));
  data.set("badge", std::string(TrainingStatusBadge(t.status)));
  data.set("window", WindowLabel(l.context, r.window));
  Data materials = Data::type::list;
  for (const domain::TrainingMaterial& m : t.materials) {
    Data row;
    row.set("title", m.title);
    row.set("url", m.url);
    materials.push_back(row);
  }
  data.set("materials", materials);
  data.set("has_materials", Data(!t.materials.empty()));
  data.set("invited", std::to_string(r.invited));
  data.set("invited_attended", std::to_string(r.invited_attended));
  data.set("attended", std::to_string(r.attended));
  data.set("percent", std::to_string(r.percent));
  data.set("units", UnitRows(r));
  data.set("has_units", Data(!r.units.empty()));
  data.set("attendance", AttendanceRows(l.context, r));
  data.set("has_attendance", Data(!r.attendance.empty()));
  const bool manage = l.context.user->Can(kManage);
  data.set("can_manage", Data(manage));
  Data absent = Data::type::list;
  for (const service::InviteeRow& p : r.invitees) {
    if (p.attendance) continue;
    Data row;
    row.set("person_id", std::to_string(p.person_id));
    row.set("name", p.name);
    row.set("position", p.position);
    row.set("unit", p.unit_name);
    absent.push_back(row);
  }
  data.set("absent", absent);
  data.set("has_absent", Data(r.invitees.size() > static_cast<size_t>(r.invited_attended)));
  data.set("can_mark", Data(manage && t.status != domain::TrainingStatus::kCancelled));
  AddConsoleNotices(data, request, l.context, kMessages);
  return RenderPage(shared.templates(), l.context, "training_detail", std::move(data),
                    ConsoleMeta(l.context, "Buổi tập huấn", "Training session"));
}

http::Response Mark(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  ConsolePost post = ReadConsolePost(shared, request, context, kManage);
  if (post.refusal) return std::move(*post.refusal);
  std::optional<int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return TrainingErrorPage(shared, context, base::NotFoundError("id"));
  service::Trainings trainings = MakeTrainings(shared);
  const std::string back = "/quan-tri/tap-huan/" + std::to_string(*id);
  if (std::optional<int64_t> row = ParseId(post.form.Field("remove"))) {
    base::Status s = trainings.Unmark(*id, *row, *context.user);
    if (!s.ok()) return TrainingErrorPage(shared, context, s);
    return RedirectWithNotice(back, "removed");
  }
  std::optional<int64_t> person = ParseId(post.form.Field("person_id"));
  if (!person) return TrainingErrorPage(shared, context, base::NotFoundError("person"));
  base::Result<service::CheckinResult> result = trainings.Mark(*id, *person, *context.user);
  if (!result.ok()) return TrainingErrorPage(shared, context, result.status());
  return RedirectWithNotice(back, result->already ? "already" : "marked");
}

// One CSV field: quoted, quotes doubled, and a leading = + - @ neutralised so that a name can
// never run as a spreadsheet formula.
std::string CsvField(std::string_view value) {
  std::string out = "\"";
  if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' ||
                         value[0] == '\t' || value[0] == '\r')) {
    out += '\'';
  }
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

http::Response Csv(Shared& shared, const http::Request& request) {
  Loaded l = Load(shared, request);
  if (l.refusal) return std::move(*l.refusal);
  const service::TrainingReport& r = *l.report;
  // A BOM so that Excel reads UTF-8 (Vietnamese names) correctly. Invitees first (present or
  // not), then people who came without an invitation.
  std::string csv = "\xEF\xBB\xBFho_ten,chuc_vu,don_vi,duoc_moi,co_mat,gio_diem_danh,cach\r\n";
  for (const service::InviteeRow& p : r.invitees) {
    csv += CsvField(p.name) + "," + CsvField(p.position) + "," + CsvField(p.unit_name) + ",co," +
           (p.attendance ? "co," + CsvField(FormatVietnamDate(p.attendance->checked_in_at, true)) +
                               "," + std::string(domain::Name(p.attendance->via))
                         : std::string("khong,,")) +
           "\r\n";
  }
  std::set<int64_t> invited;
  for (const service::InviteeRow& p : r.invitees) invited.insert(p.person_id);
  for (const domain::Attendance& a : r.attendance) {
    if (a.person_id && invited.count(*a.person_id) > 0) continue;
    auto unit = r.unit_names.find(a.unit_code);
    csv += CsvField(a.name) + ",," +
           CsvField(unit == r.unit_names.end() ? a.unit_code : unit->second) + ",khong,co," +
           CsvField(FormatVietnamDate(a.checked_in_at, true)) + "," +
           std::string(domain::Name(a.via)) + "\r\n";
  }
  http::Response resp = http::Response::WithType(200, "text/csv; charset=utf-8", std::move(csv));
  resp.headers.Set("Content-Disposition", "attachment; filename=\"diem-danh-tap-huan-" +
                                              std::to_string(r.training.id) + ".csv\"");
  resp.headers.Set("Cache-Control", "no-store");
  return resp;
}

http::Response Sheet(Shared& shared, const http::Request& request) {
  Loaded l = Load(shared, request);
  if (l.refusal) return std::move(*l.refusal);
  const service::TrainingReport& r = *l.report;
  std::optional<std::string> unit;
  if (std::optional<std::string_view> u = request.Query("don-vi"); u && !u->empty()) {
    unit = std::string(*u);
  }
  base::Result<std::vector<service::CheckinLink>> links =
      MakeTrainings(shared).Links(r.training.id, unit, *l.context.user);
  if (!links.ok()) return TrainingErrorPage(shared, l.context, links.status());
  const std::string base_url = shared.PublicUrl(request);
  Data cards = Data::type::list;
  size_t shown = 0;
  for (const service::CheckinLink& link : *links) {
    if (++shown > kMaxSheet) break;
    Data card;
    card.set("name", link.name);
    card.set("position", link.position);
    card.set("unit", link.unit_name);
    base::Result<std::string> svg = render::QrSvg(base_url + link.path, link.name, 3);
    card.set("qr_svg", svg.ok() ? *svg : "");
    card.set("href", link.path);
    cards.push_back(card);
  }
  Data unit_options = Data::type::list;
  for (const service::UnitAttendanceRow& u : r.units) {
    Data row;
    row.set("code", u.unit_code);
    row.set("name", u.unit_name);
    row.set("selected", Data(unit && *unit == u.unit_code));
    unit_options.push_back(row);
  }
  Data data;
  data.set("id", std::to_string(r.training.id));
  data.set("title", r.training.title);
  data.set("when", FormatVietnamDate(r.training.starts_at, true));
  data.set("place", r.training.place);
  data.set("cards", cards);
  data.set("has_cards", Data(shown > 0));
  data.set("cut", Data(shown > kMaxSheet));
  data.set("unit_options", unit_options);
  http::Response resp =
      RenderPage(shared.templates(), l.context, "training_sheet", std::move(data),
                 ConsoleMeta(l.context, "Phiếu mã QR điểm danh", "Check-in QR codes"));
  resp.headers.Set("Referrer-Policy", "no-referrer");
  return resp;
}

http::Response Poster(Shared& shared, const http::Request& request) {
  Loaded l = Load(shared, request);
  if (l.refusal) return std::move(*l.refusal);
  const service::TrainingReport& r = *l.report;
  base::Result<std::string> path =
      MakeTrainings(shared).SessionLink(r.training.id, *l.context.user);
  if (!path.ok()) return TrainingErrorPage(shared, l.context, path.status());
  const std::string url = shared.PublicUrl(request) + *path;
  Data data;
  data.set("id", std::to_string(r.training.id));
  data.set("title", r.training.title);
  data.set("when", FormatVietnamDate(r.training.starts_at, true) + " – " +
                       VietnamTimeInput(r.training.ends_at));
  data.set("place", r.training.place);
  data.set("trainer", r.training.trainer);
  base::Result<std::string> svg = render::QrSvg(url, r.training.title, 8);
  data.set("qr_svg", svg.ok() ? *svg : "");
  data.set("href", *path);
  http::Response resp =
      RenderPage(shared.templates(), l.context, "training_poster", std::move(data),
                 ConsoleMeta(l.context, "Mã QR điểm danh tại hội trường", "Venue check-in QR"));
  resp.headers.Set("Referrer-Policy", "no-referrer");
  return resp;
}

}  // namespace

void RegisterTrainingDetailPages(http::Router& router, Shared& shared) {
  router.Add(http::Method::kGet, "/quan-tri/tap-huan/{id}",
             [&shared](http::Request& r) { return Detail(shared, r); });
  router.Add(http::Method::kPost, "/quan-tri/tap-huan/{id}/diem-danh",
             [&shared](http::Request& r) { return Mark(shared, r); });
  router.Add(http::Method::kGet, "/quan-tri/tap-huan/{id}/diem-danh.csv",
             [&shared](http::Request& r) { return Csv(shared, r); });
  router.Add(http::Method::kGet, "/quan-tri/tap-huan/{id}/ma-qr",
             [&shared](http::Request& r) { return Sheet(shared, r); });
  router.Add(http::Method::kGet, "/quan-tri/tap-huan/{id}/ap-phich",
             [&shared](http::Request& r) { return Poster(shared, r); });
  RegisterTrainingReportPage(router, shared);
}

}  // namespace binhyen::web::internal
