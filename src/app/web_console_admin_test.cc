// The console's other pages over real HTTP (port 0): who may open what (a member gets 403, an
// admin reads the audit log but not reports), disputes with their resolution, the audit log
// with its chain check.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

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
using ::testing::Not;
using testing::TestServer;

class WebConsoleAdminTest : public ::testing::Test {
 protected:
  void SetUp() override {
    s_.AddUser("an", "analyst");
    s_.AddUser("quan", "admin");
    s_.AddUser("dan", "member");
  }

  // Signs `name` in through GET + POST /login (with a one-time code when the role needs one).
  Browser SignIn(const std::string& name, const std::string& next) {
    Call page = s_.Send(Method::kGet, "/login?next=" + http::UrlEncode(next));
    const std::string token = testing::SetCookieValue(page, "by_login_csrf");
    http::Headers h = testing::ContentType("application/x-www-form-urlencoded");
    h.Set("Cookie", "by_login_csrf=" + token);
    std::string body = "name=" + name +
                       "&password=" + http::UrlEncode(std::string(testing::kTestPassword)) +
                       "&next=" + http::UrlEncode(next) + "&csrf_token=" + http::UrlEncode(token);
    if (name != "dan") body += "&totp=" + s_.TotpCode(name);
    Call ok = s_.Send(Method::kPost, "/login", h, body);
    EXPECT_EQ(ok.status, 303) << ok.body;
    EXPECT_EQ(ok.headers.Get("Location").value_or(""), next);
    return Browser{testing::SetCookieValue(ok, "by_session"),
                   testing::SetCookieValue(ok, "by_csrf")};
  }

  Call Post(const Browser& b, const std::string& path, const std::string& fields) {
    return s_.Send(Method::kPost, path,
                   testing::ContentType("application/x-www-form-urlencoded", b.Cookies()),
                   fields + "&csrf_token=" + b.csrf);
  }

  TestServer s_;
};

TEST_F(WebConsoleAdminTest, PagesNeedTheirPermission) {
  const Browser member = SignIn("dan", "/quan-tri");
  for (const char* path :
       {"/quan-tri", "/quan-tri/bao-cao/1", "/quan-tri/khieu-nai", "/quan-tri/nhat-ky"}) {
    Call page = s_.Send(Method::kGet, path, member.Cookies());
    EXPECT_EQ(page.status, 403) << path;
    EXPECT_THAT(page.body, HasSubstr("Không có quyền truy cập")) << path;
  }
  // Admins keep the audit log but do not read reports or disputes (DESIGN.md roles).
  const Browser admin = SignIn("quan", "/quan-tri/nhat-ky");
  // /quan-tri is the analysts' queue: an admin is sent to the page of their own work instead.
  Call home = s_.Send(Method::kGet, "/quan-tri", admin.Cookies());
  EXPECT_EQ(home.status, 303);
  EXPECT_EQ(home.headers.Get("Location").value_or(""), "/quan-tri/nguoi-dung");
  EXPECT_EQ(s_.Send(Method::kGet, "/quan-tri/bao-cao/1", admin.Cookies()).status, 403);
  EXPECT_EQ(s_.Send(Method::kGet, "/quan-tri/nhat-ky", admin.Cookies()).status, 200);
  const Browser analyst = SignIn("an", "/quan-tri");
  EXPECT_EQ(s_.Send(Method::kGet, "/quan-tri/nhat-ky", analyst.Cookies()).status, 403);
  EXPECT_EQ(s_.Send(Method::kGet, "/quan-tri/khieu-nai", analyst.Cookies()).status, 200);
}

