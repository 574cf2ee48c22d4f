// Tests of the phone / bank-account decision of Extract (internal/extract_number.h), with a
// fake bank table so that they do not depend on data/banks.csv.
#include "indicator/internal/extract_number.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "indicator/internal/extract_scan.h"

namespace binhyen::indicator::internal {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

bool FakeIsBank(std::string_view phrase, bool after_bank_word) {
  static const char* kNames[] = {"Vietcombank", "VCB",  "Techcombank", "TCB", "MB",  "MB Bank",
                                 "ACB",         "BIDV", "vcb",         "mb",  "acb", "Agribank"};
  for (const char* n : kNames) {
    if (phrase == n) return true;
  }
  return after_bank_word && (phrase == "Á Châu" || phrase == "Quân đội");
}

// "phone:raw", "bank:digits[@bank phrase]" for each decision, as Extract walks the candidates.
std::vector<std::string> Decide(std::string_view text) {
  std::vector<std::string> out;
  std::vector<Candidate> cands = ScanCandidates(text);
  for (size_t i = 0; i < cands.size(); ++i) {
    const Candidate& c = cands[i];
    if (c.kind != CandidateKind::kNumber) continue;
    size_t left = i > 0 ? cands[i - 1].end : 0;
    size_t right = i + 1 < cands.size() ? cands[i + 1].start : text.size();
    size_t g = 0;
    while (g < c.groups.size()) {
      NumberDecision d = DecideNumber(text, c, g, left, right, FakeIsBank);
      if (d.what == NumberDecision::What::kNone) {
        if (c.separator != ' ') break;
        ++g;
        continue;
      }
      std::string raw(text.substr(d.start, d.end - d.start));
      if (d.what == NumberDecision::What::kPhone) {
        out.push_back("phone:" + raw);
      } else {
        out.push_back("bank:" + d.digits + (d.bank_phrase.empty() ? "" : "@" + d.bank_phrase));
      }
      g = d.next_group;
    }
  }
  return out;
}

TEST(ExtractNumberTest, PhoneShapes) {
  EXPECT_EQ(ClassifyPhoneShape("0912345678", false), PhoneShape::kMobile);
  EXPECT_EQ(ClassifyPhoneShape("0351234567", false), PhoneShape::kMobile);
  EXPECT_EQ(ClassifyPhoneShape("84912345678", false), PhoneShape::kMobile);
  EXPECT_EQ(ClassifyPhoneShape("84912345678", true), PhoneShape::kMobile);
  EXPECT_EQ(ClassifyPhoneShape("02838221234", false), PhoneShape::kLandline);
  EXPECT_EQ(ClassifyPhoneShape("842838221234", true), PhoneShape::kLandline);
  EXPECT_EQ(ClassifyPhoneShape("19001234", false), PhoneShape::kService);
  EXPECT_EQ(ClassifyPhoneShape("1800545413", false), PhoneShape::kService);
  EXPECT_EQ(ClassifyPhoneShape("447781234567", true), PhoneShape::kForeign);
  EXPECT_EQ(ClassifyPhoneShape("0112345678", false), PhoneShape::kNone);
  EXPECT_EQ(ClassifyPhoneShape("091234567", false), PhoneShape::kNone);
  EXPECT_EQ(ClassifyPhoneShape("09061701461", false), PhoneShape::kNone);
  EXPECT_EQ(ClassifyPhoneShape("123456", false), PhoneShape::kNone);
}

TEST(ExtractNumberTest, Phones) {
  EXPECT_THAT(Decide("SĐT 0912.345.678, 0912 345 678, +84 912 345 678, 84912345678."),
              ElementsAre("phone:0912.345.678", "phone:0912 345 678", "phone:+84 912 345 678",
                          "phone:84912345678"));
  EXPECT_THAT(Decide("(028) 3822 1234, 0255.3822.123, 1900 1234, 1800.1091"),
              ElementsAre("phone:(028) 3822 1234", "phone:0255.3822.123", "phone:1900 1234",
                          "phone:1800.1091"));
  // A well-formed mobile number needs no cue; an unformatted landline or 1900 number does.
  EXPECT_THAT(Decide("chi 0987654321 thoi"), ElementsAre("phone:0987654321"));
  EXPECT_THAT(Decide("so 02838221234 va 19001234"), IsEmpty());
  EXPECT_THAT(Decide("hotline 19001234, gọi 02838221234"),
              ElementsAre("phone:19001234", "phone:02838221234"));
  EXPECT_THAT(Decide("Gọi 0912345678 ngay!"), ElementsAre("phone:0912345678"));
}

TEST(ExtractNumberTest, SpaceJoinedGroupsAreSplit) {
  EXPECT_THAT(Decide("0912345678 0987654321"), ElementsAre("phone:0912345678", "phone:0987654321"));
  EXPECT_THAT(Decide("top 10 0912345678"), ElementsAre("phone:0912345678"));
  EXPECT_THAT(Decide("0912345678 0912345678 0912345678 0912345678 0912345678 0912345678"),
              ElementsAre("phone:0912345678", "phone:0912345678", "phone:0912345678",
                          "phone:0912345678", "phone:0912345678", "phone:0912345678"));
  EXPECT_THAT(Decide("0912 345 678 0987 654 321"),
              ElementsAre("phone:0912 345 678", "phone:0987 654 321"));
}

TEST(ExtractNumberTest, BankAccounts) {
  EXPECT_THAT(Decide("Vietcombank: 0071000986547"), ElementsAre("bank:0071000986547@Vietcombank"));
  EXPECT_THAT(Decide("STK 1903 6666 888 Techcombank"), ElementsAre("bank:19036666888@Techcombank"));
  EXPECT_THAT(Decide("VCB 0071000986547"), ElementsAre("bank:0071000986547@VCB"));
  EXPECT_THAT(Decide("ngân hàng MB số tài khoản 0123456789 chủ tk NGUYEN VAN A"),
              ElementsAre("bank:0123456789@MB"));
  EXPECT_THAT(Decide("STK: 123456789 (ACB)"), ElementsAre("bank:123456789@ACB"));
  EXPECT_THAT(Decide("STK 123456789"), ElementsAre("bank:123456789"));
  EXPECT_THAT(Decide("số tài khoản: 1234 5678 9012"), ElementsAre("bank:123456789012"));
  EXPECT_THAT(Decide("chuyển khoản vào ngân hàng Á Châu 12345678"),
              ElementsAre("bank:12345678@Á Châu"));
  EXPECT_THAT(Decide("Ngân hàng: Vietcombank\nSTK: 0071000986547\nChủ TK: NGUYEN VAN A"),
              ElementsAre("bank:0071000986547@Vietcombank"));
  // A far "tk" cue does not make a mobile number an account; a far bank name is not enough.
  EXPECT_THAT(Decide("STK: 0071000986547\nChủ TK: NGUYEN VAN A\nNội dung: NAP 0912345678"),
              ElementsAre("bank:0071000986547", "phone:0912345678"));
  EXPECT_THAT(Decide("vcb la ngan hang lon, so 345678 nhe"), IsEmpty());
  EXPECT_THAT(Decide("VCB 345678"), IsEmpty());
  EXPECT_THAT(Decide("STK 345678"), ElementsAre("bank:345678"));
}

TEST(ExtractNumberTest, PhoneNumbersAsAccounts) {
  // MB / TCB accounts are often the owner's phone number.
  EXPECT_THAT(Decide("MB 0912345678"), ElementsAre("bank:0912345678@MB"));
  EXPECT_THAT(Decide("stk 0912345678 mb"), ElementsAre("bank:0912345678@mb"));
  // A phone cue nearer than the bank cue keeps it a phone.
  EXPECT_THAT(Decide("Liên hệ Zalo 0912345678, STK 0123456789 Vietcombank"),
              ElementsAre("phone:0912345678", "bank:0123456789@Vietcombank"));
  EXPECT_THAT(Decide("Vietcombank thông báo, hotline 1900545413"), ElementsAre("phone:1900545413"));
  EXPECT_THAT(Decide("Vietcombank gọi 0912345678"), ElementsAre("phone:0912345678"));
}

TEST(ExtractNumberTest, NotPhonesNorAccounts) {
  EXPECT_THAT(Decide("Ma OTP: 123456. OTP 482913"), IsEmpty());
  EXPECT_THAT(Decide("CCCD 012345678901, CMND 123456789"), IsEmpty());
  EXPECT_THAT(Decide("Mã đơn hàng 0912345678"), IsEmpty());
  EXPECT_THAT(Decide("STK 0123456789 đ"), IsEmpty());
  EXPECT_THAT(Decide("chuyển 500000 vnd vào tk"), IsEmpty());
  EXPECT_THAT(Decide("chuyển 5000000 đồng"), IsEmpty());
  EXPECT_THAT(Decide("STK 0071000986547 ngân hàng ACB"), ElementsAre("bank:0071000986547@ACB"));
  EXPECT_THAT(Decide("Call 09061701461 now"), IsEmpty());
  EXPECT_THAT(Decide("256.1.1.1"), IsEmpty());
}

}  // namespace
}  // namespace binhyen::indicator::internal
