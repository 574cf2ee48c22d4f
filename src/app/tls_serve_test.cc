// `binhyen serve` over TLS (issue 10): a throwaway CA made at run time, a verifying client, the
// portal and the API over HTTPS, HSTS and Secure cookies only under TLS, keep-alive, a plain-HTTP
// client on the TLS port, a silent client, and the errors of bad certificate or key files.
#include "app/testing/tls_receiver.h"
//
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "app/testing/test_server.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/server.h"

namespace binhyen::app {
namespace {

namespace asio = boost::asio;
namespace ssl = boost::asio::ssl;
namespace bhttp = boost::beast::http;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;
using BeastReply = bhttp::response<bhttp::string_body>;
using namespace std::chrono_literals;

// A client on 127.0.0.1:`port` that trusts only `ca_pem` and checks that the certificate is for
// 127.0.0.1. Keeps its connection between requests. Thread safety: not thread-safe.
class TlsClient {
 public:
  TlsClient(uint16_t port, const std::string& ca_pem)
      : context_(ssl::context::tls_client), stream_(ioc_, context_) {
    context_.add_certificate_authority(asio::buffer(ca_pem));
    // On the stream: its SSL object took the context's settings when it was made.
    stream_.set_verify_mode(ssl::verify_peer);
    stream_.set_verify_callback(ssl::host_name_verification("127.0.0.1"));
    stream_.next_layer().connect({asio::ip::make_address("127.0.0.1"), port}, error_);
    if (!error_) stream_.handshake(ssl::stream_base::client, error_);
  }

  // The connection's or handshake's error (none when connected).
  const boost::system::error_code& error() const { return error_; }

  // GET `target` on the open connection; status 0 on a transport error.
  BeastReply Get(const std::string& target) {
    bhttp::request<bhttp::empty_body> request(bhttp::verb::get, target, 11);
    request.set(bhttp::field::host, "127.0.0.1");
    BeastReply reply;
    boost::system::error_code ec;
    bhttp::write(stream_, request, ec);
    if (!ec) bhttp::read(stream_, buffer_, reply, ec);
    EXPECT_FALSE(ec) << target << ": " << ec.message();
    if (ec) reply.result(0);
    return reply;
  }

 private:
  asio::io_context ioc_;
  ssl::context context_;
  ssl::stream<asio::ip::tcp::socket> stream_;
  boost::beast::flat_buffer buffer_;
  boost::system::error_code error_;
};

// Everything a plain TCP client receives after sending `bytes` (until the server closes).
std::string PlainExchange(uint16_t port, const std::string& bytes) {
  asio::io_context ioc;
  asio::ip::tcp::socket socket(ioc);
  boost::system::error_code ec;
  socket.connect({asio::ip::make_address("127.0.0.1"), port}, ec);
  EXPECT_FALSE(ec) << ec.message();
  if (!bytes.empty()) asio::write(socket, asio::buffer(bytes), ec);
  std::string received;
  char chunk[4096];
  for (;;) {
    const size_t n = socket.read_some(asio::buffer(chunk), ec);
    received.append(chunk, n);
    if (ec) break;
  }
  EXPECT_TRUE(ec == asio::error::eof || ec == asio::error::connection_reset) << ec.message();
  return received;
}

std::vector<std::string> SetCookies(const BeastReply& reply) {
  std::vector<std::string> out;
  for (auto [it, end] = reply.equal_range(bhttp::field::set_cookie); it != end; ++it) {
    out.emplace_back(it->value());
  }
  return out;
}

class TlsServeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/binhyen-tls-test-XXXXXX";
    const char* made = mkdtemp(tmpl);
    ASSERT_NE(made, nullptr);
    dir_ = made;
    const testing::PemPair identity = ca_.Issue("IP:127.0.0.1");
    cert_ = Write("cert.pem", identity.certificate);
    key_ = Write("key.pem", identity.key);
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  std::string Write(const std::string& name, const std::string& content) {
    const std::filesystem::path path = dir_ / name;
    std::ofstream(path) << content;
    return path.string();
  }

