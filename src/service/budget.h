#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "domain/budget.h"
#include "service/auth.h"
#include "store/store.h"

namespace binhyen::service {

// A budget line as typed (amounts accept "5.000.000", "5,000,000" or "5000000").
struct BudgetLineInput {
  std::string year;
  std::string unit;  // "" = the town's own line
  std::string activity;
  std::string source;
  std::string allocated;
  std::string note;
};

struct SpendingInput {
  std::string spent_on;  // "YYYY-MM-DD"
  std::string amount;
  std::string description;
  std::string voucher;
};

// A line with its unit's name and what remains.
struct BudgetLineRow {
  domain::BudgetLine line;
  std::string unit_name;  // "Thị xã (Ban chỉ đạo)" for the town's own lines
  int64_t spent = 0;
  int64_t remaining = 0;  // allocated - spent (negative when overspent)
};

// A year's budget: lines, and totals per unit and overall.
struct BudgetYear {
  int year = 0;
  std::vector<BudgetLineRow> lines;  // by unit then id
  int64_t allocated = 0;
  int64_t spent = 0;
};

// The name shown for the town's own budget lines (unit_code "").
inline constexpr std::string_view kTownBudgetName = "Cấp thị xã (Ban Chỉ đạo)";

// The movement's budget: yearly lines per unit and activity, and the spending recorded against
// them. Finance (budget:manage) writes; the standing office (programme:manage) reads. Spending
// beyond what remains of a line is refused ("amount: more than the 1.500.000 đ left on this
// line"): raise the allocation first, which leaves a trace. Changes are audited in their
// transaction ("budget.line.create", "budget.line.edit", "budget.spend", "budget.unspend";
// target "budget-line:<id>").
// Thread safety: thread-safe.
class Budget {
 public:
  // Both references must outlive the Budget.
  Budget(store::Store& store, const base::Clock& clock);

  static bool MayRead(const Principal& caller);
  static bool MayWrite(const Principal& caller);

  // PermissionDenied unless MayRead.
  base::Result<BudgetYear> Year(const Principal& caller, int year);
  base::Result<BudgetLineRow> Line(const Principal& caller, int64_t id);
  base::Result<std::vector<domain::Spending>> SpendingOf(const Principal& caller, int64_t id);

  // PermissionDenied unless MayWrite; InvalidArgument with a line per bad field ("year: ...",
  // "unit: no such unit", "activity: must not be empty", "allocated: must be a whole number of
  // đồng", ...). Editing a line's allocation below what it has spent is refused ("allocated:
  // 2.000.000 đ have been spent already").
  base::Result<int64_t> CreateLine(const Principal& caller, const BudgetLineInput& input);
  base::Status EditLine(const Principal& caller, int64_t id, const BudgetLineInput& input);
  base::Result<int64_t> Spend(const Principal& caller, int64_t line_id, const SpendingInput& input);
  base::Status RemoveSpending(const Principal& caller, int64_t line_id, int64_t spending_id);

 private:
  base::Result<domain::BudgetLine> FromInput(store::Transaction& tx,
                                             const BudgetLineInput& input) const;

  store::Store& store_;
  const base::Clock& clock_;
};

// "1.234.567" (Vietnamese thousands separators).
std::string FormatVnd(int64_t amount);
// Parses an amount of đồng typed with or without separators ("5.000.000", "5,000,000",
// "5 000 000", "5000000"); nullopt when not a whole number in 0..domain::kMaxVnd.
std::optional<int64_t> ParseVnd(std::string_view text);

}  // namespace binhyen::service
