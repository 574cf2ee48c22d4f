// Trainings: attendance reports per session, per unit over time and per person.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <set>
#include <utility>

#include "service/people.h"
#include "service/trainings.h"

namespace binhyen::service {
namespace {

int Percent(int64_t part, int64_t whole) {
  return whole == 0 ? 0 : static_cast<int>(part * 100 / whole);
}

bool CanRead(const Principal& caller) {
  return caller.Can(Permission::kProgrammeManage) || caller.Can(Permission::kPeopleManage);
}

// "2026-09": the month of `t` in Vietnam time (UTC+7, no daylight saving).
std::string MonthOf(base::TimePoint t) {
  const auto local = std::chrono::floor<std::chrono::days>(t + std::chrono::hours(7));
  const std::chrono::year_month_day ymd(local);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()));
  return buf;
}

// Invited / attended counts of one session restricted to the unit codes `within` (sorted).
struct Counts {
  int64_t invited = 0;
  int64_t invited_attended = 0;
  int64_t attended = 0;
};

Counts CountWithin(const std::vector<domain::Person>& invitees,
                   const std::vector<domain::Attendance>& attendance,
                   const std::vector<std::string>& within) {
  auto in = [&](const std::string& code) {
    return std::binary_search(within.begin(), within.end(), code);
  };
  std::set<int64_t> came;
  Counts c;
  for (const domain::Attendance& a : attendance) {
    if (!in(a.unit_code)) continue;
    ++c.attended;
    if (a.person_id) came.insert(*a.person_id);
  }
  for (const domain::Person& p : invitees) {
    if (!in(p.unit_code)) continue;
    ++c.invited;
    if (came.count(p.id) > 0) ++c.invited_attended;
  }
  return c;
}

}  // namespace

base::Result<TrainingReport> Trainings::Report(int64_t id, const Principal& caller) {
  if (!CanRead(caller)) return base::PermissionDeniedError("training: not allowed for your role");
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  TrainingReport r;
  BINHYEN_ASSIGN_OR_RETURN(r.training, tx->Trainings().Get(id));
  r.window = WindowAt(r.training, clock_.Now());
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Unit> units, tx->Units().List());
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Person> invitees, tx->Trainings().Invitees(id));
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Attendance> attendance,
                           tx->Trainings().AttendanceOf(id));
  const People::Scope scope = People::ScopeOf(caller, units);
  for (const domain::Unit& u : units) r.unit_names[u.code] = u.name;
  std::map<int64_t, domain::Attendance> by_person;
  std::map<std::string, UnitAttendanceRow> by_unit;
  for (const domain::Attendance& a : attendance) {
    if (!scope.Contains(a.unit_code)) continue;
    r.attendance.push_back(a);
    if (a.person_id) by_person[*a.person_id] = a;
    UnitAttendanceRow& u = by_unit[a.unit_code];
    ++u.attended;
    ++r.attended;
  }
  for (const domain::Person& p : invitees) {
    if (!scope.Contains(p.unit_code)) continue;
    InviteeRow row{p.id, p.name, p.position, p.unit_code, r.unit_names[p.unit_code], {}};
    auto it = by_person.find(p.id);
    if (it != by_person.end()) row.attendance = it->second;
    UnitAttendanceRow& u = by_unit[p.unit_code];
    ++u.invited;
    ++r.invited;
    if (row.attendance) {
      ++u.invited_attended;
      ++r.invited_attended;
    }
    r.invitees.push_back(std::move(row));
  }
  std::stable_sort(r.invitees.begin(), r.invitees.end(),
                   [](const InviteeRow& a, const InviteeRow& b) {
                     return std::tie(a.unit_code, a.name) < std::tie(b.unit_code, b.name);
                   });
  for (auto& [code, u] : by_unit) {
    u.unit_code = code;
    u.unit_name = r.unit_names[code];
    r.units.push_back(u);
  }
  r.percent = Percent(r.invited_attended, r.invited);
  return r;
}

