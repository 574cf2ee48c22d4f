#include "domain/task.h"

#include <array>
#include <chrono>
#include <utility>

#include "domain/internal/rules.h"

namespace binhyen::domain {
namespace {

using internal::Bad;
using internal::CheckLength;

constexpr std::array<std::pair<TaskStatus, std::string_view>, 4> kStatuses = {{
    {TaskStatus::kOpen, "open"},
    {TaskStatus::kInProgress, "in_progress"},
    {TaskStatus::kDone, "done"},
    {TaskStatus::kCancelled, "cancelled"},
}};

bool Digits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

base::Status CheckProgress(int progress) {
  if (progress < 0 || progress > 100) return Bad("progress", "must be 0..100");
  return base::Status::Ok();
}

}  // namespace

std::string_view Name(TaskStatus v) { return internal::NameIn(kStatuses, v); }
std::optional<TaskStatus> ParseTaskStatus(std::string_view name) {
  return internal::ParseIn(kStatuses, name);
}
bool IsActive(TaskStatus status) {
  return status == TaskStatus::kOpen || status == TaskStatus::kInProgress;
}

bool IsDate(std::string_view date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return false;
  if (!Digits(date.substr(0, 4)) || !Digits(date.substr(5, 2)) || !Digits(date.substr(8, 2))) {
    return false;
  }
  int year = std::stoi(std::string(date.substr(0, 4)));
  unsigned month = static_cast<unsigned>(std::stoi(std::string(date.substr(5, 2))));
  unsigned day = static_cast<unsigned>(std::stoi(std::string(date.substr(8, 2))));
  if (year < 2000 || year > 2999) return false;
  return std::chrono::year_month_day(std::chrono::year(year), std::chrono::month(month),
                                     std::chrono::day(day))
      .ok();
}

base::Status Validate(const Task& task) {
  BINHYEN_RETURN_IF_ERROR(CheckLength("title", task.title, 1, kMaxTaskTitleBytes));
  BINHYEN_RETURN_IF_ERROR(
      CheckLength("description", task.description, 0, kMaxTaskDescriptionBytes));
  BINHYEN_RETURN_IF_ERROR(CheckLength("unit_code", task.unit_code, 1, 32));
  BINHYEN_RETURN_IF_ERROR(
      CheckLength("responsible", task.responsible, 1, kMaxTaskResponsibleBytes));
  BINHYEN_RETURN_IF_ERROR(
      CheckLength("expected_result", task.expected_result, 1, kMaxTaskResultBytes));
  if (!IsDate(task.due_on)) return Bad("due_on", "must be YYYY-MM-DD");
  BINHYEN_RETURN_IF_ERROR(CheckProgress(task.progress));
  if (task.done_at.has_value() != (task.status == TaskStatus::kDone)) {
    return Bad("done_at", "set only when done");
  }
  return base::Status::Ok();
}

bool IsOverdue(const Task& task, std::string_view today) {
  return IsActive(task.status) && task.due_on < today;
}

base::Status Validate(const TaskUpdate& update) {
  BINHYEN_RETURN_IF_ERROR(CheckLength("text", update.text, 1, kMaxTaskUpdateBytes));
  return CheckProgress(update.progress);
}

}  // namespace binhyen::domain
