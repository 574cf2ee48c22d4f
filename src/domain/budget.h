#pragma once

#include <cstdint>
#include <string>

#include "base/clock.h"
#include "base/status.h"

namespace binhyen::domain {

// The largest amount of money accepted, in đồng (10 000 billion: far above a town's budget, far
// below int64 overflow when summed).
inline constexpr int64_t kMaxVnd = 10'000'000'000'000;

// A line of the movement's budget for one year: an activity of a unit (or of the town as a
// whole) and the money allocated to it.
struct BudgetLine {
  int64_t id = 0;  // assigned by the store
  int year = 0;    // 2000..2999
  // The unit that spends it (units.code), or "" for the town's own activities (the standing
  // office).
  std::string unit_code;
  std::string activity;  // what it pays for, 1..300 bytes: "Tập huấn nhận diện lừa đảo"
  std::string source;    // where the money comes from, 0..200 bytes: "Ngân sách thị xã"
  int64_t allocated = 0;   // đồng, 0..kMaxVnd
  std::string note;        // 0..2000 bytes
  int64_t created_by = 0;  // users.id
  base::TimePoint created_at{};
  base::TimePoint updated_at{};
  friend bool operator==(const BudgetLine&, const BudgetLine&) = default;
};

// InvalidArgument naming the field ("year: must be 2000..2999", "activity: must not be empty",
// "allocated: must be 0..10000000000000").
base::Status Validate(const BudgetLine& line);

// Money spent from a budget line.
struct Spending {
  int64_t id = 0;  // assigned by the store
  int64_t line_id = 0;
  std::string spent_on;     // "YYYY-MM-DD"
  int64_t amount = 0;       // đồng, 1..kMaxVnd
  std::string description;  // 1..500 bytes
  std::string voucher;      // the voucher or invoice number, 0..100 bytes
  int64_t recorded_by = 0;  // users.id
  base::TimePoint recorded_at{};
  friend bool operator==(const Spending&, const Spending&) = default;
};

// InvalidArgument naming the field ("spent_on: must be YYYY-MM-DD", "amount: must be
// 1..10000000000000", "description: ...").
base::Status Validate(const Spending& spending);

}  // namespace binhyen::domain
