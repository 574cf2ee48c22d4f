// CSRF protection over real HTTP on port 0: every state-changing route of api::ApiRoutes(),
// called with a session cookie, needs the session's CSRF token (X-CSRF-Token header or the
// csrf_token form field); without it nothing changes. Bearer tokens need none. The HTML sign-in
// form has its own pre-session token.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "api/api.h"
#include "app/testing/api_requests.h"
#include "app/testing/test_server.h"

namespace binhyen::app {
namespace {

using http::Method;
using nlohmann::json;
using testing::Browser;
using testing::Call;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::TestServer;

std::string RouteName(const api::RouteSpec& spec) {
  return std::string(http::Name(spec.method)) + " " + std::string(spec.pattern);
}

// Everything a forged request could have changed.
struct Snapshot {
  int64_t reports = 0;
  int64_t audit_seq = 0;
  std::string report;  // the analyst's view of the fixture report, minus volatile fields
  bool operator==(const Snapshot&) const = default;
};

class CsrfTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new TestServer();
    server_->AddUser("an.phantich", "analyst");
    server_->AddUser("binh.phantich", "analyst");
    server_->AddUser("dan.phominh", "member");
    server_->AddUser("chi.chuongtrinh", "programme_admin");
    server_->AddUser("quan.trivien", "admin");
    server_->AddUser("lan.ketoan", "finance");
    analyst_ = new Browser(server_->Login("an.phantich"));
    other_ = new Browser(server_->Login("binh.phantich"));
  }
  static void TearDownTestSuite() {
    delete analyst_;
    delete other_;
    delete server_;
  }
  TestServer& s() { return *server_; }
  const Browser& analyst() { return *analyst_; }

  // A fresh report with a contact: its id.
  std::string NewReport() {
    Call call = s().Json(
        Method::kPost, "/api/v1/reports",
        {{"category", "phishing"},
         {"description", "Tin nhắn giả mạo ngân hàng kèm đường link lạ"},
         {"indicators", json::array({{{"kind", "url"}, {"value", "http://vcb-xacminh.top"}}})},
         {"contact", {{"phone", "0905 000 111"}}}});
    EXPECT_EQ(call.status, 201) << call.body;
    return call.status == 201 ? std::to_string(int64_t(call.json["id"])) : "1";
  }

  Snapshot Take(const std::string& id) {
    Snapshot snap{testing::StoredReports(s()), testing::LastAuditSeq(s()), ""};
    Call detail = s().Send(Method::kGet, "/api/v1/reports/" + id, analyst().Cookies());
    EXPECT_EQ(detail.status, 200) << detail.body;
    snap.report = detail.json.dump();
    return snap;
  }

  // The JSON body that makes a state-changing route succeed, and the status it then answers;
  // {"", 0} for a route this test does not know (only the refusals are checked then).
  static std::pair<json, int> SuccessFor(const api::RouteSpec& spec) {
    static const std::map<std::string, std::pair<json, int>> kBodies = {
        {"POST /api/v1/logout", {nullptr, 204}},
        {"POST /logout", {nullptr, 303}},
        {"POST /api/v1/reports",
         {testing::PhoneReportJson("0912 345 678", "Gọi điện giả danh bưu điện"), 201}},
        {"POST /api/v1/reports/{id}/transition", {{{"to", "triaging"}}, 200}},
        {"POST /api/v1/reports/{id}/assign", {{{"assignee", "me"}}, 200}},
        {"POST /api/v1/reports/{id}/note", {{{"public_note", "Đang xác minh."}}, 200}},
        {"POST /api/v1/reports/{id}/contact", {nullptr, 200}},
    };
    auto it = kBodies.find(RouteName(spec));
    return it == kBodies.end() ? std::pair<json, int>{nullptr, 0} : it->second;
  }

  static std::string Target(const api::RouteSpec& spec, const std::string& id) {
    std::string target(spec.pattern);
    if (auto at = target.find("{id}"); at != std::string::npos) target.replace(at, 4, id);
    return target;
  }

