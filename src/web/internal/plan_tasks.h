#pragma once

// What the task pages share (plan_tasks.cc, plan_task_detail.cc).

#include <string_view>

#include "domain/task.h"
#include "service/tasks.h"
#include "web/internal/plan_common.h"

namespace binhyen::web::internal {

// The permission the task pages need: unit officers and programme admins both hold it, which is
// exactly service::Tasks::MayUse (programme:manage or people:manage) for the roles there are.
inline constexpr auto kTaskPermission = service::Permission::kPeopleManage;

// The labels of the task form's fields (the five items, the progress report).
extern const PlanFieldLabel kTaskLabels[9];

// The service over the shared store and clock (cheap: references only).
service::Tasks MakeTasks(Shared& shared);

// "Chưa bắt đầu" / "Not started", ...
std::string_view TaskStatusLabel(const PageContext& context, domain::TaskStatus status);

// Sets a task row's values: id, title, unit, unit_code, responsible, expected_result, due
// (dd/mm/yyyy), status, status_code, progress, overdue, when ("Quá hạn 3 ngày", "Còn 5 ngày",
// "Xong ngày ...") and when_badge (red, amber, green or "").
void SetTaskRow(Data& row, const PageContext& context, const service::TaskRow& r);

// The five items as posted (units: every "units" field).
service::TaskInput TaskInputFromForm(const FormData& form);

// Sets f_title, f_description, f_responsible, f_expected_result, f_due_on and unit_choices (the
// caller's units, those of `in` checked). False when the units cannot be read.
bool SetTaskFields(Shared& shared, Data& data, const PageContext& context,
                   const service::TaskInput& in);

}  // namespace binhyen::web::internal
