// End-to-end tests of `binhyen serve` over real HTTP on port 0: report intake, receipts, sign-in
// and triage, through the same composition the binary runs (ServerApp).

#include "app/server_app.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "app/testing/test_server.h"

namespace binhyen::app {
namespace {

using http::Method;
using nlohmann::json;
using testing::Browser;
using testing::Call;
using ::testing::HasSubstr;
using testing::TestServer;

// A 1×1 PNG.
const std::string kPng(
    "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx"
    "\x9c"
    "c\xf8\x0f\0\0\x01\x01\x01\0\x18\xdd\x8d\xb0\0\0\0\0IEND\xae"
    "B`\x82",
    67);

json PhoneReport(const std::string& phone, const std::string& text) {
  return {{"category", "scam_call"},
          {"description", text},
          {"indicators", json::array({{{"kind", "phone"}, {"value", phone}}})},
          {"ward", "pho-minh"},
          {"anonymous", true}};
}

std::string Multipart(const std::string& boundary,
                      const std::vector<std::pair<std::string, std::string>>& fields,
                      const std::vector<std::pair<std::string, std::string>>& files) {
  std::string body;
  for (const auto& [name, value] : fields) {
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" +
            value + "\r\n";
  }
  for (const auto& [filename, data] : files) {
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"evidence\"; filename=\"" +
            filename + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + data + "\r\n";
  }
  return body + "--" + boundary + "--\r\n";
}

class ServerAppTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new TestServer();
    server_->AddUser("an.phantich", "analyst");
    server_->AddUser("binh.phantich", "analyst");
    server_->AddUser("quantri", "admin");
    server_->AddUser("dan.phominh", "member");
    analyst_ = new Browser(server_->Login("an.phantich"));
  }
  static void TearDownTestSuite() {
    delete analyst_;
    delete server_;
  }
  TestServer& s() { return *server_; }
  const Browser& analyst() { return *analyst_; }

  Call Submit(const json& report, http::Headers headers = {}) {
    return s().Json(Method::kPost, "/api/v1/reports", report, std::move(headers));
  }

  static TestServer* server_;
  static Browser* analyst_;
};

TestServer* ServerAppTest::server_ = nullptr;
Browser* ServerAppTest::analyst_ = nullptr;

TEST_F(ServerAppTest, HealthReadinessAndMetrics) {
  EXPECT_EQ(s().Send(Method::kGet, "/healthz").status, 200);
  EXPECT_EQ(s().Send(Method::kGet, "/readyz").status, 200);
  Call metrics = s().Send(Method::kGet, "/metrics");
  EXPECT_EQ(metrics.status, 200);
  EXPECT_THAT(metrics.body, HasSubstr("binhyen_http_requests_total"));
  EXPECT_THAT(metrics.body, HasSubstr("binhyen_reports{status=\"received\"}"));
}

TEST_F(ServerAppTest, AnonymousReportGetsReceiptAndCanonicalIndicators) {
  Call call = Submit(
      {{"category", "phishing"},
       {"description", "Tin nhắn giả ngân hàng, bấm vào HTTP://Vietcombank-XacThuc.top/login"},
       {"indicators", json::array({{{"kind", "phone"}, {"value", "0912 345 678"}}})},
       {"anonymous", true}});
  ASSERT_EQ(call.status, 201) << call.body;
  EXPECT_EQ(call.json["status"], "received");
  const std::string receipt = call.json["receipt"];
  EXPECT_THAT(receipt, ::testing::MatchesRegex("BY-[0-9A-Z]{4}-[0-9A-Z]{4}"));
  EXPECT_EQ(call.headers.Get("Location").value_or(""), "/api/v1/receipts/" + receipt);
  ASSERT_EQ(call.json["indicators"].size(), 2u) << call.body;
  EXPECT_EQ(call.json["indicators"][0]["kind"], "phone");
  EXPECT_EQ(call.json["indicators"][0]["canonical"], "+84912345678");
  EXPECT_EQ(call.json["indicators"][1]["kind"], "url");
  EXPECT_EQ(call.json["indicators"][1]["canonical"], "http://vietcombank-xacthuc.top/login");

  // Following it by receipt: status and dates, never the text or contact; any case, no dashes.
  std::string typed = receipt;
  std::erase(typed, '-');
  for (char& c : typed) c = static_cast<char>(std::tolower(c));
  Call follow = s().Send(Method::kGet, "/api/v1/receipts/" + typed);
  ASSERT_EQ(follow.status, 200) << follow.body;
  EXPECT_EQ(follow.json["receipt"], receipt);
  EXPECT_EQ(follow.json["status"], "received");
  EXPECT_EQ(follow.json["status_label"], "Đã tiếp nhận");
  EXPECT_FALSE(follow.json.contains("description"));
  EXPECT_FALSE(follow.json.contains("contact"));
  EXPECT_FALSE(follow.json.contains("indicators"));

  EXPECT_EQ(s().Send(Method::kGet, "/api/v1/receipts/BY-0000-0001").status, 404);
  Call bad = s().Send(Method::kGet, "/api/v1/receipts/BY-12");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.json["code"], "invalid_receipt");
}

