#include "scan/rules.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "scan/internal/embedded.h"
#include "scan/internal/rules_engine.h"
#include "scan/internal/rules_toml.h"
#include "text/matching.h"

namespace binhyen::scan {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr std::string_view kCategory = R"(
[[category]]
id = "police_impersonation"
label_vi = "Giả danh công an"
label_en = "Fake police"
advice_vi = "Gọi 113."
advice_en = "Call 113."
)";

// One category (lines 2-7) and then `rules` (starting at line 8).
std::string WithCategory(std::string_view rules) {
  return std::string(kCategory) + std::string(rules);
}

std::string RuleToml(std::string_view id, std::string_view body) {
  return "[[rule]]\nid = \"" + std::string(id) + "\"\ncategory = \"police_impersonation\"\n" +
         std::string(body) + "explanation_vi = \"Giả danh.\"\nexplanation_en = \"Fake.\"\n";
}

std::string SimpleRule(std::string_view id, std::string_view pattern, int weight = 40) {
  return RuleToml(
      id, "weight = " + std::to_string(weight) + "\npatterns = ['" + std::string(pattern) + "']\n");
}

std::string ErrorOf(std::string_view toml) {
  auto rules = RuleSet::Parse(toml);
  if (rules.ok()) return "ok";
  EXPECT_EQ(rules.status().code(), base::StatusCode::kInvalidArgument);
  return rules.status().message();
}

TEST(RuleSetParseTest, ReadsCategoriesAndRules) {
  auto rules = RuleSet::Parse(WithCategory(SimpleRule("police.transfer", R"(cong an\b)", 45)));
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  ASSERT_EQ(rules->categories().size(), 1u);
  EXPECT_EQ(rules->categories()[0].id, "police_impersonation");
  EXPECT_EQ(rules->categories()[0].label_vi, "Giả danh công an");
  EXPECT_EQ(rules->categories()[0].advice_en, "Call 113.");
  ASSERT_EQ(rules->rules().size(), 1u);
  const Rule& rule = rules->rules()[0];
  EXPECT_EQ(rule.id, "police.transfer");
  EXPECT_EQ(rule.category, 0u);
  EXPECT_EQ(rule.weight, 45);
  EXPECT_THAT(rule.patterns, ElementsAre(R"(cong an\b)"));
  EXPECT_EQ(rule.explanation_vi, "Giả danh.");
  EXPECT_EQ(rule.explanation_en, "Fake.");
  EXPECT_EQ(rules->FindCategory("police_impersonation"), &rules->categories()[0]);
  EXPECT_EQ(rules->FindCategory("nope"), nullptr);
  EXPECT_EQ(rules->FindRule("police.transfer"), &rules->rules()[0]);
  EXPECT_EQ(rules->FindRule("police"), nullptr);
}

TEST(RuleSetParseTest, SyntaxErrorNamesTheLine) {
  EXPECT_THAT(ErrorOf("[[rule]]\nid = \"a.b\"\nweight = \n"), HasSubstr("rules line 3:"));
}

TEST(RuleSetParseTest, UnknownTopLevelKey) {
  EXPECT_EQ(ErrorOf("version = 2\n" + WithCategory(SimpleRule("police.a", "a"))),
            "rules line 1: unknown key \"version\" (expected [[category]] and [[rule]] tables)");
}

TEST(RuleSetParseTest, UnknownKeyInRuleNamesTheRule) {
  EXPECT_EQ(
      ErrorOf(WithCategory(RuleToml("police.x", "weight = 1\npatterns = ['a']\ncolor = 1\n"))),
      "rules line 13: rule \"police.x\": unknown key \"color\"");
}

TEST(RuleSetParseTest, UnknownKeyInCategory) {
  EXPECT_EQ(ErrorOf("[[category]]\nid = \"c\"\nlabel = \"x\"\n"),
            "rules line 3: category \"c\": unknown key \"label\"");
}

TEST(RuleSetParseTest, MissingKeys) {
  EXPECT_EQ(ErrorOf(WithCategory("[[rule]]\ncategory = \"police_impersonation\"\n")),
            "rules line 8: rule: missing key \"id\"");
  EXPECT_EQ(ErrorOf(WithCategory("[[rule]]\nid = \"police.x\"\ncategory = "
                                 "\"police_impersonation\"\nweight = 3\npatterns = ['a']\n"
                                 "explanation_vi = \"x\"\n")),
            "rules line 8: rule \"police.x\": missing key \"explanation_en\"");
  EXPECT_EQ(ErrorOf("[[category]]\nid = \"c\"\nlabel_vi = \"x\"\n"),
            "rules line 1: category \"c\": missing key \"label_en\"");
}

