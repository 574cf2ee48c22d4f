#include "index/hashlist_wire.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace binhyen::index {
namespace {

TEST(HashListWireTest, UpdateRoundTrip) {
  HashListUpdate u;
  u.list = HashListKind::kAccounts;
  u.version = 42;
  u.full = false;
  u.additions = RiceDeltaEncoding{7, 2, 2, std::string("\xf7\x02", 2)};
  u.removals = RiceDeltaEncoding{3, 0, 0, ""};
  u.checksum = HashExpression("x");
  u.minimum_wait_seconds = 60;
  std::string json = HashListUpdateToJson(u);
  EXPECT_NE(json.find("\"encoded_data\":\"9wI=\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"minimum_wait_duration\":\"60s\""), std::string::npos) << json;
  base::Result<HashListUpdate> back = ParseHashListUpdateJson(json);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, u);

  HashListUpdate empty;
  empty.full = true;
  std::string empty_json = HashListUpdateToJson(empty);
  EXPECT_EQ(empty_json.find("additions"), std::string::npos);
  EXPECT_EQ(*ParseHashListUpdateJson(empty_json), empty);
}

TEST(HashListWireTest, UpdateParserRefusesBadInput) {
  HashListUpdate u;
  u.additions = RiceDeltaEncoding{1, 3, 0, ""};
  u.minimum_wait_seconds = 60;
  std::string good = HashListUpdateToJson(u);
  ASSERT_TRUE(ParseHashListUpdateJson(good).ok());
  auto with = [&](std::string from, std::string to) {
    std::string s = good;
    size_t at = s.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return s.replace(at, from.size(), to);
  };
  EXPECT_FALSE(ParseHashListUpdateJson("[]").ok());
  EXPECT_FALSE(ParseHashListUpdateJson("{").ok());
  EXPECT_FALSE(ParseHashListUpdateJson(with("\"urls\"", "\"emails\"")).ok());
  EXPECT_FALSE(ParseHashListUpdateJson(with("\"rice_parameter\":3", "\"rice_parameter\":29")).ok());
  EXPECT_FALSE(
      ParseHashListUpdateJson(with("\"first_value\":1", "\"first_value\":4294967296")).ok());
  EXPECT_FALSE(ParseHashListUpdateJson(with("\"first_value\":1", "\"first_value\":-1")).ok());
  EXPECT_FALSE(ParseHashListUpdateJson(with("\"60s\"", "\"60\"")).ok());
  EXPECT_FALSE(ParseHashListUpdateJson(with("\"full\":false", "\"full\":0")).ok());
}

TEST(HashListWireTest, SearchRequestRoundTripAndLimits) {
  std::vector<uint32_t> prefixes = {0, 0xba7816bf, 0xffffffff};
  std::string json = HashSearchRequestToJson(prefixes);
  EXPECT_EQ(json, R"({"prefixes":["AAAAAA==","ungWvw==","/////w=="]})");
  EXPECT_EQ(*ParseHashSearchRequestJson(json), prefixes);
  EXPECT_FALSE(ParseHashSearchRequestJson(R"({"prefixes":["AAAA"]})").ok());  // 3 bytes
  EXPECT_FALSE(ParseHashSearchRequestJson(R"({"prefixes":[1]})").ok());
  EXPECT_FALSE(ParseHashSearchRequestJson(R"({"prefix":[]})").ok());
  std::vector<uint32_t> too_many(kMaxSearchPrefixes + 1, 7);
  EXPECT_EQ(ParseHashSearchRequestJson(HashSearchRequestToJson(too_many)).status().code(),
            base::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseHashSearchRequestJson(std::string(70000, ' ')).status().code(),
            base::StatusCode::kPayloadTooLarge);
}

TEST(HashListWireTest, SearchResultRoundTrip) {
  HashSearchResult r;
  r.matches.push_back(
      HashMatch{HashListKind::kPhones, HashExpression("+84912345678"), "scam_call", 1700000000});
  r.cache_duration_seconds = 300;
  r.negative_cache_duration_seconds = 120;
  std::string json = HashSearchResultToJson(r);
  EXPECT_NE(json.find("\"cache_duration\":\"300s\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"negative_cache_duration\":\"120s\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"list\":\"phones\""), std::string::npos) << json;
  EXPECT_EQ(*ParseHashSearchResultJson(json), r);
  EXPECT_FALSE(ParseHashSearchResultJson(R"({"matches":[{"list":"phones"}]})").ok());
}

// The worked example of docs/HASHLISTS.md, byte for byte.
TEST(HashListWireTest, DocumentedExample) {
  auto entry = [](const char* e) {
    return HashListEntry{HashListKind::kUrls, HashExpression(e), "phishing", 1700000000};
  };
  HashListSet set;
  std::vector<HashListEntry> v1 = {entry("evil.top/"), entry("new.top/"),
                                   entry("shop.vn/login.php")};
  ASSERT_TRUE(set.Publish(1, v1).ok());
  EXPECT_EQ(HashListUpdateToJson(*set.Update(HashListKind::kUrls, 0)),
            R"({"additions":{"encoded_data":"X938+GOi0kE=","first_value":607950671,)"
            R"("num_entries":2,"rice_parameter":28},)"
            R"("checksum":"O4pAF5h5ygAAqLEZ7DE/KzBEGeLd9DAfDLcZ7VUN3Mc=","full":true,)"
            R"("list":"urls","minimum_wait_duration":"60s","version":1})");
  std::vector<HashListEntry> v2 = {entry("new.top/"), entry("shop.vn/login.php"),
                                   entry("scam.top/")};
  ASSERT_TRUE(set.Publish(2, v2).ok());
  EXPECT_EQ(HashListUpdateToJson(*set.Update(HashListKind::kUrls, 1)),
            R"({"additions":{"encoded_data":"","first_value":187501440,"num_entries":0,)"
            R"("rice_parameter":0},"checksum":"iS6eXUWIsCaNBPxKkHopcAE1GT58ESxthTSWS/u1TG4=",)"
            R"("full":false,"list":"urls","minimum_wait_duration":"60s","removals":)"
            R"({"encoded_data":"","first_value":0,"num_entries":0,"rice_parameter":0},)"
            R"("version":2})");
  std::vector<uint32_t> evil = {PrefixOf(HashExpression("evil.top/"))};
  EXPECT_EQ(HashSearchRequestToJson(evil), R"({"prefixes":["JDyXTw=="]})");
  EXPECT_EQ(HashSearchResultToJson(*set.Search(evil)),
            R"({"cache_duration":"300s","matches":[],"negative_cache_duration":"300s"})");
  std::vector<uint32_t> fresh = {PrefixOf(HashExpression("new.top/"))};
  EXPECT_EQ(HashSearchResultToJson(*set.Search(fresh)),
            R"({"cache_duration":"300s","matches":[{"category":"phishing",)"
            R"("first_seen":1700000000,"full_hash":"jFrfEA4Y38OCEUD7ZuQjFytoDwnnTFuTCYiXLFCAEEs=",)"
            R"("list":"urls","verdict":"dangerous"}],"negative_cache_duration":"300s"})");
}

TEST(HashListWireTest, SinceParameter) {
  EXPECT_EQ(*ParseSinceParameter(""), 0);
  EXPECT_EQ(*ParseSinceParameter("17"), 17);
  EXPECT_FALSE(ParseSinceParameter("-1").ok());
  EXPECT_FALSE(ParseSinceParameter("1x").ok());
  EXPECT_FALSE(ParseSinceParameter("99999999999999999999").ok());
}

}  // namespace
}  // namespace binhyen::index
