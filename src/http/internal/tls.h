#pragma once

#include <memory>
#include <string>

#include "base/result.h"
#include "http/internal/asio.h"

namespace binhyen::http::internal {

// The OpenSSL cipher list for TLS 1.2 (Mozilla's "intermediate" profile without DHE): forward
// secrecy and authenticated encryption only. TLS 1.3 keeps OpenSSL's default suites.
inline constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

// A server TLS context: TLS 1.2 minimum, kTls12Ciphers, no compression or renegotiation, the
// certificate chain from `cert_file` and the private key from `key_file` (both PEM), read once.
// Returns InvalidArgument with one line naming the file:
//   "TLS certificate /x/cert.pem: cannot read: No such file or directory"
//   "TLS certificate /x/cert.pem: not a PEM certificate chain (<OpenSSL reason>)"
//   "TLS key /x/key.pem: not a PEM private key (<OpenSSL reason>)"
//   "TLS key /x/key.pem does not match the certificate /x/cert.pem"
// and "TLS needs both a certificate and a key" when only one is given.
// Thread safety: the returned context is shared by every I/O thread (OpenSSL's SSL_CTX is safe
// to create connections from concurrently once configured).
base::Result<std::unique_ptr<asio::ssl::context>> MakeTlsServerContext(const std::string& cert_file,
                                                                       const std::string& key_file);

}  // namespace binhyen::http::internal
