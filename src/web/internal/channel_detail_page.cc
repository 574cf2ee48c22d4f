// One community channel in the console (/quan-tri/kenh/{id}): its details, the figures of each
// month (entered or corrected here), its webhook (test event, delivery log, resending a failed
// delivery) and the edit form. Every form carries the session's CSRF token; every change is
// audited by the service.

#include <charconv>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "web/internal/channel_common.h"

namespace binhyen::web::internal {
namespace {

constexpr ConsoleMessage kMessages[] = {
    {"added", "Đã thêm kênh.", "Channel added."},
    {"saved", "Đã lưu thay đổi.", "Changes saved."},
    {"figures", "Đã lưu số liệu tháng.", "The month's figures are saved."},
    {"test", "Đã xếp tin thử vào hàng gửi; kết quả hiện ở bảng dưới sau ít giây.",
     "A test event is queued; its result shows below in a few seconds."},
    {"resend", "Đã xếp lại vào hàng gửi.", "Queued again."},
    {"no_webhook", "Kênh chưa đặt webhook.", "This channel has no webhook."},
};

http::Response NoChannel(Shared& shared, const PageContext& context) {
  return shared.ErrorPage(context, 404, "Không tìm thấy kênh", "Channel not found",
                          "Kênh này không tồn tại hoặc không thuộc đơn vị của bạn.",
                          "This channel does not exist or is not your unit's.");
}

std::string StatusLabel(const PageContext& context, domain::DeliveryStatus status) {
  switch (status) {
    case domain::DeliveryStatus::kPending:
      return std::string(context.Pick("Đang chờ gửi", "Pending"));
    case domain::DeliveryStatus::kDelivered:
      return std::string(context.Pick("Đã nhận", "Delivered"));
    case domain::DeliveryStatus::kFailed: break;
  }
  return std::string(context.Pick("Thất bại", "Failed"));
}

Data DeliveryRows(const PageContext& context, const std::vector<domain::WebhookDelivery>& log) {
  Data rows{Data::type::list};
  for (const domain::WebhookDelivery& d : log) {
    Data row;
    row.set("id", std::to_string(d.id));
    row.set("channel", std::to_string(d.channel_id));
    row.set("event", d.event);
    row.set("status", std::string(domain::Name(d.status)));
    row.set("status_label", StatusLabel(context, d.status));
    row.set("attempts", std::to_string(d.attempts));
    row.set("when",
            TextOrFalse(d.last_attempt_at ? FormatVietnamDate(*d.last_attempt_at, true) : ""));
    row.set("http", TextOrFalse(d.last_http_status ? std::to_string(*d.last_http_status) : ""));
    row.set("error", d.last_error);
    row.set("failed", Data(d.status == domain::DeliveryStatus::kFailed));
    row.set("csrf_token", context.csrf_token);
    rows.push_back(row);
  }
  return rows;
}

Data FigureRows(const std::vector<domain::ChannelFigures>& figures) {
  Data rows{Data::type::list};
  for (const domain::ChannelFigures& f : figures) {
    Data row;
    row.set("month", f.month);
    row.set("members", std::to_string(f.members));
    row.set("relayed", std::to_string(f.warnings_relayed));
    row.set("reports", std::to_string(f.reports_received));
    rows.push_back(row);
  }
  return rows;
}

void SetFiguresForm(Data& data, const FiguresForm& f, const std::string& default_month) {
  data.set("f_month", f.month.empty() ? default_month : f.month);
  data.set("f_members", f.members);
  data.set("f_relayed", f.warnings_relayed);
  data.set("f_reports", f.reports_received);
  Data errors{Data::type::list};
  for (const auto& [field, message] : f.errors) {
    Data e;
    e.set("field", field == "month"              ? "f-month"
                   : field == "members"          ? "f-members"
                   : field == "warnings_relayed" ? "f-relayed"
                                                 : "f-reports");
    e.set("text", message);
    errors.push_back(e);
    data.set("error_" + field, Data(true));
  }
  data.set("figure_errors", errors);
  data.set("has_figure_errors", Data(!f.errors.empty()));
}

// "YYYY-MM" of `t` in Vietnam time.
std::string MonthOf(base::TimePoint t) {
  const std::string date = FormatVietnamDate(t);  // dd/mm/yyyy
  return date.size() == 10 ? date.substr(6, 4) + "-" + date.substr(3, 2) : "";
}

service::ChannelInput InputOf(const service::ChannelView& v) {
  service::ChannelInput in;
  in.unit = v.channel.unit_code;
  in.kind = std::string(domain::Name(v.channel.kind));
  in.name = v.channel.name;
  in.url = v.channel.url;
  in.admins = v.channel.admins;
  in.admin_contact = v.admin_contact.value_or("");
  in.active = v.channel.active;
  in.webhook_url = v.channel.webhook_url;
  in.webhook_auto = v.channel.webhook_auto;
  return in;
}

std::optional<int64_t> ParseCount(std::string_view text) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

}  // namespace

http::Response ChannelDetailPage(Shared& shared, const http::Request& request, PageContext& context,
                                 int64_t id, const ChannelForm* form, const FiguresForm& figures,
                                 const std::optional<std::string>& new_secret, int status) {
  service::Channels channels = MakeChannels(shared);
  auto view = channels.Get(*context.user, id);
  if (!view.ok()) {
    if (view.status().code() == base::StatusCode::kNotFound) return NoChannel(shared, context);
    return ChannelsUnavailable(shared, context);
  }
  auto history = channels.Figures(*context.user, id, 12);
  auto log = channels.Deliveries(*context.user, id, 50);
  if (!history.ok() || !log.ok()) return ChannelsUnavailable(shared, context);
  const domain::CommunityChannel& c = view->channel;
  Data data;
  data.set("id", std::to_string(c.id));
  data.set("name", c.name);
  data.set("unit_name", view->unit_name);
  data.set("kind", std::string(ChannelKindLabel(context, c.kind)));
  data.set("url", c.url);
  data.set("admins", c.admins);
  data.set("admin_contact", TextOrFalse(view->admin_contact.value_or("")));
  data.set("active", Data(c.active));
  data.set("webhook", TextOrFalse(c.webhook_url));
  data.set("auto", Data(c.webhook_auto));
  data.set("new_secret", TextOrFalse(new_secret.value_or("")));
  data.set("csrf_token", context.csrf_token);
  data.set("figures", FigureRows(*history));
  data.set("has_figures", Data(!history->empty()));
  data.set("deliveries", DeliveryRows(context, *log));
  data.set("has_deliveries", Data(!log->empty()));
  SetFiguresForm(data, figures, MonthOf(shared.services().clock.Now()));
  ChannelForm shown;
  if (form != nullptr) {
    shown = *form;
  } else {
    shown.input = InputOf(*view);
  }
  shown.editing = true;
  if (!SetChannelForm(shared, data, context, shown)) return ChannelsUnavailable(shared, context);
  AddConsoleNotices(data, request, context, kMessages);
  return RenderPage(shared.templates(), context, "channel", std::move(data),
                    ConsoleMeta(context, c.name, c.name, status));
}

namespace {

http::Response Show(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  if (auto refusal = shared.RequireUser(request, context, kChannelPermission)) {
    return *std::move(refusal);
  }
  std::optional<int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return NoChannel(shared, context);
  return ChannelDetailPage(shared, request, context, *id, nullptr, {}, std::nullopt, 200);
}

http::Response Save(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  ConsolePost post = ReadConsolePost(shared, request, context, kChannelPermission);
  if (post.refusal) return *std::move(post.refusal);
  std::optional<int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return NoChannel(shared, context);
  ChannelForm form;
  form.input = ChannelInputFromForm(post.form);
  service::Channels channels = MakeChannels(shared);
  auto saved = channels.Update(*context.user, *id, form.input);
  if (saved.ok()) {
    if (saved->new_secret) {
      return ChannelDetailPage(shared, request, context, *id, nullptr, {}, saved->new_secret, 200);
    }
    return RedirectWithNotice("/quan-tri/kenh/" + std::to_string(*id), "saved");
  }
  if (saved.status().code() == base::StatusCode::kNotFound) return NoChannel(shared, context);
  form.errors = ChannelFieldErrors(context, saved.status());
  if (form.errors.empty()) return ChannelsUnavailable(shared, context);
  return ChannelDetailPage(shared, request, context, *id, &form, {}, std::nullopt, 422);
}

http::Response SaveFigures(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  ConsolePost post = ReadConsolePost(shared, request, context, kChannelPermission);
  if (post.refusal) return *std::move(post.refusal);
  std::optional<int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return NoChannel(shared, context);
  FiguresForm form{std::string(post.form.Field("month")),
                   std::string(post.form.Field("members")),
                   std::string(post.form.Field("warnings_relayed")),
                   std::string(post.form.Field("reports_received")),
                   {}};
  domain::ChannelFigures figures;
  figures.month = form.month;
  std::string bad;
  if (!domain::IsMonth(form.month)) bad = "month: must be YYYY-MM";
  for (auto [field, text, out] :
       {std::tuple{"members", &form.members, &figures.members},
        std::tuple{"warnings_relayed", &form.warnings_relayed, &figures.warnings_relayed},
        std::tuple{"reports_received", &form.reports_received, &figures.reports_received}}) {
    std::optional<int64_t> v = ParseCount(*text);
    if (!v) {
      bad += std::string(bad.empty() ? "" : "\n") + field + ": a whole number";
    } else if (*v < 0) {
      bad += std::string(bad.empty() ? "" : "\n") + field + ": must not be negative";
    } else {
      *out = *v;
    }
  }
  base::Status status = bad.empty() ? MakeChannels(shared).PutFigures(*context.user, *id, figures)
                                    : base::InvalidArgumentError(bad);
  if (status.ok()) return RedirectWithNotice("/quan-tri/kenh/" + std::to_string(*id), "figures");
  if (status.code() == base::StatusCode::kNotFound) return NoChannel(shared, context);
  form.errors = ChannelFieldErrors(context, status);
  if (form.errors.empty()) return ChannelsUnavailable(shared, context);
  return ChannelDetailPage(shared, request, context, *id, nullptr, form, std::nullopt, 422);
}

http::Response SendTest(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  ConsolePost post = ReadConsolePost(shared, request, context, kChannelPermission);
  if (post.refusal) return *std::move(post.refusal);
  std::optional<int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return NoChannel(shared, context);
  auto queued = MakeChannels(shared).SendTest(*context.user, *id);
  const std::string back = "/quan-tri/kenh/" + std::to_string(*id);
  if (queued.ok()) return RedirectWithNotice(back, "test");
  if (queued.status().code() == base::StatusCode::kNotFound) return NoChannel(shared, context);
  if (queued.status().code() == base::StatusCode::kFailedPrecondition) {
    return RedirectWithNotice(back, "no_webhook");
  }
  return ChannelsUnavailable(shared, context);
}

http::Response Resend(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  ConsolePost post = ReadConsolePost(shared, request, context, kChannelPermission);
  if (post.refusal) return *std::move(post.refusal);
  std::optional<int64_t> id = ParseId(request.PathParam("id"));
  std::optional<int64_t> delivery = ParseId(request.PathParam("delivery"));
  if (!id || !delivery) return NoChannel(shared, context);
  base::Status s = MakeChannels(shared).Resend(*context.user, *id, *delivery);
  const std::string back = "/quan-tri/kenh/" + std::to_string(*id);
  if (s.ok()) return RedirectWithNotice(back, "resend");
  if (s.code() == base::StatusCode::kNotFound) return NoChannel(shared, context);
  if (s.code() == base::StatusCode::kFailedPrecondition) return http::Response::Redirect(303, back);
  return ChannelsUnavailable(shared, context);
}

}  // namespace

void RegisterChannelDetailPage(http::Router& router, Shared& shared) {
  router.Add(http::Method::kGet, "/quan-tri/kenh/{id}",
             [&shared](http::Request& r) { return Show(shared, r); });
  router.Add(http::Method::kPost, "/quan-tri/kenh/{id}",
             [&shared](http::Request& r) { return Save(shared, r); });
  router.Add(http::Method::kPost, "/quan-tri/kenh/{id}/so-lieu",
             [&shared](http::Request& r) { return SaveFigures(shared, r); });
  router.Add(http::Method::kPost, "/quan-tri/kenh/{id}/thu",
             [&shared](http::Request& r) { return SendTest(shared, r); });
  router.Add(http::Method::kPost, "/quan-tri/kenh/{id}/gui-lai/{delivery}",
             [&shared](http::Request& r) { return Resend(shared, r); });
}

}  // namespace binhyen::web::internal
