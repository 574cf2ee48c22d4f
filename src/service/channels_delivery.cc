// Community channels: the webhook queue (test events, warnings, resends) and the public list.
#include <algorithm>
#include <map>
#include <utility>

#include "service/audit_entry.h"
#include "service/channels.h"
#include "service/internal/channels_util.h"
#include "service/permissions.h"
#include "service/webhooks.h"

namespace binhyen::service {

using channels_internal::ChannelTarget;
using channels_internal::Micros;
using channels_internal::UnitName;

namespace {

// How far back automatic sending looks, and how many warnings it considers.
constexpr auto kAutoWindow = std::chrono::hours(24);
constexpr int kAutoWarnings = 20;

}  // namespace

base::Result<std::vector<domain::WebhookDelivery>> Channels::Deliveries(const Principal& caller,
                                                                        int64_t id, int limit) {
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  BINHYEN_RETURN_IF_ERROR(LoadInScope(*tx, caller, id).status());
  return tx->Channels().Deliveries(id, limit);
}

base::Result<int64_t> Channels::SendTest(const Principal& caller, int64_t id) {
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(domain::CommunityChannel c, LoadInScope(*tx, caller, id));
  if (c.webhook_url.empty()) {
    return base::FailedPreconditionError("webhook_url: this channel has no webhook");
  }
  const base::TimePoint now = Micros(clock_.Now());
  domain::WebhookDelivery d;
  d.channel_id = id;
  d.event = std::string(kWebhookTestEvent);
  d.body = WebhookTestBody(c, now);
  d.next_attempt_at = now;
  d.created_at = now;
  BINHYEN_ASSIGN_OR_RETURN(d.id, tx->Channels().EnqueueDelivery(d));
  BINHYEN_RETURN_IF_ERROR(
      tx->Audit()
          .Append(MakeAuditEntry(now, caller.Actor(), "channel.test", ChannelTarget(id),
                                 "test event queued (delivery " + std::to_string(d.id) + ")"))
          .status());
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  return d.id;
}

base::Status Channels::Resend(const Principal& caller, int64_t id, int64_t delivery_id) {
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_RETURN_IF_ERROR(LoadInScope(*tx, caller, id).status());
  BINHYEN_ASSIGN_OR_RETURN(domain::WebhookDelivery d, tx->Channels().GetDelivery(delivery_id));
  if (d.channel_id != id) {
    return base::NotFoundError("delivery " + std::to_string(delivery_id) + ": not found");
  }
  if (d.status != domain::DeliveryStatus::kFailed) {
    return base::FailedPreconditionError("status: only a failed delivery is sent again");
  }
  const base::TimePoint now = Micros(clock_.Now());
  d.status = domain::DeliveryStatus::kPending;
  d.attempts = 0;
  d.next_attempt_at = now;
  BINHYEN_RETURN_IF_ERROR(tx->Channels().UpdateDelivery(d));
  BINHYEN_RETURN_IF_ERROR(
      tx->Audit()
          .Append(MakeAuditEntry(now, caller.Actor(), "channel.resend", ChannelTarget(id),
                                 "delivery " + std::to_string(delivery_id) + " queued again"))
          .status());
  return tx->Commit();
}

base::Result<bool> Channels::Enqueue(store::Transaction& tx,
                                     const domain::CommunityChannel& channel,
                                     const domain::Warning& warning) {
  const base::TimePoint now = Micros(clock_.Now());
  domain::WebhookDelivery d;
  d.channel_id = channel.id;
  d.event = std::string(WarningEvent(warning));
  d.warning_id = warning.id;
  d.body = WebhookWarningBody(warning, channel, options_.public_url);
  d.next_attempt_at = now;
  d.created_at = now;
  base::Result<int64_t> id = tx.Channels().EnqueueDelivery(d);
  if (id.status().code() == base::StatusCode::kAlreadyExists) return false;
  BINHYEN_RETURN_IF_ERROR(id.status());
  return true;
}

base::Result<int> Channels::SendWarning(const Principal& caller, int64_t warning_id) {
  if (!caller.Can(Permission::kProgrammeManage) && !caller.Can(Permission::kReportsTriage)) {
    return base::PermissionDeniedError(
        "channels: only programme admins and analysts send warnings");
  }
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(domain::Warning w, tx->Warnings().Get(warning_id));
  if (!w.published_at || *w.published_at > clock_.Now()) {
    return base::FailedPreconditionError("warning " + std::to_string(warning_id) +
                                         ": not published");
  }
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::CommunityChannel> channels, tx->Channels().List({}));
  int queued = 0;
  for (const domain::CommunityChannel& c : channels) {
    if (!c.active || c.webhook_url.empty()) continue;
    BINHYEN_ASSIGN_OR_RETURN(bool added, Enqueue(*tx, c, w));
    if (added) ++queued;
  }
  BINHYEN_RETURN_IF_ERROR(
      tx->Audit()
          .Append(MakeAuditEntry(Micros(clock_.Now()), caller.Actor(), "channel.send_warning",
                                 "warning:" + std::to_string(warning_id),
                                 "queued to " + std::to_string(queued) + " channel(s)"))
          .status());
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  return queued;
}

