// The HTTP(S) transport of outgoing webhooks: which addresses it refuses (SSRF), https:// to a
// loopback TLS receiver whose certificate comes from a CA made at run time (trusted through
// ca_file, SNI, IP and DNS names checked, untrusted / mismatched / expired certificates refused
// before any byte of the body leaves), and a receiver that never answers ends in
// DeadlineExceeded.

#include "app/webhook_sender_http.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <filesystem>
#include <thread>

#include "app/testing/tls_receiver.h"

namespace binhyen::app {
namespace {

using testing::TestCa;
using testing::TlsReceiver;

HttpWebhookSenderOptions Loopback(std::string ca_file = "") {
  HttpWebhookSenderOptions options;
  options.allow_private = true;
  options.ca_file = std::move(ca_file);
  return options;
}

TEST(WebhookSenderTest, PublicAddresses) {
  for (const char* a : {"1.1.1.1", "203.113.131.1", "2001:4860:4860::8888", "14.225.0.1"}) {
    EXPECT_TRUE(IsPublicAddress(a)) << a;
  }
  for (const char* a :
       {"127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254",
        "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fd00::1",
        "::ffff:127.0.0.1", "::ffff:10.0.0.1", "64:ff9b::a00:1", "2001:db8::1", "not an ip"}) {
    EXPECT_FALSE(IsPublicAddress(a)) << a;
  }
}

TEST(WebhookSenderTest, RefusesLoopbackUnlessAllowed) {
  HttpWebhookSender sender(HttpWebhookSenderOptions{});
  base::Result<int> r = sender.Post({"http://127.0.0.1:9/hook", {}, "{}"});
  EXPECT_EQ(r.status(), base::PermissionDeniedError(
                            "webhook_url: 127.0.0.1 resolves to a non-public address 127.0.0.1"));
  r = sender.Post({"http://localhost:9/hook", {}, "{}"});
  EXPECT_EQ(r.status().code(), base::StatusCode::kPermissionDenied);
}

TEST(WebhookSenderTest, RefusesBadUrls) {
  HttpWebhookSender sender(Loopback());
  EXPECT_EQ(sender.Post({"ftp://x/", {}, "{}"}).status(),
            base::InvalidArgumentError("webhook_url: not http:// or https://"));
  EXPECT_EQ(sender.Post({"http://127.0.0.1:0/", {}, "{}"}).status(),
            base::InvalidArgumentError("webhook_url: bad port"));
  EXPECT_EQ(sender.Post({"https://:443/", {}, "{}"}).status(),
            base::InvalidArgumentError("webhook_url: no host"));
}

TEST(WebhookSenderTest, HttpsLoopbackIsRefusedUnlessAllowed) {
  HttpWebhookSender sender(HttpWebhookSenderOptions{});
  EXPECT_EQ(sender.Post({"https://127.0.0.1/hook", {}, "{}"}).status(),
            base::PermissionDeniedError(
                "webhook_url: 127.0.0.1 resolves to a non-public address 127.0.0.1"));
}

class WebhookSenderTlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("binhyen-tls-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    ca_file_ = ca_.WriteTo(dir_ / "ca.pem");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  static std::string Url(const std::string& host, const TlsReceiver& receiver) {
    return "https://" + host + ":" + std::to_string(receiver.port()) + "/hook?x=1";
  }

  TestCa ca_;
  std::filesystem::path dir_;
  std::string ca_file_;
};

TEST_F(WebhookSenderTlsTest, DeliversToATrustedReceiverByAddress) {
  TlsReceiver receiver(ca_.Issue("IP:127.0.0.1"), 204);
  HttpWebhookSender sender(Loopback(ca_file_));
  base::Result<int> r = sender.Post(
      {Url("127.0.0.1", receiver), {{"X-BinhYen-Signature", "sha256=ab"}}, "{\"a\":1}"});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, 204);
  const auto received = receiver.received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].body, "{\"a\":1}");
  EXPECT_EQ(received[0].signature, "sha256=ab");
  EXPECT_EQ(received[0].server_name, "");  // no SNI for an IP address (RFC 6066)
}

TEST_F(WebhookSenderTlsTest, DeliversToATrustedReceiverByNameWithSni) {
  TlsReceiver receiver(ca_.Issue("DNS:localhost"), 200);
  HttpWebhookSender sender(Loopback(ca_file_));
  base::Result<int> r = sender.Post({Url("localhost", receiver), {}, "{}"});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, 200);
  const auto received = receiver.received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].server_name, "localhost");
}

TEST_F(WebhookSenderTlsTest, AReceiverAnsweringAnErrorIsStillAnAnswer) {
  TlsReceiver receiver(ca_.Issue("IP:127.0.0.1"), 503);
  HttpWebhookSender sender(Loopback(ca_file_));
  EXPECT_EQ(sender.Post({Url("127.0.0.1", receiver), {}, "{}"}).value(), 503);
}

