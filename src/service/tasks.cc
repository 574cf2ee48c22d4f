#include "service/tasks.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <utility>

#include "base/strings.h"
#include "domain/calendar.h"
#include "service/audit_entry.h"
#include "service/field_errors.h"
#include "service/internal/fields.h"
#include "service/people.h"
#include "service/permissions.h"

namespace binhyen::service {
namespace {

using fields::CheckText;
using fields::Micros;
using fields::Trim;

std::string TaskTarget(int64_t id) { return "task:" + std::to_string(id); }

int DaysBetween(const std::string& from, const std::string& to) {
  return static_cast<int>(std::chrono::duration_cast<std::chrono::days>(
                              domain::StartOfDayInVietnam(to) - domain::StartOfDayInVietnam(from))
                              .count());
}

base::Status NotFound(int64_t id) {
  return base::NotFoundError("task " + std::to_string(id) + ": not found");
}

// The five items of `input` into `task` (units are checked by the caller); field errors added.
void FillItems(const TaskInput& input, domain::Task& task, FieldErrors& errors) {
  task.title = Trim(input.title);
  task.description = Trim(input.description);
  task.responsible = Trim(input.responsible);
  task.expected_result = Trim(input.expected_result);
  task.due_on = Trim(input.due_on);
  CheckText(errors, "title", task.title, 1, domain::kMaxTaskTitleBytes);
  CheckText(errors, "description", task.description, 0, domain::kMaxTaskDescriptionBytes);
  CheckText(errors, "responsible", task.responsible, 1, domain::kMaxTaskResponsibleBytes);
  CheckText(errors, "expected_result", task.expected_result, 1, domain::kMaxTaskResultBytes);
  if (!domain::IsDate(task.due_on)) errors.Add("due_on", "must be a date YYYY-MM-DD");
}

}  // namespace

struct Tasks::Scope {
  People::Scope units;
  std::vector<domain::Unit> all_units;
  std::map<std::string, std::string> names;
};

Tasks::Tasks(store::Store& store, const base::Clock& clock) : store_(store), clock_(clock) {}

bool Tasks::MayUse(const Principal& caller) {
  return caller.Can(Permission::kProgrammeManage) || caller.Can(Permission::kPeopleManage);
}

base::Result<Tasks::Scope> Tasks::LoadScope(store::Transaction& tx, const Principal& caller) {
  if (!MayUse(caller)) {
    return base::PermissionDeniedError("tasks: only programme admins and unit officers");
  }
  Scope scope;
  BINHYEN_ASSIGN_OR_RETURN(scope.all_units, tx.Units().List());
  scope.units = People::ScopeOf(caller, scope.all_units);
  for (const domain::Unit& u : scope.all_units) scope.names[u.code] = u.name;
  return scope;
}

TaskRow Tasks::Row(const domain::Task& task, const Scope& scope, const std::string& today) const {
  TaskRow row;
  row.task = task;
  auto it = scope.names.find(task.unit_code);
  row.unit_name = it == scope.names.end() ? task.unit_code : it->second;
  row.overdue = domain::IsOverdue(task, today);
  row.days_left = DaysBetween(today, task.due_on);
  return row;
}

base::Result<std::vector<int64_t>> Tasks::Create(const Principal& caller, const TaskInput& input) {
  if (!caller.Can(Permission::kProgrammeManage)) {
    return base::PermissionDeniedError("tasks: only the standing office assigns tasks");
  }
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(Scope scope, LoadScope(*tx, caller));
  FieldErrors errors;
  std::vector<std::string> units;
  for (const std::string& raw : input.units) {
    std::string code = Trim(raw);
    if (code.empty() || std::find(units.begin(), units.end(), code) != units.end()) continue;
    if (!scope.names.contains(code)) {
      errors.Add("units", "no such unit '" + PrintableForError(code, 32) + "'");
    }
    units.push_back(std::move(code));
  }
  if (units.empty()) errors.Add("units", "choose at least one unit");
  const base::TimePoint now = Micros(clock_.Now());
  domain::Task task;
  FillItems(input, task, errors);
  BINHYEN_RETURN_IF_ERROR(errors.ToStatus());
  task.created_by = caller.user_id;
  task.created_at = task.updated_at = now;
  std::vector<int64_t> ids;
  for (const std::string& code : units) {
    task.unit_code = code;
    BINHYEN_ASSIGN_OR_RETURN(int64_t id, tx->Tasks().Create(task));
    BINHYEN_RETURN_IF_ERROR(
        tx->Audit()
            .Append(MakeAuditEntry(
                now, caller.Actor(), "task.create", TaskTarget(id),
                code + ", due " + task.due_on + ": " + PrintableForError(task.title, 200)))
            .status());
    ids.push_back(id);
  }
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  return ids;
}

base::Status Tasks::Edit(const Principal& caller, int64_t id, const TaskInput& input) {
  if (!caller.Can(Permission::kProgrammeManage)) {
    return base::PermissionDeniedError("tasks: only the standing office edits tasks");
  }
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(Scope scope, LoadScope(*tx, caller));
  base::Result<domain::Task> found = tx->Tasks().Get(id);
  if (!found.ok()) return found.status();
  domain::Task task = *std::move(found);
  FieldErrors errors;
  if (input.units.size() != 1) {
    errors.Add("units", "choose exactly one unit");
  } else if (!scope.names.contains(Trim(input.units[0]))) {
    errors.Add("units", "no such unit '" + PrintableForError(Trim(input.units[0]), 32) + "'");
  } else {
    task.unit_code = Trim(input.units[0]);
  }
  FillItems(input, task, errors);
  BINHYEN_RETURN_IF_ERROR(errors.ToStatus());
  const base::TimePoint now = Micros(clock_.Now());
  task.updated_at = now;
  BINHYEN_RETURN_IF_ERROR(tx->Tasks().Update(task));
  BINHYEN_RETURN_IF_ERROR(
      tx->Audit()
          .Append(MakeAuditEntry(now, caller.Actor(), "task.edit", TaskTarget(id),
                                 task.unit_code + ", due " + task.due_on))
          .status());
  return tx->Commit();
}

base::Status Tasks::Report(const Principal& caller, int64_t id, const TaskProgress& progress) {
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(Scope scope, LoadScope(*tx, caller));
  base::Result<domain::Task> task = tx->Tasks().Get(id);
  if (!task.ok() && task.status().code() != base::StatusCode::kNotFound) return task.status();
  if (!task.ok() || !scope.units.Contains(task->unit_code)) return NotFound(id);
  if (task->status == domain::TaskStatus::kCancelled && !caller.Can(Permission::kProgrammeManage)) {
    return base::PermissionDeniedError(
        "status: the standing office cancelled this task; only it can reopen it");
  }
  FieldErrors errors;
  domain::TaskUpdate update;
  update.task_id = id;
  update.author_id = caller.user_id;
  update.text = Trim(progress.text);
  update.progress = progress.progress;
  std::optional<domain::TaskStatus> status = domain::ParseTaskStatus(progress.status);
  if (!status) {
    errors.Add("status", "must be open, in_progress, done or cancelled");
  } else if (*status == domain::TaskStatus::kCancelled &&
             !caller.Can(Permission::kProgrammeManage)) {
    return base::PermissionDeniedError("status: only the standing office cancels a task");
  } else {
    update.status = *status;
    if (*status == domain::TaskStatus::kDone) update.progress = 100;
  }
  if (HasNul(update.text)) errors.Add("text", kNoNul);
  (void)errors.Merge(domain::Validate(update));
  BINHYEN_RETURN_IF_ERROR(errors.ToStatus());
  const base::TimePoint now = Micros(clock_.Now());
  update.created_at = now;
  BINHYEN_RETURN_IF_ERROR(tx->Tasks().AddUpdate(update).status());
  BINHYEN_RETURN_IF_ERROR(
      tx->Audit()
          .Append(MakeAuditEntry(now, caller.Actor(), "task.progress", TaskTarget(id),
                                 std::string(domain::Name(update.status)) + ", " +
                                     std::to_string(update.progress) + "%"))
          .status());
  return tx->Commit();
}

base::Result<std::vector<TaskRow>> Tasks::List(const Principal& caller, TaskView view,
                                               const std::string& unit) {
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  BINHYEN_ASSIGN_OR_RETURN(Scope scope, LoadScope(*tx, caller));
  const std::string today = domain::DateInVietnam(clock_.Now());
  store::TaskFilter filter;
  if (!unit.empty()) {
    if (!scope.names.contains(unit)) return base::NotFoundError("unit '" + unit + "': not found");
    if (!scope.units.Contains(unit)) return base::PermissionDeniedError("unit: outside your unit");
    filter.unit_codes = People::Subtree(scope.all_units, unit);
  } else if (!scope.units.all) {
    filter.unit_codes = scope.units.units;
    if (filter.unit_codes.empty()) return std::vector<TaskRow>();
  }
  const std::vector<domain::TaskStatus> active = {domain::TaskStatus::kOpen,
                                                  domain::TaskStatus::kInProgress};
  switch (view) {
    case TaskView::kActive: filter.statuses = active; break;
    case TaskView::kOverdue:
      filter.statuses = active;
      filter.due_before = today;
      break;
    case TaskView::kDueSoon:
      filter.statuses = active;
      filter.due_from = today;
      filter.due_before = domain::AddDays(today, kTaskDueSoonDays + 1);
      break;
    case TaskView::kDone: filter.statuses = {domain::TaskStatus::kDone}; break;
    case TaskView::kAll: break;
  }
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Task> tasks, AllTasks(*tx, filter));
  std::vector<TaskRow> rows;
  for (const domain::Task& t : tasks) rows.push_back(Row(t, scope, today));
  return rows;
}

