#include "indicator/url.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace binhyen::indicator {
namespace {

using ::testing::ElementsAre;

std::string Fast(std::string_view input) {
  CanonicalUrl url;
  base::Status status = CanonicalizeUrlInto(input, &url);
  if (!status.ok()) return "ERROR: " + status.message();
  return url.Spec();
}

struct Case {
  std::string_view input;
  std::string_view expected;
};

// The canonicalisation table of developers.google.com/safe-browsing/v4/urls-hashing.
constexpr Case kSafeBrowsingCases[] = {
    {"http://host/%25%32%35", "http://host/%25"},
    {"http://host/%25%32%35%25%32%35", "http://host/%25%25"},
    {"http://host/%2525252525252525", "http://host/%25"},
    {"http://host/asdf%25%32%35asd", "http://host/asdf%25asd"},
    {"http://host/%%%25%32%35asd%%", "http://host/%25%25%25asd%25%25"},
    {"http://www.google.com/", "http://www.google.com/"},
    {"http://%31%36%38%2e%31%38%38%2e%39%39%2e%32%36/%2E%73%65%63%75%72%65/"
     "%77%77%77%2E%65%62%61%79%2E%63%6F%6D/",
     "http://168.188.99.26/.secure/www.ebay.com/"},
    {"http://195.127.0.11/uploads/%20%20%20%20/.verify/"
     ".eBaysecure=updateuserdataxplimnbqmn-xplmvalidateinfoswqpcmlx=hgplmcx/",
     "http://195.127.0.11/uploads/%20%20%20%20/.verify/"
     ".eBaysecure=updateuserdataxplimnbqmn-xplmvalidateinfoswqpcmlx=hgplmcx/"},
    {"http://host%23.com/"
     "%257Ea%2521b%2540c%2523d%2524e%25f%255E00%252611%252A22%252833%252944_55%252B",
     "http://host%23.com/~a!b@c%23d$e%25f^00&11*22(33)44_55+"},
    {"http://3279880203/blah", "http://195.127.0.11/blah"},
    {"http://www.google.com/blah/..", "http://www.google.com/"},
    {"www.google.com/", "http://www.google.com/"},
    {"www.google.com", "http://www.google.com/"},
    {"http://www.evil.com/blah#frag", "http://www.evil.com/blah"},
    {"http://www.GOOgle.com/", "http://www.google.com/"},
    {"http://www.google.com.../", "http://www.google.com/"},
    {"http://www.google.com/foo\tbar\rbaz\n2", "http://www.google.com/foobarbaz2"},
    {"http://www.google.com/q?", "http://www.google.com/q?"},
    {"http://www.google.com/q?r?", "http://www.google.com/q?r?"},
    {"http://www.google.com/q?r?s", "http://www.google.com/q?r?s"},
    {"http://evil.com/foo#bar#baz", "http://evil.com/foo"},
    {"http://evil.com/foo;", "http://evil.com/foo;"},
    {"http://evil.com/foo?bar;", "http://evil.com/foo?bar;"},
    {"http://\x01\x80.com/", "http://%01%80.com/"},
    {"http://notrailingslash.com", "http://notrailingslash.com/"},
    {"http://www.gotaport.com:1234/", "http://www.gotaport.com/"},
    {"  http://www.google.com/  ", "http://www.google.com/"},
    {"http:// leadingspace.com/", "http://%20leadingspace.com/"},
    {"http://%20leadingspace.com/", "http://%20leadingspace.com/"},
    {"%20leadingspace.com/", "http://%20leadingspace.com/"},
    {"https://www.securesite.com/", "https://www.securesite.com/"},
    {"http://host.com/ab%23cd", "http://host.com/ab%23cd"},
    {"http://host.com//twoslashes?more//slashes", "http://host.com/twoslashes?more//slashes"},
};

TEST(CanonicalizeUrlIntoTest, SafeBrowsingTable) {
  for (const Case& c : kSafeBrowsingCases) {
    EXPECT_EQ(Fast(c.input), c.expected) << "input: " << c.input;
  }
}

TEST(CanonicalizeUrlIntoTest, SafeBrowsingTableIsIdempotent) {
  for (const Case& c : kSafeBrowsingCases) {
    EXPECT_EQ(Fast(c.expected), c.expected) << "input: " << c.expected;
  }
}

TEST(CanonicalizeUrlTest, SafeBrowsingTableWithValidHosts) {
  // The indicator API gives the same string whenever the host is a real name or an IP; hosts
  // that no public suffix knows ("host") or that hold escaped bytes are rejected.
  for (const Case& c : kSafeBrowsingCases) {
    auto result = CanonicalizeUrl(c.input);
    std::string_view expected = c.expected;
    bool bad_host =
        expected.starts_with("http://host/") || expected.starts_with("http://host%23") ||
        expected.find("%20leading") != expected.npos || expected.starts_with("http://%01");
    if (bad_host) {
      EXPECT_FALSE(result.ok()) << "input: " << c.input;
    } else {
      ASSERT_TRUE(result.ok()) << "input: " << c.input << " " << result.status().ToString();
      EXPECT_EQ(result->canonical, expected);
    }
  }
}

std::vector<std::string> Expressions(std::string_view input) {
  CanonicalUrl url;
  EXPECT_TRUE(CanonicalizeUrlInto(input, &url).ok()) << input;
  return LookupExpressions(url);
}

TEST(LookupExpressionsTest, SafeBrowsingExamples) {
  EXPECT_THAT(Expressions("http://a.b.c/1/2.html?param=1"),
              ElementsAre("a.b.c/1/2.html?param=1", "a.b.c/1/2.html", "a.b.c/", "a.b.c/1/",
                          "b.c/1/2.html?param=1", "b.c/1/2.html", "b.c/", "b.c/1/"));
  EXPECT_THAT(
      Expressions("http://a.b.c.d.e.f.g/1.html"),
      ElementsAre("a.b.c.d.e.f.g/1.html", "a.b.c.d.e.f.g/", "c.d.e.f.g/1.html", "c.d.e.f.g/",
                  "d.e.f.g/1.html", "d.e.f.g/", "e.f.g/1.html", "e.f.g/", "f.g/1.html", "f.g/"));
  EXPECT_THAT(Expressions("http://1.2.3.4/1/"), ElementsAre("1.2.3.4/1/", "1.2.3.4/"));
}

TEST(LookupExpressionsTest, PathPrefixesStopAtThreeDirectories) {
  EXPECT_THAT(Expressions("http://x.com/a/b/c/d/e.html?q=1"),
              ElementsAre("x.com/a/b/c/d/e.html?q=1", "x.com/a/b/c/d/e.html", "x.com/", "x.com/a/",
                          "x.com/a/b/", "x.com/a/b/c/"));
}

TEST(LookupExpressionsTest, HostsAndEdgeCases) {
  EXPECT_THAT(Expressions("http://x.com/"), ElementsAre("x.com/"));
  EXPECT_THAT(Expressions("http://www.x.com"), ElementsAre("www.x.com/", "x.com/"));
  EXPECT_THAT(Expressions("http://x.com/q?"), ElementsAre("x.com/q?", "x.com/q", "x.com/"));
  EXPECT_THAT(Expressions("http://localhost/a"), ElementsAre("localhost/a", "localhost/"));
  EXPECT_THAT(Expressions("http://[::1]/a/"), ElementsAre("[::1]/a/", "[::1]/"));
  // Five labels: the exact host plus the three suffixes of 4, 3 and 2 labels.
  EXPECT_THAT(Expressions("http://a.b.c.d.e/"),
              ElementsAre("a.b.c.d.e/", "b.c.d.e/", "c.d.e/", "d.e/"));
}

TEST(LookupExpressionsTest, ListIsAllocationFreeViewIntoSpec) {
  CanonicalUrl url;
  ASSERT_TRUE(CanonicalizeUrlInto("https://m.vcb-xacminh.top/dang-nhap/otp?id=9", &url).ok());
  LookupExpressionList list;
  LookupExpressions(url, &list);
  ASSERT_EQ(list.size, 8u);
  for (std::string_view e : list) {
    EXPECT_GE(e.data(), url.Spec().data());
    EXPECT_LE(e.data() + e.size(), url.Spec().data() + url.Spec().size());
  }
  EXPECT_EQ(list.items[0], "m.vcb-xacminh.top/dang-nhap/otp?id=9");
  EXPECT_EQ(list.items[7], "vcb-xacminh.top/dang-nhap/");
}

TEST(CanonicalUrlTest, Parts) {
  CanonicalUrl url;
  ASSERT_TRUE(CanonicalizeUrlInto("HTTPS://Sub.Example.COM:8443/a/./b/../c?x=1&y=%41", &url).ok());
  EXPECT_EQ(url.Spec(), "https://sub.example.com/a/c?x=1&y=A");
  EXPECT_EQ(url.Scheme(), "https");
  EXPECT_EQ(url.Host(), "sub.example.com");
  EXPECT_EQ(url.Path(), "/a/c");
  EXPECT_TRUE(url.HasQuery());
  EXPECT_EQ(url.Query(), "x=1&y=A");
  EXPECT_EQ(url.PathAndQuery(), "/a/c?x=1&y=A");
  EXPECT_FALSE(url.HostIsIp());
  // The object is reusable: a second call replaces everything.
  ASSERT_TRUE(CanonicalizeUrlInto("10.0.0.1", &url).ok());
  EXPECT_EQ(url.Spec(), "http://10.0.0.1/");
  EXPECT_TRUE(url.HostIsIp());
  EXPECT_FALSE(url.HasQuery());
  EXPECT_EQ(url.Query(), "");
}

TEST(CanonicalUrlTest, ErrorLeavesNoUrl) {
  CanonicalUrl url;
  ASSERT_TRUE(CanonicalizeUrlInto("http://a.b.c/1/2.html", &url).ok());
  EXPECT_FALSE(CanonicalizeUrlInto("http://x.com:99999/a/b", &url).ok());
  EXPECT_EQ(url.Spec(), "");
  LookupExpressionList list;
  LookupExpressions(url, &list);
  EXPECT_EQ(list.size, 0u);
}

TEST(CanonicalizeUrlIntoTest, IpForms) {
  EXPECT_EQ(Fast("http://0300.0250.0.1/"), "http://192.168.0.1/");
  EXPECT_EQ(Fast("http://0xc0a80001/x"), "http://192.168.0.1/x");
  EXPECT_EQ(Fast("http://0XC0.0xA8.1.1/"), "http://192.168.1.1/");
  EXPECT_EQ(Fast("http://192.168.1/"), "http://192.168.0.1/");
  EXPECT_EQ(Fast("http://10.1/"), "http://10.0.0.1/");
  EXPECT_EQ(Fast("http://3232235777"), "http://192.168.1.1/");
  EXPECT_EQ(Fast("http://1.2.3.4.:80/"), "http://1.2.3.4/");
  // Not IPv4: out of range or five parts stay host names.
  EXPECT_EQ(Fast("http://256.1.1.1/"), "http://256.1.1.1/");
  EXPECT_EQ(Fast("http://1.2.3.4.5/"), "http://1.2.3.4.5/");
  EXPECT_EQ(Fast("http://08.1.1.1/"), "http://08.1.1.1/");
  EXPECT_EQ(Fast("http://[2001:DB8:0:0:0:0:0:1]:8080/x"), "http://[2001:db8::1]/x");
  EXPECT_EQ(Fast("http://[::ffff:192.168.1.1]/"), "http://[::ffff:192.168.1.1]/");
}

TEST(CanonicalizeUrlIntoTest, PathResolution) {
  EXPECT_EQ(Fast("http://x.com/a/b/.."), "http://x.com/a/");
  EXPECT_EQ(Fast("http://x.com/a/b/."), "http://x.com/a/b/");
  EXPECT_EQ(Fast("http://x.com/../../a"), "http://x.com/a");
  EXPECT_EQ(Fast("http://x.com/a/%2E%2E/b"), "http://x.com/b");
  EXPECT_EQ(Fast("http://x.com///a////b//"), "http://x.com/a/b/");
  EXPECT_EQ(Fast("http://x.com/a..b/.c"), "http://x.com/a..b/.c");
  EXPECT_EQ(Fast("http://x.com?q=/../"), "http://x.com/?q=/../");
  EXPECT_EQ(Fast("http://x.com/%0a%09"), "http://x.com/%0A%09");
  EXPECT_EQ(Fast("http://x.com/a b\x7f"), "http://x.com/a%20b%7F");
}

TEST(CanonicalizeUrlIntoTest, VietnameseAndIdn) {
  EXPECT_EQ(Fast("http://vietcombánk.vn"), "http://xn--vietcombnk-z4a.vn/");
  EXPECT_EQ(Fast("http://VIETCOMBÁNK.VN/"), "http://xn--vietcombnk-z4a.vn/");
  EXPECT_EQ(Fast("http://vietcomb%C3%A1nk.vn/"), "http://xn--vietcombnk-z4a.vn/");
  EXPECT_EQ(Fast("http://www.bücher.de/"), "http://www.xn--bcher-kva.de/");
  EXPECT_EQ(Fast("http://пример.рф/"), "http://xn--e1afmkfd.xn--p1ai/");
  EXPECT_EQ(Fast("http://xn--vietcombnk-z4a.vn/"), "http://xn--vietcombnk-z4a.vn/");
  // Full-width letters and the ideographic full stop map under UTS-46.
  EXPECT_EQ(Fast("http://ＶＩＥＴ。com/"), "http://viet.com/");
  // UTS-46 maps these to characters that are not allowed in a host (' ', '/'): the bytes stay
  // escaped instead, so canonicalising the output again changes nothing (fuzzer regressions).
  EXPECT_EQ(Fast("\xC2\xA0.Nn"), "http://%C2%A0.nn/");
  EXPECT_EQ(Fast("http://%C2%A0.nn/"), "http://%C2%A0.nn/");
  EXPECT_EQ(Fast("http://a\xEF\xBC\x8F"
                 "b.com/"),
            "http://a%EF%BC%8Fb.com/");
  EXPECT_EQ(Fast("https://vcb.vn/đăng-nhập?tài=khoản"),
            "https://vcb.vn/%C4%91%C4%83ng-nh%E1%BA%ADp?t%C3%A0i=kho%E1%BA%A3n");
}

TEST(CanonicalizeUrlIntoTest, Defanged) {
  EXPECT_EQ(Fast("hxxp://evil[.]top/login"), "http://evil.top/login");
  EXPECT_EQ(Fast("hxxps://evil[.]top/"), "https://evil.top/");
  EXPECT_EQ(Fast("HXXPS://EVIL[.]TOP/"), "https://evil.top/");
  EXPECT_EQ(Fast("h**p://vcb(.)com{.}vn"), "http://vcb.com.vn/");
  EXPECT_EQ(Fast("h**ps://vcb[dot]com(dot)vn/x"), "https://vcb.com.vn/x");
  EXPECT_EQ(Fast("http[:]//evil[.]top"), "http://evil.top/");
  EXPECT_EQ(Fast("hxxp[:]//1[.]2[.]3[.]4[:]8080/a"), "http://1.2.3.4/a");
  EXPECT_EQ(Fast("evil dot top/path"), "http://evil.top/path");
  EXPECT_EQ(Fast("ehoaq. com"), "http://ehoaq.com/");
  EXPECT_EQ(Fast("shopee-vn . com / sale"), "http://shopee-vn.com/%20sale");
  EXPECT_EQ(Fast("evil[[.]]top"), "http://evil.top/");
  // Collapsing dots can form a new defanged dot; refanging repeats (fuzzer regression).
  EXPECT_EQ(Fast("a[..]b.com"), "http://a.b.com/");
  EXPECT_EQ(Fast("192[192[.])68[.]1*[..])68[.]1*[.]1"), "http://192[192.)68.1*.)68.1*.1/");
  // Defanged forms in the path are content, not obfuscation.
  EXPECT_EQ(Fast("http://x.com/a[.]b"), "http://x.com/a[.]b");
}

TEST(CanonicalizeUrlIntoTest, UserinfoPortAndScheme) {
  EXPECT_EQ(Fast("http://vietcombank.com.vn@evil.top/"), "http://evil.top/");
  EXPECT_EQ(Fast("http://user:pass@evil.top:8080/x"), "http://evil.top/x");
  EXPECT_EQ(Fast("http://a@b@evil.top/"), "http://evil.top/");
  EXPECT_EQ(Fast("http://x.com:/a"), "http://x.com/a");
  EXPECT_EQ(Fast("http:///x.com/a"), "http://x.com/a");
  EXPECT_EQ(Fast("x.com:8080/a"), "http://x.com/a");
  EXPECT_EQ(Fast("HTTPS://X.COM"), "https://x.com/");
  EXPECT_EQ(Fast("http:/x.com/a"), "http://x.com/a");
  EXPECT_EQ(Fast("//x.com/a"), "http://x.com/a");
  EXPECT_EQ(Fast("http%3A%2F%2Fx.com%2Fa"), "http://x.com/a");
}

TEST(CanonicalizeUrlIntoTest, Errors) {
  EXPECT_EQ(Fast(""), "ERROR: empty URL");
  EXPECT_EQ(Fast("   \t "), "ERROR: empty URL");
  EXPECT_EQ(Fast("#frag"), "ERROR: empty URL");
  EXPECT_EQ(Fast("javascript:alert(1)"),
            "ERROR: unsupported URL scheme 'javascript' (only http and https)");
  EXPECT_EQ(Fast("data:text/html;base64,PHNjcmlwdD4="),
            "ERROR: unsupported URL scheme 'data' (only http and https)");
  EXPECT_EQ(Fast("file:///etc/passwd"),
            "ERROR: unsupported URL scheme 'file' (only http and https)");
  EXPECT_EQ(Fast("ftp://x.com/"), "ERROR: unsupported URL scheme 'ftp' (only http and https)");
  EXPECT_EQ(Fast("mailto:a@b.com"), "ERROR: unsupported URL scheme 'mailto' (only http and https)");
  EXPECT_EQ(Fast("http://"), "ERROR: URL has no host");
  EXPECT_EQ(Fast("http://?q=1"), "ERROR: URL has no host");
  EXPECT_EQ(Fast("http://.../"), "ERROR: URL has no host");
  EXPECT_EQ(Fast("http://user@/"), "ERROR: URL has no host");
  EXPECT_EQ(Fast("http://x.com:99999/"), "ERROR: bad port in URL (above 65535)");
  EXPECT_EQ(Fast("http://x.com:8o/"), "ERROR: bad port in URL");
  EXPECT_EQ(Fast("http://x.com:123456/"), "ERROR: bad port in URL");
  EXPECT_EQ(Fast("http://[::1/"), "ERROR: unterminated IPv6 address in URL");
  EXPECT_EQ(Fast("http://[::g]/"), "ERROR: invalid IPv6 address in URL");
  EXPECT_EQ(Fast("http://[::1]x/"), "ERROR: bad port in URL");
  EXPECT_EQ(Fast(std::string(70000, 'a')), "ERROR: URL longer than 64 KiB");
}

TEST(CanonicalizeUrlTest, AttributesForNames) {
  auto r = CanonicalizeUrl("hxxps://Dang-Nhap.Vietcombank-Xacminh[.]com.vn/otp");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->kind, Kind::kUrl);
  EXPECT_EQ(r->canonical, "https://dang-nhap.vietcombank-xacminh.com.vn/otp");
  EXPECT_EQ(r->Attribute("host"), "dang-nhap.vietcombank-xacminh.com.vn");
  EXPECT_EQ(r->Attribute("registrable_domain"), "vietcombank-xacminh.com.vn");
  EXPECT_EQ(r->Attribute("scheme"), "https");
}

