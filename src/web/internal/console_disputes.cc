// Disputes in the console: the list (/quan-tri/khieu-nai), one dispute with its indicator's
// record (/quan-tri/khieu-nai/{id}), and its resolution (accept: the indicator is delisted;
// reject), each with the analyst's reason, which the claimant sees.
#include <string>
#include <string_view>
#include <utility>

#include "base/strings.h"
#include "http/form.h"
#include "service/disputes.h"
#include "web/internal/check_subject.h"
#include "web/internal/console_common.h"

namespace binhyen::web::internal {
namespace {

constexpr int kDisputePageSize = 50;

constexpr ConsoleMessage kDisputeMessages[] = {
    {"accepted", "Đã chấp nhận khiếu nại: dấu hiệu đã được gỡ khỏi danh sách cảnh báo.",
     "Dispute accepted: the indicator is delisted."},
    {"rejected", "Đã bác khiếu nại.", "Dispute rejected."},
};

std::string_view DisputeStatusLabel(const PageContext& context, domain::DisputeStatus s) {
  switch (s) {
    case domain::DisputeStatus::kOpen: return context.Pick("Đang chờ", "Open");
    case domain::DisputeStatus::kAccepted: return context.Pick("Đã chấp nhận", "Accepted");
    case domain::DisputeStatus::kRejected: return context.Pick("Đã bác", "Rejected");
  }
  return "";
}

std::string_view IndicatorStatusLabel(const PageContext& context, domain::IndicatorStatus s) {
  switch (s) {
    case domain::IndicatorStatus::kPending: return context.Pick("Chờ xác minh", "Pending");
    case domain::IndicatorStatus::kConfirmed: return context.Pick("Đang cảnh báo", "Confirmed");
    case domain::IndicatorStatus::kExpired: return context.Pick("Hết hạn", "Expired");
    case domain::IndicatorStatus::kDelisted: return context.Pick("Đã gỡ", "Delisted");
  }
  return "";
}

Data StatusFilter(const PageContext& context, std::string_view selected) {
  Data list{Data::type::list};
  for (domain::DisputeStatus s : {domain::DisputeStatus::kOpen, domain::DisputeStatus::kAccepted,
                                  domain::DisputeStatus::kRejected}) {
    Data item;
    item.set("value", std::string(domain::Name(s)));
    item.set("label", std::string(DisputeStatusLabel(context, s)));
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

http::Response List(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  if (auto refusal = shared.RequireUser(request, context, service::Permission::kDisputesRead)) {
    return *std::move(refusal);
  }
  const std::string status(request.Query("status").value_or("open"));
  std::optional<domain::DisputeStatus> filter;
  if (status != "all") filter = domain::ParseDisputeStatus(status);
  store::PageRequest page_request;
  page_request.limit = kDisputePageSize;
  page_request.after = std::string(request.Query("after").value_or(""));
  Data data;
  data.set("statuses", StatusFilter(context, status));
  Data rows{Data::type::list};
  std::string alert_vi;
  std::string alert_en;
  auto page = shared.services().disputes.List(filter, page_request);
  if (page.ok()) {
    for (const domain::Dispute& d : page->items) {
      Data row;
      row.set("id", std::to_string(d.id));
      row.set("code", shared.services().disputes.CodeOf(d.id));
      row.set("kind", std::string(KindLabel(context, d.kind)));
      row.set("value", d.canonical);
      row.set("filed", FormatVietnamDate(d.created_at, true));
      row.set("status_label", std::string(DisputeStatusLabel(context, d.status)));
      rows.push_back(row);
    }
    if (!page->next.empty()) {
      data.set("next_href", "/quan-tri/khieu-nai?status=" + http::UrlEncode(status) +
                                "&after=" + http::UrlEncode(page->next));
    }
  } else {
    alert_vi = "Không đọc được danh sách khiếu nại: " + page.status().message();
    alert_en = "The disputes could not be read: " + page.status().message();
  }
  data.set("has_rows", Data(!rows.is_empty_list()));
  data.set("rows", rows);
  AddConsoleNotices(data, request, context, {}, alert_vi, alert_en);
  return RenderPage(shared.templates(), context, "console_disputes", std::move(data),
                    ConsoleMeta(context, "Khiếu nại", "Disputes"));
}

// The dispute page, with `alert` (a refused resolution) and the typed resolution re-shown.
http::Response DisputePage(Shared& shared, const http::Request& request, PageContext& context,
                           int64_t id, int status, std::string_view alert_vi,
                           std::string_view alert_en, std::string_view resolution,
                           const std::optional<std::string>& contact_json = std::nullopt) {
  auto detail = shared.services().disputes.Get(id);
  if (!detail.ok()) {
    return shared.ErrorPage(context, 404, "Không có khiếu nại này", "No such dispute",
                            "Không tìm thấy khiếu nại số " + std::to_string(id) + ".",
                            "There is no dispute " + std::to_string(id) + ".");
  }
  const domain::Dispute& d = detail->dispute;
  Data data;
  data.set("id", std::to_string(d.id));
  data.set("code", detail->code);
  data.set("kind", std::string(KindLabel(context, d.kind)));
  data.set("value", d.canonical);
  data.set("check_href", "/kiem-tra?kind=" + std::string(indicator::KindName(d.kind)) +
                             "&q=" + http::UrlEncode(d.canonical));
  data.set("reason", d.reason);
  data.set("filed", FormatVietnamDate(d.created_at, true));
  data.set("status", std::string(domain::Name(d.status)));
  data.set("status_label", std::string(DisputeStatusLabel(context, d.status)));
  data.set("resolution", TextOrFalse(d.resolution));
  data.set("resolved",
           TextOrFalse(d.resolved_at ? FormatVietnamDate(*d.resolved_at, true) : std::string()));
  data.set("has_contact", Data(detail->has_contact));
  if (contact_json) {
    data.set("contact_shown", Data(true));
    data.set("contact", ContactFields(context, *contact_json));
  }
  if (detail->indicator) {
    const domain::IndicatorRecord& rec = *detail->indicator;
    Data ind;
    ind.set("status_label", std::string(IndicatorStatusLabel(context, rec.status)));
    ind.set("category", ConsoleCategoryLabel(context, rec.category));
    ind.set("severity", std::string(domain::Name(rec.severity)));
    ind.set("first_seen", FormatVietnamDate(rec.first_seen));
    ind.set("last_seen", FormatVietnamDate(rec.last_seen));
    std::string sources;
    for (const domain::IndicatorSource& s : rec.sources) {
      sources += (sources.empty() ? "" : ", ") + s.source;
    }
    ind.set("sources", TextOrFalse(sources));
    data.set("indicator", ind);
  }
  const bool open = d.status == domain::DisputeStatus::kOpen;
  data.set("can_resolve", Data(open && context.user->Can(service::Permission::kDisputesResolve)));
  data.set("typed_resolution", std::string(resolution));
  data.set("csrf_token", context.csrf_token);
  AddConsoleNotices(data, request, context, kDisputeMessages, alert_vi, alert_en);
  PageMeta meta = ConsoleMeta(context, "Khiếu nại ", "Dispute ", status);
  meta.title += detail->code;
  return RenderPage(shared.templates(), context, "console_dispute", std::move(data), meta);
}

http::Response Detail(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  if (auto refusal = shared.RequireUser(request, context, service::Permission::kDisputesRead)) {
    return *std::move(refusal);
  }
  std::optional<int64_t> id = ParseId(request.PathParam("id"));
  if (!id) {
    return shared.ErrorPage(context, 404, "Không có khiếu nại này", "No such dispute",
                            "Địa chỉ không đúng.", "The address is wrong.");
  }
  return DisputePage(shared, request, context, *id, 200, {}, {}, {});
}

http::Response Resolve(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  ConsolePost post =
      ReadConsolePost(shared, request, context, service::Permission::kDisputesResolve);
  if (post.refusal) return *std::move(post.refusal);
  std::optional<int64_t> id = ParseId(request.PathParam("id"));
  if (!id) {
    return shared.ErrorPage(context, 404, "Không có khiếu nại này", "No such dispute",
                            "Địa chỉ không đúng.", "The address is wrong.");
  }
  const std::string resolution(base::TrimAscii(post.form.Field("resolution")));
  const std::string_view decision = post.form.Field("decision");
  std::optional<domain::DisputeStatus> to;
  if (decision == "accepted") to = domain::DisputeStatus::kAccepted;
  if (decision == "rejected") to = domain::DisputeStatus::kRejected;
  if (!to || resolution.empty()) {
    return DisputePage(shared, request, context, *id, 422,
                       "Hãy chọn chấp nhận hoặc bác, và ghi lý do (người khiếu nại sẽ đọc).",
                       "Choose accept or reject and give the reason (the claimant reads it).",
                       resolution);
  }
  auto resolved = shared.services().disputes.Resolve(*id, *to, resolution, context.user->user_id,
                                                     context.user->Actor());
  if (!resolved.ok()) {
    const int status =
        resolved.status().code() == base::StatusCode::kFailedPrecondition ? 409 : 422;
    return DisputePage(shared, request, context, *id, status,
                       "Chưa thực hiện được: " + resolved.status().message(),
                       "Not done: " + resolved.status().message(), resolution);
  }
  return RedirectWithNotice("/quan-tri/khieu-nai/" + std::to_string(*id), domain::Name(*to));
}

// The claimant's contact, answered in the page itself (never in a URL), each view audited by
// the disputes service.
http::Response RevealContact(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  ConsolePost post = ReadConsolePost(shared, request, context, service::Permission::kDisputesRead);
  if (post.refusal) return *std::move(post.refusal);
  std::optional<int64_t> id = ParseId(request.PathParam("id"));
  if (!id) {
    return shared.ErrorPage(context, 404, "Không có khiếu nại này", "No such dispute",
                            "Địa chỉ không đúng.", "The address is wrong.");
  }
  auto contact = shared.services().disputes.RevealContact(*id, context.user->Actor());
  if (!contact.ok()) {
    return DisputePage(shared, request, context, *id, 409,
                       "Chưa xem được liên hệ: " + contact.status().message(),
                       "The contact cannot be shown: " + contact.status().message(), {});
  }
  return DisputePage(shared, request, context, *id, 200, {}, {}, {}, *std::move(contact));
}

}  // namespace

void RegisterConsoleDisputes(http::Router& router, Shared& shared) {
  router.Add(http::Method::kGet, "/quan-tri/khieu-nai",
             [&shared](http::Request& r) { return List(shared, r); });
  router.Add(http::Method::kGet, "/quan-tri/khieu-nai/{id}",
             [&shared](http::Request& r) { return Detail(shared, r); });
  router.Add(http::Method::kPost, "/quan-tri/khieu-nai/{id}/lien-he",
             [&shared](http::Request& r) { return RevealContact(shared, r); });
  router.Add(http::Method::kPost, "/quan-tri/khieu-nai/{id}/giai-quyet",
             [&shared](http::Request& r) { return Resolve(shared, r); });
}

}  // namespace binhyen::web::internal
