#include "evidence/ocr.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "evidence/testing/ocr_fixture.h"
#include "evidence/testing/test_images.h"
#include "text/fold.h"
#include "text/normalize.h"

namespace binhyen::evidence {
namespace {

using testing::ChatLines;
using testing::ChatScreenshot;
using ::testing::HasSubstr;
using testing::ReadFile;
using testing::TempDir;
using testing::TextImage;

std::vector<std::string> FoldedWords(std::string_view s) {
  std::istringstream in(text::FoldVietnamese(s));
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

// How many of `expected`'s folded words the OCR text has (OCR is not exact: words, not text).
double WordRecall(std::string_view ocr_text, std::string_view expected) {
  std::vector<std::string> got = FoldedWords(ocr_text);
  std::set<std::string> have(got.begin(), got.end());
  std::vector<std::string> want = FoldedWords(expected);
  size_t found = 0;
  for (const std::string& w : want) found += have.count(w);
  return want.empty() ? 1 : static_cast<double>(found) / want.size();
}

// A clock whose monotonic time moves 1 ms every time it is read: the OCR deadline then falls
// after a fixed number of tesseract's between-word checks, whatever the machine's speed.
class TickingClock final : public base::Clock {
 public:
  base::TimePoint Now() const override { return base::TimePoint(); }
  std::chrono::steady_clock::time_point MonotonicNow() const override {
    return std::chrono::steady_clock::time_point(std::chrono::milliseconds(ticks_++));
  }

 private:
  mutable std::atomic<int64_t> ticks_{0};
};

class OcrTest : public testing::OcrFixture {};

TEST_F(OcrTest, VietnameseLine) {
  std::string png = TextImage(dir_, "light.png", "Công an yêu cầu chuyển tiền");
  auto r = engine_->Recognize(ReadFile(png), ImageLimits{});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->timed_out);
  EXPECT_GE(WordRecall(r->text, "Công an yêu cầu chuyển tiền"), 0.8) << r->text;
  EXPECT_GT(r->mean_confidence, 50);
  EXPECT_LE(r->mean_confidence, 100);
  EXPECT_EQ(r->text, text::Nfc(r->text));
  EXPECT_EQ(r->text.find('\n'), std::string::npos) << r->text;  // one line in, one line out
}

TEST_F(OcrTest, DarkMode) {
  std::string png = TextImage(dir_, "dark.png", "Công an yêu cầu chuyển tiền", /*dark=*/true);
  auto r = engine_->Recognize(ReadFile(png), ImageLimits{});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_GE(WordRecall(r->text, "Công an yêu cầu chuyển tiền"), 0.8) << r->text;
}

TEST_F(OcrTest, SmallThumbnailIsUpscaled) {
  std::string png = TextImage(dir_, "small.png", "Tài khoản bị khóa", false, 360, 60, 16);
  auto r = engine_->Recognize(ReadFile(png), ImageLimits{});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_GE(WordRecall(r->text, "Tài khoản bị khóa"), 0.75) << r->text;
}

TEST_F(OcrTest, ChatScreenshotLightAndDark) {
  std::string all;
  for (const std::string& line : ChatLines()) all += line + "\n";
  for (bool dark : {false, true}) {
    SCOPED_TRACE(dark ? "dark" : "light");
    std::string png = ChatScreenshot(dir_, dark ? "d.png" : "l.png", dark);
    auto r = engine_->Recognize(ReadFile(png), ImageLimits{});
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_GE(WordRecall(r->text, all), 0.9) << r->text;
    // The account number and the phone number survive exactly (the scanner extracts them).
    EXPECT_THAT(r->text, HasSubstr("0071000986547"));
    EXPECT_THAT(r->text, HasSubstr("0912345678"));
    // White text on the blue bubble is read too.
    EXPECT_GE(WordRecall(r->text, "Tôi phải làm gì bây giờ"), 0.8) << r->text;
    EXPECT_GT(std::count(r->text.begin(), r->text.end(), '\n'), 8);
  }
}

TEST_F(OcrTest, TinyDeadlineTimesOut) {
  OcrOptions options;
  options.deadline = std::chrono::milliseconds(1);
  auto engine = OcrEngine::Create(options);
  ASSERT_TRUE(engine.ok());
  std::string png = ChatScreenshot(dir_, "big.png");
  // Decoding a 1080x2400 PNG alone takes longer than 1 ms: nothing is read, and it is no error.
  auto r = (*engine)->Recognize(ReadFile(png), ImageLimits{});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->timed_out);
}

TEST_F(OcrTest, DeadlineMidwayGivesPartialText) {
  TickingClock clock;
  OcrOptions options;
  // The clock is read once when the call starts, once before recognition, then by tesseract's
  // cancel check (once per text line with the LSTM engine): it stops after about ten lines of
  // the fifteen.
  options.deadline = std::chrono::milliseconds(12);
  auto engine = OcrEngine::Create(options, clock);
  ASSERT_TRUE(engine.ok());
  std::string png = ChatScreenshot(dir_, "partial.png");
  auto r = (*engine)->Recognize(ReadFile(png), ImageLimits{});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->timed_out);
  EXPECT_GE(WordRecall(r->text, "Chào anh, tôi là cán bộ công an"), 0.8) << r->text;
  EXPECT_EQ(r->text.find("0912345678"), std::string::npos) << r->text;  // the last line
}

