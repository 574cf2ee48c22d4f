#include "api/check_json.h"

#include <gtest/gtest.h>

#include "api/json_views.h"

namespace binhyen::api {
namespace {

index::CheckResult Dangerous() {
  index::CheckResult r;
  r.kind = indicator::Kind::kUrl;
  r.canonical = "http://vietcombank-hotro.top/dang-nhap";
  r.verdict = index::Verdict::kDangerous;
  r.categories = {"bank_impersonation", "phishing"};
  r.matches = {{"vietcombank-hotro.top/", "bank_impersonation", "binhyen", index::Trust::kHigh,
                1'790'000'000, "/canhbao/gia-mao-vietcombank"},
               {"vietcombank-hotro.top/dang-nhap", "phishing", "feed:hostsvn",
                index::Trust::kMedium, 1'780'000'000, ""}};
  return r;
}

// The hot path's text is the tree's dump, byte for byte, whatever the verdict and input.
TEST(CheckJsonTest, TextIsTheTreesDump) {
  std::vector<std::pair<index::CheckResult, std::string>> cases;
  cases.emplace_back(Dangerous(), "http://vietcombank-hotro.top/dang-nhap");
  index::CheckResult trusted;
  trusted.kind = indicator::Kind::kDomain;
  trusted.canonical = "dichvucong.gov.vn";
  trusted.verdict = index::Verdict::kTrusted;
  trusted.trusted_reason = "government";
  cases.emplace_back(trusted, "DichVuCong.gov.vn");
  index::CheckResult unknown;
  unknown.kind = indicator::Kind::kPhone;
  unknown.canonical = "+84912345678";
  cases.emplace_back(unknown, "0912 345 678 \"quote\" \\ \t\x01 Tiếng Việt có dấu");
  cases.emplace_back(unknown, "plain ascii, longer than eight bytes");
  cases.emplace_back(unknown, "ends with a quote\"");
  cases.emplace_back(unknown, std::string("nul \0 and del \x7f inside", 22));
  ExplanationCache cache;
  for (int round = 0; round < 2; ++round) {  // the cache is filled, then read
    for (const auto& [result, input] : cases) {
      std::string text;
      AppendCheckResultJson(result, input, 412, &text);
      EXPECT_EQ(text, Dump(CheckResultJson(result, input, 412)));
      EXPECT_FALSE(nlohmann::json::parse(text, nullptr, false).is_discarded());
      std::string cached;
      AppendCheckResultJson(result, input, 412, &cached, &cache);
      EXPECT_EQ(cached, text);
    }
  }
}

// The cache keys on everything the explanation says: a different category, verdict or trusted
// reason is a different text.
TEST(CheckJsonTest, CachedExplanationsFollowCategoryVerdictAndReason) {
  ExplanationCache cache;
  index::CheckResult a = Dangerous();
  index::CheckResult b = Dangerous();
  b.categories = {"phishing"};
  index::CheckResult c = Dangerous();
  c.verdict = index::Verdict::kSuspicious;
  index::CheckResult gov;
  gov.kind = indicator::Kind::kDomain;
  gov.canonical = "dichvucong.gov.vn";
  gov.verdict = index::Verdict::kTrusted;
  gov.trusted_reason = "government";
  index::CheckResult bank = gov;
  bank.trusted_reason = "bank";
  for (const index::CheckResult* r : {&a, &b, &c, &gov, &bank, &a, &gov}) {
    std::string cached;
    AppendCheckResultJson(*r, "x", 1, &cached, &cache);
    EXPECT_EQ(cached, Dump(CheckResultJson(*r, "x", 1)));
  }
}

TEST(CheckJsonTest, IllFormedUtf8InTheInputStaysValidJson) {
  std::string text;
  AppendCheckResultJson(Dangerous(), "http://x.top/\xff\xfe\xc3", 1, &text);
  nlohmann::json parsed = nlohmann::json::parse(text, nullptr, false);
  ASSERT_FALSE(parsed.is_discarded()) << text;
  EXPECT_EQ(parsed["input"], "http://x.top/\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

}  // namespace
}  // namespace binhyen::api
