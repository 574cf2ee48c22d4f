#include "scan/internal/rules_reverse.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace binhyen::scan::internal {
namespace {

std::string Reversed(std::string_view pattern) {
  auto r = ReversePattern(pattern);
  return r.ok() ? *r : "error: " + r.status().message();
}

TEST(ReversePatternTest, ReversesSequencesGroupsAndAlternatives) {
  EXPECT_EQ(Reversed("abc"), "cba");
  EXPECT_EQ(Reversed("cong an|toa an"), "na gnoc|na aot");
  EXPECT_EQ(Reversed("(ab|cd)ef"), "fe(ba|dc)");
  EXPECT_EQ(Reversed("(?:ab)c"), "c(?:ba)");
  EXPECT_EQ(Reversed("a(b(c|d)e)f"), "f(e(c|d)b)a");
  EXPECT_EQ(Reversed("(a|)b"), "b(a|)");
}

TEST(ReversePatternTest, QuantifiersStayWithTheirAtom) {
  EXPECT_EQ(Reversed("ab?c*d+"), "d+c*b?a");
  EXPECT_EQ(Reversed("a.{0,20}b"), "b.{0,20}a");
  EXPECT_EQ(Reversed("x{3}y{2,}z"), "zy{2,}x{3}");
  EXPECT_EQ(Reversed("a.*?b"), "b.*?a");
  EXPECT_EQ(Reversed("(ab)+c"), "c(ba)+");
  EXPECT_EQ(Reversed("a{b"), "b\\{a");  // not a quantifier: a literal brace
}

TEST(ReversePatternTest, AtomsAreKeptWhole) {
  EXPECT_EQ(Reversed(R"(\bvay\b)"), R"(\byav\b)");
  EXPECT_EQ(Reversed(R"(\d+\.\d)"), R"(\d\.\d+)");
  EXPECT_EQ(Reversed(R"(\xc2\xa3\d)"), R"(\d\xa3\xc2)");  // the bytes of "£", reversed
  EXPECT_EQ(Reversed("[a-z0-9-]+x"), "x[a-z0-9-]+");
  EXPECT_EQ(Reversed("[^]a]b"), "b[^]a]");
  EXPECT_EQ(Reversed(R"([\]x]y)"), R"(y[\]x])");
  EXPECT_EQ(Reversed("[[:alpha:]]z"), "z[[:alpha:]]");
  EXPECT_EQ(Reversed("^ab"), "ba$");
}

TEST(ReversePatternTest, RejectsWhatCannotBeReversed) {
  EXPECT_EQ(Reversed("ab$"),
            "error: \"$\" is not supported (the text is one line; write \"\\$\" "
            "for a dollar) at offset 2");
  EXPECT_EQ(Reversed("(a)\\1"), "error: unsupported escape \"\\1\" at offset 3");
  EXPECT_EQ(Reversed("(?=a)b"), "error: only \"(?:\" groups are supported at offset 1");
  EXPECT_EQ(Reversed("(ab"), "error: missing \")\" at offset 3");
  EXPECT_EQ(Reversed("ab)"), "error: unbalanced \")\" at offset 2");
  EXPECT_EQ(Reversed("[ab"), "error: missing \"]\" at offset 3");
  EXPECT_EQ(Reversed("*a"), "error: quantifier without anything to repeat at offset 0");
  EXPECT_EQ(Reversed("a\\"), "error: \"\\\" at the end at offset 1");
  EXPECT_EQ(Reversed("\\xZ1"), "error: \"\\x\" needs two hex digits at offset 0");
}

}  // namespace
}  // namespace binhyen::scan::internal
