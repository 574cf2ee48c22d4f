// Security tests of `binhyen serve` over real HTTP on port 0 (issue 10, deliverable 5):
//  - SQL injection payloads in body fields are stored and read back byte for byte, and in search
//    and filter parameters are matched as text or refused (SQLite, and PostgreSQL when
//    BINHYEN_TEST_POSTGRES_URL is set);
//  - session fixation (a planted session id never survives sign-in), per-account lockout, wrong
//    one-time codes, the per-client sign-in rate limit;
//  - the server's logs over a full flow hold no password, token or contact data.
// (XSS, headers, polyglot files, traversal: security_web_test.cc.)
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "app/store_factory.h"
#include "app/testing/api_requests.h"
#include "app/testing/test_server.h"
#include "app/testing/web_security.h"
#include "base/logging.h"
#include "http/form.h"

namespace binhyen::app {
namespace {

using http::Method;
using nlohmann::json;
using testing::Browser;
using testing::Call;
using ::testing::HasSubstr;
using testing::Header;
using ::testing::Not;
using testing::Post;
using testing::SessionCookieOf;
using ::testing::StartsWith;
using testing::TestServer;

// ---------------------------------------------------------------------------------------------
// SQL injection: payloads in body fields are stored and read back byte for byte; in search and
// filter parameters they match text or are refused, never widen a query, never fail with 5xx.

const std::vector<std::string> kSqlPayloads = {
    "'; DROP TABLE reports; --",
    "1' OR '1'='1",
    "\" OR \"\"=\"",
    "1); DELETE FROM users; --",
    "' UNION SELECT password_hash, name FROM users --",
    "$$; DROP TABLE reports; $$",
    "'; SELECT pg_sleep(3); --",
    "' || (SELECT sqlite_version()) || '",
    "%' AND 1=1 --",
    "\\'; DROP TABLE sessions; --",
    "admin'/*",
    "') OR 1=1 UNION SELECT * FROM sessions --",
};

void ExpectSqlIsData(TestServer& s) {
  s.AddUnits({{"pho-minh", "Phường Phổ Minh", ""}});
  s.AddUser("phan.tich", "analyst");
  s.AddUser("quan.tri", "programme_admin");
  const Browser analyst = s.Login("phan.tich");
  const Browser programme = s.Login("quan.tri");
  // A control report no search below may return.
  Call control = Post(s, analyst, "/api/v1/reports",
                      {{"category", "spam"},
                       {"description", "Tin nhắn rác quảng cáo quokkaxyz"},
                       {"anonymous", true}});
  const int64_t control_id = control.json.value("id", int64_t{0});
  for (const std::string& sql : kSqlPayloads) {
    SCOPED_TRACE(sql);
    // Body fields: stored and read back exactly.
    Call filed = Post(s, analyst, "/api/v1/reports",
                      {{"category", "spam"},
                       {"description", "Báo cáo " + sql},
                       {"contact", {{"name", sql}, {"email", "a@b.vn"}}}});
    const std::string path = "/api/v1/reports/" + std::to_string(filed.json.value("id", 0));
    Call read = s.Send(Method::kGet, path, analyst.Cookies());
    EXPECT_EQ(read.json.value("description", ""), "Báo cáo " + sql);
    Call contact = s.Send(Method::kPost, path + "/contact", analyst.WithCsrf());
    EXPECT_EQ(contact.status, 200) << contact.body.substr(0, 300);
    EXPECT_THAT(contact.body, HasSubstr(json(sql).dump()));
    Call person = Post(s, programme, "/api/v1/people", {{"unit", "pho-minh"}, {"name", sql}});
    EXPECT_EQ(person.json.value("name", ""), sql);

    // Search and filter parameters.
    const std::string q = http::UrlEncode(sql);
    for (const auto& [target, who] : std::vector<std::pair<std::string, const Browser*>>{
             {"/api/v1/reports?q=" + q, &analyst},
             {"/api/v1/reports?status=" + q, &analyst},
             {"/api/v1/reports?category=" + q, &analyst},
             {"/api/v1/reports?assignee=" + q, &analyst},
             {"/api/v1/reports?after=" + q, &analyst},
             {"/quan-tri?q=" + q, &analyst},
             {"/quan-tri/chi-dau?q=" + q, &analyst},
             {"/quan-tri/khieu-nai?status=" + q, &analyst},
             {"/api/v1/disputes?status=" + q, &analyst},
             {"/api/v1/people?unit=" + q, &programme},
             {"/api/v1/people?q=" + q, &programme},
             {"/quan-tri/don-vi/nguoi?q=" + q, &programme},
             {"/canh-bao?q=" + q, nullptr},
             {"/canh-bao?category=" + q, nullptr},
             {"/bai-viet?category=" + q + "&audience=" + q, nullptr},
             {"/api/v1/articles?category=" + q, nullptr},
             {"/api/v1/check?kind=domain&value=" + q, nullptr},
             {"/api/v1/check?kind=" + q + "&value=1", nullptr},
             {"/kiem-tra?q=" + q, nullptr},
             {"/api/v1/receipts/" + q, nullptr},
             {"/api/v1/disputes/status/" + q, nullptr},
             {"/feeds/" + q, nullptr}}) {
      const auto start = std::chrono::steady_clock::now();
      Call call = s.Send(Method::kGet, target, who ? who->Cookies() : http::Headers{});
      // A pg_sleep(3) that ran would hold this one request for 3 s.
      EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(2500))
          << target;
      EXPECT_LT(call.status, 500) << target << " " << call.body.substr(0, 300);
      EXPECT_THAT(call.body, Not(HasSubstr("quokkaxyz"))) << target;
      EXPECT_THAT(call.body, Not(HasSubstr("$argon2"))) << target;
      if (call.json.is_object() && call.json.contains("items")) {
        for (const json& item : call.json["items"]) {
          EXPECT_NE(item.value("id", int64_t{0}), control_id) << target;
        }
      }
    }
  }
  Call login = s.Json(Method::kPost, "/api/v1/login",
                      {{"name", kSqlPayloads[1]}, {"password", kSqlPayloads[1]}});
  EXPECT_EQ(login.status, 401);
  // Everything is still there: every report, the users, their sessions.
  EXPECT_EQ(testing::StoredReports(s), 1 + static_cast<int64_t>(kSqlPayloads.size()));
  EXPECT_EQ(s.Send(Method::kGet, "/api/v1/session", analyst.Cookies()).status, 200);
  Call people = s.Send(Method::kGet, "/api/v1/people", programme.Cookies());
  EXPECT_EQ(people.json.value("items", json::array()).size(), kSqlPayloads.size());
  EXPECT_FALSE(s.Login("quan.tri").session.empty());
}

TEST(SecurityTest, SqlInjectionIsDataOnSqlite) {
  TestServer s([](ServeConfig& c) { c.store = ""; });
  ExpectSqlIsData(s);
}

TEST(SecurityTest, SqlInjectionIsDataOnPostgres) {
  const char* pg = std::getenv("BINHYEN_TEST_POSTGRES_URL");
  if (pg == nullptr || *pg == '\0') GTEST_SKIP() << "BINHYEN_TEST_POSTGRES_URL is not set";
  base::Result<std::string> url =
      NewStoreRegistry().FreshTestDatabase(pg, "t" + std::to_string(getpid()) + "_security_sql");
  ASSERT_TRUE(url.ok()) << url.status().ToString();
  TestServer s([&](ServeConfig& c) { c.store = *url; });
  ExpectSqlIsData(s);
}

// ---------------------------------------------------------------------------------------------
// Session fixation, brute force and lockout.

TEST(SecurityTest, SessionsAreNeverFixedAndGuessingLocksAccountsAndIsRateLimited) {
  TestServer s([](ServeConfig& c) {
    // Small numbers keep the argon2id work (about 20 hashes) of this test short.
    c.logins_per_minute = 3;
    c.logins_burst = 3;
    c.lockout_failures = 3;
  });
  // The per-client budget refills after a minute; a lockout lasts 15.
  auto refill = [&s] { s.clock().Advance(std::chrono::seconds(60)); };
  s.AddUser("nan.nhan", "member");
  s.AddUser("khac", "member");
  s.AddUser("phan.tich", "analyst");
  const std::string pw(testing::kTestPassword);
  auto api_login = [&](const std::string& name, const std::string& password,
                       const std::string& cookie = "", const std::string& totp = "") {
    http::Headers h = testing::ContentType("application/json");
    if (!cookie.empty()) h.Set("Cookie", cookie);
    json body = {{"name", name}, {"password", password}};
    if (!totp.empty()) body["totp"] = totp;
    return s.Send(Method::kPost, "/api/v1/login", h, body.dump());
  };
  auto session_of = [&](const std::string& token) {
    http::Headers h;
    h.Set("Cookie", "by_session=" + token);
    Call call = s.Send(Method::kGet, "/api/v1/session", h);
    return call.status == 200 ? call.json["user"].value("name", "") : "";
  };

  // 1. A session id chosen by an attacker before sign-in is never the one after it.
  const std::string planted(43, 'A');
  Call fixed = api_login("nan.nhan", pw, "by_session=" + planted + "; by_csrf=planted-csrf");
  ASSERT_EQ(fixed.status, 200) << fixed.body;
  const std::string issued = SessionCookieOf(fixed);
  EXPECT_NE(issued, planted);
  EXPECT_GE(issued.size(), 32u);
  EXPECT_NE(testing::SetCookieValue(fixed, "by_csrf"), "planted-csrf");
  EXPECT_EQ(session_of(planted), "");
  EXPECT_EQ(session_of(issued), "nan.nhan");
  // 2. Nor is a real session of the attacker's own planted in the victim's browser: it ends.
  const std::string attacker = SessionCookieOf(api_login("khac", pw));
  ASSERT_EQ(session_of(attacker), "khac");
  Call victim = api_login("nan.nhan", pw, "by_session=" + attacker);
  ASSERT_EQ(victim.status, 200);
  EXPECT_NE(SessionCookieOf(victim), attacker);
  EXPECT_EQ(session_of(attacker), "");
  EXPECT_EQ(session_of(SessionCookieOf(victim)), "nan.nhan");
  // 3. The same through the HTML sign-in form.
  refill();
  Call form_page = s.Send(Method::kGet, "/login");
  const std::string login_csrf = testing::SetCookieValue(form_page, "by_login_csrf");
  ASSERT_FALSE(login_csrf.empty());
  auto form_login = [&](const std::string& name, const std::string& password,
                        const std::string& extra_cookie = "") {
    http::Headers h = testing::ContentType("application/x-www-form-urlencoded");
    h.Set("Cookie", "by_login_csrf=" + login_csrf + extra_cookie);
    return s.Send(Method::kPost, "/login", h,
                  "name=" + name + "&password=" + http::UrlEncode(password) +
                      "&next=%2F&csrf_token=" + http::UrlEncode(login_csrf));
  };
  Call form = form_login("nan.nhan", pw, "; by_session=" + planted);
  ASSERT_EQ(form.status, 303) << form.body.substr(0, 300);
  EXPECT_NE(SessionCookieOf(form), planted);
  EXPECT_EQ(session_of(SessionCookieOf(form)), "nan.nhan");
  EXPECT_EQ(session_of(planted), "");

  // 4. Three wrong passwords (lockout_failures) lock the account: then the right password is
  // refused too, through the API and the form, with the same answer as a wrong one. Another
  // account is not locked.
  refill();
  for (int i = 0; i < 3; ++i) {
    Call wrong = api_login("nan.nhan", "sai mật khẩu " + std::to_string(i));
    EXPECT_EQ(wrong.status, 401);
    EXPECT_EQ(testing::ProblemCode(wrong), "credentials");
  }
  refill();
  Call locked_right = api_login("nan.nhan", pw);
  Call locked_wrong = api_login("nan.nhan", "sai nữa");
  EXPECT_EQ(locked_right.status, 429);
  EXPECT_EQ(testing::ProblemCode(locked_right), "locked");
  EXPECT_EQ(locked_wrong.status, locked_right.status);
  EXPECT_EQ(locked_wrong.json, locked_right.json);
  EXPECT_EQ(SessionCookieOf(locked_right), "");
  Call locked_form = form_login("nan.nhan", pw);
  EXPECT_EQ(locked_form.status, 429);
  EXPECT_EQ(SessionCookieOf(locked_form), "");
  refill();
  EXPECT_EQ(api_login("khac", pw).status, 200);
  // 5. Wrong one-time codes count as failures too.
  refill();
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(api_login("phan.tich", pw, "", "000000").status, 401);
  }
  refill();
  Call totp_locked = api_login("phan.tich", pw, "", s.TotpCode("phan.tich"));
  EXPECT_EQ(totp_locked.status, 429);
  EXPECT_EQ(testing::ProblemCode(totp_locked), "locked");
  // 6. Per client address: three sign-ins a minute here, whatever the names; then even a right
  // password waits, told apart from a lockout.
  refill();
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(api_login("khong.ai." + std::to_string(i), "x").status, 401);
  }
  Call limited = api_login("khac", pw);
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(testing::ProblemCode(limited), "rate_limited");
  EXPECT_FALSE(Header(limited, "Retry-After").empty());
  EXPECT_EQ(form_login("khac", pw).status, 429);
  refill();
  EXPECT_EQ(api_login("khac", pw).status, 200);
  // 7. The lockout ends after its 15 minutes.
  s.clock().Advance(std::chrono::minutes(15));
  EXPECT_EQ(api_login("nan.nhan", pw).status, 200);
  EXPECT_EQ(api_login("phan.tich", pw, "", s.TotpCode("phan.tich")).status, 200);
}

