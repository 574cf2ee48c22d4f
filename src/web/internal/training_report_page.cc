// Trainings per unit over time (/quan-tri/tap-huan/bao-cao): sessions and attendance rate by
// month, and how many sessions each person of the unit attended. Unit officers see their own
// unit's subtree; programme admins any unit.

#include <chrono>
#include <cstdio>
#include <string>
#include <utility>

#include "web/internal/console_common.h"
#include "web/internal/training_pages.h"

namespace binhyen::web::internal {
namespace {

// "YYYY-MM" → the first instant of that month in Vietnam time; nullopt when malformed.
std::optional<base::TimePoint> ParseMonth(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  return ParseVietnamDateTime(std::string(text) + "-01", "00:00");
}

std::string NextMonth(std::string_view month) {
  int y = std::stoi(std::string(month.substr(0, 4)));
  int m = std::stoi(std::string(month.substr(5, 2))) + 1;
  if (m > 12) {
    m = 1;
    ++y;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
  return buf;
}

Data MonthRow(const service::UnitMonthRow& m, std::string label) {
  Data row;
  row.set("month", std::move(label));
  row.set("sessions", std::to_string(m.sessions));
  row.set("invited", std::to_string(m.invited));
  row.set("invited_attended", std::to_string(m.invited_attended));
  row.set("attended", std::to_string(m.attended));
  row.set("percent", std::to_string(m.percent));
  return row;
}

http::Response Report(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  if (auto refusal = shared.RequireUser(request, context, service::Permission::kPeopleManage)) {
    return *refusal;
  }
  base::Result<std::vector<domain::Unit>> units = [&]() -> base::Result<std::vector<domain::Unit>> {
    BINHYEN_ASSIGN_OR_RETURN(auto tx, shared.services().store.Begin(store::TxMode::kReadOnly));
    return tx->Units().List();
  }();
  if (!units.ok()) return TrainingErrorPage(shared, context, units.status());
  // The default unit: the caller's own, else the root of the tree.
  std::string unit(request.Query("don-vi").value_or(""));
  if (unit.empty()) unit = context.user->unit;
  if (unit.empty()) {
    for (const domain::Unit& u : *units) {
      if (u.parent_code.empty()) {
        unit = u.code;
        break;
      }
    }
  }
  const base::TimePoint now = shared.services().clock.Now();
  const std::string this_month = VietnamDateInput(now).substr(0, 7);
  std::string from_text(request.Query("tu").value_or(""));
  std::string to_text(request.Query("den").value_or(""));
  if (!ParseMonth(from_text)) {
    from_text = VietnamDateInput(now - std::chrono::hours(24 * 365)).substr(0, 7);
  }
  if (!ParseMonth(to_text)) to_text = this_month;
  const base::TimePoint from = *ParseMonth(from_text);
  const base::TimePoint to = *ParseMonth(NextMonth(to_text));
  base::Result<service::UnitTrainingReport> report =
      MakeTrainings(shared).UnitReport(unit, from, to, *context.user);
  if (!report.ok()) return TrainingErrorPage(shared, context, report.status());
  Data data;
  Data unit_options = Data::type::list;
  for (const domain::Unit& u : *units) {
    Data row;
    row.set("code", u.code);
    row.set("name", u.name);
    row.set("selected", Data(u.code == unit));
    unit_options.push_back(row);
  }
  data.set("unit_options", unit_options);
  data.set("unit_name", report->unit.name);
  data.set("from", from_text);
  data.set("to", to_text);
  Data months = Data::type::list;
  for (const service::UnitMonthRow& m : report->months) {
    months.push_back(MonthRow(m, m.month.substr(5, 2) + "/" + m.month.substr(0, 4)));
  }
  data.set("months", months);
  data.set("has_months", Data(!report->months.empty()));
  data.set("total", MonthRow(report->total, std::string(context.Pick("Cả kỳ", "Whole period"))));
  Data people = Data::type::list;
  for (const service::PersonAttendanceRow& p : report->people) {
    Data row;
    row.set("name", p.name);
    row.set("invited", std::to_string(p.invited));
    row.set("attended", std::to_string(p.attended));
    people.push_back(row);
  }
  data.set("people", people);
  data.set("has_people", Data(!report->people.empty()));
  return RenderPage(shared.templates(), context, "training_report", std::move(data),
                    ConsoleMeta(context, "Báo cáo tập huấn theo đơn vị", "Trainings by unit"));
}

}  // namespace

void RegisterTrainingReportPage(http::Router& router, Shared& shared) {
  router.Add(http::Method::kGet, "/quan-tri/tap-huan/bao-cao",
             [&shared](http::Request& r) { return Report(shared, r); });
}

}  // namespace binhyen::web::internal