  // A bare http::Server answering GET /hello, over TLS with `cert` and `key`.
  static http::ServerOptions TlsOptions(const std::string& cert, const std::string& key) {
    http::ServerOptions options;
    options.port = 0;
    options.io_threads = 1;
    options.worker_threads = 1;
    options.access_log = false;
    options.tls_cert_file = cert;
    options.tls_key_file = key;
    return options;
  }
  static http::Router HelloRouter() {
    http::Router router;
    router.Add(http::Method::kGet, "/hello",
               [](http::Request&) { return http::Response::Text(200, "xin chào"); });
    return router;
  }
  // Start's error with TLS files `cert` and `key`.
  static std::string StartError(const std::string& cert, const std::string& key) {
    http::MetricsRegistry metrics;
    http::Server server(TlsOptions(cert, key), HelloRouter(), metrics);
    const base::Status status = server.Start();
    EXPECT_FALSE(status.ok());
    return status.message();
  }

  testing::TestCa ca_;
  std::filesystem::path dir_;
  std::string cert_;
  std::string key_;
};

TEST_F(TlsServeTest, PortalAndApiAnswerAVerifyingClientOverTls) {
  testing::TestServer server([this](ServeConfig& c) {
    c.tls_cert = cert_;
    c.tls_key = key_;
  });
  TlsClient client(server.port(), ca_.CertificatePem());
  ASSERT_FALSE(client.error()) << client.error().message();

  const BeastReply page = client.Get("/?lang=en");
  EXPECT_EQ(page.result_int(), 200);
  EXPECT_THAT(std::string(page[bhttp::field::content_type]), StartsWith("text/html"));
  EXPECT_THAT(page.body(), HasSubstr("<html"));
  EXPECT_EQ(page["Strict-Transport-Security"], "max-age=31536000");
  const std::vector<std::string> cookies = SetCookies(page);
  ASSERT_FALSE(cookies.empty());
  for (const std::string& cookie : cookies) EXPECT_THAT(cookie, HasSubstr("; Secure")) << cookie;

  // Keep-alive: the API answers on the same connection.
  const BeastReply check = client.Get("/api/v1/check?kind=phone&value=0912345678");
  EXPECT_EQ(check.result_int(), 200);
  EXPECT_EQ(check[bhttp::field::content_type], "application/json; charset=utf-8");
  EXPECT_EQ(check["Strict-Transport-Security"], "max-age=31536000");
  const nlohmann::json json = nlohmann::json::parse(check.body());
  EXPECT_EQ(json.at("kind"), "phone");
}

TEST_F(TlsServeTest, PlainHttpHasNeitherHstsNorSecureCookies) {
  testing::TestServer server;
  const testing::Call page = server.Send(http::Method::kGet, "/?lang=en");
  EXPECT_EQ(page.status, 200);
  EXPECT_FALSE(page.headers.Has("Strict-Transport-Security"));
  ASSERT_TRUE(page.headers.Get("Set-Cookie"));
  EXPECT_THAT(std::string(*page.headers.Get("Set-Cookie")), Not(HasSubstr("Secure")));
}

TEST_F(TlsServeTest, KeepAliveServesTwoRequestsOnOneTlsConnection) {
  http::MetricsRegistry metrics;
  http::Server server(TlsOptions(cert_, key_), HelloRouter(), metrics);
  ASSERT_TRUE(server.Start().ok());
  TlsClient client(server.port(), ca_.CertificatePem());
  ASSERT_FALSE(client.error()) << client.error().message();
  for (int i = 0; i < 2; ++i) {
    const BeastReply reply = client.Get("/hello");
    EXPECT_EQ(reply.result_int(), 200);
    EXPECT_EQ(reply.body(), "xin chào");
    EXPECT_TRUE(reply.keep_alive());
  }
  EXPECT_THAT(metrics.Render(), HasSubstr("binhyen_http_connections_open 1\n"));
  server.Shutdown(2s);
}

TEST_F(TlsServeTest, PlainHttpOnTheTlsPortGetsA400AndTheServerGoesOn) {
  http::MetricsRegistry metrics;
  http::Server server(TlsOptions(cert_, key_), HelloRouter(), metrics);
  ASSERT_TRUE(server.Start().ok());
  const std::string answer =
      PlainExchange(server.port(), "GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  EXPECT_THAT(answer, StartsWith("HTTP/1.1 400 Bad Request\r\n"));
  EXPECT_THAT(answer, HasSubstr("\r\nConnection: close\r\n"));
  EXPECT_THAT(answer, HasSubstr("use an https:// address"));
  EXPECT_THAT(answer, HasSubstr("hãy dùng địa chỉ https://"));

  // A broken TLS record: a TLS alert (content type 21), then the connection is closed.
  const std::string alert =
      PlainExchange(server.port(), std::string("\x16\x03\x01\x00\x05hello", 10));
  EXPECT_THAT(alert, StartsWith("\x15"));
  EXPECT_THAT(alert, Not(HasSubstr("HTTP/")));

  TlsClient client(server.port(), ca_.CertificatePem());
  ASSERT_FALSE(client.error()) << client.error().message();
  EXPECT_EQ(client.Get("/hello").body(), "xin chào");
  server.Shutdown(2s);
}

TEST_F(TlsServeTest, ASilentClientIsClosedWhenTheHandshakeTimesOut) {
  http::ServerOptions options = TlsOptions(cert_, key_);
  options.header_timeout = 200ms;
  http::MetricsRegistry metrics;
  http::Server server(std::move(options), HelloRouter(), metrics);
  ASSERT_TRUE(server.Start().ok());
  // Connects and sends nothing: the server closes the connection (the read ends) by itself.
  EXPECT_EQ(PlainExchange(server.port(), ""), "");
  TlsClient client(server.port(), ca_.CertificatePem());
  ASSERT_FALSE(client.error()) << client.error().message();
  EXPECT_EQ(client.Get("/hello").result_int(), 200);
  server.Shutdown(2s);
}

TEST_F(TlsServeTest, AClientThatDoesNotTrustTheCertificateIsRefusedAtTheHandshake) {
  http::MetricsRegistry metrics;
  http::Server server(TlsOptions(cert_, key_), HelloRouter(), metrics);
  ASSERT_TRUE(server.Start().ok());
  testing::TestCa other;
  TlsClient client(server.port(), other.CertificatePem());
  EXPECT_TRUE(client.error());
  server.Shutdown(2s);
}

TEST_F(TlsServeTest, BadCertificateOrKeyFilesAreOneLineErrors) {
  const std::string missing = (dir_ / "missing.pem").string();
  EXPECT_EQ(StartError(missing, key_),
            "TLS certificate " + missing + ": cannot read: No such file or directory");
  EXPECT_EQ(StartError(cert_, missing),
            "TLS key " + missing + ": cannot read: No such file or directory");
  const std::string junk = Write("junk.pem", "not a certificate\n");
  EXPECT_THAT(StartError(junk, key_),
              StartsWith("TLS certificate " + junk + ": not a PEM certificate chain ("));
  EXPECT_THAT(StartError(cert_, junk), StartsWith("TLS key " + junk + ": not a PEM private key ("));
  const std::string other_key = Write("other-key.pem", ca_.Issue("IP:127.0.0.1").key);
  EXPECT_EQ(StartError(cert_, other_key),
            "TLS key " + other_key + " does not match the certificate " + cert_);
  EXPECT_EQ(StartError(cert_, ""), "TLS needs both a certificate and a key");
  EXPECT_EQ(StartError("", key_), "TLS needs both a certificate and a key");
  for (const std::string& message :
       {StartError(junk, key_), StartError(cert_, junk), StartError(cert_, other_key)}) {
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  }
}

TEST_F(TlsServeTest, ServeConfigTakesTheFilesFromTomlAndEnvironment) {
  const std::string toml =
      Write("binhyen.toml", "[server]\ntls_cert = \"" + cert_ + "\"\ntls_key = \"" + key_ + "\"\n");
  base::Result<ServeConfig> from_file = LoadServeConfig(toml, {});
  ASSERT_TRUE(from_file.ok()) << from_file.status().message();
  EXPECT_EQ(from_file->tls_cert, cert_);
  EXPECT_EQ(from_file->tls_key, key_);
  base::Result<ServeConfig> from_env = LoadServeConfig(
      "", {{"BINHYEN_SERVER_TLS_CERT", "/a.pem"}, {"BINHYEN_SERVER_TLS_KEY", "/b"}});
  ASSERT_TRUE(from_env.ok()) << from_env.status().message();
  EXPECT_EQ(from_env->tls_cert, "/a.pem");
  EXPECT_EQ(from_env->tls_key, "/b");
}

}  // namespace
}  // namespace binhyen::app
