#include "evidence/image.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "crypto/random.h"
#include "evidence/testing/test_images.h"

namespace binhyen::evidence {
namespace {

using ::testing::HasSubstr;
using testing::ReadFile;
using testing::TempDir;
using testing::TextImage;

uint32_t Crc32(std::string_view data) {
  uint32_t crc = 0xFFFFFFFF;
  for (unsigned char b : data) {
    crc ^= b;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320 & (0 - (crc & 1)));
  }
  return ~crc;
}

void PutBe32(std::string& s, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) s += static_cast<char>((v >> shift) & 0xFF);
}

void PutLe16(std::string& s, uint32_t v) {
  s += static_cast<char>(v & 0xFF);
  s += static_cast<char>((v >> 8) & 0xFF);
}

void PutLe32(std::string& s, uint32_t v) {
  PutLe16(s, v & 0xFFFF);
  PutLe16(s, v >> 16);
}

std::string PngChunk(std::string_view type, std::string_view data) {
  std::string out;
  PutBe32(out, static_cast<uint32_t>(data.size()));
  std::string body = std::string(type) + std::string(data);
  out += body;
  PutBe32(out, Crc32(body));
  return out;
}

// A PNG whose header claims width x height (8-bit RGB) and which has no pixel data at all.
std::string PngHeaderOnly(uint32_t width, uint32_t height) {
  std::string ihdr;
  PutBe32(ihdr, width);
  PutBe32(ihdr, height);
  ihdr += std::string("\x08\x02\x00\x00\x00", 5);
  return std::string("\x89PNG\r\n\x1a\n", 8) + PngChunk("IHDR", ihdr) + PngChunk("IEND", "");
}

TEST(ImageInfoTest, OversizedPngHeaderIsRefusedWithoutDecoding) {
  auto info = ReadImageInfo(PngHeaderOnly(10000, 5000), ImageLimits{});
  ASSERT_FALSE(info.ok());
  EXPECT_EQ(info.status().code(), base::StatusCode::kPayloadTooLarge);
  EXPECT_EQ(info.status().message(),
            "image is 10000x5000 = 50000000 pixels, the limit is 40000000");
  // Image::Decode stops at the same check (there are no pixels to decode anyway).
  auto image = Image::Decode(PngHeaderOnly(10000, 5000), ImageLimits{});
  ASSERT_FALSE(image.ok());
  EXPECT_EQ(image.status().code(), base::StatusCode::kPayloadTooLarge);
}

