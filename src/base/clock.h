#pragma once

#include <atomic>
#include <chrono>
#include <string>

namespace binhyen::base {

using TimePoint = std::chrono::system_clock::time_point;

// The source of time. Inject it; never call std::chrono clocks directly in code under test.
// Thread safety: implementations are thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  // Wall-clock time (UTC).
  virtual TimePoint Now() const = 0;
  // Monotonic time for durations and timeouts.
  virtual std::chrono::steady_clock::time_point MonotonicNow() const = 0;
};

// The real clock.
class SystemClock final : public Clock {
 public:
  TimePoint Now() const override { return std::chrono::system_clock::now(); }
  std::chrono::steady_clock::time_point MonotonicNow() const override {
    return std::chrono::steady_clock::now();
  }
};

// A clock that moves only when told to. Thread-safe.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(TimePoint start = TimePoint(std::chrono::seconds(1'700'000'000)))
      : now_ns_(start.time_since_epoch().count()) {}

  TimePoint Now() const override {
    return TimePoint(TimePoint::duration(now_ns_.load(std::memory_order_acquire)));
  }
  std::chrono::steady_clock::time_point MonotonicNow() const override {
    return std::chrono::steady_clock::time_point(
        std::chrono::duration_cast<std::chrono::steady_clock::duration>(
            TimePoint::duration(now_ns_.load(std::memory_order_acquire))));
  }
  void Advance(std::chrono::nanoseconds by) {
    now_ns_.fetch_add(std::chrono::duration_cast<TimePoint::duration>(by).count(),
                      std::memory_order_acq_rel);
  }
  void Set(TimePoint t) { now_ns_.store(t.time_since_epoch().count(), std::memory_order_release); }

 private:
  std::atomic<TimePoint::duration::rep> now_ns_;
};

// RFC 3339 UTC with seconds, e.g. "2026-11-28T22:13:22Z".
std::string FormatRfc3339(TimePoint t);

}  // namespace binhyen::base
