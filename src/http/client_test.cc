#include "http/client.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "http/metrics.h"
#include "http/server.h"

namespace binhyen::http {
namespace {

using namespace std::chrono_literals;

class ClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Router router;
    router.Add(Method::kPost, "/echo", [](Request& r) {
      Response resp = Response::Text(200, r.body);
      resp.headers.Set("X-Got-Header", std::string(r.Header("x-test").value_or("")));
      return resp;
    });
    router.Add(Method::kGet, "/close", [](Request&) {
      Response resp = Response::Text(200, "bye");
      resp.headers.Set("Connection", "close");  // dropped by the server: not a handler's call
      return resp;
    });
    ServerOptions options;
    options.port = 0;
    options.io_threads = 1;
    options.worker_threads = 2;
    options.idle_timeout = 100ms;
    options.access_log = false;
    server_ = std::make_unique<Server>(options, std::move(router), metrics_);
    ASSERT_TRUE(server_->Start().ok());
  }
  void TearDown() override { server_->Shutdown(2s); }

  MetricsRegistry metrics_;
  std::unique_ptr<Server> server_;
};

TEST_F(ClientTest, SendsHeadersAndBody) {
  auto client = Client::Connect("127.0.0.1", server_->port());
  ASSERT_TRUE(client.ok());
  Headers h;
  h.Set("X-Test", "yes");
  auto reply = client->Send(Method::kPost, "/echo", h, "tin báo");
  ASSERT_TRUE(reply.ok()) << reply.status().ToString();
  EXPECT_EQ(reply->status, 200);
  EXPECT_EQ(reply->body, "tin báo");
  EXPECT_EQ(reply->headers.Get("x-got-header").value_or(""), "yes");
  EXPECT_TRUE(client->connected());
}

TEST_F(ClientTest, ReconnectsAfterIdleClose) {
  auto client = Client::Connect("127.0.0.1", server_->port());
  ASSERT_TRUE(client.ok());
  ASSERT_TRUE(client->Send(Method::kPost, "/echo", {}, "1").ok());
  std::this_thread::sleep_for(500ms);  // the server's idle timeout (100 ms) closes it
  auto reply = client->Send(Method::kPost, "/echo", {}, "2");
  ASSERT_TRUE(reply.ok()) << reply.status().ToString();
  EXPECT_EQ(reply->body, "2");
}

TEST_F(ClientTest, HandlerCannotSetConnectionHeader) {
  auto client = Client::Connect("127.0.0.1", server_->port());
  ASSERT_TRUE(client.ok());
  auto reply = client->Send(Method::kGet, "/close");
  ASSERT_TRUE(reply.ok());
  EXPECT_EQ(reply->body, "bye");
  EXPECT_FALSE(reply->headers.Has("connection"));
  EXPECT_TRUE(client->connected());
}

TEST(ClientConnectTest, RefusedIsUnavailable) {
  // Bind and close a port so nothing listens there.
  MetricsRegistry metrics;
  ServerOptions options;
  options.port = 0;
  options.io_threads = 1;
  options.access_log = false;
  Server server(options, Router(), metrics);
  ASSERT_TRUE(server.Start().ok());
  const uint16_t port = server.port();
  server.Shutdown(0ms);
  auto client = Client::Connect("127.0.0.1", port);
  ASSERT_FALSE(client.ok());
  EXPECT_EQ(client.status().code(), base::StatusCode::kUnavailable);
  EXPECT_EQ(client.status().message().rfind("connect 127.0.0.1:" + std::to_string(port), 0), 0u);
}

}  // namespace
}  // namespace binhyen::http
