// The check API, the hash-prefix lists and the feeds over real HTTP on port 0: an analyst
// confirms a report, its indicators become "dangerous" for everyone, reach every feed with a new
// ETag, and leave them again when a dispute about them is accepted.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "app/hash_client.h"
#include "app/testing/api_requests.h"
#include "app/testing/test_server.h"
#include "http/gzip.h"
#include "index/hashlist.h"
#include "index/hashlist_wire.h"

namespace binhyen::app {
namespace {

using http::Method;
using nlohmann::json;
using testing::Call;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::TestServer;

class CheckHttpTest : public ::testing::Test {
 protected:
  CheckHttpTest() {
    s_.AddUser("an.phantich", "analyst");
    analyst_ = TestServer::Bearer(s_.Token(
        "an.phantich", {"reports:read", "reports:triage", "disputes:read", "disputes:resolve"}));
  }

  // Files a report with `indicators` and confirms it through the API.
  void Confirm(const json& indicators) {
    testing::FileAndConfirm(s_, indicators, analyst_);
    Refresh();
  }
  void Refresh() { ASSERT_TRUE(s_.app().reputation().Refresh(/*hash_lists_now=*/true).ok()); }

  Call Get(const std::string& target, http::Headers headers = {}) {
    return s_.Send(Method::kGet, target, headers);
  }

