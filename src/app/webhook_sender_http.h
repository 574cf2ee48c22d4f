#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "base/result.h"
#include "service/webhook_dispatcher.h"

namespace binhyen::app {

struct HttpWebhookSenderOptions {
  // Whether webhook URLs may resolve to loopback, private, link-local, CGNAT, multicast or
  // other non-public addresses. Off in production (a webhook must not reach the server's own
  // network: SSRF); tests and a relay on the local network turn it on
  // (config [security] webhooks_allow_private).
  bool allow_private = false;
  // Connect + TLS handshake + request + answer, all together.
  std::chrono::milliseconds timeout{10'000};
  // A PEM file of certificate authorities trusted for https:// webhooks besides the system's
  // (Debian's ca-certificates, /etc/ssl/certs): a town's own CA for a receiver on its network,
  // or a test CA (config [security] webhooks_ca_file). Empty: the system's only.
  std::string ca_file;
};

// The HTTP(S) transport of outgoing webhooks (Boost.Beast over one fresh TCP connection per
// call; OpenSSL through Boost.Asio's ssl::stream for https://).
// - The host is resolved once; every address must be public unless allow_private
//   (PermissionDenied "webhook_url: <host> resolves to a non-public address <ip>") and the
//   connection goes to those same addresses (no second lookup an attacker could rebind).
// - https:// verifies the receiver like a browser would: TLS 1.2 or newer, a chain to a trusted
//   CA (the system's plus options.ca_file), and the certificate must name the URL's host (DNS
//   name or IP address, RFC 2818 / 6125). The host name goes out as SNI unless it is an IP
//   address. A failed verification is Unavailable "webhook tls handshake <host:port>: ...": the
//   body is never sent to a receiver that could not prove who it is.
// - The answer's body is read up to 64 KiB and ignored.
// Thread safety: thread-safe (each call has its own io_context and TLS context).
class HttpWebhookSender final : public service::WebhookSender {
 public:
  explicit HttpWebhookSender(HttpWebhookSenderOptions options) : options_(std::move(options)) {}
  base::Result<int> Post(const service::WebhookRequest& request) override;

 private:
  HttpWebhookSenderOptions options_;
};

// Whether `address` (IPv4 dotted or IPv6 text) is a public unicast address. False for
// loopback, private (RFC 1918, fc00::/7), link-local, CGNAT (100.64/10), unspecified,
// multicast, broadcast, documentation / benchmark ranges, and text that is not an address.
bool IsPublicAddress(std::string_view address);

}  // namespace binhyen::app