TEST(RuleSetParseTest, DuplicateIds) {
  EXPECT_EQ(ErrorOf(WithCategory(SimpleRule("police.a", "a") + SimpleRule("police.a", "b"))),
            "rules line 15: rule \"police.a\": duplicate id (first defined at line 8)");
  EXPECT_EQ(ErrorOf(std::string(kCategory) + std::string(kCategory)),
            "rules line 9: category \"police_impersonation\": duplicate id");
}

TEST(RuleSetParseTest, UnknownCategory) {
  EXPECT_EQ(ErrorOf(WithCategory("[[rule]]\nid = \"bank.a\"\ncategory = \"bank\"\n")),
            "rules line 8: rule \"bank.a\": unknown category \"bank\" (declare it as "
            "[[category]])");
}

TEST(RuleSetParseTest, WeightOutOfRangeOrNotAnInteger) {
  EXPECT_EQ(ErrorOf(WithCategory(SimpleRule("police.a", "a", 150))),
            "rules line 11: rule \"police.a\": weight 150 is out of range -100..100");
  EXPECT_EQ(ErrorOf(WithCategory(SimpleRule("police.a", "a", -101))),
            "rules line 11: rule \"police.a\": weight -101 is out of range -100..100");
  EXPECT_EQ(ErrorOf(WithCategory(RuleToml("police.a", "weight = \"high\"\npatterns = ['a']\n"))),
            "rules line 11: rule \"police.a\": \"weight\" must be an integer");
  EXPECT_EQ(
      ErrorOf(WithCategory(SimpleRule("police.a", "a", -100) + SimpleRule("police.b", "b", 100))),
      "ok");
}

TEST(RuleSetParseTest, EmptyPatternsAndExplanations) {
  EXPECT_EQ(ErrorOf(WithCategory(RuleToml("police.a", "weight = 1\npatterns = []\n"))),
            "rules line 12: rule \"police.a\": \"patterns\" is empty");
  EXPECT_EQ(ErrorOf(WithCategory(RuleToml("police.a", "weight = 1\npatterns = ['a', '']\n"))),
            "rules line 12: rule \"police.a\": pattern 2 is empty");
  EXPECT_EQ(ErrorOf(WithCategory(RuleToml("police.a", "weight = 1\npatterns = 'a'\n"))),
            "rules line 12: rule \"police.a\": \"patterns\" must be an array of strings");
  EXPECT_EQ(ErrorOf(WithCategory("[[rule]]\nid = \"police.a\"\ncategory = "
                                 "\"police_impersonation\"\nweight = 3\npatterns = ['a']\n"
                                 "explanation_vi = \"\"\nexplanation_en = \"x\"\n")),
            "rules line 13: rule \"police.a\": \"explanation_vi\" is empty");
}

TEST(RuleSetParseTest, BadIds) {
  EXPECT_EQ(ErrorOf(WithCategory(SimpleRule("police", "a"))),
            "rules line 8: rule: id \"police\" must be dotted lower-case words "
            "(\"family.name\": a-z 0-9 _)");
  EXPECT_EQ(ErrorOf(WithCategory(SimpleRule("Police.A", "a"))),
            "rules line 8: rule: id \"Police.A\" must be dotted lower-case words "
            "(\"family.name\": a-z 0-9 _)");
  EXPECT_EQ(ErrorOf("[[category]]\nid = \"a.b\"\n"),
            "rules line 1: category: id \"a.b\" must be a lower-case word (a-z 0-9 _)");
}

TEST(RuleSetParseTest, PatternsThatCanNeverMatchNormalisedText) {
  EXPECT_THAT(ErrorOf(WithCategory(SimpleRule("police.a", "công an"))),
              HasSubstr("rules line 12: rule \"police.a\": pattern 1 \"công an\": non-ASCII"));
  EXPECT_EQ(ErrorOf(WithCategory(SimpleRule("police.a", "Cong an"))),
            "rules line 12: rule \"police.a\": pattern 1 \"Cong an\": upper-case letter: the "
            "text is matched in lower case");
  // Escapes are not letters to match.
  EXPECT_EQ(ErrorOf(WithCategory(SimpleRule("police.a", R"(\W\D\S\xC2)"))), "ok");
}

