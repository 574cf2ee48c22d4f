// POST /api/v1/scan over real HTTP on port 0: a pasted message and a screenshot (rendered in the
// test with ImageMagick and qrencode), with the indicators answered from the reputation index.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "app/testing/api_requests.h"
#include "app/testing/test_server.h"
#include "evidence/testing/test_images.h"
#include "evidence/vietqr.h"

namespace binhyen::app {
namespace {

using http::Method;
using nlohmann::json;
using testing::Call;
using ::testing::HasSubstr;
using testing::TestServer;

class ScanHttpTest : public ::testing::Test {
 protected:
  ScanHttpTest() {
    s_.AddUser("an.phantich", "analyst");
    analyst_ = TestServer::Bearer(s_.Token("an.phantich", {"reports:read", "reports:triage"}));
  }

  // Files a report about `indicators` and confirms it.
  void Confirm(const json& indicators) {
    testing::FileAndConfirm(s_, indicators, analyst_,
                            "Tin nhắn giả công an yêu cầu chuyển tiền vào tài khoản");
    ASSERT_TRUE(s_.app().reputation().Refresh().ok());
  }

  Call Scan(const std::string& text) {
    return s_.Json(Method::kPost, "/api/v1/scan", {{"text", text}});
  }

  Call ScanImage(const std::string& bytes) {
    return s_.Send(Method::kPost, "/api/v1/scan", testing::MultipartType(),
                   ImageBody("image", "shot.png", bytes));
  }

  // A multipart body with one file part called `field`.
  static std::string ImageBody(const std::string& field, const std::string& filename,
                               const std::string& bytes) {
    const std::string b(testing::kBoundary);
    return "--" + b + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" +
           filename + "\"\r\nContent-Type: image/png\r\n\r\n" + bytes + "\r\n--" + b + "--\r\n";
  }

  TestServer s_;
  http::Headers analyst_;
};

TEST_F(ScanHttpTest, APastedScamGetsAVerdictReasonsAndAdvice) {
  Confirm({{{"kind", "url"}, {"value", "https://congan-xacminh.top/ho-so"}}});
  const std::string text =
      "CÔNG AN TP: Bạn liên quan vụ án rửa tiền, yêu cầu chuyển toàn bộ tiền vào tài khoản tạm "
      "giữ để xác minh. Khai báo tại https://congan-xacminh.top/ho-so";
  Call r = Scan(text);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json["verdict"], "scam");
  EXPECT_GE(int(r.json["score"]), 97);
  EXPECT_FALSE(std::string(r.json["category"]).empty());
  EXPECT_FALSE(std::string(r.json["advice"]["vi"]).empty());
  EXPECT_EQ(r.json["index_version"], s_.app().reputation().view()->version());
  EXPECT_EQ(r.headers.Get("Cache-Control").value_or(""), "no-store");
  // The confirmed link is found and named, with its span in the text as sent.
  bool link = false;
  for (const json& i : r.json["indicators"]) {
    if (i["kind"] == "url") {
      link = true;
      EXPECT_EQ(i["canonical"], "https://congan-xacminh.top/ho-so");
      EXPECT_EQ(i["verdict"], "dangerous");
      const size_t begin = i["span"][0];
      const size_t end = i["span"][1];
      EXPECT_EQ(text.substr(begin, end - begin), "https://congan-xacminh.top/ho-so");
    }
  }
  EXPECT_TRUE(link) << r.body;
  // Every reason has a rule, a span of the text, its excerpt and both languages.
  ASSERT_GE(r.json["reasons"].size(), 2u) << r.body;
  EXPECT_EQ(r.json["reasons"][0]["rule"], "indicator.dangerous");
  for (const json& reason : r.json["reasons"]) {
    const size_t begin = reason["span"][0];
    const size_t end = reason["span"][1];
    ASSERT_LE(end, text.size());
    if (end - begin <= 200) {
      EXPECT_EQ(reason["excerpt"], text.substr(begin, end - begin));
    }
    EXPECT_FALSE(std::string(reason["explanation"]["vi"]).empty()) << reason;
    EXPECT_FALSE(std::string(reason["explanation"]["en"]).empty()) << reason;
  }
  EXPECT_FALSE(r.json.contains("ocr_text"));
}

TEST_F(ScanHttpTest, AnOrdinaryMessageIsLeftAlone) {
  Call r = Scan("Mẹ ơi tối nay con về ăn cơm, mẹ nấu canh chua nhé.");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json["verdict"], "clean");
  EXPECT_LT(int(r.json["score"]), 40);
  EXPECT_EQ(r.json["category"], "");
  EXPECT_THAT(std::string(r.json["advice"]["vi"]), HasSubstr("chưa chắc là an toàn"));
}

TEST_F(ScanHttpTest, BadInputGetsAClearProblem) {
  EXPECT_EQ(Scan("").status, 422);
  Call not_string = s_.Json(Method::kPost, "/api/v1/scan", {{"text", 12}});
  EXPECT_EQ(not_string.status, 422);
  EXPECT_EQ(not_string.json["errors"][0]["field"], "text");
  EXPECT_EQ(s_.Json(Method::kPost, "/api/v1/scan", {{"text", "x"}, {"extra", 1}}).status, 422);
  Call too_long = Scan(std::string(64 * 1024 + 1, 'a'));
  EXPECT_EQ(too_long.status, 413);
  EXPECT_EQ(too_long.json["code"], "too_large");
  EXPECT_FALSE(std::string(too_long.json["detail_vi"]).empty());
  Call plain = s_.Send(Method::kPost, "/api/v1/scan", testing::ContentType("text/plain"), "hello");
  EXPECT_EQ(plain.status, 415);
  // A multipart request without an image field, and one whose image is not an image.
  Call no_image = s_.Send(Method::kPost, "/api/v1/scan", testing::MultipartType(),
                          testing::Multipart({{"text", "hello"}}));
  EXPECT_EQ(no_image.status, 422);
  EXPECT_EQ(no_image.json["errors"][0]["field"], "image");
  Call garbage = ScanImage("this is not a picture at all");
  EXPECT_EQ(garbage.status, 422);
  EXPECT_EQ(garbage.json["errors"][0]["field"], "image");
}