  // Sends `spec` as `browser` with `csrf` in the header (none when empty).
  Call SendWith(const api::RouteSpec& spec, const std::string& id, const Browser& browser,
                const std::string& csrf) {
    http::Headers h = browser.Cookies();
    if (!csrf.empty()) h.Set("X-CSRF-Token", csrf);
    json body = SuccessFor(spec).first;
    if (body.is_null()) return s().Send(spec.method, Target(spec, id), h);
    h.Set("Content-Type", "application/json");
    return s().Send(spec.method, Target(spec, id), h, body.dump());
  }

  // The browser to use on `spec`: a throwaway session for the sign-out routes, a programme
  // admin for the programme's routes (an analyst would be refused before the CSRF check).
  Browser BrowserFor(const api::RouteSpec& spec) {
    if (spec.access == api::Access::kPermission &&
        !service::RoleHas(domain::Role::kAnalyst, spec.permission)) {
      return s().Login("chi.chuongtrinh");
    }
    return spec.pattern.ends_with("logout") ? s().Login("an.phantich") : analyst();
  }

  static TestServer* server_;
  static Browser* analyst_;
  static Browser* other_;
};

TestServer* CsrfTest::server_ = nullptr;
Browser* CsrfTest::analyst_ = nullptr;
Browser* CsrfTest::other_ = nullptr;

void ExpectCsrfRefusal(const Call& call) {
  EXPECT_EQ(call.status, 403) << call.body;
  EXPECT_EQ(testing::ProblemCode(call), "csrf") << call.body;
  EXPECT_EQ(call.headers.Get("Content-Type").value_or(""), "application/problem+json");
  EXPECT_THAT(call.headers.all(), Not(::testing::Contains(::testing::Key("Set-Cookie"))));
}

TEST_F(CsrfTest, EveryStateChangeWithASessionNeedsItsOwnTokenAndChangesNothingWithout) {
  int checked = 0;
  for (const api::RouteSpec& spec : api::ApiRoutes()) {
    if (!spec.state_changing) continue;
    ++checked;
    SCOPED_TRACE(RouteName(spec));
    const std::string id = NewReport();
    const Browser browser = BrowserFor(spec);
    const Snapshot before = Take(id);

    ExpectCsrfRefusal(SendWith(spec, id, browser, ""));                      // none
    ExpectCsrfRefusal(SendWith(spec, id, browser, browser.csrf + "x"));      // wrong
    ExpectCsrfRefusal(SendWith(spec, id, browser, std::string(43, 'A')));    // made up
    ExpectCsrfRefusal(SendWith(spec, id, browser, other_->csrf));            // another session
    ExpectCsrfRefusal(SendWith(spec, id, browser, std::string(5000, 'a')));  // huge
    ExpectCsrfRefusal(SendWith(spec, id, browser, browser.session));         // the session id
    // The by_csrf cookie alone proves nothing (a forged request carries cookies too).
    EXPECT_THAT(browser.Cookies().Get("Cookie").value_or(""), HasSubstr("by_csrf="));

    EXPECT_EQ(Take(id), before) << "a refused request changed something";
    EXPECT_EQ(s().Send(Method::kGet, "/api/v1/session", browser.Cookies()).status, 200)
        << "a refused sign-out ended the session";

    const int success = SuccessFor(spec).second;
    if (success == 0) continue;  // a route added later: refusals checked above
    Call ok = SendWith(spec, id, browser, browser.csrf);
    EXPECT_EQ(ok.status, success) << ok.body;
  }
  EXPECT_GE(checked, 7);
}

// `pattern` with every "{name}" replaced by `value`.
std::string Fill(std::string_view pattern, const std::string& value) {
  std::string out;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{') {
      i = pattern.find('}', i);
      if (i == std::string_view::npos) break;  // the router refuses such a pattern
      out += value;
    } else {
      out.push_back(pattern[i]);
    }
  }
  return out;
}

