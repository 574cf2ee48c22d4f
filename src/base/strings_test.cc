#include "base/strings.h"

#include <gtest/gtest.h>

namespace binhyen::base {
namespace {

TEST(StringsTest, AsciiLowerKeepsNonAscii) {
  EXPECT_EQ(AsciiLower("VietComBank.COM.VN"), "vietcombank.com.vn");
  EXPECT_EQ(AsciiLower("ĐỨC Phổ"), "ĐỨc phổ");
}

TEST(StringsTest, TrimAndSplit) {
  EXPECT_EQ(TrimAscii("  \t a b \r\n"), "a b");
  EXPECT_EQ(TrimAscii("   "), "");
  auto parts = Split("a..b.", '.');
  ASSERT_EQ(parts.size(), 4u);
  EXPECT_EQ(parts[0], "a");
  EXPECT_EQ(parts[1], "");
  EXPECT_EQ(parts[2], "b");
  EXPECT_EQ(parts[3], "");
  EXPECT_EQ(Split("", ',').size(), 1u);
}

TEST(StringsTest, CaseInsensitiveEquality) {
  EXPECT_TRUE(EqualsIgnoreAsciiCase("VCB", "vcb"));
  EXPECT_FALSE(EqualsIgnoreAsciiCase("VCB", "vcb "));
  EXPECT_FALSE(EqualsIgnoreAsciiCase("TCB", "vcb"));
}

}  // namespace
}  // namespace binhyen::base

namespace binhyen::base {
namespace {

TEST(ParseInt64Test, AcceptsWholeDecimalIntegersOnly) {
  int64_t v = 7;
  EXPECT_TRUE(ParseInt64("42", v));
  EXPECT_EQ(v, 42);
  EXPECT_TRUE(ParseInt64("-9223372036854775808", v));
  EXPECT_EQ(v, INT64_MIN);
  for (std::string_view bad : {"", " 1", "1 ", "+1", "1.5", "0x10", "9223372036854775808", "-"}) {
    v = 7;
    EXPECT_FALSE(ParseInt64(bad, v)) << bad;
    EXPECT_EQ(v, 7) << bad;
  }
}

}  // namespace
}  // namespace binhyen::base
