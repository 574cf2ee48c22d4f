#include "http/cookie.h"

#include <gtest/gtest.h>

#include <string>

namespace binhyen::http {
namespace {

struct Case {
  std::string header;
  Params expected;
};

TEST(ParseCookieHeader, Table) {
  const Case cases[] = {
      {"", {}},
      {"sid=abc", {{"sid", "abc"}}},
      {"sid=abc; csrf=xyz", {{"sid", "abc"}, {"csrf", "xyz"}}},
      {"sid=abc;csrf=xyz", {{"sid", "abc"}, {"csrf", "xyz"}}},
      {"  sid = abc  ;\tcsrf=\txyz\t", {{"sid", "abc"}, {"csrf", "xyz"}}},
      {"sid=\"quoted value\"", {{"sid", "quoted value"}}},
      {"sid=\"\"", {{"sid", ""}}},
      {"sid=\"unterminated", {{"sid", "\"unterminated"}}},
      {"sid=\"", {{"sid", "\""}}},
      {"sid=a; sid=b", {{"sid", "a"}, {"sid", "b"}}},
      {"empty=", {{"empty", ""}}},
      {"a=b=c", {{"a", "b=c"}}},
      {"noequals; a=1", {{"a", "1"}}},
      {"=novalue; a=1", {{"a", "1"}}},
      {" = ; ;; a=1;", {{"a", "1"}}},
      {"theme=light; lang=vi-VN; sid=0a1b2c",
       {{"theme", "light"}, {"lang", "vi-VN"}, {"sid", "0a1b2c"}}},
      {"tên=giá trị", {{"tên", "giá trị"}}},  // not RFC, but kept as sent
      {std::string("a=1\0; b=2", 9), {{"a", std::string("1\0", 2)}, {"b", "2"}}},
  };
  for (const auto& c : cases) EXPECT_EQ(ParseCookieHeader(c.header), c.expected) << c.header;
}

TEST(IsCookieNameValue, Grammar) {
  EXPECT_TRUE(IsCookieName("binhyen_session"));
  EXPECT_TRUE(IsCookieName("__Host-sid"));
  EXPECT_FALSE(IsCookieName(""));
  EXPECT_FALSE(IsCookieName("a b"));
  EXPECT_FALSE(IsCookieName("a=b"));
  EXPECT_FALSE(IsCookieName("a;b"));
  EXPECT_FALSE(IsCookieName("tên"));
  EXPECT_TRUE(IsCookieValue(""));
  EXPECT_TRUE(IsCookieValue("AbC-123_~!#$%&'()*+./:<=>?@[]^`{|}"));
  EXPECT_FALSE(IsCookieValue("a b"));
  EXPECT_FALSE(IsCookieValue("a;b"));
  EXPECT_FALSE(IsCookieValue("a,b"));
  EXPECT_FALSE(IsCookieValue("a\"b"));
  EXPECT_FALSE(IsCookieValue("a\\b"));
  EXPECT_FALSE(IsCookieValue("a\x7f"));
  EXPECT_FALSE(IsCookieValue("\xc3\xa9"));
}

TEST(FormatSetCookie, Defaults) {
  SetCookie c;
  c.name = "sid";
  c.value = "abc123";
  EXPECT_EQ(FormatSetCookie(c), "sid=abc123; Path=/; HttpOnly; SameSite=Lax");
}

TEST(FormatSetCookie, AllAttributes) {
  SetCookie c{.name = "__Host-sid",
              .value = "tok",
              .path = "/admin",
              .max_age = std::chrono::seconds(3600),
              .http_only = true,
              .secure = true,
              .same_site = "Strict"};
  EXPECT_EQ(FormatSetCookie(c),
            "__Host-sid=tok; Path=/admin; Max-Age=3600; Secure; HttpOnly; SameSite=Strict");
}

TEST(FormatSetCookie, DeleteAndMinimal) {
  SetCookie deleted{.name = "sid", .value = "", .max_age = std::chrono::seconds(-5)};
  EXPECT_EQ(FormatSetCookie(deleted), "sid=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
  SetCookie minimal{
      .name = "theme", .value = "dark", .path = "", .http_only = false, .same_site = ""};
  EXPECT_EQ(FormatSetCookie(minimal), "theme=dark");
  SetCookie none{.name = "x", .value = "1", .secure = true, .same_site = "None"};
  EXPECT_EQ(FormatSetCookie(none), "x=1; Path=/; Secure; HttpOnly; SameSite=None");
}

TEST(FormatSetCookie, RoundTripsThroughParse) {
  SetCookie c{.name = "csrf", .value = "Zm9v-YmFy_"};
  std::string header = FormatSetCookie(c);
  // What a browser would send back is the first pair of Set-Cookie.
  auto parsed = ParseCookieHeader(header.substr(0, header.find(';')));
  ASSERT_EQ(parsed.size(), 1u);
  EXPECT_EQ(parsed[0].first, "csrf");
  EXPECT_EQ(parsed[0].second, "Zm9v-YmFy_");
}

TEST(FormatSetCookieDeathTest, RejectsOurOwnBadValues) {
  SetCookie bad_name{.name = "a b", .value = "1"};
  EXPECT_DEATH(FormatSetCookie(bad_name), "cookie name");
  SetCookie bad_value{.name = "a", .value = "x;y"};
  EXPECT_DEATH(FormatSetCookie(bad_value), "cookie value");
  SetCookie bad_path{.name = "a", .value = "1", .path = "/;Domain=evil"};
  EXPECT_DEATH(FormatSetCookie(bad_path), "path");
  SetCookie bad_site{.name = "a", .value = "1", .same_site = "lax"};
  EXPECT_DEATH(FormatSetCookie(bad_site), "SameSite");
  SetCookie insecure_none{.name = "a", .value = "1", .same_site = "None"};
  EXPECT_DEATH(FormatSetCookie(insecure_none), "Secure");
}

}  // namespace
}  // namespace binhyen::http
