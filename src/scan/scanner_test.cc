#include "scan/scanner.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace binhyen::scan {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;

// Two families and three rules, one of them a sign of a legitimate message.
constexpr std::string_view kRules = R"toml(
[[category]]
id = "police_impersonation"
label_vi = "Giả danh công an"
label_en = "Fake police"
advice_vi = "Công an không yêu cầu chuyển tiền qua điện thoại."
advice_en = "The police never ask for money by phone."

[[category]]
id = "legitimate"
label_vi = "Dấu hiệu tin nhắn thật"
label_en = "Signs of a real message"
advice_vi = "Vẫn cẩn thận."
advice_en = "Stay careful."

[[rule]]
id = "police.name"
category = "police_impersonation"
weight = 30
patterns = ['\bcong an\b']
explanation_vi = "Xưng là công an."
explanation_en = "Claims to be the police."

[[rule]]
id = "police.transfer"
category = "police_impersonation"
weight = 45
patterns = ['\bchuyen tien\b']
explanation_vi = "Yêu cầu chuyển tiền."
explanation_en = "Asks for a transfer."

[[rule]]
id = "legit.otp"
category = "legitimate"
weight = -20
patterns = ['\bkhong cung cap\b']
explanation_vi = "Lời dặn không cung cấp mã."
explanation_en = "Tells you not to share the code."
)toml";

// A classifier that learned "trung thuong" (prize) as a scam sign and nothing else.
Classifier TinyClassifier() {
  std::vector<Example> examples;
  for (int i = 0; i < 30; ++i) {
    examples.push_back({"trung thuong xe may " + std::to_string(i), true});
    examples.push_back({"hen gap lai toi nay nhe " + std::to_string(i), false});
  }
  TrainOptions options;
  options.epochs = 20;
  base::Result<Classifier> c = Classifier::Train(examples, options);
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  return *std::move(c);
}

// The classifier is silenced (floor above 1) except where a test is about it: the rules' and
// indicators' points are then exact.
ScoreOptions WithoutClassifier() {
  ScoreOptions options;
  options.classifier_floor = 2;
  return options;
}

Scanner MakeScanner(ScoreOptions options = WithoutClassifier()) {
  base::Result<RuleSet> rules = RuleSet::Parse(kRules);
  EXPECT_TRUE(rules.ok()) << rules.status().ToString();
  return Scanner(std::move(rules).value(), TinyClassifier(), options);
}

// A lookup that lists one link and one phone number.
index::CheckResult Lookup(indicator::Kind kind, std::string_view canonical, std::string_view) {
  index::CheckResult r;
  r.kind = kind;
  r.canonical = std::string(canonical);
  if (canonical == "http://vcb-xacminh.top/") {
    r.verdict = index::Verdict::kDangerous;
    r.categories = {"phishing"};
  } else if (canonical == "+84912345678") {
    r.verdict = index::Verdict::kSuspicious;
    r.categories = {"scam_call"};
  }
  return r;
}

TEST(ScannerTest, RulesAddUpAsPointsAndSpansPointIntoTheOriginalText) {
  const Scanner scanner = MakeScanner();
  const std::string text = "CÔNG AN yêu cầu CHUYỂN TIỀN ngay";
  ScanResult r = scanner.Scan(text, {});
  // 30 + 45 = 75 points from the rules, nothing else.
  EXPECT_EQ(r.score, 75);
  EXPECT_EQ(r.verdict, Verdict::kScam);
  EXPECT_EQ(r.category, "police_impersonation");
  EXPECT_EQ(r.category_label_vi, "Giả danh công an");
  EXPECT_EQ(r.advice_en, "The police never ask for money by phone.");
  ASSERT_EQ(r.reasons.size(), 2u);
  // Largest weight first; spans are bytes of the text as written, diacritics and case included.
  EXPECT_EQ(r.reasons[0].rule, "police.transfer");
  EXPECT_EQ(text.substr(r.reasons[0].begin, r.reasons[0].end - r.reasons[0].begin), "CHUYỂN TIỀN");
  EXPECT_EQ(r.reasons[1].rule, "police.name");
  EXPECT_EQ(text.substr(r.reasons[1].begin, r.reasons[1].end - r.reasons[1].begin), "CÔNG AN");
  EXPECT_EQ(r.reasons[1].explanation_vi, "Xưng là công an.");
  EXPECT_EQ(r.reasons[1].category, "police_impersonation");
}

TEST(ScannerTest, NegativeRulesLowerTheScoreAndComeLast) {
  const Scanner scanner = MakeScanner();
  ScanResult r = scanner.Scan("chuyen tien, khong cung cap ma cho ai", {});
  EXPECT_EQ(r.score, 25);  // 45 - 20
  EXPECT_EQ(r.verdict, Verdict::kClean);
  EXPECT_EQ(r.category, "");
  ASSERT_EQ(r.reasons.size(), 2u);
  EXPECT_EQ(r.reasons.back().rule, "legit.otp");
  EXPECT_EQ(r.reasons.back().weight, -20);
  // A clean answer still says what to do, and never that the message is safe.
  EXPECT_THAT(r.advice_vi, ::testing::HasSubstr("chưa chắc là an toàn"));
}

