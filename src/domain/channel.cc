#include "domain/channel.h"

#include <array>
#include <utility>

#include "domain/internal/rules.h"

namespace binhyen::domain {
namespace {

using internal::NameIn;
using internal::ParseIn;

constexpr std::array<std::pair<ChannelKind, std::string_view>, 4> kKinds = {{
    {ChannelKind::kZaloGroup, "zalo_group"},
    {ChannelKind::kFacebookPage, "facebook_page"},
    {ChannelKind::kWebsite, "website"},
    {ChannelKind::kOther, "other"},
}};

constexpr std::array<std::pair<DeliveryStatus, std::string_view>, 3> kDeliveryStatuses = {{
    {DeliveryStatus::kPending, "pending"},
    {DeliveryStatus::kDelivered, "delivered"},
    {DeliveryStatus::kFailed, "failed"},
}};

base::Status Bad(std::string_view field, std::string_view what) {
  return base::InvalidArgumentError(std::string(field) + ": " + std::string(what));
}

base::Status CheckFigure(std::string_view field, int64_t v) {
  if (v < 0) return Bad(field, "must not be negative");
  if (v > kMaxChannelFigure) return Bad(field, "must be at most 1000000000");
  return base::Status::Ok();
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::string_view Name(ChannelKind v) { return NameIn(kKinds, v); }
std::optional<ChannelKind> ParseChannelKind(std::string_view name) { return ParseIn(kKinds, name); }
std::string_view Name(DeliveryStatus v) { return NameIn(kDeliveryStatuses, v); }
std::optional<DeliveryStatus> ParseDeliveryStatus(std::string_view name) {
  return ParseIn(kDeliveryStatuses, name);
}

bool IsHttpUrl(std::string_view url) {
  std::string_view rest;
  if (url.starts_with("http://")) {
    rest = url.substr(7);
  } else if (url.starts_with("https://")) {
    rest = url.substr(8);
  } else {
    return false;
  }
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f || c == '"' || c == '<' || c == '>' ||
        c == '\\') {
      return false;
    }
  }
  const size_t end = rest.find_first_of("/?#");
  const std::string_view authority = rest.substr(0, end);
  if (authority.find('@') != std::string_view::npos) return false;  // no credentials in links
  return !authority.empty() && authority.front() != ':';
}

base::Status Validate(const CommunityChannel& c) {
  if (c.unit_code.empty()) return Bad("unit_code", "must not be empty");
  if (c.name.empty()) return Bad("name", "must not be empty");
  if (c.name.size() > kMaxChannelNameBytes) return Bad("name", "must be at most 200 bytes");
  if (c.url.size() > kMaxChannelUrlBytes) return Bad("url", "must be at most 500 bytes");
  if (!IsHttpUrl(c.url)) return Bad("url", "must start with http:// or https://");
  if (c.admins.size() > kMaxChannelAdminsBytes) return Bad("admins", "must be at most 1000 bytes");
  if (!c.webhook_url.empty()) {
    if (c.webhook_url.size() > kMaxChannelUrlBytes) {
      return Bad("webhook_url", "must be at most 500 bytes");
    }
    if (!IsHttpUrl(c.webhook_url)) return Bad("webhook_url", "must start with http:// or https://");
    if (!c.webhook_secret_ciphertext) {
      return Bad("webhook_secret_ciphertext", "required with a webhook");
    }
  }
  return base::Status::Ok();
}

bool IsMonth(std::string_view m) {
  if (m.size() != 7 || m[4] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6}) {
    if (!IsDigit(m[i])) return false;
  }
  if (m[0] != '2') return false;
  const int month = (m[5] - '0') * 10 + (m[6] - '0');
  return month >= 1 && month <= 12;
}

base::Status Validate(const ChannelFigures& f) {
  if (f.channel_id <= 0) return Bad("channel_id", "must be positive");
  if (!IsMonth(f.month)) return Bad("month", "must be YYYY-MM");
  BINHYEN_RETURN_IF_ERROR(CheckFigure("members", f.members));
  BINHYEN_RETURN_IF_ERROR(CheckFigure("warnings_relayed", f.warnings_relayed));
  return CheckFigure("reports_received", f.reports_received);
}

base::Status Validate(const WebhookDelivery& d) {
  if (d.channel_id <= 0) return Bad("channel_id", "must be positive");
  if (d.event.empty() || d.event.size() > 64) return Bad("event", "must be 1..64 bytes");
  if (d.body.empty()) return Bad("body", "must not be empty");
  if (d.body.size() > kMaxDeliveryBodyBytes) return Bad("body", "must be at most 65536 bytes");
  if (d.attempts < 0) return Bad("attempts", "must not be negative");
  if (d.last_error.size() > kMaxDeliveryErrorBytes) {
    return Bad("last_error", "must be at most 500 bytes");
  }
  return base::Status::Ok();
}

}  // namespace binhyen::domain
