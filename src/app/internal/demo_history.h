#pragma once

// The dated part of the demo (app/demo.h): reports filed through service::ReportIntake, moved
// through service::Triage, and warnings, each at its own time.
#include <cstdint>

#include "base/clock.h"
#include "base/status.h"
#include "crypto/random.h"
#include "crypto/secret_box.h"
#include "store/store.h"

namespace binhyen::app::internal {

// A small deterministic source of numbers for the demo content. Thread safety: confine to one
// thread.
class DemoDice {
 public:
  explicit DemoDice(uint64_t seed) : random_(seed) {}
  uint64_t Next();
  // Uniform enough in [lo, hi] (REQUIRES: lo <= hi).
  int64_t Between(int64_t lo, int64_t hi);

 private:
  crypto::FakeRandom random_;
};

// Files every report of DemoReports() and takes it to its outcome, and creates DemoWarnings(),
// in date order: the demo clock is set to each event's time (all before `now`). The reports'
// wards (when not given), times, contacts, receipt codes and assignees come from `seed`.
// REQUIRES: the demo accounts exist (the analysts act and are assigned).
base::Status CreateDemoHistory(store::Store& store, const crypto::SecretBox& contact_box,
                               base::FakeClock& clock, base::TimePoint now, uint64_t seed);

}  // namespace binhyen::app::internal
