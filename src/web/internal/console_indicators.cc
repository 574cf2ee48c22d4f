// The reputation set in the console (/quan-tri/chi-dau): search records by text, kind and
// status; expire, delist or relist one with a reason (audited by service::IndicatorAdmin).
#include <string>
#include <string_view>
#include <utility>

#include "base/strings.h"
#include "http/form.h"
#include "indicator/indicator.h"
#include "service/indicator_admin.h"
#include "web/internal/check_subject.h"
#include "web/internal/console_common.h"

namespace binhyen::web::internal {
namespace {

constexpr int kIndicatorPageSize = 50;

constexpr ConsoleMessage kIndicatorMessages[] = {
    {"expired", "Đã cho hết hạn.", "Expired."},
    {"delisted", "Đã gỡ khỏi danh sách cảnh báo.", "Delisted."},
    {"relisted", "Đã đưa lại vào danh sách cảnh báo.", "Listed again."},
};

std::string_view StatusLabel(const PageContext& context, domain::IndicatorStatus s) {
  switch (s) {
    case domain::IndicatorStatus::kPending: return context.Pick("Chờ xác minh", "Pending");
    case domain::IndicatorStatus::kConfirmed: return context.Pick("Đang cảnh báo", "Confirmed");
    case domain::IndicatorStatus::kExpired: return context.Pick("Hết hạn", "Expired");
    case domain::IndicatorStatus::kDelisted: return context.Pick("Đã gỡ", "Delisted");
  }
  return "";
}

constexpr domain::IndicatorStatus kStatuses[] = {
    domain::IndicatorStatus::kConfirmed, domain::IndicatorStatus::kPending,
    domain::IndicatorStatus::kExpired, domain::IndicatorStatus::kDelisted};

Data StatusOptions(const PageContext& context, std::string_view selected) {
  Data list{Data::type::list};
  for (domain::IndicatorStatus s : kStatuses) {
    Data item;
    item.set("value", std::string(domain::Name(s)));
    item.set("label", std::string(StatusLabel(context, s)));
    item.set("selected", Data(domain::Name(s) == selected));
    list.push_back(item);
  }
  return list;
}

Data KindOptions(const PageContext& context, std::string_view selected) {
  Data list{Data::type::list};
  for (indicator::Kind k : indicator::kAllKinds) {
    Data item;
    item.set("value", std::string(indicator::KindName(k)));
    item.set("label", std::string(KindLabel(context, k)));
    item.set("selected", Data(indicator::KindName(k) == selected));
    list.push_back(item);
  }
  return list;
}

Data RecordRow(const PageContext& context, const domain::IndicatorRecord& r, int n) {
  Data row;
  row.set("n", std::to_string(n));
  row.set("kind", std::string(indicator::KindName(r.kind)));
  row.set("kind_label", std::string(KindLabel(context, r.kind)));
  row.set("canonical", r.canonical);
  row.set("status", std::string(domain::Name(r.status)));
  row.set("status_label", std::string(StatusLabel(context, r.status)));
  row.set("category", ConsoleCategoryLabel(context, r.category));
  row.set("severity", std::string(domain::Name(r.severity)));
  row.set("last_seen", FormatVietnamDate(r.last_seen));
  row.set("expires", TextOrFalse(r.expires_at ? FormatVietnamDate(*r.expires_at) : std::string()));
  std::string sources;
  for (const domain::IndicatorSource& s : r.sources) {
    sources += (sources.empty() ? "" : ", ") + s.source;
  }
  row.set("sources", TextOrFalse(sources));
  row.set("can_expire", Data(r.status == domain::IndicatorStatus::kConfirmed));
  row.set("can_delist", Data(r.status != domain::IndicatorStatus::kDelisted));
  row.set("can_relist", Data(r.status != domain::IndicatorStatus::kConfirmed));
  return row;
}

http::Response Search(Shared& shared, const http::Request& request, PageContext& context,
                      int status, const std::string& alert) {
  const std::string q(base::TrimAscii(request.Query("q").value_or("")));
  const std::string kind(request.Query("kind").value_or(""));
  const std::string state(request.Query("status").value_or(""));
  store::IndicatorFilter filter;
  filter.text = q;
  if (!kind.empty()) filter.kind = indicator::ParseKind(kind);
  if (!state.empty()) filter.status = domain::ParseIndicatorStatus(state);
  store::PageRequest page_request;
  page_request.limit = kIndicatorPageSize;
  page_request.after = std::string(request.Query("after").value_or(""));
  service::IndicatorAdmin admin(shared.services().store, shared.services().clock);
  auto page = admin.List(filter, page_request);
  Data data;
  data.set("q", q);
  data.set("kinds", KindOptions(context, kind));
  data.set("statuses", StatusOptions(context, state));
  data.set("csrf_token", context.csrf_token);
  data.set("can_change", Data(context.user->Can(service::Permission::kReportsTriage)));
  Data rows{Data::type::list};
  std::string alert_vi = alert.empty() ? "" : "Chưa thực hiện được: " + alert;
  std::string alert_en = alert.empty() ? "" : "Not done: " + alert;
  if (page.ok()) {
    int n = 0;
    for (const domain::IndicatorRecord& r : page->items) rows.push_back(RecordRow(context, r, ++n));
    if (!page->next.empty()) {
      data.set("next_href",
               "/quan-tri/chi-dau?q=" + http::UrlEncode(q) + "&kind=" + http::UrlEncode(kind) +
                   "&status=" + http::UrlEncode(state) + "&after=" + http::UrlEncode(page->next));
    }
  } else if (alert.empty()) {
    alert_vi = "Không tìm được: " + page.status().message();
    alert_en = "Search failed: " + page.status().message();
  }
  data.set("has_rows", Data(!rows.is_empty_list()));
  data.set("rows", rows);
  AddConsoleNotices(data, request, context, kIndicatorMessages, alert_vi, alert_en);
  return RenderPage(shared.templates(), context, "console_indicators", std::move(data),
                    ConsoleMeta(context, "Dấu hiệu lừa đảo", "Indicators", status));
}

http::Response List(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  if (auto refusal = shared.RequireUser(request, context, service::Permission::kReportsRead)) {
    return *std::move(refusal);
  }
  return Search(shared, request, context, 200, "");
}

http::Response Change(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  ConsolePost post = ReadConsolePost(shared, request, context, service::Permission::kReportsTriage);
  if (post.refusal) return *std::move(post.refusal);
  std::optional<indicator::Kind> kind = indicator::ParseKind(post.form.Field("kind"));
  const std::string canonical(post.form.Field("canonical"));
  const std::string_view action = post.form.Field("action");
  const std::string reason(post.form.Field("reason"));
  service::IndicatorAdmin admin(shared.services().store, shared.services().clock);
  const std::string actor = context.user->Actor();
  base::Result<domain::IndicatorRecord> done = base::InvalidArgumentError("action: unknown");
  std::string code;
  if (!kind) {
    done = base::InvalidArgumentError("kind: unknown kind");
  } else if (action == "expire") {
    done = admin.Expire(*kind, canonical, actor, reason);
    code = "expired";
  } else if (action == "delist") {
    done = admin.Delist(*kind, canonical, actor, reason);
    code = "delisted";
  } else if (action == "relist") {
    done = admin.Relist(*kind, canonical, actor, reason);
    code = "relisted";
  }
  if (!done.ok()) {
    const int status = done.status().code() == base::StatusCode::kNotFound             ? 404
                       : done.status().code() == base::StatusCode::kFailedPrecondition ? 409
                                                                                       : 422;
    return Search(shared, request, context, status, done.status().message());
  }
  return RedirectWithNotice("/quan-tri/chi-dau?q=" + http::UrlEncode(canonical), code);
}

}  // namespace

void RegisterConsoleIndicators(http::Router& router, Shared& shared) {
  router.Add(http::Method::kGet, "/quan-tri/chi-dau",
             [&shared](http::Request& r) { return List(shared, r); });
  router.Add(http::Method::kPost, "/quan-tri/chi-dau",
             [&shared](http::Request& r) { return Change(shared, r); });
}

}  // namespace binhyen::web::internal
