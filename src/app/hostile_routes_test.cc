// Malformed and hostile input to receipts, evidence, search, the triage routes and sign-in over
// real HTTP on port 0 (report intake: hostile_input_test.cc). Each row asserts the exact status
// and problem `code`; nothing is stored or audited by a refused row.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "app/testing/api_requests.h"
#include "app/testing/hostile_input.h"
#include "app/testing/test_server.h"
#include "http/form.h"

namespace binhyen::app {
namespace {

using http::Method;
using nlohmann::json;
using testing::Browser;
using testing::Call;
using ::testing::HasSubstr;
using testing::kNone;
using testing::kValidJson;
using testing::Nested;
using testing::ReportWith;
using testing::Row;
using testing::TestServer;

class HostileRoutesTest : public testing::HostileInputBase {};

TEST_F(HostileRoutesTest, ReceiptCodesAndEvidenceHashes) {
  // A report with evidence, for the evidence rows.
  Call filed = s().Send(Method::kPost, "/api/v1/reports", testing::MultipartType(),
                        testing::Multipart({{"category", "spam"}, {"description", "ảnh"}},
                                           {{"a.png", testing::kPng}}));
  ASSERT_EQ(filed.status, 201) << filed.body;
  const std::string id = std::to_string(filed.json.value("id", 0));
  const std::string evidence = "/api/v1/reports/" + id + "/evidence/";
  std::string upper_sha = filed.json["evidence"][0]["sha256"];
  for (char& c : upper_sha) c = static_cast<char>(std::toupper(c));

  auto get = [](std::string name, std::string target, int status, std::string code,
                bool analyst = false) {
    return Row{.name = std::move(name),
               .method = Method::kGet,
               .target = std::move(target),
               .type = std::string(kNone),
               .status = status,
               .code = std::move(code),
               .as_analyst = analyst};
  };
  const std::string r = "/api/v1/receipts/";
  std::vector<Row> rows = {
      get("10 001-character receipt", r + std::string(10'001, 'A'), 400, "invalid_receipt"),
      get("receipt traversal encoded", r + "%2e%2e%2f%2e%2e%2fetc%2fpasswd", 400,
          "invalid_receipt"),
      get("receipt traversal raw", r + "../../etc/passwd", 404, ""),
      get("receipt dot-dot", r + "..", 400, "invalid_receipt"),
      get("receipt NUL", r + "BY-0000%00-0000", 400, "invalid_receipt"),
      get("receipt invalid UTF-8", r + "BY-%FF%FE-0000", 400, "invalid_receipt"),
      get("receipt SQL", r + "BY-0000'%20OR%201=1--", 400, "invalid_receipt"),
      get("receipt wildcard", r + "BY-%25%25%25%25-%25%25%25%25", 400, "invalid_receipt"),
      get("receipt with slash", r + "BY-0000%2F0000", 400, "invalid_receipt"),
      get("empty receipt", r, 404, ""),
      get("evidence traversal raw", evidence + "../../../keys/contact.key", 404, "", true),
      get("evidence traversal encoded", evidence + "%2e%2e%2f%2e%2e%2fkeys%2fcontact.key", 404,
          "not_found", true),
      get("evidence hash of 10 001 characters", evidence + std::string(10'001, 'a'), 404,
          "not_found", true),
      get("evidence hash upper case", evidence + upper_sha, 404, "not_found", true),
      get("evidence NUL", evidence + "%00", 404, "not_found", true),
      get("evidence of another report id",
          "/api/v1/reports/999999/evidence/" + std::string(filed.json["evidence"][0]["sha256"]),
          404, "not_found", true),
      get("report id not a number", "/api/v1/reports/abc", 404, "not_found", true),
      get("report id negative", "/api/v1/reports/-1", 404, "not_found", true),
      get("report id zero", "/api/v1/reports/0", 404, "not_found", true),
      get("report id overflowing", "/api/v1/reports/99999999999999999999999", 404, "not_found",
          true),
      get("report id hex", "/api/v1/reports/0x10", 404, "not_found", true),
      get("report id with SQL", "/api/v1/reports/1%20OR%201=1", 404, "not_found", true),
  };
  Run(rows);
}

TEST_F(HostileRoutesTest, SearchTextIsNeverAQueryLanguage) {
  auto file = [&](const std::string& text) {
    Call filed = s().Json(Method::kPost, "/api/v1/reports",
                          {{"category", "scam_call"}, {"description", text}, {"anonymous", true}});
    EXPECT_EQ(filed.status, 201) << filed.body;
    return filed.json.value("id", int64_t{0});
  };
  const int64_t quokka = file("Lừa đảo tuyển cộng tác viên Telegram quokkaxyz");
  const int64_t zebra = file("'); DROP TABLE reports; -- \" OR 1=1 zebraxyz");
  struct Search {
    std::string q;
    std::vector<int64_t> found;  // among {quokka, zebra}: exactly these
    bool nothing_else = false;   // and no other report either
  };
  const std::vector<Search> searches = {
      {"' OR 1=1 --", {zebra}},
      {"'; DROP TABLE reports; --", {zebra}},
      {"\" AND", {}, true},
      {"\"", {}, true},
      {"*", {}, true},
      {"NEAR(", {}, true},
      {"NEAR(a b", {}, true},
      {"%", {}, true},
      {"_", {}, true},
      {"\\", {}, true},
      {"a OR b", {}},
      {"-quokkaxyz", {quokka}},
      {"quokkaxyz*", {quokka}},
      {"^quokkaxyz", {quokka}},
      {"col:quokkaxyz", {}},  // the words "col" and "quokkaxyz": no report has both
      {"quokkaxyz", {quokka}, true},
      {"\"quokkaxyz\"", {quokka}, true},
      {"QUOKKAXYZ", {quokka}, true},
      {"quokkaxyz' OR '1'='1", {}},
      {"zebraxyz OR quokkaxyz", {}},
  };
  // Search text is bounded (500 bytes): a longer one is refused, never sent to the store.
  {
    Call long_q = s().Send(Method::kGet, "/api/v1/reports?q=" + std::string(10'000, 'a'),
                           analyst().Cookies());
    EXPECT_EQ(long_q.status, 422);
    EXPECT_EQ(testing::ProblemCode(long_q), "invalid_fields");
  }
  for (const Search& q : searches) {
    SCOPED_TRACE("q=" + q.q.substr(0, 60));
    Call call =
        s().Send(Method::kGet, "/api/v1/reports?q=" + http::UrlEncode(q.q), analyst().Cookies());
    EXPECT_EQ(call.status, 200) << call.body.substr(0, 400);
    ASSERT_TRUE(call.json.contains("items")) << call.body.substr(0, 400);
    std::vector<int64_t> ours;
    size_t all = 0;
    for (const json& item : call.json["items"]) {
      ++all;
      const int64_t id = item.value("id", int64_t{0});
      if (id == quokka || id == zebra) ours.push_back(id);
    }
    EXPECT_EQ(ours, q.found) << call.body.substr(0, 400);
    if (q.nothing_else) {
      EXPECT_EQ(all, q.found.size()) << call.body.substr(0, 400);
    }
  }
  struct BadQuery {
    std::string query;
    int status;
    std::string code;
  };
  for (const BadQuery& b :
       std::vector<BadQuery>{{"status=%27%20OR%201=1", 422, "invalid_fields"},
                             {"category=%00", 422, "invalid_fields"},
                             {"limit=abc", 422, "invalid_fields"},
                             {"limit=99999999999999999999", 422, "invalid_fields"},
                             {"limit=0", 422, "invalid_fields"},
                             {"assignee=%27%20OR%201=1", 422, "invalid_fields"},
                             {"sort=id;DROP", 422, "invalid_fields"},
                             {"page=%27%20OR%201=1%20--", 422, "invalid_fields"},
                             // The server refuses a query that is not UTF-8 / not decodable.
                             {"q=%FF%FE", 400, "malformed"},
                             {"q=%zz", 400, "malformed"}}) {
    Call call = s().Send(Method::kGet, "/api/v1/reports?" + b.query, analyst().Cookies());
    EXPECT_EQ(call.status, b.status) << b.query << " " << call.body.substr(0, 400);
    ExpectWellFormedError(call, Method::kGet);
    EXPECT_EQ(testing::ProblemCode(call), b.code) << b.query;
  }
  EXPECT_EQ(s().Send(Method::kGet, "/healthz").status, 200);
}

TEST_F(HostileRoutesTest, TriageBodies) {
  const std::string id = NewReport();
  const std::string t = "/api/v1/reports/" + id + "/transition";
  const std::string a = "/api/v1/reports/" + id + "/assign";
  const std::string n = "/api/v1/reports/" + id + "/note";
  auto row = [](std::string name, std::string target, std::string body, int status,
                std::string code, std::string type = "application/json") {
    return Row{.name = std::move(name),
               .target = std::move(target),
               .type = std::move(type),
               .body = std::move(body),
               .status = status,
               .code = std::move(code),
               .as_analyst = true};
  };
  const int64_t audit = testing::LastAuditSeq(s());
  std::vector<Row> rows = {
      row("transition truncated", t, "{\"to\":", 400, "malformed"),
      row("transition array", t, "[\"triaging\"]", 400, "malformed"),
      row("transition string", t, "\"triaging\"", 400, "malformed"),
      row("transition empty", t, "", 400, "malformed"),
      row("transition 10 000 nested", t, Nested(10'000, "[", "]"), 400, "malformed"),
      row("transition nested in to", t, "{\"to\":" + Nested(10'000, "[", "]") + "}", 422,
          "invalid_fields"),
      row("transition {}", t, "{}", 422, "invalid_fields"),
      row("transition to number", t, R"({"to":5})", 422, "invalid_fields"),
      row("transition to unknown", t, R"({"to":"' OR 1=1 --"})", 422, "invalid_fields"),
      row("transition unknown field", t, R"({"to":"triaging","by":"admin"})", 422,
          "invalid_fields"),
      row("transition reason number", t, R"({"to":"triaging","reason":1})", 422, "invalid_fields"),
      row("transition duplicate_of string", t, R"({"to":"duplicate","duplicate_of":"1"})", 422,
          "invalid_fields"),
      row("transition duplicate_of huge", t, R"({"to":"duplicate","duplicate_of":1e300})", 422,
          "invalid_fields"),
      row("transition duplicate_of overflow", t,
          R"({"to":"duplicate","duplicate_of":99999999999999999999})", 422, "invalid_fields"),
      row("transition duplicate_of negative", t, R"({"to":"duplicate","duplicate_of":-1})", 422,
          "invalid_fields"),
      row("transition duplicate_of itself", t,
          R"({"to":"duplicate","duplicate_of":)" + id + R"(,"reason":"x"})", 422, "invalid_fields"),
      row("transition severity unknown", t, R"({"to":"triaging","severity":"apocalyptic"})", 422,
          "invalid_fields"),
      row("transition invalid UTF-8", t,
          R"({"to":"rejected","reason":")" + std::string("\xff") + R"("})", 400, "malformed"),
      row("transition no type", t, R"({"to":"triaging"})", 415, "unsupported_media_type",
          std::string(kNone)),
      row("transition form type", t, "to=triaging", 415, "unsupported_media_type",
          "application/x-www-form-urlencoded"),
      row("transition id abc", "/api/v1/reports/abc/transition", R"({"to":"triaging"})", 404,
          "not_found"),
      row("transition id 0", "/api/v1/reports/0/transition", R"({"to":"triaging"})", 404,
          "not_found"),
      row("transition unknown id", "/api/v1/reports/999999/transition", R"({"to":"triaging"})", 404,
          "not_found"),
      row("assign {}", a, "{}", 422, "invalid_fields"),
      row("assign number", a, R"({"assignee":5})", 422, "invalid_fields"),
      row("assign SQL", a, R"({"assignee":"' OR 1=1 --"})", 422, "invalid_fields"),
      row("assign 10 001 characters", a, json{{"assignee", std::string(10'001, 'a')}}.dump(), 422,
          "invalid_fields"),
      row("assign array", a, "[]", 400, "malformed"),
      row("note {}", n, "{}", 422, "invalid_fields"),
      row("note number", n, R"({"public_note":5})", 422, "invalid_fields"),
      row("note object", n, R"({"public_note":{}})", 422, "invalid_fields"),
      row("note unknown field", n, R"({"public_note":"x","private":"y"})", 422, "invalid_fields"),
      row("note 100 000 bytes", n, json{{"public_note", std::string(100'000, 'a')}}.dump(), 422,
          "invalid_fields"),
  };
  Run(rows);
  // Not one of these rows changed the report or wrote an audit entry.
  EXPECT_EQ(testing::LastAuditSeq(s()), audit);
  Call detail = s().Send(Method::kGet, "/api/v1/reports/" + id, analyst().Cookies());
  EXPECT_EQ(detail.json["status"], "received") << detail.body;
  EXPECT_TRUE(detail.json.value("assignee_user_id", json()).is_null()) << detail.body;
}

TEST_F(HostileRoutesTest, SignIn) {
  int n = 0;
  // Each row signs in as another (unknown) name, so that no lockout builds up between rows.
  auto name = [&n] { return "khong.ai." + std::to_string(++n); };
  auto row = [](std::string row_name, std::string body, int status, std::string code,
                std::string type = "application/json") {
    return Row{.name = std::move(row_name),
               .target = "/api/v1/login",
               .type = std::move(type),
               .body = std::move(body),
               .status = status,
               .code = std::move(code)};
  };
  const std::string pw(testing::kTestPassword);
  std::vector<Row> rows = {
      row("5 000-byte password of a real user",
          json{{"name", "an.phantich"}, {"password", std::string(5000, 'p')}, {"totp", "000000"}}
              .dump(),
          401, "credentials"),
      row("5 000-byte password",
          json{{"name", name()}, {"password", std::string(5000, 'p')}}.dump(), 401, "credentials"),
      row("1 MiB password",
          json{{"name", name()}, {"password", std::string(1'000'000, 'p')}}.dump(), 401,
          "credentials"),
      row("10 001-character name",
          json{{"name", std::string(10'001, 'n')}, {"password", pw}}.dump(), 401, "credentials"),
      row("empty object", "{}", 401, "credentials"),
      row("empty name and password", json{{"name", ""}, {"password", ""}}.dump(), 401,
          "credentials"),
      row("name number", json{{"name", 5}, {"password", pw}}.dump(), 401, "credentials"),
      row("password object", json{{"name", name()}, {"password", json::object()}}.dump(), 401,
          "credentials"),
      row("SQL name", json{{"name", "' OR 1=1 --"}, {"password", "' OR 1=1 --"}}.dump(), 401,
          "credentials"),
      row("NUL in name", R"({"name":"an.phantich\u0000x","password":"x"})", 401, "credentials"),
      row("unknown field", json{{"name", name()}, {"password", pw}, {"role", "admin"}}.dump(), 422,
          "invalid_fields"),
      row("truncated", "{\"name\":\"a", 400, "malformed"),
      row("array", "[]", 400, "malformed"),
      row("10 000 nested", Nested(10'000, "[", "]"), 400, "malformed"),
      row("invalid UTF-8", "{\"name\":\"\xff\",\"password\":\"x\"}", 400, "malformed"),
      row("no Content-Type", json{{"name", name()}, {"password", pw}}.dump(), 415,
          "unsupported_media_type", std::string(kNone)),
      row("form to the JSON route", "name=a&password=b", 415, "unsupported_media_type",
          "application/x-www-form-urlencoded"),
  };
  Run(rows);
  // The analyst whose password was tried once is not locked and signs in.
  Browser b = s().Login("an.phantich");
  EXPECT_FALSE(b.session.empty());

  // The HTML form: refused types and bodies never sign anyone in and never fail with 5xx.
  Call page = s().Send(Method::kGet, "/login");
  const std::string token = testing::SetCookieValue(page, "by_login_csrf");
  http::Headers form = testing::ContentType("application/x-www-form-urlencoded");
  form.Set("Cookie", "by_login_csrf=" + token);
  struct FormRow {
    std::string body;
    int status;
  };
  const std::string csrf = "&csrf_token=" + http::UrlEncode(token);
  for (const FormRow& f :
       std::vector<FormRow>{{"name=" + name() + "&password=" + std::string(5000, 'p') + csrf, 401},
                            {"name=%FF&password=x" + csrf, 400},
                            {"name=a%00b&password=x" + csrf, 401},
                            {"name=a&password=%zz" + csrf, 400},
                            {csrf.substr(1), 401},
                            {"", 303}}) {
    Call call = s().Send(Method::kPost, "/login", form, f.body);
    EXPECT_EQ(call.status, f.status) << f.body.substr(0, 80) << " " << call.body.substr(0, 300);
    EXPECT_EQ(testing::SetCookieValue(call, "by_session"), "");
  }
  http::Headers json_form = testing::ContentType("application/json");
  json_form.Set("Cookie", "by_login_csrf=" + token);
  Call wrong_type = s().Send(Method::kPost, "/login", json_form, "{}");
  EXPECT_EQ(wrong_type.status, 415);
  EXPECT_EQ(testing::ProblemCode(wrong_type), "unsupported_media_type");
  EXPECT_EQ(s().Send(Method::kGet, "/healthz").status, 200);
}

}  // namespace
}  // namespace binhyen::app