// The HTML pages: every POST route outside /api/, taken from the server's own route list so
// that a page added later is covered too. A console form (/quan-tri/...) carries the session's
// token: without it, a wrong one or another session's, the role allowed to post there gets the
// 403 page saying nothing was changed, and no role gets anything but a refusal. A public form
// carries the double-submit token of the page that showed it: without one the report and dispute
// forms answer 403; the forms behind a personal link, a quiz or the code of conduct answer 400
// or 404 here, where no such link or page exists (their tokens are tested on live links in
// web_programme_test, training_http_test, quiz_http_test and content_http_test). Nothing is
// changed by any of it. POST /kiem-tra only reads (a message too long for a URL is checked) and
// needs none.
TEST_F(CsrfTest, EveryPageFormNeedsItsTokenAndChangesNothingWithout) {
  const std::string id = NewReport();
  // Each role that owns some console forms: analysts, programme admins (who also hold the unit
  // officers' permission), admins, and finance (the budget's forms, issue 9).
  const std::vector<Browser> signed_in = {analyst(), s().Login("chi.chuongtrinh"),
                                          s().Login("quan.trivien"), s().Login("lan.ketoan")};
  const Snapshot before = Take(id);
  const http::Headers anonymous = testing::ContentType("application/x-www-form-urlencoded", {});
  int console = 0;
  int public_forms = 0;
  for (const auto& [method, pattern] : s().app().routes()) {
    if (method != Method::kPost || pattern.starts_with("/api/") || pattern == "/login" ||
        pattern == "/logout") {
      continue;
    }
    SCOPED_TRACE(pattern);
    const std::string path = Fill(pattern, id);
    if (pattern == "/kiem-tra") {
      EXPECT_EQ(s().Send(Method::kPost, path, anonymous, "q=0912345678").status, 200);
      continue;
    }
    if (!pattern.starts_with("/quan-tri/")) {
      ++public_forms;
      for (const std::string& field : {std::string(), std::string("&csrf_token=made-up")}) {
        Call refused = s().Send(Method::kPost, path, anonymous, "name=x&unit=x" + field);
        if (pattern == "/bao-cao" || pattern == "/khieu-nai") {
          EXPECT_EQ(refused.status, 403) << field << "\n" << refused.body.substr(0, 600);
        } else {
          EXPECT_TRUE(refused.status == 400 || refused.status == 403 || refused.status == 404)
              << refused.status << field << "\n"
              << refused.body.substr(0, 600);
        }
      }
      continue;
    }
    ++console;
    bool told_nothing_changed = false;
    for (const Browser& b : signed_in) {
      const http::Headers form =
          testing::ContentType("application/x-www-form-urlencoded", b.Cookies());
      for (const std::string& token : {std::string(), b.csrf + "x", other_->csrf}) {
        Call refused = s().Send(Method::kPost, path, form, "x=1&csrf_token=" + token);
        EXPECT_TRUE(refused.status == 403 || refused.status == 404) << refused.status << "\n"
                                                                    << refused.body.substr(0, 600);
        told_nothing_changed |= refused.status == 403 &&
                                refused.body.find("Không có gì bị thay đổi") != std::string::npos;
      }
    }
    EXPECT_TRUE(told_nothing_changed) << "no role was refused for the missing token";
  }
  EXPECT_EQ(Take(id), before) << "a refused form changed something";
  // The console's and the public forms as of 2026-11-30; a smaller count means the walk broke.
  EXPECT_GE(console, 40);
  EXPECT_GE(public_forms, 9);
}