TEST(CanonicalizeUrlTest, AttributesForIps) {
  auto r = CanonicalizeUrl("http://3232235777:8080/admin");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->canonical, "http://192.168.1.1/admin");
  EXPECT_EQ(r->Attribute("host"), "192.168.1.1");
  EXPECT_EQ(r->Attribute("registrable_domain"), "");
  EXPECT_EQ(r->Attribute("scheme"), "http");
  auto v6 = CanonicalizeUrl("http://[2001:0db8::0001]/");
  ASSERT_TRUE(v6.ok());
  EXPECT_EQ(v6->canonical, "http://[2001:db8::1]/");
  EXPECT_EQ(v6->Attribute("host"), "2001:db8::1");
}

TEST(CanonicalizeUrlTest, IdnAndPublicSuffixes) {
  auto r = CanonicalizeUrl("http://vietcombánk.vn");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->canonical, "http://xn--vietcombnk-z4a.vn/");
  EXPECT_EQ(r->Attribute("registrable_domain"), "xn--vietcombnk-z4a.vn");
  auto blog = CanonicalizeUrl("https://scam.blogspot.com/p/1.html");
  ASSERT_TRUE(blog.ok());
  EXPECT_EQ(blog->Attribute("registrable_domain"), "scam.blogspot.com");
  auto gov = CanonicalizeUrl("http://dichvucong.gov.vn/");
  ASSERT_TRUE(gov.ok());
  EXPECT_EQ(gov->Attribute("registrable_domain"), "dichvucong.gov.vn");
}

