#include "api/scan_json.h"

#include <gtest/gtest.h>

#include <string>

namespace binhyen::api {
namespace {

using nlohmann::json;

// A scan with every kind of member: reasons (one with a long span), an indicator with a match,
// ill-formed UTF-8 in the text, and a screenshot's OCR text and QR codes.
service::MessageScan Sample(bool from_image) {
  service::MessageScan s;
  s.scanned_text =
      "CÔNG AN: chuyển tiền \"ngay\"\\ vào http://x.top/a \xff " + std::string(300, 'z');
  s.index_version = 42;
  scan::ScanResult& r = s.result;
  r.score = 97;
  r.verdict = scan::Verdict::kScam;
  r.category = "police_impersonation";
  r.category_label_vi = "Giả danh công an";
  r.category_label_en = "Fake police";
  r.advice_vi = "Đừng chuyển tiền.";
  r.advice_en = "Do not pay.";
  r.classifier_probability = 0.9362918842706587;
  r.invalid_utf8 = true;
  r.reasons.push_back(
      {"indicator.dangerous", "phishing", 97, 40, 54, "Đường link...", "The link..."});
  r.reasons.push_back(
      {"police.transfer", "police_impersonation", 45, 0, 30, "Tin nhắn\n\"giả\"", "Fake\tpolice"});
  r.reasons.push_back({"classifier", "", 80, 0, s.scanned_text.size(), "Giống", "Alike"});
  scan::ScannedIndicator found;
  found.extracted.indicator.kind = indicator::Kind::kUrl;
  found.extracted.indicator.canonical = "http://x.top/a";
  found.extracted.raw = "http://x.top/a\xfe";
  found.extracted.start = 40;
  found.extracted.end = 54;
  found.check.verdict = index::Verdict::kDangerous;
  found.check.categories = {"phishing"};
  found.check.matches = {{"x.top/", "phishing", "binhyen", index::Trust::kHigh, 1, ""}};
  r.indicators.push_back(found);
  if (from_image) {
    s.from_image = true;
    s.ocr_text = "CÔNG AN";
    s.ocr_timed_out = true;
    s.qr.push_back({"https://x.top/", std::nullopt});
    evidence::VietQr v;
    v.bin = "970436";
    v.account = "0123456789";
    v.amount = "100000";
    v.note = "chuyen tien";
    s.qr.push_back({"000201...", v});
  }
  return s;
}

TEST(ScanJsonTest, TextMatchesTheTreeMemberForMember) {
  for (bool image : {false, true}) {
    const service::MessageScan s = Sample(image);
    std::string text;
    AppendScanJson(s, &text);
    const json parsed = json::parse(text, nullptr, false);
    ASSERT_FALSE(parsed.is_discarded()) << text;
    EXPECT_EQ(parsed, ScanJson(s)) << text;
    // Members in the tree's (sorted) order, so the text is the tree's dump too.
    EXPECT_EQ(text, ScanJson(s).dump(-1, ' ', false, json::error_handler_t::replace));
  }
}

TEST(ScanJsonTest, AWholeProbabilityAndAnEmptyScanAreWrittenAsTheTreeDoes) {
  service::MessageScan s;
  s.result.classifier_probability = 1.0;
  std::string text;
  AppendScanJson(s, &text);
  EXPECT_EQ(text, ScanJson(s).dump());
  EXPECT_NE(text.find("\"classifier_probability\":1.0"), std::string::npos);
}

TEST(ScanJsonTest, BatchLineHasTheIdAndTheListedMembers) {
  const service::MessageScan s = Sample(false);
  std::string line;
  AppendScanBatchJson(json("msg-7"), s, &line);
  const json full = ScanJson(s);
  const json expected = {{"id", "msg-7"},
                         {"score", full["score"]},
                         {"verdict", full["verdict"]},
                         {"category", full["category"]},
                         {"reasons", full["reasons"]},
                         {"indicators", full["indicators"]}};
  EXPECT_EQ(line, expected.dump(-1, ' ', false, json::error_handler_t::replace));
}

}  // namespace
}  // namespace binhyen::api
