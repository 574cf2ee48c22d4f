// Quizzes::Results: attempts per unit over the unit tree, per known person and per day.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>

#include "service/quizzes.h"

namespace binhyen::service {
namespace {

struct Tally {
  int64_t attempts = 0;
  int64_t passed = 0;
  int64_t percent_sum = 0;
  void Add(const store::QuizAttemptRow& r) {
    ++attempts;
    if (r.passed) ++passed;
    percent_sum += r.score * 100 / r.total;
  }
  int Average() const { return attempts == 0 ? 0 : static_cast<int>(percent_sum / attempts); }
  int PassRate() const { return attempts == 0 ? 0 : static_cast<int>(passed * 100 / attempts); }
};

// "YYYY-MM-DD" of `t` in Vietnam time (UTC+7).
std::string VietnamDay(base::TimePoint t) {
  const auto day = std::chrono::floor<std::chrono::days>(t + std::chrono::hours(7));
  const std::chrono::year_month_day ymd{day};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

using UnitMap = std::map<std::string, domain::Unit, std::less<>>;

// Adds `row` to its unit and every unit above it (a broken parent chain stops the walk).
void AddToAncestors(const UnitMap& units, const store::QuizAttemptRow& row,
                    std::map<std::string, Tally, std::less<>>& by_unit) {
  std::string code = *row.unit_code;
  std::set<std::string> seen;
  while (!code.empty() && seen.insert(code).second) {
    auto it = units.find(code);
    if (it == units.end()) break;
    by_unit[code].Add(row);
    code = it->second.parent_code;
  }
}

// Appends the units of the subtree of `code` that have attempts, parents first.
void Walk(const UnitMap& units, const std::map<std::string, std::vector<std::string>>& children,
          const std::map<std::string, Tally, std::less<>>& by_unit, const std::string& code,
          int depth, std::vector<QuizUnitResult>& out) {
  auto tally = by_unit.find(code);
  if (tally == by_unit.end() || depth > 32) return;
  out.push_back({code, units.at(code).name, depth, tally->second.attempts, tally->second.passed,
                 tally->second.Average(), tally->second.PassRate()});
  auto kids = children.find(code);
  if (kids == children.end()) return;
  for (const std::string& child : kids->second) {
    Walk(units, children, by_unit, child, depth + 1, out);
  }
}

// The units with attempts in tree order (roots and children by code), parents first.
std::vector<QuizUnitResult> UnitRows(const UnitMap& units,
                                     const std::map<std::string, Tally, std::less<>>& by_unit) {
  std::vector<QuizUnitResult> out;
  std::map<std::string, std::vector<std::string>> children;  // codes ascending (map order)
  std::vector<std::string> roots;
  for (const auto& [code, u] : units) {
    if (!u.parent_code.empty() && units.count(u.parent_code) > 0) {
      children[u.parent_code].push_back(code);
    } else {
      roots.push_back(code);
    }
  }
  for (const std::string& root : roots) Walk(units, children, by_unit, root, 0, out);
  return out;
}

// The known people's rows (names read from the store), by unit code then name.
base::Status AddPeople(store::Transaction& tx, const UnitMap& units,
                       std::map<int64_t, QuizPersonResult>& by_person,
                       std::vector<QuizPersonResult>& out) {
  for (auto& [person_id, p] : by_person) {
    BINHYEN_ASSIGN_OR_RETURN(domain::Person person, tx.People().Get(person_id));
    p.name = person.name;
    p.unit_code = person.unit_code;
    auto u = units.find(person.unit_code);
    if (u != units.end()) p.unit_name = u->second.name;
    out.push_back(std::move(p));
  }
  std::sort(out.begin(), out.end(), [](const QuizPersonResult& a, const QuizPersonResult& b) {
    return std::tie(a.unit_code, a.name, a.person_id) < std::tie(b.unit_code, b.name, b.person_id);
  });
  return base::Status::Ok();
}

}  // namespace

base::Result<QuizResults> Quizzes::Results(int64_t id) {
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  QuizResults out;
  BINHYEN_ASSIGN_OR_RETURN(out.quiz, tx->Quizzes().Get(id));
  BINHYEN_ASSIGN_OR_RETURN(std::vector<store::QuizAttemptRow> rows,
                           tx->Quizzes().Attempts(id, kMaxResultAttempts));
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Unit> unit_list, tx->Units().List());
  UnitMap units;
  for (domain::Unit& u : unit_list) units.emplace(u.code, std::move(u));

  Tally total;
  std::map<std::string, Tally, std::less<>> by_unit;
  std::map<std::string, Tally> by_day;
  std::map<int64_t, QuizPersonResult> by_person;
  for (const store::QuizAttemptRow& r : rows) {
    total.Add(r);
    by_day[VietnamDay(r.submitted_at)].Add(r);
    if (r.unit_code) {
      AddToAncestors(units, r, by_unit);
    } else {
      ++out.without_unit;
    }
    if (r.person_id) {
      QuizPersonResult& p = by_person[*r.person_id];
      p.person_id = *r.person_id;
      ++p.attempts;
      p.best_percent = std::max(p.best_percent, r.score * 100 / r.total);
      p.passed = p.passed || r.passed;
      p.last_at = std::max(p.last_at, r.submitted_at);
    }
  }
  out.attempts = total.attempts;
  out.passed = total.passed;
  out.average_percent = total.Average();
  out.pass_rate = total.PassRate();

  out.units = UnitRows(units, by_unit);
  BINHYEN_RETURN_IF_ERROR(AddPeople(*tx, units, by_person, out.people));
  for (const auto& [day, t] : by_day) {
    out.days.push_back({day, t.attempts, t.passed, t.Average()});
  }
  if (out.days.size() > kMaxResultDays) {
    out.days.erase(out.days.begin(), out.days.end() - kMaxResultDays);
  }
  return out;
}

}  // namespace binhyen::service