  TestServer s_;
  http::Headers analyst_;
};

TEST_F(CheckHttpTest, AConfirmedLinkIsDangerousForEveryone) {
  Confirm({{{"kind", "url"}, {"value", "https://vietcombank-hotro.top/dang-nhap"}},
           {{"kind", "phone"}, {"value", "0912 345 678"}}});
  Call url = Get("/api/v1/check?kind=url&value=http%3A%2F%2Fvietcombank-hotro.top%2Fdang-nhap");
  ASSERT_EQ(url.status, 200) << url.body;
  EXPECT_EQ(url.json["kind"], "url");
  EXPECT_EQ(url.json["input"], "http://vietcombank-hotro.top/dang-nhap");
  EXPECT_EQ(url.json["canonical"], "http://vietcombank-hotro.top/dang-nhap");
  EXPECT_EQ(url.json["verdict"], "dangerous");
  EXPECT_EQ(url.json["categories"], json::array({"phishing"}));
  ASSERT_EQ(url.json["matches"].size(), 1u) << url.body;
  EXPECT_EQ(url.json["matches"][0]["expression"], "vietcombank-hotro.top/dang-nhap");
  EXPECT_EQ(url.json["matches"][0]["source"], "binhyen");
  EXPECT_EQ(url.json["matches"][0]["category"], "phishing");
  EXPECT_TRUE(url.json["matches"][0]["first_seen"].is_string());
  EXPECT_TRUE(url.json["matches"][0]["warning_url"].is_null());
  EXPECT_THAT(std::string(url.json["explanation"]["vi"]), HasSubstr("lừa đảo"));
  EXPECT_THAT(std::string(url.json["explanation"]["en"]), HasSubstr("confirmed scam"));
  EXPECT_EQ(url.json["index_version"], s_.app().reputation().view()->version());
  EXPECT_EQ(url.headers.Get("Cache-Control").value_or(""), "no-store");

  // The same phone written another way.
  Call phone = Get("/api/v1/check?kind=phone&value=%2B84%20912%20345%20678");
  ASSERT_EQ(phone.status, 200) << phone.body;
  EXPECT_EQ(phone.json["canonical"], "+84912345678");
  EXPECT_EQ(phone.json["verdict"], "dangerous");

  Call unknown = Get("/api/v1/check?kind=domain&value=vnexpress.net");
  ASSERT_EQ(unknown.status, 200);
  EXPECT_EQ(unknown.json["verdict"], "unknown");
  EXPECT_THAT(std::string(unknown.json["explanation"]["vi"]),
              HasSubstr("không có nghĩa là an toàn"));

  Call gov = Get("/api/v1/check?kind=url&value=https%3A%2F%2Fdichvucong.gov.vn%2Fp%2Fhome");
  ASSERT_EQ(gov.status, 200);
  EXPECT_EQ(gov.json["verdict"], "trusted");
  EXPECT_EQ(gov.json["trusted_reason"], "government");
}

TEST_F(CheckHttpTest, BadChecksAreFieldErrors) {
  Call no_kind = Get("/api/v1/check?value=abc");
  EXPECT_EQ(no_kind.status, 422);
  EXPECT_EQ(no_kind.json["errors"][0]["field"], "kind");
  Call bad_kind = Get("/api/v1/check?kind=fax&value=abc");
  EXPECT_EQ(bad_kind.status, 422);
  Call bad_value = Get("/api/v1/check?kind=phone&value=abc");
  EXPECT_EQ(bad_value.status, 422) << bad_value.body;
  EXPECT_EQ(bad_value.json["errors"][0]["field"], "value");
  Call bad_bank = Get("/api/v1/check?kind=bank_account&value=0071000986547&bank=khong-co");
  EXPECT_EQ(bad_bank.status, 422);
  EXPECT_EQ(bad_bank.json["errors"][0]["field"], "bank");
}

TEST_F(CheckHttpTest, ABatchAnswersInRequestOrder) {
  Confirm({{{"kind", "domain"}, {"value", "agribank-capnhat.xyz"}}});
  json items = json::array({{{"kind", "domain"}, {"value", "vnexpress.net"}},
                            {{"kind", "url"}, {"value", "http://a.agribank-capnhat.xyz/x"}},
                            {{"kind", "phone"}, {"value", "not a phone"}}});
  Call batch = s_.Json(Method::kPost, "/api/v1/check", {{"items", items}});
  ASSERT_EQ(batch.status, 200) << batch.body;
  ASSERT_EQ(batch.json["results"].size(), 3u);
  EXPECT_EQ(batch.json["results"][0]["verdict"], "unknown");
  EXPECT_EQ(batch.json["results"][1]["verdict"], "dangerous");
  EXPECT_EQ(batch.json["results"][1]["matches"][0]["expression"], "agribank-capnhat.xyz/");
  EXPECT_TRUE(batch.json["results"][2]["canonical"].is_null());
  EXPECT_EQ(batch.json["results"][2]["error"]["field"], "value");

  json too_many = json::array();
  for (int i = 0; i < 1001; ++i) too_many.push_back({{"kind", "phone"}, {"value", "0912345678"}});
  EXPECT_EQ(s_.Json(Method::kPost, "/api/v1/check", {{"items", too_many}}).status, 422);
  Call missing = s_.Json(Method::kPost, "/api/v1/check",
                         {{"items", json::array({{{"value", "x"}, {"extra", 1}}})}});
  EXPECT_EQ(missing.status, 422);
  EXPECT_EQ(missing.json["errors"].size(), 2u) << missing.body;
  // An unknown member's name is echoed short and on one line.
  Call odd = s_.Json(
      Method::kPost, "/api/v1/check",
      {{"items",
        json::array(
            {{{"kind", "phone"}, {"value", "0912345678"}, {"x\ny" + std::string(300, 'z'), 1}}})}});
  ASSERT_EQ(odd.status, 422) << odd.body;
  const std::string field = odd.json["errors"][0]["field"];
  EXPECT_TRUE(field.starts_with("items[0].x?y")) << field;
  EXPECT_LE(field.size(), 80u) << field;
  EXPECT_EQ(s_.Send(Method::kPost, "/api/v1/check", {}, "items=1").status, 415);
}

TEST_F(CheckHttpTest, FeedsCarryConfirmedIndicatorsWithETagsAndGzip) {
  Confirm({{{"kind", "domain"}, {"value", "ghtk-phigiaohang.top"}}});
  Call hosts = Get("/feeds/hosts");
  ASSERT_EQ(hosts.status, 200) << hosts.body;
  EXPECT_THAT(hosts.body, HasSubstr("0.0.0.0 ghtk-phigiaohang.top"));
  const std::string etag(hosts.headers.Get("ETag").value_or(""));
  ASSERT_FALSE(etag.empty());
  http::Headers conditional;
  conditional.Set("If-None-Match", etag);
  Call again = Get("/feeds/hosts", conditional);
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());

