// The portal's public pages over real HTTP on port 0: the home page, the check page (one
// indicator or a whole message), the report form with its CSRF token and field errors, and the
// receipt page that follows a report by code.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "app/testing/api_requests.h"
#include "app/testing/test_server.h"
#include "http/form.h"

namespace binhyen::app {
namespace {

using http::Method;
using nlohmann::json;
using testing::Call;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::TestServer;

constexpr std::string_view kHostile = "<script>alert(1)</script>";

class WebPublicTest : public ::testing::Test {
 protected:
  WebPublicTest() {
    s_.AddUser("an.phantich", "analyst");
    analyst_ = TestServer::Bearer(s_.Token("an.phantich", {"reports:read", "reports:triage"}));
  }

  Call Get(const std::string& target, http::Headers headers = {}) {
    return s_.Send(Method::kGet, target, headers);
  }

  // The report form's CSRF token and the cookie that goes with it.
  struct FormToken {
    std::string cookie;
    std::string field;
  };
  FormToken OpenForm(const std::string& target = "/bao-cao") {
    Call form = Get(target);
    EXPECT_EQ(form.status, 200);
    FormToken t;
    t.cookie = testing::SetCookieValue(form, "by_form");
    std::smatch m;
    std::regex re("name=\"csrf_token\" value=\"([^\"]+)\"");
    if (std::regex_search(form.body, m, re)) t.field = m[1];
    EXPECT_FALSE(t.cookie.empty());
    EXPECT_EQ(t.cookie, t.field);
    return t;
  }

  Call PostReport(const FormToken& token, std::vector<std::pair<std::string, std::string>> fields,
                  const std::vector<std::pair<std::string, std::string>>& files = {}) {
    fields.emplace_back("csrf_token", token.field);
    http::Headers headers = testing::MultipartType();
    headers.Set("Cookie", "by_form=" + token.cookie);
    return s_.Send(Method::kPost, "/bao-cao", headers, testing::Multipart(fields, files));
  }

