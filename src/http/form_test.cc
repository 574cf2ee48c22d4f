#include "http/form.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace binhyen::http {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

struct GoodCase {
  std::string input;
  Params expected;
};

TEST(ParseUrlEncoded, GoodInputs) {
  const GoodCase cases[] = {
      {"", {}},
      {"a=1", {{"a", "1"}}},
      {"a=1&b=2", {{"a", "1"}, {"b", "2"}}},
      {"a=1&&b=2&", {{"a", "1"}, {"b", "2"}}},
      {"&&&", {}},
      {"flag", {{"flag", ""}}},
      {"flag&x=", {{"flag", ""}, {"x", ""}}},
      {"=v", {{"", "v"}}},
      {"a=b=c", {{"a", "b=c"}}},
      {"q=l%E1%BB%ABa+%C4%91%E1%BA%A3o", {{"q", "lừa đảo"}}},
      {"a+b=c+d", {{"a b", "c d"}}},
      {"plus=%2B", {{"plus", "+"}}},
      {"pct=%25", {{"pct", "%"}}},
      {"hex=%c3%A9", {{"hex", "é"}}},
      {"a=1&a=2", {{"a", "1"}, {"a", "2"}}},
      {"nul=%00", {{"nul", std::string(1, '\0')}}},
      {"raw=l\xe1\xbb\xab"
       "a",
       {{"raw", "lừa"}}},
      {"amp=%26&eq=%3D", {{"amp", "&"}, {"eq", "="}}},
  };
  for (const auto& c : cases) {
    auto result = ParseUrlEncoded(c.input);
    ASSERT_TRUE(result.ok()) << c.input << ": " << result.status().ToString();
    EXPECT_EQ(*result, c.expected) << c.input;
  }
}

struct BadCase {
  std::string input;
  std::string message;
};

TEST(ParseUrlEncoded, HostileInputs) {
  const BadCase cases[] = {
      {"a=%", "form: malformed percent-escape at byte 2"},
      {"a=%4", "form: malformed percent-escape at byte 2"},
      {"abc=1&d=%zz", "form: malformed percent-escape at byte 8"},
      {"x%g1=1", "form: malformed percent-escape at byte 1"},
      {"a=1&b%", "form: malformed percent-escape at byte 5"},
      {"a=%%41", "form: malformed percent-escape at byte 2"},
      {"hex=%aF%Af", "form: not valid UTF-8 after decoding"},
      {"a=%C0%AF", "form: not valid UTF-8 after decoding"},        // overlong '/'
      {"a=%E0%80%AF", "form: not valid UTF-8 after decoding"},     // overlong '/'
      {"a=%ED%A0%80", "form: not valid UTF-8 after decoding"},     // surrogate U+D800
      {"a=%F4%90%80%80", "form: not valid UTF-8 after decoding"},  // > U+10FFFF
      {"a=%E1%BB", "form: not valid UTF-8 after decoding"},        // truncated
      {"%FF=1", "form: not valid UTF-8 after decoding"},
      {"a=\xff", "form: not valid UTF-8 after decoding"},
  };
  for (const auto& c : cases) {
    auto result = ParseUrlEncoded(c.input);
    ASSERT_FALSE(result.ok()) << c.input;
    EXPECT_EQ(result.status().code(), base::StatusCode::kInvalidArgument) << c.input;
    EXPECT_EQ(result.status().message(), c.message) << c.input;
  }
}

TEST(ParseUrlEncoded, ParameterLimit) {
  std::string ten_thousand;
  for (int i = 0; i < 10'000; ++i) {
    ten_thousand.append("p").append(std::to_string(i)).append("=v&");
  }
  auto over = ParseUrlEncoded(ten_thousand);
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.status().message(), "form: more than 1000 parameters");

  auto all = ParseUrlEncoded(ten_thousand, 10'000);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 10'000u);
  EXPECT_EQ(all->back(), (std::pair<std::string, std::string>("p9999", "v")));

  EXPECT_TRUE(ParseUrlEncoded("a&b", 2).ok());
  EXPECT_EQ(ParseUrlEncoded("a&b&c", 2).status().message(), "form: more than 2 parameters");
  // Empty pairs do not count.
  EXPECT_TRUE(ParseUrlEncoded("a&&&&b&&", 2).ok());
}

