// The public statistics page (/thong-ke): aggregate counts of reports by status, category, ward
// and month, with SVG charts drawn on the server and the same numbers in tables. Only counts:
// nothing about any one report. The numbers are computed at most once per range every
// options().statistics_ttl.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "render/svg_chart.h"
#include "service/statistics.h"
#include "web/internal/content_pages.h"

namespace binhyen::web::internal {
namespace {

constexpr std::chrono::hours kVietnamOffset{7};
constexpr size_t kMaxCachedRanges = 64;
constexpr int kDefaultMonths = 12;

// A range of whole months in Vietnam time: [first month's start, the month after last's start).
struct MonthRange {
  std::chrono::year_month first;
  std::chrono::year_month last;
};

base::TimePoint MonthStart(std::chrono::year_month ym) {
  const std::chrono::sys_days day{ym / std::chrono::day{1}};
  return base::TimePoint(
             std::chrono::duration_cast<base::TimePoint::duration>(day.time_since_epoch())) -
         kVietnamOffset;
}

std::chrono::year_month MonthOf(base::TimePoint t) {
  const auto local = std::chrono::floor<std::chrono::days>(
      std::chrono::sys_time<base::TimePoint::duration>((t + kVietnamOffset).time_since_epoch()));
  const std::chrono::year_month_day day{local};
  return {day.year(), day.month()};
}

std::string MonthText(std::chrono::year_month ym) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u", static_cast<int>(ym.year()),
                static_cast<unsigned>(ym.month()));
  return buf;
}

// "YYYY-MM" with a year in 2000..2199.
std::optional<std::chrono::year_month> ParseMonth(std::string_view s) {
  if (s.size() != 7 || s[4] != '-') return std::nullopt;
  int digits[6];
  const size_t pos[6] = {0, 1, 2, 3, 5, 6};
  for (int i = 0; i < 6; ++i) {
    const char c = s[pos[i]];
    if (c < '0' || c > '9') return std::nullopt;
    digits[i] = c - '0';
  }
  const int year = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3];
  const unsigned month = static_cast<unsigned>(digits[4] * 10 + digits[5]);
  if (year < 2000 || year > 2199 || month < 1 || month > 12) return std::nullopt;
  return std::chrono::year{year} / std::chrono::month{month};
}

// 12.345 (Vietnamese) or 12,345 (English).
std::string FormatCount(int64_t n, bool vi) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += vi ? '.' : ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

// "36 giờ" / "2,5 ngày" (vi), "36 hours" / "2.5 days" (en).
std::string FormatHours(double hours, bool vi) {
  const bool days = hours >= 48;
  const double value = days ? hours / 24 : hours;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", value);
  std::string text = buf;
  if (text.ends_with(".0")) text.resize(text.size() - 2);
  if (vi) {
    for (char& c : text) {
      if (c == '.') c = ',';
    }
  }
  return text + (vi ? (days ? " ngày" : " giờ") : (days ? " days" : " hours"));
}

std::string_view StatusLabel(domain::ReportStatus s, bool vi) {
  switch (s) {
    case domain::ReportStatus::kReceived:
      return vi ? "Đã tiếp nhận, chờ xem xét" : "Received, waiting";
    case domain::ReportStatus::kTriaging: return vi ? "Đang xác minh" : "Being checked";
    case domain::ReportStatus::kConfirmed:
      return vi ? "Đã xác nhận là lừa đảo" : "Confirmed as scams";
    case domain::ReportStatus::kRejected: return vi ? "Không đủ căn cứ xác nhận" : "Not confirmed";
    case domain::ReportStatus::kDuplicate: return vi ? "Trùng với báo cáo khác" : "Duplicates";
  }
  return "";
}

// The statistics of recent ranges, each kept for `ttl`.
// Thread safety: thread-safe (entries under mu_; Compute runs outside the lock).
class StatisticsCache {
 public:
  explicit StatisticsCache(std::chrono::seconds ttl) : ttl_(ttl) {}

  base::Result<service::PublicStatistics> Get(Shared& shared, base::TimePoint from,
                                              base::TimePoint to) {
    const base::TimePoint now = shared.services().clock.Now();
    const Key key{from, to};
    {
      std::lock_guard lock(mu_);
      auto it = entries_.find(key);
      if (it != entries_.end() && now - it->second.computed_at < ttl_ &&
          it->second.computed_at <= now) {
        return it->second.statistics;
      }
    }
    service::Statistics statistics(shared.services().store, shared.services().clock);
    BINHYEN_ASSIGN_OR_RETURN(service::PublicStatistics computed, statistics.Compute(from, to));
    std::lock_guard lock(mu_);
    if (entries_.size() >= kMaxCachedRanges) entries_.clear();
    entries_[key] = Entry{now, computed};
    return computed;
  }

 private:
  using Key = std::pair<base::TimePoint, base::TimePoint>;
  struct Entry {
    base::TimePoint computed_at{};
    service::PublicStatistics statistics;
  };
  const std::chrono::seconds ttl_;
  std::mutex mu_;
  std::map<Key, Entry> entries_;
};

Data CategoryRows(const service::PublicStatistics& s, bool vi, render::Chart& chart) {
  Data rows{Data::type::list};
  for (const service::CategoryCount& c : s.by_category) {
    const std::string label = CapitalizeFirst(vi ? c.label_vi : c.label_en);
    chart.items.push_back({label, static_cast<double>(c.count)});
    Data row;
    row.set("label", label);
    row.set("count", FormatCount(c.count, vi));
    rows.push_back(row);
  }
  return rows;
}

