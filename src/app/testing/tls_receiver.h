#pragma once

// Test support for https:// webhooks: a throwaway certificate authority made at run time (so
// nothing expires and no private key lives in the repository) and a TLS receiver on
// 127.0.0.1:0 that answers every POST with a fixed status and keeps what it received.

// Boost 1.74's coroutine headers need <utility> first under GCC 12 (DESIGN.md).
#include <utility>
//
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace binhyen::app::testing {

// A key and certificate in PEM.
struct PemPair {
  std::string key;
  std::string certificate;
};

namespace tls_internal {

using KeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using CertPtr = std::unique_ptr<X509, decltype(&X509_free)>;

inline std::string Pem(auto write, auto* object) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  write(bio.get(), object);
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(size));
}

inline void AddExtension(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  ASSERT_NE(ext, nullptr) << value;
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

// A certificate numbered `serial` for `key` and `common_name`, signed by `issuer_key` as
// `issuer` (self-signed when null), valid from `not_before_days` to `not_after_days` from now.
inline CertPtr MakeCertificate(long serial, EVP_PKEY* key, const std::string& common_name,
                               X509* issuer, EVP_PKEY* issuer_key, bool is_ca,
                               const std::string& san, long not_before_days = -1,
                               long not_after_days = 30) {
  CertPtr cert(X509_new(), X509_free);
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), not_before_days * 86400);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), not_after_days * 86400);
  X509_set_pubkey(cert.get(), key);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1,
                             0);
  X509* signer = issuer != nullptr ? issuer : cert.get();
  X509_set_issuer_name(cert.get(), X509_get_subject_name(signer));
  AddExtension(cert.get(), signer, NID_subject_key_identifier, "hash");
  AddExtension(cert.get(), signer, NID_authority_key_identifier, "keyid:always");
  if (is_ca) {
    AddExtension(cert.get(), signer, NID_basic_constraints, "critical,CA:TRUE");
    AddExtension(cert.get(), signer, NID_key_usage, "critical,keyCertSign,cRLSign");
  } else {
    AddExtension(cert.get(), signer, NID_basic_constraints, "critical,CA:FALSE");
    AddExtension(cert.get(), signer, NID_ext_key_usage, "serverAuth");
    AddExtension(cert.get(), signer, NID_subject_alt_name, san.c_str());
  }
  X509_sign(cert.get(), issuer_key != nullptr ? issuer_key : key, EVP_sha256());
  return cert;
}

}  // namespace tls_internal

// A certificate authority that issues server certificates.
// Thread safety: not thread-safe.
class TestCa {
 public:
  TestCa() : key_(EVP_EC_gen("P-256"), EVP_PKEY_free), cert_(nullptr, X509_free) {
    cert_ = tls_internal::MakeCertificate(1, key_.get(), "Binh Yen test CA", nullptr, nullptr,
                                          /*is_ca=*/true, "");
  }

  // The CA certificate in PEM (what a client trusts).
  std::string CertificatePem() const { return tls_internal::Pem(PEM_write_bio_X509, cert_.get()); }

  // A server certificate whose subjectAltName is `san` (e.g. "IP:127.0.0.1" or
  // "DNS:localhost"), valid for the given days around now.
  PemPair Issue(const std::string& san, long not_before_days = -1, long not_after_days = 30) const {
    tls_internal::KeyPtr key(EVP_EC_gen("P-256"), EVP_PKEY_free);
    tls_internal::CertPtr cert = tls_internal::MakeCertificate(
        ++last_serial_, key.get(), "webhook receiver", cert_.get(), key_.get(),
        /*is_ca=*/false, san, not_before_days, not_after_days);
    return {tls_internal::Pem(
                [](BIO* bio, EVP_PKEY* k) {
                  PEM_write_bio_PrivateKey(bio, k, nullptr, nullptr, 0, nullptr, nullptr);
                },
                key.get()),
            tls_internal::Pem(PEM_write_bio_X509, cert.get())};
  }

