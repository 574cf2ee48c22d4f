// The retention of reporters' contacts inside `binhyen serve` (ServerApp over real HTTP on port
// 0, fake time): [privacy] contact_retention_days decides when a closed report's contact goes;
// open reports keep theirs.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "app/server_app.h"
#include "app/testing/api_requests.h"
#include "app/testing/test_server.h"

namespace binhyen::app {
namespace {

using http::Method;
using nlohmann::json;
using testing::Call;
using testing::TestServer;

constexpr auto kDay = std::chrono::hours(24);

TEST(ContactRetentionHttpTest, ServeErasesClosedReportsContactsAfterTheConfiguredDays) {
  TestServer s([](ServeConfig& config) { config.contact_retention_days = 2; });
  EXPECT_EQ(s.app().retention().options().retention, std::chrono::days(2));
  s.AddUser("an", "analyst");
  auto file = [&](const std::string& text) {
    Call call =
        s.Json(Method::kPost, "/api/v1/reports",
               {{"category", "phishing"},
                {"description", text},
                {"indicators", json::array({{{"kind", "url"}, {"value", "http://x.top/"}}})},
                {"contact", {{"phone", "0905 000 111"}}}});
    EXPECT_EQ(call.status, 201) << call.body;
    return std::to_string(int64_t(call.json.value("id", 0)));
  };
  const std::string closed = file("Báo cáo sẽ bị từ chối");
  const std::string still_open = file("Báo cáo còn đang xác minh");
  {
    testing::Browser an = s.Login("an");
    for (const auto& [id, body] :
         {std::pair{closed, json{{"to", "rejected"}, {"reason", "không phải lừa đảo"}}},
          std::pair{still_open, json{{"to", "triaging"}}}}) {
      Call moved =
          s.Json(Method::kPost, "/api/v1/reports/" + id + "/transition", body, an.WithCsrf());
      ASSERT_EQ(moved.status, 200) << moved.body;
    }
  }
  auto contact_of = [&](const std::string& id) {
    auto tx = s.app().session().env().store->Begin(store::TxMode::kReadOnly).value();
    return tx->Reports().Get(std::stoll(id)).value().contact_ciphertext;
  };

  s.clock().Advance(2 * kDay - std::chrono::minutes(5));
  EXPECT_EQ(s.app().retention().Purge(/*dry_run=*/false).value().erased(), 0);
  EXPECT_TRUE(contact_of(closed).has_value());

  s.clock().Advance(std::chrono::minutes(10));
  base::Result<service::PurgeOutcome> purged = s.app().retention().Purge(/*dry_run=*/false);
  ASSERT_TRUE(purged.ok()) << purged.status().ToString();
  EXPECT_EQ(purged->report_ids, std::vector<int64_t>{std::stoll(closed)});
  EXPECT_EQ(contact_of(closed), std::nullopt);
  EXPECT_TRUE(contact_of(still_open).has_value());
  auto last = s.app().session().admin().RecentAudit(1);
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(last->back().action, "report.contact.purge");
  EXPECT_EQ(last->back().actor, "system:retention");
  EXPECT_THAT(last->back().summary, ::testing::HasSubstr("erased the contacts of 1 reports"));
  EXPECT_THAT(last->back().summary, ::testing::Not(::testing::HasSubstr("0905")));

  // The receipt page still works for the reporter.
  testing::Browser an = s.Login("an");
  Call detail = s.Send(Method::kGet, "/api/v1/reports/" + closed, an.Cookies());
  ASSERT_EQ(detail.status, 200) << detail.body;
  EXPECT_EQ(detail.json["status"], "rejected");
  EXPECT_EQ(detail.json["description"], "Báo cáo sẽ bị từ chối");
  EXPECT_FALSE(detail.json["contact_erased_at"].is_null());
}

}  // namespace
}  // namespace binhyen::app