TEST_F(ServerAppTest, ReportsSharingAnIndicatorOrTextAreLinkedAndTheClientIsTold) {
  const std::string text =
      "Có người gọi tự xưng là công an phường, nói tôi liên quan đến một vụ rửa tiền và yêu cầu "
      "chuyển toàn bộ tiền trong tài khoản để xác minh, nếu không sẽ bị bắt giam ngay hôm nay.";
  Call first = Submit(PhoneReport("0987 111 222", text));
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_TRUE(first.json["related"].empty());

  Call second = Submit(PhoneReport("+84 987 111 222", "Số này gọi cho mẹ tôi đòi chuyển tiền."));
  ASSERT_EQ(second.status, 201) << second.body;
  ASSERT_EQ(second.json["related"].size(), 1u) << second.body;
  EXPECT_EQ(second.json["related"][0]["reason"], "shared_indicator");
  EXPECT_EQ(second.json["related"][0]["indicator"]["canonical"], "+84987111222");
  EXPECT_EQ(second.json["related"][0]["reports"], 1);
  EXPECT_FALSE(second.json["related"][0].contains("report_ids"));  // not for the public

  // The same message without diacritics, from another number: near-identical text.
  Call third = Submit(PhoneReport(
      "0933 444 555",
      "Co nguoi goi tu xung la cong an phuong, noi toi lien quan den mot vu rua tien va yeu cau "
      "chuyen toan bo tien trong tai khoan de xac minh, neu khong se bi bat giam ngay hom nay!"));
  ASSERT_EQ(third.status, 201) << third.body;
  ASSERT_EQ(third.json["related"].size(), 1u) << third.body;
  EXPECT_EQ(third.json["related"][0]["reason"], "similar_text");

  // Analysts see the links.
  Call detail = s().Send(Method::kGet, "/api/v1/reports/" + std::to_string(int(first.json["id"])),
                         analyst().Cookies());
  ASSERT_EQ(detail.status, 200) << detail.body;
  EXPECT_EQ(detail.json["linked_report_ids"],
            json::array({int(second.json["id"]), int(third.json["id"])}));
  EXPECT_EQ(detail.json["related"].size(), 2u);
}

