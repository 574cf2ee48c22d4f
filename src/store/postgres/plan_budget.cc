// The programme's plan: budget lines of a year and what was spent from them.
#include <string>
#include <utility>
#include <vector>

#include "store/postgres/plan.h"
#include "store/postgres/repositories.h"

namespace binhyen::store::postgres {
namespace {

// The town's own lines have unit_code NULL; lines are listed with them first ("" sorts first).
#define BINHYEN_PG_LINE_SELECT                                                                 \
  "SELECT id, year, coalesce(unit_code, '') AS unit_code, activity, source, allocated, note, " \
  "created_by, created_at, updated_at, (SELECT coalesce(sum(amount), 0) FROM budget_spending " \
  "s WHERE s.line_id = l.id)::bigint AS spent FROM budget_lines l "
#define BINHYEN_PG_SPENDING_COLUMNS \
  "id, line_id, spent_on, amount, description, voucher, recorded_by, recorded_at "
constexpr Sql kUnitExists{"plan_budget_unit_exists", "SELECT 1 FROM units WHERE code = $1"};
constexpr Sql kUserExists{"plan_budget_user_exists", "SELECT 1 FROM users WHERE id = $1"};
constexpr Sql kLineExists{"budget_line_exists", "SELECT 1 FROM budget_lines WHERE id = $1"};
constexpr Sql kLineInsert{
    "budget_line_insert",
    "INSERT INTO budget_lines (unit_code, activity, source, allocated, note, updated_at, year, "
    "created_by, created_at) VALUES (NULLIF($1, ''), $2, $3, $4, $5, $6, $7, $8, $9) "
    "RETURNING id"};
constexpr Sql kLineUpdate{
    "budget_line_update",
    "UPDATE budget_lines SET unit_code = NULLIF($1, ''), activity = $2, source = $3, "
    "allocated = $4, note = $5, updated_at = $6, year = $7 WHERE id = $8"};
constexpr Sql kLineGet{"budget_line_get", BINHYEN_PG_LINE_SELECT "WHERE id = $1"};
constexpr Sql kLines{"budget_lines", BINHYEN_PG_LINE_SELECT
                     "WHERE year = $1 AND (cardinality($2::text[]) = 0 OR coalesce(unit_code, '') "
                     "= ANY($2::text[])) ORDER BY coalesce(unit_code, '') COLLATE \"C\", id"};
constexpr Sql kSpendingInsert{
    "budget_spending_insert",
    "INSERT INTO budget_spending (line_id, spent_on, amount, description, voucher, recorded_by, "
    "recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id"};
constexpr Sql kSpendingDelete{"budget_spending_delete",
                              "DELETE FROM budget_spending WHERE id = $1 AND line_id = $2"};
constexpr Sql kSpendingOf{"budget_spending_of",
                          "SELECT " BINHYEN_PG_SPENDING_COLUMNS
                          "FROM budget_spending WHERE line_id = $1 ORDER BY spent_on, id"};
constexpr Sql kSpendingBetween{"budget_spending_between",
                               "SELECT " BINHYEN_PG_SPENDING_COLUMNS
                               "FROM budget_spending WHERE spent_on >= $1 AND spent_on <= $2 "
                               "ORDER BY spent_on, id"};
#undef BINHYEN_PG_LINE_SELECT
#undef BINHYEN_PG_SPENDING_COLUMNS

base::Status LineNotFound(int64_t id) {
  return base::NotFoundError("budget line " + std::to_string(id) + ": not found");
}

// Throws.
base::Status UnitOfLineExists(Session& s, const std::string& code) {
  if (!code.empty() && s.Exec(kUnitExists, Params().Add(code)).empty()) {
    return base::NotFoundError("unit '" + code + "': not found");
  }
  return base::Status::Ok();
}

// Throws.
base::Status UserExists(Session& s, int64_t id) {
  if (s.Exec(kUserExists, Params().Add(id)).empty()) {
    return base::NotFoundError("user " + std::to_string(id) + ": not found");
  }
  return base::Status::Ok();
}

// Throws.
base::Status LineExists(Session& s, int64_t id) {
  return s.Exec(kLineExists, Params().Add(id)).empty() ? LineNotFound(id) : base::Status::Ok();
}

BudgetLineTotals LineFromRow(const pqxx::row& row) {
  BudgetLineTotals t;
  domain::BudgetLine& l = t.line;
  l.id = Int(row["id"]);
  l.year = static_cast<int>(Int(row["year"]));
  l.unit_code = Text(row["unit_code"]);
  l.activity = Text(row["activity"]);
  l.source = Text(row["source"]);
  l.allocated = Int(row["allocated"]);
  l.note = Text(row["note"]);
  l.created_by = Int(row["created_by"]);
  l.created_at = Time(row["created_at"]);
  l.updated_at = Time(row["updated_at"]);
  t.spent = Int(row["spent"]);
  return t;
}

domain::Spending SpendingFromRow(const pqxx::row& row) {
  domain::Spending p;
  p.id = Int(row["id"]);
  p.line_id = Int(row["line_id"]);
  p.spent_on = Text(row["spent_on"]);
  p.amount = Int(row["amount"]);
  p.description = Text(row["description"]);
  p.voucher = Text(row["voucher"]);
  p.recorded_by = Int(row["recorded_by"]);
  p.recorded_at = Time(row["recorded_at"]);
  return p;
}

template <typename T, typename F>
std::vector<T> AllRows(const pqxx::result& r, F read) {
  std::vector<T> out;
  for (const pqxx::row& row : r) out.push_back(read(row));
  return out;
}

// unit_code ("" becomes NULL in SQL), activity, source, allocated, note, updated_at, year
// ($1..$7).
Params LineParams(const domain::BudgetLine& l) {
  Params p;
  p.Add(l.unit_code)
      .Add(l.activity)
      .Add(l.source)
      .Add(l.allocated)
      .Add(l.note)
      .AddTime(l.updated_at)
      .Add(l.year);
  return p;
}

}  // namespace

base::Result<int64_t> PgBudgetRepository::CreateLine(const domain::BudgetLine& l) {
  return s_.Write("budget.create_line", [&]() -> base::Result<int64_t> {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(l));
    BINHYEN_RETURN_IF_ERROR(UnitOfLineExists(s_, l.unit_code));
    BINHYEN_RETURN_IF_ERROR(UserExists(s_, l.created_by));
    Params p = LineParams(l);
    p.Add(l.created_by).AddTime(l.created_at);
    return Int(s_.Exec(kLineInsert, p)[0][0]);
  });
}

