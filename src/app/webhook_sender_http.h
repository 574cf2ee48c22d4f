#pragma once

#include <chrono>
#include <memory>
#include <string_view>

#include "base/result.h"
#include "service/webhook_dispatcher.h"

namespace binhyen::app {

struct HttpWebhookSenderOptions {
  // Whether webhook URLs may resolve to loopback, private, link-local, CGNAT, multicast or
  // other non-public addresses. Off in production (a webhook must not reach the server's own
  // network: SSRF); tests and a relay on the local network turn it on
  // (config [security] webhooks_allow_private).
  bool allow_private = false;
  // Connect + request + answer, all together.
  std::chrono::milliseconds timeout{10'000};
};

// The HTTP transport of outgoing webhooks (Boost.Beast over one fresh TCP connection per call).
// Plain http:// only: this server links no TLS client, so https:// URLs are refused with
// InvalidArgument "webhook_url: https is not supported ..." (service::Channels refuses them
// when saved already). The host is resolved once; every address must be public unless
// allow_private (PermissionDenied "webhook_url: <host> resolves to a non-public address <ip>")
// and the connection goes to those same addresses (no second lookup an attacker could
// rebind). The answer's body is read up to 64 KiB and ignored.
// Thread safety: thread-safe (each call has its own io_context).
class HttpWebhookSender final : public service::WebhookSender {
 public:
  explicit HttpWebhookSender(HttpWebhookSenderOptions options) : options_(options) {}
  base::Result<int> Post(const service::WebhookRequest& request) override;

 private:
  HttpWebhookSenderOptions options_;
};

// Whether `address` (IPv4 dotted or IPv6 text) is a public unicast address. False for
// loopback, private (RFC 1918, fc00::/7), link-local, CGNAT (100.64/10), unspecified,
// multicast, broadcast, documentation / benchmark ranges, and text that is not an address.
bool IsPublicAddress(std::string_view address);

}  // namespace binhyen::app
