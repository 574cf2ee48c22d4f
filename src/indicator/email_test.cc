#include "indicator/email.h"

#include <gtest/gtest.h>

#include <string>

namespace binhyen::indicator {
namespace {

struct Good {
  std::string_view input;
  std::string_view canonical;
  std::string_view domain;
  std::string_view registrable;
};

TEST(CanonicalizeEmailTest, CanonicalForms) {
  const Good kGood[] = {
      {"Nguyen.Van.A@Gmail.com", "nguyen.van.a@gmail.com", "gmail.com", "gmail.com"},
      {"  hotro@vietcombank.com.vn ", "hotro@vietcombank.com.vn", "vietcombank.com.vn",
       "vietcombank.com.vn"},
      {"name[at]gmail[.]com", "name@gmail.com", "gmail.com", "gmail.com"},
      {"name(at)gmail(dot)com", "name@gmail.com", "gmail.com", "gmail.com"},
      {"name (at) gmail (dot) com", "name@gmail.com", "gmail.com", "gmail.com"},
      {"name{at}gmail{.}com", "name@gmail.com", "gmail.com", "gmail.com"},
      {"name[@]gmail.com", "name@gmail.com", "gmail.com", "gmail.com"},
      {"Name [AT] Gmail [DOT] Com", "name@gmail.com", "gmail.com", "gmail.com"},
      {"name at gmail dot com", "name@gmail.com", "gmail.com", "gmail.com"},
      {"mailto:Foo.Bar+promo@Example.COM?subject=hi", "foo.bar+promo@example.com", "example.com",
       "example.com"},
      {"MAILTO:cskh@evil.top", "cskh@evil.top", "evil.top", "evil.top"},
      {"support@mail.vcb-xacminh.com.vn", "support@mail.vcb-xacminh.com.vn",
       "mail.vcb-xacminh.com.vn", "vcb-xacminh.com.vn"},
      {"o'brien!#$%&*=?^_`{|}~-x@example.org", "o'brien!#$%&*=?^_`{|}~-x@example.org",
       "example.org", "example.org"},
      {"hotro@vietcombánk.vn", "hotro@xn--vietcombnk-z4a.vn", "xn--vietcombnk-z4a.vn",
       "xn--vietcombnk-z4a.vn"},
      // UTF-8 local parts (RFC 6531) are kept; only ASCII letters are lower-cased.
      {"Lừa.Đảo@Example.vn", "lừa.Đảo@example.vn", "example.vn", "example.vn"},
      {"a@example.com.", "a@example.com", "example.com", "example.com"},
  };
  for (const Good& g : kGood) {
    auto r = CanonicalizeEmail(g.input);
    ASSERT_TRUE(r.ok()) << g.input << ": " << r.status().ToString();
    EXPECT_EQ(r->kind, Kind::kEmail);
    EXPECT_EQ(r->canonical, g.canonical) << g.input;
    EXPECT_EQ(r->Attribute("domain"), g.domain) << g.input;
    EXPECT_EQ(r->Attribute("registrable_domain"), g.registrable) << g.input;
  }
}

TEST(CanonicalizeEmailTest, Rejects) {
  struct Bad {
    std::string input;
    std::string_view message;
  };
  const Bad kBad[] = {
      {"", "empty email address"},
      {"mailto:", "empty email address"},
      {"gmail.com", "email address has no '@'"},
      {"@gmail.com", "email address has an empty local part"},
      {"name@", "email address has an empty domain"},
      {std::string(65, 'a') + "@gmail.com", "email local part over 64 bytes"},
      {"\"john doe\"@gmail.com", "quoted email local parts are not supported"},
      {".a@gmail.com", "email local part has a misplaced '.'"},
      {"a.@gmail.com", "email local part has a misplaced '.'"},
      {"a..b@gmail.com", "email local part has a misplaced '.'"},
      {"a b@gmail.com", "email local part has invalid characters"},
      {"a(b)@gmail.com", "email local part has invalid characters"},
      {"a@1.2.3.4", "email domain: an IP address is not a domain name (use kind ip)"},
      {"a@[1.2.3.4]", "email domain has invalid characters"},
      {"a@localhost", "email domain: single-label host name"},
      {"a@example.invalidtld",
       "email domain: top-level domain 'invalidtld' is not in the public suffix list"},
      {"a@gmail.com/x", "email domain has invalid characters"},
      {"a@gmail.com:25", "email domain has invalid characters"},
  };
  for (const Bad& b : kBad) {
    auto r = CanonicalizeEmail(b.input);
    ASSERT_FALSE(r.ok()) << b.input;
    EXPECT_EQ(r.status().code(), base::StatusCode::kInvalidArgument);
    EXPECT_EQ(r.status().message(), b.message) << b.input;
  }
}

}  // namespace
}  // namespace binhyen::indicator