TEST(FindParam, FirstMatchExact) {
  auto params = ParseUrlEncoded("a=1&b=2&a=3&A=4").value();
  EXPECT_EQ(FindParam(params, "a"), "1");
  EXPECT_EQ(FindParam(params, "A"), "4");
  EXPECT_EQ(FindParam(params, "b"), "2");
  EXPECT_EQ(FindParam(params, "c"), std::nullopt);
  EXPECT_EQ(FindParam({{"empty", ""}}, "empty"), "");
}

TEST(UrlEncode, KnownOutputs) {
  EXPECT_EQ(UrlEncode(""), "");
  EXPECT_EQ(UrlEncode("abcXYZ019*-._"), "abcXYZ019*-._");
  EXPECT_EQ(UrlEncode("a b"), "a+b");
  EXPECT_EQ(UrlEncode("a+b&c=d/e?f%"), "a%2Bb%26c%3Dd%2Fe%3Ff%25");
  EXPECT_EQ(UrlEncode("lừa"), "l%E1%BB%ABa");
  EXPECT_EQ(UrlEncode(std::string(1, '\0')), "%00");
  EXPECT_EQ(UrlEncode("~"), "%7E");
}

TEST(UrlEncode, RoundTripsThroughParse) {
  const std::string values[] = {"",
                                "x",
                                "a b+c",
                                "0912 345 678",
                                "https://vcb.vn-login.top/?a=b&c",
                                "Nguyễn Văn Ả",
                                std::string("nul\0byte", 8),
                                "100% = &"};
  for (const auto& v : values) {
    auto parsed = ParseUrlEncoded(UrlEncode(v) + "=" + UrlEncode(v));
    ASSERT_TRUE(parsed.ok()) << v;
    if (v.empty()) {
      // "=" is a pair with an empty name and value.
      EXPECT_THAT(*parsed, ElementsAre(Pair("", "")));
    } else {
      EXPECT_THAT(*parsed, ElementsAre(Pair(v, v))) << v;
    }
  }
}

TEST(PercentDecode, KeepsPlusAndDecodes) {
  EXPECT_EQ(PercentDecode("a+b%20c").value(), "a+b c");
  EXPECT_EQ(PercentDecode("").value(), "");
  EXPECT_EQ(PercentDecode("%2F%2f").value(), "//");
  EXPECT_EQ(PercentDecode("%FF%00").value(), std::string("\xff\0", 2));  // no UTF-8 check
  EXPECT_EQ(PercentDecode("ab%").status().message(), "form: malformed percent-escape at byte 2");
  EXPECT_EQ(PercentDecode("%1").status().message(), "form: malformed percent-escape at byte 0");
  EXPECT_EQ(PercentDecode("x%zz").status().message(), "form: malformed percent-escape at byte 1");
  EXPECT_EQ(PercentDecode("%-1").status().code(), base::StatusCode::kInvalidArgument);
}

TEST(IsValidUtf8, Boundaries) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8(std::string("a\0b", 3)));
  EXPECT_TRUE(IsValidUtf8("\xc2\x80"));           // U+0080
  EXPECT_TRUE(IsValidUtf8("\xef\xbf\xbf"));       // U+FFFF
  EXPECT_TRUE(IsValidUtf8("\xf4\x8f\xbf\xbf"));   // U+10FFFF
  EXPECT_TRUE(IsValidUtf8("\xf0\x9f\x98\x80"));   // emoji
  EXPECT_FALSE(IsValidUtf8("\xc1\xbf"));          // overlong
  EXPECT_FALSE(IsValidUtf8("\xe0\x9f\xbf"));      // overlong
  EXPECT_FALSE(IsValidUtf8("\xf0\x8f\xbf\xbf"));  // overlong
  EXPECT_FALSE(IsValidUtf8("\xed\xbf\xbf"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xf5\x80\x80\x80"));
  EXPECT_FALSE(IsValidUtf8("\x80"));
  EXPECT_FALSE(IsValidUtf8("\xe1\xbb"));
  EXPECT_FALSE(IsValidUtf8("\xe1\x41\x80"));
}

}  // namespace
}  // namespace binhyen::http
