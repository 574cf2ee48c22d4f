#include "evidence/vietqr.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "base/strings.h"

namespace binhyen::evidence {
namespace {

using ::testing::HasSubstr;

struct Vector {
  std::string source;
  bool crc_valid = false;
  std::string payload;
};

std::vector<Vector> LoadVectors() {
  std::ifstream in(std::string(BINHYEN_SOURCE_DIR) + "/tests/data/vietqr/qr_test_vectors.tsv");
  std::vector<Vector> out;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    auto cols = base::Split(line, '\t');
    if (cols.size() != 3) continue;
    out.push_back(Vector{std::string(cols[0]), cols[1] == "true", std::string(cols[2])});
  }
  return out;
}

// What each VietQR vector holds (by its CRC, which is unique in the file).
struct Expected {
  std::string bin;
  std::string account;
  std::string bank_key;  // "" when the indicator is not a bank account
  std::string canonical;
  std::optional<std::string> amount;
  std::string note;
};

const std::map<std::string, Expected>& ExpectedVietQr() {
  static const auto* const kExpected = new std::map<std::string, Expected>{
      {"073C", {"970454", "99ZP24009M07248267", "", "", std::nullopt, ""}},
      {"821F", {"971025", "PSP123456789000000", "", "", std::nullopt, ""}},
      {"AE9F", {"970416", "257678859", "ACB", "970416:257678859", std::nullopt, ""}},
      {"53E6", {"970416", "257678859", "ACB", "970416:257678859", "10000", "Chuyen tien"}},
      {"0283",
       {"970407", "19030413601018", "TECHCOMBANK", "970407:19030413601018", std::nullopt, ""}},
      {"BBB8", {"970416", "257678859", "ACB", "970416:257678859", "1000", "Chuyen tien"}},
  };
  return *kExpected;
}

TEST(Crc16Test, CheckValue) {
  EXPECT_EQ(Crc16CcittFalse("123456789"), 0x29B1);
  EXPECT_EQ(Crc16CcittFalse(""), 0xFFFF);
}

TEST(VietQrVectorsTest, EveryVectorParsesOrFailsOnItsCrc) {
  std::vector<Vector> vectors = LoadVectors();
  ASSERT_EQ(vectors.size(), 13u);
  int vietqr = 0;
  for (const Vector& v : vectors) {
    SCOPED_TRACE(v.source + " " + v.payload);
    auto fields = ParseEmv(v.payload);
    if (!v.crc_valid) {
      ASSERT_FALSE(fields.ok());
      EXPECT_EQ(fields.status().code(), base::StatusCode::kInvalidArgument);
      EXPECT_THAT(fields.status().message(), HasSubstr("CRC mismatch: payload says "));
      EXPECT_FALSE(ParseVietQr(v.payload).ok());
      continue;
    }
    ASSERT_TRUE(fields.ok()) << fields.status().ToString();
    EXPECT_EQ(fields->front(), (EmvField{"00", "01"}));
    EXPECT_EQ(fields->back().tag, "63");
    // Re-encoding the fields gives back the payload (lengths, order, CRC).
    auto again = EncodeEmv(*fields);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again, v.payload);

    auto qr = ParseVietQr(v.payload);
    auto it = ExpectedVietQr().find(v.payload.substr(v.payload.size() - 4));
    if (it == ExpectedVietQr().end()) {
      ASSERT_FALSE(qr.ok());
      EXPECT_EQ(qr.status().code(), base::StatusCode::kNotFound);
      EXPECT_THAT(qr.status().message(), HasSubstr("not a VietQR transfer code"));
      continue;
    }
    ++vietqr;
    ASSERT_TRUE(qr.ok()) << qr.status().ToString();
    const Expected& e = it->second;
    EXPECT_EQ(qr->bin, e.bin);
    EXPECT_EQ(qr->account, e.account);
    EXPECT_EQ(qr->amount, e.amount);
    EXPECT_EQ(qr->note, e.note);
    EXPECT_EQ(qr->currency, "704");
    EXPECT_EQ(qr->service_code, "QRIBFTTA");
    EXPECT_FALSE(qr->to_card);
    ASSERT_NE(qr->bank, nullptr);  // every BIN of the vectors is in data/banks.csv
    EXPECT_EQ(qr->bank->bin, e.bin);
    if (e.canonical.empty()) {
      EXPECT_FALSE(qr->indicator.has_value());
    } else {
      ASSERT_TRUE(qr->indicator.has_value());
      EXPECT_EQ(qr->bank->key, e.bank_key);
      EXPECT_EQ(qr->indicator->kind, indicator::Kind::kBankAccount);
      EXPECT_EQ(qr->indicator->canonical, e.canonical);
      EXPECT_EQ(qr->indicator->Attribute("bin"), e.bin);
      EXPECT_EQ(qr->indicator->Attribute("account"), e.account);
      EXPECT_EQ(qr->indicator->Attribute("account_type"), "account");
    }
  }
  EXPECT_EQ(vietqr, 6);
}

