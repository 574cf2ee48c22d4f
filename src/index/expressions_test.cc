#include "index/expressions.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace binhyen::index {
namespace {

using indicator::Kind;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

Listing Make(Kind kind, std::string canonical, bool override_allowlist = false) {
  Listing l;
  l.kind = kind;
  l.canonical = std::move(canonical);
  l.category = "phishing";
  l.override_allowlist = override_allowlist;
  return l;
}

ListedKey Url(std::string e) { return {KeyList::kUrls, std::move(e)}; }

class ListingKeysTest : public ::testing::Test {
 protected:
  std::vector<ListedKey> Keys(const Listing& l) {
    return ListingKeys(l, *Allowlist::BuiltIn(), &stats_);
  }
  BuildStats stats_;
};

TEST_F(ListingKeysTest, DomainIsHostLevelExpression) {
  EXPECT_THAT(Keys(Make(Kind::kDomain, "evil.top")), ElementsAre(Url("evil.top/")));
  EXPECT_THAT(Keys(Make(Kind::kDomain, "scam.blogspot.com")),
              ElementsAre(Url("scam.blogspot.com/")));
  EXPECT_EQ(stats_.listed, 2u);
}

TEST_F(ListingKeysTest, UrlIsHostPathAndQuery) {
  EXPECT_THAT(Keys(Make(Kind::kUrl, "http://evil.top/login")), ElementsAre(Url("evil.top/login")));
  EXPECT_THAT(Keys(Make(Kind::kUrl, "https://evil.top/a/b/")), ElementsAre(Url("evil.top/a/b/")));
  EXPECT_THAT(Keys(Make(Kind::kUrl, "http://evil.top/pay?id=1")),
              ElementsAre(Url("evil.top/pay?id=1")));
  EXPECT_THAT(Keys(Make(Kind::kUrl, "http://evil.top/")), ElementsAre(Url("evil.top/")));
  EXPECT_THAT(Keys(Make(Kind::kUrl, "http://sites.google.com/view/scam/")),
              ElementsAre(Url("sites.google.com/view/scam/")));
  EXPECT_THAT(Keys(Make(Kind::kUrl, "https://bit.ly/abc")), ElementsAre(Url("bit.ly/abc")));
  EXPECT_EQ(stats_.listed, 6u);
}

TEST_F(ListingKeysTest, SharedAndShortenerNamesAreNarrowed) {
  EXPECT_THAT(Keys(Make(Kind::kDomain, "blogspot.com")), IsEmpty());
  EXPECT_THAT(Keys(Make(Kind::kDomain, "sites.google.com")), IsEmpty());
  EXPECT_THAT(Keys(Make(Kind::kUrl, "http://sites.google.com/")), IsEmpty());
  EXPECT_THAT(Keys(Make(Kind::kDomain, "bit.ly")), IsEmpty());
  EXPECT_THAT(Keys(Make(Kind::kUrl, "https://bit.ly/")), IsEmpty());
  EXPECT_EQ(stats_.narrowed, 5u);
  EXPECT_EQ(stats_.listed, 0u);
}

TEST_F(ListingKeysTest, ProtectedHostsNeedAnOverride) {
  EXPECT_THAT(Keys(Make(Kind::kDomain, "vietcombank.com.vn")), IsEmpty());
  EXPECT_THAT(Keys(Make(Kind::kUrl, "https://ebank.bidv.com.vn/login")), IsEmpty());
  EXPECT_THAT(Keys(Make(Kind::kDomain, "dichvucong.gov.vn")), IsEmpty());
  EXPECT_EQ(stats_.allowlisted, 3u);
  EXPECT_THAT(Keys(Make(Kind::kUrl, "https://hacked.gov.vn/x/", true)),
              ElementsAre(Url("hacked.gov.vn/x/")));
  EXPECT_EQ(stats_.listed, 1u);
}

TEST_F(ListingKeysTest, OtherKinds) {
  EXPECT_THAT(Keys(Make(Kind::kPhone, "+84912345678")),
              ElementsAre(ListedKey{KeyList::kPhones, "+84912345678"}));
  EXPECT_THAT(Keys(Make(Kind::kBankAccount, "970436:0071000986547")),
              ElementsAre(ListedKey{KeyList::kAccounts, "970436:0071000986547"},
                          ListedKey{KeyList::kAccounts, "0071000986547"}));
  EXPECT_THAT(Keys(Make(Kind::kBankAccount, "0071000986547")),
              ElementsAre(ListedKey{KeyList::kAccounts, "0071000986547"}));
  EXPECT_THAT(Keys(Make(Kind::kEmail, "a@evil.top")),
              ElementsAre(ListedKey{KeyList::kEmails, "a@evil.top"}));
  EXPECT_THAT(Keys(Make(Kind::kSocial, "facebook:nguyenvana")),
              ElementsAre(ListedKey{KeyList::kSocials, "facebook:nguyenvana"}));
  EXPECT_THAT(Keys(Make(Kind::kIp, "1.2.3.4")),
              ElementsAre(ListedKey{KeyList::kIps, "1.2.3.4"}, Url("1.2.3.4/")));
  EXPECT_THAT(Keys(Make(Kind::kIp, "2001:db8::1")),
              ElementsAre(ListedKey{KeyList::kIps, "2001:db8::1"}, Url("[2001:db8::1]/")));
  EXPECT_EQ(stats_.listed, 7u);
}

TEST_F(ListingKeysTest, InvalidCanonicalForms) {
  for (const Listing& l :
       {Make(Kind::kDomain, "com.vn"), Make(Kind::kDomain, "evil.top/x"),
        Make(Kind::kDomain, "EVIL.top"), Make(Kind::kDomain, ""), Make(Kind::kUrl, ""),
        Make(Kind::kUrl, "javascript:alert(1)"), Make(Kind::kPhone, "0912345678"),
        Make(Kind::kPhone, "+84"), Make(Kind::kBankAccount, "12345"),
        Make(Kind::kBankAccount, "97043:0071000986547"),
        Make(Kind::kBankAccount, "970436:00710009865470000000"), Make(Kind::kEmail, "a@"),
        Make(Kind::kEmail, "a b@x.vn"), Make(Kind::kSocial, "nguyenvana"), Make(Kind::kIp, "1.2.3"),
        Make(Kind::kIp, "01.2.3.4")}) {
    EXPECT_THAT(Keys(l), IsEmpty()) << l.canonical;
  }
  EXPECT_EQ(stats_.invalid, 16u);
  EXPECT_EQ(stats_.listed, 0u);
}

std::vector<std::string> Probes(std::string_view url) {
  std::vector<std::string> out;
  for (const ListedKey& k : ProbeKeys(Kind::kUrl, url, *Allowlist::BuiltIn())) {
    EXPECT_EQ(k.list, KeyList::kUrls);
    out.push_back(k.expression);
  }
  return out;
}

TEST(ProbeKeysTest, OrdinaryUrlIsSafeBrowsing) {
  EXPECT_THAT(
      Probes("http://a.evil.top/x/y.html?q=1"),
      ElementsAre("a.evil.top/x/y.html?q=1", "a.evil.top/x/y.html", "a.evil.top/", "a.evil.top/x/",
                  "evil.top/x/y.html?q=1", "evil.top/x/y.html", "evil.top/", "evil.top/x/"));
}

TEST(ProbeKeysTest, SharedHostNeverProbesItsOwnHostLevel) {
  EXPECT_THAT(Probes("https://sites.google.com/view/scam/page"),
              ElementsAre("sites.google.com/view/scam/page", "sites.google.com/view/",
                          "sites.google.com/view/scam/", "google.com/view/scam/page", "google.com/",
                          "google.com/view/", "google.com/view/scam/"));
  EXPECT_THAT(Probes("http://scam.blogspot.com/p.html"),
              ElementsAre("scam.blogspot.com/p.html", "scam.blogspot.com/", "blogspot.com/p.html"));
}

TEST(ProbeKeysTest, ShortenerProbesTheExactUrlOnly) {
  EXPECT_THAT(Probes("https://bit.ly/abc"), ElementsAre("bit.ly/abc"));
  EXPECT_THAT(Probes("https://bit.ly/abc/d?x=1"), ElementsAre("bit.ly/abc/d?x=1", "bit.ly/abc/d"));
}

TEST(ProbeKeysTest, OtherKinds) {
  const Allowlist& a = *Allowlist::BuiltIn();
  EXPECT_THAT(ProbeKeys(Kind::kDomain, "evil.top", a), ElementsAre(Url("evil.top/")));
  EXPECT_THAT(ProbeKeys(Kind::kBankAccount, "970436:0071000986547", a),
              ElementsAre(ListedKey{KeyList::kAccounts, "970436:0071000986547"},
                          ListedKey{KeyList::kAccounts, "0071000986547"}));
  EXPECT_THAT(ProbeKeys(Kind::kBankAccount, "0071000986547", a),
              ElementsAre(ListedKey{KeyList::kAccounts, "0071000986547"}));
  EXPECT_THAT(ProbeKeys(Kind::kPhone, "+84912345678", a),
              ElementsAre(ListedKey{KeyList::kPhones, "+84912345678"}));
  EXPECT_THAT(ProbeKeys(Kind::kIp, "1.2.3.4", a), ElementsAre(ListedKey{KeyList::kIps, "1.2.3.4"}));
  EXPECT_THAT(ProbeKeys(Kind::kUrl, "", a), IsEmpty());
  EXPECT_EQ(KeyListName(KeyList::kUrls), "urls");
  EXPECT_EQ(KeyListName(KeyList::kAccounts), "accounts");
}

}  // namespace
}  // namespace binhyen::index
