#include "evidence/qr.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "evidence/testing/test_images.h"
#include "evidence/vietqr.h"

namespace binhyen::evidence {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::QrImage;
using testing::ReadFile;
using testing::TempDir;

// A VietQR payload of the test vectors (ACB 257678859, 10,000 VND, "Chuyen tien").
constexpr std::string_view kVietQr =
    "00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA53037045405100005802VN6"
    "2150811Chuyen tien630453E6";

TEST(QrTest, FindsAUrl) {
  TempDir dir;
  std::string png = QrImage(dir, "url.png", "http://vcb-xacminh.top/dang-nhap");
  auto found = DecodeQrCodes(ReadFile(png), ImageLimits{});
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_THAT(*found, ElementsAre("http://vcb-xacminh.top/dang-nhap"));
}

TEST(QrTest, VietQrAllTheWayToTheBankAccount) {
  TempDir dir;
  std::string png = QrImage(dir, "vietqr.png", kVietQr);
  auto found = DecodeQrCodes(ReadFile(png), ImageLimits{});
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_THAT(*found, ElementsAre(kVietQr));
  auto qr = ParseVietQr(found->front());
  ASSERT_TRUE(qr.ok()) << qr.status().ToString();
  ASSERT_TRUE(qr->indicator.has_value());
  EXPECT_EQ(qr->indicator->kind, indicator::Kind::kBankAccount);
  EXPECT_EQ(qr->indicator->canonical, "970416:257678859");
  EXPECT_EQ(qr->indicator->Attribute("bank"), "ACB");
  EXPECT_EQ(qr->amount, "10000");
}

TEST(QrTest, VietnameseUtf8PayloadIsKeptAsIs) {
  TempDir dir;
  std::string png = QrImage(dir, "vi.png", "Chuyển tiền cho cán bộ điều tra");
  auto found = DecodeQrCodes(ReadFile(png), ImageLimits{});
  ASSERT_TRUE(found.ok());
  EXPECT_THAT(*found, ElementsAre("Chuyển tiền cho cán bộ điều tra"));
}

TEST(QrTest, TwoCodesInOneImageInverted) {
  TempDir dir;
  std::string a = QrImage(dir, "a.png", "https://a.example/1");
  std::string b = QrImage(dir, "b.png", "https://b.example/2");
  std::string both = dir.File("both.png");
  ASSERT_TRUE(testing::Run("convert " + a + " " + b + " +append " + both));
  auto found = DecodeQrCodes(ReadFile(both), ImageLimits{});
  ASSERT_TRUE(found.ok());
  EXPECT_THAT(*found,
              ::testing::UnorderedElementsAre("https://a.example/1", "https://b.example/2"));

  // Dark mode: a light code on a dark background.
  std::string negated = dir.File("neg.png");
  ASSERT_TRUE(testing::Run("convert " + a + " -negate " + negated));
  found = DecodeQrCodes(ReadFile(negated), ImageLimits{});
  ASSERT_TRUE(found.ok());
  EXPECT_THAT(*found, ElementsAre("https://a.example/1"));
}

TEST(QrTest, JpegPhotoOfACodeInsideAScreenshot) {
  TempDir dir;
  std::string qr = QrImage(dir, "q.png", kVietQr, 4);
  std::string shot = dir.File("shot.jpg");
  ASSERT_TRUE(testing::Run("convert -size 1080x1600 xc:'#f4f4f4' " + qr +
                           " -geometry +300+500 -composite -quality 80 " + shot));
  auto found = DecodeQrCodes(ReadFile(shot), ImageLimits{});
  ASSERT_TRUE(found.ok());
  EXPECT_THAT(*found, ElementsAre(kVietQr));
}

TEST(QrTest, NoCodeGivesAnEmptyList) {
  TempDir dir;
  std::string png = testing::TextImage(dir, "t.png", "Không có mã QR ở đây");
  auto found = DecodeQrCodes(ReadFile(png), ImageLimits{});
  ASSERT_TRUE(found.ok());
  EXPECT_THAT(*found, IsEmpty());
}

TEST(QrTest, LimitsAndGarbage) {
  auto r = DecodeQrCodes("definitely not an image", ImageLimits{});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), base::StatusCode::kInvalidArgument);
  TempDir dir;
  std::string png = QrImage(dir, "url.png", "https://example.com/");
  ImageLimits tiny;
  tiny.max_pixels = 100;
  r = DecodeQrCodes(ReadFile(png), tiny);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), base::StatusCode::kPayloadTooLarge);
}

}  // namespace
}  // namespace binhyen::evidence
