// The programme's plan: budget lines of a year and what was spent from them.
#include <algorithm>
#include <string>
#include <tuple>
#include <utility>

#include "store/sqlite/plan.h"
#include "store/sqlite/repositories.h"

namespace binhyen::store::sqlite {
namespace {

// The town's own lines have unit_code NULL; lines are listed with them first ("" sorts first).
constexpr std::string_view kLineSelect =
    "SELECT id, year, coalesce(unit_code, ''), activity, source, allocated, note, created_by, "
    "created_at, updated_at, (SELECT coalesce(sum(amount), 0) FROM budget_spending s WHERE "
    "s.line_id = l.id) FROM budget_lines l ";
constexpr std::string_view kSpendingColumns =
    "id, line_id, spent_on, amount, description, voucher, recorded_by, recorded_at";

base::Status LineNotFound(int64_t id) {
  return base::NotFoundError("budget line " + std::to_string(id) + ": not found");
}

BudgetLineTotals ReadLine(const Statement& s) {
  BudgetLineTotals t;
  domain::BudgetLine& l = t.line;
  l.id = s.Int(0);
  l.year = static_cast<int>(s.Int(1));
  l.unit_code = s.Text(2);
  l.activity = s.Text(3);
  l.source = s.Text(4);
  l.allocated = s.Int(5);
  l.note = s.Text(6);
  l.created_by = s.Int(7);
  l.created_at = s.Time(8);
  l.updated_at = s.Time(9);
  t.spent = s.Int(10);
  return t;
}

domain::Spending ReadSpending(const Statement& s) {
  domain::Spending p;
  p.id = s.Int(0);
  p.line_id = s.Int(1);
  p.spent_on = s.Text(2);
  p.amount = s.Int(3);
  p.description = s.Text(4);
  p.voucher = s.Text(5);
  p.recorded_by = s.Int(6);
  p.recorded_at = s.Time(7);
  return p;
}

template <typename T, typename F>
base::Result<std::vector<T>> Collect(Statement& s, F read) {
  std::vector<T> out;
  while (true) {
    BINHYEN_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return out;
    out.push_back(read(s));
  }
}

// Binds unit_code ("" as NULL), activity, source, allocated, note and updated_at at 1..6.
void BindLine(Statement& s, const domain::BudgetLine& l) {
  if (l.unit_code.empty()) {
    s.BindNull(1);
  } else {
    s.Bind(1, l.unit_code);
  }
  s.Bind(2, l.activity).Bind(3, l.source).Bind(4, l.allocated).Bind(5, l.note);
  s.Bind(6, l.updated_at);
}

}  // namespace

base::Status SqliteBudget::LineExists(int64_t id) {
  BINHYEN_ASSIGN_OR_RETURN(auto s,
                           tx_.connection().Prepare("SELECT 1 FROM budget_lines WHERE id = ?"));
  s->Bind(1, id);
  BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
  return row ? base::Status::Ok() : LineNotFound(id);
}

base::Status SqliteBudget::UnitOfLineExists(const std::string& code) {
  if (code.empty()) return base::Status::Ok();
  BINHYEN_ASSIGN_OR_RETURN(auto s, tx_.connection().Prepare("SELECT 1 FROM units WHERE code = ?"));
  s->Bind(1, code);
  BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
  return row ? base::Status::Ok() : base::NotFoundError("unit '" + code + "': not found");
}

base::Result<int64_t> SqliteBudget::CreateLine(const domain::BudgetLine& l) {
  return tx_.Write([&]() -> base::Result<int64_t> {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(l));
    BINHYEN_RETURN_IF_ERROR(UnitOfLineExists(l.unit_code));
    Connection& c = tx_.connection();
    BINHYEN_RETURN_IF_ERROR(UserExists(c, l.created_by));
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, c.Prepare("INSERT INTO budget_lines (unit_code, activity, source, allocated, "
                          "note, updated_at, year, created_by, created_at) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    BindLine(*s, l);
    s->Bind(7, int64_t{l.year}).Bind(8, l.created_by).Bind(9, l.created_at);
    BINHYEN_RETURN_IF_ERROR(s->Run());
    return static_cast<int64_t>(sqlite3_last_insert_rowid(c.db()));
  });
}

base::Status SqliteBudget::UpdateLine(const domain::BudgetLine& l) {
  return tx_.Write([&]() -> base::Status {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(l));
    BINHYEN_RETURN_IF_ERROR(LineExists(l.id));
    BINHYEN_RETURN_IF_ERROR(UnitOfLineExists(l.unit_code));
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare("UPDATE budget_lines SET unit_code = ?, activity = ?, "
                                         "source = ?, allocated = ?, note = ?, updated_at = ?, "
                                         "year = ? WHERE id = ?"));
    BindLine(*s, l);
    s->Bind(7, int64_t{l.year}).Bind(8, l.id);
    return s->Run();
  });
}