TEST_F(CsrfTest, TheTokenMayComeAsAFormFieldOfUrlEncodedAndMultipartBodies) {
  const std::string id = NewReport();
  const http::Headers form =
      testing::ContentType("application/x-www-form-urlencoded", analyst().Cookies());
  const std::string field = "csrf_token=" + http::UrlEncode(analyst().csrf);

  // Intake reads forms: the report is filed and csrf_token is not an unknown field.
  const int64_t reports = testing::StoredReports(s());
  Call filed = s().Send(
      Method::kPost, "/api/v1/reports", form,
      "category=spam&description=" + http::UrlEncode("Tin nhắn quảng cáo cờ bạc") + "&" + field);
  EXPECT_EQ(filed.status, 201) << filed.body;
  Call multipart =
      s().Send(Method::kPost, "/api/v1/reports", testing::MultipartType(analyst().Cookies()),
               testing::Multipart({{"category", "spam"},
                                   {"description", "Tin nhắn quảng cáo cờ bạc"},
                                   {"csrf_token", analyst().csrf}}));
  EXPECT_EQ(multipart.status, 201) << multipart.body;
  EXPECT_EQ(testing::StoredReports(s()), reports + 2);

  // A wrong field is refused like a wrong header, and a right one in the wrong session too.
  ExpectCsrfRefusal(s().Send(Method::kPost, "/api/v1/reports", form,
                             "category=spam&description=x&csrf_token=nope"));
  ExpectCsrfRefusal(
      s().Send(Method::kPost, "/api/v1/reports", form,
               "category=spam&description=x&csrf_token=" + http::UrlEncode(other_->csrf)));
  EXPECT_EQ(testing::StoredReports(s()), reports + 2);

  // A route reading no body accepts the field too (revealing a contact is audited).
  Call contact = s().Send(Method::kPost, "/api/v1/reports/" + id + "/contact", form, field);
  EXPECT_EQ(contact.status, 200) << contact.body;
  EXPECT_EQ(contact.json["contact"]["phone"], "0905 000 111");

  // A JSON route passes the CSRF check with the field but then refuses the form type.
  Call transition = s().Send(Method::kPost, "/api/v1/reports/" + id + "/transition", form,
                             "to=triaging&" + field);
  EXPECT_EQ(transition.status, 415) << transition.body;
  EXPECT_EQ(json::parse(Take(id).report)["status"], "received");

  // The form field of a JSON body is not looked at: a JSON member is not a form field.
  ExpectCsrfRefusal(s().Json(Method::kPost, "/api/v1/reports/" + id + "/transition",
                             {{"to", "triaging"}, {"csrf_token", analyst().csrf}},
                             analyst().Cookies()));

  // Signing out through the form field.
  Browser throwaway = s().Login("an.phantich");
  Call out =
      s().Send(Method::kPost, "/logout",
               testing::ContentType("application/x-www-form-urlencoded", throwaway.Cookies()),
               "csrf_token=" + http::UrlEncode(throwaway.csrf));
  EXPECT_EQ(out.status, 303) << out.body;
  EXPECT_EQ(out.headers.Get("Location").value_or(""), "/login");
  EXPECT_EQ(s().Send(Method::kGet, "/api/v1/session", throwaway.Cookies()).status, 401);
}

TEST_F(CsrfTest, BearerTokensNeedNoCsrfToken) {
  const std::string id = NewReport();
  const std::string token = s().Token(
      "an.phantich", {"reports:read", "reports:triage", "reports:contact", "reports:submit"});
  const http::Headers bearer = TestServer::Bearer(token);
  EXPECT_EQ(
      s().Json(Method::kPost, "/api/v1/reports/" + id + "/transition", {{"to", "triaging"}}, bearer)
          .status,
      200);
  EXPECT_EQ(s().Json(Method::kPost, "/api/v1/reports/" + id + "/note",
                     {{"public_note", "Đã tiếp nhận qua hệ thống đối tác"}}, bearer)
                .status,
            200);
  EXPECT_EQ(s().Send(Method::kPost, "/api/v1/reports/" + id + "/contact", bearer).status, 200);
  Call filed = s().Json(Method::kPost, "/api/v1/reports",
                        testing::PhoneReportJson("0977 000 111", "Gọi điện đòi nợ giả"), bearer);
  EXPECT_EQ(filed.status, 201) << filed.body;
  // A bearer token wins over a session cookie sent alongside: no CSRF token needed either.
  http::Headers both = analyst().Cookies();
  both.Set("Authorization", "Bearer " + token);
  EXPECT_EQ(s().Json(Method::kPost, "/api/v1/reports/" + id + "/assign", {{"assignee", "me"}}, both)
                .status,
            200);
}

