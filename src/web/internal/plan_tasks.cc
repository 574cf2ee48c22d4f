// Tasks to units ("nhiệm vụ", issue 9) in the console: /quan-tri/nhiem-vu lists the caller's
// tasks by view (active, overdue, due within 7 days, done, all) and unit, with the reminder
// banner and a CSV of the view for reminders; programme admins assign a task to several units
// at once (one task per unit). Programme admins see every unit; unit officers their unit's
// subtree (service::Tasks narrows them).

#include "web/internal/plan_tasks.h"

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "domain/calendar.h"
#include "web/internal/plan_common.h"

namespace binhyen::web::internal {

const PlanFieldLabel kTaskLabels[9] = {
    {"units", "Đơn vị thực hiện", "Units"},
    {"title", "Việc cần làm", "What to do"},
    {"description", "Chi tiết", "Details"},
    {"responsible", "Người chịu trách nhiệm", "Responsible"},
    {"expected_result", "Kết quả cần đạt", "Expected result"},
    {"due_on", "Thời hạn", "Deadline"},
    {"status", "Trạng thái", "Status"},
    {"progress", "Tiến độ (%)", "Progress (%)"},
    {"text", "Nội dung báo cáo", "Report"},
};

service::Tasks MakeTasks(Shared& shared) {
  return service::Tasks(shared.services().store, shared.services().clock);
}

std::string_view TaskStatusLabel(const PageContext& context, domain::TaskStatus status) {
  switch (status) {
    case domain::TaskStatus::kOpen: return context.Pick("Chưa bắt đầu", "Not started");
    case domain::TaskStatus::kInProgress: return context.Pick("Đang thực hiện", "In progress");
    case domain::TaskStatus::kDone: return context.Pick("Đã hoàn thành", "Done");
    case domain::TaskStatus::kCancelled: return context.Pick("Đã hủy", "Cancelled");
  }
  return "";
}

void SetTaskRow(Data& row, const PageContext& context, const service::TaskRow& r) {
  const domain::Task& t = r.task;
  row.set("id", std::to_string(t.id));
  row.set("title", t.title);
  row.set("unit", r.unit_name);
  row.set("unit_code", t.unit_code);
  row.set("responsible", t.responsible);
  row.set("expected_result", t.expected_result);
  row.set("due", ShowDate(t.due_on));
  row.set("status", std::string(TaskStatusLabel(context, t.status)));
  row.set("status_code", std::string(domain::Name(t.status)));
  row.set("progress", std::to_string(t.progress));
  row.set("overdue", Data(r.overdue));
  std::string when;
  std::string badge;
  if (t.status == domain::TaskStatus::kDone) {
    when = t.done_at
               ? std::string(context.Pick("Xong ngày ", "Done on ")) + FormatVietnamDate(*t.done_at)
               : std::string(context.Pick("Đã xong", "Done"));
    badge = "green";
  } else if (t.status == domain::TaskStatus::kCancelled) {
    when = "—";
  } else if (r.overdue) {
    when = std::string(context.Pick("Quá hạn ", "Overdue by ")) + std::to_string(-r.days_left) +
           std::string(context.Pick(" ngày", r.days_left == -1 ? " day" : " days"));
    badge = "red";
  } else if (r.days_left == 0) {
    when = std::string(context.Pick("Đến hạn hôm nay", "Due today"));
    badge = "amber";
  } else {
    when = std::string(context.Pick("Còn ", "")) + std::to_string(r.days_left) +
           std::string(context.Pick(" ngày", r.days_left == 1 ? " day left" : " days left"));
    if (r.days_left <= service::kTaskDueSoonDays) badge = "amber";
  }
  row.set("when", when);
  row.set("when_badge", badge);
}

service::TaskInput TaskInputFromForm(const FormData& form) {
  service::TaskInput in;
  for (const auto& [name, value] : form.fields) {
    if (name == "units") in.units.push_back(value);
  }
  in.title = std::string(form.Field("title"));
  in.description = std::string(form.Field("description"));
  in.responsible = std::string(form.Field("responsible"));
  in.expected_result = std::string(form.Field("expected_result"));
  in.due_on = std::string(form.Field("due_on"));
  return in;
}

bool SetTaskFields(Shared& shared, Data& data, const PageContext& context,
                   const service::TaskInput& in) {
  data.set("f_title", in.title);
  data.set("f_description", in.description);
  data.set("f_responsible", in.responsible);
  data.set("f_expected_result", in.expected_result);
  data.set("f_due_on", in.due_on);
  auto units = PlanUnitChoices(shared, &*context.user,
                               std::set<std::string>(in.units.begin(), in.units.end()));
  if (!units) return false;
  data.set("unit_choices", *units);
  return true;
}

namespace {

constexpr ConsoleMessage kMessages[] = {
    {"created", "Đã giao nhiệm vụ cho các đơn vị đã chọn (mỗi đơn vị một nhiệm vụ).",
     "Task assigned to the units chosen (one task per unit)."},
};

struct View {
  service::TaskView view;
  std::string_view slug;
  std::string_view vi;
  std::string_view en;
};

constexpr View kViews[] = {
    {service::TaskView::kActive, "dang-thuc-hien", "Đang thực hiện", "Active"},
    {service::TaskView::kOverdue, "qua-han", "Quá hạn", "Overdue"},
    {service::TaskView::kDueSoon, "sap-den-han", "Sắp đến hạn (7 ngày)", "Due within 7 days"},
    {service::TaskView::kDone, "da-xong", "Đã hoàn thành", "Done"},
    {service::TaskView::kAll, "tat-ca", "Tất cả", "All"},
};

const View& ViewOf(const http::Request& request) {
  const std::string_view slug = request.Query("xem").value_or("");
  for (const View& v : kViews) {
    if (v.slug == slug) return v;
  }
  return kViews[0];
}

std::string ListHref(std::string_view slug, const std::string& unit, std::string_view base) {
  std::string href = std::string(base) + "?xem=" + std::string(slug);
  if (!unit.empty()) href += "&don-vi=" + http::UrlEncode(unit);
  return href;
}

Data Tabs(const PageContext& context, const View& current, const std::string& unit) {
  Data tabs{Data::type::list};
  for (const View& v : kViews) {
    Data tab;
    tab.set("href", ListHref(v.slug, unit, "/quan-tri/nhiem-vu"));
    tab.set("label", std::string(context.Pick(v.vi, v.en)));
    tab.set("current", Data(&v == &current));
    tabs.push_back(tab);
  }
  return tabs;
}

// The reminder: how many of the caller's tasks are overdue and due within 7 days.
void SetReminder(service::Tasks& tasks, Data& data, const PageContext& context) {
  auto overdue = tasks.List(*context.user, service::TaskView::kOverdue);
  auto soon = tasks.List(*context.user, service::TaskView::kDueSoon);
  if (!overdue.ok() || !soon.ok() || (overdue->empty() && soon->empty())) return;
  const bool officer = !context.user->Can(service::Permission::kProgrammeManage);
  std::string text(officer ? context.Pick("Đơn vị của bạn: ", "Your unit: ") : "");
  text += std::to_string(overdue->size()) +
          std::string(context.Pick(" nhiệm vụ quá hạn, ", " tasks overdue, ")) +
          std::to_string(soon->size()) +
          std::string(context.Pick(" sắp đến hạn (trong 7 ngày).", " due within 7 days."));
  data.set("reminder", text);
  data.set("reminder_overdue", Data(!overdue->empty()));
}

http::Response ListPage(Shared& shared, const http::Request& request, PageContext& context,
                        const service::TaskInput& form, const PlanErrors& errors) {
  const View& view = ViewOf(request);
  const std::string unit(request.Query("don-vi").value_or(""));
  service::Tasks tasks = MakeTasks(shared);
  auto rows = tasks.List(*context.user, view.view, unit);
  if (!rows.ok()) return PlanErrorPage(shared, context, rows.status());
  Data list{Data::type::list};
  for (const service::TaskRow& r : *rows) {
    Data row;
    SetTaskRow(row, context, r);
    list.push_back(row);
  }
  Data data;
  data.set("rows", list);
  data.set("has_rows", Data(!rows->empty()));
  data.set("tabs", Tabs(context, view, unit));
  data.set("view", std::string(view.slug));
  data.set("view_label", std::string(context.Pick(view.vi, view.en)));
  data.set("csv_href", ListHref(view.slug, unit, "/quan-tri/nhiem-vu/nhac-viec.csv"));
  auto filter = PlanUnitChoices(shared, &*context.user, {unit});
  if (!filter) return PlanErrorPage(shared, context, base::UnavailableError("units"));
  data.set("filter_units", *filter);
  data.set("filtered", Data(!unit.empty()));
  SetReminder(tasks, data, context);
  const bool can_assign = context.user->Can(service::Permission::kProgrammeManage);
  data.set("can_assign", Data(can_assign));
  if (can_assign && !SetTaskFields(shared, data, context, form)) {
    return PlanErrorPage(shared, context, base::UnavailableError("units"));
  }
  SetPlanErrors(data, errors);
  AddConsoleNotices(data, request, context, kMessages);
  return RenderPage(shared.templates(), context, "plan_tasks", std::move(data),
                    ConsoleMeta(context, "Nhiệm vụ", "Tasks", errors.empty() ? 200 : 422));
}

http::Response List(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  if (auto refusal = shared.RequireUser(request, context, kTaskPermission)) {
    return *std::move(refusal);
  }
  service::TaskInput form;
  form.due_on = domain::AddDays(PlanToday(shared), 30);
  return ListPage(shared, request, context, form, {});
}

http::Response Create(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  ConsolePost post =
      ReadConsolePost(shared, request, context, service::Permission::kProgrammeManage);
  if (post.refusal) return *std::move(post.refusal);
  const service::TaskInput input = TaskInputFromForm(post.form);
  service::Tasks tasks = MakeTasks(shared);
  auto created = tasks.Create(*context.user, input);
  if (created.ok()) return RedirectWithNotice("/quan-tri/nhiem-vu", "created");
  if (created.status().code() != base::StatusCode::kInvalidArgument) {
    return PlanErrorPage(shared, context, created.status());
  }
  return ListPage(shared, request, context, input,
                  PlanFieldErrors(context, created.status(), kTaskLabels));
}

// The view as CSV (UTF-8 with a BOM so that Excel reads Vietnamese), for reminders by phone or
// Zalo.
http::Response Csv(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  if (auto refusal = shared.RequireUser(request, context, kTaskPermission)) {
    return *std::move(refusal);
  }
  const View& view = ViewOf(request);
  service::Tasks tasks = MakeTasks(shared);
  auto rows =
      tasks.List(*context.user, view.view, std::string(request.Query("don-vi").value_or("")));
  if (!rows.ok()) return PlanErrorPage(shared, context, rows.status());
  std::string csv =
      "\xEF\xBB\xBFma,don_vi,nhiem_vu,nguoi_chiu_trach_nhiem,ket_qua_can_dat,han,so_ngay_con_lai,"
      "trang_thai,tien_do_phan_tram\r\n";
  for (const service::TaskRow& r : *rows) {
    const domain::Task& t = r.task;
    csv += std::to_string(t.id) + "," + PlanCsvField(r.unit_name) + "," + PlanCsvField(t.title) +
           "," + PlanCsvField(t.responsible) + "," + PlanCsvField(t.expected_result) + "," +
           PlanCsvField(ShowDate(t.due_on)) + "," + std::to_string(r.days_left) + "," +
           PlanCsvField(TaskStatusLabel(context, t.status)) + "," + std::to_string(t.progress) +
           "\r\n";
  }
  http::Response r = http::Response::WithType(200, "text/csv; charset=utf-8", std::move(csv));
  r.headers.Set("Content-Disposition", "attachment; filename=\"nhac-viec-" +
                                           std::string(view.slug) + "-" + PlanToday(shared) +
                                           ".csv\"");
  r.headers.Set("Cache-Control", "no-store");
  return r;
}

}  // namespace

void RegisterPlanTasks(http::Router& router, Shared& shared) {
  router.Add(http::Method::kGet, "/quan-tri/nhiem-vu",
             [&shared](http::Request& r) { return List(shared, r); });
  router.Add(http::Method::kPost, "/quan-tri/nhiem-vu",
             [&shared](http::Request& r) { return Create(shared, r); });
  router.Add(http::Method::kGet, "/quan-tri/nhiem-vu/nhac-viec.csv",
             [&shared](http::Request& r) { return Csv(shared, r); });
  RegisterPlanTaskDetail(router, shared);
}

}  // namespace binhyen::web::internal