TEST(ImageInfoTest, HeaderWithinLimitsButNoPixelsIsInvalid) {
  auto info = ReadImageInfo(PngHeaderOnly(100, 50), ImageLimits{});
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  EXPECT_EQ(info->format, ImageFormat::kPng);
  EXPECT_EQ(info->width, 100);
  EXPECT_EQ(info->height, 50);
  auto image = Image::Decode(PngHeaderOnly(100, 50), ImageLimits{});
  ASSERT_FALSE(image.ok());
  EXPECT_EQ(image.status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(image.status().message(), "cannot decode the png image");
}

TEST(ImageInfoTest, ByteLimit) {
  ImageLimits limits;
  limits.max_bytes = 100;
  auto info = ReadImageInfo(std::string(101, 'x'), limits);
  ASSERT_FALSE(info.ok());
  EXPECT_EQ(info.status().code(), base::StatusCode::kPayloadTooLarge);
  EXPECT_EQ(info.status().message(), "image is 101 bytes, the limit is 100");
}

TEST(ImageInfoTest, OversizedBmpHeader) {
  std::string bmp = "BM";
  PutLe32(bmp, 54);  // file size (a lie; not read)
  PutLe32(bmp, 0);
  PutLe32(bmp, 54);  // pixel data offset
  PutLe32(bmp, 40);  // BITMAPINFOHEADER
  PutLe32(bmp, 10000);
  PutLe32(bmp, static_cast<uint32_t>(-5000));  // top-down rows
  PutLe16(bmp, 1);
  PutLe16(bmp, 24);
  bmp += std::string(24, '\0');
  auto info = ReadImageInfo(bmp, ImageLimits{});
  ASSERT_FALSE(info.ok());
  EXPECT_EQ(info.status().code(), base::StatusCode::kPayloadTooLarge);
  EXPECT_EQ(info.status().message(),
            "image is 10000x5000 = 50000000 pixels, the limit is 40000000");
}

TEST(ImageInfoTest, GifFramesAreCountedNotJustTheScreen) {
  std::string gif = "GIF89a";
  PutLe16(gif, 10);  // logical screen 10x10
  PutLe16(gif, 10);
  gif += std::string("\x00\x00\x00", 3);
  gif += std::string("\x21\xF9\x04\x00\x00\x00\x00\x00", 8);  // graphic control extension
  gif += '\x2C';
  PutLe16(gif, 0);
  PutLe16(gif, 0);
  PutLe16(gif, 8000);  // one frame 8000x6000, far outside the screen
  PutLe16(gif, 6000);
  gif += std::string("\x00\x02\x00\x3B", 4);
  auto info = ReadImageInfo(gif, ImageLimits{});
  ASSERT_FALSE(info.ok());
  EXPECT_EQ(info.status().code(), base::StatusCode::kPayloadTooLarge);
  EXPECT_EQ(info.status().message(), "image frames total 48000000 pixels, the limit is 40000000");
}

TEST(ImageInfoTest, NotAnImage) {
  crypto::FakeRandom random(7);
  std::vector<uint8_t> buf(4096);
  random.Fill(buf);
  std::string noise(buf.begin(), buf.end());
  auto info = ReadImageInfo(noise, ImageLimits{});
  ASSERT_FALSE(info.ok());
  EXPECT_EQ(info.status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(info.status().message(), "not an image");
  EXPECT_EQ(ReadImageInfo("%PDF-1.7\n", ImageLimits{}).status().message(), "not an image");
  EXPECT_EQ(ReadImageInfo("", ImageLimits{}).status().message(), "not an image");
}

TEST(ImageInfoTest, HeicIsRecognisedButUnsupported) {
  std::string heic(
      "\x00\x00\x00\x18"
      "ftypheic\x00\x00\x00\x00"
      "mif1heic",
      24);
  auto info = ReadImageInfo(heic, ImageLimits{});
  ASSERT_FALSE(info.ok());
  EXPECT_EQ(info.status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(info.status().message(), "unsupported image format heic");
}

TEST(ImageDecodeTest, EveryFormatDecodes) {
  TempDir dir;
  std::string png = TextImage(dir, "text.png", "Chuyển khoản ngay", false, 300, 80, 24);
  const std::pair<std::string, ImageFormat> kFormats[] = {
      {"png", ImageFormat::kPng}, {"jpg", ImageFormat::kJpeg}, {"webp", ImageFormat::kWebp},
      {"gif", ImageFormat::kGif}, {"bmp", ImageFormat::kBmp},  {"tiff", ImageFormat::kTiff},
  };
  for (const auto& [ext, format] : kFormats) {
    SCOPED_TRACE(ext);
    std::string file = dir.File("text." + ext);
    if (ext != "png") {
      // Leptonica reads only uncompressed BMP files.
      std::string options = ext == "bmp" ? " -compress none -type truecolor " : " ";
      ASSERT_TRUE(testing::Run("convert " + png + options + file));
    }
    std::string bytes = ReadFile(file);
    auto info = ReadImageInfo(bytes, ImageLimits{});
    ASSERT_TRUE(info.ok()) << info.status().ToString();
    EXPECT_EQ(info->format, format);
    EXPECT_EQ(ImageFormatName(info->format), ext == "jpg" ? "jpeg" : ext);
    EXPECT_EQ(info->width, 300);
    EXPECT_EQ(info->height, 80);
    auto image = Image::Decode(bytes, ImageLimits{});
    ASSERT_TRUE(image.ok()) << image.status().ToString();
    EXPECT_EQ(image->width(), 300);
    EXPECT_EQ(image->height(), 80);
    auto gray = ToGray(*image);
    ASSERT_TRUE(gray.ok());
    EXPECT_EQ(gray->depth(), 8);
  }
}

TEST(ImageDecodeTest, CompressedBmpIsUnsupported) {
  TempDir dir;
  std::string png = TextImage(dir, "t.png", "abc", false, 300, 80, 24);
  ASSERT_TRUE(testing::Run("convert " + png + " -type palette -compress rle " + dir.File("t.bmp")));
  auto info = ReadImageInfo(ReadFile(dir.File("t.bmp")), ImageLimits{});
  ASSERT_FALSE(info.ok());
  EXPECT_EQ(info.status().message(), "unsupported image format: compressed bmp");
}

TEST(ImageDecodeTest, TruncatedJpegIsInvalidOrPartial) {
  TempDir dir;
  std::string png = TextImage(dir, "t.png", "abc", false, 300, 80, 24);
  ASSERT_TRUE(testing::Run("convert " + png + " " + dir.File("t.jpg")));
  std::string bytes = ReadFile(dir.File("t.jpg"));
  // Only the header survives: the size is known, the pixels are not.
  auto image = Image::Decode(bytes.substr(0, 200), ImageLimits{});
  if (!image.ok()) {
    EXPECT_EQ(image.status().code(), base::StatusCode::kInvalidArgument);
  } else {
    EXPECT_EQ(image->width(), 300);  // libjpeg pads a truncated scan with grey
  }
}

TEST(PreprocessTest, LightAndDarkComeOutTheSame) {
  TempDir dir;
  auto light = Image::Decode(ReadFile(TextImage(dir, "l.png", "Công an", false, 1200, 200)), {});
  auto dark = Image::Decode(ReadFile(TextImage(dir, "d.png", "Công an", true, 1200, 200)), {});
  ASSERT_TRUE(light.ok());
  ASSERT_TRUE(dark.ok());
  OcrPreprocessing l;
  OcrPreprocessing d;
  auto pl = PreprocessForOcr(*light, &l);
  auto pd = PreprocessForOcr(*dark, &d);
  ASSERT_TRUE(pl.ok());
  ASSERT_TRUE(pd.ok());
  EXPECT_FALSE(l.dark_mode);
  EXPECT_TRUE(d.dark_mode);
  EXPECT_GT(l.mean_luminance, 200);
  EXPECT_LT(d.mean_luminance, 100);
  EXPECT_EQ(l.scale, 1);
  EXPECT_EQ(pl->depth(), 8);
  EXPECT_EQ(pl->width(), 1200);
  // Both become dark strokes on a white page: mostly white.
  for (const Image* p : {&*pl, &*pd}) {
    auto again = PreprocessForOcr(*p, &l);
    ASSERT_TRUE(again.ok());
    EXPECT_GT(l.mean_luminance, 230);
  }
}

TEST(PreprocessTest, SmallImagesAreUpscaled) {
  TempDir dir;
  auto small = Image::Decode(ReadFile(TextImage(dir, "s.png", "abc", false, 400, 100, 14)), {});
  ASSERT_TRUE(small.ok());
  OcrPreprocessing report;
  auto p = PreprocessForOcr(*small, &report);
  ASSERT_TRUE(p.ok());
  EXPECT_DOUBLE_EQ(report.scale, 2.5);
  EXPECT_EQ(p->width(), 1000);
  EXPECT_EQ(p->height(), 250);
}

}  // namespace
}  // namespace binhyen::evidence