TEST_F(WebhookSenderTlsTest, UntrustedCertificateIsRefusedBeforeTheBodyIsSent) {
  TlsReceiver receiver(ca_.Issue("IP:127.0.0.1"));
  HttpWebhookSender sender(Loopback());  // the system's CAs only
  base::Result<int> r = sender.Post({Url("127.0.0.1", receiver), {}, "{}"});
  EXPECT_EQ(r.status().code(), base::StatusCode::kUnavailable);
  EXPECT_EQ(r.status().message(),
            "webhook tls handshake 127.0.0.1:" + std::to_string(receiver.port()) +
                ": certificate not accepted: unable to get local issuer "
                "certificate");
  EXPECT_TRUE(receiver.received().empty());
}

TEST_F(WebhookSenderTlsTest, CertificateForAnotherNameIsRefused) {
  TlsReceiver by_name(ca_.Issue("DNS:hooks.example"));
  HttpWebhookSender sender(Loopback(ca_file_));
  base::Result<int> r = sender.Post({Url("127.0.0.1", by_name), {}, "{}"});
  EXPECT_THAT(r.status().message(),
              ::testing::EndsWith("certificate not accepted: IP address mismatch"));
  r = sender.Post({Url("localhost", by_name), {}, "{}"});
  EXPECT_THAT(r.status().message(),
              ::testing::EndsWith("certificate not accepted: hostname mismatch"));
  EXPECT_TRUE(by_name.received().empty());
}

TEST_F(WebhookSenderTlsTest, ExpiredCertificateIsRefused) {
  TlsReceiver receiver(ca_.Issue("IP:127.0.0.1", -30, -1));
  HttpWebhookSender sender(Loopback(ca_file_));
  base::Result<int> r = sender.Post({Url("127.0.0.1", receiver), {}, "{}"});
  EXPECT_THAT(r.status().message(),
              ::testing::EndsWith("certificate not accepted: certificate has expired"));
  EXPECT_TRUE(receiver.received().empty());
}

TEST_F(WebhookSenderTlsTest, PlainHttpServerOnAnHttpsUrlFailsTheHandshake) {
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::acceptor closing(
      ioc, boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
  const uint16_t port = closing.local_endpoint().port();
  std::thread answer([&closing] {
    boost::asio::ip::tcp::socket s = closing.accept();
    boost::system::error_code ignored;
    boost::asio::write(s, boost::asio::buffer(std::string("HTTP/1.1 400 Bad Request\r\n\r\n")),
                       ignored);
    s.shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
  });
  HttpWebhookSender sender(Loopback(ca_file_));
  base::Result<int> r = sender.Post({"https://127.0.0.1:" + std::to_string(port) + "/", {}, "{}"});
  answer.join();
  EXPECT_EQ(r.status().code(), base::StatusCode::kUnavailable) << r.status().ToString();
  EXPECT_THAT(r.status().message(), ::testing::StartsWith("webhook tls handshake 127.0.0.1:"));
}

TEST_F(WebhookSenderTlsTest, UnreadableCaFileIsAClearError) {
  HttpWebhookSender sender(Loopback((dir_ / "missing.pem").string()));
  base::Result<int> r = sender.Post({"https://127.0.0.1:9/", {}, "{}"});
  EXPECT_EQ(r.status().code(), base::StatusCode::kFailedPrecondition);
  EXPECT_THAT(r.status().message(),
              ::testing::StartsWith("webhook tls: cannot load webhooks_ca_file " +
                                    (dir_ / "missing.pem").string() + ": "));
}

TEST(WebhookSenderTest, SilentReceiverTimesOut) {
  // A listening socket that is never accepted from: the kernel completes the connection, the
  // request is buffered, and no answer ever comes.
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::acceptor silent(
      ioc, boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
  const uint16_t port = silent.local_endpoint().port();
  HttpWebhookSenderOptions options = Loopback();
  options.timeout = std::chrono::milliseconds(200);
  HttpWebhookSender sender(options);
  base::Result<int> r = sender.Post({"http://127.0.0.1:" + std::to_string(port) + "/", {}, "{}"});
  EXPECT_EQ(r.status().code(), base::StatusCode::kDeadlineExceeded) << r.status().ToString();
}

TEST(WebhookSenderTest, ClosedPortIsUnavailable) {
  uint16_t port = 0;
  {
    boost::asio::io_context ioc;
    boost::asio::ip::tcp::acceptor a(
        ioc, boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
    port = a.local_endpoint().port();
  }
  HttpWebhookSender sender(Loopback());
  base::Result<int> r = sender.Post({"http://127.0.0.1:" + std::to_string(port) + "/", {}, "{}"});
  EXPECT_EQ(r.status().code(), base::StatusCode::kUnavailable) << r.status().ToString();
}

}  // namespace
}  // namespace binhyen::app