TEST_F(ScanHttpTest, AnImageOverThePixelLimitIs413BeforeDecoding) {
  // A PNG header that claims 10000 x 5000 pixels (50 megapixels), with no pixel data behind it.
  auto be32 = [](uint32_t v) {
    return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16),
                       static_cast<char>(v >> 8), static_cast<char>(v)};
  };
  auto chunk = [&be32](const std::string& type, const std::string& data) {
    uint32_t crc = 0xFFFFFFFF;  // CRC-32 (ISO-HDLC) over type and data, as PNG requires
    for (unsigned char c : type + data) {
      crc ^= c;
      for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320 & (0 - (crc & 1)));
    }
    return be32(static_cast<uint32_t>(data.size())) + type + data + be32(~crc);
  };
  const std::string png =
      std::string("\x89PNG\r\n\x1a\n", 8) +
      chunk("IHDR", be32(10000) + be32(5000) + std::string("\x08\x02\0\0\0", 5)) +
      chunk("IEND", "");
  Call r = ScanImage(png);
  EXPECT_EQ(r.status, 413) << r.body;
  EXPECT_EQ(r.json["code"], "too_large");
}

TEST_F(ScanHttpTest, AScreenshotIsReadAndItsVietQrAccountChecked) {
  Confirm({{{"kind", "bank_account"}, {"value", "Vietcombank 0123456789"}}});
  evidence::testing::TempDir dir;
  const std::string text_png = evidence::testing::TextImage(
      dir, "text.png", "CÔNG AN yêu cầu chuyển tiền vào tài khoản tạm giữ", false, 1100, 200, 34);
  // A VietQR transfer code to the confirmed account, placed under the text.
  auto tlv = [](std::string tag, std::string value) {
    const std::string length = (value.size() < 10 ? "0" : "") + std::to_string(value.size());
    return tag + length + value;
  };
  const std::string beneficiary = tlv("00", "970436") + tlv("01", "0123456789");
  const std::string napas =
      tlv("00", "A000000727") + tlv("01", beneficiary) + tlv("02", "QRIBFTTA");
  base::Result<std::string> payload =
      evidence::EncodeEmv({{"00", "01"}, {"01", "12"}, {"38", napas}, {"53", "704"}, {"58", "VN"}});
  ASSERT_TRUE(payload.ok()) << payload.status().ToString();
  ASSERT_TRUE(evidence::ParseVietQr(*payload).ok());
  const std::string qr_png = evidence::testing::QrImage(dir, "qr.png", *payload, 4);
  const std::string shot = dir.File("shot.png");
  ASSERT_TRUE(evidence::testing::Run("convert " + text_png + " " + qr_png +
                                     " -background white -gravity west -append " + shot));
  Call r = ScanImage(evidence::testing::ReadFile(shot));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_THAT(std::string(r.json["ocr_text"]), HasSubstr("chuyển tiền"));
  EXPECT_EQ(r.json["ocr_timed_out"], false);
  ASSERT_EQ(r.json["qr"].size(), 1u) << r.body;
  EXPECT_EQ(r.json["qr"][0]["vietqr"]["bin"], "970436");
  EXPECT_EQ(r.json["qr"][0]["vietqr"]["account"], "0123456789");
  EXPECT_EQ(r.json["qr"][0]["vietqr"]["bank"], "Vietcombank");
  // The account of the QR code is looked up like any other: it is the confirmed one.
  bool account = false;
  for (const json& i : r.json["indicators"]) {
    if (i["kind"] == "bank_account" && i["canonical"] == "970436:0123456789") {
      account = true;
      EXPECT_EQ(i["verdict"], "dangerous");
    }
  }
  EXPECT_TRUE(account) << r.body;
  EXPECT_EQ(r.json["verdict"], "scam");
  // The spans refer to the scanned text: the OCR text and a line per QR code.
  const std::string scanned = r.json["scanned_text"];
  EXPECT_THAT(scanned, HasSubstr("QR chuyển khoản: STK 0123456789 Vietcombank"));
  for (const json& reason : r.json["reasons"]) {
    EXPECT_LE(size_t(reason["span"][1]), scanned.size());
  }
}

TEST_F(ScanHttpTest, ScansHaveTheirOwnRateLimit) {
  TestServer limited([](ServeConfig& c) {
    c.scans_per_minute = 1;
    c.scans_burst = 2;
  });
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(limited.Json(Method::kPost, "/api/v1/scan", {{"text", "xin chao"}}).status, 200);
  }
  Call refused = limited.Json(Method::kPost, "/api/v1/scan", {{"text", "xin chao"}});
  EXPECT_EQ(refused.status, 429);
  EXPECT_TRUE(refused.headers.Get("Retry-After").has_value());
  // Checks are another bucket.
  EXPECT_EQ(limited.Send(Method::kGet, "/api/v1/check?kind=phone&value=0912345678").status, 200);
}

}  // namespace
}  // namespace binhyen::app
