#include "http/server.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "http/client.h"
#include "http/internal/test_socket.h"
#include "http/metrics.h"

namespace binhyen::http {
namespace {

using internal::TestSocket;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::Not;
using ::testing::StartsWith;
using namespace std::chrono_literals;

ServerOptions TestOptions() {
  ServerOptions options;
  options.host = "127.0.0.1";
  options.port = 0;
  options.io_threads = 2;
  options.worker_threads = 2;
  return options;
}

class ServerTest : public ::testing::Test {
 protected:
  void StartServer(Router router, ServerOptions options = TestOptions()) {
    options.access_log_sink = [this](std::string_view line) {
      std::lock_guard<std::mutex> lock(log_mu_);
      log_lines_.emplace_back(line);
    };
    server_ = std::make_unique<Server>(std::move(options), std::move(router), metrics_);
    base::Status status = server_->Start();
    ASSERT_TRUE(status.ok()) << status.ToString();
  }

  void TearDown() override {
    if (server_) server_->Shutdown(2s);
  }

  Client Connect() {
    auto client = Client::Connect("127.0.0.1", server_->port());
    EXPECT_TRUE(client.ok()) << client.status().ToString();
    return std::move(client).value();
  }

  Client::Reply Get(std::string_view target, const Headers& headers = {}) {
    Client client = Connect();
    auto reply = client.Send(Method::kGet, target, headers);
    EXPECT_TRUE(reply.ok()) << reply.status().ToString();
    return reply.ok() ? std::move(reply).value() : Client::Reply{};
  }

  std::vector<std::string> LogLines() {
    std::lock_guard<std::mutex> lock(log_mu_);
    return log_lines_;
  }

  MetricsRegistry metrics_;
  std::unique_ptr<Server> server_;
  std::mutex log_mu_;
  std::vector<std::string> log_lines_;
};

Router EchoRouter() {
  Router router;
  router.Add(Method::kGet, "/hello", [](Request&) { return Response::Text(200, "hello"); });
  router.Add(Method::kGet, "/reports/{id}", [](Request& r) {
    return Response::Text(200, "report " + std::string(r.PathParam("id")) + " route " + r.route);
  });
  router.Add(Method::kPost, "/reports", [](Request& r) {
    return Response::Json(201, "{\"len\":" + std::to_string(r.body.size()) + "}");
  });
  router.Add(Method::kGet, "/query", [](Request& r) {
    return Response::Text(200, std::string(r.Query("q").value_or("-")));
  });
  return router;
}

TEST_F(ServerTest, RoutesWithParams) {
  StartServer(EchoRouter());
  Client::Reply reply = Get("/reports/a%20b");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, "report a b route /reports/{id}");
  EXPECT_EQ(reply.headers.Get("content-type").value_or(""), "text/plain; charset=utf-8");
  EXPECT_EQ(Get("/query?q=ph%E1%BB%95+h%C3%B2a").body, "phổ hòa");
}

TEST_F(ServerTest, UnknownPathIs404ProblemJson) {
  StartServer(EchoRouter());
  Client::Reply reply = Get("/nope");
  EXPECT_EQ(reply.status, 404);
  EXPECT_EQ(reply.headers.Get("content-type").value_or(""), "application/problem+json");
  EXPECT_THAT(reply.body, StartsWith(R"({"type":"about:blank","title":"Not Found","status":404,)"));
  EXPECT_THAT(reply.body, HasSubstr(R"("detail_vi":"Không tìm thấy nội dung tại địa chỉ này.")"));
}

TEST_F(ServerTest, WrongMethodIs405WithAllow) {
  StartServer(EchoRouter());
  Client client = Connect();
  auto reply = client.Send(Method::kDelete, "/reports");
  ASSERT_TRUE(reply.ok());
  EXPECT_EQ(reply->status, 405);
  EXPECT_EQ(reply->headers.Get("allow").value_or(""), "POST");
  // The connection stays usable after a 405 without a body.
  auto again = client.Send(Method::kGet, "/hello");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->body, "hello");
}

