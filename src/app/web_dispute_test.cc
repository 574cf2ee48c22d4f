// The dispute pages over real HTTP: the form (/khieu-nai) with its double-submit CSRF token,
// field errors, the 303 to the follow-up page and the follow-up page by code.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "app/testing/api_requests.h"
#include "app/testing/test_server.h"
#include "http/form.h"

namespace binhyen::app {
namespace {

using http::Method;
using testing::Call;
using testing::TestServer;

constexpr std::string_view kReason = "Số này là tổng đài của cửa hàng tôi từ năm 2019.";

class WebDisputeTest : public ::testing::Test {
 protected:
  // Opens the form: its by_form cookie (also the csrf_token field's value).
  std::string OpenForm() {
    Call form = s_.Send(Method::kGet, "/khieu-nai");
    EXPECT_EQ(form.status, 200);
    const std::string token = testing::SetCookieValue(form, "by_form");
    EXPECT_FALSE(token.empty());
    EXPECT_NE(form.body.find("name=\"csrf_token\" value=\"" + token + "\""), std::string::npos);
    return token;
  }
  Call Post(const std::string& cookie, const std::string& body) {
    http::Headers headers = testing::ContentType("application/x-www-form-urlencoded");
    if (!cookie.empty()) headers.Set("Cookie", "by_form=" + cookie);
    return s_.Send(Method::kPost, "/khieu-nai", headers, body);
  }
  static std::string Body(std::string_view token, std::string_view kind, std::string_view value,
                          std::string_view reason, std::string_view bank = "",
                          std::string_view extra = "") {
    return "csrf_token=" + http::UrlEncode(token) + "&kind=" + http::UrlEncode(kind) +
           "&value=" + http::UrlEncode(value) + "&bank=" + http::UrlEncode(bank) +
           "&reason=" + http::UrlEncode(reason) + std::string(extra);
  }

  TestServer s_;
};

TEST_F(WebDisputeTest, FormHasLabelledFieldsAndOneHeading) {
  Call form = s_.Send(Method::kGet, "/khieu-nai?kind=phone&value=0912345678");
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("<h1>Khiếu nại bị cảnh báo nhầm</h1>"), std::string::npos);
  for (const char* id : {"kind", "value", "bank", "reason", "contact_name", "contact_phone",
                         "contact_email", "ma"}) {
    EXPECT_NE(form.body.find("<label for=\"" + std::string(id) + "\""), std::string::npos) << id;
  }
  EXPECT_NE(form.body.find("<option value=\"phone\" selected>"), std::string::npos);
  EXPECT_NE(form.body.find("value=\"0912345678\""), std::string::npos);
  EXPECT_NE(form.body.find("action=\"/khieu-nai\""), std::string::npos);
  Call english = s_.Send(Method::kGet, "/khieu-nai?lang=en");
  EXPECT_NE(english.body.find("<h1>Listed by mistake?</h1>"), std::string::npos);
}

TEST_F(WebDisputeTest, WithoutTheCsrfTokenTheFormComesBackWith403) {
  const std::string token = OpenForm();
  Call missing = Post("", Body(token, "phone", "0912345678", kReason));
  EXPECT_EQ(missing.status, 403);
  EXPECT_NE(missing.body.find("role=\"alert\""), std::string::npos);
  EXPECT_NE(missing.body.find("action=\"/khieu-nai\""), std::string::npos);
  EXPECT_NE(missing.body.find("value=\"0912345678\""), std::string::npos);  // kept
  Call wrong = Post(token, Body(std::string(43, 'A'), "phone", "0912345678", kReason));
  EXPECT_EQ(wrong.status, 403);
  Call nothing = Post(token, "kind=phone&value=0912345678&reason=x");
  EXPECT_EQ(nothing.status, 403);
}

TEST_F(WebDisputeTest, BadFieldsAre422NamingEachFieldAndEscapingInput) {
  const std::string token = OpenForm();
  Call bad = Post(token, Body(token, "phone", "<script>alert(1)</script>", "<b>ngắn"));
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("role=\"alert\""), std::string::npos);
  EXPECT_NE(bad.body.find("<a href=\"#value\">"), std::string::npos) << bad.body;
  EXPECT_NE(bad.body.find("<a href=\"#reason\">"), std::string::npos);
  EXPECT_NE(bad.body.find("id=\"value-error\""), std::string::npos);
  EXPECT_NE(bad.body.find("id=\"reason-error\""), std::string::npos);
  EXPECT_EQ(bad.body.find("<script>alert"), std::string::npos);
  EXPECT_NE(bad.body.find("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\""), std::string::npos);
  EXPECT_NE(bad.body.find("&lt;b&gt;ngắn</textarea>"), std::string::npos);
  Call empty = Post(token, Body(token, "phone", "", kReason));
  EXPECT_EQ(empty.status, 422);
  EXPECT_NE(empty.body.find("<a href=\"#value\">"), std::string::npos);

  Call kind = Post(token, Body(token, "fax", "0912345678", kReason));
  EXPECT_EQ(kind.status, 422);
  EXPECT_NE(kind.body.find("<a href=\"#kind\">"), std::string::npos);

  Call bank = Post(token, Body(token, "phone", "0912345678", kReason, "Vietcombank"));
  EXPECT_EQ(bank.status, 422);
  EXPECT_NE(bank.body.find("<a href=\"#bank\">"), std::string::npos);
}

TEST_F(WebDisputeTest, FilingRedirectsToTheStatusPage) {
  const std::string token = OpenForm();
  Call filed = Post(token, Body(token, "phone", "0912 345 678", kReason, "",
                                "&contact_name=&contact_phone=&contact_email=a%40b.vn"));
  ASSERT_EQ(filed.status, 303) << filed.body;
  const std::string location(filed.headers.Get("Location").value_or(""));
  ASSERT_TRUE(location.starts_with("/khieu-nai/KN-")) << location;
  ASSERT_TRUE(location.ends_with("?moi=1")) << location;
  const std::string code = location.substr(11, location.size() - 11 - 6);

  Call status = s_.Send(Method::kGet, location);
  ASSERT_EQ(status.status, 200);
  EXPECT_NE(status.body.find("<p class=\"receipt-code\" id=\"dispute-code\">" + code + "</p>"),
            std::string::npos);
  EXPECT_NE(status.body.find("data-status=\"open\">Đang xem xét</p>"), std::string::npos);
  EXPECT_NE(status.body.find("+84912345678"), std::string::npos);
  EXPECT_NE(status.body.find("Đã gửi khiếu nại."), std::string::npos);
  EXPECT_EQ(status.body.find(std::string(kReason)), std::string::npos);  // never the reason
  EXPECT_EQ(status.body.find("a@b.vn"), std::string::npos);              // nor the contact
  EXPECT_EQ(status.headers.Get("Cache-Control").value_or(""), "no-store");

  Call lookup = s_.Send(Method::kGet, "/khieu-nai/tra-cuu?ma=" + code);
  EXPECT_EQ(lookup.status, 303);
  EXPECT_EQ(lookup.headers.Get("Location").value_or(""), "/khieu-nai/" + code);
  EXPECT_EQ(s_.Send(Method::kGet, "/khieu-nai/KN-1-AAAA-AAAA").status, 404);
  EXPECT_EQ(s_.Send(Method::kGet, "/khieu-nai/khong-phai-ma").status, 404);
}

}  // namespace
}  // namespace binhyen::app
