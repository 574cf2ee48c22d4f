#include "index/snapshot.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

namespace binhyen::index {
namespace {

using indicator::Kind;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr uint16_t kOurs = 0;  // "binhyen", high
constexpr uint16_t kFeed = 1;  // "feed:hostsvn", medium
constexpr uint16_t kLow = 2;   // "feed:low", low

Listing Make(Kind kind, std::string canonical, std::string category = "phishing",
             uint16_t source = kOurs) {
  Listing l;
  l.kind = kind;
  l.canonical = std::move(canonical);
  l.category = std::move(category);
  l.source = source;
  l.first_seen = 1700000000;
  return l;
}

SnapshotInput Input(std::vector<Listing> listings) {
  SnapshotInput input;
  input.version = 7;
  input.sources = {
      {"binhyen", Trust::kHigh}, {"feed:hostsvn", Trust::kMedium}, {"feed:low", Trust::kLow}};
  input.listings = std::move(listings);
  return input;
}

std::vector<std::string> Expressions(const CheckResult& r) {
  std::vector<std::string> out;
  for (const Match& m : r.matches) out.push_back(m.expression);
  return out;
}

class SnapshotTest : public ::testing::Test {
 protected:
  void Index(std::vector<Listing> listings) {
    snapshot_ = Snapshot::Build(Input(std::move(listings)), &stats_);
  }
  CheckResult Check(Kind kind, std::string_view value, std::string_view bank = {}) {
    return snapshot_->Check(kind, value, bank);
  }
  Verdict VerdictOf(Kind kind, std::string_view value) { return Check(kind, value).verdict; }

