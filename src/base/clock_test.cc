#include "base/clock.h"

#include <gtest/gtest.h>

namespace binhyen::base {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(FakeClockTest, MovesOnlyWhenTold) {
  FakeClock clock(TimePoint(seconds(1'800'000'000)));
  TimePoint t0 = clock.Now();
  auto m0 = clock.MonotonicNow();
  EXPECT_EQ(clock.Now(), t0);
  clock.Advance(seconds(90));
  EXPECT_EQ(clock.Now() - t0, seconds(90));
  EXPECT_EQ(clock.MonotonicNow() - m0, seconds(90));
  clock.Set(TimePoint(seconds(0)));
  EXPECT_EQ(FormatRfc3339(clock.Now()), "1970-01-01T00:00:00Z");
}

TEST(ClockTest, FormatsRfc3339InUtc) {
  EXPECT_EQ(FormatRfc3339(TimePoint(seconds(1'800'000'000))), "2027-01-15T08:00:00Z");
  // Sub-second parts are cut, not rounded; leap days and the last second of a year.
  EXPECT_EQ(FormatRfc3339(TimePoint(seconds(951'782'400) + milliseconds(999))),
            "2000-02-29T00:00:00Z");
  EXPECT_EQ(FormatRfc3339(TimePoint(seconds(1'924'991'999))), "2030-12-31T23:59:59Z");
  EXPECT_EQ(FormatRfc3339(TimePoint(seconds(-1))), "1969-12-31T23:59:59Z");
  EXPECT_EQ(FormatRfc3339(TimePoint(seconds(-5'000'000'000))), "1811-07-23T15:06:40Z");
}

TEST(SystemClockTest, IsMonotonic) {
  SystemClock clock;
  auto a = clock.MonotonicNow();
  auto b = clock.MonotonicNow();
  EXPECT_LE(a, b);
}

}  // namespace
}  // namespace binhyen::base
