#pragma once

// TESTS ONLY: a real `binhyen serve` (ServerApp) on 127.0.0.1:0 over a temporary data directory,
// with a fake clock, and helpers to call it over real HTTP. Header-only; included by *_test.cc.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <array>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "app/config.h"
#include "app/server_app.h"
#include "base/clock.h"
#include "base/strings.h"
#include "crypto/random.h"
#include "crypto/totp.h"
#include "http/client.h"
#include "http/cookie.h"
#include "service/auth.h"

namespace binhyen::app::testing {

inline constexpr std::string_view kTestPassword = "mật khẩu đủ dài 2026";

// A signed-in browser: its cookies and CSRF token.
struct Browser {
  std::string session;
  std::string csrf;
  http::Headers Cookies() const {
    http::Headers h;
    h.Set("Cookie", "by_session=" + session + "; by_csrf=" + csrf);
    return h;
  }
  // Cookies plus the CSRF header, for state changes.
  http::Headers WithCsrf() const {
    http::Headers h = Cookies();
    h.Set("X-CSRF-Token", csrf);
    return h;
  }
};

// The reply of a call, its body parsed as JSON when it is JSON.
struct Call {
  int status = 0;
  http::Headers headers;
  std::string body;
  nlohmann::json json;
};

class TestServer {
 public:
  // `tweak` adjusts the configuration (rate limits are off unless it turns them on).
  explicit TestServer(const std::function<void(ServeConfig&)>& tweak = {})
      : clock_(base::TimePoint(std::chrono::seconds(1'795'000'000))) {  // 2026-11-18
    char tmpl[] = "/tmp/binhyen-server-test-XXXXXX";
    const char* made = mkdtemp(tmpl);
    EXPECT_NE(made, nullptr);
    dir_ = made;
    ServeConfig config;
    config.listen = "127.0.0.1:0";
    config.data = dir_.string();
    config.io_threads = 2;
    config.worker_threads = 4;
    config.reports_per_minute = 0;
    config.logins_per_minute = 0;
    config.access_log = false;
    config.shutdown_grace_seconds = 5;
    if (const char* pg = getenv("BINHYEN_SERVER_TEST_STORE")) config.store = pg;
    if (tweak) tweak(config);
    base::Result<std::unique_ptr<ServerApp>> app = ServerApp::Create(config, &clock_, Scanner());
    EXPECT_TRUE(app.ok()) << app.status().message();
    if (!app.ok()) return;
    app_ = std::move(*app);
    base::Status started = app_->Start();
    EXPECT_TRUE(started.ok()) << started.message();
  }
  // The built-in scanner, loaded once per test binary and shared by every server of the binary.
  static std::shared_ptr<const scan::Scanner> Scanner() {
    static const std::shared_ptr<const scan::Scanner> kScanner = [] {
      base::Result<scan::Scanner> s = scan::Scanner::BuiltIn();
      EXPECT_TRUE(s.ok()) << s.status().ToString();
      return s.ok() ? std::make_shared<const scan::Scanner>(std::move(s).value()) : nullptr;
    }();
    return kScanner;
  }

  ~TestServer() {
    app_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  base::FakeClock& clock() { return clock_; }
  ServerApp& app() { return *app_; }
  uint16_t port() const { return app_->port(); }

  // Adds a user; analysts and admins get a TOTP secret (kept for Login).
  void AddUser(const std::string& name, const std::string& role) {
    auto user = app_->session().admin().AddUser(name, role, kTestPassword);
    ASSERT_TRUE(user.ok()) << user.status().message();
    if (service::RoleNeedsSecondFactor(user->role)) {
      CliEnvironment& env = app_->session().env();
      service::Authenticator auth(*env.store, env.secrets_box, clock_, random_);
      auto secret = auth.EnrollTotp(name, "test");
      ASSERT_TRUE(secret.ok()) << secret.status().message();
      totp_[name] = *crypto::Base32Decode(*secret);
    }
  }
  // Creates units {code, name, parent code ("" for the root)}, parents first, as wards.
  void AddUnits(const std::vector<std::array<std::string, 3>>& units) {
    auto tx = app_->session().env().store->Begin(store::TxMode::kReadWrite);
    ASSERT_TRUE(tx.ok()) << tx.status().message();
    for (const auto& [code, name, parent] : units) {
      auto created =
          (*tx)->Units().Create({code, name, domain::UnitKind::kWard, parent, clock_.Now()});
      ASSERT_TRUE(created.ok()) << created.message();
    }
    ASSERT_TRUE((*tx)->Commit().ok());
  }
  // Makes user `name` an officer of `unit` (the unit field of the account).
  void SetUserUnit(const std::string& name, const std::string& unit) {
    auto tx = app_->session().env().store->Begin(store::TxMode::kReadWrite);
    ASSERT_TRUE(tx.ok()) << tx.status().message();
    auto user = (*tx)->Users().GetByName(name);
    ASSERT_TRUE(user.ok()) << user.status().message();
    user->unit = unit;
    ASSERT_TRUE((*tx)->Users().Update(*user).ok());
    ASSERT_TRUE((*tx)->Commit().ok());
  }
  // A bearer token of `name` with `scopes`.
  std::string Token(const std::string& name, std::vector<std::string> scopes) {
    auto created = app_->session().admin().CreateToken(name, std::move(scopes));
    EXPECT_TRUE(created.ok()) << created.status().message();
    return created.ok() ? created->token : "";
  }
  // The current one-time code of `name` (the clock moves 30 s first, so no code is reused).
  std::string TotpCode(const std::string& name) {
    clock_.Advance(std::chrono::seconds(30));
    auto it = totp_.find(name);
    if (it == totp_.end()) return "";
    return crypto::TotpCode(
        it->second,
        std::chrono::duration_cast<std::chrono::seconds>(clock_.Now().time_since_epoch()).count());
  }

  Call Send(http::Method method, std::string_view target, const http::Headers& headers = {},
            std::string_view body = {}) {
    Call call;
    if (!client_) {
      auto c = http::Client::Connect("127.0.0.1", port());
      EXPECT_TRUE(c.ok()) << c.status().message();
      if (!c.ok()) return call;
      client_ = std::make_unique<http::Client>(std::move(*c));
    }
    auto reply = client_->Send(method, target, headers, body);
    EXPECT_TRUE(reply.ok()) << reply.status().message();
    if (!reply.ok()) return call;
    call.status = reply->status;
    call.headers = reply->headers;
    call.body = reply->body;
    std::string_view type = call.headers.Get("Content-Type").value_or("");
    if (type.starts_with("application/json") || type.starts_with("application/problem+json")) {
      call.json = nlohmann::json::parse(call.body, nullptr, false);
    }
    return call;
  }
  Call Json(http::Method method, std::string_view target, const nlohmann::json& body,
            http::Headers headers = {}) {
    headers.Set("Content-Type", "application/json");
    return Send(method, target, headers, body.dump());
  }
  static http::Headers Bearer(const std::string& token) {
    http::Headers h;
    h.Set("Authorization", "Bearer " + token);
    return h;
  }

  // Signs in through POST /api/v1/login (with the one-time code when the role needs one).
  Browser Login(const std::string& name) {
    nlohmann::json body = {{"name", name}, {"password", std::string(kTestPassword)}};
    if (totp_.count(name)) body["totp"] = TotpCode(name);
    Call call = Json(http::Method::kPost, "/api/v1/login", body);
    EXPECT_EQ(call.status, 200) << call.body;
    Browser b;
    for (const auto& [field, value] : call.headers.all()) {
      if (base::EqualsIgnoreAsciiCase(field, "Set-Cookie")) {
        for (const auto& [k, v] : http::ParseCookieHeader(value.substr(0, value.find(';')))) {
          if (k == "by_session") b.session = v;
        }
      }
    }
    if (call.json.is_object()) b.csrf = call.json.value("csrf_token", "");
    return b;
  }

 private:
  base::FakeClock clock_;
  crypto::FakeRandom random_{7};
  std::filesystem::path dir_;
  std::unique_ptr<ServerApp> app_;
  std::unique_ptr<http::Client> client_;
  std::map<std::string, std::string> totp_;
};

}  // namespace binhyen::app::testing
