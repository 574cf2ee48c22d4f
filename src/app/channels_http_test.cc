// Community channels over real HTTP (TestServer): channels created through the API with a
// webhook to a loopback receiver (an http::Server on port 0), test events delivered and
// signed, a 500 retried with backoff (FakeClock) then delivered, a receiver that keeps failing
// marked failed after five attempts, loopback refused when the server does not allow private
// addresses (SSRF), https:// to a loopback TLS receiver trusted through webhooks_ca_file (and
// refused when its certificate is not), who may see which channel, and the console and public
// pages (CSRF, escaping, roles).

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <deque>
#include <filesystem>
#include <mutex>

#include "app/testing/api_requests.h"
#include "app/testing/test_server.h"
#include "app/testing/tls_receiver.h"
#include "crypto/hmac.h"
#include "http/form.h"
#include "http/server.h"

namespace binhyen::app {
namespace {

using http::Method;
using nlohmann::json;
using testing::Browser;
using testing::Call;
using testing::TestServer;

constexpr std::string_view kHostile = "<script>alert(1)</script>";

// A webhook receiver on 127.0.0.1:0 answering from a script (200 when it runs out) and keeping
// what it received.
class Receiver {
 public:
  struct Received {
    std::string body;
    std::map<std::string, std::string> headers;
  };

  Receiver() {
    http::Router router;
    router.Add(Method::kPost, "/hook", [this](http::Request& r) {
      std::lock_guard<std::mutex> lock(mutex_);
      Received got;
      got.body = r.body;
      for (const char* name : {"X-BinhYen-Event", "X-BinhYen-Delivery", "X-BinhYen-Timestamp",
                               "X-BinhYen-Signature", "Content-Type"}) {
        got.headers[name] = std::string(r.Header(name).value_or(""));
      }
      received_.push_back(std::move(got));
      int status = 200;
      if (!script_.empty()) {
        status = script_.front();
        script_.pop_front();
      }
      return http::Response::Json(status, "{}");
    });
    http::ServerOptions options;
    options.host = "127.0.0.1";
    options.port = 0;
    options.io_threads = 1;
    options.worker_threads = 1;
    options.access_log = false;
    server_ = std::make_unique<http::Server>(std::move(options), std::move(router), metrics_);
    EXPECT_TRUE(server_->Start().ok());
  }
  ~Receiver() { server_->Shutdown(std::chrono::milliseconds(0)); }

  std::string url() const {
    return "http://127.0.0.1:" + std::to_string(server_->port()) + "/hook";
  }
  void Script(std::deque<int> statuses) {
    std::lock_guard<std::mutex> lock(mutex_);
    script_ = std::move(statuses);
  }
  std::vector<Received> received() {
    std::lock_guard<std::mutex> lock(mutex_);
    return received_;
  }

 private:
  http::MetricsRegistry metrics_;
  std::unique_ptr<http::Server> server_;
  std::mutex mutex_;
  std::deque<int> script_;
  std::vector<Received> received_;
};

class ChannelsHttpTest : public ::testing::Test {
 protected:
  explicit ChannelsHttpTest(bool allow_private = true, std::string ca_file = "")
      : s_([allow_private, ca_file](ServeConfig& c) {
          c.webhooks_allow_private = allow_private;
          c.webhooks_ca_file = ca_file;
        }) {}

  void SetUp() override {
    s_.AddUnits({{"duc-pho", "Thị xã Đức Phổ", ""},
                 {"pho-minh", "Phường Phổ Minh", "duc-pho"},
                 {"nghia-lo", "Phường Nghĩa Lộ", "duc-pho"}});
    s_.AddUser("chuong.trinh", "programme_admin");
    s_.AddUser("canbo.pm", "unit_officer");
    s_.AddUser("canbo.nl", "unit_officer");
    s_.AddUser("thanh.vien", "member");
    s_.SetUserUnit("canbo.pm", "pho-minh");
    s_.SetUserUnit("canbo.nl", "nghia-lo");
    admin_ = s_.Login("chuong.trinh");
    officer_ = s_.Login("canbo.pm");
    other_officer_ = s_.Login("canbo.nl");
    member_ = s_.Login("thanh.vien");
  }