base::Result<TaskDetail> Tasks::Get(const Principal& caller, int64_t id) {
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  BINHYEN_ASSIGN_OR_RETURN(Scope scope, LoadScope(*tx, caller));
  base::Result<domain::Task> task = tx->Tasks().Get(id);
  if (!task.ok() && task.status().code() != base::StatusCode::kNotFound) return task.status();
  if (!task.ok() || !scope.units.Contains(task->unit_code)) return NotFound(id);
  TaskDetail detail;
  detail.row = Row(*task, scope, domain::DateInVietnam(clock_.Now()));
  detail.may_edit = caller.Can(Permission::kProgrammeManage);
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::TaskUpdate> updates, tx->Tasks().Updates(id));
  std::map<int64_t, std::string> authors;
  for (domain::TaskUpdate& u : updates) {
    if (!authors.contains(u.author_id)) {
      base::Result<domain::User> user = tx->Users().Get(u.author_id);
      authors[u.author_id] = user.ok() ? user->name : "#" + std::to_string(u.author_id);
    }
    detail.updates.push_back({std::move(u), authors[u.author_id]});
  }
  return detail;
}

base::Result<std::vector<domain::Task>> AllTasks(store::Transaction& tx, store::TaskFilter filter) {
  constexpr int kPage = 1000;  // the store's largest limit
  filter.limit = kPage;
  std::vector<domain::Task> out;
  std::optional<int64_t> last_id;  // ids already read on the day the next page starts
  while (true) {
    BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Task> page, tx.Tasks().List(filter));
    const bool full = page.size() == static_cast<size_t>(kPage);
    for (domain::Task& t : page) {
      if (last_id && t.due_on == filter.due_from && t.id <= *last_id) continue;
      out.push_back(std::move(t));
    }
    if (!full) return out;
    // The next page starts on the last day read; that day's tasks read already are skipped.
    const std::string& day = out.back().due_on;
    if (page.front().due_on == day && filter.due_from == day) {
      return base::FailedPreconditionError("tasks: more than 1000 due on " + day);
    }
    filter.due_from = day;
    last_id = out.back().id;
  }
}

std::vector<UnitTaskCounts> CountTasksByUnit(const std::vector<domain::Task>& tasks,
                                             const std::vector<domain::Unit>& units,
                                             const std::string& today) {
  std::map<std::string, UnitTaskCounts> by_unit;
  for (const domain::Task& t : tasks) {
    UnitTaskCounts& c = by_unit[t.unit_code];
    c.unit_code = t.unit_code;
    ++c.total;
    switch (t.status) {
      case domain::TaskStatus::kDone:
        ++c.done;
        if (t.done_at && domain::DateInVietnam(*t.done_at) > t.due_on) ++c.done_late;
        break;
      case domain::TaskStatus::kCancelled: ++c.cancelled; break;
      case domain::TaskStatus::kOpen:
      case domain::TaskStatus::kInProgress:
        ++c.active;
        if (domain::IsOverdue(t, today)) ++c.overdue;
        break;
    }
  }
  std::vector<UnitTaskCounts> out;
  for (auto& [code, c] : by_unit) {
    c.unit_name = code;
    for (const domain::Unit& u : units) {
      if (u.code == code) c.unit_name = u.name;
    }
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace binhyen::service