TEST(VietQrVectorsTest, BadCrcNamesBothValues) {
  auto r = ParseEmv(
      "00020101021126280010A000000775011001087990425204597753037045802VN5909MYPHAMHER6005HANOI62260"
      "3"
      "11MY PHAM HER0707MPHER0163041C55");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "CRC mismatch: payload says 1C55, computed 1C50");
}

TEST(VietQrVectorsTest, OtherSchemesAreNotFoundWithTheirGuid) {
  auto r = ParseVietQr(
      "00020101021126610013vn.airpay.www014000000201010100064185noC4efDjGKq0or5GbeBz52045812530370"
      "45910RESTAURANT6009HOCHIMINH5802VN6304DA5C");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), base::StatusCode::kNotFound);
  EXPECT_EQ(r.status().message(),
            "not a VietQR transfer code: no merchant account with the NAPAS GUID A000000727 "
            "(found vn.airpay.www)");
}

TEST(VietQrVectorsTest, ControlCharactersAreNotEchoed) {
  // Found by the fuzzer: a GUID with a line break made a two-line error message.
  auto p = EncodeEmv({{"00", "01"}, {"26", "0006ab\ncd0102xy"}});
  ASSERT_TRUE(p.ok());
  auto r = ParseVietQr(*p);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "not a VietQR transfer code: no merchant account with the NAPAS GUID A000000727");
}

// One ASCII TLV field.
std::string Tlv(std::string_view tag, std::string_view value) {
  return std::string(tag) + (value.size() < 10 ? "0" : "") + std::to_string(value.size()) +
         std::string(value);
}

// A VietQR payload built field by field, with its CRC computed by EncodeEmv.
std::string BuildVietQr(std::string_view bin, std::string_view account, std::string_view service,
                        std::vector<EmvField> extra) {
  std::string napas =
      Tlv("00", "A000000727") + Tlv("01", Tlv("00", bin) + Tlv("01", account)) + Tlv("02", service);
  std::vector<EmvField> fields = {{"00", "01"}, {"01", "12"}, {"38", napas}, {"53", "704"}};
  for (EmvField& f : extra) fields.push_back(std::move(f));
  fields.push_back({"58", "VN"});
  auto payload = EncodeEmv(fields);
  EXPECT_TRUE(payload.ok());
  return payload.ok() ? *payload : "";
}

TEST(VietQrTest, AmountNoteAndName) {
  std::string p = BuildVietQr(
      "970436", "0071000986547", "QRIBFTTA",
      {{"54", "2500000"}, {"59", "NGUYEN VAN A"}, {"62", "0822Dong phi xac minh CCCD"}});
  auto qr = ParseVietQr(p);
  ASSERT_TRUE(qr.ok()) << qr.status().ToString();
  EXPECT_EQ(qr->bin, "970436");
  EXPECT_EQ(qr->account, "0071000986547");
  EXPECT_EQ(qr->amount, "2500000");
  EXPECT_EQ(qr->note, "Dong phi xac minh CCCD");
  EXPECT_EQ(qr->merchant_name, "NGUYEN VAN A");
  ASSERT_NE(qr->bank, nullptr);
  EXPECT_EQ(qr->bank->key, "VIETCOMBANK");
  ASSERT_TRUE(qr->indicator.has_value());
  EXPECT_EQ(qr->indicator->canonical, "970436:0071000986547");
  EXPECT_EQ(qr->indicator->Attribute("bank"), "Vietcombank");
}