TEST_F(OcrTest, ConcurrentCallsShareThePool) {
  std::string bytes = ReadFile(TextImage(dir_, "c.png", "Xác minh tài khoản ngân hàng"));
  std::vector<std::string> texts(4);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < texts.size(); ++i) {
    threads.emplace_back([&, i] {
      auto r = engine_->Recognize(bytes, ImageLimits{});
      texts[i] = r.ok() ? r->text : r.status().ToString();
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_GE(WordRecall(texts[0], "Xác minh tài khoản ngân hàng"), 0.8) << texts[0];
  for (const std::string& t : texts) EXPECT_EQ(t, texts[0]);
}

TEST_F(OcrTest, BadInput) {
  auto r = engine_->Recognize("\x01\x02 random bytes, not an image", ImageLimits{});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), base::StatusCode::kInvalidArgument);
  ImageLimits limits;
  limits.max_pixels = 1000;
  r = engine_->Recognize(ReadFile(TextImage(dir_, "x.png", "x")), limits);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), base::StatusCode::kPayloadTooLarge);
  EXPECT_EQ(r.status().message(), "image is 900x200 = 180000 pixels, the limit is 1000");
}

TEST(OcrCreateTest, MissingLanguageNamesThePackage) {
  TempDir dir;
  std::filesystem::create_symlink(std::filesystem::path(kDebianTessdataDir) / "eng.traineddata",
                                  dir.path() / "eng.traineddata");
  OcrOptions options;
  options.tessdata_dir = dir.path().string();
  auto engine = OcrEngine::Create(options);
  ASSERT_FALSE(engine.ok());
  EXPECT_EQ(engine.status().code(), base::StatusCode::kFailedPrecondition);
  EXPECT_EQ(engine.status().message(), "tesseract language data " + dir.File("vie.traineddata") +
                                           " not found: install the Debian package "
                                           "tesseract-ocr-vie");
  options.languages = "eng";  // what is there loads
  EXPECT_TRUE(OcrEngine::Create(options).ok());
}

TEST(OcrCreateTest, BadOptions) {
  OcrOptions options;
  options.languages = "vie+../etc";
  auto engine = OcrEngine::Create(options);
  ASSERT_FALSE(engine.ok());
  EXPECT_EQ(engine.status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(engine.status().message(), "malformed OCR language list \"vie+../etc\"");
  options.languages = "";
  EXPECT_EQ(OcrEngine::Create(options).status().message(), "no OCR language given");
  options.languages = "eng";
  options.max_instances = 0;
  EXPECT_EQ(OcrEngine::Create(options).status().message(), "OCR max_instances must be at least 1");
}

}  // namespace
}  // namespace binhyen::evidence