  TestServer s_;
  http::Headers analyst_;
};

TEST_F(WebPublicTest, HomePageIsVietnameseWithAStrictContentSecurityPolicy) {
  Call home = Get("/");
  ASSERT_EQ(home.status, 200);
  EXPECT_THAT(home.body, HasSubstr("<html lang=\"vi\">"));
  EXPECT_THAT(home.body,
              HasSubstr("Kiểm tra đường link, số điện thoại, số tài khoản hoặc tin nhắn"));
  EXPECT_THAT(home.body, HasSubstr("action=\"/kiem-tra\""));
  const std::string csp(home.headers.Get("Content-Security-Policy").value_or(""));
  EXPECT_THAT(csp, HasSubstr("script-src 'self'"));
  EXPECT_THAT(csp, HasSubstr("frame-ancestors 'none'"));
  EXPECT_THAT(csp, Not(HasSubstr("unsafe-inline")));
  EXPECT_THAT(home.body, Not(HasSubstr("<script>")));  // only <script src=...>
  EXPECT_THAT(home.body, Not(HasSubstr("style=\"")));
}

TEST_F(WebPublicTest, EnglishIsChosenByQueryAndRemembered) {
  Call en = Get("/?lang=en");
  ASSERT_EQ(en.status, 200);
  EXPECT_THAT(en.body, HasSubstr("<html lang=\"en\">"));
  EXPECT_THAT(en.body, HasSubstr("Check a link, phone number, bank account or message"));
  EXPECT_EQ(testing::SetCookieValue(en, "by_lang"), "en");
  http::Headers cookie;
  cookie.Set("Cookie", "by_lang=en");
  EXPECT_THAT(Get("/kiem-tra?q=0912345678", cookie).body, HasSubstr("<html lang=\"en\">"));
  // The switch link keeps the query and flips the language.
  EXPECT_THAT(Get("/kiem-tra?q=0912345678").body,
              HasSubstr("href=\"/kiem-tra?q=0912345678&amp;lang=en\""));
}

TEST_F(WebPublicTest, ACheckOfAConfirmedLinkSaysDangerousAndOfAnUnknownOneSaysNoWarning) {
  testing::FileAndConfirm(
      s_, json::array({{{"kind", "url"}, {"value", "http://vcb-xacminh.top/dang-nhap"}}}),
      analyst_);
  ASSERT_TRUE(s_.app().reputation().Refresh().ok());
  Call bad = Get("/kiem-tra?q=" + http::UrlEncode("http://vcb-xacminh.top/dang-nhap"));
  ASSERT_EQ(bad.status, 200);
  EXPECT_THAT(bad.body, HasSubstr("data-verdict=\"dangerous\""));
  EXPECT_THAT(bad.body, HasSubstr("Nguy hiểm"));
  EXPECT_THAT(bad.body, HasSubstr("href=\"/bao-cao?kind=url&amp;value="));
  Call unknown = Get("/kiem-tra?q=" + http::UrlEncode("qua-tang-tri-an.top/nhan-qua"));
  EXPECT_THAT(unknown.body, HasSubstr("data-verdict=\"unknown\""));
  EXPECT_THAT(unknown.body, HasSubstr("Chưa có cảnh báo"));
  // A phone number written in groups is one indicator, not a message.
  EXPECT_THAT(Get("/kiem-tra?q=" + http::UrlEncode("0912 345 678")).body,
              HasSubstr("Số điện thoại"));
  // An empty check goes back home.
  Call empty = Get("/kiem-tra?q=+");
  EXPECT_EQ(empty.status, 303);
  EXPECT_EQ(empty.headers.Get("Location").value_or(""), "/");
}

TEST_F(WebPublicTest, AMessageIsScannedAndItsAlarmingWordsAreMarked) {
  const std::string message =
      "Cong an TP thong bao: ban lien quan den duong day rua tien. Chuyen ngay 50 trieu vao tai "
      "khoan tam giu de xac minh, khong duoc noi voi ai.";
  Call scan = Get("/kiem-tra?q=" + http::UrlEncode(message));
  ASSERT_EQ(scan.status, 200);
  EXPECT_THAT(scan.body, HasSubstr("data-verdict=\"scam\""));
  EXPECT_THAT(scan.body, HasSubstr("<mark>"));
  EXPECT_THAT(scan.body, HasSubstr("Mức rủi ro:"));
  // The same text by POST (long messages).
  Call posted =
      s_.Send(Method::kPost, "/kiem-tra", testing::ContentType("application/x-www-form-urlencoded"),
              "q=" + http::UrlEncode(message));
  EXPECT_THAT(posted.body, HasSubstr("data-verdict=\"scam\""));
}

TEST_F(WebPublicTest, HostileInputIsEscapedOnTheCheckPage) {
  Call page = Get("/kiem-tra?q=" + http::UrlEncode("xem " + std::string(kHostile) + " ngay"));
  ASSERT_EQ(page.status, 200);
  EXPECT_THAT(page.body, Not(HasSubstr(std::string(kHostile))));
  EXPECT_THAT(page.body, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

TEST_F(WebPublicTest, AReportWithoutTheFormTokenIsRefusedAndNothingIsStored) {
  FormToken token = OpenForm();
  token.field = "not-the-token-but-long-enough-to-look-like-one-xx";
  Call refused = PostReport(token, {{"category", "phishing"},
                                    {"description", "Tin nhắn giả ngân hàng"},
                                    {"consent", "1"},
                                    {"anonymous", "1"}});
  EXPECT_EQ(refused.status, 403);
  EXPECT_THAT(refused.body, HasSubstr("Biểu mẫu đã hết hạn"));
  // What was typed is kept.
  EXPECT_THAT(refused.body, HasSubstr("Tin nhắn giả ngân hàng"));
  EXPECT_EQ(testing::StoredReports(s_), 0);
}

TEST_F(WebPublicTest, FieldErrorsNameEachFieldAndKeepWhatWasTyped) {
  FormToken token = OpenForm();
  Call wrong = PostReport(token, {{"category", ""},
                                  {"description", std::string(kHostile)},
                                  {"phone", "12"},
                                  {"anonymous", "1"}});
  EXPECT_EQ(wrong.status, 422);
  EXPECT_THAT(wrong.body, HasSubstr("role=\"alert\""));
  EXPECT_THAT(wrong.body, HasSubstr("href=\"#consent\""));
  EXPECT_THAT(wrong.body, Not(HasSubstr(std::string(kHostile))));
  EXPECT_THAT(wrong.body, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_EQ(testing::StoredReports(s_), 0);

  Call service_errors = PostReport(token, {{"category", ""},
                                           {"description", "Có người gọi tự xưng công an"},
                                           {"phone", "12"},
                                           {"anonymous", "1"},
                                           {"consent", "1"}});
  EXPECT_EQ(service_errors.status, 422);
  EXPECT_THAT(service_errors.body, HasSubstr("href=\"#category\""));
  EXPECT_THAT(service_errors.body, HasSubstr("href=\"#phone\""));
  EXPECT_THAT(service_errors.body,
              HasSubstr("aria-invalid=\"true\" aria-describedby=\"phone-error\""));
  EXPECT_EQ(testing::StoredReports(s_), 0);
}

TEST_F(WebPublicTest, AReportWithAScreenshotGetsAReceiptThatFollowsItsStatus) {
  FormToken token =
      OpenForm("/bao-cao?kind=url&value=" + http::UrlEncode("http://qua-tang-tri-an.top/nhan-qua"));
  Call sent = PostReport(token,
                         {{"category", "phishing"},
                          {"description", "Nhận được tin nhắn báo trúng thưởng, bấm link để nhận"},
                          {"url", "http://qua-tang-tri-an.top/nhan-qua"},
                          {"consent", "1"},
                          {"contact_name", "Nguyễn Văn A"},
                          {"contact_phone", "0905123456"}},
                         {{"tin-nhan.png", testing::kPng}});
  ASSERT_EQ(sent.status, 303) << sent.body;
  const std::string location(sent.headers.Get("Location").value_or(""));
  std::smatch m;
  const std::regex re("^/bao-cao/(BY-[A-Z0-9]{4}-[A-Z0-9]{4})\\?moi=1$");
  ASSERT_TRUE(std::regex_match(location, m, re)) << location;
  const std::string code = m[1];
  EXPECT_EQ(testing::StoredReports(s_), 1);

  Call receipt = Get(location);
  ASSERT_EQ(receipt.status, 200);
  EXPECT_THAT(receipt.body, HasSubstr("id=\"receipt-code\">" + code + "<"));
  EXPECT_THAT(receipt.body, HasSubstr("data-status=\"received\""));
  EXPECT_THAT(receipt.body, HasSubstr("<svg"));               // the QR code of the page
  EXPECT_THAT(receipt.body, Not(HasSubstr("Nguyễn Văn A")));  // contact is never shown
  EXPECT_EQ(receipt.headers.Get("Cache-Control").value_or(""), "no-store");

  // Any case and the lookup form lead to the same page.
  std::string lower = code;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  Call lowered = Get("/bao-cao/" + lower);
  EXPECT_EQ(lowered.status, 302);
  EXPECT_EQ(lowered.headers.Get("Location").value_or(""), "/bao-cao/" + code);
  Call looked_up = Get("/bao-cao/tra-cuu?ma=" + code);
  EXPECT_EQ(looked_up.status, 303);
  EXPECT_EQ(Get("/bao-cao/BY-0000-0000").status, 404);

  // Once an analyst confirms it, the receipt says so.
  auto list = s_.Send(Method::kGet, "/api/v1/reports", analyst_);
  ASSERT_EQ(list.status, 200);
  const std::string path =
      "/api/v1/reports/" + std::to_string(int64_t(list.json["items"][0]["id"]));
  for (const char* to : {"triaging", "confirmed"}) {
    ASSERT_EQ(s_.Json(Method::kPost, path + "/transition", {{"to", to}}, analyst_).status, 200);
  }
  EXPECT_THAT(Get("/bao-cao/" + code).body, HasSubstr("data-status=\"confirmed\""));
}

TEST_F(WebPublicTest, UnknownPagesAreHtmlAndUnknownApiPathsStayProblems) {
  Call page = Get("/khong-co-trang-nay");
  EXPECT_EQ(page.status, 404);
  EXPECT_THAT(std::string(page.headers.Get("Content-Type").value_or("")), HasSubstr("text/html"));
  EXPECT_THAT(page.body, HasSubstr("Không tìm thấy trang"));
  Call api = Get("/api/v1/khong-co");
  EXPECT_EQ(api.status, 404);
  EXPECT_EQ(api.headers.Get("Content-Type").value_or(""), "application/problem+json");
}

TEST_F(WebPublicTest, StaticFilesAreServedWithLongCaching) {
  Call css = Get("/static/site.css");
  ASSERT_EQ(css.status, 200);
  EXPECT_EQ(css.headers.Get("Content-Type").value_or(""), "text/css; charset=utf-8");
  EXPECT_THAT(std::string(css.headers.Get("Cache-Control").value_or("")), HasSubstr("immutable"));
  EXPECT_EQ(Get("/static/site.js").status, 200);
  EXPECT_EQ(Get("/static/../web.cc").status, 404);
  EXPECT_EQ(Get("/static/nope.css").status, 404);
}

}  // namespace
}  // namespace binhyen::app
