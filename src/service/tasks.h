#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "domain/task.h"
#include "service/auth.h"
#include "store/store.h"

namespace binhyen::service {

// What the standing office types to assign a task (trimmed by the service). One task is made per
// unit chosen, each followed on its own.
struct TaskInput {
  std::vector<std::string> units;  // unit codes; Update takes exactly one
  std::string title;
  std::string description;
  std::string responsible;
  std::string expected_result;
  std::string due_on;  // "YYYY-MM-DD"
};

// A progress report typed by the unit (or the standing office).
struct TaskProgress {
  std::string text;
  std::string status;  // a domain::TaskStatus name
  int progress = 0;    // percent; "done" makes it 100
};

// Which tasks a list shows.
enum class TaskView { kActive, kOverdue, kDueSoon, kDone, kAll };

// A task as the console shows it.
struct TaskRow {
  domain::Task task;
  std::string unit_name;
  bool overdue = false;
  int days_left = 0;  // due_on - today, in days (negative when overdue)
};

struct TaskUpdateRow {
  domain::TaskUpdate update;
  std::string author;  // the user's display name
};

struct TaskDetail {
  TaskRow row;
  std::vector<TaskUpdateRow> updates;  // oldest first
  bool may_edit = false;               // the caller may change the task itself (programme admin)
};

// Tasks per unit, for the overview and the review.
struct UnitTaskCounts {
  std::string unit_code;
  std::string unit_name;
  int64_t total = 0;
  int64_t done = 0;
  int64_t done_late = 0;  // done after the deadline day
  int64_t active = 0;
  int64_t overdue = 0;
  int64_t cancelled = 0;
};

// Counts per unit of `tasks` (units by code; names from `units`), judged on `today`.
std::vector<UnitTaskCounts> CountTasksByUnit(const std::vector<domain::Task>& tasks,
                                             const std::vector<domain::Unit>& units,
                                             const std::string& today);

// Every task matching `filter` (its limit ignored), by due_on then id, read in pages of the
// store's largest limit so that no list is cut short. FailedPrecondition "tasks: more than 1000
// due on <date>" in the (unheard-of) case where one day holds more than a page.
base::Result<std::vector<domain::Task>> AllTasks(store::Transaction& tx, store::TaskFilter filter);

// How many days ahead a task counts as due soon (reminders).
inline constexpr int kTaskDueSoonDays = 7;

// Tasks to units with the "5 clear" items: the standing office (programme:manage) assigns and
// edits them; the unit's officers (people:manage, their unit's subtree) report progress; both
// see the overdue and due-soon lists that serve as reminders. Tasks outside a caller's scope
// answer NotFound "task <id>: not found". Every change is audited in its transaction
// ("task.create", "task.edit", "task.progress"; target "task:<id>").
// Thread safety: thread-safe.
class Tasks {
 public:
  // Both references must outlive the Tasks.
  Tasks(store::Store& store, const base::Clock& clock);

  // programme:manage or people:manage.
  static bool MayUse(const Principal& caller);

  // programme:manage only (PermissionDenied). InvalidArgument with a line per bad field
  // ("units: choose at least one unit", "units: no such unit 'x'", "due_on: must be YYYY-MM-DD",
  // ...). Returns the ids, in the order of the units given.
  base::Result<std::vector<int64_t>> Create(const Principal& caller, const TaskInput& input);
  // Changes the five items of task `id` (input.units: exactly one). programme:manage only.
  base::Status Edit(const Principal& caller, int64_t id, const TaskInput& input);
  // Records a progress report and the status it sets. Unit officers may not cancel
  // (PermissionDenied "status: only the standing office cancels a task"); a done task is at
  // 100%. InvalidArgument per field.
  base::Status Report(const Principal& caller, int64_t id, const TaskProgress& progress);

  // The caller's tasks of `view` (optionally of one unit and its subtree), by deadline.
  base::Result<std::vector<TaskRow>> List(const Principal& caller, TaskView view,
                                          const std::string& unit = "");
  base::Result<TaskDetail> Get(const Principal& caller, int64_t id);

 private:
  struct Scope;
  base::Result<Scope> LoadScope(store::Transaction& tx, const Principal& caller);
  TaskRow Row(const domain::Task& task, const Scope& scope, const std::string& today) const;

  store::Store& store_;
  const base::Clock& clock_;
};

}  // namespace binhyen::service
