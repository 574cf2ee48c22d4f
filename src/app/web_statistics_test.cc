// The public statistics page over real HTTP: reports filed and confirmed through the API (with
// the test server's fake clock) show up as exactly those counts, by status, category, ward and
// month; the numbers are reused for options().statistics_ttl.
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "app/testing/api_requests.h"
#include "app/testing/test_server.h"

namespace binhyen::app {
namespace {

using http::Method;
using testing::Call;
using testing::TestServer;

class WebStatisticsTest : public ::testing::Test {
 protected:
  WebStatisticsTest() {
    s_.AddUser("an.phantich", "analyst");
    analyst_ = TestServer::Bearer(s_.Token("an.phantich", {"reports:read", "reports:triage"}));
  }

  // Files an anonymous scam-call report about `phone` in ward pho-minh; its id.
  int64_t File(const std::string& phone) {
    Call filed = s_.Json(Method::kPost, "/api/v1/reports",
                         testing::PhoneReportJson(phone, "Gọi điện giả danh công an đòi tiền"));
    EXPECT_EQ(filed.status, 201) << filed.body;
    return filed.json.is_object() ? filed.json.value("id", int64_t{0}) : 0;
  }
  void Move(int64_t id, const char* to) {
    Call moved = s_.Json(Method::kPost, "/api/v1/reports/" + std::to_string(id) + "/transition",
                         {{"to", to}}, analyst_);
    EXPECT_EQ(moved.status, 200) << moved.body;
  }
  std::string Page(std::string_view query = "") {
    Call page = s_.Send(Method::kGet, "/thong-ke" + std::string(query));
    EXPECT_EQ(page.status, 200) << page.body;
    return page.body;
  }
  static bool Has(const std::string& body, const std::string& text) {
    return body.find(text) != std::string::npos;
  }

  TestServer s_;
  http::Headers analyst_;
};

TEST_F(WebStatisticsTest, CountsAreWhatTheDataSays) {
  const int64_t a = File("0912345671");
  const int64_t b = File("0912345672");
  File("0912345673");
  s_.clock().Advance(std::chrono::hours(10));
  Move(a, "triaging");
  Move(a, "confirmed");  // decided 10 h after filing
  s_.clock().Advance(std::chrono::hours(20));
  Move(b, "triaging");
  Move(b, "confirmed");  // 30 h: the median of 10 and 30 is 20

  const std::string body = Page();
  EXPECT_TRUE(Has(body, "<h1>Thống kê lừa đảo</h1>"));
  EXPECT_TRUE(Has(body, "<span class=\"stat-number\" id=\"stat-total\">3</span>")) << body;
  EXPECT_TRUE(Has(body, "<span class=\"stat-number\" id=\"stat-confirmed\">2</span>"));
  EXPECT_TRUE(Has(body, "<span class=\"stat-number\" id=\"stat-median\">20 giờ</span>"));
  EXPECT_TRUE(Has(body, "<span class=\"stat-number\" id=\"stat-indicators\">2</span>"));
  EXPECT_TRUE(Has(body,
                  "<tr data-status=\"received\"><th scope=\"row\">Đã tiếp nhận, chờ xem "
                  "xét</th><td class=\"num\">1</td></tr>"));
  EXPECT_TRUE(Has(body,
                  "<tr data-status=\"confirmed\"><th scope=\"row\">Đã xác nhận là lừa "
                  "đảo</th><td class=\"num\">2</td></tr>"));
  EXPECT_TRUE(Has(body,
                  "<tr data-status=\"rejected\"><th scope=\"row\">Không đủ căn cứ xác "
                  "nhận</th><td class=\"num\">0</td></tr>"));
  EXPECT_TRUE(
      Has(body, "<tr><th scope=\"row\">Cuộc gọi lừa đảo</th><td class=\"num\">3</td></tr>"));
  // The test server's clock starts on 2026-11-18: this month and the 11 before it.
  EXPECT_TRUE(Has(body,
                  "<tr><th scope=\"row\">2026-11</th><td class=\"num\">3</td><td "
                  "class=\"num\">2</td></tr>"));
  EXPECT_TRUE(Has(body, "<tr><th scope=\"row\">2025-12</th><td class=\"num\">0</td>"));
  EXPECT_FALSE(Has(body, "<th scope=\"row\">2025-11</th>"));
  EXPECT_TRUE(Has(body, "value=\"2025-12\""));
  EXPECT_TRUE(Has(body, "value=\"2026-11\""));
  // Three SVG charts, each with its table; no report's text.
  size_t charts = 0;
  for (size_t at = body.find("<svg"); at != std::string::npos; at = body.find("<svg", at + 1)) {
    ++charts;
  }
  EXPECT_EQ(charts, 3u);
  EXPECT_FALSE(Has(body, "Gọi điện giả danh công an đòi tiền"));
  EXPECT_FALSE(Has(body, "0912345671"));

  const std::string english = Page("?lang=en");
  EXPECT_TRUE(Has(english, "<h1>Scam statistics</h1>"));
  EXPECT_TRUE(Has(english, "id=\"stat-median\">20 hours</span>"));
}

TEST_F(WebStatisticsTest, RangeIsChosenByMonthAndBadRangesAreRefused) {
  File("0912345671");
  const std::string old = Page("?from=2020-01&to=2020-03");
  EXPECT_TRUE(Has(old, "id=\"stat-total\">0</span>"));
  EXPECT_TRUE(Has(old, "<th scope=\"row\">2020-03</th>"));
  EXPECT_FALSE(Has(old, "<th scope=\"row\">2020-04</th>"));
  EXPECT_TRUE(Has(old, "id=\"stat-median\">Chưa có</span>"));
  const std::string now = Page("?from=2026-11&to=2026-11");
  EXPECT_TRUE(Has(now, "id=\"stat-total\">1</span>"));
  for (const char* bad :
       {"?from=2026-13", "?from=2026-11&to=2026-01", "?from=abc", "?from=1990-01&to=2026-01"}) {
    Call page = s_.Send(Method::kGet, std::string("/thong-ke") + bad);
    EXPECT_EQ(page.status, 400) << bad;
    EXPECT_TRUE(Has(page.body, "role=\"alert\"")) << bad;
  }
}

TEST_F(WebStatisticsTest, NumbersAreReusedForTheTtlThenRecomputed) {
  File("0912345671");
  EXPECT_TRUE(Has(Page(), "id=\"stat-total\">1</span>"));
  File("0912345672");
  EXPECT_TRUE(Has(Page(), "id=\"stat-total\">1</span>"));  // cached (60 s by default)
  s_.clock().Advance(std::chrono::seconds(61));
  EXPECT_TRUE(Has(Page(), "id=\"stat-total\">2</span>"));
}

}  // namespace
}  // namespace binhyen::app