TEST_F(ServerAppTest, MultipartReportStoresEvidenceForAnalystsOnly) {
  const std::string boundary = "----binhyen7MA4YWxkTrZu0gW";
  Call call = s().Send(
      Method::kPost, "/api/v1/reports",
      [&] {
        http::Headers h;
        h.Set("Content-Type", "multipart/form-data; boundary=" + boundary);
        return h;
      }(),
      Multipart(boundary,
                {{"category", "bank_fraud"},
                 {"description", "Ảnh chụp tin nhắn lừa chuyển khoản"},
                 {"indicator.bank_account", "Vietcombank 0071000123456"},
                 {"loss_vnd", "5.000.000"},
                 {"contact.phone", "0905 000 111"}},
                {{"ảnh chụp.png", kPng}}));
  ASSERT_EQ(call.status, 201) << call.body;
  ASSERT_EQ(call.json["evidence"].size(), 1u);
  EXPECT_EQ(call.json["evidence"][0]["media_type"], "image/png");
  EXPECT_EQ(call.json["evidence"][0]["filename"], "ảnh chụp.png");
  EXPECT_FALSE(call.json["evidence"][0].contains("href"));
  const std::string sha = call.json["evidence"][0]["sha256"];
  const std::string href =
      "/api/v1/reports/" + std::to_string(int(call.json["id"])) + "/evidence/" + sha;

  Call anonymous = s().Send(Method::kGet, href);
  EXPECT_EQ(anonymous.status, 401);
  Call got = s().Send(Method::kGet, href, analyst().Cookies());
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.body, kPng);
  EXPECT_EQ(got.headers.Get("Content-Type").value_or(""), "image/png");
  EXPECT_THAT(std::string(got.headers.Get("Content-Disposition").value_or("")),
              HasSubstr("attachment"));

  // The contact is sealed; revealing it is an audited state change (CSRF required).
  const std::string contact_url =
      "/api/v1/reports/" + std::to_string(int(call.json["id"])) + "/contact";
  EXPECT_EQ(s().Send(Method::kPost, contact_url, analyst().Cookies()).status, 403);
  Call contact = s().Send(Method::kPost, contact_url, analyst().WithCsrf());
  ASSERT_EQ(contact.status, 200) << contact.body;
  EXPECT_EQ(contact.json["contact"]["phone"], "0905 000 111");
}

TEST_F(ServerAppTest, WebFormQuirksAreHandledNotSilentlyDropped) {
  const std::string boundary = "formboundary42";
  http::Headers multipart;
  multipart.Set("Content-Type", "multipart/form-data; boundary=" + boundary);
  // A file input left empty: the browser sends a part with filename="" and no data.
  Call empty_file = s().Send(
      Method::kPost, "/api/v1/reports", multipart,
      Multipart(boundary, {{"category", "spam"}, {"description", "tin nhắn rác"}}, {{"", ""}}));
  ASSERT_EQ(empty_file.status, 201) << empty_file.body;
  EXPECT_TRUE(empty_file.json["evidence"].empty());

  http::Headers form;
  form.Set("Content-Type", "application/x-www-form-urlencoded");
  Call twice = s().Send(Method::kPost, "/api/v1/reports", form,
                        "category=spam&category=phishing&description=x");
  ASSERT_EQ(twice.status, 422) << twice.body;
  EXPECT_EQ(twice.json["errors"][0]["field"], "category");
  EXPECT_EQ(twice.json["errors"][0]["detail"], "given more than once");
  EXPECT_EQ(twice.json["errors"][0]["detail_vi"], "bị gửi nhiều lần");
  // Indicators may repeat.
  Call indicators = s().Send(Method::kPost, "/api/v1/reports", form,
                             "category=spam&description=x&indicator=0912000111"
                             "&indicator=0912000222");
  ASSERT_EQ(indicators.status, 201) << indicators.body;
  EXPECT_EQ(indicators.json["indicators"].size(), 2u);
}

