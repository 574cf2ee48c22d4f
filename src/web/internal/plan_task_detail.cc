// One task (/quan-tri/nhiem-vu/{id}): the five items, the progress history, the progress form
// (the unit's officers and programme admins; only programme admins may cancel) and, for
// programme admins, the form that edits the five items. A task outside the caller's units
// answers 404.

#include <charconv>
#include <string>
#include <utility>

#include "base/strings.h"
#include "web/internal/plan_tasks.h"

namespace binhyen::web::internal {
namespace {

constexpr ConsoleMessage kMessages[] = {
    {"created", "Đã giao nhiệm vụ.", "Task assigned."},
    {"reported", "Đã ghi tiến độ.", "Progress recorded."},
    {"saved", "Đã lưu thay đổi.", "Changes saved."},
};

// The progress form as typed.
struct ProgressForm {
  std::string status;
  std::string progress;
  std::string text;
};

// What the page shows besides the task: the forms as typed and their errors.
struct DetailForms {
  const ProgressForm* progress = nullptr;  // null: prefilled from the task
  PlanErrors progress_errors;
  const service::TaskInput* edit = nullptr;  // null: the task's own items
  PlanErrors edit_errors;
};

Data StatusOptions(const PageContext& context, bool may_cancel, std::string_view selected) {
  Data list{Data::type::list};
  for (domain::TaskStatus s : {domain::TaskStatus::kOpen, domain::TaskStatus::kInProgress,
                               domain::TaskStatus::kDone, domain::TaskStatus::kCancelled}) {
    if (s == domain::TaskStatus::kCancelled && !may_cancel) continue;
    Data o;
    o.set("value", std::string(domain::Name(s)));
    o.set("label", std::string(TaskStatusLabel(context, s)));
    o.set("selected", Data(domain::Name(s) == selected));
    list.push_back(o);
  }
  return list;
}

Data History(const service::TaskDetail& detail, const PageContext& context) {
  Data list{Data::type::list};
  for (const service::TaskUpdateRow& u : detail.updates) {
    Data row;
    row.set("author", u.author);
    row.set("when", FormatVietnamDate(u.update.created_at, true));
    row.set("status", std::string(TaskStatusLabel(context, u.update.status)));
    row.set("progress", std::to_string(u.update.progress));
    row.set("text", u.update.text);
    list.push_back(row);
  }
  return list;
}

void SetProgressForm(Data& data, const PageContext& context, const service::TaskDetail& detail,
                     const DetailForms& forms) {
  const domain::Task& t = detail.row.task;
  ProgressForm prefilled{
      std::string(domain::Name(
          t.status == domain::TaskStatus::kOpen ? domain::TaskStatus::kInProgress : t.status)),
      std::to_string(t.progress), ""};
  const ProgressForm& f = forms.progress ? *forms.progress : prefilled;
  data.set("status_options", StatusOptions(context, detail.may_edit, f.status));
  data.set("p_progress", f.progress);
  data.set("p_text", f.text);
  Data errors;
  SetPlanErrors(errors, forms.progress_errors);
  data.set("progress_errors", errors);
}

bool SetEditForm(Shared& shared, Data& data, const PageContext& context,
                 const service::TaskDetail& detail, const DetailForms& forms) {
  const domain::Task& t = detail.row.task;
  service::TaskInput own{{t.unit_code}, t.title,           t.description,
                         t.responsible, t.expected_result, t.due_on};
  Data edit;
  if (!SetTaskFields(shared, edit, context, forms.edit ? *forms.edit : own)) return false;
  SetPlanErrors(edit, forms.edit_errors);
  data.set("edit", edit);
  return true;
}

http::Response DetailPage(Shared& shared, const http::Request& request, PageContext& context,
                          int64_t id, const DetailForms& forms) {
  service::Tasks tasks = MakeTasks(shared);
  auto detail = tasks.Get(*context.user, id);
  if (!detail.ok()) return PlanErrorPage(shared, context, detail.status());
  const domain::Task& t = detail->row.task;
  Data data;
  Data task;
  SetTaskRow(task, context, detail->row);
  task.set("description", TextOrFalse(t.description));
  task.set("created", FormatVietnamDate(t.created_at, true));
  data.set("task", task);
  data.set("history", History(*detail, context));
  data.set("has_history", Data(!detail->updates.empty()));
  SetProgressForm(data, context, *detail, forms);
  data.set("may_edit", Data(detail->may_edit));
  if (detail->may_edit && !SetEditForm(shared, data, context, *detail, forms)) {
    return PlanErrorPage(shared, context, base::UnavailableError("units"));
  }
  AddConsoleNotices(data, request, context, kMessages);
  const bool failed = !forms.progress_errors.empty() || !forms.edit_errors.empty();
  return RenderPage(shared.templates(), context, "plan_task", std::move(data),
                    ConsoleMeta(context, "Nhiệm vụ", "Task", failed ? 422 : 200));
}

http::Response Show(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  if (auto refusal = shared.RequireUser(request, context, kTaskPermission)) {
    return *std::move(refusal);
  }
  std::optional<int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return PlanErrorPage(shared, context, base::NotFoundError("task"));
  return DetailPage(shared, request, context, *id, {});
}

std::optional<int> ParsePercent(std::string_view text) {
  text = base::TrimAscii(text);
  if (!text.empty() && text.back() == '%') text = base::TrimAscii(text.substr(0, text.size() - 1));
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

http::Response Report(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  ConsolePost post = ReadConsolePost(shared, request, context, kTaskPermission);
  if (post.refusal) return *std::move(post.refusal);
  std::optional<int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return PlanErrorPage(shared, context, base::NotFoundError("task"));
  const ProgressForm form{std::string(post.form.Field("status")),
                          std::string(post.form.Field("progress")),
                          std::string(post.form.Field("text"))};
  std::optional<int> percent = ParsePercent(form.progress);
  base::Status reported = base::InvalidArgumentError("progress: must be 0..100");
  if (percent) {
    service::Tasks tasks = MakeTasks(shared);
    reported = tasks.Report(*context.user, *id, {form.text, form.status, *percent});
  }
  if (reported.ok()) {
    return RedirectWithNotice("/quan-tri/nhiem-vu/" + std::to_string(*id), "reported");
  }
  // A unit officer choosing "cancelled" is told beside the status field, not with a bare 403.
  const bool field_error = reported.code() == base::StatusCode::kInvalidArgument ||
                           (reported.code() == base::StatusCode::kPermissionDenied &&
                            std::string_view(reported.message()).starts_with("status: "));
  if (!field_error) return PlanErrorPage(shared, context, reported);
  DetailForms forms;
  forms.progress = &form;
  forms.progress_errors = PlanFieldErrors(context, reported, kTaskLabels);
  return DetailPage(shared, request, context, *id, forms);
}

http::Response Edit(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  ConsolePost post =
      ReadConsolePost(shared, request, context, service::Permission::kProgrammeManage);
  if (post.refusal) return *std::move(post.refusal);
  std::optional<int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return PlanErrorPage(shared, context, base::NotFoundError("task"));
  const service::TaskInput input = TaskInputFromForm(post.form);
  service::Tasks tasks = MakeTasks(shared);
  base::Status saved = tasks.Edit(*context.user, *id, input);
  if (saved.ok()) return RedirectWithNotice("/quan-tri/nhiem-vu/" + std::to_string(*id), "saved");
  if (saved.code() != base::StatusCode::kInvalidArgument) {
    return PlanErrorPage(shared, context, saved);
  }
  DetailForms forms;
  forms.edit = &input;
  forms.edit_errors = PlanFieldErrors(context, saved, kTaskLabels);
  return DetailPage(shared, request, context, *id, forms);
}

}  // namespace

void RegisterPlanTaskDetail(http::Router& router, Shared& shared) {
  router.Add(http::Method::kGet, "/quan-tri/nhiem-vu/{id}",
             [&shared](http::Request& r) { return Show(shared, r); });
  router.Add(http::Method::kPost, "/quan-tri/nhiem-vu/{id}/tien-do",
             [&shared](http::Request& r) { return Report(shared, r); });
  router.Add(http::Method::kPost, "/quan-tri/nhiem-vu/{id}/sua",
             [&shared](http::Request& r) { return Edit(shared, r); });
}

}  // namespace binhyen::web::internal
