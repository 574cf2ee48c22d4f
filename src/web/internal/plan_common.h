#pragma once

// What the console pages of the plan share (issue 9; plan_*.cc): tasks to units, unit
// self-assessments, the budget and the periodic reviews. The services are built per request
// from the shared ones; field errors come from the services' InvalidArgument lines
// ("<field>: <what>") and are shown beside their fields, in the page's language.

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>

#include "base/status.h"
#include "http/router.h"
#include "service/auth.h"
#include "web/internal/console_common.h"

namespace binhyen::web::internal {

// A form field's label in both languages, for the field error messages.
struct PlanFieldLabel {
  std::string_view field;
  std::string_view vi;
  std::string_view en;
};

// field → message in the page's language ("Thời hạn: hãy chọn ngày").
using PlanErrors = std::map<std::string, std::string>;

// The "<field>: <what>" lines of `status` (any code) as messages labelled from `labels` (the
// field's own name when it has none), the service's English reason kept in English and given in
// plain Vietnamese. The first message of a field wins.
PlanErrors PlanFieldErrors(const PageContext& context, const base::Status& status,
                           std::span<const PlanFieldLabel> labels);

// Sets, for the templates: "has_errors", "errors" (a list of {field: the input's id "f-<field>",
// text} for the summary at the top of a form) and "error_<field>" (with '.' and '-' in the field
// name turned into '_') for the text beside each field.
void SetPlanErrors(Data& data, const PlanErrors& errors);

// The page for a service error: 404 (NotFound), 403 (PermissionDenied), 400 (InvalidArgument
// outside a form), else 503.
http::Response PlanErrorPage(Shared& shared, const PageContext& context,
                             const base::Status& status);

// For a page that two roles without a common permission share (the budget: finance and the
// standing office): the signed-in user for whom `allowed` holds, or the answer to send instead
// (303 to sign in, 403 page).
std::optional<http::Response> RequirePlanUser(Shared& shared, const http::Request& request,
                                              PageContext& context,
                                              bool (*allowed)(const service::Principal&));

// The units the caller may see (every unit when `caller` is null: the budget's lines are for any
// unit), in tree order: a list of {code, name, depth ("0".."4"), checked} (`chosen` are
// checked), or nullopt when the units cannot be read.
std::optional<Data> PlanUnitChoices(Shared& shared, const service::Principal* caller,
                                    const std::set<std::string>& chosen);

// The name of unit `code`; the code itself when it cannot be read.
std::string PlanUnitName(Shared& shared, const std::string& code);

// Today in Vietnam, "YYYY-MM-DD".
std::string PlanToday(const Shared& shared);
// "dd/mm/yyyy" of a "YYYY-MM-DD" date; the text itself when it is not one.
std::string ShowDate(std::string_view date);
// "1.234.567 đ".
std::string ShowVnd(int64_t amount);
// A per mille score as a whole percentage, rounded ("92").
std::string PercentOf(int per_mille);

// One CSV field: quoted, quotes doubled, and a leading = + - @ neutralised so that a text can
// never run as a spreadsheet formula.
std::string PlanCsvField(std::string_view value);

// Page groups.
void RegisterPlanTasks(http::Router& router, Shared& shared);         // plan_tasks.cc
void RegisterPlanTaskDetail(http::Router& router, Shared& shared);    // plan_task_detail.cc
void RegisterPlanAssessments(http::Router& router, Shared& shared);   // plan_assessments.cc
void RegisterPlanBudget(http::Router& router, Shared& shared);        // plan_budget.cc
void RegisterPlanBudgetLine(http::Router& router, Shared& shared);    // plan_budget_line.cc
void RegisterPlanReviews(http::Router& router, Shared& shared);       // plan_reviews.cc
void RegisterPlanReviewDetail(http::Router& router, Shared& shared);  // plan_review_detail.cc

}  // namespace binhyen::web::internal