TEST_F(ServerAppTest, BadInputGetsProblemJsonInBothLanguagesAndStoresNothing) {
  http::Headers json_type;
  json_type.Set("Content-Type", "application/json");
  Call malformed = s().Send(Method::kPost, "/api/v1/reports", json_type, "{\"category\": ");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(malformed.headers.Get("Content-Type").value_or(""), "application/problem+json");
  EXPECT_EQ(malformed.json["code"], "malformed");

  http::Headers text;
  text.Set("Content-Type", "text/plain");
  EXPECT_EQ(s().Send(Method::kPost, "/api/v1/reports", text, "lừa đảo").status, 415);

  Call invalid = Submit({{"category", "nope"},
                         {"description", ""},
                         {"indicators", json::array({{{"kind", "phone"}, {"value", "12"}}})}});
  ASSERT_EQ(invalid.status, 422) << invalid.body;
  EXPECT_EQ(invalid.json["code"], "invalid_fields");
  ASSERT_EQ(invalid.json["errors"].size(), 3u) << invalid.body;
  EXPECT_EQ(invalid.json["errors"][0]["field"], "category");
  EXPECT_EQ(invalid.json["errors"][1]["field"], "description");
  EXPECT_EQ(invalid.json["errors"][1]["detail_vi"], "không được để trống");
  EXPECT_EQ(invalid.json["errors"][2]["field"], "indicators[0]");

  Call unknown_field = Submit({{"category", "spam"}, {"description", "x"}, {"colour", "red"}});
  EXPECT_EQ(unknown_field.status, 422);
  EXPECT_EQ(unknown_field.json["errors"][0]["field"], "colour");

  Call both = Submit({{"category", "spam"},
                      {"description", "quảng cáo rác"},
                      {"anonymous", true},
                      {"contact", {{"name", "Lan"}}}});
  EXPECT_EQ(both.status, 422);

  std::string huge(1'100'000, 'a');
  Call too_large = s().Send(Method::kPost, "/api/v1/reports", json_type, huge);
  EXPECT_EQ(too_large.status, 413);

  const std::string boundary = "b0undary";
  http::Headers multipart;
  multipart.Set("Content-Type", "multipart/form-data; boundary=" + boundary);
  Call bad_file =
      s().Send(Method::kPost, "/api/v1/reports", multipart,
               Multipart(boundary, {{"category", "malware"}, {"description", "file lạ"}},
                         {{"app.apk", std::string("PK\x03\x04", 4) + "classes.dex"}}));
  ASSERT_EQ(bad_file.status, 422) << bad_file.body;
  EXPECT_EQ(bad_file.json["errors"][0]["field"], "evidence[0]");
}

TEST_F(ServerAppTest, SignInNeedsTheSecondFactorForAnalystsAndLocksAfterFailures) {
  Call no_code =
      s().Json(Method::kPost, "/api/v1/login",
               {{"name", "binh.phantich"}, {"password", std::string(testing::kTestPassword)}});
  EXPECT_EQ(no_code.status, 401);
  EXPECT_EQ(no_code.json["code"], "totp_required");

  Call wrong =
      s().Json(Method::kPost, "/api/v1/login", {{"name", "dan.phominh"}, {"password", "sai"}});
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(wrong.json["code"], "credentials");
  Call unknown = s().Json(Method::kPost, "/api/v1/login", {{"name", "ai.do"}, {"password", "sai"}});
  EXPECT_EQ(unknown.json["detail"], wrong.json["detail"]);  // no account enumeration

  Call member =
      s().Json(Method::kPost, "/api/v1/login",
               {{"name", "dan.phominh"}, {"password", std::string(testing::kTestPassword)}});
  ASSERT_EQ(member.status, 200) << member.body;
  std::string cookies;
  for (const auto& [k, v] : member.headers.all()) {
    if (k == "Set-Cookie") cookies += v + "\n";
  }
  EXPECT_THAT(cookies, HasSubstr("by_session="));
  EXPECT_THAT(cookies, HasSubstr("HttpOnly"));
  EXPECT_THAT(cookies, HasSubstr("SameSite=Lax"));
  EXPECT_THAT(cookies, ::testing::Not(HasSubstr("Secure")));  // plain HTTP on loopback
  EXPECT_EQ(member.json["user"]["role"], "member");

  // Four more failures lock the account (5 in all); the right password is then refused too.
  for (int i = 0; i < 4; ++i) {
    s().Json(Method::kPost, "/api/v1/login", {{"name", "dan.phominh"}, {"password", "sai"}});
  }
  for (int i = 0; i < 5; ++i) {
    s().Json(Method::kPost, "/api/v1/login", {{"name", "dan.phominh"}, {"password", "sai nữa"}});
  }
  Call locked =
      s().Json(Method::kPost, "/api/v1/login",
               {{"name", "dan.phominh"}, {"password", std::string(testing::kTestPassword)}});
  EXPECT_EQ(locked.status, 429);
  EXPECT_EQ(locked.json["code"], "locked");
  s().clock().Advance(std::chrono::minutes(16));
  Call after =
      s().Json(Method::kPost, "/api/v1/login",
               {{"name", "dan.phominh"}, {"password", std::string(testing::kTestPassword)}});
  EXPECT_EQ(after.status, 200) << after.body;
}