  // A channel of pho-minh made by the officer; its webhook goes to `webhook` when not empty.
  Call CreateChannel(const std::string& webhook, const std::string& name = "Zalo Phổ Minh") {
    json body = {{"unit", "pho-minh"},    {"kind", "zalo_group"},
                 {"name", name},          {"url", "https://zalo.me/g/phominh"},
                 {"admins", "Tổ trưởng"}, {"admin_contact", "0905 111 222"}};
    if (!webhook.empty()) body["webhook_url"] = webhook;
    return s_.Json(Method::kPost, "/api/v1/channels", body, officer_.WithCsrf());
  }

  json Deliveries(int64_t channel) {
    Call call = s_.Send(Method::kGet, "/api/v1/channels/" + std::to_string(channel) + "/deliveries",
                        officer_.Cookies());
    EXPECT_EQ(call.status, 200) << call.body;
    return call.json["items"];
  }

  // POST /api/v1/channels/{id}/test as the officer: queues a test event.
  Call SendTestEvent(int64_t channel) {
    return s_.Send(Method::kPost, "/api/v1/channels/" + std::to_string(channel) + "/test",
                   officer_.WithCsrf());
  }

  void RunDue() { ASSERT_TRUE(s_.app().webhooks().RunDue().ok()); }

  Call PostForm(const Browser& b, const std::string& path, const std::string& fields,
                bool with_token = true) {
    return s_.Send(Method::kPost, path,
                   testing::ContentType("application/x-www-form-urlencoded", b.Cookies()),
                   fields + (with_token ? "&csrf_token=" + b.csrf : ""));
  }

  TestServer s_;
  Receiver receiver_;
  Browser admin_, officer_, other_officer_, member_;
};

TEST_F(ChannelsHttpTest, TestEventIsDeliveredAndSigned) {
  Call created = CreateChannel(receiver_.url());
  ASSERT_EQ(created.status, 201) << created.body;
  const int64_t id = created.json["id"];
  const std::string secret = created.json["webhook_secret"];
  EXPECT_EQ(secret.size(), 43u);
  EXPECT_EQ(created.json["admin_contact"], "0905 111 222");
  // The secret is never shown again.
  Call got = s_.Send(Method::kGet, "/api/v1/channels/" + std::to_string(id), officer_.Cookies());
  EXPECT_EQ(got.status, 200);
  EXPECT_FALSE(got.json.contains("webhook_secret"));

  Call test = SendTestEvent(id);
  ASSERT_EQ(test.status, 202) << test.body;
  RunDue();
  auto received = receiver_.received();
  ASSERT_EQ(received.size(), 1u);
  const Receiver::Received& r = received[0];
  EXPECT_EQ(r.headers.at("X-BinhYen-Event"), "test");
  EXPECT_EQ(r.headers.at("X-BinhYen-Delivery"),
            std::to_string(test.json["delivery_id"].get<int64_t>()));
  EXPECT_EQ(r.headers.at("Content-Type"), "application/json");
  // What a receiver does: HMAC-SHA256(secret, timestamp + "." + raw body).
  EXPECT_EQ(r.headers.at("X-BinhYen-Signature"),
            "sha256=" +
                crypto::HmacSha256Hex(secret, r.headers.at("X-BinhYen-Timestamp") + "." + r.body));
  json body = json::parse(r.body);
  EXPECT_EQ(body["event"], "test");
  EXPECT_EQ(body["channel"]["id"], id);
  json log = Deliveries(id);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0]["status"], "delivered");
  EXPECT_EQ(log[0]["attempts"], 1);
  EXPECT_EQ(log[0]["last_http_status"], 200);
}

