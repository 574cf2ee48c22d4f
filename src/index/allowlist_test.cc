#include "index/allowlist.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace binhyen::index {
namespace {

using P = Allowlist::Protection;

TEST(AllowlistTest, BuiltInHasEveryKindOfRule) {
  std::shared_ptr<const Allowlist> a = Allowlist::BuiltIn();
  EXPECT_GT(a->size(), 2500u);
  EXPECT_EQ(a->Protect("bit.ly"), P::kShortener);
  EXPECT_EQ(a->Protect("forms.gle"), P::kShortener);
  EXPECT_EQ(a->Protect("sites.google.com"), P::kShared);
  EXPECT_EQ(a->Protect("blogspot.com"), P::kShared);
  EXPECT_EQ(a->Protect("github.io"), P::kShared);
  EXPECT_EQ(a->Protect("weebly.com"), P::kShared);
  EXPECT_EQ(a->Protect("000webhostapp.com"), P::kShared);
  EXPECT_EQ(a->Protect("linktr.ee"), P::kShared);    // link-in-bio.json
  EXPECT_EQ(a->Protect("duckdns.org"), P::kShared);  // dynamic DNS
  EXPECT_EQ(a->Protect("vietcombank.com.vn"), P::kBank);
  EXPECT_EQ(a->Protect("techcombank.com.vn"), P::kBank);
  EXPECT_EQ(a->Protect("mbbank.com.vn"), P::kBank);
  EXPECT_EQ(a->Protect("hsbc.com.vn"), P::kBank);  // bank-website.json
  EXPECT_EQ(a->Protect("gov.vn"), P::kGovernment);
  EXPECT_EQ(a->Protect("chinhphu.gov.vn"), P::kGovernment);
  EXPECT_EQ(a->Protect("dichvucong.gov.vn"), P::kGovernment);
  EXPECT_EQ(a->Protect("vnexpress.net"), P::kNone);
  EXPECT_EQ(a->Protect("tuoitre.vn"), P::kNone);
}

TEST(AllowlistTest, BankAndGovernmentCoverSubdomainsSharedAndShortenersDoNot) {
  std::shared_ptr<const Allowlist> a = Allowlist::BuiltIn();
  EXPECT_EQ(a->Protect("vcbdigibank.vietcombank.com.vn"), P::kBank);
  EXPECT_EQ(a->Protect("a.b.bidv.com.vn"), P::kBank);
  EXPECT_EQ(a->Protect("scam.blogspot.com"), P::kNone);
  EXPECT_EQ(a->Protect("x.github.io"), P::kNone);
  EXPECT_EQ(a->Protect("x.bit.ly"), P::kNone);
  // Look-alikes are not protected.
  EXPECT_EQ(a->Protect("vietcombank.com.vn.evil.top"), P::kNone);
  EXPECT_EQ(a->Protect("xvietcombank.com.vn"), P::kNone);
  EXPECT_EQ(a->Protect("gov.vn.evil.top"), P::kNone);
  EXPECT_EQ(a->Protect("fakegov.vn"), P::kNone);
  EXPECT_EQ(a->Rule("vcbdigibank.vietcombank.com.vn"), P::kNone);
  EXPECT_EQ(a->Rule("vietcombank.com.vn"), P::kBank);
}

TEST(AllowlistTest, ParsesLinesCommentsAndDuplicates) {
  base::Result<std::shared_ptr<const Allowlist>> a = Allowlist::Parse(
      "# comment\n\nshortener s.example\nshared  host.example \r\nbank bank.example\n"
      "government gov.example\nbank bank.example\n");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a.value()->size(), 4u);
  EXPECT_EQ(a.value()->Protect("s.example"), P::kShortener);
  EXPECT_EQ(a.value()->Protect("host.example"), P::kShared);
  EXPECT_EQ(a.value()->Protect("www.bank.example"), P::kBank);
  EXPECT_EQ(a.value()->Protect("x.gov.example"), P::kGovernment);
  EXPECT_EQ(a.value()->Protect("other.example"), P::kNone);
  EXPECT_EQ(a.value()->Protect(""), P::kNone);
}

TEST(AllowlistTest, RejectsBadLinesWithTheirNumber) {
  auto message = [](std::string_view text) {
    base::Result<std::shared_ptr<const Allowlist>> a = Allowlist::Parse(text);
    return a.ok() ? std::string("ok") : a.status().message();
  };
  EXPECT_EQ(message("bank a.example\nbit.ly\n"), "line 2: expected \"<protection> <host>\"");
  EXPECT_EQ(message("trusted a.example"), "line 1: unknown protection \"trusted\"");
  EXPECT_EQ(message("bank A.example"), "line 1: bad host \"A.example\"");
  EXPECT_EQ(message("bank a..example"), "line 1: bad host \"a..example\"");
  EXPECT_EQ(message("bank .example"), "line 1: bad host \".example\"");
  EXPECT_EQ(message("bank a.example\nshared a.example"),
            "line 2: \"a.example\" already has another protection");
  EXPECT_EQ(message("bank a b"), "line 1: bad host \"a b\"");
  EXPECT_EQ(message("government vn"), "line 1: bad host \"vn\"");
}

TEST(AllowlistTest, ProtectionNames) {
  EXPECT_EQ(ProtectionName(P::kNone), "none");
  EXPECT_EQ(ProtectionName(P::kShortener), "shortener");
  EXPECT_EQ(ProtectionName(P::kShared), "shared");
  EXPECT_EQ(ProtectionName(P::kBank), "bank");
  EXPECT_EQ(ProtectionName(P::kGovernment), "government");
}

}  // namespace
}  // namespace binhyen::index
