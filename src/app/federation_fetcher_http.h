#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>

#include "app/data_dir.h"
#include "base/result.h"
#include "service/federation.h"

namespace binhyen::app {

// The instance's federation signing key: <data>/keys/federation.key (crypto::SigningKey seed).
inline std::filesystem::path FederationKeyFile(const DataDir& data_dir) {
  return data_dir.keys_dir() / "federation.key";
}

struct HttpFederationFetcherOptions {
  // Connect + TLS handshake + request + answer, all together.
  std::chrono::milliseconds timeout{30'000};
  // A larger answer is refused (a page of 10,000 entries is a few MiB).
  uint64_t max_body_bytes = uint64_t{32} << 20;
  // A PEM file of certificate authorities trusted for https:// peers besides the system's
  // (config [security] webhooks_ca_file); empty: the system's only.
  std::string ca_file;
};

// The HTTP(S) transport of federation pulls: GET <peer.url>/api/v1/federation/feed?since=S&
// limit=N over one fresh connection (Boost.Beast; OpenSSL for https://, verifying the peer's
// certificate and host name like a browser). Peers are configured by an administrator, so
// private and loopback addresses are allowed (a town's instances often share a network).
// Errors: InvalidArgument for a URL that is not http(s)://; Unavailable for connection,
// TLS and non-200 answers ("HTTP 503: <start of body>"); DeadlineExceeded after the timeout;
// PayloadTooLarge beyond max_body_bytes.
// Thread safety: thread-safe (each call has its own io_context and TLS context).
class HttpFederationFetcher final : public service::FederationFetcher {
 public:
  explicit HttpFederationFetcher(HttpFederationFetcherOptions options = {})
      : options_(std::move(options)) {}
  base::Result<service::FederationPage> Fetch(const domain::Peer& peer, int64_t since,
                                              int limit) override;

 private:
  HttpFederationFetcherOptions options_;
};

}  // namespace binhyen::app
