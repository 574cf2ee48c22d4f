#include "base/clock.h"

#include <chrono>

namespace binhyen::base {

std::string FormatRfc3339(TimePoint t) {
  using namespace std::chrono;
  const sys_seconds secs = floor<seconds>(t);
  const sys_days day = floor<days>(secs);
  const year_month_day ymd(day);
  const int y = static_cast<int>(ymd.year());
  const hh_mm_ss<seconds> hms(secs - day);
  // Called per match on the check API's hot path: digits written directly, no strftime. A
  // TimePoint (int64 nanoseconds) spans the years 1677-2262, so the year has four digits.
  char buf[20] = {'0', '0', '0', '0', '-', '0', '0', '-', '0', '0',
                  'T', '0', '0', ':', '0', '0', ':', '0', '0', 'Z'};
  auto put = [&buf](size_t at, unsigned value, size_t width) {
    for (size_t i = width; i-- > 0; value /= 10) buf[at + i] = static_cast<char>('0' + value % 10);
  };
  put(0, static_cast<unsigned>(y), 4);
  put(5, static_cast<unsigned>(ymd.month()), 2);
  put(8, static_cast<unsigned>(ymd.day()), 2);
  put(11, static_cast<unsigned>(hms.hours().count()), 2);
  put(14, static_cast<unsigned>(hms.minutes().count()), 2);
  put(17, static_cast<unsigned>(hms.seconds().count()), 2);
  return std::string(buf, sizeof buf);
}

}  // namespace binhyen::base