TEST(ScannerTest, AWarningThatSaysWhatNobodyAsksIsNotARequest) {
  const Scanner scanner = MakeScanner();
  // An official warning: the transfer is negated, the police are only named.
  ScanResult warning = scanner.Scan("Công an không bao giờ yêu cầu chuyển tiền qua điện thoại", {});
  EXPECT_EQ(warning.score, 30);
  ASSERT_EQ(warning.reasons.size(), 2u);
  EXPECT_EQ(warning.reasons[0].rule, "police.name");
  EXPECT_EQ(warning.reasons[1].rule, "negated");
  EXPECT_EQ(warning.reasons[1].weight, 0);
  EXPECT_EQ(warning.reasons[1].category, "police_impersonation");
  EXPECT_THAT(warning.reasons[1].explanation_vi, ::testing::HasSubstr("lời cảnh báo"));
  // A warning that names the trick before describing it ("chiêu lừa", "thủ đoạn", "giả danh",
  // "kẻ giả"): scammers never call their own message a trick.
  ScanResult framed =
      scanner.Scan("Cảnh báo thủ đoạn giả danh công an gọi điện đòi chuyển tiền", {});
  EXPECT_EQ(framed.score, 0);
  ASSERT_EQ(framed.reasons.size(), 1u);
  EXPECT_EQ(framed.reasons[0].rule, "negated");
  EXPECT_EQ(scanner.Scan("Nhiều kẻ giả công an gọi đòi chuyển tiền lắm, bà đừng nghe", {}).score,
            0);
  EXPECT_EQ(scanner.Scan("Có cuộc gọi xưng là công an đòi chuyển tiền, bà cúp máy ngay", {}).score,
            0);
  // "Không ... được" is an inability, not a refusal: the request after it still counts.
  EXPECT_EQ(scanner.Scan("Chị ở nước ngoài không chuyển được, em chuyển tiền giúp chị", {}).score,
            45);
  EXPECT_EQ(scanner.Scan("Chị không chuyển tiền đâu", {}).score, 0);
  // The frame must come before the hit in its sentence.
  EXPECT_EQ(scanner.Scan("Cong an yeu cau chuyen tien. Day khong phai thu doan", {}).score, 75);
  // A plain "không" is a threat's, not a warning's ("if you do not transfer...").
  EXPECT_EQ(scanner.Scan("neu khong chuyen tien se bi bat", {}).score, 45);
  // A negation in another sentence does not reach the request.
  EXPECT_EQ(scanner.Scan("Cong an khong bao gio goi dien. Hay chuyen tien ngay", {}).score, 75);
  // Nor one too far back in a long sentence.
  std::string far = "khong bao gio";
  for (int i = 0; i < 25; ++i) far += " mot";
  EXPECT_EQ(scanner.Scan(far + " chuyen tien", {}).score, 45);
}

TEST(ScannerTest, ListedIndicatorsAreLookedUpAndWeighAsEvidence) {
  const Scanner scanner = MakeScanner();
  const std::string text = "Vao http://vcb-xacminh.top de nhan qua";
  ScanResult r = scanner.Scan(text, Lookup);
  ASSERT_EQ(r.indicators.size(), 1u);
  EXPECT_EQ(r.indicators[0].extracted.indicator.canonical, "http://vcb-xacminh.top/");
  EXPECT_EQ(r.indicators[0].check.verdict, index::Verdict::kDangerous);
  EXPECT_EQ(r.score, 97);  // 1 - (1 - 0.97): the confirmed link alone
  EXPECT_EQ(r.verdict, Verdict::kScam);
  // No family matched: the verdict rests on the link, and names its category.
  EXPECT_EQ(r.category, "phishing");
  ASSERT_EQ(r.reasons.size(), 1u);
  EXPECT_EQ(r.reasons[0].rule, "indicator.dangerous");
  EXPECT_EQ(text.substr(r.reasons[0].begin, r.reasons[0].end - r.reasons[0].begin),
            "http://vcb-xacminh.top");
  EXPECT_THAT(r.reasons[0].explanation_vi, ::testing::StartsWith("Đường link trong tin nhắn"));

  // A number only an outside source lists is half as strong; with the rules it adds up.
  ScanResult phone = scanner.Scan("cong an goi 0912 345 678", Lookup);
  ASSERT_EQ(phone.indicators.size(), 1u);
  EXPECT_EQ(phone.indicators[0].check.verdict, index::Verdict::kSuspicious);
  EXPECT_EQ(phone.score, 65);  // 1 - (1 - 0.30) * (1 - 0.5)
  EXPECT_EQ(phone.verdict, Verdict::kSuspicious);
  EXPECT_EQ(phone.category, "police_impersonation");

  // Without a lookup every indicator is unknown and weighs nothing.
  ScanResult unlooked = scanner.Scan(text, {});
  ASSERT_EQ(unlooked.indicators.size(), 1u);
  EXPECT_EQ(unlooked.indicators[0].check.verdict, index::Verdict::kUnknown);
  EXPECT_EQ(unlooked.score, 0);
}