TEST(RuleSetParseTest, PatternVectorscanRejectsNamesRuleAndReason) {
  EXPECT_THAT(
      ErrorOf(WithCategory(SimpleRule("police.a", "cong an") + SimpleRule("police.b", "[z-a]bc"))),
      HasSubstr("rules line 15: rule \"police.b\": pattern 1 \"[z-a]bc\": vectorscan "
                "rejects it: "));
  // A pattern that matches the empty text would fire on every message.
  EXPECT_THAT(ErrorOf(WithCategory(SimpleRule("police.a", "(cong an)?"))),
              HasSubstr("rule \"police.a\": pattern 1 \"(cong an)?\": vectorscan rejects it"));
}

TEST(RuleSetParseTest, UnsupportedSyntaxNamesRule) {
  EXPECT_EQ(ErrorOf(WithCategory(SimpleRule("police.a", "cong an$"))),
            "rules line 8: rule \"police.a\": pattern 1 \"cong an$\": \"$\" is not supported (the "
            "text is one line; write \"\\$\" for a dollar) at offset 7");
  EXPECT_EQ(ErrorOf(WithCategory(SimpleRule("police.a", "(a)\\1"))),
            "rules line 8: rule \"police.a\": pattern 1 \"(a)\\1\": unsupported escape \"\\1\" at "
            "offset 3");
  EXPECT_EQ(ErrorOf(WithCategory(SimpleRule("police.a", "(cong an"))),
            "rules line 8: rule \"police.a\": pattern 1 \"(cong an\": missing \")\" at offset 8");
}

TEST(RuleSetParseTest, NoRules) {
  EXPECT_EQ(ErrorOf(kCategory), "rules: no [[rule]] defined");
  EXPECT_EQ(ErrorOf("rule = 3\n"), "rules line 1: \"rule\" must be written as [[rule]] tables");
}

// --- matching and spans --------------------------------------------------------------------

RuleSet MustParse(std::string_view rules) {
  auto parsed = RuleSet::Parse(WithCategory(rules));
  EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
  return std::move(parsed).value();
}

TEST(RuleSetMatchTest, SpansAreExactByteOffsets) {
  const RuleSet rules = MustParse(SimpleRule("police.word", R"(\bcong an\b)") +
                                  SimpleRule("police.combo", R"(\bcong an\b.*\bchuyen tien\b)") +
                                  SimpleRule("police.money", R"(\d+ ?trieu)"));
  //                        0         1         2         3         4         5
  //                        012345678901234567890123456789012345678901234567890123456
  const std::string text = "toi la cong an, cong an yeu cau chuyen tien 50 trieu ngay";
  EXPECT_THAT(rules.Match(text), ElementsAre(RuleHit{0, 7, 14},     // first "cong an"
                                             RuleHit{1, 7, 43},     // leftmost start of the combo
                                             RuleHit{2, 44, 52}));  // "50 trieu"
}

TEST(RuleSetMatchTest, EachRuleOnceAtItsFirstMatchToEnd) {
  const RuleSet rules =
      MustParse(RuleToml("police.two", "weight = 10\npatterns = ['chuyen tien', 'cong an']\n"));
  // "cong an" ends first (at 7), so that match is the rule's hit; the later ones are not.
  EXPECT_THAT(rules.Match("cong an chuyen tien cong an"), ElementsAre(RuleHit{0, 0, 7}));
  EXPECT_THAT(rules.Match("chuyen tien cong an"), ElementsAre(RuleHit{0, 0, 11}));
}

TEST(RuleSetMatchTest, HitsAreSortedByBegin) {
  const RuleSet rules = MustParse(SimpleRule("police.b", "bbb") + SimpleRule("police.a", "aaa"));
  EXPECT_THAT(rules.Match("xx bbb aaa"), ElementsAre(RuleHit{0, 3, 6}, RuleHit{1, 7, 10}));
  EXPECT_THAT(rules.Match("aaa bbb"), ElementsAre(RuleHit{1, 0, 3}, RuleHit{0, 4, 7}));
}