// A response far larger than the socket buffers: the first, non-blocking write takes what the
// kernel accepts and the rest goes out asynchronously, whole and in order, even to a client that
// starts reading only later; the connection then serves the next request.
TEST_F(ServerTest, ResponseLargerThanTheSocketBuffersArrivesWhole) {
  std::string big(8 << 20, '\0');
  for (size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>('a' + (i * 7) % 26);
  Router router;
  router.Add(Method::kGet, "/big", [&big](Request&) { return Response::Text(200, big); });
  router.Add(Method::kGet, "/hello", [](Request&) { return Response::Text(200, "hello"); });
  StartServer(std::move(router));
  TestSocket socket(server_->port());
  ASSERT_TRUE(socket.Send("GET /big HTTP/1.1\r\nHost: x\r\n\r\n"));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the server fills the buffers
  const std::string reply = socket.ReadResponse();
  const size_t body = reply.find("\r\n\r\n");
  ASSERT_NE(body, std::string::npos);
  EXPECT_THAT(reply.substr(0, body), HasSubstr("Content-Length: 8388608"));
  EXPECT_TRUE(reply.substr(body + 4) == big) << "body of " << reply.size() - body - 4 << " bytes";
  ASSERT_TRUE(socket.Send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_THAT(socket.ReadResponse(), testing::EndsWith("hello"));
}

TEST_F(ServerTest, MalformedQueryIs400BeforeHandler) {
  std::atomic<int> calls{0};
  Router router;
  router.Add(Method::kGet, "/x", [&calls](Request&) {
    ++calls;
    return Response::Text(200, "x");
  });
  StartServer(std::move(router));
  EXPECT_EQ(Get("/x?a=%zz").status, 400);
  EXPECT_EQ(calls.load(), 0);
}

TEST_F(ServerTest, PostBodyReachesHandler) {
  StartServer(EchoRouter());
  Client client = Connect();
  auto reply = client.Send(Method::kPost, "/reports", {}, std::string(1000, 'x'));
  ASSERT_TRUE(reply.ok());
  EXPECT_EQ(reply->status, 201);
  EXPECT_EQ(reply->body, R"({"len":1000})");
}

TEST_F(ServerTest, HeadIsGetWithoutBody) {
  StartServer(EchoRouter());
  TestSocket socket(server_->port());
  ASSERT_TRUE(socket.ok());
  ASSERT_TRUE(
      socket.Send("HEAD /hello HTTP/1.1\r\nHost: x\r\n\r\nGET /hello HTTP/1.1\r\nHost: x\r\n\r\n"));
  const std::string head = socket.ReadResponse(/*head_request=*/true);
  EXPECT_THAT(head, StartsWith("HTTP/1.1 200 OK\r\n"));
  EXPECT_THAT(head, HasSubstr("Content-Length: 5\r\n"));
  EXPECT_THAT(head, Not(HasSubstr("hello")));
  // The next response follows directly: no body bytes were sent for HEAD.
  const std::string get = socket.ReadResponse();
  EXPECT_THAT(get, StartsWith("HTTP/1.1 200 OK\r\n"));
  EXPECT_THAT(get, testing::EndsWith("\r\n\r\nhello"));
}

TEST_F(ServerTest, OversizedContentLengthIs413WithoutReadingBody) {
  std::atomic<int> calls{0};
  Router router;
  router.Add(Method::kPost, "/upload", [&calls](Request&) {
    ++calls;
    return Response::Text(200, "stored");
  });
  StartServer(std::move(router));
  TestSocket socket(server_->port());
  ASSERT_TRUE(
      socket.Send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  "Content-Length: 30000000\r\n\r\n"));
  const std::string reply = socket.ReadAll();
  EXPECT_THAT(reply, StartsWith("HTTP/1.1 413 Content Too Large\r\n"));
  EXPECT_THAT(reply, HasSubstr("Connection: close\r\n"));
  EXPECT_THAT(reply, HasSubstr(R"("detail":"The request body is larger than 1048576 bytes.")"));
  EXPECT_TRUE(socket.closed_by_peer());
  EXPECT_EQ(calls.load(), 0);
}

TEST_F(ServerTest, ChunkedBodyOverLimitIs413) {
  Router router;
  RouteOptions small;
  small.max_body_bytes = 10;
  router.Add(
      Method::kPost, "/small", [](Request&) { return Response::Text(200, "ok"); }, small);
  StartServer(std::move(router));
  TestSocket socket(server_->port());
  ASSERT_TRUE(
      socket.Send("POST /small HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                  "14\r\n01234567890123456789\r\n0\r\n\r\n"));
  EXPECT_THAT(socket.ReadAll(), StartsWith("HTTP/1.1 413 "));
}

TEST_F(ServerTest, MultipartRoutesHaveTheirOwnLimit) {
  Router router;
  RouteOptions intake;
  intake.max_body_bytes = 100;
  intake.max_multipart_body_bytes = 1000;
  router.Add(
      Method::kPost, "/intake",
      [](Request& r) { return Response::Text(200, std::to_string(r.body.size())); }, intake);
  StartServer(std::move(router));
  Client client = Connect();
  Headers multipart;
  multipart.Set("Content-Type", "multipart/form-data; boundary=xyz");
  Headers json;
  json.Set("Content-Type", "application/json");
  auto ok = client.Send(Method::kPost, "/intake", multipart, std::string(500, 'm'));
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->status, 200);
  EXPECT_EQ(ok->body, "500");
  auto too_big_json = client.Send(Method::kPost, "/intake", json, std::string(500, 'j'));
  ASSERT_TRUE(too_big_json.ok());
  EXPECT_EQ(too_big_json->status, 413);
  auto too_big_multipart = client.Send(Method::kPost, "/intake", multipart, std::string(2000, 'm'));
  ASSERT_TRUE(too_big_multipart.ok());
  EXPECT_EQ(too_big_multipart->status, 413);
}

TEST_F(ServerTest, HeaderTooLargeIs431) {
  ServerOptions options = TestOptions();
  options.max_header_bytes = 1024;
  StartServer(EchoRouter(), options);
  TestSocket socket(server_->port());
  ASSERT_TRUE(socket.Send("GET /hello HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(4000, 'a') +
                          "\r\n\r\n"));
  const std::string reply = socket.ReadAll();
  EXPECT_THAT(reply, StartsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n"));
  EXPECT_THAT(reply, HasSubstr("application/problem+json"));
}

TEST_F(ServerTest, MalformedRequestIs400) {
  StartServer(EchoRouter());
  TestSocket socket(server_->port());
  ASSERT_TRUE(socket.Send("GET /hello HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n"));
  const std::string reply = socket.ReadAll();
  EXPECT_THAT(reply, StartsWith("HTTP/1.1 400 Bad Request\r\n"));
  EXPECT_THAT(reply, HasSubstr(R"("detail_vi":"Yêu cầu không hợp lệ.")"));
  // The server still serves others.
  EXPECT_EQ(Get("/hello").status, 200);
}

TEST_F(ServerTest, SlowClientGets408AndIsClosed) {
  ServerOptions options = TestOptions();
  options.header_timeout = 200ms;
  StartServer(EchoRouter(), options);
  TestSocket socket(server_->port());
  ASSERT_TRUE(socket.Send("GET /hello HTTP/1.1\r\nHo"));
  const std::string reply = socket.ReadAll();  // returns when the server closes
  EXPECT_THAT(reply, StartsWith("HTTP/1.1 408 Request Timeout\r\n"));
  EXPECT_TRUE(socket.closed_by_peer());
}

TEST_F(ServerTest, SlowBodyGets408) {
  ServerOptions options = TestOptions();
  options.body_timeout = 200ms;
  StartServer(EchoRouter(), options);
  TestSocket socket(server_->port());
  ASSERT_TRUE(socket.Send("POST /reports HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc"));
  EXPECT_THAT(socket.ReadAll(), StartsWith("HTTP/1.1 408 Request Timeout\r\n"));
  EXPECT_TRUE(socket.closed_by_peer());
}

TEST_F(ServerTest, SilentConnectionIsClosedAfterHeaderTimeout) {
  ServerOptions options = TestOptions();
  options.header_timeout = 200ms;
  StartServer(EchoRouter(), options);
  TestSocket socket(server_->port());
  EXPECT_EQ(socket.ReadAll(), "");
  EXPECT_TRUE(socket.closed_by_peer());
}

TEST_F(ServerTest, KeepAliveServesTwoRequestsOnOneConnection) {
  StartServer(EchoRouter());
  TestSocket socket(server_->port());
  ASSERT_TRUE(socket.Send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_THAT(socket.ReadResponse(), StartsWith("HTTP/1.1 200 OK\r\n"));
  ASSERT_TRUE(socket.Send("GET /reports/7 HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_THAT(socket.ReadResponse(), testing::EndsWith("report 7 route /reports/{id}"));
  ASSERT_TRUE(socket.Send("GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
  EXPECT_THAT(socket.ReadAll(), HasSubstr("Connection: close\r\n"));
  EXPECT_TRUE(socket.closed_by_peer());
}

TEST_F(ServerTest, Http10KeepAliveOnlyWhenAsked) {
  StartServer(EchoRouter());
  TestSocket socket(server_->port());
  ASSERT_TRUE(socket.Send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
  const std::string first = socket.ReadResponse();
  EXPECT_THAT(first, StartsWith("HTTP/1.0 200 OK\r\n"));
  EXPECT_THAT(first, HasSubstr("Connection: keep-alive\r\n"));
  ASSERT_TRUE(socket.Send("GET /hello HTTP/1.0\r\n\r\n"));
  EXPECT_THAT(socket.ReadAll(), StartsWith("HTTP/1.0 200 OK\r\n"));
  EXPECT_TRUE(socket.closed_by_peer());
}

TEST_F(ServerTest, ShutdownForceClosesAfterGrace) {
  StartServer(EchoRouter());
  TestSocket socket(server_->port());
  ASSERT_TRUE(socket.Send("GET /hello HTTP/1.1\r\nHost: x\r\n"));  // head never finished
  std::this_thread::sleep_for(200ms);  // generous: lets the server start reading it
  server_->Shutdown(100ms);
  EXPECT_EQ(socket.ReadAll(), "");
}

TEST_F(ServerTest, ExpectContinueIsAnswered) {
  StartServer(EchoRouter());
  TestSocket socket(server_->port());
  ASSERT_TRUE(
      socket.Send("POST /reports HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n"
                  "Expect: 100-continue\r\n\r\n"));
  EXPECT_EQ(socket.ReadResponse(), "HTTP/1.1 100 Continue\r\n\r\n");
  ASSERT_TRUE(socket.Send("abc"));
  EXPECT_THAT(socket.ReadResponse(), testing::EndsWith(R"({"len":3})"));
}

TEST_F(ServerTest, BlockingHandlersRunOffTheIoThread) {
  std::mutex mu;
  std::thread::id blocking_id;
  std::thread::id io_id;
  Router router;
  router.Add(Method::kGet, "/blocking", [&](Request&) {
    std::lock_guard<std::mutex> lock(mu);
    blocking_id = std::this_thread::get_id();
    return Response::Text(200, "b");
  });
  RouteOptions fast;
  fast.blocking = false;
  router.Add(
      Method::kGet, "/fast",
      [&](Request&) {
        std::lock_guard<std::mutex> lock(mu);
        io_id = std::this_thread::get_id();
        return Response::Text(200, "f");
      },
      fast);
  ServerOptions options = TestOptions();
  options.io_threads = 1;  // one I/O thread: every non-blocking handler runs on it
  StartServer(std::move(router), options);
  EXPECT_EQ(Get("/blocking").status, 200);
  EXPECT_EQ(Get("/fast").status, 200);
  std::lock_guard<std::mutex> lock(mu);
  EXPECT_NE(blocking_id, std::thread::id());
  EXPECT_NE(io_id, std::thread::id());
  EXPECT_NE(blocking_id, io_id);
  EXPECT_NE(blocking_id, std::this_thread::get_id());
}

TEST_F(ServerTest, HandlerExceptionIs500AndServerKeepsServing) {
  Router router = EchoRouter();
  router.Add(Method::kGet, "/boom",
             [](Request&) -> Response { throw std::runtime_error("kaboom"); });
  StartServer(std::move(router));
  Client client = Connect();
  auto reply = client.Send(Method::kGet, "/boom");
  ASSERT_TRUE(reply.ok());
  EXPECT_EQ(reply->status, 500);
  EXPECT_EQ(reply->headers.Get("content-type").value_or(""), "application/problem+json");
  EXPECT_THAT(reply->body, Not(HasSubstr("kaboom")));
  auto after = client.Send(Method::kGet, "/hello");
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->status, 200);
}

TEST_F(ServerTest, RequestIdIsGeneratedOrKept) {
  StartServer(EchoRouter());
  EXPECT_THAT(std::string(Get("/hello").headers.Get("x-request-id").value_or("")),
              MatchesRegex("[0-9a-f]{16}"));
  Headers valid;
  valid.Set("X-Request-Id", "abc.DEF_123-x");
  EXPECT_EQ(Get("/hello", valid).headers.Get("x-request-id").value_or(""), "abc.DEF_123-x");
  Headers invalid;
  invalid.Set("X-Request-Id", "no spaces allowed");
  EXPECT_THAT(std::string(Get("/hello", invalid).headers.Get("x-request-id").value_or("")),
              MatchesRegex("[0-9a-f]{16}"));
}

TEST_F(ServerTest, SecurityHeadersUnlessHandlerSetThem) {
  Router router = EchoRouter();
  router.Add(Method::kGet, "/framable", [](Request&) {
    Response r = Response::Html(200, "<p>x</p>");
    r.headers.Set("X-Frame-Options", "SAMEORIGIN");
    r.headers.Set("Cache-Control", "public, max-age=60");
    return r;
  });
  StartServer(std::move(router));
  Client::Reply plain = Get("/hello");
  EXPECT_EQ(plain.headers.Get("x-content-type-options").value_or(""), "nosniff");
  EXPECT_EQ(plain.headers.Get("x-frame-options").value_or(""), "DENY");
  EXPECT_EQ(plain.headers.Get("referrer-policy").value_or(""), "same-origin");
  EXPECT_EQ(plain.headers.Get("cache-control").value_or(""), "no-store");
  Client::Reply custom = Get("/framable");
  EXPECT_EQ(custom.headers.Get("x-frame-options").value_or(""), "SAMEORIGIN");
  EXPECT_EQ(custom.headers.Get("cache-control").value_or(""), "public, max-age=60");
  EXPECT_EQ(custom.headers.Get("x-content-type-options").value_or(""), "nosniff");
}

Router ClientIpRouter() {
  Router router;
  router.Add(Method::kGet, "/ip", [](Request& r) {
    return Response::Text(200, r.client_ip + (r.secure ? " https" : " http"));
  });
  return router;
}

TEST_F(ServerTest, ForwardedForIgnoredFromUntrustedPeer) {
  StartServer(ClientIpRouter());
  Headers h;
  h.Set("X-Forwarded-For", "203.0.113.9");
  h.Set("X-Forwarded-Proto", "https");
  EXPECT_EQ(Get("/ip", h).body, "127.0.0.1 http");
}

TEST_F(ServerTest, ForwardedForHonouredFromTrustedProxy) {
  ServerOptions options = TestOptions();
  options.trusted_proxies = {"127.0.0.1"};
  StartServer(ClientIpRouter(), options);
  Headers h;
  h.Set("X-Forwarded-For", "198.51.100.1, 203.0.113.9");
  h.Set("X-Forwarded-Proto", "https");
  EXPECT_EQ(Get("/ip", h).body, "203.0.113.9 https");
  Headers garbage;
  garbage.Set("X-Forwarded-For", "not-an-ip");
  EXPECT_EQ(Get("/ip", garbage).body, "127.0.0.1 http");
}

TEST_F(ServerTest, HealthzReadyzMetrics) {
  std::atomic<bool> ready{false};
  ServerOptions options = TestOptions();
  server_ = nullptr;
  options.access_log = false;
  server_ = std::make_unique<Server>(options, EchoRouter(), metrics_);
  server_->SetReadinessCheck([&ready]() -> base::Status {
    if (ready.load()) return base::Status::Ok();
    return base::UnavailableError("store not open");
  });
  ASSERT_TRUE(server_->Start().ok());
  Client::Reply health = Get("/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.body, "ok");
  Client::Reply not_ready = Get("/readyz");
  EXPECT_EQ(not_ready.status, 503);
  EXPECT_EQ(not_ready.body, "store not open");
  ready = true;
  Client::Reply is_ready = Get("/readyz");
  EXPECT_EQ(is_ready.status, 200);
  EXPECT_EQ(is_ready.body, "ready");
  EXPECT_EQ(Get("/hello").status, 200);
  Client::Reply m = Get("/metrics");
  EXPECT_EQ(m.status, 200);
  EXPECT_EQ(m.headers.Get("content-type").value_or(""), "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_THAT(
      m.body,
      HasSubstr(R"(binhyen_http_requests_total{method="GET",route="/hello",status="200"} 1)"));
  EXPECT_THAT(
      m.body,
      HasSubstr(R"(binhyen_http_requests_total{method="GET",route="/readyz",status="503"} 1)"));
  EXPECT_THAT(m.body, HasSubstr("binhyen_http_request_duration_seconds_count{route=\"/hello\"} 1"));
  EXPECT_THAT(m.body, HasSubstr("binhyen_http_connections_open"));
  EXPECT_THAT(m.body, HasSubstr("binhyen_http_requests_in_flight"));
}

TEST_F(ServerTest, NotFoundUsesBoundedRouteLabel) {
  StartServer(EchoRouter());
  Get("/random/path/1");
  Get("/random/path/2");
  EXPECT_THAT(
      Get("/metrics").body,
      HasSubstr(R"(binhyen_http_requests_total{method="GET",route="unmatched",status="404"} 2)"));
}

TEST_F(ServerTest, AccessLogHasNoQueryString) {
  StartServer(EchoRouter());
  Headers h;
  h.Set("User-Agent", "test-agent/1.0");
  h.Set("X-Request-Id", "req-1");
  EXPECT_EQ(Get("/query?q=secret-phone-0905123456", h).status, 200);
  server_->Shutdown(2s);  // flushes nothing, but makes sure the line was written
  std::vector<std::string> lines = LogLines();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_THAT(lines[0], MatchesRegex(R"(\{"ts":"[0-9T:.-]+Z","request_id":"req-1","method":"GET",)"
                                     R"("route":"/query","path":"/query","status":200,"bytes":23,)"
                                     R"("duration_ms":[0-9.]+,"client_ip":"127.0.0.1",)"
                                     R"("user_agent":"test-agent/1.0"\})"));
  EXPECT_THAT(lines[0], Not(HasSubstr("secret")));
}

// A capability in the path (a personal link's token, a receipt or dispute code) is not logged;
// an ordinary parameter (an id) is.
TEST_F(ServerTest, AccessLogHidesCapabilitiesInThePath) {
  Router router;
  for (const char* pattern : {"/ack/{token}/done", "/receipt/{receipt}", "/dispute/{code}",
                              "/reports/{id}/notes/{token}"}) {
    router.Add(Method::kGet, pattern, [](Request&) { return Response::Text(200, "ok"); });
  }
  StartServer(std::move(router));
  for (const char* path : {"/ack/tok-SECRET1/done", "/receipt/BY-SECRET2", "/dispute/SECRET3",
                           "/reports/42/notes/SECRET4"}) {
    EXPECT_EQ(Get(path).status, 200) << path;
  }
  server_->Shutdown(2s);
  std::vector<std::string> lines = LogLines();
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_THAT(lines[0], HasSubstr(R"("route":"/ack/{token}/done","path":"/ack/-/done")"));
  EXPECT_THAT(lines[1], HasSubstr(R"("path":"/receipt/-")"));
  EXPECT_THAT(lines[2], HasSubstr(R"("path":"/dispute/-")"));
  EXPECT_THAT(lines[3], HasSubstr(R"("path":"/reports/42/notes/-")"));
  for (const std::string& line : lines) EXPECT_THAT(line, Not(HasSubstr("SECRET")));
}

TEST_F(ServerTest, GracefulShutdownFinishesInFlightRequest) {
  std::promise<void> started;
  Router router;
  router.Add(Method::kGet, "/slow", [&started](Request&) {
    started.set_value();
    std::this_thread::sleep_for(300ms);
    return Response::Text(200, "done");
  });
  StartServer(std::move(router));
  const uint16_t port = server_->port();
  auto reply = std::async(std::launch::async, [port] {
    auto client = Client::Connect("127.0.0.1", port);
    return client.ok() ? client->Send(Method::kGet, "/slow")
                       : base::Result<Client::Reply>(client.status());
  });
  started.get_future().wait();
  server_->Shutdown(5s);
  auto r = reply.get();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "done");
  EXPECT_EQ(r->headers.Get("connection").value_or(""), "close");
  EXPECT_FALSE(Client::Connect("127.0.0.1", port).ok());
}

TEST_F(ServerTest, ShutdownClosesIdleKeepAliveConnections) {
  StartServer(EchoRouter());
  TestSocket socket(server_->port());
  ASSERT_TRUE(socket.Send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_THAT(socket.ReadResponse(), StartsWith("HTTP/1.1 200 OK\r\n"));
  server_->Shutdown(30s);  // returns once the idle connection is gone, long before 30 s
  EXPECT_EQ(socket.ReadAll(), "");
  EXPECT_TRUE(socket.closed_by_peer());
}

TEST_F(ServerTest, ReadyzIs503WhileDraining) {
  std::promise<void> started;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  Router router;
  router.Add(Method::kGet, "/wait", [&started, released](Request&) {
    started.set_value();
    released.wait();
    return Response::Text(200, "done");
  });
  StartServer(std::move(router));
  const uint16_t port = server_->port();
  auto slow = std::async(std::launch::async, [port] {
    auto client = Client::Connect("127.0.0.1", port);
    return client.ok() ? client->Send(Method::kGet, "/wait")
                       : base::Result<Client::Reply>(client.status());
  });
  started.get_future().wait();
  // A probe in the middle of its request head is not idle, so draining does not close it.
  TestSocket probe(port);
  ASSERT_TRUE(probe.Send("GET /readyz HTTP/1.1\r\n"));
  std::this_thread::sleep_for(300ms);  // generous: lets the server read those bytes
  auto shutdown = std::async(std::launch::async, [this] { server_->Shutdown(10s); });
  // Once new connections are refused, the server is draining.
  while (TestSocket(port).ok()) std::this_thread::sleep_for(5ms);
  ASSERT_TRUE(probe.Send("Host: x\r\n\r\n"));
  const std::string answer = probe.ReadAll();
  EXPECT_THAT(answer, StartsWith("HTTP/1.1 503 Service Unavailable\r\n"));
  EXPECT_THAT(answer, HasSubstr("Connection: close\r\n"));
  EXPECT_THAT(answer, testing::EndsWith("\r\n\r\ndraining"));
  release.set_value();
  shutdown.get();
  auto r = slow.get();
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "done");
}

TEST_F(ServerTest, TooManyConnectionsIs503) {
  ServerOptions options = TestOptions();
  options.max_connections = 1;
  options.io_threads = 1;
  StartServer(EchoRouter(), options);
  TestSocket first(server_->port());
  ASSERT_TRUE(first.Send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_THAT(first.ReadResponse(), StartsWith("HTTP/1.1 200 OK\r\n"));  // now surely counted
  TestSocket second(server_->port());
  const std::string reply = second.ReadAll();
  EXPECT_THAT(reply, StartsWith("HTTP/1.1 503 Service Unavailable\r\n"));
  EXPECT_THAT(reply, HasSubstr("application/problem+json"));
}

TEST_F(ServerTest, StartFailsWhenPortIsTaken) {
  // A plain listener without SO_REUSEPORT, then a server on its port.
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
  ASSERT_EQ(::listen(fd, 1), 0);
  socklen_t len = sizeof(addr);
  ASSERT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);
  const uint16_t taken = ntohs(addr.sin_port);
  ServerOptions options = TestOptions();
  options.port = taken;
  MetricsRegistry other_metrics;
  Server other(options, EchoRouter(), other_metrics);
  base::Status status = other.Start();
  ::close(fd);
  EXPECT_EQ(status.code(), base::StatusCode::kUnavailable);
  EXPECT_EQ(status.message(),
            "listen 127.0.0.1:" + std::to_string(taken) + ": Address already in use");
}

}  // namespace
}  // namespace binhyen::http
