#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/status.h"

namespace binhyen::domain {

// Where a task is: open (not started), in progress, done, cancelled (withdrawn by the programme
// admin). Open and in-progress tasks past their deadline are overdue.
enum class TaskStatus { kOpen, kInProgress, kDone, kCancelled };
std::string_view Name(TaskStatus v);  // "open" "in_progress" "done" "cancelled"
std::optional<TaskStatus> ParseTaskStatus(std::string_view name);
// Open or in progress.
bool IsActive(TaskStatus status);

// A task the standing office assigns to one unit, with the "5 clear" items of the plan ("5 rõ":
// rõ người, rõ việc, rõ thời gian, rõ kết quả, rõ trách nhiệm): the unit and the position
// answering for it, what to do, the deadline, the expected result.
struct Task {
  int64_t id = 0;               // assigned by the store
  std::string title;            // what to do, in one line; 1..300 bytes
  std::string description;      // details (Markdown); 0..20000 bytes
  std::string unit_code;        // who carries it out (units.code); required
  std::string responsible;      // who answers for it: a position or a name; 1..200 bytes
  std::string expected_result;  // the result expected, checkable; 1..2000 bytes
  std::string due_on;           // the deadline, "YYYY-MM-DD" (the whole day, Vietnam time)
  TaskStatus status = TaskStatus::kOpen;
  int progress = 0;        // percent, 0..100
  int64_t created_by = 0;  // users.id
  base::TimePoint created_at{};
  base::TimePoint updated_at{};
  std::optional<base::TimePoint> done_at;  // set when it became done; nullopt otherwise
  friend bool operator==(const Task&, const Task&) = default;
};

inline constexpr size_t kMaxTaskTitleBytes = 300;
inline constexpr size_t kMaxTaskDescriptionBytes = 20000;
inline constexpr size_t kMaxTaskResponsibleBytes = 200;
inline constexpr size_t kMaxTaskResultBytes = 2000;

// InvalidArgument naming the field ("title: must not be empty", "due_on: must be YYYY-MM-DD",
// "progress: must be 0..100", "done_at: set only when done").
base::Status Validate(const Task& task);

// Whether `task` is past its deadline on `today` ("YYYY-MM-DD"): active and due_on < today.
bool IsOverdue(const Task& task, std::string_view today);

// A progress report on a task by the unit or the standing office: a note with the status and
// progress it set.
struct TaskUpdate {
  int64_t id = 0;  // assigned by the store
  int64_t task_id = 0;
  int64_t author_id = 0;  // users.id
  std::string text;       // 1..5000 bytes
  TaskStatus status = TaskStatus::kOpen;
  int progress = 0;  // 0..100
  base::TimePoint created_at{};
  friend bool operator==(const TaskUpdate&, const TaskUpdate&) = default;
};

inline constexpr size_t kMaxTaskUpdateBytes = 5000;

// InvalidArgument naming the field ("text: must not be empty", "progress: must be 0..100").
base::Status Validate(const TaskUpdate& update);

// Whether `date` is "YYYY-MM-DD", a real day of a year 2000..2999.
bool IsDate(std::string_view date);

}  // namespace binhyen::domain
