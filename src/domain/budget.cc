#include "domain/budget.h"

#include "domain/internal/rules.h"
#include "domain/task.h"

namespace binhyen::domain {
namespace {

using internal::Bad;
using internal::CheckLength;

base::Status CheckAmount(std::string_view field, int64_t amount, int64_t min) {
  if (amount < min || amount > kMaxVnd) {
    return Bad(field, "must be " + std::to_string(min) + ".." + std::to_string(kMaxVnd));
  }
  return base::Status::Ok();
}

}  // namespace

base::Status Validate(const BudgetLine& line) {
  if (line.year < 2000 || line.year > 2999) return Bad("year", "must be 2000..2999");
  BINHYEN_RETURN_IF_ERROR(CheckLength("unit_code", line.unit_code, 0, 32));
  BINHYEN_RETURN_IF_ERROR(CheckLength("activity", line.activity, 1, 300));
  BINHYEN_RETURN_IF_ERROR(CheckLength("source", line.source, 0, 200));
  BINHYEN_RETURN_IF_ERROR(CheckAmount("allocated", line.allocated, 0));
  return CheckLength("note", line.note, 0, 2000);
}

base::Status Validate(const Spending& spending) {
  if (!IsDate(spending.spent_on)) return Bad("spent_on", "must be YYYY-MM-DD");
  BINHYEN_RETURN_IF_ERROR(CheckAmount("amount", spending.amount, 1));
  BINHYEN_RETURN_IF_ERROR(CheckLength("description", spending.description, 1, 500));
  return CheckLength("voucher", spending.voucher, 0, 100);
}

}  // namespace binhyen::domain