TEST(RuleSetMatchTest, WordBoundariesAtTheEdgesOfTheText) {
  const RuleSet rules = MustParse(SimpleRule("police.end", R"(\bvay\b)") +
                                  SimpleRule("police.start", R"(^\W{0,3}bidv\b)"));
  EXPECT_THAT(rules.Match("vay"), ElementsAre(RuleHit{0, 0, 3}));
  EXPECT_THAT(rules.Match("cho vay"), ElementsAre(RuleHit{0, 4, 7}));
  EXPECT_THAT(rules.Match("vayx xvay"), IsEmpty());
  EXPECT_THAT(rules.Match("[bidv] vay tien"), ElementsAre(RuleHit{1, 0, 5}, RuleHit{0, 7, 10}));
  EXPECT_THAT(rules.Match("abc bidv"), IsEmpty());  // "^" holds only at the start
}

TEST(RuleSetMatchTest, AGapStartsAtTheLeftmostPossibleWord) {
  const RuleSet rules =
      MustParse(SimpleRule("police.gap", R"((cong an|toa an)\b.{0,20}\bnop tien)"));
  //                       0         1         2         3
  //                       0123456789012345678901234567890123456789
  EXPECT_THAT(rules.Match("toa an va cong an bao nop tien"), ElementsAre(RuleHit{0, 0, 30}));
  // More than 20 bytes between them: only the nearer one counts.
  EXPECT_THAT(rules.Match("toa an noi rang hom qua cong an bao nop tien"),
              ElementsAre(RuleHit{0, 24, 44}));
}

TEST(RuleSetMatchTest, MultiByteEscapes) {
  const RuleSet rules = MustParse(SimpleRule("police.pound", R"(\xc2\xa3\d+ prize)"));
  const std::string text =
      "win \xc2\xa3"
      "900 prize now";
  EXPECT_THAT(rules.Match(text), ElementsAre(RuleHit{0, 4, 15}));
}

TEST(RuleSetMatchTest, EmptyAndUnmatchedText) {
  const RuleSet rules = MustParse(SimpleRule("police.a", "cong an"));
  EXPECT_THAT(rules.Match(""), IsEmpty());
  EXPECT_THAT(rules.Match("xin chao"), IsEmpty());
}

TEST(RuleSetMatchTest, SpansMapBackToTheOriginalText) {
  const RuleSet rules = MustParse(SimpleRule("police.combo", R"(\bcong an\b.*\bchuyen tien\b)"));
  const std::string original = "Xin chào, C.Ô.N.G A.N yêu cầu chị chuyển tiền ngay.";
  const text::MatchText m = text::NormalizeForMatching(original);
  const std::vector<RuleHit> hits = rules.Match(m.text);
  ASSERT_EQ(hits.size(), 1u);
  const auto [begin, end] = text::OriginalSpan(m, hits[0].begin, hits[0].end);
  EXPECT_EQ(original.substr(begin, end - begin), "C.Ô.N.G A.N yêu cầu chị chuyển tiền");
}

TEST(RuleSetMatchTest, MovedSetKeepsWorking) {
  RuleSet rules = MustParse(SimpleRule("police.a", "cong an"));
  RuleSet moved = std::move(rules);
  EXPECT_THAT(moved.Match("cong an"), ElementsAre(RuleHit{0, 0, 7}));
  RuleSet assigned = MustParse(SimpleRule("police.b", "toa an"));
  assigned = std::move(moved);
  EXPECT_THAT(assigned.Match("cong an"), ElementsAre(RuleHit{0, 0, 7}));
}