TEST_F(WebConsoleAdminTest, AuditLogNewestFirstWithChainCheck) {
  const Browser admin = SignIn("quan", "/quan-tri/nhat-ky");
  const int64_t last = testing::LastAuditSeq(s_);
  ASSERT_GT(last, 1);
  Call page = s_.Send(Method::kGet, "/quan-tri/nhat-ky", admin.Cookies());
  ASSERT_EQ(page.status, 200);
  const size_t newest = page.body.find("<td class=\"num\">" + std::to_string(last) + "</td>");
  const size_t older = page.body.find("<td class=\"num\">" + std::to_string(last - 1) + "</td>");
  ASSERT_NE(newest, std::string::npos);
  ASSERT_NE(older, std::string::npos);
  EXPECT_LT(newest, older);
  Call verified = s_.Send(Method::kGet, "/quan-tri/nhat-ky?verify=1", admin.Cookies());
  EXPECT_THAT(verified.body, HasSubstr("data-chain=\"ok\""));
  Call before = s_.Send(Method::kGet, "/quan-tri/nhat-ky?before=2", admin.Cookies());
  EXPECT_THAT(before.body, HasSubstr("<td class=\"num\">1</td>"));
  EXPECT_THAT(before.body, Not(HasSubstr("<td class=\"num\">2</td>")));
}