  http::Headers gzip;
  gzip.Set("Accept-Encoding", "gzip");
  Call rpz = Get("/feeds/rpz", gzip);
  ASSERT_EQ(rpz.status, 200);
  std::string zone = rpz.body;
  if (rpz.headers.Get("Content-Encoding").value_or("") == "gzip") {
    zone = http::Gunzip(rpz.body).value();
  }
  EXPECT_THAT(zone, HasSubstr("ghtk-phigiaohang.top CNAME ."));
  EXPECT_THAT(zone, HasSubstr("*.ghtk-phigiaohang.top CNAME ."));

  for (const char* name : {"plain", "csv", "stix", "misp", "adguard", "dnsmasq", "unbound"}) {
    Call feed = Get(std::string("/feeds/") + name);
    EXPECT_EQ(feed.status, 200) << name << " " << feed.body;
    EXPECT_THAT(feed.body, HasSubstr("ghtk-phigiaohang.top")) << name;
  }
  Call manifest = Get("/feeds/misp/manifest.json");
  ASSERT_EQ(manifest.status, 200);
  ASSERT_TRUE(manifest.json.is_object() && manifest.json.size() == 1u) << manifest.body;
  const std::string uuid = manifest.json.begin().key();
  EXPECT_EQ(Get("/feeds/misp/" + uuid + ".json").status, 200);
  EXPECT_EQ(Get("/feeds/misp/00000000-0000-0000-0000-000000000000.json").status, 404);
  EXPECT_EQ(Get("/feeds/nope").status, 404);
  EXPECT_EQ(Get("/feeds/hosts?kind=fax").status, 422);
  EXPECT_EQ(Get("/feeds/warnings.atom").status, 200);
  EXPECT_EQ(Get("/feeds/warnings.json").status, 200);

