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
