#include "domain/calendar.h"

#include <chrono>
#include <cstdio>

namespace binhyen::domain {
namespace {

constexpr std::chrono::hours kVietnamOffset{7};

std::chrono::sys_days Parse(std::string_view date) {
  int year = std::stoi(std::string(date.substr(0, 4)));
  unsigned month = static_cast<unsigned>(std::stoi(std::string(date.substr(5, 2))));
  unsigned day = static_cast<unsigned>(std::stoi(std::string(date.substr(8, 2))));
  return std::chrono::sys_days(std::chrono::year_month_day(
      std::chrono::year(year), std::chrono::month(month), std::chrono::day(day)));
}

std::string Format(std::chrono::sys_days days) {
  std::chrono::year_month_day ymd(days);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

}  // namespace

std::string DateInVietnam(base::TimePoint t) {
  return Format(std::chrono::floor<std::chrono::days>(t + kVietnamOffset));
}

base::TimePoint StartOfDayInVietnam(std::string_view date) {
  return base::TimePoint(Parse(date)) - kVietnamOffset;
}

std::string AddDays(std::string_view date, int days) {
  return Format(Parse(date) + std::chrono::days(days));
}

std::string DayMonthYear(std::string_view date) {
  return std::string(date.substr(8, 2)) + "/" + std::string(date.substr(5, 2)) + "/" +
         std::string(date.substr(0, 4));
}

}  // namespace binhyen::domain
