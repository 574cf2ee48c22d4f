// Malformed and hostile input to report intake over real HTTP on port 0: tables of JSON,
// multipart and urlencoded bodies, content types and methods. Each row asserts the exact status
// and problem `code`; afterwards the server still answers and exactly the rows meant to be
// accepted stored a report. (Receipts, search, triage and sign-in: hostile_routes_test.cc.)

#include "app/testing/hostile_input.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "app/testing/api_requests.h"
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

class HostileInputTest : public testing::HostileInputBase {};

TEST_F(HostileInputTest, JsonIntake) {
  const int64_t start = testing::StoredReports(s());
  auto row = [](std::string name, std::string body, int status, std::string code) {
    return Row{.name = std::move(name),
               .body = std::move(body),
               .status = status,
               .code = std::move(code)};
  };
  std::vector<Row> rows = {
      {.name = "valid", .body = kValidJson, .status = 201, .stores = true},
      row("truncated", kValidJson.substr(0, kValidJson.size() / 2), 400, "malformed"),
      row("only an opening brace", "{", 400, "malformed"),
      row("empty body", "", 400, "malformed"),
      row("whitespace", " \r\n\t ", 400, "malformed"),
      row("array", "[]", 400, "malformed"),
      row("array of the object", "[" + kValidJson + "]", 400, "malformed"),
      row("string", "\"spam\"", 400, "malformed"),
      row("number", "42", 400, "malformed"),
      row("null", "null", 400, "malformed"),
      row("true", "true", 400, "malformed"),
      row("trailing garbage", kValidJson + "x", 400, "malformed"),
      row("two objects", kValidJson + kValidJson, 400, "malformed"),
      row("single quotes", "{'category': 'spam'}", 400, "malformed"),
      row("comment", "{/* */\"category\": \"spam\"}", 400, "malformed"),
      row("10 000 nested arrays", Nested(10'000, "[", "]"), 400, "malformed"),
      row("10 000 nested objects", Nested(10'000, "{\"a\":", "}"), 422, "invalid_fields"),
      row("10 000 nested arrays in a field", ReportWith("indicators", Nested(10'000, "[", "]")),
          422, "invalid_fields"),
      row("10 000 unclosed brackets", std::string(10'000, '['), 400, "malformed"),
      row("number overflowing a double", ReportWith("loss_vnd", "1e400"), 400, "malformed"),
      row("number overflowing int64", ReportWith("loss_vnd", "99999999999999999999999"), 422,
          "invalid_fields"),
      row("loss beyond the maximum", ReportWith("loss_vnd", "10000000000001"), 422,
          "invalid_fields"),
      row("negative loss", ReportWith("loss_vnd", "-1"), 422, "invalid_fields"),
      row("fractional loss", ReportWith("loss_vnd", "1.5"), 422, "invalid_fields"),
      row("NaN", ReportWith("loss_vnd", "NaN"), 400, "malformed"),
      row("category number", ReportWith("category", "1"), 422, "invalid_fields"),
      row("category null", ReportWith("category", "null"), 422, "invalid_fields"),
      row("category object", ReportWith("category", "{}"), 422, "invalid_fields"),
      row("unknown category", ReportWith("category", "\"' OR 1=1 --\""), 422, "invalid_fields"),
      row("description array", ReportWith("description", "[]"), 422, "invalid_fields"),
      row("description number", ReportWith("description", "0"), 422, "invalid_fields"),
      row("description 10 001 bytes",
          ReportWith("description", json(std::string(10'001, 'a')).dump()), 422, "invalid_fields"),
      row("indicators object", ReportWith("indicators", "{}"), 422, "invalid_fields"),
      row("indicators string", ReportWith("indicators", "\"0912345678\""), 422, "invalid_fields"),
      row("indicator number", ReportWith("indicators", "[1]"), 422, "invalid_fields"),
      row("indicator value number",
          ReportWith("indicators", R"([{"kind":"phone","value":912345678}])"), 422,
          "invalid_fields"),
      row("indicator without value", ReportWith("indicators", R"([{"kind":"phone"}])"), 422,
          "invalid_fields"),
      row("indicator unknown kind", ReportWith("indicators", R"([{"kind":"rm -rf","value":"x"}])"),
          422, "invalid_fields"),
      row("indicator unknown member",
          ReportWith("indicators", R"([{"kind":"phone","value":"0912345678","x":1}])"), 422,
          "invalid_fields"),
      row("indicator value 2 049 bytes",
          ReportWith(
              "indicators",
              json::array({{{"kind", "url"}, {"value", "http://a.vn/" + std::string(2037, 'a')}}})
                  .dump()),
          422, "invalid_fields"),
      row("51 indicators",
          ReportWith("indicators",
                     [] {
                       json list = json::array();
                       for (int i = 0; i < 51; ++i) {
                         list.push_back(
                             {{"kind", "phone"}, {"value", "09123450" + std::to_string(10 + i)}});
                       }
                       return list.dump();
                     }()),
          422, "invalid_fields"),
      row("occurred_at number", ReportWith("occurred_at", "1700000000"), 422, "invalid_fields"),
      row("occurred_at garbage", ReportWith("occurred_at", "\"hôm qua\""), 422, "invalid_fields"),
      row("loss string", ReportWith("loss_vnd", "\"5 triệu\""), 422, "invalid_fields"),
      row("ward number", ReportWith("ward", "7"), 422, "invalid_fields"),
      row("anonymous string", ReportWith("anonymous", "\"yes\""), 422, "invalid_fields"),
      row("anonymous number", ReportWith("anonymous", "1"), 422, "invalid_fields"),
      row("contact string", ReportWith("contact", "\"0905000111\""), 422, "invalid_fields"),
      row("contact name number", R"({"category":"spam","description":"rác","contact":{"name":5}})",
          422, "invalid_fields"),
      row("contact unknown member",
          R"({"category":"spam","description":"rác","contact":{"address":"x"}})", 422,
          "invalid_fields"),
      row("unknown field", ReportWith("colour", "\"red\""), 422, "invalid_fields"),
      row("javascript: URL",
          ReportWith("indicators", R"x([{"kind":"url","value":"javascript:alert(1)"}])x"), 422,
          "invalid_fields"),
      row("occurred_at in the future", ReportWith("occurred_at", R"("2099-01-01T00:00:00Z")"), 422,
          "invalid_fields"),
      row("occurred_at offset +99:00", ReportWith("occurred_at", R"("2026-11-20T08:30:00+99:00")"),
          422, "invalid_fields"),
      row("ward of 5 000 bytes", ReportWith("ward", json(std::string(5000, 'w')).dump()), 422,
          "invalid_fields"),
      row("blank description", ReportWith("description", R"("   \t\n ")"), 422, "invalid_fields"),
      row("empty indicator value", ReportWith("indicators", R"([{"kind":"phone","value":""}])"),
          422, "invalid_fields"),
      row("empty contact", R"({"category":"spam","description":"x","contact":{}})", 422,
          "invalid_fields"),
      row("not anonymous without contact",
          R"({"category":"spam","description":"x","anonymous":false})", 422, "invalid_fields"),
      row("contact name of 300 bytes",
          json{{"category", "spam"},
               {"description", "x"},
               {"contact", {{"name", std::string(300, 'n')}}}}
              .dump(),
          422, "invalid_fields"),
      row("__proto__", ReportWith("__proto__", "{}"), 422, "invalid_fields"),
      row("empty object", "{}", 422, "invalid_fields"),
      row("invalid UTF-8 in a string",
          R"({"category":"spam","description":"l)" + std::string("\xff\xfe") + R"(a"})", 400,
          "malformed"),
      row("overlong UTF-8",
          R"({"category":"spam","description":")" + std::string("\xc0\xaf") + R"("})", 400,
          "malformed"),
      row("UTF-16 surrogate escape alone", R"({"category":"spam","description":"\ud800"})", 400,
          "malformed"),
      row("raw NUL in a string",
          std::string(R"({"category":"spam","description":"a)") + std::string(1, '\0') + "b\"}",
          400, "malformed"),
      row("JSON of 300 KiB", ReportWith("description", json(std::string(300 * 1024, 'a')).dump()),
          413, "too_large"),
      row("body over 1 MiB", std::string(1'100'000, ' '), 413, ""),
  };
  const int accepted = Run(rows);
  EXPECT_EQ(testing::StoredReports(s()), start + accepted);
}

// Valid JSON carrying hostile text: stored as text, never interpreted.
TEST_F(HostileInputTest, HostileTextInsideValidJson) {
  const int64_t start = testing::StoredReports(s());
  std::vector<Row> rows = {
      {.name = "HTML in description is stored as text",
       .body = json{{"category", "spam"},
                    {"description", "<script>alert(1)</script><img src=x onerror=alert(1)>"},
                    {"anonymous", true}}
                   .dump(),
       .status = 201,
       .stores = true},
      {.name = "SQL in description is stored as text",
       .body = json{{"category", "spam"},
                    {"description", "'); DROP TABLE reports; -- \" OR 1=1"},
                    {"anonymous", true}}
                   .dump(),
       .status = 201,
       .stores = true},
  };
  const int accepted = Run(rows);
  EXPECT_EQ(testing::StoredReports(s()), start + accepted);
}

TEST_F(HostileInputTest, MultipartAndFormIntake) {
  const int64_t start = testing::StoredReports(s());
  const std::string b(testing::kBoundary);
  const std::string multipart = "multipart/form-data; boundary=" + b;
  const std::vector<std::pair<std::string, std::string>> fields = {
      {"category", "malware"}, {"description", "Tệp lạ gửi qua Zalo"}};
  auto mp = [&](std::string name, std::string body, int status, std::string code,
                std::string type = "") {
    return Row{.name = std::move(name),
               .type = type.empty() ? multipart : type,
               .body = std::move(body),
               .status = status,
               .code = std::move(code)};
  };
  const std::string elf = std::string(
                              "\x7f"
                              "ELF\x02\x01\x01\0",
                              8) +
                          std::string(120, '\0');
  std::string parts33;
  for (int i = 0; i < 33; ++i) {
    parts33 += "--" + b + "\r\nContent-Disposition: form-data; name=\"f" + std::to_string(i) +
               "\"\r\n\r\nx\r\n";
  }
  parts33 += "--" + b + "--\r\n";
  std::vector<std::pair<std::string, std::string>> eleven;
  for (int i = 0; i < 11; ++i) eleven.emplace_back(std::to_string(i) + ".png", testing::kPng);

  std::vector<Row> rows = {
      {.name = "valid multipart with a PNG",
       .type = multipart,
       .body = testing::Multipart(fields, {{"a.png", testing::kPng}}),
       .status = 201,
       .stores = true},
      {.name = "traversal in the file name",
       .type = multipart,
       .body = testing::Multipart(fields, {{"../../../../../tmp/binhyen-evil.png", testing::kPng}}),
       .status = 201,
       .stores = true},
      {.name = "quoted boundary",
       .type = "multipart/form-data; boundary=\"" + b + "\"",
       .body = testing::Multipart(fields),
       .status = 201,
       .stores = true},
      {.name = "report as a JSON part",
       .type = multipart,
       .body = testing::Multipart({{"report", kValidJson}}),
       .status = 201,
       .stores = true},
      mp("missing boundary", testing::Multipart(fields), 400, "malformed", "multipart/form-data"),
      mp("empty boundary", testing::Multipart(fields), 400, "malformed",
         "multipart/form-data; boundary="),
      mp("boundary of 71 characters", testing::Multipart(fields, {}, std::string(71, 'b')), 400,
         "malformed", "multipart/form-data; boundary=" + std::string(71, 'b')),
      mp("body with another boundary", testing::Multipart(fields, {}, "other"), 400, "malformed"),
      mp("unterminated part",
         "--" + b + "\r\nContent-Disposition: form-data; name=\"category\"\r\n\r\nspam", 400,
         "malformed"),
      mp("no closing delimiter",
         "--" + b +
             "\r\nContent-Disposition: form-data; "
             "name=\"category\"\r\n\r\nspam\r\n",
         400, "malformed"),
      mp("part without Content-Disposition", "--" + b + "\r\n\r\nspam\r\n--" + b + "--\r\n", 400,
         "malformed"),
      mp("part header without colon",
         "--" + b + "\r\nContent-Disposition form-data\r\n\r\nspam\r\n--" + b + "--\r\n", 400,
         "malformed"),
      mp("empty body", "", 400, "malformed"),
      mp("33 parts", parts33, 400, "malformed"),
      mp("11 files", testing::Multipart(fields, eleven), 422, "invalid_fields"),
      mp("ELF executable", testing::Multipart(fields, {{"zalo.png", elf}}), 422, "invalid_fields"),
      mp("HTML page",
         testing::Multipart(fields, {{"anh.png", "<!doctype html><script>alert(1)</script>"}}), 422,
         "invalid_fields"),
      mp("SVG with script",
         testing::Multipart(
             fields, {{"anh.svg",
                       "<?xml version=\"1.0\"?><svg "
                       "xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"}}),
         422, "invalid_fields"),
      mp("empty file", testing::Multipart(fields, {{"a.png", ""}}), 422, "invalid_fields"),
      mp("file over 10 MiB",
         testing::Multipart(fields,
                            {{"big.png", testing::kPng + std::string(10 * 1024 * 1024, 'x')}}),
         413, "too_large"),
      mp("unknown form field",
         testing::Multipart({{"category", "spam"}, {"description", "x"}, {"shell", "rm -rf /"}}),
         422, "invalid_fields"),
      mp("JSON part malformed", testing::Multipart({{"report", "{\"category\":"}}), 400,
         "malformed"),
      {.name = "valid urlencoded",
       .type = "application/x-www-form-urlencoded",
       .body = "category=spam&description=" + http::UrlEncode("Tin nhắn rác") +
               "&indicator.phone=0912+345+678&anonymous=on",
       .status = 201,
       .stores = true},
      {.name = "urlencoded bad escape",
       .type = "application/x-www-form-urlencoded",
       .body = "category=spam&description=%zz",
       .status = 400,
       .code = "malformed"},
      {.name = "urlencoded invalid UTF-8",
       .type = "application/x-www-form-urlencoded",
       .body = "category=spam&description=l%FF%FEa",
       .status = 400,
       .code = "malformed"},
      {.name = "urlencoded unknown field",
       .type = "application/x-www-form-urlencoded",
       .body = "category=spam&description=x&admin=1",
       .status = 422,
       .code = "invalid_fields"},
      {.name = "urlencoded loss not a number",
       .type = "application/x-www-form-urlencoded",
       .body = "category=spam&description=x&loss_vnd=nhieu",
       .status = 422,
       .code = "invalid_fields"},
      {.name = "urlencoded 1 001 fields",
       .type = "application/x-www-form-urlencoded",
       .body =
           [] {
             std::string s = "category=spam&description=x";
             for (int i = 0; i < 1000; ++i) s += "&indicator=" + std::to_string(i);
             return s;
           }(),
       .status = 400,
       .code = "malformed"},
      {.name = "urlencoded empty",
       .type = "application/x-www-form-urlencoded",
       .body = "",
       .status = 422,
       .code = "invalid_fields"},
  };
  const int accepted = Run(rows);
  EXPECT_EQ(testing::StoredReports(s()), start + accepted);
  // Nothing outside the data directory's evidence store was written by a hostile filename.
  EXPECT_FALSE(std::filesystem::exists("/tmp/binhyen-evil.png"));
}

TEST_F(HostileInputTest, ContentTypesAndMethods) {
  const int64_t start = testing::StoredReports(s());
  auto typed = [](std::string name, std::string type, int status, std::string code,
                  bool stores = false) {
    return Row{.name = std::move(name),
               .type = std::move(type),
               .body = kValidJson,
               .status = status,
               .code = std::move(code),
               .stores = stores};
  };
  std::vector<Row> rows = {
      typed("no Content-Type", std::string(kNone), 415, "unsupported_media_type"),
      typed("empty Content-Type", "", 415, "unsupported_media_type"),
      typed("text/plain", "text/plain", 415, "unsupported_media_type"),
      typed("application/jsonx", "application/jsonx", 415, "unsupported_media_type"),
      typed("application/xml", "application/xml", 415, "unsupported_media_type"),
      typed("json with charset", "application/json; charset=utf-8", 201, "", true),
      typed("upper case", "Application/JSON", 201, "", true),
      typed("odd parameters", "application/json ; foo=\"b;a=r\"; charset=UTF-8", 201, "", true),
      typed("trailing semicolons", "application/json;;;", 201, "", true),
      typed("multipart type on a JSON body", "multipart/form-data; boundary=xyz", 400, "malformed"),
      typed("form type on a JSON body", "application/x-www-form-urlencoded", 422, "invalid_fields"),
      {.name = "OPTIONS", .method = Method::kOptions, .type = std::string(kNone), .status = 405},
      {.name = "DELETE a report",
       .method = Method::kDelete,
       .target = "/api/v1/reports/1",
       .type = std::string(kNone),
       .status = 405},
      {.name = "PUT a receipt",
       .method = Method::kPut,
       .target = "/api/v1/receipts/BY-0000-0000",
       .status = 405},
      {.name = "PATCH a transition",
       .method = Method::kPatch,
       .target = "/api/v1/reports/1/transition",
       .status = 405},
      {.name = "HEAD on POST-only login",
       .method = Method::kHead,
       .target = "/api/v1/login",
       .type = std::string(kNone),
       .status = 405},
      {.name = "GET on POST-only login",
       .method = Method::kGet,
       .target = "/api/v1/login",
       .type = std::string(kNone),
       .status = 405},
      {.name = "DELETE the session",
       .method = Method::kDelete,
       .target = "/api/v1/session",
       .type = std::string(kNone),
       .status = 405},
      {.name = "unknown path",
       .method = Method::kGet,
       .target = "/api/v1/reportz",
       .type = std::string(kNone),
       .status = 404},
  };
  const int accepted = Run(rows);
  EXPECT_EQ(testing::StoredReports(s()), start + accepted);

  // 405s name what is allowed.
  struct AllowCase {
    Method method;
    std::string target;
    std::string allow;
  };
  for (const AllowCase& c :
       std::vector<AllowCase>{{Method::kOptions, "/api/v1/reports", "GET, HEAD, POST"},
                              {Method::kDelete, "/api/v1/reports/1", "GET, HEAD"},
                              {Method::kHead, "/api/v1/login", "POST"},
                              {Method::kPut, "/api/v1/receipts/BY-0000-0000", "GET, HEAD"},
                              {Method::kDelete, "/api/v1/reports/1/transition", "POST"}}) {
    Call call = s().Send(c.method, c.target);
    EXPECT_EQ(call.status, 405) << c.target;
    EXPECT_EQ(call.headers.Get("Allow").value_or(""), c.allow) << c.target;
  }
  // HEAD on a GET route is a GET without the body.
  Call head = s().Send(Method::kHead, "/api/v1/reports", analyst().Cookies());
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.body, "");
  EXPECT_EQ(s().Send(Method::kHead, "/api/v1/reports").status, 401);

  // An over-long header: 431, and the server goes on.
  http::Headers big;
  big.Set("X-Padding", std::string(20'000, 'a'));
  Call too_big = s().Send(Method::kGet, "/api/v1/receipts/BY-0000-0000", big);
  EXPECT_EQ(too_big.status, 431);
  ExpectWellFormedError(too_big, Method::kGet);
  http::Headers many;
  for (int i = 0; i < 600; ++i) many.Add("X-H" + std::to_string(i), std::string(30, 'v'));
  EXPECT_EQ(s().Send(Method::kGet, "/healthz", many).status, 431);
  http::Headers cookie;
  cookie.Set("Cookie", "by_session=" + std::string(17'000, 'a'));
  EXPECT_EQ(s().Send(Method::kGet, "/api/v1/session", cookie).status, 431);
  EXPECT_EQ(s().Send(Method::kGet, "/healthz").status, 200);
}

// Regression: text containing NUL characters was accepted and stored ({"description":"a\u0000b"},
// description=a%00b, a multipart field with a raw NUL, a public note). A NUL is never part of a
// person's text; it truncates C strings downstream, and PostgreSQL TEXT refuses 0x00. Now 422
// invalid_fields naming the field, nothing stored or audited.
TEST_F(HostileInputTest, NulCharactersInTextAreRefused) {
  const std::string id = NewReport();
  const int64_t start = testing::StoredReports(s());
  const int64_t audit = testing::LastAuditSeq(s());
  auto row = [](std::string name, std::string type, std::string body) {
    return Row{.name = std::move(name),
               .type = std::move(type),
               .body = std::move(body),
               .status = 422,
               .code = "invalid_fields"};
  };
  std::vector<Row> rows = {
      row("JSON description", "application/json",
          R"({"category":"spam","description":"a\u0000b","anonymous":true})"),
      row("JSON indicator value", "application/json",
          R"({"category":"spam","description":"x","anonymous":true,)"
          R"("indicators":[{"kind":"url","value":"http://a.vn/\u0000x"}]})"),
      row("JSON contact name", "application/json",
          R"({"category":"spam","description":"x","contact":{"name":"Lan\u0000","phone":"0905000111"}})"),
      row("urlencoded description", "application/x-www-form-urlencoded",
          "category=spam&description=a%00b"),
      row("multipart description",
          "multipart/form-data; boundary=" + std::string(testing::kBoundary),
          testing::Multipart({{"category", "spam"}, {"description", std::string("a\0b", 3)}})),
  };
  Row note = row("public note", "application/json", R"({"public_note":"a\u0000b"})");
  note.target = "/api/v1/reports/" + id + "/note";
  note.as_analyst = true;
  rows.push_back(note);
  Row reason =
      row("rejection reason", "application/json", R"({"to":"rejected","reason":"a\u0000b"})");
  reason.target = "/api/v1/reports/" + id + "/transition";
  reason.as_analyst = true;
  rows.push_back(reason);
  Run(rows);
  EXPECT_EQ(testing::StoredReports(s()), start);
  EXPECT_EQ(testing::LastAuditSeq(s()), audit);
}

// Regression: a JSON body was read only up to its first NUL byte (nlohmann treats '\0' as the end
// of input), so `<valid report>\0<anything>` was accepted and the rest silently ignored, on every
// JSON route. Now 400 "malformed", nothing stored.
TEST_F(HostileInputTest, BytesAfterANulInAJsonBodyAreNotIgnored) {
  const std::string id = NewReport();
  const int64_t start = testing::StoredReports(s());
  const std::string nul(1, '\0');
  std::vector<Row> rows = {
      {.name = "report, NUL, garbage",
       .body = kValidJson + nul + "garbage",
       .status = 400,
       .code = "malformed"},
      {.name = "report, NUL", .body = kValidJson + nul, .status = 400, .code = "malformed"},
      {.name = "transition, NUL, garbage",
       .target = "/api/v1/reports/" + id + "/transition",
       .body = R"({"to":"triaging"})" + nul + "{",
       .status = 400,
       .code = "malformed",
       .as_analyst = true},
  };
  Run(rows);
  EXPECT_EQ(testing::StoredReports(s()), start);
}

}  // namespace
}  // namespace binhyen::app
