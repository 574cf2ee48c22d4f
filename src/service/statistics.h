#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "domain/enums.h"
#include "store/store.h"

namespace binhyen::service {

// Reports of one category in the period.
struct CategoryCount {
  domain::Category category = domain::Category::kOther;
  std::string label_vi;  // CategoryLabelVi
  std::string label_en;  // CategoryLabelEn
  int64_t count = 0;
  friend bool operator==(const CategoryCount&, const CategoryCount&) = default;
};

// Reports of one ward (unit) in the period.
struct WardCount {
  std::string code;  // "" for reports without a ward
  // The unit's name when the unit is known; the code itself when not; kUnknownWardName for "".
  std::string name;
  int64_t count = 0;
  friend bool operator==(const WardCount&, const WardCount&) = default;
};

// One calendar month in Vietnam time (UTC+7).
struct MonthCount {
  std::string month;      // "YYYY-MM"
  int64_t received = 0;   // reports created in the month
  int64_t confirmed = 0;  // of those, the ones confirmed now
  friend bool operator==(const MonthCount&, const MonthCount&) = default;
};

// The name shown for reports without a ward.
inline constexpr std::string_view kUnknownWardName = "Không rõ";

// Aggregate counts of the reports created in [from, to): nothing about any one person (no
// description, contact, indicator or id), safe to publish.
struct PublicStatistics {
  base::TimePoint from{};
  base::TimePoint to{};
  base::TimePoint computed_at{};
  int64_t total_reports = 0;
  // Every status, zeros included, in enum order.
  std::vector<std::pair<domain::ReportStatus, int64_t>> by_status;
  std::vector<CategoryCount> by_category;  // count descending, then category name ascending
  std::vector<WardCount> by_ward;          // count descending, then code ascending
  // Every month (Vietnam time) that [from, to) touches, in order, zeros included.
  std::vector<MonthCount> by_month;
  int64_t confirmed = 0;  // reports of the period confirmed now
  // The median of (decided_at - created_at) in hours over the period's reports that have a
  // verdict (confirmed, rejected or duplicate); nullopt when none has.
  std::optional<double> median_hours_to_decision;
  // Confirmed records in the reputation set now (whatever the period), expired ones included
  // until an analyst or the expiry job marks them.
  int64_t confirmed_indicators = 0;
};

// The public statistics page's numbers. One read-only transaction per Compute; the reports are
// read in one range scan (store::ReportRepository::Statistics) and grouped here.
// Thread safety: thread-safe (holds only references to thread-safe objects).
class Statistics {
 public:
  // Both references must outlive the Statistics.
  Statistics(store::Store& store, const base::Clock& clock);

  // The statistics of reports created in [from, to). InvalidArgument "to: must be after from"
  // when to <= from; InvalidArgument "from: the period must be at most 10 years" (the month list
  // stays small).
  base::Result<PublicStatistics> Compute(base::TimePoint from, base::TimePoint to);

 private:
  store::Store& store_;
  const base::Clock& clock_;
};

}  // namespace binhyen::service
