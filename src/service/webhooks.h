#pragma once

#include <string>
#include <string_view>

#include "base/clock.h"
#include "domain/channel.h"
#include "domain/warning.h"

namespace binhyen::service {

// The wire format of outgoing webhooks (docs/API.md, "Outgoing webhooks").
//
// POST <webhook_url> with Content-Type: application/json and the headers
//   X-BinhYen-Event: <event>            "warning.published", "clarification.published", "test"
//   X-BinhYen-Delivery: <delivery id>   the same id on every retry of one delivery
//   X-BinhYen-Timestamp: <unix seconds> when this attempt was signed
//   X-BinhYen-Signature: sha256=<hex>   HMAC-SHA256(secret, timestamp + "." + body)
// A receiver recomputes the HMAC over the raw body bytes, compares in constant time and
// refuses timestamps more than 5 minutes old (replays). A 2xx answer means delivered.

inline constexpr std::string_view kWebhookTestEvent = "test";

// "warning.published" or "clarification.published".
std::string_view WarningEvent(const domain::Warning& warning);

// The JSON body: {"event", "warning": {"title", "summary", "url", "category", "published_at"},
// "channel": {"id", "name"}}. summary: the first 300 bytes of the body's text (Markdown marks
// removed, cut at a UTF-8 boundary); url: public_url + "/canh-bao/<slug>" (or "/dinh-chinh/"
// for a clarification); category: its name or null; published_at: RFC 3339.
std::string WebhookWarningBody(const domain::Warning& warning,
                               const domain::CommunityChannel& channel,
                               std::string_view public_url);
// The body of a "test" event: {"event": "test", "warning": null, "channel": {...},
// "sent_at": RFC 3339}.
std::string WebhookTestBody(const domain::CommunityChannel& channel, base::TimePoint at);

// "sha256=" + HMAC-SHA256 hex of (timestamp + "." + body) under `secret`.
std::string WebhookSignature(std::string_view secret, std::string_view timestamp,
                             std::string_view body);

}  // namespace binhyen::service