base::Result<UnitTrainingReport> Trainings::UnitReport(std::string_view unit_code,
                                                       base::TimePoint from, base::TimePoint to,
                                                       const Principal& caller) {
  if (!CanRead(caller)) return base::PermissionDeniedError("training: not allowed for your role");
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  UnitTrainingReport out;
  BINHYEN_ASSIGN_OR_RETURN(out.unit, tx->Units().Get(unit_code));
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Unit> units, tx->Units().List());
  if (!People::ScopeOf(caller, units).Contains(unit_code)) {
    return base::PermissionDeniedError("unit: outside your unit");
  }
  std::vector<std::string> within = People::Subtree(units, unit_code);
  std::sort(within.begin(), within.end());
  store::TrainingFilter filter;
  filter.from = from;
  filter.to = to;
  filter.limit = 1000;
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Training> sessions, tx->Trainings().List(filter));
  std::map<std::string, UnitMonthRow> months;
  std::map<int64_t, PersonAttendanceRow> people;
  auto in = [&](const std::string& code) {
    return std::binary_search(within.begin(), within.end(), code);
  };
  for (const domain::Training& t : sessions) {
    if (t.status == domain::TrainingStatus::kCancelled) continue;
    BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Person> invitees, tx->Trainings().Invitees(t.id));
    BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Attendance> attendance,
                             tx->Trainings().AttendanceOf(t.id));
    const Counts c = CountWithin(invitees, attendance, within);
    if (c.invited == 0 && c.attended == 0) continue;  // not this unit's session
    for (const domain::Person& p : invitees) {
      if (!in(p.unit_code)) continue;
      PersonAttendanceRow& row = people[p.id];
      row.person_id = p.id;
      row.name = p.name;
      row.unit_code = p.unit_code;
      ++row.invited;
    }
    for (const domain::Attendance& a : attendance) {
      if (!a.person_id || !in(a.unit_code)) continue;
      PersonAttendanceRow& row = people[*a.person_id];
      row.person_id = *a.person_id;
      row.name = a.name;
      row.unit_code = a.unit_code;
      ++row.attended;
    }
    for (UnitMonthRow* row : {&months[MonthOf(t.starts_at)], &out.total}) {
      ++row->sessions;
      row->invited += c.invited;
      row->invited_attended += c.invited_attended;
      row->attended += c.attended;
    }
  }
  for (auto& [month, row] : months) {
    row.month = month;
    row.percent = Percent(row.invited_attended, row.invited);
    out.months.push_back(row);
  }
  out.total.percent = Percent(out.total.invited_attended, out.total.invited);
  for (auto& [id, row] : people) out.people.push_back(std::move(row));
  std::stable_sort(out.people.begin(), out.people.end(),
                   [](const PersonAttendanceRow& a, const PersonAttendanceRow& b) {
                     return std::tie(a.unit_code, a.name) < std::tie(b.unit_code, b.name);
                   });
  return out;
}

base::Result<std::vector<PersonTrainingRow>> Trainings::PersonReport(int64_t person_id,
                                                                     const Principal& caller) {
  if (!CanRead(caller)) return base::PermissionDeniedError("training: not allowed for your role");
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  BINHYEN_ASSIGN_OR_RETURN(domain::Person p, tx->People().Get(person_id));
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Unit> units, tx->Units().List());
  if (!People::ScopeOf(caller, units).Contains(p.unit_code)) {
    return base::PermissionDeniedError("person: outside your unit");
  }
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Attendance> attended,
                           tx->Trainings().AttendanceOfPerson(person_id));
  std::vector<PersonTrainingRow> out;
  for (const domain::Attendance& a : attended) {
    BINHYEN_ASSIGN_OR_RETURN(domain::Training t, tx->Trainings().Get(a.training_id));
    out.push_back({std::move(t), a});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const PersonTrainingRow& a, const PersonTrainingRow& b) {
                     return a.training.starts_at < b.training.starts_at;
                   });
  return out;
}

}  // namespace binhyen::service
