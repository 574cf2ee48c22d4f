// The console's triage queue (/quan-tri): the reports to review, filtered by status, category,
// ward, text and assignee, one page at a time.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/strings.h"
#include "domain/receipt.h"
#include "http/form.h"
#include "service/triage.h"
#include "web/internal/console_common.h"

namespace binhyen::web::internal {
namespace {

constexpr int kQueuePageSize = 50;

// The queue's filters as the GET form sends them.
struct QueueFilters {
  std::string status = "received";  // a status name or "all"
  std::string category;             // "" = any
  std::string ward;                 // "" = any
  std::string text;
  bool mine = false;
  std::string after;  // page cursor
};

QueueFilters ReadFilters(const http::Request& request) {
  QueueFilters f;
  if (auto s = request.Query("status")) f.status = std::string(*s);
  f.category = std::string(request.Query("category").value_or(""));
  f.ward = std::string(request.Query("ward").value_or(""));
  f.text = std::string(request.Query("q").value_or(""));
  f.mine = request.Query("mine").has_value();
  f.after = std::string(request.Query("after").value_or(""));
  return f;
}

// The query string of `f` for the page after `next`.
std::string NextPageHref(const QueueFilters& f, std::string_view next) {
  std::string href = "/quan-tri?status=" + http::UrlEncode(f.status);
  if (!f.category.empty()) href += "&category=" + http::UrlEncode(f.category);
  if (!f.ward.empty()) href += "&ward=" + http::UrlEncode(f.ward);
  if (!f.text.empty()) href += "&q=" + http::UrlEncode(f.text);
  if (f.mine) href += "&mine=1";
  href += "&after=" + http::UrlEncode(next);
  return href;
}

Data StatusOptions(const PageContext& context, std::string_view selected) {
  Data list{Data::type::list};
  for (domain::ReportStatus s : {domain::ReportStatus::kReceived, domain::ReportStatus::kTriaging,
                                 domain::ReportStatus::kConfirmed, domain::ReportStatus::kRejected,
                                 domain::ReportStatus::kDuplicate}) {
    Data item;
    item.set("value", std::string(domain::Name(s)));
    item.set("label", std::string(ReportStatusLabel(context, s)));
    item.set("selected", Data(domain::Name(s) == selected));
    list.push_back(item);
  }
  Data all;
  all.set("value", "all");
  all.set("label", std::string(context.Pick("Tất cả", "All")));
  all.set("selected", Data(selected == "all"));
  list.push_back(all);
  return list;
}

// The wards and communes (for the filter and the names in the table), and the users' names by
// id (for the assignee column). Empty when the store cannot be read.
struct QueueNames {
  std::vector<domain::Unit> units;
  std::map<int64_t, std::string> users;
};

QueueNames LoadNames(Shared& shared) {
  QueueNames names;
  auto tx = shared.services().store.Begin(store::TxMode::kReadOnly);
  if (!tx.ok()) return names;
  if (auto units = (*tx)->Units().List(); units.ok()) {
    for (domain::Unit& u : *units) {
      if (u.kind == domain::UnitKind::kWard || u.kind == domain::UnitKind::kCommune) {
        names.units.push_back(std::move(u));
      }
    }
  }
  if (auto users = (*tx)->Users().List(); users.ok()) {
    for (const domain::User& u : *users) names.users[u.id] = u.name;
  }
  return names;
}

Data WardOptions(const QueueNames& names, std::string_view selected) {
  Data list{Data::type::list};
  for (const domain::Unit& u : names.units) {
    Data item;
    item.set("value", u.code);
    item.set("label", u.name);
    item.set("selected", Data(u.code == selected));
    list.push_back(item);
  }
  return list;
}

std::string WardName(const QueueNames& names, std::string_view code) {
  for (const domain::Unit& u : names.units) {
    if (u.code == code) return u.name;
  }
  return std::string(code);
}

Data ReportRow(const PageContext& context, const QueueNames& names, const domain::Report& r) {
  Data row;
  row.set("id", std::to_string(r.id));
  row.set("code", r.receipt_code);
  row.set("received", FormatVietnamDate(r.created_at, true));
  row.set("category", ConsoleCategoryLabel(context, r.category));
  row.set("ward", WardName(names, r.ward));
  row.set("status", std::string(domain::Name(r.status)));
  row.set("status_label", std::string(ReportStatusLabel(context, r.status)));
  row.set("badge", std::string(ReportStatusBadge(r.status)));
  row.set("indicators", std::to_string(r.indicators.size()));
  row.set("evidence", std::to_string(r.evidence.size()));
  row.set("linked", std::to_string(r.linked_report_ids.size()));
  std::string assignee;
  if (r.assignee_user_id) {
    auto it = names.users.find(*r.assignee_user_id);
    assignee = it != names.users.end() ? it->second : UserNumber(*r.assignee_user_id);
  }
  row.set("assignee", assignee);
  return row;
}

// The store query of `f`; InvalidArgument for a status or category name it does not know.
base::Result<service::ReportQuery> ToQuery(const QueueFilters& f, const PageContext& context) {
  service::ReportQuery q;
  if (f.status != "all") {
    q.status = domain::ParseReportStatus(f.status);
    if (!q.status) return base::InvalidArgumentError("status: unknown status");
  }
  if (!f.category.empty()) {
    q.category = domain::ParseCategory(f.category);
    if (!q.category) return base::InvalidArgumentError("category: unknown category");
  }
  q.ward = f.ward;
  q.text = f.text;
  if (f.mine) q.assignee_user_id = context.user->user_id;
  q.after = f.after;
  q.limit = kQueuePageSize;
  return q;
}

// A search for a receipt code ("BY-XXXX-XXXX", as typed) finds that report whatever the other
// filters say: analysts are often asked about one report by its code.
std::optional<domain::Report> ByReceipt(Shared& shared, std::string_view text) {
  base::Result<std::string> code = domain::NormalizeReceiptCode(base::TrimAscii(text));
  if (!code.ok()) return std::nullopt;
  auto tx = shared.services().store.Begin(store::TxMode::kReadOnly);
  if (!tx.ok()) return std::nullopt;
  base::Result<domain::Report> report = (*tx)->Reports().GetByReceipt(*code);
  if (!report.ok()) return std::nullopt;
  return *std::move(report);
}

// The console page of someone who does not triage reports: /quan-tri is the analysts' queue, and
// the others would land on a refusal after signing in. nullopt: the queue (or its refusal).
std::optional<std::string_view> HomeOf(const service::Principal& user) {
  using service::Permission;
  if (user.Can(Permission::kReportsRead)) return std::nullopt;
  if (user.Can(Permission::kProgrammeManage)) return "/quan-tri/chuong-trinh";
  if (user.Can(Permission::kBudgetManage)) return "/quan-tri/kinh-phi";
  if (user.Can(Permission::kPeopleManage)) return "/quan-tri/nhiem-vu";
  if (user.Can(Permission::kAuditRead)) return "/quan-tri/nguoi-dung";
  return std::nullopt;
}

http::Response Queue(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  // Every role may submit reports: this only signs the user in.
  if (auto refusal = shared.RequireUser(request, context, service::Permission::kReportsSubmit)) {
    return *std::move(refusal);
  }
  if (std::optional<std::string_view> home = HomeOf(*context.user)) {
    return http::Response::Redirect(303, std::string(*home));
  }
  if (auto refusal = shared.RequireUser(request, context, service::Permission::kReportsRead)) {
    return *std::move(refusal);
  }
  const QueueFilters f = ReadFilters(request);
  const QueueNames names = LoadNames(shared);
  Data data;
  data.set("statuses", StatusOptions(context, f.status));
  data.set("categories", CategoryOptionList(context, f.category));
  data.set("wards", WardOptions(names, f.ward));
  data.set("q", f.text);
  data.set("mine", Data(f.mine));
  Data rows{Data::type::list};
  std::string alert_vi;
  std::string alert_en;
  base::Result<service::ReportQuery> query = ToQuery(f, context);
  base::Result<store::Page<domain::Report>> page =
      query.ok() ? shared.services().triage.List(*query)
                 : base::Result<store::Page<domain::Report>>(query.status());
  if (std::optional<domain::Report> found = ByReceipt(shared, f.text)) {
    page = store::Page<domain::Report>{{*std::move(found)}, ""};
  }
  if (page.ok()) {
    for (const domain::Report& r : page->items) rows.push_back(ReportRow(context, names, r));
    if (!page->next.empty()) data.set("next_href", NextPageHref(f, page->next));
  } else {
    alert_vi = "Không tìm được báo cáo với bộ lọc này: " + page.status().message();
    alert_en = "No reports could be found with these filters: " + page.status().message();
  }
  data.set("has_rows", Data(!rows.is_empty_list()));
  data.set("rows", rows);
  data.set("first_page", Data(f.after.empty()));
  AddConsoleNotices(data, request, context, {}, alert_vi, alert_en);
  return RenderPage(shared.templates(), context, "console_queue", std::move(data),
                    ConsoleMeta(context, "Hàng chờ xác minh", "Triage queue"));
}

}  // namespace

void RegisterConsoleQueue(http::Router& router, Shared& shared) {
  router.Add(http::Method::kGet, "/quan-tri",
             [&shared](http::Request& r) { return Queue(shared, r); });
}

}  // namespace binhyen::web::internal