TEST_F(ChannelsHttpTest, ServerErrorIsRetriedWithBackoffThenDelivered) {
  const int64_t id = CreateChannel(receiver_.url()).json["id"];
  receiver_.Script({500});
  ASSERT_EQ(SendTestEvent(id).status, 202);
  RunDue();
  json log = Deliveries(id);
  EXPECT_EQ(log[0]["status"], "pending");
  EXPECT_EQ(log[0]["attempts"], 1);
  EXPECT_EQ(log[0]["last_http_status"], 500);
  EXPECT_EQ(log[0]["last_error"], "HTTP 500");
  RunDue();  // not due before a minute
  EXPECT_EQ(receiver_.received().size(), 1u);
  s_.clock().Advance(std::chrono::minutes(1));
  RunDue();
  log = Deliveries(id);
  EXPECT_EQ(log[0]["status"], "delivered");
  EXPECT_EQ(log[0]["attempts"], 2);
  ASSERT_EQ(receiver_.received().size(), 2u);
  EXPECT_EQ(receiver_.received()[0].body, receiver_.received()[1].body);
}

TEST_F(ChannelsHttpTest, KeepsFailingThenFailedAndResent) {
  const int64_t id = CreateChannel(receiver_.url()).json["id"];
  receiver_.Script({503, 503, 503, 503, 503});
  const std::string path = "/api/v1/channels/" + std::to_string(id);
  const int64_t delivery =
      s_.Send(Method::kPost, path + "/test", officer_.WithCsrf()).json["delivery_id"];
  RunDue();
  for (auto wait : {std::chrono::minutes(1), std::chrono::minutes(5), std::chrono::minutes(30),
                    std::chrono::minutes(120)}) {
    s_.clock().Advance(wait);
    RunDue();
  }
  json log = Deliveries(id);
  EXPECT_EQ(log[0]["status"], "failed");
  EXPECT_EQ(log[0]["attempts"], 5);
  EXPECT_EQ(receiver_.received().size(), 5u);
  Call resend = s_.Send(Method::kPost, path + "/deliveries/" + std::to_string(delivery) + "/resend",
                        officer_.WithCsrf());
  EXPECT_EQ(resend.status, 202) << resend.body;
  RunDue();
  EXPECT_EQ(Deliveries(id)[0]["status"], "delivered");
}

TEST_F(ChannelsHttpTest, OfficersSeeTheirUnitOnlyAndMembersNothing) {
  const int64_t id = CreateChannel("").json["id"];
  const std::string path = "/api/v1/channels/" + std::to_string(id);
  EXPECT_EQ(s_.Send(Method::kGet, path, other_officer_.Cookies()).status, 404);
  EXPECT_EQ(s_.Send(Method::kGet, "/api/v1/channels", member_.Cookies()).status, 403);
  Call list = s_.Send(Method::kGet, "/api/v1/channels", other_officer_.Cookies());
  EXPECT_EQ(list.json["items"].size(), 0u);
  // Figures: upsert, validated.
  Call put = s_.Json(
      Method::kPut, path + "/figures",
      {{"month", "2026-11"}, {"members", 120}, {"warnings_relayed", 4}, {"reports_received", 2}},
      officer_.WithCsrf());
  EXPECT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(put.json["members"], 120);
  Call bad = s_.Json(
      Method::kPut, path + "/figures",
      {{"month", "2026-13"}, {"members", -1}, {"warnings_relayed", 0}, {"reports_received", 0}},
      officer_.WithCsrf());
  EXPECT_EQ(bad.status, 422) << bad.body;
  Call totals = s_.Send(Method::kGet, "/api/v1/channels", admin_.Cookies());
  ASSERT_EQ(totals.json["totals_by_unit"].size(), 1u);
  EXPECT_EQ(totals.json["totals_by_unit"][0]["members"], 120);
}

