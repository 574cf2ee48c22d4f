#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "crypto/random.h"
#include "crypto/secret_box.h"
#include "domain/channel.h"
#include "domain/warning.h"
#include "service/auth.h"
#include "store/store.h"

namespace binhyen::service {

// What an officer types to add or edit a community channel (trimmed by the service).
struct ChannelInput {
  std::string unit;  // unit code
  std::string kind;  // "zalo_group", "facebook_page", "website", "other"
  std::string name;
  std::string url;
  std::string admins;         // names and roles; no phone numbers
  std::string admin_contact;  // "" = none; stored encrypted, shown only to managers
  bool active = true;
  std::string webhook_url;  // "" = no webhook; http:// only (see Channels)
  bool webhook_auto = false;
  bool rotate_secret = false;  // Update: make a new signing secret
};

// A channel as a caller sees it: ciphertexts removed, the admin contact decrypted for those who
// manage the channel.
struct ChannelView {
  domain::CommunityChannel channel;  // admin_contact_ciphertext / webhook_secret_ciphertext unset
  std::string unit_name;
  std::optional<std::string> admin_contact;
  std::optional<domain::ChannelFigures> latest;  // the latest month entered, if any
  bool has_webhook = false;
};

// A channel just saved, with its new webhook secret when one was made (shown once: it is stored
// encrypted and never shown again).
struct ChannelSaved {
  ChannelView view;
  std::optional<std::string> new_secret;
};

// Sums of the latest figures of the channels of one unit.
struct UnitChannelTotals {
  std::string unit_code;
  std::string unit_name;
  int64_t channels = 0;
  int64_t active = 0;
  int64_t members = 0;
  int64_t warnings_relayed = 0;
  int64_t reports_received = 0;
};

// The public list: active channels of one unit, for residents to join.
struct PublicChannel {
  std::string name;
  domain::ChannelKind kind = domain::ChannelKind::kZaloGroup;
  std::string url;
};
struct PublicChannelUnit {
  std::string unit_code;
  std::string unit_name;
  std::vector<PublicChannel> channels;  // by name
};

struct ChannelsOptions {
  // The portal's public address, for the warning links sent in webhooks ("" = relative links).
  std::string public_url;
};

// The community channels of units ("mô hình"): who runs which Zalo group or fanpage, their
// monthly figures, and the queue of outgoing webhook calls (sent by WebhookDispatcher).
// Scope: a caller with programme:manage manages every channel; a caller with people:manage only
// (a unit officer) manages the channels of their unit's subtree. Channels outside a caller's
// scope answer NotFound "channel <id>: not found" (ids reveal nothing). Every change is written
// with an audit entry in one transaction ("channel.create", "channel.update",
// "channel.figures", "channel.test", "channel.resend", "channel.send_warning"; target
// "channel:<id>"). Webhook secrets are 32 random bytes as URL-safe base64, stored encrypted
// with the contact SecretBox.
// Webhook URLs: http:// only, because the server's HTTP client speaks no TLS; an https:// URL
// is refused with "webhook_url: https is not supported by this server yet ..." rather than
// being sent in clear. Where the URL points is checked when sending (WebhookSender).
// Thread safety: thread-safe (holds references to thread-safe objects).
class Channels {
 public:
  // All references must outlive the Channels.
  Channels(store::Store& store, const crypto::SecretBox& contact_box, const base::Clock& clock,
           crypto::Random& random, ChannelsOptions options);

  // Whether `caller` may use the channel pages at all (programme:manage or people:manage).
  static bool MayManage(const Principal& caller);

  // The channels the caller manages, id ascending, with their latest figures.
  base::Result<std::vector<ChannelView>> List(const Principal& caller);
  // Totals per unit of `views` (units by code).
  static std::vector<UnitChannelTotals> Totals(const std::vector<ChannelView>& views);
  // NotFound when absent or outside the caller's scope.
  base::Result<ChannelView> Get(const Principal& caller, int64_t id);
  // InvalidArgument with one "<field>: <what>" line per bad field (unit, kind, name, url,
  // admins, admin_contact, webhook_url); PermissionDenied "unit: outside your unit".
  base::Result<ChannelSaved> Create(const Principal& caller, const ChannelInput& input);
  // Replaces every field; a secret is made when a webhook is first set or rotate_secret is set,
  // and dropped when the webhook is removed.
  base::Result<ChannelSaved> Update(const Principal& caller, int64_t id, const ChannelInput& input);

  // Enters (or corrects) the figures of `figures.month` for channel `id` (figures.channel_id is
  // ignored). InvalidArgument naming the field ("month: must be YYYY-MM", "members: must not be
  // negative", ...).
  base::Status PutFigures(const Principal& caller, int64_t id, domain::ChannelFigures figures);
  // The last `limit` months (1..120), newest first.
  base::Result<std::vector<domain::ChannelFigures>> Figures(const Principal& caller, int64_t id,
                                                            int limit = 12);
  // The last `limit` deliveries (1..500), newest first.
  base::Result<std::vector<domain::WebhookDelivery>> Deliveries(const Principal& caller, int64_t id,
                                                                int limit = 50);
  // Queues a "test" event to the channel's webhook; FailedPrecondition "webhook_url: this
  // channel has no webhook" when it has none. Returns the delivery id.
  base::Result<int64_t> SendTest(const Principal& caller, int64_t id);
  // Queues failed delivery `delivery_id` of channel `id` again (attempts from zero, due now).
  // FailedPrecondition "status: only a failed delivery is sent again" otherwise.
  base::Status Resend(const Principal& caller, int64_t id, int64_t delivery_id);
  // Queues published warning `warning_id` to every active channel with a webhook (a channel
  // that already has it queued is skipped). Callers need programme:manage or reports:triage
  // (PermissionDenied otherwise); FailedPrecondition "warning <id>: not published". Returns how
  // many deliveries were queued.
  base::Result<int> SendWarning(const Principal& caller, int64_t warning_id);
  // Automatic sending: queues each warning or clarification published within the last 24 hours
  // (the 20 newest) to every active channel with a webhook and webhook_auto, created before
  // the warning was published, that does not have it yet. Returns how many were queued.
  base::Result<int> EnqueueRecentlyPublished();

  // Active channels grouped by unit (units by name), without admins or webhooks.
  base::Result<std::vector<PublicChannelUnit>> PublicList();

 private:
  struct Scope;
  base::Result<Scope> LoadScope(store::Transaction& tx, const Principal& caller);
  base::Result<domain::CommunityChannel> LoadInScope(store::Transaction& tx,
                                                     const Principal& caller, int64_t id);
  base::Result<domain::CommunityChannel> FromInput(store::Transaction& tx, const Scope& scope,
                                                   const ChannelInput& input) const;
  ChannelView View(const domain::CommunityChannel& c, std::string unit_name) const;
  base::Result<ChannelSaved> Save(const Principal& caller, std::optional<int64_t> id,
                                  const ChannelInput& input);
  // Queues `warning` to `channel` in `tx`; false when it was already queued.
  base::Result<bool> Enqueue(store::Transaction& tx, const domain::CommunityChannel& channel,
                             const domain::Warning& warning);

  store::Store& store_;
  const crypto::SecretBox& contact_box_;
  const base::Clock& clock_;
  crypto::Random& random_;
  ChannelsOptions options_;
};

}  // namespace binhyen::service
