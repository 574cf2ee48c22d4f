#include "evidence/screenshot.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "evidence/testing/ocr_fixture.h"
#include "evidence/testing/test_images.h"
#include "text/fold.h"

namespace binhyen::evidence {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing::ReadFile;
using testing::TempDir;

constexpr std::string_view kVietQr =
    "00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA53037045405100005802VN6"
    "2150811Chuyen tien630453E6";

class ScreenshotTest : public testing::OcrFixture {};

TEST_F(ScreenshotTest, ChatWithAVietQrCode) {
  std::string qr = testing::QrImage(dir_, "qr.png", kVietQr, 4);
  std::string shot = testing::ChatScreenshot(dir_, "shot.png", false, qr);
  auto a = AnalyzeScreenshot(*engine_, ReadFile(shot), ImageLimits{});
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_FALSE(a->ocr_timed_out);
  EXPECT_THAT(text::FoldVietnamese(a->ocr_text), HasSubstr("can bo cong an"));
  EXPECT_THAT(a->ocr_text, HasSubstr("0071000986547"));
  EXPECT_GT(a->ocr_confidence, 50);
  EXPECT_THAT(a->qr_payloads, ElementsAre(kVietQr));
  ASSERT_EQ(a->vietqr.size(), 1u);
  const VietQr& v = a->vietqr.front();
  EXPECT_EQ(v.bin, "970416");
  EXPECT_EQ(v.account, "257678859");
  ASSERT_TRUE(v.indicator.has_value());
  EXPECT_EQ(v.indicator->canonical, "970416:257678859");
}

TEST_F(ScreenshotTest, OtherQrCodesAreKeptButAreNotVietQr) {
  std::string qr = testing::QrImage(dir_, "qr.png", "http://dichvucong-gov.top/app.apk", 4);
  std::string shot = testing::ChatScreenshot(dir_, "shot.png", true, qr);
  auto a = AnalyzeScreenshot(*engine_, ReadFile(shot), ImageLimits{});
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_THAT(a->qr_payloads, ElementsAre("http://dichvucong-gov.top/app.apk"));
  EXPECT_THAT(a->vietqr, IsEmpty());
  EXPECT_THAT(a->ocr_text, HasSubstr("0912345678"));
}

TEST_F(ScreenshotTest, LimitsComeFirst) {
  std::string shot = testing::TextImage(dir_, "t.png", "abc");
  ImageLimits limits;
  limits.max_bytes = 10;
  auto a = AnalyzeScreenshot(*engine_, ReadFile(shot), limits);
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().code(), base::StatusCode::kPayloadTooLarge);
  a = AnalyzeScreenshot(*engine_, "GIF89a", ImageLimits{});
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().code(), base::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace binhyen::evidence
