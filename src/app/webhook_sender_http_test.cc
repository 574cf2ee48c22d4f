// The HTTP transport of outgoing webhooks: which addresses it refuses (SSRF), https refused
// plainly, and a receiver that never answers ends in DeadlineExceeded.

#include "app/webhook_sender_http.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

namespace binhyen::app {
namespace {

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
  HttpWebhookSender sender({.allow_private = false});
  base::Result<int> r = sender.Post({"http://127.0.0.1:9/hook", {}, "{}"});
  EXPECT_EQ(r.status(), base::PermissionDeniedError(
                            "webhook_url: 127.0.0.1 resolves to a non-public address 127.0.0.1"));
  r = sender.Post({"http://localhost:9/hook", {}, "{}"});
  EXPECT_EQ(r.status().code(), base::StatusCode::kPermissionDenied);
}

TEST(WebhookSenderTest, RefusesHttpsAndBadUrls) {
  HttpWebhookSender sender({.allow_private = true});
  EXPECT_EQ(sender.Post({"https://hooks.example/x", {}, "{}"}).status(),
            base::InvalidArgumentError(
                "webhook_url: https is not supported by this server yet (no TLS client)"));
  EXPECT_EQ(sender.Post({"ftp://x/", {}, "{}"}).status().code(),
            base::StatusCode::kInvalidArgument);
  EXPECT_EQ(sender.Post({"http://127.0.0.1:0/", {}, "{}"}).status(),
            base::InvalidArgumentError("webhook_url: bad port"));
}

TEST(WebhookSenderTest, SilentReceiverTimesOut) {
  // A listening socket that is never accepted from: the kernel completes the connection, the
  // request is buffered, and no answer ever comes.
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::acceptor silent(
      ioc, boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
  const uint16_t port = silent.local_endpoint().port();
  HttpWebhookSender sender({.allow_private = true, .timeout = std::chrono::milliseconds(200)});
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
  HttpWebhookSender sender({.allow_private = true});
  base::Result<int> r = sender.Post({"http://127.0.0.1:" + std::to_string(port) + "/", {}, "{}"});
  EXPECT_EQ(r.status().code(), base::StatusCode::kUnavailable) << r.status().ToString();
}

}  // namespace
}  // namespace binhyen::app
