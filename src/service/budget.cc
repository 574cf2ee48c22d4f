#include "service/budget.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <utility>

#include "base/strings.h"
#include "domain/task.h"
#include "service/audit_entry.h"
#include "service/field_errors.h"
#include "service/internal/fields.h"
#include "service/permissions.h"

namespace binhyen::service {
namespace {

using fields::CheckText;
using fields::Micros;
using fields::Trim;

std::string LineTarget(int64_t id) { return "budget-line:" + std::to_string(id); }

base::Status Allow(const Principal& caller, bool write) {
  if (write ? Budget::MayWrite(caller) : Budget::MayRead(caller)) return base::Status::Ok();
  return base::PermissionDeniedError(write ? "budget: only finance records the budget"
                                           : "budget: only finance and the standing office");
}

BudgetLineRow Row(const store::BudgetLineTotals& totals, const std::vector<domain::Unit>& units) {
  BudgetLineRow row;
  row.line = totals.line;
  row.spent = totals.spent;
  row.remaining = totals.line.allocated - totals.spent;
  row.unit_name =
      totals.line.unit_code.empty() ? std::string(kTownBudgetName) : totals.line.unit_code;
  for (const domain::Unit& u : units) {
    if (u.code == totals.line.unit_code) row.unit_name = u.name;
  }
  return row;
}

}  // namespace

std::string FormatVnd(int64_t amount) {
  std::string digits = std::to_string(amount < 0 ? -amount : amount);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return amount < 0 ? "-" + out : out;
}

std::optional<int64_t> ParseVnd(std::string_view text) {
  std::string digits;
  for (char c : base::TrimAscii(text)) {
    if (base::IsAsciiDigit(c)) {
      digits += c;
    } else if (c != '.' && c != ',' && c != ' ') {
      return std::nullopt;
    }
  }
  if (digits.empty() || digits.size() > 15) return std::nullopt;
  int64_t out = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), out);
  if (out > domain::kMaxVnd) return std::nullopt;
  return out;
}

Budget::Budget(store::Store& store, const base::Clock& clock) : store_(store), clock_(clock) {}

bool Budget::MayRead(const Principal& caller) {
  return caller.Can(Permission::kBudgetManage) || caller.Can(Permission::kProgrammeManage);
}
bool Budget::MayWrite(const Principal& caller) { return caller.Can(Permission::kBudgetManage); }

base::Result<BudgetYear> Budget::Year(const Principal& caller, int year) {
  BINHYEN_RETURN_IF_ERROR(Allow(caller, false));
  if (year < 2000 || year > 2999) return base::InvalidArgumentError("year: must be 2000..2999");
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Unit> units, tx->Units().List());
  BINHYEN_ASSIGN_OR_RETURN(std::vector<store::BudgetLineTotals> lines,
                           tx->Budget().Lines(year, {}));
  BudgetYear out;
  out.year = year;
  for (const store::BudgetLineTotals& t : lines) {
    out.lines.push_back(Row(t, units));
    out.allocated += t.line.allocated;
    out.spent += t.spent;
  }
  return out;
}

base::Result<BudgetLineRow> Budget::Line(const Principal& caller, int64_t id) {
  BINHYEN_RETURN_IF_ERROR(Allow(caller, false));
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Unit> units, tx->Units().List());
  BINHYEN_ASSIGN_OR_RETURN(store::BudgetLineTotals totals, tx->Budget().GetLine(id));
  return Row(totals, units);
}

base::Result<std::vector<domain::Spending>> Budget::SpendingOf(const Principal& caller,
                                                               int64_t id) {
  BINHYEN_RETURN_IF_ERROR(Allow(caller, false));
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  BINHYEN_RETURN_IF_ERROR(tx->Budget().GetLine(id).status());
  return tx->Budget().SpendingOf(id);
}

base::Result<domain::BudgetLine> Budget::FromInput(store::Transaction& tx,
                                                   const BudgetLineInput& input) const {
  FieldErrors errors;
  domain::BudgetLine line;
  int year = 0;
  const std::string year_text = Trim(input.year);
  auto [end, ec] = std::from_chars(year_text.data(), year_text.data() + year_text.size(), year);
  if (ec != std::errc() || end != year_text.data() + year_text.size() || year < 2000 ||
      year > 2999) {
    errors.Add("year", "must be a year 2000..2999");
  }
  line.year = year;
  line.unit_code = Trim(input.unit);
  if (!line.unit_code.empty()) {
    base::Result<domain::Unit> unit = tx.Units().Get(line.unit_code);
    if (!unit.ok() && unit.status().code() != base::StatusCode::kNotFound) return unit.status();
    if (!unit.ok()) errors.Add("unit", "no such unit");
  }
  line.activity = Trim(input.activity);
  line.source = Trim(input.source);
  line.note = Trim(input.note);
  CheckText(errors, "activity", line.activity, 1, 300);
  CheckText(errors, "source", line.source, 0, 200);
  CheckText(errors, "note", line.note, 0, 2000);
  if (std::optional<int64_t> allocated = ParseVnd(input.allocated)) {
    line.allocated = *allocated;
  } else {
    errors.Add("allocated", "must be a whole number of đồng, at most 10.000.000.000.000");
  }
  BINHYEN_RETURN_IF_ERROR(errors.ToStatus());
  return line;
}

