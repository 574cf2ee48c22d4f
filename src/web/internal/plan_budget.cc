// The movement's budget ("kinh phí", issue 9) in the console: /quan-tri/kinh-phi?nam=YYYY shows
// a year's lines (unit, activity, source, allocated, spent, remaining; overspent lines marked),
// the totals per unit and overall, and a year switcher. Finance (budget:manage) adds lines here;
// the standing office (programme:manage) reads it without forms.

#include "web/internal/plan_budget.h"

#include <charconv>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "domain/calendar.h"

namespace binhyen::web::internal {

const PlanFieldLabel kBudgetLabels[10] = {
    {"year", "Năm", "Year"},
    {"unit", "Đơn vị", "Unit"},
    {"activity", "Hoạt động", "Activity"},
    {"source", "Nguồn kinh phí", "Source"},
    {"allocated", "Số được giao", "Allocated"},
    {"note", "Ghi chú", "Note"},
    {"spent_on", "Ngày chi", "Date"},
    {"amount", "Số tiền", "Amount"},
    {"description", "Nội dung chi", "What for"},
    {"voucher", "Số chứng từ", "Voucher"},
};

service::Budget MakeBudget(Shared& shared) {
  return service::Budget(shared.services().store, shared.services().clock);
}

bool MayReadBudget(const service::Principal& caller) { return service::Budget::MayRead(caller); }

service::BudgetLineInput BudgetLineInputFromForm(const FormData& form) {
  service::BudgetLineInput in;
  in.year = std::string(form.Field("year"));
  in.unit = std::string(form.Field("unit"));
  in.activity = std::string(form.Field("activity"));
  in.source = std::string(form.Field("source"));
  in.allocated = std::string(form.Field("allocated"));
  in.note = std::string(form.Field("note"));
  return in;
}

bool SetBudgetLineFields(Shared& shared, Data& data, const service::BudgetLineInput& in) {
  data.set("f_year", in.year);
  data.set("f_activity", in.activity);
  data.set("f_source", in.source);
  data.set("f_allocated", in.allocated);
  data.set("f_note", in.note);
  data.set("town_name", std::string(service::kTownBudgetName));
  data.set("town_checked", Data(in.unit.empty()));
  auto units = PlanUnitChoices(shared, nullptr, {in.unit});
  if (!units) return false;
  data.set("unit_choices", *units);
  return true;
}

namespace {

constexpr ConsoleMessage kMessages[] = {
    {"created", "Đã thêm dòng kinh phí.", "Budget line added."},
};

int ThisYear(const Shared& shared) {
  const std::string today = PlanToday(shared);
  int year = 0;
  std::from_chars(today.data(), today.data() + 4, year);
  return year;
}

// The year of ?nam=, else this year in Vietnam.
int YearOf(const Shared& shared, const http::Request& request) {
  const std::string_view text = request.Query("nam").value_or("");
  int year = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
  if (!text.empty() && ec == std::errc() && end == text.data() + text.size() && year >= 2000 &&
      year <= 2999) {
    return year;
  }
  return ThisYear(shared);
}

void SetAmounts(Data& row, int64_t allocated, int64_t spent) {
  row.set("allocated", ShowVnd(allocated));
  row.set("spent", ShowVnd(spent));
  row.set("remaining", ShowVnd(allocated - spent));
  row.set("overspent", Data(spent > allocated));
}

// The lines, and the totals per unit in the order the lines come (by unit).
void SetLines(Data& data, const service::BudgetYear& year) {
  Data lines{Data::type::list};
  std::vector<std::string> order;
  std::map<std::string, std::pair<int64_t, int64_t>> per_unit;
  for (const service::BudgetLineRow& r : year.lines) {
    Data row;
    row.set("id", std::to_string(r.line.id));
    row.set("unit", r.unit_name);
    row.set("activity", r.line.activity);
    row.set("source", r.line.source);
    SetAmounts(row, r.line.allocated, r.spent);
    lines.push_back(row);
    if (per_unit.count(r.unit_name) == 0) order.push_back(r.unit_name);
    per_unit[r.unit_name].first += r.line.allocated;
    per_unit[r.unit_name].second += r.spent;
  }
  Data units{Data::type::list};
  for (const std::string& name : order) {
    Data row;
    row.set("unit", name);
    SetAmounts(row, per_unit[name].first, per_unit[name].second);
    units.push_back(row);
  }
  data.set("lines", lines);
  data.set("unit_totals", units);
  data.set("has_lines", Data(!year.lines.empty()));
  Data total;
  SetAmounts(total, year.allocated, year.spent);
  data.set("total", total);
}

http::Response YearPage(Shared& shared, const http::Request& request, PageContext& context,
                        int year, const service::BudgetLineInput* typed, const PlanErrors& errors) {
  service::Budget budget = MakeBudget(shared);
  auto lines = budget.Year(*context.user, year);
  if (!lines.ok()) return PlanErrorPage(shared, context, lines.status());
  Data data;
  data.set("year", std::to_string(year));
  data.set("prev_href", "/quan-tri/kinh-phi?nam=" + std::to_string(year - 1));
  data.set("next_href", "/quan-tri/kinh-phi?nam=" + std::to_string(year + 1));
  SetLines(data, *lines);
  const bool may_write = service::Budget::MayWrite(*context.user);
  data.set("may_write", Data(may_write));
  if (may_write) {
    service::BudgetLineInput blank;
    blank.year = std::to_string(year);
    blank.source = "Ngân sách thị xã";
    if (!SetBudgetLineFields(shared, data, typed ? *typed : blank)) {
      return PlanErrorPage(shared, context, base::UnavailableError("units"));
    }
  }
  SetPlanErrors(data, errors);
  AddConsoleNotices(data, request, context, kMessages);
  return RenderPage(shared.templates(), context, "plan_budget", std::move(data),
                    ConsoleMeta(context, "Kinh phí", "Budget", errors.empty() ? 200 : 422));
}

http::Response Year(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  if (auto refusal = RequirePlanUser(shared, request, context, MayReadBudget)) {
    return *std::move(refusal);
  }
  return YearPage(shared, request, context, YearOf(shared, request), nullptr, {});
}

http::Response CreateLine(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  ConsolePost post = ReadConsolePost(shared, request, context, service::Permission::kBudgetManage);
  if (post.refusal) return *std::move(post.refusal);
  const service::BudgetLineInput input = BudgetLineInputFromForm(post.form);
  service::Budget budget = MakeBudget(shared);
  auto created = budget.CreateLine(*context.user, input);
  if (created.ok()) {
    return RedirectWithNotice("/quan-tri/kinh-phi/" + std::to_string(*created), "created");
  }
  if (created.status().code() != base::StatusCode::kInvalidArgument) {
    return PlanErrorPage(shared, context, created.status());
  }
  int year = 0;
  std::from_chars(input.year.data(), input.year.data() + input.year.size(), year);
  if (year < 2000 || year > 2999) year = ThisYear(shared);
  return YearPage(shared, request, context, year, &input,
                  PlanFieldErrors(context, created.status(), kBudgetLabels));
}

}  // namespace

void RegisterPlanBudget(http::Router& router, Shared& shared) {
  router.Add(http::Method::kGet, "/quan-tri/kinh-phi",
             [&shared](http::Request& r) { return Year(shared, r); });
  router.Add(http::Method::kPost, "/quan-tri/kinh-phi",
             [&shared](http::Request& r) { return CreateLine(shared, r); });
  RegisterPlanBudgetLine(router, shared);
}

}  // namespace binhyen::web::internal