  // Writes the CA certificate to `path` and returns it.
  std::string WriteTo(const std::filesystem::path& path) const {
    std::ofstream(path) << CertificatePem();
    return path.string();
  }

 private:
  tls_internal::KeyPtr key_;
  tls_internal::CertPtr cert_;
  mutable long last_serial_ = 1;
};

// A TLS server on 127.0.0.1:0 presenting `identity`, answering every request with `status`.
// Keeps, per connection that completed a request, the body, the SNI name and the headers
// asked for. Connections that fail the handshake are counted. Stops in its destructor.
// Thread safety: received() and failed_handshakes() may be called from any thread.
class TlsReceiver {
 public:
  struct Received {
    std::string body;
    std::string server_name;  // SNI; empty when the client sent none
    std::string signature;    // X-BinhYen-Signature
  };

  TlsReceiver(const PemPair& identity, int status = 200)
      : status_(status),
        context_(boost::asio::ssl::context::tls_server),
        acceptor_(ioc_, {boost::asio::ip::make_address("127.0.0.1"), 0}) {
    context_.use_certificate_chain(boost::asio::buffer(identity.certificate));
    context_.use_private_key(boost::asio::buffer(identity.key), boost::asio::ssl::context::pem);
    Accept();
    thread_ = std::thread([this] { ioc_.run(); });
  }
  ~TlsReceiver() {
    ioc_.stop();
    thread_.join();
  }

  uint16_t port() const { return acceptor_.local_endpoint().port(); }
  std::vector<Received> received() {
    std::lock_guard<std::mutex> lock(mutex_);
    return received_;
  }
  int failed_handshakes() {
    std::lock_guard<std::mutex> lock(mutex_);
    return failed_handshakes_;
  }

 private:
  using Stream = boost::asio::ssl::stream<boost::asio::ip::tcp::socket>;

  struct Connection {
    explicit Connection(boost::asio::ip::tcp::socket socket, boost::asio::ssl::context& context)
        : stream(std::move(socket), context) {}
    Stream stream;
    boost::beast::flat_buffer buffer;
    boost::beast::http::request<boost::beast::http::string_body> request;
    boost::beast::http::response<boost::beast::http::string_body> response;
  };

  void Accept() {
    acceptor_.async_accept(
        [this](const boost::system::error_code& ec, boost::asio::ip::tcp::socket socket) {
          if (ec) return;
          auto c = std::make_shared<Connection>(std::move(socket), context_);
          c->stream.async_handshake(Stream::server, [this, c](const boost::system::error_code& e) {
            if (e) {
              std::lock_guard<std::mutex> lock(mutex_);
              ++failed_handshakes_;
              return;
            }
            Read(c);
          });
          Accept();
        });
  }

  void Read(const std::shared_ptr<Connection>& c) {
    boost::beast::http::async_read(
        c->stream, c->buffer, c->request, [this, c](const boost::system::error_code& e, size_t) {
          if (e) return;
          const char* sni =
              SSL_get_servername(c->stream.native_handle(), TLSEXT_NAMETYPE_host_name);
          {
            std::lock_guard<std::mutex> lock(mutex_);
            received_.push_back({c->request.body(), sni != nullptr ? sni : "",
                                 std::string(c->request["X-BinhYen-Signature"])});
          }
          c->response.result(status_);
          c->response.version(11);
          c->response.set(boost::beast::http::field::connection, "close");
          if (status_ != 204) c->response.body() = "{}";
          c->response.prepare_payload();
          boost::beast::http::async_write(
              c->stream, c->response, [c](const boost::system::error_code&, size_t) {
                c->stream.async_shutdown([c](const boost::system::error_code&) {});
              });
        });
  }

  int status_;
  boost::asio::io_context ioc_;
  boost::asio::ssl::context context_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::thread thread_;
  std::mutex mutex_;
  std::vector<Received> received_;
  int failed_handshakes_ = 0;
};

}  // namespace binhyen::app::testing
