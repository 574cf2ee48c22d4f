#include "service/statistics.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <utility>

#include "service/check_explanation.h"
#include "store/common.h"

namespace binhyen::service {
namespace {

// Vietnam has kept UTC+7 all year since 1975: no time zone database needed.
constexpr std::chrono::hours kVietnamOffset{7};
constexpr std::chrono::days kMaxPeriod{3653};

std::chrono::year_month VietnamMonth(base::TimePoint at) {
  const auto local = std::chrono::floor<std::chrono::days>(
      std::chrono::sys_time<base::TimePoint::duration>((at + kVietnamOffset).time_since_epoch()));
  const std::chrono::year_month_day day{local};
  return {day.year(), day.month()};
}

std::string MonthKey(std::chrono::year_month ym) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u", static_cast<int>(ym.year()),
                static_cast<unsigned>(ym.month()));
  return buf;
}

// Every month from the one holding `from` to the one holding the last instant before `to`.
std::vector<MonthCount> EmptyMonths(base::TimePoint from, base::TimePoint to) {
  std::vector<MonthCount> out;
  const std::chrono::year_month last = VietnamMonth(to - std::chrono::microseconds(1));
  for (std::chrono::year_month ym = VietnamMonth(from); ym <= last; ym += std::chrono::months(1)) {
    out.push_back({MonthKey(ym), 0, 0});
  }
  return out;
}

std::optional<double> Median(std::vector<double> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const size_t mid = values.size() / 2;
  if (values.size() % 2 == 1) return values[mid];
  return (values[mid - 1] + values[mid]) / 2;
}

std::vector<CategoryCount> ByCategory(const std::map<domain::Category, int64_t>& counts) {
  std::vector<CategoryCount> out;
  for (const auto& [category, count] : counts) {
    const std::string_view name = domain::Name(category);
    out.push_back(
        {category, std::string(CategoryLabelVi(name)), std::string(CategoryLabelEn(name)), count});
  }
  std::sort(out.begin(), out.end(), [](const CategoryCount& a, const CategoryCount& b) {
    if (a.count != b.count) return a.count > b.count;
    return domain::Name(a.category) < domain::Name(b.category);
  });
  return out;
}

std::vector<WardCount> ByWard(const std::map<std::string, int64_t>& counts,
                              const std::vector<domain::Unit>& units) {
  std::vector<WardCount> out;
  for (const auto& [code, count] : counts) {
    std::string name = code.empty() ? std::string(kUnknownWardName) : code;
    for (const domain::Unit& unit : units) {
      if (!code.empty() && unit.code == code) name = unit.name;
    }
    out.push_back({code, std::move(name), count});
  }
  std::sort(out.begin(), out.end(), [](const WardCount& a, const WardCount& b) {
    if (a.count != b.count) return a.count > b.count;
    return a.code < b.code;
  });
  return out;
}

// Groups `rows` (reports created in [from, to)) into `stats`.
void Aggregate(const std::vector<store::ReportStatRow>& rows,
               const std::vector<domain::Unit>& units, PublicStatistics& stats) {
  for (domain::ReportStatus status : store::kAllReportStatuses) {
    stats.by_status.emplace_back(status, 0);
  }
  stats.by_month = EmptyMonths(stats.from, stats.to);
  std::map<std::string, size_t> month_index;
  for (size_t i = 0; i < stats.by_month.size(); ++i) month_index[stats.by_month[i].month] = i;
  std::map<domain::Category, int64_t> categories;
  std::map<std::string, int64_t> wards;
  std::vector<double> hours;
  for (const store::ReportStatRow& row : rows) {
    ++stats.total_reports;
    for (auto& [status, count] : stats.by_status) {
      if (status == row.status) ++count;
    }
    ++categories[row.category];
    ++wards[row.ward];
    const bool confirmed = row.status == domain::ReportStatus::kConfirmed;
    if (confirmed) ++stats.confirmed;
    auto month = month_index.find(MonthKey(VietnamMonth(row.created_at)));
    if (month != month_index.end()) {
      ++stats.by_month[month->second].received;
      if (confirmed) ++stats.by_month[month->second].confirmed;
    }
    if (row.decided_at) {
      hours.push_back(
          std::chrono::duration<double, std::ratio<3600>>(*row.decided_at - row.created_at)
              .count());
    }
  }
  stats.by_category = ByCategory(categories);
  stats.by_ward = ByWard(wards, units);
  stats.median_hours_to_decision = Median(std::move(hours));
}

}  // namespace

Statistics::Statistics(store::Store& store, const base::Clock& clock)
    : store_(store), clock_(clock) {}

base::Result<PublicStatistics> Statistics::Compute(base::TimePoint from, base::TimePoint to) {
  if (to <= from) return base::InvalidArgumentError("to: must be after from");
  if (to - from > kMaxPeriod) {
    return base::InvalidArgumentError("from: the period must be at most 10 years");
  }
  PublicStatistics stats;
  stats.from = from;
  stats.to = to;
  stats.computed_at = clock_.Now();
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  BINHYEN_ASSIGN_OR_RETURN(std::vector<store::ReportStatRow> rows,
                           tx->Reports().Statistics(from, to));
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Unit> units, tx->Units().List());
  BINHYEN_ASSIGN_OR_RETURN(stats.confirmed_indicators,
                           tx->Indicators().CountByStatus(domain::IndicatorStatus::kConfirmed));
  Aggregate(rows, units, stats);
  return stats;
}

}  // namespace binhyen::service
