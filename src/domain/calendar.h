#pragma once

#include <string>
#include <string_view>

#include "base/clock.h"

namespace binhyen::domain {

// Calendar days as the town lives them: Vietnam time, UTC+7 all year (no daylight saving).
// Dates are "YYYY-MM-DD" (IsDate in task.h checks one).

// The day `t` falls on in Vietnam.
std::string DateInVietnam(base::TimePoint t);
// 00:00 of `date` in Vietnam. REQUIRES: IsDate(date).
base::TimePoint StartOfDayInVietnam(std::string_view date);
// The day after / `days` days after `date`. REQUIRES: IsDate(date).
std::string AddDays(std::string_view date, int days);
// "dd/mm/yyyy" of `date`. REQUIRES: IsDate(date).
std::string DayMonthYear(std::string_view date);

}  // namespace binhyen::domain
