// Disputes over real HTTP on port 0: a listed owner files a dispute, follows it by code, an
// analyst reads it, reveals the contact (audited) and accepts it, and the indicator leaves the
// reputation set at a new change version.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "app/testing/api_requests.h"
#include "app/testing/test_server.h"

namespace binhyen::app {
namespace {

using http::Method;
using nlohmann::json;
using testing::Call;
using ::testing::ElementsAre;
using testing::TestServer;

constexpr std::string_view kReason = "Số này là tổng đài chăm sóc khách hàng của cửa hàng tôi.";

class DisputesHttpTest : public ::testing::Test {
 protected:
  DisputesHttpTest() {
    s_.AddUser("an.phantich", "analyst");
    s_.AddUser("quan.tri", "admin");
    analyst_ = TestServer::Bearer(s_.Token(
        "an.phantich", {"reports:read", "reports:triage", "disputes:read", "disputes:resolve"}));
  }

  // Files a report about `phone` and confirms it through the API: the phone becomes listed.
  void ListPhone(const std::string& phone) {
    Call filed = s_.Json(Method::kPost, "/api/v1/reports",
                         testing::PhoneReportJson(phone, "Gọi điện giả danh công an đòi tiền"));
    ASSERT_EQ(filed.status, 201) << filed.body;
    const std::string path = "/api/v1/reports/" + std::to_string(int64_t(filed.json["id"]));
    ASSERT_EQ(s_.Json(Method::kPost, path + "/transition", {{"to", "triaging"}}, analyst_).status,
              200);
    Call confirmed = s_.Json(Method::kPost, path + "/transition", {{"to", "confirmed"}}, analyst_);
    ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  }
  static json Dispute(const std::string& kind, const std::string& value) {
    return {{"kind", kind}, {"value", value}, {"reason", std::string(kReason)}};
  }
  base::Result<domain::IndicatorRecord> Indicator(indicator::Kind kind, const std::string& c) {
    auto tx = s_.app().session().env().store->Begin(store::TxMode::kReadOnly).value();
    return tx->Indicators().Get(kind, c);
  }
  std::vector<std::string> LastAudit(int n) {
    std::vector<std::string> out;
    const std::vector<domain::AuditEntry> entries =
        s_.app().session().admin().RecentAudit(n).value();
    for (const domain::AuditEntry& e : entries) {
      out.push_back(e.actor + " " + e.action + " " + e.target);
    }
    return out;
  }

  TestServer s_;
  http::Headers analyst_;
};

TEST_F(DisputesHttpTest, OwnerFilesFollowsByCodeAndAnAnalystDelists) {
  ListPhone("0912 345 678");
  const int64_t listed_version = Indicator(indicator::Kind::kPhone, "+84912345678")->version;

  json body = Dispute("phone", "0912.345.678");
  body["contact"] = {{"name", "Trần Thị B"}, {"email", "b@example.vn"}};
  Call filed = s_.Json(Method::kPost, "/api/v1/disputes", body);
  ASSERT_EQ(filed.status, 201) << filed.body;
  const int64_t id = filed.json["id"];
  const std::string code = filed.json["code"];
  EXPECT_THAT(code, ::testing::MatchesRegex("KN-[0-9]+-[0-9A-Z]{4}-[0-9A-Z]{4}"));
  EXPECT_EQ(filed.json["status"], "open");
  EXPECT_EQ(filed.json["kind"], "phone");
  EXPECT_EQ(filed.json["canonical"], "+84912345678");
  EXPECT_EQ(filed.json["listed"], true);
  EXPECT_EQ(filed.headers.Get("Location").value_or(""), "/api/v1/disputes/status/" + code);
  EXPECT_THAT(LastAudit(1), ElementsAre("public dispute.file dispute:" + std::to_string(id)));

  // The owner follows it by code: no reason, no contact, no resolution while open.
  Call open = s_.Send(Method::kGet, "/api/v1/disputes/status/" + code);
  ASSERT_EQ(open.status, 200) << open.body;
  EXPECT_EQ(open.json["status"], "open");
  EXPECT_EQ(open.json["status_label"]["vi"], "Đang xem xét");
  EXPECT_EQ(open.json["canonical"], "+84912345678");
  EXPECT_FALSE(open.json.contains("resolution"));
  EXPECT_FALSE(open.json.contains("reason"));
  EXPECT_EQ(open.body.find("Trần"), std::string::npos);
  EXPECT_EQ(open.body.find("example.vn"), std::string::npos);

  // The analyst's queue and the dispute, without the contact.
  Call queue = s_.Send(Method::kGet, "/api/v1/disputes?status=open", analyst_);
  ASSERT_EQ(queue.status, 200) << queue.body;
  ASSERT_EQ(queue.json["items"].size(), 1u);
  EXPECT_EQ(queue.json["items"][0]["id"], id);
  EXPECT_EQ(queue.json["items"][0]["code"], code);
  EXPECT_EQ(queue.json["next"], "");
  const std::string path = "/api/v1/disputes/" + std::to_string(id);
  Call read = s_.Send(Method::kGet, path, analyst_);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.json["reason"], kReason);
  EXPECT_EQ(read.json["has_contact"], true);
  EXPECT_EQ(read.json["indicator"]["status"], "confirmed");
  EXPECT_EQ(read.json["indicator"]["sources"][0]["source"], "report:1");
  EXPECT_EQ(read.body.find("example.vn"), std::string::npos);