base::Result<BudgetLineTotals> SqliteBudget::GetLine(int64_t id) {
  return tx_.Read([&]() -> base::Result<BudgetLineTotals> {
    BINHYEN_ASSIGN_OR_RETURN(auto s,
                             tx_.connection().Prepare(std::string(kLineSelect) + "WHERE id = ?"));
    s->Bind(1, id);
    BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return LineNotFound(id);
    return ReadLine(*s);
  });
}

base::Result<std::vector<BudgetLineTotals>> SqliteBudget::Lines(
    int year, std::span<const std::string> unit_codes) {
  return tx_.Read([&]() -> base::Result<std::vector<BudgetLineTotals>> {
    const std::string select = std::string(kLineSelect) + "WHERE year = ?1 ";
    if (unit_codes.empty()) {
      BINHYEN_ASSIGN_OR_RETURN(
          auto s, tx_.connection().Prepare(select + "ORDER BY coalesce(unit_code, ''), id"));
      s->Bind(1, int64_t{year});
      return Collect<BudgetLineTotals>(*s, ReadLine);
    }
    // One indexed range per unit, merged (no IN-list SQL varying with the number of units).
    std::vector<std::string> codes(unit_codes.begin(), unit_codes.end());
    std::sort(codes.begin(), codes.end());
    codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
    std::vector<BudgetLineTotals> out;
    for (const std::string& code : codes) {
      BINHYEN_ASSIGN_OR_RETURN(
          auto s, tx_.connection().Prepare(
                      select + (code.empty() ? "AND unit_code IS NULL" : "AND unit_code = ?2")));
      s->Bind(1, int64_t{year});
      if (!code.empty()) s->Bind(2, code);
      BINHYEN_ASSIGN_OR_RETURN(std::vector<BudgetLineTotals> part,
                               Collect<BudgetLineTotals>(*s, ReadLine));
      std::move(part.begin(), part.end(), std::back_inserter(out));
    }
    std::sort(out.begin(), out.end(), [](const BudgetLineTotals& a, const BudgetLineTotals& b) {
      return std::tie(a.line.unit_code, a.line.id) < std::tie(b.line.unit_code, b.line.id);
    });
    return out;
  });
}

base::Result<int64_t> SqliteBudget::AddSpending(const domain::Spending& p) {
  return tx_.Write([&]() -> base::Result<int64_t> {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(p));
    BINHYEN_RETURN_IF_ERROR(LineExists(p.line_id));
    Connection& c = tx_.connection();
    BINHYEN_RETURN_IF_ERROR(UserExists(c, p.recorded_by));
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, c.Prepare("INSERT INTO budget_spending (line_id, spent_on, amount, description, "
                          "voucher, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    s->Bind(1, p.line_id).Bind(2, p.spent_on).Bind(3, p.amount).Bind(4, p.description);
    s->Bind(5, p.voucher).Bind(6, p.recorded_by).Bind(7, p.recorded_at);
    BINHYEN_RETURN_IF_ERROR(s->Run());
    return static_cast<int64_t>(sqlite3_last_insert_rowid(c.db()));
  });
}

base::Status SqliteBudget::RemoveSpending(int64_t line_id, int64_t spending_id) {
  return tx_.Write([&]() -> base::Status {
    Connection& c = tx_.connection();
    BINHYEN_ASSIGN_OR_RETURN(auto s,
                             c.Prepare("DELETE FROM budget_spending WHERE id = ? AND line_id = ?"));
    s->Bind(1, spending_id).Bind(2, line_id);
    BINHYEN_RETURN_IF_ERROR(s->Run());
    if (sqlite3_changes(c.db()) == 0) {
      return base::NotFoundError("spending " + std::to_string(spending_id) + ": not found");
    }
    return base::Status::Ok();
  });
}

base::Result<std::vector<domain::Spending>> SqliteBudget::SpendingOf(int64_t line_id) {
  return tx_.Read([&]() -> base::Result<std::vector<domain::Spending>> {
    BINHYEN_ASSIGN_OR_RETURN(auto s,
                             tx_.connection().Prepare("SELECT " + std::string(kSpendingColumns) +
                                                      " FROM budget_spending WHERE line_id = ? "
                                                      "ORDER BY spent_on, id"));
    s->Bind(1, line_id);
    return Collect<domain::Spending>(*s, ReadSpending);
  });
}

base::Result<std::vector<domain::Spending>> SqliteBudget::SpendingBetween(const std::string& from,
                                                                          const std::string& to) {
  return tx_.Read([&]() -> base::Result<std::vector<domain::Spending>> {
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare("SELECT " + std::string(kSpendingColumns) +
                                         " FROM budget_spending WHERE spent_on >= ? AND "
                                         "spent_on <= ? ORDER BY spent_on, id"));
    s->Bind(1, from).Bind(2, to);
    return Collect<domain::Spending>(*s, ReadSpending);
  });
}

}  // namespace binhyen::store::sqlite