Data WardRows(const service::PublicStatistics& s, bool vi, render::Chart& chart) {
  Data rows{Data::type::list};
  for (const service::WardCount& w : s.by_ward) {
    const std::string label = w.code.empty() ? std::string(vi ? "Không rõ" : "Unknown") : w.name;
    chart.items.push_back({label, static_cast<double>(w.count)});
    Data row;
    row.set("label", label);
    row.set("count", FormatCount(w.count, vi));
    rows.push_back(row);
  }
  return rows;
}

Data MonthRows(const service::PublicStatistics& s, bool vi, render::Chart& chart) {
  Data rows{Data::type::list};
  for (const service::MonthCount& m : s.by_month) {
    chart.items.push_back({m.month, static_cast<double>(m.received)});
    Data row;
    row.set("month", m.month);
    row.set("received", FormatCount(m.received, vi));
    row.set("confirmed", FormatCount(m.confirmed, vi));
    rows.push_back(row);
  }
  return rows;
}

void SetNumbers(Data& data, const service::PublicStatistics& s, bool vi) {
  data.set("total", FormatCount(s.total_reports, vi));
  data.set("confirmed", FormatCount(s.confirmed, vi));
  data.set("confirmed_indicators", FormatCount(s.confirmed_indicators, vi));
  data.set("median", s.median_hours_to_decision ? FormatHours(*s.median_hours_to_decision, vi)
                                                : std::string(vi ? "Chưa có" : "None yet"));
  Data statuses{Data::type::list};
  for (const auto& [status, count] : s.by_status) {
    Data row;
    row.set("status", std::string(domain::Name(status)));
    row.set("label", std::string(StatusLabel(status, vi)));
    row.set("count", FormatCount(count, vi));
    statuses.push_back(row);
  }
  data.set("statuses", statuses);
  const std::string unit = vi ? " báo cáo" : " reports";
  render::Chart categories{vi ? "Báo cáo theo loại lừa đảo" : "Reports by kind of scam",
                           vi ? "Số báo cáo nhận được của mỗi loại." : "Reports received per kind.",
                           {},
                           unit};
  data.set("category_rows", CategoryRows(s, vi, categories));
  data.set("category_chart", render::HorizontalBarChartSvg(categories));
  render::Chart wards{vi ? "Báo cáo theo phường, xã" : "Reports by ward or commune",
                      vi ? "Số báo cáo nhận được ở mỗi nơi." : "Reports received per place.",
                      {},
                      unit};
  data.set("ward_rows", WardRows(s, vi, wards));
  data.set("ward_chart", render::HorizontalBarChartSvg(wards));
  render::Chart months{vi ? "Báo cáo theo tháng" : "Reports by month",
                       vi ? "Số báo cáo nhận được mỗi tháng." : "Reports received per month.",
                       {},
                       unit};
  data.set("month_rows", MonthRows(s, vi, months));
  data.set("month_chart", render::ColumnChartSvg(months));
}

http::Response Page(Shared& shared, StatisticsCache& cache, const http::Request& request) {
  PageContext context = shared.Context(request);
  const bool vi = context.vi();
  const std::chrono::year_month current = MonthOf(shared.services().clock.Now());
  MonthRange range{current - std::chrono::months(kDefaultMonths - 1), current};
  bool invalid = false;
  const std::string_view from_text = request.Query("from").value_or("");
  const std::string_view to_text = request.Query("to").value_or("");
  if (!from_text.empty() || !to_text.empty()) {
    std::optional<std::chrono::year_month> from = ParseMonth(from_text);
    std::optional<std::chrono::year_month> to = to_text.empty() ? current : ParseMonth(to_text);
    if (from && to && *from <= *to && *to - *from < std::chrono::months(120)) {
      range = {*from, *to};
    } else {
      invalid = true;
    }
  }
  base::Result<service::PublicStatistics> stats =
      cache.Get(shared, MonthStart(range.first), MonthStart(range.last + std::chrono::months(1)));
  if (!stats.ok()) {
    return shared.ErrorPage(context, 503, "Tạm thời chưa xem được", "Try again later",
                            "Hệ thống đang bận, vui lòng thử lại sau ít phút.",
                            "The system is busy; please try again in a few minutes.");
  }
  Data data;
  data.set("from", MonthText(range.first));
  data.set("to", MonthText(range.last));
  data.set("invalid", Data(invalid));
  data.set("computed", FormatVietnamDate(stats->computed_at, true));
  SetNumbers(data, *stats, vi);
  PageMeta meta;
  meta.title = std::string(context.Pick("Thống kê lừa đảo", "Scam statistics"));
  meta.description = std::string(context.Pick(
      "Số báo cáo lừa đảo theo loại, phường xã và tháng; số đã xác nhận và thời gian xử lý.",
      "Scam reports by kind, ward and month; how many were confirmed and how fast."));
  meta.status = invalid ? 400 : 200;
  if (from_text.empty() && to_text.empty()) {
    meta.canonical_url = shared.PublicUrl(request) + "/thong-ke";
  }
  return RenderPage(shared.templates(), context, "statistics", std::move(data), meta);
}

}  // namespace

void RegisterStatisticsPage(http::Router& router, Shared& shared) {
  auto cache = std::make_shared<StatisticsCache>(shared.options().statistics_ttl);
  router.Add(http::Method::kGet, "/thong-ke",
             [&shared, cache](http::Request& r) { return Page(shared, *cache, r); });
}

}  // namespace binhyen::web::internal
