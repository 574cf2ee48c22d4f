#pragma once

// What the budget pages share (plan_budget.cc, plan_budget_line.cc).

#include "service/budget.h"
#include "web/internal/plan_common.h"

namespace binhyen::web::internal {

// The labels of the budget forms' fields (line and spending).
extern const PlanFieldLabel kBudgetLabels[10];

// The service over the shared store and clock (cheap: references only).
service::Budget MakeBudget(Shared& shared);

// Finance and the standing office (service::Budget::MayRead), as RequirePlanUser wants it.
bool MayReadBudget(const service::Principal& caller);

// A budget line as posted.
service::BudgetLineInput BudgetLineInputFromForm(const FormData& form);

// Sets f_year, f_activity, f_source, f_allocated, f_note and unit_choices (every unit, the
// line's checked; "" is the town's own line: town_checked). False when the units cannot be read.
bool SetBudgetLineFields(Shared& shared, Data& data, const service::BudgetLineInput& in);

}  // namespace binhyen::web::internal