TEST_F(ServerAppTest, SessionsRotateAtSignInAndEndAtSignOut) {
  Browser first = s().Login("binh.phantich");
  EXPECT_EQ(s().Send(Method::kGet, "/api/v1/session", first.Cookies()).status, 200);
  // Signing in again from the same browser replaces the session.
  http::Headers h = first.Cookies();
  h.Set("Content-Type", "application/json");
  Call again = s().Send(Method::kPost, "/api/v1/login", h,
                        json{{"name", "binh.phantich"},
                             {"password", std::string(testing::kTestPassword)},
                             {"totp", s().TotpCode("binh.phantich")}}
                            .dump());
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(s().Send(Method::kGet, "/api/v1/session", first.Cookies()).status, 401);

  Browser second{"", again.json["csrf_token"]};
  for (const auto& [k, v] : again.headers.all()) {
    if (k == "Set-Cookie" && v.starts_with("by_session=")) {
      second.session = v.substr(11, v.find(';') - 11);
    }
  }
  EXPECT_EQ(s().Send(Method::kGet, "/api/v1/session", second.Cookies()).status, 200);
  EXPECT_EQ(s().Send(Method::kPost, "/api/v1/logout", second.Cookies()).status, 403);  // CSRF
  EXPECT_EQ(s().Send(Method::kPost, "/api/v1/logout", second.WithCsrf()).status, 204);
  EXPECT_EQ(s().Send(Method::kGet, "/api/v1/session", second.Cookies()).status, 401);
}

TEST_F(ServerAppTest, AnalystFindsConfirmsRejectsAndMergesReports) {
  Call a =
      Submit(PhoneReport("0977 123 456", "Lừa đảo tuyển cộng tác viên làm nhiệm vụ trên Telegram"));
  Call b = Submit(PhoneReport("0966 000 999", "Gọi điện mời vay tiền lãi suất thấp"));
  Call c = Submit(PhoneReport("0955 888 777", "Gọi điện mời vay tiền, đòi phí hồ sơ"));
  ASSERT_EQ(a.status, 201);
  const std::string id_a = std::to_string(int(a.json["id"]));
  const std::string id_b = std::to_string(int(b.json["id"]));
  const std::string id_c = std::to_string(int(c.json["id"]));

  // Search without diacritics, filtered by status.
  Call found = s().Send(Method::kGet, "/api/v1/reports?status=received&q=cong%20tac%20vien",
                        analyst().Cookies());
  ASSERT_EQ(found.status, 200) << found.body;
  ASSERT_EQ(found.json["items"].size(), 1u) << found.body;
  EXPECT_EQ(found.json["items"][0]["id"], a.json["id"]);
  EXPECT_EQ(s().Send(Method::kGet, "/api/v1/reports?status=bogus", analyst().Cookies()).status,
            422);

  auto move = [&](const std::string& id, const json& body) {
    return s().Json(Method::kPost, "/api/v1/reports/" + id + "/transition", body,
                    analyst().WithCsrf());
  };
  // received → confirmed is not a legal move.
  EXPECT_EQ(move(id_a, {{"to", "confirmed"}}).status, 409);
  ASSERT_EQ(move(id_a, {{"to", "triaging"}}).status, 200);
  Call confirmed =
      move(id_a, {{"to", "confirmed"}, {"public_note", "Đã xác minh, số này lừa đảo."}});
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  ASSERT_EQ(confirmed.json["indicators"].size(), 1u);
  EXPECT_EQ(confirmed.json["indicators"][0]["status"], "confirmed");
  EXPECT_EQ(confirmed.json["indicators"][0]["category"], "scam_call");
  EXPECT_EQ(confirmed.json["indicators"][0]["expires_at"],
            base::FormatRfc3339(s().clock().Now() + std::chrono::days(365)));
  Call follow = s().Send(Method::kGet, "/api/v1/receipts/" + std::string(a.json["receipt"]));
  EXPECT_EQ(follow.json["status"], "confirmed");
  EXPECT_EQ(follow.json["public_note"], "Đã xác minh, số này lừa đảo.");

  // Rejecting needs a reason.
  Call no_reason = move(id_b, {{"to", "rejected"}});
  EXPECT_EQ(no_reason.status, 422);
  EXPECT_EQ(no_reason.json["errors"][0]["field"], "reason");
  EXPECT_EQ(move(id_b, {{"to", "rejected"}, {"reason", "không đủ thông tin"}}).status, 200);

  // Merging: c duplicates b.
  Call dup =
      move(id_c, {{"to", "duplicate"}, {"duplicate_of", std::stoi(id_b)}, {"reason", "cùng vụ"}});
  ASSERT_EQ(dup.status, 200) << dup.body;
  EXPECT_EQ(dup.json["report"]["duplicate_of"], std::stoi(id_b));
  EXPECT_EQ(move(id_c, {{"to", "triaging"}, {"duplicate_of", 1}}).status, 422);
  EXPECT_EQ(move("999999", {{"to", "triaging"}}).status, 404);

  // Assigning.
  Call assigned = s().Json(Method::kPost, "/api/v1/reports/" + id_c + "/assign",
                           {{"assignee", "binh.phantich"}}, analyst().WithCsrf());
  ASSERT_EQ(assigned.status, 200) << assigned.body;
  EXPECT_FALSE(assigned.json["assignee_user_id"].is_null());
  EXPECT_EQ(s().Json(Method::kPost, "/api/v1/reports/" + id_c + "/assign",
                     {{"assignee", "dan.phominh"}}, analyst().WithCsrf())
                .status,
            422);

  // Everything was audited, by name.
  auto audit = s().app().session().admin().RecentAudit(50);
  ASSERT_TRUE(audit.ok());
  int transitions = 0;
  for (const auto& e : *audit) {
    if (e.action == "report.transition" && e.actor == "user:an.phantich") ++transitions;
  }
  EXPECT_GE(transitions, 4);
}

