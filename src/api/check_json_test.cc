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
  for (const auto& [result, input] : cases) {
    std::string text;
    AppendCheckResultJson(result, input, 412, &text);
    EXPECT_EQ(text, Dump(CheckResultJson(result, input, 412)));
    EXPECT_FALSE(nlohmann::json::parse(text, nullptr, false).is_discarded());
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