TEST_F(ChannelsHttpTest, ConsoleAndPublicPages) {
  const int64_t id = CreateChannel("", "Nhóm " + std::string(kHostile)).json["id"];
  Call page = s_.Send(Method::kGet, "/quan-tri/kenh", admin_.Cookies());
  EXPECT_EQ(page.status, 200);
  EXPECT_THAT(page.body, ::testing::HasSubstr("Nhóm &lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_THAT(page.body, ::testing::Not(::testing::HasSubstr(std::string(kHostile))));
  EXPECT_EQ(s_.Send(Method::kGet, "/quan-tri/kenh", member_.Cookies()).status, 403);
  const std::string detail = "/quan-tri/kenh/" + std::to_string(id);
  EXPECT_EQ(s_.Send(Method::kGet, detail, other_officer_.Cookies()).status, 404);
  // Figures through the form: refused without the CSRF token, saved with it.
  const std::string fields = "month=2026-11&members=75&warnings_relayed=3&reports_received=1";
  EXPECT_EQ(PostForm(officer_, detail + "/so-lieu", fields, false).status, 403);
  Call saved = PostForm(officer_, detail + "/so-lieu", fields);
  EXPECT_EQ(saved.status, 303) << saved.body;
  Call bad = PostForm(officer_, detail + "/so-lieu",
                      "month=2026-11&members=-4&warnings_relayed=x"
                      "&reports_received=1");
  EXPECT_EQ(bad.status, 422);
  EXPECT_THAT(bad.body, ::testing::HasSubstr("Số thành viên: không được là số âm"));
  EXPECT_THAT(bad.body, ::testing::HasSubstr("value=\"-4\""));
  Call shown = s_.Send(Method::kGet, detail, officer_.Cookies());
  EXPECT_THAT(shown.body, ::testing::HasSubstr("data-month=\"2026-11\""));
  // The public list: active channels, no admin contact.
  Call pub = s_.Send(Method::kGet, "/kenh-cong-dong");
  EXPECT_EQ(pub.status, 200);
  EXPECT_THAT(pub.body, ::testing::HasSubstr("https://zalo.me/g/phominh"));
  EXPECT_THAT(pub.body, ::testing::Not(::testing::HasSubstr("0905 111 222")));
  EXPECT_THAT(pub.body, ::testing::Not(::testing::HasSubstr(std::string(kHostile))));
}

class ChannelsSsrfTest : public ChannelsHttpTest {
 protected:
  ChannelsSsrfTest() : ChannelsHttpTest(/*allow_private=*/false) {}
};

TEST_F(ChannelsSsrfTest, LoopbackWebhookIsRefused) {
  const int64_t id = CreateChannel(receiver_.url()).json["id"];
  ASSERT_EQ(SendTestEvent(id).status, 202);
  RunDue();
  EXPECT_TRUE(receiver_.received().empty());
  json log = Deliveries(id);
  EXPECT_EQ(log[0]["status"], "pending");
  EXPECT_THAT(log[0]["last_error"].get<std::string>(),
              ::testing::HasSubstr("resolves to a non-public address 127.0.0.1"));
}

TEST_F(ChannelsHttpTest, AnalystSendsAPublishedWarningFromItsConsolePage) {
  const int64_t channel = CreateChannel(receiver_.url()).json["id"];
  s_.AddUser("phan.tich", "analyst");
  Browser analyst = s_.Login("phan.tich");
  domain::Warning w;
  w.slug = "gia-danh-cong-an";
  w.title = "Cảnh báo giả danh công an";
  w.body = "Công an không gọi điện yêu cầu chuyển tiền.";
  w.created_at = w.updated_at = s_.clock().Now();
  int64_t published = 0, draft = 0;
  {
    auto tx = s_.app().session().env().store->Begin(store::TxMode::kReadWrite).value();
    draft = tx->Warnings().Create(w).value();
    w.slug = "gia-danh-cong-an-2";
    w.published_at = s_.clock().Now();
    published = tx->Warnings().Create(w).value();
    ASSERT_TRUE(tx->Commit().ok());
  }
  const std::string page = "/quan-tri/canh-bao/" + std::to_string(published);
  Call shown = s_.Send(Method::kGet, page, analyst.Cookies());
  ASSERT_EQ(shown.status, 200);
  EXPECT_THAT(shown.body, ::testing::HasSubstr("action=\"" + page + "/gui-kenh\""));
  // A draft has no such button and cannot be sent.
  const std::string draft_page = "/quan-tri/canh-bao/" + std::to_string(draft);
  EXPECT_THAT(s_.Send(Method::kGet, draft_page, analyst.Cookies()).body,
              ::testing::Not(::testing::HasSubstr("/gui-kenh")));
  Call refused = PostForm(analyst, draft_page + "/gui-kenh", "x=1");
  EXPECT_EQ(refused.status, 303);
  EXPECT_EQ(refused.headers.Get("Location").value_or(""), draft_page + "?ok=channels-none");
  // Without the form token, nothing is queued; members may not send.
  EXPECT_EQ(PostForm(analyst, page + "/gui-kenh", "x=1", /*with_token=*/false).status, 403);
  EXPECT_EQ(PostForm(member_, page + "/gui-kenh", "x=1").status, 403);
  EXPECT_TRUE(Deliveries(channel).empty());

  Call sent = PostForm(analyst, page + "/gui-kenh", "x=1");
  EXPECT_EQ(sent.status, 303) << sent.body;
  EXPECT_EQ(sent.headers.Get("Location").value_or(""), page + "?ok=channels-sent");
  RunDue();
  const auto received = receiver_.received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_THAT(json::parse(received[0].body)["warning"]["url"].get<std::string>(),
              ::testing::EndsWith("/canh-bao/gia-danh-cong-an-2"));
  // Sending it again queues nothing new.
  EXPECT_EQ(PostForm(analyst, page + "/gui-kenh", "x=1").headers.Get("Location").value_or(""),
            page + "?ok=channels-none");
}

// A certificate authority made at run time whose certificate is in a temporary file; a base
// class of ChannelsHttpsTest so that it exists before the server reads the file's name.
class RuntimeCa {
 protected:
  RuntimeCa()
      : dir_(std::filesystem::temp_directory_path() /
             ("binhyen-channels-ca-" + std::to_string(::getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name())) {
    std::filesystem::create_directories(dir_);
    ca_file_ = ca_.WriteTo(dir_ / "ca.pem");
  }
  ~RuntimeCa() { std::filesystem::remove_all(dir_); }

  testing::TestCa ca_;
  std::filesystem::path dir_;
  std::string ca_file_;
};

// https:// webhooks end to end: the server trusts the run-time CA through
// [security] webhooks_ca_file, as a town trusts its own CA for a receiver on its network.
class ChannelsHttpsTest : protected RuntimeCa, public ChannelsHttpTest {
 protected:
  ChannelsHttpsTest() : ChannelsHttpTest(/*allow_private=*/true, ca_file_) {}
};

TEST_F(ChannelsHttpsTest, HttpsWebhookIsDeliveredAndSigned) {
  testing::TlsReceiver tls(ca_.Issue("IP:127.0.0.1"));
  Call created =
      CreateChannel("https://127.0.0.1:" + std::to_string(tls.port()) + "/hook", "Zalo TLS");
  ASSERT_EQ(created.status, 201) << created.body;
  const int64_t id = created.json["id"];
  const std::string secret = created.json["webhook_secret"];
  Call test = SendTestEvent(id);
  ASSERT_EQ(test.status, 202) << test.body;
  RunDue();
  json log = Deliveries(id);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0]["status"], "delivered") << log.dump();
  EXPECT_EQ(log[0]["last_http_status"], 200);
  const auto received = tls.received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(json::parse(received[0].body)["channel"]["id"], id);
  EXPECT_TRUE(received[0].signature.starts_with("sha256=")) << received[0].signature;
}

TEST_F(ChannelsHttpsTest, UntrustedReceiverIsAFailedAttemptWithTheReason) {
  testing::TestCa stranger;
  testing::TlsReceiver tls(stranger.Issue("IP:127.0.0.1"));
  const int64_t id =
      CreateChannel("https://127.0.0.1:" + std::to_string(tls.port()) + "/hook").json["id"];
  ASSERT_EQ(SendTestEvent(id).status, 202);
  RunDue();
  json log = Deliveries(id);
  EXPECT_EQ(log[0]["status"], "pending");
  EXPECT_THAT(log[0]["last_error"].get<std::string>(),
              ::testing::HasSubstr("certificate not accepted"));
  EXPECT_TRUE(tls.received().empty());
}

}  // namespace
}  // namespace binhyen::app