// ---------------------------------------------------------------------------------------------
// The server's log (stderr) and access log (stdout) over a full flow hold no secret and no
// reporter or person contact data.

TEST(SecurityTest, LogsHoldNoSecretsOrContactData) {
  base::InitLogging(base::LogLevel::kDebug);
  ::testing::internal::CaptureStdout();
  ::testing::internal::CaptureStderr();
  std::vector<std::string> secrets = {std::string(testing::kTestPassword),
                                      http::UrlEncode(std::string(testing::kTestPassword)),
                                      "sai-mat-khau-bi-mat-7731",
                                      "Nguyễn Thị Liên Lạc",
                                      "lien.lac@example.vn",
                                      "lien.lac%40example.vn",
                                      "0905 123 789",
                                      "0905123789",
                                      "+84905123789",
                                      "84905123789",
                                      "0912888777",
                                      "+84912888777",
                                      "chu.so@example.vn",
                                      "0977666555",
                                      "+84977666555",
                                      "nguoi.dan@example.vn"};
  {
    auto s = std::make_unique<TestServer>([](ServeConfig& c) { c.access_log = true; });
    s->AddUnits({{"pho-minh", "Phường Phổ Minh", ""}});
    s->AddUser("phan.tich", "analyst");
    s->AddUser("quan.tri", "programme_admin");
    const Browser analyst = s->Login("phan.tich");
    const std::string token = s->Token("phan.tich", {"reports:read", "reports:triage"});
    secrets.insert(secrets.end(), {analyst.session, analyst.csrf, token});
    // A failed sign-in, and the HTML form.
    s->Json(Method::kPost, "/api/v1/login",
            {{"name", "phan.tich"}, {"password", "sai-mat-khau-bi-mat-7731"}});
    Call page = s->Send(Method::kGet, "/login");
    const std::string login_csrf = testing::SetCookieValue(page, "by_login_csrf");
    http::Headers h = testing::ContentType("application/x-www-form-urlencoded");
    h.Set("Cookie", "by_login_csrf=" + login_csrf);
    Call form =
        s->Send(Method::kPost, "/login", h,
                "name=quan.tri&password=" + http::UrlEncode(std::string(testing::kTestPassword)) +
                    "&csrf_token=" + http::UrlEncode(login_csrf));
    EXPECT_EQ(form.status, 303);
    secrets.insert(secrets.end(),
                   {login_csrf, SessionCookieOf(form), testing::SetCookieValue(form, "by_csrf")});
    // Reports with contact data: JSON, multipart and the portal's form.
    Call filed = s->Json(Method::kPost, "/api/v1/reports",
                         {{"category", "phishing"},
                          {"description", "Tin nhắn giả ngân hàng"},
                          {"contact",
                           {{"name", "Nguyễn Thị Liên Lạc"},
                            {"phone", "0905 123 789"},
                            {"email", "lien.lac@example.vn"}}}});
    ASSERT_EQ(filed.status, 201) << filed.body;
    // The receipt code is a capability: following it must not put it in the access log.
    const std::string receipt = filed.json.value("receipt", "");
    secrets.push_back(receipt);
    EXPECT_EQ(s->Send(Method::kGet, "/bao-cao/" + receipt).status, 200);
    EXPECT_EQ(s->Send(Method::kGet, "/api/v1/receipts/" + receipt).status, 200);
    EXPECT_EQ(s->Send(Method::kPost, "/api/v1/reports", testing::MultipartType(),
                      testing::Multipart({{"category", "spam"},
                                          {"description", "Tin rác"},
                                          {"contact.phone", "0912 888 777"}}))
                  .status,
              201);
    // The analyst reads the contact (session + CSRF), then works with the bearer token; a wrong
    // token is refused.
    const std::string path = "/api/v1/reports/" + std::to_string(filed.json.value("id", 0));
    Call contact = s->Send(Method::kPost, path + "/contact", analyst.WithCsrf());
    EXPECT_EQ(contact.status, 200);
    EXPECT_THAT(contact.body, HasSubstr("lien.lac@example.vn"));
    EXPECT_EQ(s->Send(Method::kGet, path, TestServer::Bearer(token)).status, 200);
    EXPECT_EQ(s->Send(Method::kGet, path, TestServer::Bearer(token + "x")).status, 401);
    // A dispute with a contact; a person with a phone and an e-mail address; a private check.
    s->Json(Method::kPost, "/api/v1/disputes",
            {{"kind", "domain"},
             {"value", "cua-hang.vn"},
             {"reason", "Trang của tôi."},
             {"contact", {{"name", "Chủ Sở"}, {"email", "chu.so@example.vn"}}}});
    const Browser programme = s->Login("quan.tri");
    secrets.insert(secrets.end(), {programme.session, programme.csrf});
    Post(*s, programme, "/api/v1/people",
         {{"unit", "pho-minh"},
          {"name", "Người Dân"},
          {"phone", "0977 666 555"},
          {"email", "nguoi.dan@example.vn"}});
    EXPECT_EQ(s->Send(Method::kGet, "/kiem-tra?q=0977666555").status, 200);
    EXPECT_EQ(s->Send(Method::kGet, "/api/v1/check?kind=phone&value=0905123789").status, 200);
    EXPECT_EQ(s->Send(Method::kPost, "/api/v1/logout", analyst.WithCsrf()).status, 204);
  }
  const std::string out = ::testing::internal::GetCapturedStdout();
  const std::string err = ::testing::internal::GetCapturedStderr();
  base::InitLogging(base::LogLevel::kInfo);
  const std::string log = out + err;
  // Failures inside the capture went to the captured stdout: show them.
  if (::testing::Test::HasFailure()) std::cout << out.substr(0, 20'000);
  // The log was written (so the test can fail): the access log has the routes of the flow.
  EXPECT_THAT(log, HasSubstr("\"route\":\"/api/v1/reports/{id}/contact\""));
  EXPECT_THAT(log, HasSubstr("\"route\":\"/api/v1/login\""));
  EXPECT_THAT(log, HasSubstr("\"route\":\"/login\""));
  for (const std::string& secret : secrets) {
    ASSERT_FALSE(secret.empty());
    EXPECT_EQ(log.find(secret), std::string::npos) << "'" << secret << "' is in the log";
  }
}

}  // namespace
}  // namespace binhyen::app
