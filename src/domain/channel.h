#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/status.h"

namespace binhyen::domain {

// What a community channel is ("mô hình"): a security Zalo group, a fanpage, a website.
enum class ChannelKind { kZaloGroup, kFacebookPage, kWebsite, kOther };
std::string_view Name(ChannelKind v);  // "zalo_group" "facebook_page" "website" "other"
std::optional<ChannelKind> ParseChannelKind(std::string_view name);

// A community channel run by a unit, relaying the standing office's warnings to residents.
struct CommunityChannel {
  int64_t id = 0;         // assigned by the store
  std::string unit_code;  // the unit that runs it (units.code); required
  ChannelKind kind = ChannelKind::kZaloGroup;
  std::string name;    // 1..200 bytes
  std::string url;     // public link (join link, page); http(s)://..., 1..500 bytes
  std::string admins;  // who runs it: names and roles, free text, 0..1000 bytes; no phones
  // An admin's contact, encrypted by the service layer with the contact SecretBox.
  std::optional<std::string> admin_contact_ciphertext;
  bool active = true;
  // Outgoing webhook: "" when none; http(s)://..., at most 500 bytes.
  std::string webhook_url;
  // The webhook's signing secret, encrypted with the contact SecretBox; set with webhook_url.
  std::optional<std::string> webhook_secret_ciphertext;
  // Whether published warnings and clarifications are sent to the webhook automatically.
  bool webhook_auto = false;
  base::TimePoint created_at{};
  base::TimePoint updated_at{};
  friend bool operator==(const CommunityChannel&, const CommunityChannel&) = default;
};

inline constexpr size_t kMaxChannelNameBytes = 200;
inline constexpr size_t kMaxChannelUrlBytes = 500;
inline constexpr size_t kMaxChannelAdminsBytes = 1000;

// InvalidArgument naming the field ("unit_code: must not be empty", "name: must not be empty",
// "url: must start with http:// or https://", "admins: must be at most 1000 bytes",
// "webhook_url: ...", "webhook_secret_ciphertext: required with a webhook").
base::Status Validate(const CommunityChannel& channel);

// Whether `url` is an absolute http(s) URL with a host and no spaces or control characters.
bool IsHttpUrl(std::string_view url);

// A channel's figures for one month.
struct ChannelFigures {
  int64_t channel_id = 0;
  std::string month;  // "YYYY-MM"
  int64_t members = 0;
  int64_t warnings_relayed = 0;
  int64_t reports_received = 0;
  base::TimePoint updated_at{};
  friend bool operator==(const ChannelFigures&, const ChannelFigures&) = default;
};

// The largest figure accepted (a town's channel never has a billion members).
inline constexpr int64_t kMaxChannelFigure = 1'000'000'000;

// InvalidArgument naming the field ("month: must be YYYY-MM", "members: must not be
// negative", "members: must be at most 1000000000", ...).
base::Status Validate(const ChannelFigures& figures);
// Whether `month` is "YYYY-MM" with a year 2000..2999 and a month 01..12.
bool IsMonth(std::string_view month);

enum class DeliveryStatus { kPending, kDelivered, kFailed };
std::string_view Name(DeliveryStatus v);  // "pending" "delivered" "failed"
std::optional<DeliveryStatus> ParseDeliveryStatus(std::string_view name);

// One outgoing webhook call (an event sent to one channel) and its progress.
struct WebhookDelivery {
  int64_t id = 0;  // assigned by the store
  int64_t channel_id = 0;
  std::string event;                  // "warning.published", "clarification.published", "test"
  std::optional<int64_t> warning_id;  // the warning it is about (none for "test")
  std::string body;                   // the JSON sent, fixed when enqueued (signed as is)
  DeliveryStatus status = DeliveryStatus::kPending;
  int attempts = 0;
  base::TimePoint next_attempt_at{};  // when pending: not before this time
  std::optional<int> last_http_status;
  std::string last_error;  // "" when none; at most 500 bytes
  base::TimePoint created_at{};
  std::optional<base::TimePoint> last_attempt_at;
  std::optional<base::TimePoint> delivered_at;
  friend bool operator==(const WebhookDelivery&, const WebhookDelivery&) = default;
};

inline constexpr size_t kMaxDeliveryErrorBytes = 500;
inline constexpr size_t kMaxDeliveryBodyBytes = 64 * 1024;

// InvalidArgument naming the field ("event: ...", "body: ...", "attempts: ...").
base::Status Validate(const WebhookDelivery& delivery);

}  // namespace binhyen::domain