TEST(ScannerTest, TheClassifierSpeaksOnlyWhenFairlySure) {
  const Scanner scanner = MakeScanner(ScoreOptions());
  ScanResult prize = scanner.Scan("Chuc mung ban trung thuong xe may", {});
  EXPECT_GT(prize.classifier_probability, 0.9);
  ASSERT_EQ(prize.reasons.size(), 1u);
  EXPECT_EQ(prize.reasons[0].rule, "classifier");
  EXPECT_EQ(prize.reasons[0].begin, 0u);
  EXPECT_EQ(prize.reasons[0].end, 33u);
  EXPECT_EQ(prize.score, prize.reasons[0].weight);
  EXPECT_GE(prize.score, 70);

  ScanResult chat = scanner.Scan("hen gap lai toi nay nhe", {});
  EXPECT_LT(chat.classifier_probability, 0.5);
  EXPECT_TRUE(chat.reasons.empty());
  EXPECT_EQ(chat.score, 0);
}

TEST(ScannerTest, BadBytesAndLongTextAreFlaggedNotRefused) {
  const Scanner scanner = MakeScanner();
  ScanResult bad = scanner.Scan("cong an \xff\xfe chuyen tien", {});
  EXPECT_TRUE(bad.invalid_utf8);
  EXPECT_EQ(bad.score, 75);
  std::string long_text(Scanner::kMaxScanBytes + 10, 'a');
  long_text.replace(long_text.size() - 10, 7, "cong an");
  ScanResult cut = scanner.Scan(long_text, {});
  EXPECT_TRUE(cut.truncated);
  EXPECT_EQ(cut.score, 0);  // the rule's words were past the limit
  EXPECT_FALSE(cut.invalid_utf8);
  // A cut that would fall inside a two-byte letter falls before it.
  std::string vietnamese(Scanner::kMaxScanBytes - 1, 'a');
  vietnamese += "đ and more";
  ScanResult before = scanner.Scan(vietnamese, {});
  EXPECT_TRUE(before.truncated);
  EXPECT_FALSE(before.invalid_utf8);
}

TEST(ScannerTest, ThresholdsAndWeightsAreOptions) {
  ScoreOptions options = WithoutClassifier();
  options.scam_threshold = 80;
  options.suspicious_threshold = 20;
  const Scanner scanner = MakeScanner(options);
  EXPECT_EQ(scanner.Scan("cong an chuyen tien", {}).verdict, Verdict::kSuspicious);  // 75
  EXPECT_EQ(scanner.Scan("cong an", {}).verdict, Verdict::kSuspicious);              // 30
  EXPECT_EQ(scanner.Scan("xin chao", {}).verdict, Verdict::kClean);
}

TEST(ScannerTest, VerdictNames) {
  EXPECT_EQ(VerdictName(Verdict::kScam), "scam");
  EXPECT_EQ(VerdictName(Verdict::kSuspicious), "suspicious");
  EXPECT_EQ(VerdictName(Verdict::kClean), "clean");
}

// The built-in rules and model: a resident's real cases end to end.
TEST(ScannerTest, BuiltInScannerCatchesTypicalScamsAndLeavesOrdinaryMessagesAlone) {
  base::Result<Scanner> scanner = Scanner::BuiltIn();
  ASSERT_TRUE(scanner.ok()) << scanner.status().ToString();
  const std::vector<std::string> scams = {
      "CONG AN TP: Ban lien quan vu an rua tien, yeu cau chuyen toan bo tien vao tai khoan tam "
      "giu de xac minh.",
      "Chúc mừng quý khách đã trúng thưởng xe SH, phí nhận thưởng 500k, liên hệ ngay.",
      "WINNER!! As a valued network customer you have been selected to receive a £900 prize "
      "reward! To claim call 09061701461.",
  };
  for (const std::string& text : scams) {
    EXPECT_EQ(scanner->Scan(text, {}).verdict, Verdict::kScam) << text;
  }
  const std::vector<std::string> ordinary = {
      "Mẹ ơi tối nay con về ăn cơm nhé",
      "Ok lar... Joking wif u oni...",
      "Thứ 7 này họp phụ huynh lúc 8h tại phòng 12, mong các anh chị sắp xếp đến đúng giờ.",
  };
  for (const std::string& text : ordinary) {
    EXPECT_EQ(scanner->Scan(text, {}).verdict, Verdict::kClean) << text;
  }
}

}  // namespace
}  // namespace binhyen::scan
