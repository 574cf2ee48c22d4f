#include "indicator/domain.h"

#include <gtest/gtest.h>

#include <string>

namespace binhyen::indicator {
namespace {

struct Good {
  std::string_view input;
  std::string_view canonical;
  std::string_view registrable;
};

TEST(CanonicalizeDomainTest, CanonicalForms) {
  const Good kGood[] = {
      {"Vietcombank.COM.vn.", "vietcombank.com.vn", "vietcombank.com.vn"},
      {"  www.Example.com  ", "www.example.com", "example.com"},
      {"evil[.]top", "evil.top", "evil.top"},
      {"evil(.)top", "evil.top", "evil.top"},
      {"evil{.}top", "evil.top", "evil.top"},
      {"evil[dot]top", "evil.top", "evil.top"},
      {"evil(DOT)top", "evil.top", "evil.top"},
      {"evil dot top", "evil.top", "evil.top"},
      {"ehoaq. com", "ehoaq.com", "ehoaq.com"},
      {"a..b...example.org", "a.b.example.org", "example.org"},
      {"https://Login.Evil.top/path?x=1", "login.evil.top", "evil.top"},
      {"evil.top:8443", "evil.top", "evil.top"},
      {"a_b.example.com", "a_b.example.com", "example.com"},
      {"dichvucong.gov.vn", "dichvucong.gov.vn", "dichvucong.gov.vn"},
      {"shop.co.uk", "shop.co.uk", "shop.co.uk"},
      {"scam.blogspot.com", "scam.blogspot.com", "scam.blogspot.com"},
      {"blogspot.com", "blogspot.com", ""},
      {"com.vn", "com.vn", ""},
  };
  for (const Good& g : kGood) {
    auto r = CanonicalizeDomain(g.input);
    ASSERT_TRUE(r.ok()) << g.input << ": " << r.status().ToString();
    EXPECT_EQ(r->kind, Kind::kDomain);
    EXPECT_EQ(r->canonical, g.canonical) << g.input;
    EXPECT_EQ(r->Attribute("registrable_domain"), g.registrable) << g.input;
    EXPECT_EQ(r->Attribute("unicode"), "") << g.input;
  }
}

TEST(CanonicalizeDomainTest, IdnBecomesALabelsWithUnicodeAttribute) {
  auto r = CanonicalizeDomain("vietcombánk.vn");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->canonical, "xn--vietcombnk-z4a.vn");
  EXPECT_EQ(r->Attribute("unicode"), "vietcombánk.vn");
  auto upper = CanonicalizeDomain("VIETCOMBÁNK.VN");
  ASSERT_TRUE(upper.ok());
  EXPECT_EQ(upper->canonical, "xn--vietcombnk-z4a.vn");
  auto rf = CanonicalizeDomain("пример.рф");
  ASSERT_TRUE(rf.ok());
  EXPECT_EQ(rf->canonical, "xn--e1afmkfd.xn--p1ai");
  EXPECT_EQ(rf->Attribute("unicode"), "пример.рф");
  EXPECT_EQ(rf->Attribute("registrable_domain"), "xn--e1afmkfd.xn--p1ai");
  auto upper_alabel = CanonicalizeDomain("XN--VIETCOMBNK-Z4A.VN");
  ASSERT_TRUE(upper_alabel.ok());
  EXPECT_EQ(upper_alabel->canonical, "xn--vietcombnk-z4a.vn");
  EXPECT_EQ(upper_alabel->Attribute("unicode"), "vietcombánk.vn");
  auto alabel = CanonicalizeDomain("xn--bcher-kva.de");
  ASSERT_TRUE(alabel.ok());
  EXPECT_EQ(alabel->Attribute("unicode"), "bücher.de");
  // Non-transitional UTS-46: German sharp s is kept (not mapped to "ss").
  auto sharp = CanonicalizeDomain("faß.de");
  ASSERT_TRUE(sharp.ok());
  EXPECT_EQ(sharp->canonical, "xn--fa-hia.de");
  // Vietnamese with decomposed (NFD) input normalises to the same name.
  auto nfd = CanonicalizeDomain("vietcomba\xCC\x81nk.vn");
  ASSERT_TRUE(nfd.ok());
  EXPECT_EQ(nfd->canonical, "xn--vietcombnk-z4a.vn");
}

TEST(CanonicalizeDomainTest, Rejects) {
  struct Bad {
    std::string input;
    std::string_view message;
  };
  std::string long_name;
  for (int i = 0; i < 51; ++i) long_name += "abcd.";
  long_name += "com";
  const Bad kBad[] = {
      {"", "empty domain name"},
      {"   ", "empty domain name"},
      {"1.2.3.4", "an IP address is not a domain name (use kind ip)"},
      {"3232235777", "an IP address is not a domain name (use kind ip)"},
      {"[::1]", "an IP address is not a domain name (use kind ip)"},
      {"localhost", "single-label host name"},
      {"vn", "single-label host name"},
      {"example.invalidtld", "top-level domain 'invalidtld' is not in the public suffix list"},
      {"example.local", "top-level domain 'local' is not in the public suffix list"},
      {std::string(64, 'a') + ".com", "host label longer than 63 bytes"},
      {long_name, "host name longer than 253 bytes"},
      {"ex ample.com", "host name has invalid characters"},
      {"*.example.com", "host name has invalid characters"},
      {"ex!ample.com", "host name has invalid characters"},
      {"xn--abc.com", "host has an invalid punycode (xn--) label"},
      {"name@example.com", "domain name contains '@' (an email address?)"},
      {"javascript:alert(1)", "unsupported URL scheme 'javascript' (only http and https)"},
  };
  for (const Bad& b : kBad) {
    auto r = CanonicalizeDomain(b.input);
    ASSERT_FALSE(r.ok()) << b.input;
    EXPECT_EQ(r.status().code(), base::StatusCode::kInvalidArgument);
    EXPECT_EQ(r.status().message(), b.message) << b.input;
  }
}

TEST(RegistrableDomainTest, Examples) {
  EXPECT_EQ(RegistrableDomain("a.b.example.com.vn"), "example.com.vn");
  EXPECT_EQ(RegistrableDomain("www.vietcombank.com.vn"), "vietcombank.com.vn");
  EXPECT_EQ(RegistrableDomain("example.com"), "example.com");
  EXPECT_EQ(RegistrableDomain("x.y.github.io"), "y.github.io");
  EXPECT_EQ(RegistrableDomain("com.vn"), "");
  EXPECT_EQ(RegistrableDomain("192.168.1.1"), "");
  EXPECT_EQ(RegistrableDomain(""), "");
}

}  // namespace
}  // namespace binhyen::indicator