TEST_F(WebConsoleAdminTest, DisputesAreListedAndResolved) {
  const Browser analyst = SignIn("an", "/quan-tri/khieu-nai");
  const std::string reason = "<script>alert(1)</script> số này là của cửa hàng tôi";
  Call filed = s_.Json(Method::kPost, "/api/v1/disputes",
                       {{"kind", "phone"},
                        {"value", "0912345678"},
                        {"reason", reason},
                        {"contact", {{"email", "chu-so@example.vn"}}}});
  ASSERT_EQ(filed.status, 201) << filed.body;
  const std::string id = std::to_string(int64_t(filed.json["id"]));
  const std::string code = filed.json["code"];
  Call list = s_.Send(Method::kGet, "/quan-tri/khieu-nai", analyst.Cookies());
  ASSERT_EQ(list.status, 200);
  EXPECT_THAT(list.body, HasSubstr("<a href=\"/quan-tri/khieu-nai/" + id + "\" class=\"mono\">" +
                                   code + "</a>"));
  Call detail = s_.Send(Method::kGet, "/quan-tri/khieu-nai/" + id, analyst.Cookies());
  ASSERT_EQ(detail.status, 200);
  EXPECT_THAT(detail.body, Not(HasSubstr("<script>alert(1)")));
  EXPECT_THAT(detail.body, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_THAT(detail.body, HasSubstr("id=\"resolve-form\""));
  EXPECT_THAT(detail.body, Not(HasSubstr("chu-so@example.vn")));
  // The claimant's contact: shown in the answer of its POST, audited.
  Call contact = Post(analyst, "/quan-tri/khieu-nai/" + id + "/lien-he", "x=1");
  ASSERT_EQ(contact.status, 200) << contact.body;
  EXPECT_THAT(contact.body, HasSubstr("chu-so@example.vn"));
  auto revealed = s_.app().session().admin().RecentAudit(1);
  ASSERT_TRUE(revealed.ok());
  EXPECT_EQ(revealed->back().action, "dispute.contact.reveal");
  // No decision or no reason: refused, still open.
  Call no_reason =
      Post(analyst, "/quan-tri/khieu-nai/" + id + "/giai-quyet", "decision=accepted&resolution=");
  EXPECT_EQ(no_reason.status, 422);
  Call no_token =
      s_.Send(Method::kPost, "/quan-tri/khieu-nai/" + id + "/giai-quyet",
              testing::ContentType("application/x-www-form-urlencoded", analyst.Cookies()),
              "decision=accepted&resolution=ok");
  EXPECT_EQ(no_token.status, 403);
  Call open = s_.Send(Method::kGet, "/api/v1/disputes/status/" + code);
  EXPECT_EQ(open.json.value("status", ""), "open");
  Call done = Post(analyst, "/quan-tri/khieu-nai/" + id + "/giai-quyet",
                   "decision=accepted&resolution=" + http::UrlEncode("Đã xác minh chủ số"));
  ASSERT_EQ(done.status, 303) << done.body;
  EXPECT_EQ(done.headers.Get("Location").value_or(""),
            "/quan-tri/khieu-nai/" + id + "?ok=accepted");
  Call accepted = s_.Send(Method::kGet, "/api/v1/disputes/status/" + code);
  EXPECT_EQ(accepted.json.value("status", ""), "accepted");
  Call after = s_.Send(Method::kGet, done.headers.Get("Location").value_or(""), analyst.Cookies());
  EXPECT_THAT(after.body, HasSubstr("role=\"status\""));
  EXPECT_THAT(after.body, Not(HasSubstr("id=\"resolve-form\"")));
  Call again =
      Post(analyst, "/quan-tri/khieu-nai/" + id + "/giai-quyet", "decision=rejected&resolution=x");
  EXPECT_EQ(again.status, 409);
}

TEST_F(WebConsoleAdminTest, WarningFromAConfirmedReportIsDraftedThenPublished) {
  const Browser analyst = SignIn("an", "/quan-tri");
  Call filed = s_.Json(
      Method::kPost, "/api/v1/reports",
      {{"category", "phishing"},
       {"description", "Tin nhắn giả ngân hàng"},
       {"indicators", json::array({{{"kind", "url"}, {"value", "http://canh-bao-console.top/"}}})},
       {"anonymous", true}});
  ASSERT_EQ(filed.status, 201) << filed.body;
  const std::string id = std::to_string(int64_t(filed.json["id"]));
  // Not confirmed yet: no draft.
  Call early = s_.Send(Method::kGet, "/quan-tri/canh-bao/moi?report=" + id, analyst.Cookies());
  EXPECT_EQ(early.status, 422);
  ASSERT_EQ(Post(analyst, "/quan-tri/bao-cao/" + id + "/xac-nhan", "category=phishing").status,
            303);
  Call draft = s_.Send(Method::kGet, "/quan-tri/canh-bao/moi?report=" + id, analyst.Cookies());
  ASSERT_EQ(draft.status, 200) << draft.body;
  EXPECT_THAT(draft.body, HasSubstr("name=\"report_id\" value=\"" + id + "\""));
  EXPECT_THAT(draft.body, HasSubstr("url http://canh-bao-console.top/"));
  const std::string title = "<script>alert(1)</script> Cảnh báo link giả ngân hàng";
  Call created = Post(
      analyst, "/quan-tri/canh-bao/moi",
      "kind=warning&category=phishing&report_id=" + id + "&title=" + http::UrlEncode(title) +
          "&body=" + http::UrlEncode("Đừng bấm vào **link** này.") +
          "&indicators=" + http::UrlEncode("url http://canh-bao-console.top/\nphone 0912 345 678"));
  ASSERT_EQ(created.status, 303) << created.body;
  const std::string edit(created.headers.Get("Location").value_or(""));
  EXPECT_THAT(edit, ::testing::StartsWith("/quan-tri/canh-bao/"));
  Call list = s_.Send(Method::kGet, "/quan-tri/canh-bao", analyst.Cookies());
  EXPECT_THAT(list.body, Not(HasSubstr("<script>alert(1)")));
  EXPECT_THAT(list.body, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt; Cảnh báo"));
  Call page = s_.Send(Method::kGet, edit, analyst.Cookies());
  EXPECT_THAT(page.body, HasSubstr("data-published=\"false\""));
  EXPECT_THAT(page.body, HasSubstr("phone +84912345678"));
  const std::string base = edit.substr(0, edit.find('?'));
  ASSERT_EQ(Post(analyst, base + "/dang", "").status, 303);
  Call published = s_.Send(Method::kGet, base, analyst.Cookies());
  EXPECT_THAT(published.body, HasSubstr("data-published=\"true\""));
  // A line that is not an indicator is refused with the form kept.
  Call bad =
      Post(analyst, base, "kind=warning&title=x&body=y&indicators=" + http::UrlEncode("phone abc"));
  EXPECT_EQ(bad.status, 422);
  EXPECT_THAT(bad.body, HasSubstr("indicators: line 1"));
}

TEST_F(WebConsoleAdminTest, IndicatorsAreSearchedDelistedAndRelisted) {
  const Browser analyst = SignIn("an", "/quan-tri");
  const std::string token = s_.Token("an", {"reports:triage", "reports:read"});
  testing::FileAndConfirm(s_, json::array({{{"kind", "phone"}, {"value", "0987 654 321"}}}),
                          TestServer::Bearer(token));
  Call found = s_.Send(Method::kGet, "/quan-tri/chi-dau?q=84987654321", analyst.Cookies());
  ASSERT_EQ(found.status, 200);
  EXPECT_THAT(found.body, HasSubstr("data-indicator=\"phone:+84987654321\""));
  EXPECT_THAT(found.body, HasSubstr("data-status=\"confirmed\""));
  Call short_reason = Post(analyst, "/quan-tri/chi-dau",
                           "kind=phone&canonical=%2B84987654321&action=delist&reason=x");
  EXPECT_EQ(short_reason.status, 422);
  Call delisted = Post(analyst, "/quan-tri/chi-dau",
                       "kind=phone&canonical=%2B84987654321&action=delist&reason=" +
                           http::UrlEncode("Chủ thuê bao đã chứng minh"));
  ASSERT_EQ(delisted.status, 303) << delisted.body;
  Call after =
      s_.Send(Method::kGet, delisted.headers.Get("Location").value_or(""), analyst.Cookies());
  EXPECT_THAT(after.body, HasSubstr("data-status=\"delisted\""));
  EXPECT_THAT(after.body, HasSubstr("role=\"status\""));
  Call relisted = Post(analyst, "/quan-tri/chi-dau",
                       "kind=phone&canonical=%2B84987654321&action=relist&reason=nham");
  EXPECT_EQ(relisted.status, 303);
  auto last = s_.app().session().admin().RecentAudit(1);
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(last->back().action, "indicator.relist");
}

TEST_F(WebConsoleAdminTest, AdminsManageUsersAndTokens) {
  const Browser admin = SignIn("quan", "/quan-tri/nguoi-dung");
  Call page = s_.Send(Method::kGet, "/quan-tri/nguoi-dung", admin.Cookies());
  ASSERT_EQ(page.status, 200);
  EXPECT_THAT(page.body, HasSubstr("<tr data-user=\"an\">"));
  // Secrets are shown only in the answer that made them (an empty value shows nothing).
  EXPECT_THAT(page.body, Not(HasSubstr("id=\"totp-secret\"")));
  EXPECT_THAT(page.body, Not(HasSubstr("id=\"new-token\"")));
  Call added = Post(admin, "/quan-tri/nguoi-dung",
                    "name=binh&role=analyst&password=" + http::UrlEncode("mat-khau-dai-2026"));
  ASSERT_EQ(added.status, 200) << added.body;
  EXPECT_THAT(added.body, HasSubstr("id=\"totp-secret\""));
  Call again = Post(admin, "/quan-tri/nguoi-dung", "name=binh&role=analyst&password=12345678x");
  EXPECT_EQ(again.status, 409);
  Call token = Post(admin, "/quan-tri/nguoi-dung/ma-truy-cap",
                    "name=binh&scope=reports%3Aread&scope=reports%3Atriage");
  ASSERT_EQ(token.status, 200) << token.body;
  EXPECT_THAT(token.body, HasSubstr("id=\"new-token\""));
  auto tokens = s_.Send(Method::kGet, "/quan-tri/nguoi-dung?tokens=binh", admin.Cookies());
  EXPECT_THAT(tokens.body, HasSubstr("reports:read reports:triage"));
  const size_t at = tokens.body.find("data-token-id=\"");
  ASSERT_NE(at, std::string::npos);
  const std::string id = tokens.body.substr(at + 15, tokens.body.find('"', at + 15) - at - 15);
  Call revoked = Post(admin, "/quan-tri/nguoi-dung/thu-hoi", "name=binh&id=" + id);
  EXPECT_EQ(revoked.status, 303);
  Call disabled = Post(admin, "/quan-tri/nguoi-dung/khoa", "name=binh");
  EXPECT_EQ(disabled.status, 303);
  Call self = Post(admin, "/quan-tri/nguoi-dung/khoa", "name=quan");
  EXPECT_EQ(self.status, 409);
  const Browser analyst = SignIn("an", "/quan-tri");
  EXPECT_EQ(s_.Send(Method::kGet, "/quan-tri/nguoi-dung", analyst.Cookies()).status, 403);
  Call forged = s_.Send(Method::kPost, "/quan-tri/nguoi-dung",
                        testing::ContentType("application/x-www-form-urlencoded", admin.Cookies()),
                        "name=eve&role=admin&password=12345678x");
  EXPECT_EQ(forged.status, 403);
}

}  // namespace
}  // namespace binhyen::app