  Call contact = s_.Send(Method::kPost, path + "/contact", analyst_);
  ASSERT_EQ(contact.status, 200) << contact.body;
  EXPECT_EQ(contact.json["contact"], json({{"name", "Trần Thị B"}, {"email", "b@example.vn"}}));
  EXPECT_THAT(LastAudit(1)[0],
              ::testing::EndsWith("dispute.contact.reveal dispute:" + std::to_string(id)));

  // Accepted: the indicator is delisted at a new change version.
  Call resolved =
      s_.Json(Method::kPost, path + "/resolve",
              {{"to", "accepted"}, {"resolution", "Đã xác minh: số đã đổi chủ."}}, analyst_);
  ASSERT_EQ(resolved.status, 200) << resolved.body;
  EXPECT_EQ(resolved.json["dispute"]["status"], "accepted");
  EXPECT_EQ(resolved.json["indicator"]["status"], "delisted");
  EXPECT_GT(int64_t(resolved.json["indicator"]["version"]), listed_version);
  EXPECT_EQ(Indicator(indicator::Kind::kPhone, "+84912345678")->status,
            domain::IndicatorStatus::kDelisted);
  EXPECT_THAT(LastAudit(1)[0],
              ::testing::EndsWith("dispute.resolve dispute:" + std::to_string(id)));

  Call again = s_.Json(Method::kPost, path + "/resolve",
                       {{"to", "rejected"}, {"resolution", "Đổi ý."}}, analyst_);
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(testing::ProblemCode(again), "already_resolved");
  EXPECT_FALSE(std::string(again.json["detail_vi"]).empty());

