#include "text/confusable.h"

#include <gtest/gtest.h>

namespace binhyen::text {
namespace {

TEST(Skeleton, LatinAndLookalikesShareSkeleton) {
  EXPECT_EQ(Skeleton("pаypal"), Skeleton("paypal"));  // Cyrillic а
  EXPECT_EQ(Skeleton("vіеtсоmbаnk"), Skeleton("vietcombank"));
  EXPECT_EQ(Skeleton("ΒΑΝΚ"), Skeleton("BANK"));  // Greek capitals
  EXPECT_EQ(Skeleton("rn"), Skeleton("m"));
  EXPECT_EQ(Skeleton("paypa1"), Skeleton("paypal"));  // digit one vs l
  EXPECT_NE(Skeleton("paypal"), Skeleton("paypai"));
  EXPECT_EQ(Skeleton(""), "");
}

TEST(Skeleton, InvalidUtf8DoesNotCrash) {
  EXPECT_EQ(Skeleton("\xFF"), Skeleton("\xEF\xBF\xBD"));
  EXPECT_FALSE(Skeleton("ab\xC0\xAF").empty());
}

TEST(AreConfusable, Pairs) {
  EXPECT_TRUE(AreConfusable("vietcombank", "vietcоmbаnk"));  // Cyrillic о, а
  EXPECT_TRUE(AreConfusable("paypal", "pаypal"));
  EXPECT_TRUE(AreConfusable("paypal", "paypal"));      // identical strings too
  EXPECT_TRUE(AreConfusable("agribank", "agrіbank"));  // Cyrillic і
  EXPECT_FALSE(AreConfusable("vietcombank", "techcombank"));
  EXPECT_FALSE(AreConfusable("paypal", "paypals"));
  EXPECT_FALSE(AreConfusable("paypal", "PAYPAL"));  // case-sensitive
}

TEST(SpoofCheck, MixedScript) {
  EXPECT_TRUE(IsMixedScript("pаypal"));
  EXPECT_TRUE(IsMixedScript("vietcоmbank"));
  EXPECT_FALSE(IsMixedScript("paypal"));
  EXPECT_FALSE(IsMixedScript("ngânhàng"));    // Vietnamese is Latin
  EXPECT_FALSE(IsMixedScript("москва"));      // one script
  EXPECT_FALSE(IsMixedScript("東京タワー"));  // Han + Katakana is one UTS #39 set
  EXPECT_FALSE(IsMixedScript("abc-123"));     // digits and hyphen are Common
  EXPECT_FALSE(IsMixedScript(""));
}

TEST(SpoofCheck, WholeScriptConfusable) {
  EXPECT_TRUE(SpoofCheck("раура").whole_script_confusable);    // all Cyrillic, reads "paypa"
  EXPECT_TRUE(SpoofCheck("ΒΑΝΚ").whole_script_confusable);     // all Greek
  EXPECT_FALSE(SpoofCheck("москва").whole_script_confusable);  // м, к, в have no Latin twin
  EXPECT_FALSE(SpoofCheck("paypal").whole_script_confusable);
  EXPECT_FALSE(SpoofCheck("pаypal").whole_script_confusable);  // mixed, not whole-script
}

TEST(SpoofCheck, Invisible) {
  EXPECT_TRUE(SpoofCheck("pay\xE2\x80\x8Bpal").invisible);  // zero-width space
  EXPECT_TRUE(SpoofCheck("pay\xC2\xAD"
                         "pal")
                  .invisible);                             // soft hyphen
  EXPECT_TRUE(SpoofCheck("a\xCC\x81\xCC\x81").invisible);  // repeated nonspacing mark
  EXPECT_FALSE(SpoofCheck("paypal").invisible);
  EXPECT_FALSE(SpoofCheck("Đức").invisible);
}

TEST(SpoofCheck, MixedNumbers) {
  EXPECT_TRUE(SpoofCheck("1\xD9\xA1").mixed_numbers);  // 1 and Arabic-Indic one
  EXPECT_FALSE(SpoofCheck("123").mixed_numbers);
  EXPECT_FALSE(SpoofCheck("paypal").Any());
  EXPECT_TRUE(SpoofCheck("pаypal").Any());
}

}  // namespace
}  // namespace binhyen::text