TEST(RuleSetMatchTest, ConcurrentCallersGetIdenticalResults) {
  auto built_in = RuleSet::BuiltIn();
  ASSERT_TRUE(built_in.ok()) << built_in.status().ToString();
  const RuleSet& rules = *built_in;
  const std::vector<std::string> messages = {
      text::NormalizeForMatching("Công an yêu cầu chị chuyển toàn bộ tiền vào tài khoản an toàn.")
          .text,
      text::NormalizeForMatching("Chúc mừng bạn trúng thưởng, phí nhận thưởng 2tr, ck vào stk.")
          .text,
      text::NormalizeForMatching("WINNER! Claim your 900 prize, call 09061701461 150p/msg").text,
      text::NormalizeForMatching("Con ơi tối nay về ăn cơm nhé.").text,
  };
  std::vector<std::vector<RuleHit>> expected;
  expected.reserve(messages.size());
  for (const std::string& m : messages) expected.push_back(rules.Match(m));
  ASSERT_FALSE(expected[0].empty());
  ASSERT_TRUE(expected[3].empty());

  // More threads than pooled scratch slots, so that the clone-per-call path runs too.
  constexpr int kThreads = 40;
  constexpr int kRounds = 50;
  std::vector<int> mismatches(kThreads, 0);
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < kRounds; ++round) {
        for (size_t i = 0; i < messages.size(); ++i) {
          if (rules.Match(messages[(i + static_cast<size_t>(t)) % messages.size()]) !=
              expected[(i + static_cast<size_t>(t)) % messages.size()]) {
            ++mismatches[static_cast<size_t>(t)];
          }
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_THAT(mismatches, ::testing::Each(0));
}

// The built-in set loads the database compiled at build time (tools/scan_rules_db.cc), and it
// matches exactly as the database compiled at run time does.
TEST(RuleSetBuiltInTest, LoadsTheDatabaseCompiledAtBuildTimeAndMatchesTheSame) {
  base::Result<RuleSet> built_in = RuleSet::BuiltIn();
  ASSERT_TRUE(built_in.ok()) << built_in.status().ToString();
  EXPECT_TRUE(built_in->precompiled());
  base::Result<RuleSet> compiled = RuleSet::Parse(internal::kRulesToml);
  ASSERT_TRUE(compiled.ok()) << compiled.status().ToString();
  EXPECT_FALSE(compiled->precompiled());
  size_t hits = 0;
  for (std::string_view message :
       {"Công an phường thông báo anh liên quan đường dây rửa tiền, chuyển tiền vào tài khoản "
        "tạm giữ để xác minh, không được nói với ai.",
        "Bạn đã trúng thưởng iPhone, nộp phí nhận quà 500k qua link bit.ly/qua-tang.",
        "Con ơi tối nay về ăn cơm nhé, mẹ nấu canh chua.",
        "Your parcel is held at customs, pay the fee at dhl-vn-delivery.top within 24 hours."}) {
    const std::string normalized = text::NormalizeForMatching(message).text;
    const std::vector<RuleHit> expected = compiled->Match(normalized);
    EXPECT_EQ(built_in->Match(normalized), expected) << message;
    hits += expected.size();
  }
  EXPECT_GE(hits, 3u);  // the scam messages do match something
}

// A precompiled database made from other patterns, or damaged, is never used: the engine
// compiles its own and matches correctly.
TEST(RuleSetBuiltInTest, AStaleOrDamagedPrecompiledDatabaseIsCompiledAgain) {
  auto parse = [](std::string_view toml) {
    base::Result<internal::ParsedRules> parsed = internal::ParseRulesToml(toml);
    EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
    return std::move(parsed).value();
  };
  const internal::ParsedRules ours = parse(WithCategory(SimpleRule("police.call", "cong an")));
  const internal::ParsedRules other = parse(WithCategory(SimpleRule("police.call", "cong ann")));
  base::Result<std::string> good =
      internal::RuleEngine::SerializeCombined(ours.rules, ours.rule_lines);
  base::Result<std::string> stale =
      internal::RuleEngine::SerializeCombined(other.rules, other.rule_lines);
  ASSERT_TRUE(good.ok() && stale.ok());
  std::string flipped = *good;
  flipped[flipped.size() / 2] = static_cast<char>(flipped[flipped.size() / 2] ^ 0x5A);
  const struct {
    std::string_view name;
    std::string blob;
    bool used;
  } cases[] = {{"good", *good, true},
               {"stale", *stale, false},
               {"truncated", good->substr(0, good->size() / 2), false},
               {"header only", good->substr(0, 14), false},
               {"empty", "", false},
               {"flipped byte", flipped, false}};
  for (const auto& c : cases) {
    base::Result<std::unique_ptr<internal::RuleEngine>> engine =
        internal::RuleEngine::Compile(ours.rules, ours.rule_lines, c.blob);
    ASSERT_TRUE(engine.ok()) << c.name << ": " << engine.status().ToString();
    EXPECT_EQ((*engine)->used_precompiled(), c.used) << c.name;
    const std::vector<RuleHit> hits = (*engine)->Match("goi cong an ngay");
    ASSERT_EQ(hits.size(), 1u) << c.name;
    EXPECT_EQ(hits[0].begin, 4u) << c.name;
    EXPECT_EQ(hits[0].end, 11u) << c.name;
  }
}

}  // namespace
}  // namespace binhyen::scan