TEST_F(CsrfTest, AnonymousIntakeNeedsNoToken) {
  const int64_t reports = testing::StoredReports(s());
  Call filed = s().Json(Method::kPost, "/api/v1/reports",
                        testing::PhoneReportJson("0966 000 111", "Gọi điện mời vay tiền"));
  EXPECT_EQ(filed.status, 201) << filed.body;
  EXPECT_EQ(testing::StoredReports(s()), reports + 1);
}

// The HTML sign-in form: the page sets a pre-session token (cookie + hidden field); the POST
// must echo it.
TEST_F(CsrfTest, SignInFormNeedsItsPreSessionToken) {
  Call page = s().Send(Method::kGet, "/login?next=/reports");
  ASSERT_EQ(page.status, 200);
  EXPECT_THAT(std::string(page.headers.Get("Content-Type").value_or("")), HasSubstr("text/html"));
  const std::string token = testing::SetCookieValue(page, "by_login_csrf");
  ASSERT_GE(token.size(), 32u);
  EXPECT_THAT(page.body, HasSubstr("name=\"csrf_token\" value=\"" + token + "\""));
  EXPECT_THAT(page.body, HasSubstr("name=\"next\" value=\"/reports\""));

  auto post = [&](const std::string& cookie_token, const std::string& field_token,
                  const std::string& next = "/reports") {
    http::Headers h = testing::ContentType("application/x-www-form-urlencoded");
    if (!cookie_token.empty()) h.Set("Cookie", "by_login_csrf=" + cookie_token);
    std::string body =
        "name=dan.phominh&password=" + http::UrlEncode(std::string(testing::kTestPassword)) +
        "&next=" + http::UrlEncode(next);
    if (!field_token.empty()) body += "&csrf_token=" + http::UrlEncode(field_token);
    return s().Send(Method::kPost, "/login", h, body);
  };
  const int64_t audit = testing::LastAuditSeq(s());
  for (const auto& [cookie, field] :
       std::vector<std::pair<std::string, std::string>>{{"", ""},
                                                        {token, ""},
                                                        {"", token},
                                                        {token, token + "x"},
                                                        {std::string(32, 'a'), token}}) {
    Call refused = post(cookie, field);
    EXPECT_EQ(refused.status, 303) << cookie << " / " << field;
    EXPECT_EQ(refused.headers.Get("Location").value_or(""), "/login?next=%2Freports");
    EXPECT_EQ(testing::SetCookieValue(refused, "by_session"), "");
  }
  EXPECT_EQ(testing::LastAuditSeq(s()), audit) << "a refused form sign-in was processed";

  Call ok = post(token, token);
  ASSERT_EQ(ok.status, 303) << ok.body;
  EXPECT_EQ(ok.headers.Get("Location").value_or(""), "/reports");
  Browser b{testing::SetCookieValue(ok, "by_session"), testing::SetCookieValue(ok, "by_csrf")};
  ASSERT_FALSE(b.session.empty());
  Call session = s().Send(Method::kGet, "/api/v1/session", b.Cookies());
  EXPECT_EQ(session.status, 200);
  EXPECT_EQ(session.json["user"]["name"], "dan.phominh");

  // The form never sends a signed-in user to another site.
  for (const std::string next : {"//evil.example/x", "https://evil.example", "/\\evil.example"}) {
    Call redirected = post(token, token, next);
    EXPECT_EQ(redirected.status, 303) << next;
    EXPECT_EQ(redirected.headers.Get("Location").value_or(""), "/") << next;
  }
  // A wrong password gets the form again (200-class HTML with an error), not a session.
  http::Headers h = testing::ContentType("application/x-www-form-urlencoded");
  h.Set("Cookie", "by_login_csrf=" + token);
  Call wrong = s().Send(Method::kPost, "/login", h,
                        "name=dan.phominh&password=sai&csrf_token=" + http::UrlEncode(token));
  EXPECT_EQ(wrong.status, 401);
  EXPECT_THAT(wrong.body, HasSubstr("role=\"alert\""));
  EXPECT_EQ(testing::SetCookieValue(wrong, "by_session"), "");
}

}  // namespace
}  // namespace binhyen::app