base::Result<int64_t> Budget::CreateLine(const Principal& caller, const BudgetLineInput& input) {
  BINHYEN_RETURN_IF_ERROR(Allow(caller, true));
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(domain::BudgetLine line, FromInput(*tx, input));
  line.created_by = caller.user_id;
  line.created_at = line.updated_at = Micros(clock_.Now());
  BINHYEN_ASSIGN_OR_RETURN(int64_t id, tx->Budget().CreateLine(line));
  BINHYEN_RETURN_IF_ERROR(
      tx->Audit()
          .Append(MakeAuditEntry(
              line.created_at, caller.Actor(), "budget.line.create", LineTarget(id),
              std::to_string(line.year) + " " + (line.unit_code.empty() ? "town" : line.unit_code) +
                  ": " + FormatVnd(line.allocated) + " đ"))
          .status());
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  return id;
}

base::Status Budget::EditLine(const Principal& caller, int64_t id, const BudgetLineInput& input) {
  BINHYEN_RETURN_IF_ERROR(Allow(caller, true));
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(store::BudgetLineTotals old, tx->Budget().GetLine(id));
  BINHYEN_ASSIGN_OR_RETURN(domain::BudgetLine line, FromInput(*tx, input));
  if (line.allocated < old.spent) {
    return base::InvalidArgumentError("allocated: " + FormatVnd(old.spent) +
                                      " đ have been spent already");
  }
  line.id = id;
  line.created_by = old.line.created_by;
  line.created_at = old.line.created_at;
  line.updated_at = Micros(clock_.Now());
  BINHYEN_RETURN_IF_ERROR(tx->Budget().UpdateLine(line));
  BINHYEN_RETURN_IF_ERROR(tx->Audit()
                              .Append(MakeAuditEntry(line.updated_at, caller.Actor(),
                                                     "budget.line.edit", LineTarget(id),
                                                     "allocated " + FormatVnd(old.line.allocated) +
                                                         " → " + FormatVnd(line.allocated) + " đ"))
                              .status());
  return tx->Commit();
}

base::Result<int64_t> Budget::Spend(const Principal& caller, int64_t line_id,
                                    const SpendingInput& input) {
  BINHYEN_RETURN_IF_ERROR(Allow(caller, true));
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(store::BudgetLineTotals line, tx->Budget().GetLine(line_id));
  FieldErrors errors;
  domain::Spending s;
  s.line_id = line_id;
  s.spent_on = Trim(input.spent_on);
  if (!domain::IsDate(s.spent_on)) errors.Add("spent_on", "must be a date YYYY-MM-DD");
  std::optional<int64_t> amount = ParseVnd(input.amount);
  const int64_t left = line.line.allocated - line.spent;
  if (!amount || *amount == 0) {
    errors.Add("amount", "must be a whole number of đồng above 0");
  } else if (*amount > left) {
    errors.Add("amount", "more than the " + FormatVnd(left) + " đ left on this line");
  } else {
    s.amount = *amount;
  }
  s.description = Trim(input.description);
  s.voucher = Trim(input.voucher);
  CheckText(errors, "description", s.description, 1, 500);
  CheckText(errors, "voucher", s.voucher, 0, 100);
  BINHYEN_RETURN_IF_ERROR(errors.ToStatus());
  s.recorded_by = caller.user_id;
  s.recorded_at = Micros(clock_.Now());
  BINHYEN_ASSIGN_OR_RETURN(int64_t id, tx->Budget().AddSpending(s));
  BINHYEN_RETURN_IF_ERROR(
      tx->Audit()
          .Append(MakeAuditEntry(
              s.recorded_at, caller.Actor(), "budget.spend", LineTarget(line_id),
              s.spent_on + ": " + FormatVnd(s.amount) + " đ (#" + std::to_string(id) + ")"))
          .status());
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  return id;
}

base::Status Budget::RemoveSpending(const Principal& caller, int64_t line_id, int64_t spending_id) {
  BINHYEN_RETURN_IF_ERROR(Allow(caller, true));
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Spending> all, tx->Budget().SpendingOf(line_id));
  auto it = std::find_if(all.begin(), all.end(),
                         [&](const domain::Spending& s) { return s.id == spending_id; });
  if (it == all.end()) {
    return base::NotFoundError("spending " + std::to_string(spending_id) + ": not found");
  }
  BINHYEN_RETURN_IF_ERROR(tx->Budget().RemoveSpending(line_id, spending_id));
  BINHYEN_RETURN_IF_ERROR(
      tx->Audit()
          .Append(MakeAuditEntry(Micros(clock_.Now()), caller.Actor(), "budget.unspend",
                                 LineTarget(line_id),
                                 it->spent_on + ": " + FormatVnd(it->amount) + " đ (#" +
                                     std::to_string(spending_id) + ") removed"))
          .status());
  return tx->Commit();
}

}  // namespace binhyen::service
