// The hash-list client against a real HTTP server (loopback, port 0) serving the two endpoints
// the way the API does: GET /api/v1/hashlists/{name}?since=V and POST /api/v1/hashes:search.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "app/hash_client.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/server.h"
#include "index/hashlist_wire.h"

namespace binhyen::app {
namespace {

using index::HashListKind;

http::Response Problem(const base::Status& status) {
  int code = status.code() == base::StatusCode::kPayloadTooLarge ? 413 : 400;
  return http::Response::Problem(code, status.message(), status.message());
}

http::Router HashListRoutes(const index::HashListSet* set) {
  http::Router router;
  router.Add(http::Method::kGet, "/api/v1/hashlists/{name}", [set](http::Request& r) {
    std::optional<HashListKind> kind = index::ParseHashListName(r.PathParam("name"));
    if (!kind) return http::Response::Problem(404, "no such list", "không có danh sách này");
    base::Result<int64_t> since = index::ParseSinceParameter(r.Query("since").value_or(""));
    if (!since.ok()) return Problem(since.status());
    base::Result<index::HashListUpdate> update = set->Update(*kind, *since);
    if (!update.ok()) return Problem(update.status());
    return http::Response::Json(200, index::HashListUpdateToJson(*update));
  });
  router.Add(http::Method::kPost, "/api/v1/hashes:search", [set](http::Request& r) {
    base::Result<std::vector<uint32_t>> prefixes = index::ParseHashSearchRequestJson(r.body);
    if (!prefixes.ok()) return Problem(prefixes.status());
    base::Result<index::HashSearchResult> found = set->Search(*prefixes);
    if (!found.ok()) return Problem(found.status());
    return http::Response::Json(200, index::HashSearchResultToJson(*found));
  });
  return router;
}

TEST(HashClientHttpEndToEndTest, SyncAndCheckOverHttpMatchTheServer) {
  index::HashListSet set;
  std::vector<index::HashListEntry> entries = {
      {HashListKind::kUrls, index::HashExpression("evil.top/"), "phishing", 1700000000},
      {HashListKind::kPhones, index::HashExpression("+84912345678"), "scam_call", 1700000001}};
  ASSERT_TRUE(set.Publish(3, entries).ok());

  http::MetricsRegistry metrics;
  http::ServerOptions options;
  options.port = 0;
  options.io_threads = 1;
  options.worker_threads = 2;
  options.access_log = false;
  http::Server server(options, HashListRoutes(&set), metrics);
  ASSERT_TRUE(server.Start().ok());

  base::Result<std::unique_ptr<HashListTransport>> transport =
      MakeHttpHashListTransport("http://127.0.0.1:" + std::to_string(server.port()));
  ASSERT_TRUE(transport.ok());
  HashClientState state;
  std::vector<HashListKind> lists = {HashListKind::kUrls, HashListKind::kPhones,
                                     HashListKind::kAccounts};
  base::Result<std::vector<HashSyncOutcome>> synced = SyncHashLists(**transport, lists, &state);
  ASSERT_TRUE(synced.ok()) << synced.status().ToString();
  EXPECT_EQ((*synced)[0].to_version, 3);
  EXPECT_EQ((*synced)[2].to_version, 0);  // accounts: never listed anything

  entries.push_back({HashListKind::kUrls, index::HashExpression("new.top/"), "malware", 5});
  ASSERT_TRUE(set.Publish(4, entries).ok());
  synced = SyncHashLists(**transport, lists, &state);
  ASSERT_TRUE(synced.ok()) << synced.status().ToString();
  EXPECT_FALSE((*synced)[0].full);
  EXPECT_EQ((*synced)[0].prefixes, 2u);

  base::Result<HashCheckResult> hit =
      HashCheck(**transport, state, indicator::Kind::kUrl, "http://a.new.top/x/y.html");
  ASSERT_TRUE(hit.ok()) << hit.status().ToString();
  EXPECT_EQ(
      HashCheckResultToJson(*hit),
      R"({"canonical":"http://a.new.top/x/y.html","input":"http://a.new.top/x/y.html","kind":"url","matches":[{"category":"malware","expression":"new.top/"}],"verdict":"dangerous"})");
  base::Result<HashCheckResult> phone =
      HashCheck(**transport, state, indicator::Kind::kPhone, "+84 912 345 678");
  ASSERT_TRUE(phone.ok());
  EXPECT_TRUE(phone->dangerous);
  base::Result<HashCheckResult> miss =
      HashCheck(**transport, state, indicator::Kind::kDomain, "chinhphu.vn");
  ASSERT_TRUE(miss.ok());
  EXPECT_FALSE(miss->dangerous);

  server.Shutdown(std::chrono::seconds(2));
}

}  // namespace
}  // namespace binhyen::app
