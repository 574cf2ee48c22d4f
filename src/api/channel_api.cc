// Community channels of the awareness programme: channels of units, their monthly figures, and
// their outgoing webhooks (test events, the delivery log, resending a failed delivery).

#include <charconv>
#include <utility>

#include "api/body_decoders.h"
#include "api/internal/api_impl.h"
#include "api/json_body.h"
#include "api/json_views.h"
#include "api/problem.h"
#include "service/channels.h"

namespace binhyen::api {
namespace {

using nlohmann::json;

http::Response NoSuchChannel(const http::Request& request) {
  return Problem(404, "not_found", "no channel " + std::string(request.PathParam("id")),
                 "Không tìm thấy kênh.");
}

json FiguresJson(const domain::ChannelFigures& f) {
  return {{"month", f.month},
          {"members", f.members},
          {"warnings_relayed", f.warnings_relayed},
          {"reports_received", f.reports_received},
          {"updated_at", TimeJson(f.updated_at)}};
}

json ChannelJson(const service::ChannelView& v) {
  const domain::CommunityChannel& c = v.channel;
  return {{"id", c.id},
          {"unit", c.unit_code},
          {"unit_name", v.unit_name},
          {"kind", std::string(domain::Name(c.kind))},
          {"name", c.name},
          {"url", c.url},
          {"admins", c.admins},
          {"admin_contact", v.admin_contact ? json(*v.admin_contact) : json(nullptr)},
          {"active", c.active},
          {"webhook_url", c.webhook_url.empty() ? json(nullptr) : json(c.webhook_url)},
          {"webhook_auto", c.webhook_auto},
          {"latest", v.latest ? FiguresJson(*v.latest) : json(nullptr)},
          {"created_at", TimeJson(c.created_at)},
          {"updated_at", TimeJson(c.updated_at)}};
}

json DeliveryJson(const domain::WebhookDelivery& d) {
  return {
      {"id", d.id},
      {"event", d.event},
      {"warning_id", d.warning_id ? json(*d.warning_id) : json(nullptr)},
      {"status", std::string(domain::Name(d.status))},
      {"attempts", d.attempts},
      {"next_attempt_at",
       d.status == domain::DeliveryStatus::kPending ? TimeJson(d.next_attempt_at) : json(nullptr)},
      {"last_http_status", d.last_http_status ? json(*d.last_http_status) : json(nullptr)},
      {"last_error", d.last_error.empty() ? json(nullptr) : json(d.last_error)},
      {"created_at", TimeJson(d.created_at)},
      {"last_attempt_at", OptionalTimeJson(d.last_attempt_at)},
      {"delivered_at", OptionalTimeJson(d.delivered_at)}};
}

http::Response Saved(const service::ChannelSaved& saved, int status) {
  json j = ChannelJson(saved.view);
  // Shown once: the secret is stored encrypted and never returned again.
  if (saved.new_secret) j["webhook_secret"] = *saved.new_secret;
  http::Response r = http::Response::Json(status, Dump(j));
  if (status == 201) {
    r.headers.Set("Location", "/api/v1/channels/" + std::to_string(saved.view.channel.id));
  }
  return r;
}

}  // namespace

http::Response Api::Impl::ListChannels(http::Request& request, const OptionalPrincipal& caller) {
  service::Channels channels(store, contact_box, clock, random, {options.public_url});
  base::Result<std::vector<service::ChannelView>> listed = channels.List(*caller);
  if (!listed.ok()) return FromStatus(listed.status(), request);
  json items = json::array();
  for (const service::ChannelView& v : *listed) items.push_back(ChannelJson(v));
  json totals = json::array();
  for (const service::UnitChannelTotals& t : service::Channels::Totals(*listed)) {
    totals.push_back({{"unit", t.unit_code},
                      {"unit_name", t.unit_name},
                      {"channels", t.channels},
                      {"active", t.active},
                      {"members", t.members},
                      {"warnings_relayed", t.warnings_relayed},
                      {"reports_received", t.reports_received}});
  }
  return http::Response::Json(
      200, Dump({{"items", std::move(items)}, {"totals_by_unit", std::move(totals)}}));
}

http::Response Api::Impl::CreateChannel(http::Request& request, const OptionalPrincipal& caller) {
  auto body = ReadJsonObject(request, {"unit", "kind", "name", "url", "admins", "admin_contact",
                                       "active", "webhook_url", "webhook_auto"});
  if (auto* refusal = std::get_if<http::Response>(&body)) return std::move(*refusal);
  base::Result<service::ChannelInput> input = ChannelInputFromJson(std::get<json>(body));
  if (!input.ok()) return FromStatus(input.status(), request);
  service::Channels channels(store, contact_box, clock, random, {options.public_url});
  base::Result<service::ChannelSaved> saved = channels.Create(*caller, *input);
  if (!saved.ok()) return FromStatus(saved.status(), request);
  return Saved(*saved, 201);
}

http::Response Api::Impl::GetChannel(http::Request& request, const OptionalPrincipal& caller) {
  std::optional<int64_t> id = PathId(request);
  if (!id) return NoSuchChannel(request);
  service::Channels channels(store, contact_box, clock, random, {options.public_url});
  base::Result<service::ChannelView> view = channels.Get(*caller, *id);
  if (!view.ok()) return FromStatus(view.status(), request);
  return http::Response::Json(200, Dump(ChannelJson(*view)));
}

http::Response Api::Impl::UpdateChannel(http::Request& request, const OptionalPrincipal& caller) {
  std::optional<int64_t> id = PathId(request);
  if (!id) return NoSuchChannel(request);
  auto body = ReadJsonObject(request, {"unit", "kind", "name", "url", "admins", "admin_contact",
                                       "active", "webhook_url", "webhook_auto", "rotate_secret"});
  if (auto* refusal = std::get_if<http::Response>(&body)) return std::move(*refusal);
  base::Result<service::ChannelInput> input = ChannelInputFromJson(std::get<json>(body));
  if (!input.ok()) return FromStatus(input.status(), request);
  service::Channels channels(store, contact_box, clock, random, {options.public_url});
  base::Result<service::ChannelSaved> saved = channels.Update(*caller, *id, *input);
  if (!saved.ok()) return FromStatus(saved.status(), request);
  return Saved(*saved, 200);
}

http::Response Api::Impl::ChannelFigures(http::Request& request, const OptionalPrincipal& caller) {
  std::optional<int64_t> id = PathId(request);
  if (!id) return NoSuchChannel(request);
  service::Channels channels(store, contact_box, clock, random, {options.public_url});
  base::Result<std::vector<domain::ChannelFigures>> figures = channels.Figures(*caller, *id, 120);
  if (!figures.ok()) return FromStatus(figures.status(), request);
  json items = json::array();
  for (const domain::ChannelFigures& f : *figures) items.push_back(FiguresJson(f));
  return http::Response::Json(200, Dump({{"items", std::move(items)}}));
}

http::Response Api::Impl::PutChannelFigures(http::Request& request,
                                            const OptionalPrincipal& caller) {
  std::optional<int64_t> id = PathId(request);
  if (!id) return NoSuchChannel(request);
  auto body = ReadJsonObject(request, {"month", "members", "warnings_relayed", "reports_received"});
  if (auto* refusal = std::get_if<http::Response>(&body)) return std::move(*refusal);
  base::Result<domain::ChannelFigures> figures = ChannelFiguresFromJson(std::get<json>(body));
  if (!figures.ok()) return FromStatus(figures.status(), request);
  service::Channels channels(store, contact_box, clock, random, {options.public_url});
  if (base::Status s = channels.PutFigures(*caller, *id, *figures); !s.ok()) {
    return FromStatus(s, request);
  }
  base::Result<std::vector<domain::ChannelFigures>> stored = channels.Figures(*caller, *id, 120);
  if (!stored.ok()) return FromStatus(stored.status(), request);
  for (const domain::ChannelFigures& f : *stored) {
    if (f.month == figures->month) return http::Response::Json(200, Dump(FiguresJson(f)));
  }
  return FromStatus(base::InternalError("figures: not stored"), request);
}

http::Response Api::Impl::ChannelDeliveries(http::Request& request,
                                            const OptionalPrincipal& caller) {
  std::optional<int64_t> id = PathId(request);
  if (!id) return NoSuchChannel(request);
  service::Channels channels(store, contact_box, clock, random, {options.public_url});
  base::Result<std::vector<domain::WebhookDelivery>> log = channels.Deliveries(*caller, *id, 100);
  if (!log.ok()) return FromStatus(log.status(), request);
  json items = json::array();
  for (const domain::WebhookDelivery& d : *log) items.push_back(DeliveryJson(d));
  return http::Response::Json(200, Dump({{"items", std::move(items)}}));
}

http::Response Api::Impl::TestChannel(http::Request& request, const OptionalPrincipal& caller) {
  std::optional<int64_t> id = PathId(request);
  if (!id) return NoSuchChannel(request);
  service::Channels channels(store, contact_box, clock, random, {options.public_url});
  base::Result<int64_t> delivery = channels.SendTest(*caller, *id);
  if (!delivery.ok()) return FromStatus(delivery.status(), request);
  return http::Response::Json(202, Dump({{"delivery_id", *delivery}, {"status", "pending"}}));
}

http::Response Api::Impl::ResendDelivery(http::Request& request, const OptionalPrincipal& caller) {
  std::optional<int64_t> id = PathId(request);
  int64_t delivery = 0;
  const std::string_view text = request.PathParam("delivery");
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), delivery);
  if (!id || ec != std::errc() || end != text.data() + text.size() || delivery <= 0) {
    return NoSuchChannel(request);
  }
  service::Channels channels(store, contact_box, clock, random, {options.public_url});
  if (base::Status s = channels.Resend(*caller, *id, delivery); !s.ok()) {
    return FromStatus(s, request);
  }
  return http::Response::Json(202, Dump({{"delivery_id", delivery}, {"status", "pending"}}));
}

}  // namespace binhyen::api