TEST(VietQrTest, CardService) {
  std::string p = BuildVietQr("970415", "9704151234567890", "QRIBFTTC", {});
  auto qr = ParseVietQr(p);
  ASSERT_TRUE(qr.ok()) << qr.status().ToString();
  EXPECT_TRUE(qr->to_card);
  EXPECT_EQ(qr->service_code, "QRIBFTTC");
  ASSERT_TRUE(qr->indicator.has_value());
  EXPECT_EQ(qr->indicator->canonical, "970415:9704151234567890");
  EXPECT_EQ(qr->indicator->Attribute("account_type"), "card");
}

TEST(VietQrTest, UnknownBinKeepsTheDigitsAndTheBin) {
  std::string p = BuildVietQr("123456", "0123456789", "QRIBFTTA", {});
  auto qr = ParseVietQr(p);
  ASSERT_TRUE(qr.ok()) << qr.status().ToString();
  EXPECT_EQ(qr->bank, nullptr);
  ASSERT_TRUE(qr->indicator.has_value());
  EXPECT_EQ(qr->indicator->canonical, "0123456789");
  EXPECT_EQ(qr->indicator->Attribute("bin"), "123456");
}

TEST(VietQrTest, VietnameseNoteCountsCharacters) {
  // "Chuyển tiền" is 11 characters and 15 bytes: lengths count characters.
  std::string p = BuildVietQr("970436", "0071000986547", "QRIBFTTA", {{"62", "0811Chuyển tiền"}});
  EXPECT_NE(p.find("62150811Chuyển tiền"), std::string::npos);
  auto qr = ParseVietQr(p);
  ASSERT_TRUE(qr.ok()) << qr.status().ToString();
  EXPECT_EQ(qr->note, "Chuyển tiền");
}

TEST(VietQrTest, BadBinIsInvalid) {
  std::string p = BuildVietQr("97043", "0071000986547", "QRIBFTTA", {});
  auto qr = ParseVietQr(p);
  ASSERT_FALSE(qr.ok());
  EXPECT_EQ(qr.status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(qr.status().message(), "VietQR bank BIN (tag 38 / 01 / 00) must be 6 digits");
}

TEST(EmvTest, Truncated) {
  // Tag 38 declares 58 characters; the payload is cut after 20 of them.
  auto r = ParseEmv("00020101021138580010A0000007270128");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(),
            "truncated TLV at offset 12: tag 38 declares 58 characters, 18 remain");
  r = ParseEmv("000201010");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "truncated TLV at offset 6: 3 bytes left, a tag and length need 4");
}

TEST(EmvTest, GarbageAndFraming) {
  auto message = [](std::string_view p) { return ParseEmv(p).status().message(); };
  EXPECT_EQ(message(""), "empty payload");
  EXPECT_EQ(message("hello world"),
            "invalid TLV at offset 0: tag and length must be two digits each");
  EXPECT_EQ(message("000201010x12"),
            "invalid TLV at offset 6: tag and length must be two digits each");
  EXPECT_EQ(message("000201"), "no CRC (tag 63, length 04) at the end");
  EXPECT_EQ(message("0102110002016304ABCD"),
            "not an EMVCo payload: the first field must be 00 (payload format indicator)");
  EXPECT_EQ(message("000202"), "unsupported payload format indicator (tag 00 must be \"01\")");
  EXPECT_EQ(message("0002016304ZZZZ"), "CRC (tag 63) is not 4 hex digits");
  EXPECT_EQ(message(std::string("000201\xff", 7)), "payload is not valid UTF-8");
  EXPECT_EQ(message(std::string(2000, '0')), "payload longer than 1024 bytes");
  // A CRC in the middle: the bytes after it are not covered.
  auto p = EncodeEmv({{"00", "01"}});
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(message(*p + "0102AB"), "CRC field (tag 63) before the end");
}

TEST(EmvTest, LowerCaseCrcIsAccepted) {
  auto p = EncodeEmv({{"00", "01"}, {"01", "11"}});
  ASSERT_TRUE(p.ok());
  std::string lower = *p;
  for (size_t i = lower.size() - 4; i < lower.size(); ++i) lower[i] = base::AsciiToLower(lower[i]);
  EXPECT_TRUE(ParseEmv(lower).ok());
}

TEST(EmvTest, EncodeRejectsBadFields) {
  EXPECT_FALSE(EncodeEmv({{"0", "01"}}).ok());
  EXPECT_FALSE(EncodeEmv({{"ab", "01"}}).ok());
  EXPECT_FALSE(EncodeEmv({{"01", std::string(100, 'x')}}).ok());
}

}  // namespace
}  // namespace binhyen::evidence