TEST(CanonicalizeUrlTest, RejectsInvalidHosts) {
  struct Bad {
    std::string input;
    std::string_view message;
  };
  const Bad kBad[] = {
      {"http://localhost/", "single-label host name"},
      {"http://a.b.c/", "top-level domain 'c' is not in the public suffix list"},
      {"http://evil.invalidtld/", "top-level domain 'invalidtld' is not in the public suffix list"},
      {"http://1.2.3.4.5/", "numeric top-level domain"},
      {"http://ev!l.com/", "host name has invalid characters"},
      {"http://xn--abc.com/", "host has an invalid punycode (xn--) label"},
      {"http://" + std::string(64, 'a') + ".com/", "host label longer than 63 bytes"},
      {"javascript:alert(1)", "unsupported URL scheme 'javascript' (only http and https)"},
  };
  for (const Bad& b : kBad) {
    auto r = CanonicalizeUrl(b.input);
    ASSERT_FALSE(r.ok()) << b.input;
    EXPECT_EQ(r.status().code(), base::StatusCode::kInvalidArgument);
    EXPECT_EQ(r.status().message(), b.message) << b.input;
  }
  std::string long_host;
  for (int i = 0; i < 51; ++i) long_host += "abcd.";
  long_host += "com";
  EXPECT_EQ(CanonicalizeUrl("http://" + long_host + "/").status().message(),
            "host name longer than 253 bytes");
}

}  // namespace
}  // namespace binhyen::indicator