  Call done = s_.Send(Method::kGet, "/api/v1/disputes/status/" + code);
  EXPECT_EQ(done.json["status"], "accepted");
  EXPECT_EQ(done.json["resolution"], "Đã xác minh: số đã đổi chủ.");
  EXPECT_FALSE(done.json["resolved_at"].is_null());
  // Filed again, the number is no longer listed.
  Call later = s_.Json(Method::kPost, "/api/v1/disputes", Dispute("phone", "0912345678"));
  EXPECT_EQ(later.json["listed"], false);
}

TEST_F(DisputesHttpTest, AcceptingAnUnknownIndicatorRecordsADelisting) {
  Call filed = s_.Json(Method::kPost, "/api/v1/disputes", Dispute("domain", "Shop-Cua-Toi.vn"));
  ASSERT_EQ(filed.status, 201) << filed.body;
  EXPECT_EQ(filed.json["listed"], false);  // never listed, or only pending: the same answer
  const std::string path = "/api/v1/disputes/" + std::to_string(int64_t(filed.json["id"]));
  Call resolved =
      s_.Json(Method::kPost, path + "/resolve",
              {{"to", "accepted"}, {"resolution", "Danh sách ngoài liệt kê nhầm."}}, analyst_);
  ASSERT_EQ(resolved.status, 200) << resolved.body;
  EXPECT_EQ(resolved.json["indicator"]["status"], "delisted");
  EXPECT_EQ(resolved.json["indicator"]["sources"],
            json::array({{{"source", "dispute:" + std::to_string(int64_t(filed.json["id"]))},
                          {"trust_level", 100}}}));
  EXPECT_EQ(Indicator(indicator::Kind::kDomain, "shop-cua-toi.vn")->status,
            domain::IndicatorStatus::kDelisted);
}

TEST_F(DisputesHttpTest, RejectingLeavesTheListingAndNoContactMeans409) {
  ListPhone("0987 654 321");
  const domain::IndicatorRecord before = Indicator(indicator::Kind::kPhone, "+84987654321").value();
  Call filed = s_.Json(Method::kPost, "/api/v1/disputes", Dispute("phone", "0987654321"));
  ASSERT_EQ(filed.status, 201) << filed.body;
  const std::string path = "/api/v1/disputes/" + std::to_string(int64_t(filed.json["id"]));
  Call contact = s_.Send(Method::kPost, path + "/contact", analyst_);
  EXPECT_EQ(contact.status, 409);
  EXPECT_EQ(testing::ProblemCode(contact), "no_contact");
  Call resolved =
      s_.Json(Method::kPost, path + "/resolve",
              {{"to", "rejected"}, {"resolution", "Có nhiều báo cáo đã xác minh."}}, analyst_);
  ASSERT_EQ(resolved.status, 200) << resolved.body;
  EXPECT_TRUE(resolved.json["indicator"].is_null());
  EXPECT_EQ(Indicator(indicator::Kind::kPhone, "+84987654321").value(), before);
  Call status = s_.Send(Method::kGet, "/api/v1/disputes/status/" + std::string(filed.json["code"]));
  EXPECT_EQ(status.json["status"], "rejected");
  EXPECT_EQ(status.json["status_label"]["en"], "Rejected: the listing stays");
}

TEST_F(DisputesHttpTest, BadInputIsProblemJsonWithFieldErrorsInBothLanguages) {
  Call bad = s_.Json(Method::kPost, "/api/v1/disputes",
                     {{"kind", "phone"}, {"value", "12"}, {"reason", "ngắn"}});
  ASSERT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(bad.headers.Get("Content-Type").value_or(""), "application/problem+json");
  EXPECT_EQ(testing::ProblemCode(bad), "invalid_fields");
  ASSERT_EQ(bad.json["errors"].size(), 2u) << bad.body;
  EXPECT_EQ(bad.json["errors"][0]["field"], "value");
  EXPECT_EQ(bad.json["errors"][1]["field"], "reason");
  EXPECT_EQ(bad.json["errors"][1]["detail"], "must be at least 10 bytes");
  for (const json& e : bad.json["errors"]) EXPECT_FALSE(std::string(e["detail_vi"]).empty());

  Call types = s_.Json(Method::kPost, "/api/v1/disputes",
                       {{"kind", 1},
                        {"value", "0912345678"},
                        {"reason", std::string(kReason)},
                        {"contact", {{"fax", "x"}}}});
  ASSERT_EQ(types.status, 422) << types.body;
  EXPECT_EQ(types.json["errors"][0]["field"], "kind");
  EXPECT_EQ(types.json["errors"][1]["field"], "contact.fax");
  Call unknown = s_.Json(Method::kPost, "/api/v1/disputes", {{"kind", "phone"}, {"owner", "x"}});
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(unknown.json["errors"][0]["field"], "owner");
  EXPECT_EQ(s_.Send(Method::kPost, "/api/v1/disputes", {}, "kind=phone").status, 415);
  EXPECT_EQ(s_.Send(Method::kPost, "/api/v1/disputes", testing::ContentType("application/json"),
                    "{not json")
                .status,
            400);

  Call malformed = s_.Send(Method::kGet, "/api/v1/disputes/status/BY-7K3M-9QX2");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(testing::ProblemCode(malformed), "invalid_code");
  Call forged = s_.Send(Method::kGet, "/api/v1/disputes/status/KN-1-0000-0000");
  EXPECT_EQ(forged.status, 404);
  EXPECT_EQ(testing::ProblemCode(forged), "not_found");

  EXPECT_EQ(s_.Send(Method::kGet, "/api/v1/disputes/99", analyst_).status, 404);
  EXPECT_EQ(s_.Send(Method::kGet, "/api/v1/disputes/abc", analyst_).status, 404);
  EXPECT_EQ(s_.Json(Method::kPost, "/api/v1/disputes/99/resolve",
                    {{"to", "accepted"}, {"resolution", "x"}}, analyst_)
                .status,
            404);
  Call to = s_.Json(Method::kPost, "/api/v1/disputes/99/resolve", {{"to", "open"}}, analyst_);
  EXPECT_EQ(to.status, 422);
  EXPECT_EQ(to.json["errors"][0]["field"], "to");
  Call status = s_.Send(Method::kGet, "/api/v1/disputes?status=closed", analyst_);
  EXPECT_EQ(status.status, 422);
  EXPECT_EQ(status.json["errors"][0]["field"], "status");
}

TEST_F(DisputesHttpTest, OnlyAnalystsHandleDisputesAndCookieCallersNeedTheCsrfToken) {
  Call filed = s_.Json(Method::kPost, "/api/v1/disputes", Dispute("phone", "0912000111"));
  ASSERT_EQ(filed.status, 201);
  const std::string path = "/api/v1/disputes/" + std::to_string(int64_t(filed.json["id"]));
  EXPECT_EQ(s_.Send(Method::kGet, "/api/v1/disputes").status, 401);
  EXPECT_EQ(s_.Send(Method::kGet, "/api/v1/disputes", s_.Login("quan.tri").Cookies()).status, 403);
  const http::Headers narrow = TestServer::Bearer(s_.Token("an.phantich", {"disputes:read"}));
  EXPECT_EQ(s_.Send(Method::kGet, path, narrow).status, 200);
  EXPECT_EQ(
      s_.Json(Method::kPost, path + "/resolve", {{"to", "rejected"}, {"resolution", "x"}}, narrow)
          .status,
      403);
  testing::Browser browser = s_.Login("an.phantich");
  const json resolve = {{"to", "rejected"}, {"resolution", "Vẫn lừa đảo."}};
  Call no_csrf = s_.Json(Method::kPost, path + "/resolve", resolve, browser.Cookies());
  EXPECT_EQ(no_csrf.status, 403);
  EXPECT_EQ(testing::ProblemCode(no_csrf), "csrf");
  EXPECT_EQ(s_.Json(Method::kPost, path + "/resolve", resolve, browser.WithCsrf()).status, 200);
}

TEST(DisputesRateLimitTest, FilingIsLimitedPerClientIp) {
  TestServer s([](ServeConfig& c) {
    c.reports_per_minute = 1;
    c.reports_burst = 2;
  });
  const json body = {{"kind", "phone"}, {"value", "0912345678"}, {"reason", std::string(kReason)}};
  EXPECT_EQ(s.Json(Method::kPost, "/api/v1/disputes", body).status, 201);
  EXPECT_EQ(s.Json(Method::kPost, "/api/v1/disputes", body).status, 201);
  Call limited = s.Json(Method::kPost, "/api/v1/disputes", body);
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(testing::ProblemCode(limited), "rate_limited");
  EXPECT_TRUE(limited.headers.Get("Retry-After").has_value());
  // A bucket of its own: reports are still taken.
  EXPECT_EQ(s.Json(Method::kPost, "/api/v1/reports",
                   testing::PhoneReportJson("0912 345 678", "Gọi điện giả danh công an"))
                .status,
            201);
}

}  // namespace
}  // namespace binhyen::app