  std::shared_ptr<const Snapshot> snapshot_;
  BuildStats stats_;
};

TEST_F(SnapshotTest, DomainListingMatchesItsUrlsAndSubdomains) {
  Listing l = Make(Kind::kDomain, "evil.top");
  l.warning_url = "https://binhyen.vn/w/1";
  Index({l});
  CheckResult r = Check(Kind::kUrl, "hxxps://login.evil[.]top/a/b?x=1");
  EXPECT_EQ(r.kind, Kind::kUrl);
  EXPECT_EQ(r.canonical, "https://login.evil.top/a/b?x=1");
  EXPECT_EQ(r.verdict, Verdict::kDangerous);
  EXPECT_EQ(r.trusted_reason, "");
  ASSERT_EQ(r.matches.size(), 1u);
  EXPECT_EQ(r.matches[0].expression, "evil.top/");
  EXPECT_EQ(r.matches[0].category, "phishing");
  EXPECT_EQ(r.matches[0].source, "binhyen");
  EXPECT_EQ(r.matches[0].trust, Trust::kHigh);
  EXPECT_EQ(r.matches[0].first_seen, 1700000000);
  EXPECT_EQ(r.matches[0].warning_url, "https://binhyen.vn/w/1");
  EXPECT_THAT(r.categories, ElementsAre("phishing"));
  EXPECT_EQ(VerdictOf(Kind::kUrl, "http://evil.top"), Verdict::kDangerous);
  EXPECT_EQ(VerdictOf(Kind::kDomain, "EVIL.top"), Verdict::kDangerous);
  EXPECT_EQ(VerdictOf(Kind::kDomain, "a.b.evil.top"), Verdict::kDangerous);
  EXPECT_EQ(VerdictOf(Kind::kUrl, "http://notevil.top/"), Verdict::kUnknown);
  EXPECT_EQ(VerdictOf(Kind::kUrl, "http://evil.top.example.com/"), Verdict::kUnknown);
  CheckResult d = Check(Kind::kDomain, "Login.Evil.Top");
  EXPECT_EQ(d.kind, Kind::kDomain);
  EXPECT_EQ(d.canonical, "login.evil.top");
  EXPECT_EQ(snapshot_->version(), 7);
  EXPECT_EQ(snapshot_->size(), 1u);
}

TEST_F(SnapshotTest, UrlPathPrefixAndQueryExactListings) {
  Index({Make(Kind::kUrl, "http://host.example.com/pay/"),
         Make(Kind::kUrl, "http://shop.example.com/item?id=5", "fake_shop")});
  EXPECT_EQ(VerdictOf(Kind::kUrl, "http://host.example.com/pay/"), Verdict::kDangerous);
  EXPECT_EQ(VerdictOf(Kind::kUrl, "https://host.example.com/pay/step2.html"), Verdict::kDangerous);
  EXPECT_EQ(VerdictOf(Kind::kUrl, "http://host.example.com/"), Verdict::kUnknown);
  EXPECT_EQ(VerdictOf(Kind::kUrl, "http://host.example.com/payment"), Verdict::kUnknown);
  CheckResult q = Check(Kind::kUrl, "http://shop.example.com/item?id=5");
  EXPECT_EQ(q.verdict, Verdict::kDangerous);
  EXPECT_THAT(Expressions(q), ElementsAre("shop.example.com/item?id=5"));
  EXPECT_THAT(q.categories, ElementsAre("fake_shop"));
  EXPECT_EQ(VerdictOf(Kind::kUrl, "http://shop.example.com/item?id=6"), Verdict::kUnknown);
  EXPECT_EQ(VerdictOf(Kind::kUrl, "http://shop.example.com/item"), Verdict::kUnknown);
}

TEST_F(SnapshotTest, SharedHostingMatchesTenantsOnly) {
  Index({Make(Kind::kUrl, "https://sites.google.com/view/scam/"),
         Make(Kind::kDomain, "blogspot.com"), Make(Kind::kDomain, "sites.google.com"),
         Make(Kind::kUrl, "http://weebly.com/"), Make(Kind::kDomain, "scam.blogspot.com"),
         Make(Kind::kDomain, "banking24hsingapore.weebly.com")});
  EXPECT_EQ(stats_.listed, 3u);
  EXPECT_EQ(stats_.narrowed, 3u);
  EXPECT_EQ(VerdictOf(Kind::kUrl, "https://sites.google.com/view/scam/"), Verdict::kDangerous);
  EXPECT_EQ(VerdictOf(Kind::kUrl, "https://sites.google.com/view/scam/trang-chu"),
            Verdict::kDangerous);
  EXPECT_EQ(VerdictOf(Kind::kUrl, "https://sites.google.com/view/honest/"), Verdict::kUnknown);
  EXPECT_EQ(VerdictOf(Kind::kUrl, "https://sites.google.com/"), Verdict::kUnknown);
  EXPECT_EQ(VerdictOf(Kind::kUrl, "https://honest.blogspot.com/2024/01/post.html"),
            Verdict::kUnknown);
  EXPECT_EQ(VerdictOf(Kind::kUrl, "https://blogspot.com/"), Verdict::kUnknown);
  EXPECT_EQ(VerdictOf(Kind::kUrl, "http://shop.weebly.com/"), Verdict::kUnknown);
  CheckResult r = Check(Kind::kUrl, "http://scam.blogspot.com/p/login.html");
  EXPECT_EQ(r.verdict, Verdict::kDangerous);
  EXPECT_THAT(Expressions(r), ElementsAre("scam.blogspot.com/"));
  EXPECT_EQ(VerdictOf(Kind::kDomain, "banking24hsingapore.weebly.com"), Verdict::kDangerous);
}

TEST_F(SnapshotTest, ShortenersMatchTheExactUrlOnly) {
  Index({Make(Kind::kUrl, "https://bit.ly/abc"), Make(Kind::kUrl, "https://bit.ly/dir/"),
         Make(Kind::kDomain, "bit.ly")});
  EXPECT_EQ(stats_.listed, 2u);
  EXPECT_EQ(stats_.narrowed, 1u);
  EXPECT_EQ(VerdictOf(Kind::kUrl, "https://bit.ly/abc"), Verdict::kDangerous);
  EXPECT_EQ(VerdictOf(Kind::kUrl, "http://bit.ly/abc?utm=1"), Verdict::kDangerous);
  EXPECT_EQ(VerdictOf(Kind::kUrl, "https://bit.ly/abcd"), Verdict::kUnknown);
  EXPECT_EQ(VerdictOf(Kind::kUrl, "https://bit.ly/"), Verdict::kUnknown);
  EXPECT_EQ(VerdictOf(Kind::kUrl, "https://bit.ly/xyz"), Verdict::kUnknown);
  EXPECT_EQ(VerdictOf(Kind::kUrl, "https://bit.ly/dir/"), Verdict::kDangerous);
  EXPECT_EQ(VerdictOf(Kind::kUrl, "https://bit.ly/dir/x"), Verdict::kUnknown);
}

TEST_F(SnapshotTest, BankAndGovernmentAreProtected) {
  Listing forced = Make(Kind::kUrl, "https://hacked.gov.vn/phish/");
  forced.override_allowlist = true;
  Index({Make(Kind::kDomain, "vietcombank.com.vn"),
         Make(Kind::kUrl, "https://ebank.bidv.com.vn/login"), Make(Kind::kDomain, "gov.vn"),
         forced});
  EXPECT_EQ(stats_.allowlisted, 3u);
  EXPECT_EQ(stats_.listed, 1u);
  CheckResult bank = Check(Kind::kUrl, "https://vcbdigibank.vietcombank.com.vn/login");
  EXPECT_EQ(bank.verdict, Verdict::kTrusted);
  EXPECT_EQ(bank.trusted_reason, "bank");
  EXPECT_THAT(bank.matches, IsEmpty());
  CheckResult gov = Check(Kind::kDomain, "dichvucong.gov.vn");
  EXPECT_EQ(gov.verdict, Verdict::kTrusted);
  EXPECT_EQ(gov.trusted_reason, "government");
  EXPECT_EQ(VerdictOf(Kind::kUrl, "https://ebank.bidv.com.vn/login"), Verdict::kTrusted);
  CheckResult hacked = Check(Kind::kUrl, "https://hacked.gov.vn/phish/index.html");
  EXPECT_EQ(hacked.verdict, Verdict::kDangerous);
  EXPECT_EQ(hacked.trusted_reason, "");
  EXPECT_THAT(Expressions(hacked), ElementsAre("hacked.gov.vn/phish/"));
  EXPECT_EQ(VerdictOf(Kind::kUrl, "https://hacked.gov.vn/"), Verdict::kTrusted);
  // A look-alike is not protected, and not listed either.
  EXPECT_EQ(VerdictOf(Kind::kUrl, "http://vietcombank.com.vn.evil.top/"), Verdict::kUnknown);
}

TEST_F(SnapshotTest, ParentListingNeverReachesAProtectedHost) {
  // A listing of a host above a bank's site without override must not reach the bank.
  SnapshotInput input = Input({Make(Kind::kDomain, "example.vn")});
  base::Result<std::shared_ptr<const Allowlist>> allow = Allowlist::Parse("bank bank.example.vn\n");
  ASSERT_TRUE(allow.ok());
  input.allowlist = allow.value();
  snapshot_ = Snapshot::Build(std::move(input), &stats_);
  EXPECT_EQ(stats_.listed, 1u);
  EXPECT_EQ(VerdictOf(Kind::kUrl, "http://shop.example.vn/"), Verdict::kDangerous);
  CheckResult r = Check(Kind::kUrl, "http://bank.example.vn/");
  EXPECT_EQ(r.verdict, Verdict::kTrusted);
  EXPECT_EQ(r.trusted_reason, "bank");
  EXPECT_EQ(&snapshot_->allowlist(), allow.value().get());
}

TEST_F(SnapshotTest, PhonesAndAccounts) {
  Index({Make(Kind::kPhone, "+84912345678", "scam_call"),
         Make(Kind::kBankAccount, "970436:0071000986547", "mule_account"),
         Make(Kind::kBankAccount, "1903666688", "mule_account", kFeed)});
  CheckResult p = Check(Kind::kPhone, "0912 345 678");
  EXPECT_EQ(p.canonical, "+84912345678");
  EXPECT_EQ(p.verdict, Verdict::kDangerous);
  EXPECT_THAT(Expressions(p), ElementsAre("+84912345678"));
  EXPECT_THAT(p.categories, ElementsAre("scam_call"));
  EXPECT_EQ(VerdictOf(Kind::kPhone, "0912345679"), Verdict::kUnknown);
  EXPECT_TRUE(snapshot_->IsListed(Kind::kPhone, "+84912345678"));
  EXPECT_FALSE(snapshot_->IsListed(Kind::kPhone, "+84912345679"));

  // With the listed bank, without a bank, with another bank.
  CheckResult vcb = Check(Kind::kBankAccount, "0071000986547", "Vietcombank");
  EXPECT_EQ(vcb.canonical, "970436:0071000986547");
  EXPECT_EQ(vcb.verdict, Verdict::kDangerous);
  EXPECT_THAT(Expressions(vcb), ElementsAre("970436:0071000986547"));
  CheckResult any = Check(Kind::kBankAccount, "0071 0009 86547");
  EXPECT_EQ(any.canonical, "0071000986547");
  EXPECT_THAT(Expressions(any), ElementsAre("970436:0071000986547"));
  CheckResult mb = Check(Kind::kBankAccount, "0071000986547", "MB");
  EXPECT_EQ(mb.canonical, "970422:0071000986547");
  EXPECT_EQ(mb.verdict, Verdict::kUnknown);
  EXPECT_EQ(Check(Kind::kBankAccount, "VCB 0071000986547").verdict, Verdict::kDangerous);
  // A digits-only listing matches every bank; a medium source gives "suspicious".
  CheckResult tcb = Check(Kind::kBankAccount, "1903666688", "Techcombank");
  EXPECT_EQ(tcb.verdict, Verdict::kSuspicious);
  EXPECT_THAT(Expressions(tcb), ElementsAre("1903666688"));
  EXPECT_EQ(tcb.matches[0].source, "feed:hostsvn");
  EXPECT_EQ(tcb.matches[0].trust, Trust::kMedium);

  EXPECT_TRUE(snapshot_->IsListed(Kind::kBankAccount, "970436:0071000986547"));
  EXPECT_TRUE(snapshot_->IsListed(Kind::kBankAccount, "0071000986547"));
  EXPECT_FALSE(snapshot_->IsListed(Kind::kBankAccount, "970422:0071000986547"));
  EXPECT_TRUE(snapshot_->IsListed(Kind::kBankAccount, "970422:1903666688"));
  EXPECT_FALSE(snapshot_->IsListed(Kind::kBankAccount, "1903666689"));
  EXPECT_FALSE(snapshot_->IsListed(Kind::kBankAccount, "not an account"));
}

TEST_F(SnapshotTest, TrustDecidesDangerousOrSuspicious) {
  Index({Make(Kind::kDomain, "low.top", "spam", kLow),
         Make(Kind::kDomain, "mixed.top", "spam", kLow),
         Make(Kind::kDomain, "mixed.top", "phishing", kOurs),
         Make(Kind::kDomain, "mixed.top", "spam", kLow)});  // the same source again
  CheckResult low = Check(Kind::kDomain, "low.top");
  EXPECT_EQ(low.verdict, Verdict::kSuspicious);
  EXPECT_EQ(low.matches[0].trust, Trust::kLow);
  CheckResult mixed = Check(Kind::kDomain, "mixed.top");
  EXPECT_EQ(mixed.verdict, Verdict::kDangerous);
  ASSERT_EQ(mixed.matches.size(), 2u);  // once per source
  EXPECT_EQ(mixed.matches[0].source, "binhyen");
  EXPECT_EQ(mixed.matches[1].source, "feed:low");
  EXPECT_THAT(mixed.categories, ElementsAre("phishing", "spam"));
}

TEST_F(SnapshotTest, MatchesAreMostSpecificFirst) {
  Index({Make(Kind::kDomain, "evil.top", "a"), Make(Kind::kUrl, "http://x.evil.top/a/", "b"),
         Make(Kind::kUrl, "http://x.evil.top/a/b.html", "c"),
         Make(Kind::kDomain, "x.evil.top", "a")});
  CheckResult r = Check(Kind::kUrl, "http://x.evil.top/a/b.html");
  EXPECT_THAT(Expressions(r),
              ElementsAre("x.evil.top/a/b.html", "x.evil.top/a/", "x.evil.top/", "evil.top/"));
  EXPECT_THAT(r.categories, ElementsAre("c", "b", "a"));
}

TEST_F(SnapshotTest, EmailsSocialsAndIps) {
  Index({Make(Kind::kEmail, "support@evil.top"), Make(Kind::kSocial, "facebook:scampage"),
         Make(Kind::kIp, "203.0.113.7")});
  EXPECT_EQ(VerdictOf(Kind::kEmail, "Support@EVIL.top"), Verdict::kDangerous);
  EXPECT_EQ(VerdictOf(Kind::kEmail, "other@evil.top"), Verdict::kUnknown);
  EXPECT_EQ(VerdictOf(Kind::kSocial, "https://www.facebook.com/scampage"), Verdict::kDangerous);
  EXPECT_EQ(VerdictOf(Kind::kIp, "203.0.113.7"), Verdict::kDangerous);
  EXPECT_EQ(VerdictOf(Kind::kUrl, "http://203.0.113.7/login"), Verdict::kDangerous);
  EXPECT_EQ(VerdictOf(Kind::kIp, "203.0.113.8"), Verdict::kUnknown);
  EXPECT_TRUE(snapshot_->IsListed(Kind::kEmail, "support@evil.top"));
  EXPECT_TRUE(snapshot_->IsListed(Kind::kIp, "203.0.113.7"));
  EXPECT_TRUE(snapshot_->IsListed(Kind::kUrl, "http://203.0.113.7/"));
  EXPECT_FALSE(snapshot_->IsListed(Kind::kUrl, "http://203.0.113.8/"));
}

TEST_F(SnapshotTest, InvalidInputAndInvalidListings) {
  Listing bad_source = Make(Kind::kDomain, "evil.top");
  bad_source.source = 9;
  Index({bad_source, Make(Kind::kPhone, "0912345678"), Make(Kind::kDomain, "com.vn")});
  EXPECT_EQ(stats_.invalid, 3u);
  EXPECT_EQ(snapshot_->size(), 0u);
  for (auto [kind, value] :
       std::vector<std::pair<Kind, std::string>>{{Kind::kUrl, "javascript:alert(1)"},
                                                 {Kind::kUrl, ""},
                                                 {Kind::kDomain, "not a host"},
                                                 {Kind::kPhone, "12"},
                                                 {Kind::kBankAccount, "abc"},
                                                 {Kind::kEmail, "nobody"},
                                                 {Kind::kIp, "999.1.1.1"}}) {
    CheckResult r = Check(kind, value);
    EXPECT_EQ(r.kind, kind);
    EXPECT_EQ(r.canonical, "") << value;
    EXPECT_EQ(r.verdict, Verdict::kUnknown) << value;
    EXPECT_THAT(r.matches, IsEmpty());
  }
  CheckResult unknown_bank = Check(Kind::kBankAccount, "0071000986547", "no such bank");
  EXPECT_EQ(unknown_bank.canonical, "");
}

TEST_F(SnapshotTest, EmptySnapshot) {
  std::shared_ptr<const Snapshot> empty = Snapshot::Empty();
  EXPECT_EQ(empty->version(), 0);
  EXPECT_EQ(empty->size(), 0u);
  EXPECT_THAT(empty->sources(), IsEmpty());
  EXPECT_EQ(empty->Check(Kind::kUrl, "http://evil.top/").verdict, Verdict::kUnknown);
  EXPECT_EQ(empty->Check(Kind::kDomain, "vietcombank.com.vn").verdict, Verdict::kTrusted);
  EXPECT_FALSE(empty->IsListed(Kind::kPhone, "+84912345678"));
  EXPECT_FALSE(empty->IsListed(Kind::kBankAccount, "0071000986547"));
  EXPECT_EQ(&empty->allowlist(), Allowlist::BuiltIn().get());
}

TEST_F(SnapshotTest, CheckUrlReusesItsResult) {
  Index({Make(Kind::kDomain, "evil.top")});
  indicator::CanonicalUrl url;
  CheckResult out;
  ASSERT_TRUE(indicator::CanonicalizeUrlInto("http://evil.top/x", &url).ok());
  snapshot_->CheckUrl(url, &out);
  EXPECT_EQ(out.verdict, Verdict::kDangerous);
  EXPECT_EQ(out.canonical, "http://evil.top/x");
  ASSERT_TRUE(indicator::CanonicalizeUrlInto("http://good.top/x", &url).ok());
  snapshot_->CheckUrl(url, &out);
  EXPECT_EQ(out.verdict, Verdict::kUnknown);
  EXPECT_THAT(out.matches, IsEmpty());
  EXPECT_THAT(out.categories, IsEmpty());
  EXPECT_EQ(out.canonical, "http://good.top/x");
}

TEST_F(SnapshotTest, MemoryStaysCompact) {
  std::vector<Listing> listings;
  for (int i = 0; i < 20000; ++i) {
    listings.push_back(Make(Kind::kDomain, "host" + std::to_string(i) + ".evil.top"));
  }
  Index(std::move(listings));
  EXPECT_EQ(snapshot_->size(), 20000u);
  EXPECT_LE(snapshot_->MemoryBytes(), 64u * 20000u);
}

TEST(NamesTest, TrustAndVerdict) {
  EXPECT_EQ(TrustName(Trust::kMedium), "medium");
  EXPECT_EQ(ParseTrust("low"), Trust::kLow);
  EXPECT_EQ(ParseTrust("high"), Trust::kHigh);
  EXPECT_EQ(ParseTrust("HIGH"), std::nullopt);
  EXPECT_EQ(VerdictName(Verdict::kDangerous), "dangerous");
  EXPECT_EQ(VerdictName(Verdict::kTrusted), "trusted");
}

// A real Vietnamese feed indexed as domains: its hosts are dangerous, and legitimate bank,
// government and news sites stay clean.
TEST(SnapshotFeedTest, HostsVnSampleLeavesLegitimateSitesClean) {
  std::ifstream in(std::string(BINHYEN_SOURCE_DIR) +
                   "/tests/data/blocklists/hostsvn-threat-VN.txt");
  ASSERT_TRUE(in.is_open());
  SnapshotInput input = Input({});
  std::vector<std::string> hosts;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    // hosts lines ("0.0.0.0 host") or bare hosts.
    size_t space = line.rfind(' ');
    std::string host = space == std::string::npos ? line : line.substr(space + 1);
    hosts.push_back(host);
    input.listings.push_back(Make(Kind::kDomain, host, "phishing", kFeed));
  }
  ASSERT_GE(hosts.size(), 100u);
  BuildStats stats;
  std::shared_ptr<const Snapshot> s = Snapshot::Build(std::move(input), &stats);
  // Every host of the sample is a scam site of its own (tenants of weebly.com and
  // 000webhostapp.com included), none is a shared name, a bank or gov.vn.
  EXPECT_EQ(stats.listed, hosts.size());
  EXPECT_EQ(stats.invalid + stats.narrowed + stats.allowlisted, 0u);
  size_t suspicious = 0;
  for (const std::string& host : hosts) {
    CheckResult r = s->Check(Kind::kUrl, "http://" + host + "/dang-nhap");
    EXPECT_NE(r.verdict, Verdict::kDangerous) << host;  // a medium source
    if (r.verdict == Verdict::kSuspicious) ++suspicious;
  }
  EXPECT_EQ(suspicious, stats.listed);
  EXPECT_EQ(s->Check(Kind::kDomain, "banking24hsingapore.weebly.com").verdict,
            Verdict::kSuspicious);
  for (const char* url :
       {"https://vnexpress.net/", "https://tuoitre.vn/thoi-su.htm", "https://dantri.com.vn/",
        "https://www.weebly.com/", "https://shop.weebly.com/", "https://sites.google.com/view/x"}) {
    EXPECT_EQ(s->Check(Kind::kUrl, url).verdict, Verdict::kUnknown) << url;
  }
  for (const char* url : {"https://vietcombank.com.vn/", "https://www.techcombank.com.vn/",
                          "https://ebank.mbbank.com.vn/", "https://chinhphu.gov.vn/",
                          "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html"}) {
    EXPECT_EQ(s->Check(Kind::kUrl, url).verdict, Verdict::kTrusted) << url;
  }
}

}  // namespace
}  // namespace binhyen::index