TEST_F(ServerAppTest, TokensActWithTheirScopesOnly) {
  const std::string read_only = s().Token("an.phantich", {"reports:read"});
  EXPECT_EQ(s().Send(Method::kGet, "/api/v1/reports", TestServer::Bearer(read_only)).status, 200);
  Call submitted = Submit(PhoneReport("0944 555 666", "Gọi giả danh bưu điện"));
  Call refused = s().Json(
      Method::kPost, "/api/v1/reports/" + std::to_string(int(submitted.json["id"])) + "/transition",
      {{"to", "triaging"}}, TestServer::Bearer(read_only));
  EXPECT_EQ(refused.status, 403);
  // A member's token never reads reports, whatever its scopes say.
  const std::string member = s().Token("dan.phominh", {"reports:read"});
  EXPECT_EQ(s().Send(Method::kGet, "/api/v1/reports", TestServer::Bearer(member)).status, 403);
  EXPECT_EQ(s().Send(Method::kGet, "/api/v1/reports", TestServer::Bearer("not-a-token")).status,
            401);
}

TEST(ServerAppRateLimitTest, ReportsPerClientAreLimited) {
  TestServer server([](ServeConfig& c) {
    c.reports_per_minute = 1;
    c.reports_burst = 2;
  });
  json report = PhoneReport("0912 000 111", "Tin nhắn rác quảng cáo cờ bạc");
  EXPECT_EQ(server.Json(Method::kPost, "/api/v1/reports", report).status, 201);
  EXPECT_EQ(server.Json(Method::kPost, "/api/v1/reports", report).status, 201);
  Call limited = server.Json(Method::kPost, "/api/v1/reports", report);
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(limited.headers.Get("Retry-After").value_or(""), "60");
  server.clock().Advance(std::chrono::seconds(60));
  EXPECT_EQ(server.Json(Method::kPost, "/api/v1/reports", report).status, 201);
}

}  // namespace
}  // namespace binhyen::app