base::Result<int> Channels::EnqueueRecentlyPublished() {
  const base::TimePoint now = clock_.Now();
  const auto not_automatic = [](const domain::CommunityChannel& c) {
    return !c.active || c.webhook_url.empty() || !c.webhook_auto;
  };
  {
    // Called every few seconds: a snapshot first, so that the single writer is taken only when
    // some channel sends automatically.
    BINHYEN_ASSIGN_OR_RETURN(auto snapshot, store_.Begin(store::TxMode::kReadOnly));
    BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::CommunityChannel> all,
                             snapshot->Channels().List({}));
    if (std::ranges::all_of(all, not_automatic)) return 0;
  }
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::CommunityChannel> channels, tx->Channels().List({}));
  std::erase_if(channels, not_automatic);
  if (channels.empty()) return 0;
  store::PageRequest page;
  page.limit = kAutoWarnings;
  BINHYEN_ASSIGN_OR_RETURN(store::Page<domain::Warning> recent,
                           tx->Warnings().ListPublished(store::WarningFilter{}, now, page));
  int queued = 0;
  for (const domain::Warning& w : recent.items) {
    if (!w.published_at || *w.published_at < now - kAutoWindow) continue;
    for (const domain::CommunityChannel& c : channels) {
      if (c.created_at > *w.published_at) continue;
      BINHYEN_ASSIGN_OR_RETURN(bool added, Enqueue(*tx, c, w));
      if (added) ++queued;
    }
  }
  if (queued == 0) return 0;  // nothing written: the transaction is rolled back
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  return queued;
}

base::Result<std::vector<PublicChannelUnit>> Channels::PublicList() {
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Unit> units, tx->Units().List());
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::CommunityChannel> channels, tx->Channels().List({}));
  std::map<std::string, PublicChannelUnit> by_unit;
  for (const domain::CommunityChannel& c : channels) {
    if (!c.active) continue;
    PublicChannelUnit& u = by_unit[c.unit_code];
    u.unit_code = c.unit_code;
    u.unit_name = UnitName(units, c.unit_code);
    u.channels.push_back({c.name, c.kind, c.url});
  }
  std::vector<PublicChannelUnit> out;
  for (auto& [code, u] : by_unit) {
    std::sort(u.channels.begin(), u.channels.end(),
              [](const PublicChannel& a, const PublicChannel& b) { return a.name < b.name; });
    out.push_back(std::move(u));
  }
  std::sort(out.begin(), out.end(), [](const PublicChannelUnit& a, const PublicChannelUnit& b) {
    return a.unit_name < b.unit_name;
  });
  return out;
}

}  // namespace binhyen::service