  // A new confirmation: a new version, a new ETag, the old one no longer matches.
  Confirm({{{"kind", "domain"}, {"value", "vnpost-capnhat-diachi.top"}}});
  Call changed = Get("/feeds/hosts", conditional);
  ASSERT_EQ(changed.status, 200);
  EXPECT_NE(changed.headers.Get("ETag").value_or(""), etag);
  EXPECT_THAT(changed.body, HasSubstr("vnpost-capnhat-diachi.top"));
}

TEST_F(CheckHttpTest, AnExpiredIndicatorLeavesAnswersAndFeedsWithoutANewVersion) {
  Confirm({{{"kind", "domain"}, {"value", "het-han-sau.top"}}});
  Call before = Get("/feeds/hosts");
  ASSERT_THAT(before.body, HasSubstr("het-han-sau.top"));
  const int64_t version = s_.app().reputation().view()->version();
  s_.clock().Advance(std::chrono::hours(24 * 181));  // domains expire after 180 days
  Refresh();
  EXPECT_EQ(s_.app().reputation().view()->version(), version);
  EXPECT_EQ(Get("/api/v1/check?kind=domain&value=het-han-sau.top").json["verdict"], "unknown");
  http::Headers conditional;
  conditional.Set("If-None-Match", std::string(before.headers.Get("ETag").value_or("")));
  Call after = Get("/feeds/hosts", conditional);
  ASSERT_EQ(after.status, 200);
  EXPECT_THAT(after.body, Not(HasSubstr("het-han-sau.top")));
}

TEST_F(CheckHttpTest, ADisputeOfAnImportedListingSaysItIsListedAndDelistsIt) {
  {
    auto tx = s_.app().session().env().store->Begin(store::TxMode::kReadWrite).value();
    auto source = tx->Feeds().UpsertSource("hostsvn", "hosts", domain::FeedTrust::kMedium, true);
    ASSERT_TRUE(source.ok());
    ASSERT_TRUE(tx->Feeds()
                    .ReplaceEntries(source->id,
                                    std::vector<store::FeedEntryInput>{
                                        {indicator::Kind::kDomain, "bi-nham.top", ""}},
                                    s_.clock().Now())
                    .ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  Refresh();
  ASSERT_EQ(Get("/api/v1/check?kind=domain&value=bi-nham.top").json["verdict"], "suspicious");
  Call filed = s_.Json(Method::kPost, "/api/v1/disputes",
                       {{"kind", "domain"},
                        {"value", "bi-nham.top"},
                        {"reason", "Trang của trường chúng tôi, bị đưa vào danh sách nhầm."}});
  ASSERT_EQ(filed.status, 201) << filed.body;
  EXPECT_EQ(filed.json["listed"], true);
  Call resolved = s_.Json(
      Method::kPost, "/api/v1/disputes/" + std::to_string(int64_t(filed.json["id"])) + "/resolve",
      {{"to", "accepted"}, {"resolution", "Đã kiểm tra: nhầm."}}, analyst_);
  ASSERT_EQ(resolved.status, 200) << resolved.body;
  Refresh();
  EXPECT_EQ(Get("/api/v1/check?kind=domain&value=bi-nham.top").json["verdict"], "unknown");
  // A value nobody lists is not listed.
  Call other = s_.Json(Method::kPost, "/api/v1/disputes",
                       {{"kind", "domain"},
                        {"value", "khong-ai-liet-ke.top"},
                        {"reason", "Chỉ hỏi cho chắc chắn, trang này của tôi."}});
  ASSERT_EQ(other.status, 201) << other.body;
  EXPECT_EQ(other.json["listed"], false);
}

TEST_F(CheckHttpTest, AnAcceptedDisputeDelistsEverywhereAtTheNextVersion) {
  Confirm({{{"kind", "domain"}, {"value", "cua-hang-that.top"}}});
  ASSERT_THAT(Get("/feeds/hosts").body, HasSubstr("cua-hang-that.top"));
  Call filed = s_.Json(Method::kPost, "/api/v1/disputes",
                       {{"kind", "domain"},
                        {"value", "cua-hang-that.top"},
                        {"reason", "Đây là trang bán hàng thật của cửa hàng chúng tôi."}});
  ASSERT_EQ(filed.status, 201) << filed.body;
  Call resolved = s_.Json(
      Method::kPost, "/api/v1/disputes/" + std::to_string(int64_t(filed.json["id"])) + "/resolve",
      {{"to", "accepted"}, {"resolution", "Đã kiểm tra: trang thật."}}, analyst_);
  ASSERT_EQ(resolved.status, 200) << resolved.body;
  Refresh();
  EXPECT_EQ(Get("/api/v1/check?kind=domain&value=cua-hang-that.top").json["verdict"], "unknown");
  EXPECT_THAT(Get("/feeds/hosts").body, Not(HasSubstr("cua-hang-that.top")));
  EXPECT_THAT(Get("/feeds/rpz").body, Not(HasSubstr("cua-hang-that.top")));
}

TEST_F(CheckHttpTest, HashListsServeFullListsDiffsAndFullHashes) {
  Confirm({{{"kind", "domain"}, {"value", "shopee-tuyendung.cc"}}});
  Call full = Get("/api/v1/hashlists/urls?since=0");
  ASSERT_EQ(full.status, 200) << full.body;
  index::HashListUpdate update = index::ParseHashListUpdateJson(full.body).value();
  EXPECT_TRUE(update.full);
  std::vector<uint32_t> local = index::ApplyHashListUpdate({}, update).value();
  const index::FullHash hash = index::HashExpression("shopee-tuyendung.cc/");
  EXPECT_TRUE(std::binary_search(local.begin(), local.end(), index::PrefixOf(hash)));

  Confirm({{{"kind", "domain"}, {"value", "vangquocte-fx.vip"}}});
  Call diff = Get("/api/v1/hashlists/urls?since=" + std::to_string(update.version));
  ASSERT_EQ(diff.status, 200) << diff.body;
  index::HashListUpdate next = index::ParseHashListUpdateJson(diff.body).value();
  EXPECT_FALSE(next.full);
  local = index::ApplyHashListUpdate(local, next).value();
  EXPECT_TRUE(std::binary_search(local.begin(), local.end(),
                                 index::PrefixOf(index::HashExpression("vangquocte-fx.vip/"))));

  const uint32_t prefix = index::PrefixOf(hash);
  Call search = s_.Send(
      Method::kPost, "/api/v1/hashes:search",
      [] {
        http::Headers h;
        h.Set("Content-Type", "application/json");
        return h;
      }(),
      index::HashSearchRequestToJson(std::vector<uint32_t>{prefix}));
  ASSERT_EQ(search.status, 200) << search.body;
  index::HashSearchResult found = index::ParseHashSearchResultJson(search.body).value();
  ASSERT_EQ(found.matches.size(), 1u);
  EXPECT_EQ(found.matches[0].full_hash, hash);
  EXPECT_EQ(found.matches[0].category, "phishing");
  EXPECT_EQ(Get("/api/v1/hashlists/nope").status, 404);
  EXPECT_EQ(Get("/api/v1/hashlists/urls?since=-1").status, 422);
}

// The local answers of `binhyen hashclient check` are the check API's, for listed values of our
// own and of sources trusted high and medium, protected hosts and unlisted values.
TEST_F(CheckHttpTest, TheHashClientAnswersAsTheCheckApi) {
  Confirm({{{"kind", "url"}, {"value", "https://vietcombank-hotro.top/dang-nhap"}},
           {{"kind", "phone"}, {"value", "0707 334 812"}},
           {{"kind", "bank_account"}, {"value", "Techcombank 19036688123011"}}});
  {
    auto tx = s_.app().session().env().store->Begin(store::TxMode::kReadWrite).value();
    auto high = tx->Feeds().UpsertSource("tin-cay", "hosts", domain::FeedTrust::kHigh, true);
    ASSERT_TRUE(high.ok());
    ASSERT_TRUE(tx->Feeds()
                    .ReplaceEntries(high->id,
                                    std::vector<store::FeedEntryInput>{
                                        {indicator::Kind::kDomain, "nguon-cao.top", ""}},
                                    s_.clock().Now())
                    .ok());
    auto medium = tx->Feeds().UpsertSource("hostsvn", "hosts", domain::FeedTrust::kMedium, true);
    ASSERT_TRUE(medium.ok());
    ASSERT_TRUE(tx->Feeds()
                    .ReplaceEntries(medium->id,
                                    std::vector<store::FeedEntryInput>{
                                        {indicator::Kind::kDomain, "nguon-vua.top", ""}},
                                    s_.clock().Now())
                    .ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  Refresh();
  auto transport =
      MakeHttpHashListTransport("http://127.0.0.1:" + std::to_string(s_.port())).value();
  HashClientState state;
  ASSERT_TRUE(SyncHashLists(*transport, index::kAllHashLists, &state).ok());
  const std::vector<std::pair<std::string, std::string>> values = {
      {"url", "http://vietcombank-hotro.top/dang-nhap"},
      {"url", "https://vietcombank-hotro.top/khac"},
      {"url", "http://sub.nguon-cao.top/a"},
      {"domain", "nguon-vua.top"},
      {"url", "https://vnexpress.net/thoi-su"},
      {"domain", "vietcombank.com.vn"},
      {"url", "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html"},
      {"phone", "+84707334812"},
      {"phone", "0912 000 111"},
      {"bank_account", "19036688123011"},
      {"bank_account", "0071000986547"},
  };
  for (const auto& [kind, value] : values) {
    base::Result<HashCheckResult> local =
        HashCheck(*transport, state, *indicator::ParseKind(kind), value, nullptr);
    ASSERT_TRUE(local.ok()) << kind << " " << value << ": " << local.status().ToString();
    Call server = s_.Json(Method::kPost, "/api/v1/check",
                          {{"items", json::array({{{"kind", kind}, {"value", value}}})}});
    ASSERT_EQ(server.status, 200) << server.body;
    EXPECT_EQ(local->verdict, server.json["results"][0]["verdict"]) << kind << " " << value;
  }
}

}  // namespace
}  // namespace binhyen::app
