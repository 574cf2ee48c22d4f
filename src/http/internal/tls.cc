#include "http/internal/tls.h"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace binhyen::http::internal {
namespace {

// OpenSSL's reason for `ec` ("no start line"). Asio took the first error off OpenSSL's queue
// into `ec`; the rest is dropped.
std::string Reason(const beast::error_code& ec) {
  ERR_clear_error();
  if (ec.category() == asio::error::get_ssl_category()) {
    if (const char* reason = ERR_reason_error_string(static_cast<unsigned long>(ec.value()))) {
      return reason;
    }
  }
  return ec.message();
}

bool IsKeyMismatch(const beast::error_code& ec) {
  if (ec.category() != asio::error::get_ssl_category()) return false;
  const int reason = ERR_GET_REASON(static_cast<unsigned long>(ec.value()));
  return reason == X509_R_KEY_VALUES_MISMATCH || reason == X509_R_KEY_TYPE_MISMATCH;
}

base::Status CheckReadable(const std::string& what, const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return base::InvalidArgumentError(what + " " + path + ": cannot read: " + std::strerror(errno));
  }
  return base::Status::Ok();
}

}  // namespace

base::Result<std::unique_ptr<asio::ssl::context>> MakeTlsServerContext(
    const std::string& cert_file, const std::string& key_file) {
  if (cert_file.empty() || key_file.empty()) {
    return base::InvalidArgumentError("TLS needs both a certificate and a key");
  }
  BINHYEN_RETURN_IF_ERROR(CheckReadable("TLS certificate", cert_file));
  BINHYEN_RETURN_IF_ERROR(CheckReadable("TLS key", key_file));
  auto ctx = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_server);
  SSL_CTX* native = ctx->native_handle();
  SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION);
  // The client's order among these ciphers (all strong): a phone without AES instructions
  // picks ChaCha20 (Mozilla's "intermediate" advice).
  SSL_CTX_set_options(native, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);
#ifdef SSL_OP_IGNORE_UNEXPECTED_EOF
  // OpenSSL 3 reports a peer that closes without close_notify as an error, which Asio (Boost
  // 1.74) does not map to end of stream. Responses are framed by Content-Length: a truncation
  // cannot pass for a whole request, Beast's parser sees it as a partial message.
  SSL_CTX_set_options(native, SSL_OP_IGNORE_UNEXPECTED_EOF);
#endif
  if (SSL_CTX_set_cipher_list(native, kTls12Ciphers) != 1) {
    ERR_clear_error();
    return base::InternalError("TLS: cipher list refused");
  }
  ERR_clear_error();
  beast::error_code ec;
  ctx->use_certificate_chain_file(cert_file, ec);
  if (ec) {
    return base::InvalidArgumentError("TLS certificate " + cert_file +
                                      ": not a PEM certificate chain (" + Reason(ec) + ")");
  }
  // Loading the key checks it against the certificate; a key of another type fails there, one
  // of the same type but another pair fails the explicit check.
  ctx->use_private_key_file(key_file, asio::ssl::context::pem, ec);
  if (ec) {
    if (IsKeyMismatch(ec)) {
      ERR_clear_error();
      return base::InvalidArgumentError("TLS key " + key_file + " does not match the certificate " +
                                        cert_file);
    }
    return base::InvalidArgumentError("TLS key " + key_file + ": not a PEM private key (" +
                                      Reason(ec) + ")");
  }
  if (SSL_CTX_check_private_key(native) != 1) {
    ERR_clear_error();
    return base::InvalidArgumentError("TLS key " + key_file + " does not match the certificate " +
                                      cert_file);
  }
  return ctx;
}

}  // namespace binhyen::http::internal