base::Status PgBudgetRepository::UpdateLine(const domain::BudgetLine& l) {
  return s_.Write("budget.update_line", [&]() -> base::Status {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(l));
    BINHYEN_RETURN_IF_ERROR(LineExists(s_, l.id));
    BINHYEN_RETURN_IF_ERROR(UnitOfLineExists(s_, l.unit_code));
    Params p = LineParams(l);
    p.Add(l.id);
    s_.Exec(kLineUpdate, p);
    return base::Status::Ok();
  });
}

base::Result<BudgetLineTotals> PgBudgetRepository::GetLine(int64_t id) {
  return s_.Read("budget.get_line", [&]() -> base::Result<BudgetLineTotals> {
    const pqxx::result r = s_.Exec(kLineGet, Params().Add(id));
    if (r.empty()) return LineNotFound(id);
    return LineFromRow(r[0]);
  });
}

base::Result<std::vector<BudgetLineTotals>> PgBudgetRepository::Lines(
    int year, std::span<const std::string> unit_codes) {
  return s_.Read("budget.lines", [&]() -> base::Result<std::vector<BudgetLineTotals>> {
    const std::vector<std::string> codes(unit_codes.begin(), unit_codes.end());
    return AllRows<BudgetLineTotals>(s_.Exec(kLines, Params().Add(year).Add(TextArray(codes))),
                                     LineFromRow);
  });
}

base::Result<int64_t> PgBudgetRepository::AddSpending(const domain::Spending& p) {
  return s_.Write("budget.add_spending", [&]() -> base::Result<int64_t> {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(p));
    BINHYEN_RETURN_IF_ERROR(LineExists(s_, p.line_id));
    BINHYEN_RETURN_IF_ERROR(UserExists(s_, p.recorded_by));
    const pqxx::result r = s_.Exec(kSpendingInsert, Params()
                                                        .Add(p.line_id)
                                                        .Add(p.spent_on)
                                                        .Add(p.amount)
                                                        .Add(p.description)
                                                        .Add(p.voucher)
                                                        .Add(p.recorded_by)
                                                        .AddTime(p.recorded_at));
    return Int(r[0][0]);
  });
}

base::Status PgBudgetRepository::RemoveSpending(int64_t line_id, int64_t spending_id) {
  return s_.Write("budget.remove_spending", [&]() -> base::Status {
    const pqxx::result r = s_.Exec(kSpendingDelete, Params().Add(spending_id).Add(line_id));
    if (r.affected_rows() == 0) {
      return base::NotFoundError("spending " + std::to_string(spending_id) + ": not found");
    }
    return base::Status::Ok();
  });
}

base::Result<std::vector<domain::Spending>> PgBudgetRepository::SpendingOf(int64_t line_id) {
  return s_.Read("budget.spending_of", [&]() -> base::Result<std::vector<domain::Spending>> {
    return AllRows<domain::Spending>(s_.Exec(kSpendingOf, Params().Add(line_id)), SpendingFromRow);
  });
}

base::Result<std::vector<domain::Spending>> PgBudgetRepository::SpendingBetween(
    const std::string& from, const std::string& to) {
  return s_.Read("budget.spending_between", [&]() -> base::Result<std::vector<domain::Spending>> {
    return AllRows<domain::Spending>(s_.Exec(kSpendingBetween, Params().Add(from).Add(to)),
                                     SpendingFromRow);
  });
}

}  // namespace binhyen::store::postgres
