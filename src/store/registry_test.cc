#include "store/registry.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store/common.h"

namespace binhyen::store {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

TEST(StoreUrlTest, Parses) {
  auto u = StoreUrl::Parse("SQLite:./var/binhyen.db?synchronous=full&busy_timeout_ms=100");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->scheme, "sqlite");
  EXPECT_EQ(u->rest, "./var/binhyen.db");
  EXPECT_THAT(u->query, ElementsAre(Pair("busy_timeout_ms", "100"), Pair("synchronous", "full")));
  auto pg = StoreUrl::Parse("postgres://u:p%40ss@127.0.0.1:5432/db?sslmode=disable&a=x+y");
  ASSERT_TRUE(pg.ok());
  EXPECT_EQ(pg->scheme, "postgres");
  EXPECT_EQ(pg->rest, "//u:p%40ss@127.0.0.1:5432/db");
  EXPECT_EQ(pg->query.at("a"), "x y");
  EXPECT_EQ(StoreUrl::Parse("/just/a/path").status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(StoreUrl::Parse(":x").status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(StoreUrl::Parse("sql ite:x").status().code(), base::StatusCode::kInvalidArgument);
}

TEST(RegistryTest, OpensByScheme) {
  Registry registry;
  registry.Register("fake", [](const StoreUrl& url) -> base::Result<std::unique_ptr<Store>> {
    return base::UnavailableError("fake " + url.rest);
  });
  EXPECT_EQ(registry.Open("fake:here").status(), base::UnavailableError("fake here"));
  EXPECT_EQ(registry.Open("nope:x").status(),
            base::InvalidArgumentError("store url: unknown scheme 'nope' (known: fake)"));
  EXPECT_EQ(registry.FreshTestDatabase("fake:x", "t").status().code(), base::StatusCode::kNotFound);
  registry.RegisterTestDatabaseFactory(
      "fake", [](std::string_view base, std::string_view name) -> base::Result<std::string> {
        return std::string(base) + "/" + std::string(name);
      });
  EXPECT_EQ(registry.FreshTestDatabase("fake:x", "t").value(), "fake:x/t");
}

TEST(CommonTest, SearchWordsFoldAndSplit) {
  EXPECT_THAT(SearchWords("Lừa ĐẢO, lừa-đảo!! 0912"), ElementsAre("lua", "dao", "0912"));
  EXPECT_THAT(SearchWords("\"x\" OR NEAR(y"), ElementsAre("x", "or", "near", "y"));
  EXPECT_TRUE(SearchWords(" ,.;!? ").empty());
}

TEST(CommonTest, Cursors) {
  EXPECT_EQ(ParseIdCursor("").value(), std::nullopt);
  EXPECT_EQ(ParseIdCursor("42").value(), 42);
  EXPECT_EQ(ParseIdCursor("0").status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseIdCursor("-1").status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseIdCursor("4x").status().code(), base::StatusCode::kInvalidArgument);
  const std::string c = FormatTimeIdCursor(base::TimePoint(std::chrono::microseconds(-5)), 9);
  EXPECT_EQ(c, "-5:9");
  auto parsed = ParseTimeIdCursor(c);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ((*parsed)->micros, -5);
  EXPECT_EQ((*parsed)->id, 9);
  EXPECT_EQ(ParseTimeIdCursor("5").status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckLimit(0, 10), base::InvalidArgumentError("limit: must be in 1..10"));
  EXPECT_TRUE(CheckLimit(10, 10).ok());
}

TEST(CommonTest, Scopes) {
  EXPECT_EQ(JoinScopes({"b", "a"}), "a b");
  EXPECT_THAT(SplitScopes("a b"), ElementsAre("a", "b"));
  EXPECT_TRUE(SplitScopes("").empty());
}

}  // namespace
}  // namespace binhyen::store
