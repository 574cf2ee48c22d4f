// Community channels ("mô hình") in the console (/quan-tri/kenh): every channel the caller
// manages with its latest figures, totals per unit, adding a channel, and sending a published
// warning to every channel's webhook; and the public list of active channels (/kenh-cong-dong)
// for residents to join official groups (no admins, no contacts, no webhooks).
// Programme admins manage every channel; unit officers their own unit's.

#include <string>
#include <utility>
#include <vector>

#include "web/internal/channel_common.h"

namespace binhyen::web::internal {
namespace {

constexpr ConsoleMessage kMessages[] = {
    {"added", "Đã thêm kênh.", "Channel added."},
    {"sent", "Đã xếp cảnh báo vào hàng gửi tới các kênh có webhook.",
     "The warning is queued to every channel with a webhook."},
    {"none", "Không có kênh nào cần gửi (chưa có webhook, hoặc đã gửi rồi).",
     "No channel to send to (no webhook, or already sent)."},
};

Data TotalsRows(const std::vector<service::UnitChannelTotals>& totals, Data& data) {
  Data rows{Data::type::list};
  int64_t channels = 0, active = 0, members = 0, relayed = 0, reports = 0;
  for (const service::UnitChannelTotals& t : totals) {
    Data row;
    row.set("code", t.unit_code);
    row.set("name", t.unit_name);
    row.set("channels", std::to_string(t.channels));
    row.set("active", std::to_string(t.active));
    row.set("members", std::to_string(t.members));
    row.set("relayed", std::to_string(t.warnings_relayed));
    row.set("reports", std::to_string(t.reports_received));
    rows.push_back(row);
    channels += t.channels;
    active += t.active;
    members += t.members;
    relayed += t.warnings_relayed;
    reports += t.reports_received;
  }
  data.set("sum_channels", std::to_string(channels));
  data.set("sum_active", std::to_string(active));
  data.set("sum_members", std::to_string(members));
  data.set("sum_relayed", std::to_string(relayed));
  data.set("sum_reports", std::to_string(reports));
  return rows;
}

Data ChannelRows(const PageContext& context, const std::vector<service::ChannelView>& views) {
  Data rows{Data::type::list};
  for (const service::ChannelView& v : views) {
    Data row;
    row.set("id", std::to_string(v.channel.id));
    row.set("name", v.channel.name);
    row.set("kind", std::string(ChannelKindLabel(context, v.channel.kind)));
    row.set("unit", v.unit_name);
    row.set("month", v.latest ? v.latest->month : "—");
    row.set("members", v.latest ? std::to_string(v.latest->members) : "—");
    row.set("active", Data(v.channel.active));
    row.set("webhook", Data(v.has_webhook));
    rows.push_back(row);
  }
  return rows;
}

// The 20 newest published warnings, for the "send to channels" form.
Data RecentWarnings(Shared& shared) {
  Data rows{Data::type::list};
  auto tx = shared.services().store.Begin(store::TxMode::kReadOnly);
  if (!tx.ok()) return rows;
  store::PageRequest page;
  page.limit = 20;
  auto recent =
      (*tx)->Warnings().ListPublished(store::WarningFilter{}, shared.services().clock.Now(), page);
  if (!recent.ok()) return rows;
  for (const domain::Warning& w : recent->items) {
    Data row;
    row.set("id", std::to_string(w.id));
    row.set("title", w.title);
    rows.push_back(row);
  }
  return rows;
}

http::Response ListPage(Shared& shared, const http::Request& request, PageContext& context,
                        const ChannelForm& form, int status) {
  service::Channels channels = MakeChannels(shared);
  auto views = channels.List(*context.user);
  if (!views.ok()) return ChannelsUnavailable(shared, context);
  Data data;
  data.set("csrf_token", context.csrf_token);
  data.set("has_channels", Data(!views->empty()));
  data.set("totals", TotalsRows(service::Channels::Totals(*views), data));
  data.set("channels", ChannelRows(context, *views));
  const bool can_send = context.user->Can(service::Permission::kProgrammeManage);
  data.set("can_send", Data(can_send));
  if (can_send) {
    Data warnings = RecentWarnings(shared);
    data.set("has_warnings", Data(!warnings.list_value().empty()));
    data.set("warnings", warnings);
  }
  if (!SetChannelForm(shared, data, context, form)) return ChannelsUnavailable(shared, context);
  AddConsoleNotices(data, request, context, kMessages);
  return RenderPage(shared.templates(), context, "channels", std::move(data),
                    ConsoleMeta(context, "Kênh cộng đồng", "Community channels", status));
}

http::Response List(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  if (auto refusal = shared.RequireUser(request, context, kChannelPermission)) {
    return *std::move(refusal);
  }
  ChannelForm form;
  form.input.kind = "zalo_group";
  form.input.unit = context.user->unit;
  return ListPage(shared, request, context, form, 200);
}

http::Response Create(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  ConsolePost post = ReadConsolePost(shared, request, context, kChannelPermission);
  if (post.refusal) return *std::move(post.refusal);
  ChannelForm form;
  form.input = ChannelInputFromForm(post.form);
  service::Channels channels = MakeChannels(shared);
  auto saved = channels.Create(*context.user, form.input);
  if (saved.ok()) {
    if (saved->new_secret) {
      // The secret is shown once, so the page is rendered here rather than after a redirect.
      return ChannelDetailPage(shared, request, context, saved->view.channel.id, nullptr, {},
                               saved->new_secret, 201);
    }
    return RedirectWithNotice("/quan-tri/kenh/" + std::to_string(saved->view.channel.id), "added");
  }
  form.errors = ChannelFieldErrors(context, saved.status());
  if (form.errors.empty()) return ChannelsUnavailable(shared, context);
  return ListPage(shared, request, context, form, 422);
}

http::Response SendWarning(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  ConsolePost post =
      ReadConsolePost(shared, request, context, service::Permission::kProgrammeManage);
  if (post.refusal) return *std::move(post.refusal);
  std::optional<int64_t> id = ParseId(post.form.Field("warning"));
  if (!id) return RedirectWithNotice("/quan-tri/kenh", "none");
  service::Channels channels = MakeChannels(shared);
  auto queued = channels.SendWarning(*context.user, *id);
  if (!queued.ok()) {
    if (queued.status().code() == base::StatusCode::kNotFound ||
        queued.status().code() == base::StatusCode::kFailedPrecondition) {
      return RedirectWithNotice("/quan-tri/kenh", "none");
    }
    return ChannelsUnavailable(shared, context);
  }
  return RedirectWithNotice("/quan-tri/kenh", *queued > 0 ? "sent" : "none");
}

http::Response PublicList(Shared& shared, const http::Request& request) {
  PageContext context = shared.Context(request);
  service::Channels channels = MakeChannels(shared);
  auto units = channels.PublicList();
  if (!units.ok()) return ChannelsUnavailable(shared, context);
  Data list{Data::type::list};
  for (const service::PublicChannelUnit& u : *units) {
    Data unit;
    unit.set("code", u.unit_code);
    unit.set("name", u.unit_name);
    Data items{Data::type::list};
    for (const service::PublicChannel& c : u.channels) {
      Data item;
      item.set("name", c.name);
      item.set("url", c.url);
      item.set("kind", std::string(ChannelKindLabel(context, c.kind)));
      items.push_back(item);
    }
    unit.set("channels", items);
    list.push_back(unit);
  }
  Data data;
  data.set("units", list);
  PageMeta meta;
  meta.title = std::string(context.Pick("Kênh cộng đồng", "Community channels"));
  meta.description = std::string(context.Pick(
      "Nhóm Zalo, fanpage chính thức về an ninh mạng của các phường, xã, trường học.",
      "Official cyber-safety Zalo groups and fanpages of wards, communes and schools."));
  return RenderPage(shared.templates(), context, "channels_public", std::move(data), meta);
}

}  // namespace

void RegisterChannelPages(http::Router& router, Shared& shared) {
  router.Add(http::Method::kGet, "/quan-tri/kenh",
             [&shared](http::Request& r) { return List(shared, r); });
  router.Add(http::Method::kPost, "/quan-tri/kenh",
             [&shared](http::Request& r) { return Create(shared, r); });
  router.Add(http::Method::kPost, "/quan-tri/kenh/gui-canh-bao",
             [&shared](http::Request& r) { return SendWarning(shared, r); });
  router.Add(http::Method::kGet, "/kenh-cong-dong",
             [&shared](http::Request& r) { return PublicList(shared, r); });
  RegisterChannelDetailPage(router, shared);
}

}  // namespace binhyen::web::internal
