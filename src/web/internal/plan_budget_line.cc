// One budget line (/quan-tri/kinh-phi/{id}): its amounts and spending (date, amount, what for,
// voucher). Finance records spending (refused beyond what remains, the remaining amount named),
// removes a wrong entry (a POST with a confirmation box) and edits the line; the standing
// office reads it without forms.

#include <string>
#include <utility>

#include "web/internal/plan_budget.h"

namespace binhyen::web::internal {
namespace {

constexpr ConsoleMessage kMessages[] = {
    {"created", "Đã thêm dòng kinh phí.", "Budget line added."},
    {"spent", "Đã ghi khoản chi.", "Spending recorded."},
    {"removed", "Đã xóa khoản chi.", "Spending removed."},
    {"saved", "Đã lưu thay đổi.", "Changes saved."},
};

// The forms as typed and their errors (null: blank / the line's own values).
struct LineForms {
  const service::SpendingInput* spend = nullptr;
  PlanErrors spend_errors;
  const service::BudgetLineInput* edit = nullptr;
  PlanErrors edit_errors;
  bool confirm_missing = false;  // a removal was posted without its confirmation box
};

std::string LineHref(int64_t id) { return "/quan-tri/kinh-phi/" + std::to_string(id); }

Data SpendingRows(const std::vector<domain::Spending>& spending, int64_t line_id) {
  Data list{Data::type::list};
  for (const domain::Spending& s : spending) {
    Data row;
    row.set("id", std::to_string(s.id));
    row.set("date", ShowDate(s.spent_on));
    row.set("amount", ShowVnd(s.amount));
    row.set("description", s.description);
    row.set("voucher", s.voucher);
    row.set("remove_action", LineHref(line_id) + "/chi/" + std::to_string(s.id) + "/xoa");
    list.push_back(row);
  }
  return list;
}

void SetSpendForm(Data& data, const PageContext& context, const std::string& today,
                  const LineForms& forms) {
  const service::SpendingInput blank{today, "", "", ""};
  const service::SpendingInput& f = forms.spend ? *forms.spend : blank;
  Data spend;
  spend.set("s_spent_on", f.spent_on);
  spend.set("s_amount", f.amount);
  spend.set("s_description", f.description);
  spend.set("s_voucher", f.voucher);
  SetPlanErrors(spend, forms.spend_errors);
  data.set("spend", spend);
  if (forms.confirm_missing) {
    data.set("alert", std::string(context.Pick(
                          "Chưa xóa: hãy đánh dấu ô xác nhận bên cạnh nút Xóa.",
                          "Nothing removed: tick the confirmation box beside the button.")));
  }
}

http::Response LinePage(Shared& shared, const http::Request& request, PageContext& context,
                        int64_t id, const LineForms& forms) {
  service::Budget budget = MakeBudget(shared);
  auto line = budget.Line(*context.user, id);
  if (!line.ok()) return PlanErrorPage(shared, context, line.status());
  auto spending = budget.SpendingOf(*context.user, id);
  if (!spending.ok()) return PlanErrorPage(shared, context, spending.status());
  const domain::BudgetLine& l = line->line;
  Data data;
  data.set("id", std::to_string(id));
  data.set("year", std::to_string(l.year));
  data.set("year_href", "/quan-tri/kinh-phi?nam=" + std::to_string(l.year));
  data.set("unit", line->unit_name);
  data.set("activity", l.activity);
  data.set("source", l.source);
  data.set("note", TextOrFalse(l.note));
  data.set("allocated", ShowVnd(l.allocated));
  data.set("spent", ShowVnd(line->spent));
  data.set("remaining", ShowVnd(line->remaining));
  data.set("overspent", Data(line->remaining < 0));
  data.set("spending", SpendingRows(*spending, id));
  data.set("has_spending", Data(!spending->empty()));
  const bool may_write = service::Budget::MayWrite(*context.user);
  data.set("may_write", Data(may_write));
  if (may_write) {
    SetSpendForm(data, context, PlanToday(shared), forms);
    const service::BudgetLineInput own{
        std::to_string(l.year),          l.unit_code, l.activity, l.source,
        service::FormatVnd(l.allocated), l.note};
    Data edit;
    if (!SetBudgetLineFields(shared, edit, forms.edit ? *forms.edit : own)) {
      return PlanErrorPage(shared, context, base::UnavailableError("units"));
    }
    SetPlanErrors(edit, forms.edit_errors);
    data.set("edit", edit);
  }
  AddConsoleNotices(data, request, context, kMessages);
  const bool failed =
      !forms.spend_errors.empty() || !forms.edit_errors.empty() || forms.confirm_missing;
  return RenderPage(shared.templates(), context, "plan_budget_line", std::move(data),
                    ConsoleMeta(context, "Dòng kinh phí", "Budget line", failed ? 422 : 200));
}

http::Response Show(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  if (auto refusal = RequirePlanUser(shared, request, context, MayReadBudget)) {
    return *std::move(refusal);
  }
  std::optional<int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return PlanErrorPage(shared, context, base::NotFoundError("line"));
  return LinePage(shared, request, context, *id, {});
}

// The finance POSTs: the signed-in finance user with a valid token and the line's id, or the
// answer to send instead.
struct LinePost {
  ConsolePost post;
  int64_t id = 0;
};
LinePost ReadLinePost(Shared& shared, const http::Request& request, PageContext& context) {
  LinePost out{ReadConsolePost(shared, request, context, service::Permission::kBudgetManage)};
  if (out.post.refusal) return out;
  std::optional<int64_t> id = ParseId(request.PathParam("id"));
  if (!id) out.post.refusal = PlanErrorPage(shared, context, base::NotFoundError("line"));
  out.id = id.value_or(0);
  return out;
}

http::Response Spend(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  LinePost in = ReadLinePost(shared, request, context);
  if (in.post.refusal) return *std::move(in.post.refusal);
  const FormData& form = in.post.form;
  const service::SpendingInput input{
      std::string(form.Field("spent_on")), std::string(form.Field("amount")),
      std::string(form.Field("description")), std::string(form.Field("voucher"))};
  service::Budget budget = MakeBudget(shared);
  auto spent = budget.Spend(*context.user, in.id, input);
  if (spent.ok()) return RedirectWithNotice(LineHref(in.id), "spent");
  if (spent.status().code() != base::StatusCode::kInvalidArgument) {
    return PlanErrorPage(shared, context, spent.status());
  }
  LineForms forms;
  forms.spend = &input;
  forms.spend_errors = PlanFieldErrors(context, spent.status(), kBudgetLabels);
  return LinePage(shared, request, context, in.id, forms);
}

http::Response RemoveSpending(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  LinePost in = ReadLinePost(shared, request, context);
  if (in.post.refusal) return *std::move(in.post.refusal);
  std::optional<int64_t> spending = ParseId(request.PathParam("sid"));
  if (!spending) return PlanErrorPage(shared, context, base::NotFoundError("spending"));
  if (!in.post.form.Checked("confirm")) {
    LineForms forms;
    forms.confirm_missing = true;
    return LinePage(shared, request, context, in.id, forms);
  }
  service::Budget budget = MakeBudget(shared);
  base::Status removed = budget.RemoveSpending(*context.user, in.id, *spending);
  if (!removed.ok()) return PlanErrorPage(shared, context, removed);
  return RedirectWithNotice(LineHref(in.id), "removed");
}

http::Response EditLine(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  LinePost in = ReadLinePost(shared, request, context);
  if (in.post.refusal) return *std::move(in.post.refusal);
  const service::BudgetLineInput input = BudgetLineInputFromForm(in.post.form);
  service::Budget budget = MakeBudget(shared);
  base::Status saved = budget.EditLine(*context.user, in.id, input);
  if (saved.ok()) return RedirectWithNotice(LineHref(in.id), "saved");
  if (saved.code() != base::StatusCode::kInvalidArgument) {
    return PlanErrorPage(shared, context, saved);
  }
  LineForms forms;
  forms.edit = &input;
  forms.edit_errors = PlanFieldErrors(context, saved, kBudgetLabels);
  return LinePage(shared, request, context, in.id, forms);
}

}  // namespace

void RegisterPlanBudgetLine(http::Router& router, Shared& shared) {
  router.Add(http::Method::kGet, "/quan-tri/kinh-phi/{id}",
             [&shared](http::Request& r) { return Show(shared, r); });
  router.Add(http::Method::kPost, "/quan-tri/kinh-phi/{id}",
             [&shared](http::Request& r) { return EditLine(shared, r); });
  router.Add(http::Method::kPost, "/quan-tri/kinh-phi/{id}/chi",
             [&shared](http::Request& r) { return Spend(shared, r); });
  router.Add(http::Method::kPost, "/quan-tri/kinh-phi/{id}/chi/{sid}/xoa",
             [&shared](http::Request& r) { return RemoveSpending(shared, r); });
}

}  // namespace binhyen::web::internal
