#include "indicator/phone.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace binhyen::indicator {
namespace {

struct Case {
  std::string input;
  std::string canonical;
  std::string phone_type;
  std::string carrier;  // "" = no carrier attribute
  std::string region;
};

void ExpectPhone(const Case& c) {
  SCOPED_TRACE("input: " + c.input);
  base::Result<Indicator> r = CanonicalizePhone(c.input);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->kind, Kind::kPhone);
  EXPECT_EQ(r->canonical, c.canonical);
  EXPECT_EQ(r->Attribute("phone_type"), c.phone_type);
  EXPECT_EQ(r->Attribute("carrier"), c.carrier);
  EXPECT_EQ(r->Attribute("region"), c.region);
  EXPECT_EQ(r->Attribute("converted_from"), "");
  // Idempotence: the canonical form canonicalises to itself with the same attributes.
  base::Result<Indicator> again = CanonicalizePhone(r->canonical);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->canonical, r->canonical);
  EXPECT_EQ(again->attributes, r->attributes);
}

void ExpectRejected(const std::string& input, const std::string& message) {
  SCOPED_TRACE("input: " + input);
  base::Result<Indicator> r = CanonicalizePhone(input);
  ASSERT_FALSE(r.ok()) << "accepted as " << r->canonical;
  EXPECT_EQ(r.status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(), "phone: " + message);
}

TEST(CanonicalizePhoneTest, WrittenForms) {
  const std::vector<Case> cases = {
      {"0912345678", "+84912345678", "mobile", "Vinaphone", "VN"},
      {"0912.345.678", "+84912345678", "mobile", "Vinaphone", "VN"},
      {"0912 345 678", "+84912345678", "mobile", "Vinaphone", "VN"},
      {"0912-345-678", "+84912345678", "mobile", "Vinaphone", "VN"},
      {"+84 912 345 678", "+84912345678", "mobile", "Vinaphone", "VN"},
      {"+84912345678", "+84912345678", "mobile", "Vinaphone", "VN"},
      {"84912345678", "+84912345678", "mobile", "Vinaphone", "VN"},
      {"84-912-345-678", "+84912345678", "mobile", "Vinaphone", "VN"},
      {"0084 912 345 678", "+84912345678", "mobile", "Vinaphone", "VN"},
      {"+84 (0) 912 345 678", "+84912345678", "mobile", "Vinaphone", "VN"},
      {"(+84) 912 345 678", "+84912345678", "mobile", "Vinaphone", "VN"},
      {"+84 0912 345 678", "+84912345678", "mobile", "Vinaphone", "VN"},
      {"912345678", "+84912345678", "mobile", "Vinaphone", "VN"},
      {"  0912345678\n", "+84912345678", "mobile", "Vinaphone", "VN"},
      {"(028) 3822 1234", "+842838221234", "fixed_line", "", "VN"},
      {"028.3822.1234", "+842838221234", "fixed_line", "", "VN"},
      {"+84 (0)28 3822 1234", "+842838221234", "fixed_line", "", "VN"},
      {"tel:+84-912-345-678", "+84912345678", "mobile", "Vinaphone", "VN"},
      {"TEL: 0912345678", "+84912345678", "mobile", "Vinaphone", "VN"},
      {"SĐT: 0912 345 678", "+84912345678", "mobile", "Vinaphone", "VN"},
      {"sdt 0912345678", "+84912345678", "mobile", "Vinaphone", "VN"},
      {"ĐT: (0255) 3822 123", "+842553822123", "fixed_line", "", "VN"},
      {"Điện thoại: 0912345678", "+84912345678", "mobile", "Vinaphone", "VN"},
      {"Hotline 1900 1234", "+8419001234", "premium_rate", "", "VN"},
      {"Zalo: 0987 654 321", "+84987654321", "mobile", "Viettel", "VN"},
  };
  for (const Case& c : cases) ExpectPhone(c);
}

TEST(CanonicalizePhoneTest, ObfuscatedSeparatorsAndDigits) {
  const std::vector<Case> cases = {
      {"０９１２３４５６７８", "+84912345678", "mobile", "Vinaphone", "VN"},  // full-width
      {"＋８４ ９１２ ３４５ ６７８", "+84912345678", "mobile", "Vinaphone", "VN"},
      {"0912\u200b345\u200b678", "+84912345678", "mobile", "Vinaphone", "VN"},  // zero-width
      {"0912\u00a0345\u00a0678", "+84912345678", "mobile", "Vinaphone", "VN"},  // NBSP
      {"0912 * 345 * 678", "+84912345678", "mobile", "Vinaphone", "VN"},
      {"0912_345_678", "+84912345678", "mobile", "Vinaphone", "VN"},
      {"0912/345/678", "+84912345678", "mobile", "Vinaphone", "VN"},
      {"0912,345,678", "+84912345678", "mobile", "Vinaphone", "VN"},
      {"0912–345—678", "+84912345678", "mobile", "Vinaphone", "VN"},  // en and em dash
      {"0912•345•678", "+84912345678", "mobile", "Vinaphone", "VN"},
      {"0.9.1.2.3.4.5.6.7.8", "+84912345678", "mobile", "Vinaphone", "VN"},
      {"⓪⑨①②③④⑤⑥⑦⑧", "+84912345678", "mobile", "Vinaphone", "VN"},  // circled digits
      {"٠٩١٢٣٤٥٦٧٨", "+84912345678", "mobile", "Vinaphone", "VN"},  // Arabic-Indic
      {"[0912] [345] [678]", "+84912345678", "mobile", "Vinaphone", "VN"},
  };
  for (const Case& c : cases) ExpectPhone(c);
}

TEST(CanonicalizePhoneTest, EveryMobilePrefixFamily) {
  const std::vector<Case> cases = {
      // Viettel
      {"0861234567", "+84861234567", "mobile", "Viettel", "VN"},
      {"0961234567", "+84961234567", "mobile", "Viettel", "VN"},
      {"0971234567", "+84971234567", "mobile", "Viettel", "VN"},
      {"0981234567", "+84981234567", "mobile", "Viettel", "VN"},
      {"0321234567", "+84321234567", "mobile", "Viettel", "VN"},
      {"0331234567", "+84331234567", "mobile", "Viettel", "VN"},
      {"0341234567", "+84341234567", "mobile", "Viettel", "VN"},
      {"0351234567", "+84351234567", "mobile", "Viettel", "VN"},
      {"0361234567", "+84361234567", "mobile", "Viettel", "VN"},
      {"0371234567", "+84371234567", "mobile", "Viettel", "VN"},
      {"0381234567", "+84381234567", "mobile", "Viettel", "VN"},
      {"0391234567", "+84391234567", "mobile", "Viettel", "VN"},
      // Vinaphone
      {"0881234567", "+84881234567", "mobile", "Vinaphone", "VN"},
      {"0911234567", "+84911234567", "mobile", "Vinaphone", "VN"},
      {"0941234567", "+84941234567", "mobile", "Vinaphone", "VN"},
      {"0811234567", "+84811234567", "mobile", "Vinaphone", "VN"},
      {"0821234567", "+84821234567", "mobile", "Vinaphone", "VN"},
      {"0831234567", "+84831234567", "mobile", "Vinaphone", "VN"},
      {"0841234567", "+84841234567", "mobile", "Vinaphone", "VN"},
      {"0851234567", "+84851234567", "mobile", "Vinaphone", "VN"},
      // MobiFone
      {"0896123456", "+84896123456", "mobile", "MobiFone", "VN"},
      {"0901234567", "+84901234567", "mobile", "MobiFone", "VN"},
      {"0931234567", "+84931234567", "mobile", "MobiFone", "VN"},
      {"0701234567", "+84701234567", "mobile", "MobiFone", "VN"},
      {"0761234567", "+84761234567", "mobile", "MobiFone", "VN"},
      {"0771234567", "+84771234567", "mobile", "MobiFone", "VN"},
      {"0781234567", "+84781234567", "mobile", "MobiFone", "VN"},
      {"0791234567", "+84791234567", "mobile", "MobiFone", "VN"},
      // Vietnamobile
      {"0921234567", "+84921234567", "mobile", "Vietnamobile", "VN"},
      {"0561234567", "+84561234567", "mobile", "Vietnamobile", "VN"},
      {"0581234567", "+84581234567", "mobile", "Vietnamobile", "VN"},
      // Gmobile
      {"0993123456", "+84993123456", "mobile", "G-Mobile", "VN"},
      {"0591234567", "+84591234567", "mobile", "G-Mobile", "VN"},
      // Itel
      {"0871234567", "+84871234567", "mobile", "Itel", "VN"},
      {"0998123456", "+84998123456", "mobile", "Itel", "VN"},
      // Reddi (MobiFone's MVNO)
      {"0559123456", "+84559123456", "mobile", "Reddi", "VN"},
      // 0990/0991 are valid mobile ranges without a carrier in the data.
      {"0991234567", "+84991234567", "mobile", "", "VN"},
  };
  for (const Case& c : cases) ExpectPhone(c);
}

TEST(CanonicalizePhoneTest, LandlinesOfSeveralProvinces) {
  const std::vector<Case> cases = {
      {"0255 3822 123", "+842553822123", "fixed_line", "", "VN"},  // Quảng Ngãi
      {"(0255) 3.822.123", "+842553822123", "fixed_line", "", "VN"},
      {"024 3822 1234", "+842438221234", "fixed_line", "", "VN"},  // Hà Nội
      {"024.3943.4567", "+842439434567", "fixed_line", "", "VN"},
      {"028 3829 5555", "+842838295555", "fixed_line", "", "VN"},  // TP. Hồ Chí Minh
      {"0236 3822 123", "+842363822123", "fixed_line", "", "VN"},  // Đà Nẵng
      {"0225 3822 123", "+842253822123", "fixed_line", "", "VN"},  // Hải Phòng
      {"0292 3822 123", "+842923822123", "fixed_line", "", "VN"},  // Cần Thơ
      {"0234 3822 123", "+842343822123", "fixed_line", "", "VN"},  // Huế
      {"+84 255 3822 123", "+842553822123", "fixed_line", "", "VN"},
  };
  for (const Case& c : cases) ExpectPhone(c);
}

TEST(CanonicalizePhoneTest, SpecialServiceNumbers) {
  const std::vector<Case> cases = {
      {"1800 1234", "+8418001234", "toll_free", "", "VN"},
      {"1800.599.920", "+841800599920", "toll_free", "", "VN"},
      {"18001091", "+8418001091", "toll_free", "", "VN"},
      {"1900 1234", "+8419001234", "premium_rate", "", "VN"},
      {"1900.545.413", "+841900545413", "premium_rate", "", "VN"},
      {"1900 6789", "+8419006789", "premium_rate", "", "VN"},
      {"067 201 2345", "+84672012345", "voip", "", "VN"},
      {"1992000", "+841992000", "unknown", "", "VN"},  // UAN
      // libphonenumber's own VN example numbers (vn_examples_and_patterns.json).
      {"02101234567", "+842101234567", "fixed_line", "", "VN"},
      {"1800123456", "+841800123456", "toll_free", "", "VN"},
      {"1900123456", "+841900123456", "premium_rate", "", "VN"},
      {"0672012345", "+84672012345", "voip", "", "VN"},
  };
  for (const Case& c : cases) ExpectPhone(c);
}

TEST(CanonicalizePhoneTest, ShortCodes) {
  const std::vector<Case> cases = {
      {"113", "+84113", "short_code", "", "VN"},  // police
      {"114", "+84114", "short_code", "", "VN"},  // fire
      {"115", "+84115", "short_code", "", "VN"},  // ambulance
      {"111", "+84111", "short_code", "", "VN"},  // child protection hotline
      {"112", "+84112", "short_code", "", "VN"},  // search and rescue
      {"9029", "+849029", "short_code", "", "VN"},     {"8079", "+848079", "short_code", "", "VN"},
      {"6089", "+846089", "short_code", "", "VN"},     {"+84113", "+84113", "short_code", "", "VN"},
      {"+84 9029", "+849029", "short_code", "", "VN"},
  };
  for (const Case& c : cases) ExpectPhone(c);
}

TEST(CanonicalizePhoneTest, ForeignNumbersInInternationalForm) {
  const std::vector<Case> cases = {
      {"+855 12 345 678", "+85512345678", "mobile", "", "KH"},      // Cambodia
      {"+86 138 0013 8000", "+8613800138000", "mobile", "", "CN"},  // China
      {"0086 138 0013 8000", "+8613800138000", "mobile", "", "CN"},
      {"+1 (415) 555-2671", "+14155552671", "unknown", "", "US"},  // fixed line or mobile
      {"+44 20 7946 0958", "+442079460958", "fixed_line", "", "GB"},
      {"+66 81 234 5678", "+66812345678", "mobile", "", "TH"},      // Thailand
      {"+856 20 5512 3456", "+8562055123456", "mobile", "", "LA"},  // Laos
      {"+65 8123 4567", "+6581234567", "mobile", "", "SG"},
      {"+63 917 123 4567", "+639171234567", "mobile", "", "PH"},
  };
  for (const Case& c : cases) ExpectPhone(c);
}

TEST(CanonicalizePhoneTest, OldElevenDigitMobileNumbersAreConverted) {
  struct Old {
    std::string input, canonical, converted_from, carrier;
  };
  const std::vector<Old> cases = {
      {"01691234567", "+84391234567", "+841691234567", "Viettel"},
      {"0162 123 4567", "+84321234567", "+841621234567", "Viettel"},
      {"0163 123 4567", "+84331234567", "+841631234567", "Viettel"},
      {"0164 123 4567", "+84341234567", "+841641234567", "Viettel"},
      {"0165 123 4567", "+84351234567", "+841651234567", "Viettel"},
      {"0166 123 4567", "+84361234567", "+841661234567", "Viettel"},
      {"0167 123 4567", "+84371234567", "+841671234567", "Viettel"},
      {"0168 123 4567", "+84381234567", "+841681234567", "Viettel"},
      {"0120 123 4567", "+84701234567", "+841201234567", "MobiFone"},
      {"0121 123 4567", "+84791234567", "+841211234567", "MobiFone"},
      {"0122 123 4567", "+84771234567", "+841221234567", "MobiFone"},
      {"0126 123 4567", "+84761234567", "+841261234567", "MobiFone"},
      {"0128 123 4567", "+84781234567", "+841281234567", "MobiFone"},
      {"0123 123 4567", "+84831234567", "+841231234567", "Vinaphone"},
      {"0124 123 4567", "+84841234567", "+841241234567", "Vinaphone"},
      {"0125 123 4567", "+84851234567", "+841251234567", "Vinaphone"},
      {"0127 123 4567", "+84811234567", "+841271234567", "Vinaphone"},
      {"0129 123 4567", "+84821234567", "+841291234567", "Vinaphone"},
      {"0186 123 4567", "+84561234567", "+841861234567", "Vietnamobile"},
      {"0188 123 4567", "+84581234567", "+841881234567", "Vietnamobile"},
      {"0199 123 4567", "+84591234567", "+841991234567", "G-Mobile"},
      {"+84 169 123 4567", "+84391234567", "+841691234567", "Viettel"},
      {"841691234567", "+84391234567", "+841691234567", "Viettel"},
  };
  for (const Old& c : cases) {
    SCOPED_TRACE("input: " + c.input);
    base::Result<Indicator> r = CanonicalizePhone(c.input);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->canonical, c.canonical);
    EXPECT_EQ(r->Attribute("converted_from"), c.converted_from);
    EXPECT_EQ(r->Attribute("phone_type"), "mobile");
    EXPECT_EQ(r->Attribute("carrier"), c.carrier);
    EXPECT_EQ(r->Attribute("region"), "VN");
    base::Result<Indicator> again = CanonicalizePhone(r->canonical);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->canonical, c.canonical);
    EXPECT_EQ(again->Attribute("converted_from"), "");
  }
}

TEST(CanonicalizePhoneTest, RejectsWithReasons) {
  ExpectRejected("", "empty input");
  ExpectRejected("   ", "empty input");
  ExpectRejected("0912abc678", "contains letters");
  ExpectRejected("0912 345 678 ext 12", "contains letters");
  ExpectRejected("không chín một hai", "contains letters");
  ExpectRejected("call me", "contains letters");
  ExpectRejected("- . -", "no digits");
  ExpectRejected("12", "too short");
  ExpectRejected("0", "too short");
  ExpectRejected("0912345", "not a valid number for region VN");
  ExpectRejected("09123456", "not a valid number for region VN");
  ExpectRejected("091234567890", "too long");
  ExpectRejected("0912345678901234567890", "too long");
  ExpectRejected("0113", "too short");
  ExpectRejected("123", "too short");
  ExpectRejected("3822", "too short");
  ExpectRejected("0521234567", "not a valid number for region VN");  // unallocated 052x
  ExpectRejected("0891234567", "not a valid number for region VN");  // 0891 unallocated
  ExpectRejected("0101234567", "not a valid number for region VN");
  ExpectRejected("01601234567", "not a valid number for region VN");  // 0160 never converted
  ExpectRejected("+855 1", "too short");
  ExpectRejected("+999 123456789", "invalid country code");
  ExpectRejected("+86 12", "too short");
  ExpectRejected("0912+345678", "misplaced '+'");
  ExpectRejected("++84912345678", "misplaced '+'");
  ExpectRejected(std::string("0912\xff"
                             "345678"),
                 "not valid UTF-8");
  ExpectRejected(std::string(300, '1'), "too long");
}

// The compiled-in carrier table must say what data/phone_carriers_84.txt says: probe every
// prefix of the file one digit deeper and compare with a longest-prefix lookup in the file.
TEST(VnMobileCarrierTest, MatchesDataFile) {
  std::ifstream in(std::string(BINHYEN_SOURCE_DIR) + "/data/phone_carriers_84.txt");
  ASSERT_TRUE(in) << "data/phone_carriers_84.txt missing";
  std::map<std::string, std::string> file;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    size_t bar = line.find('|');
    ASSERT_NE(bar, std::string::npos) << line;
    file[line.substr(0, bar)] = line.substr(bar + 1);
  }
  ASSERT_EQ(file.size(), 30u);
  auto expected = [&](const std::string& digits) {
    std::string best, best_prefix;
    for (const auto& [prefix, carrier] : file) {
      if (digits.rfind(prefix, 0) == 0 && prefix.size() > best_prefix.size()) {
        best_prefix = prefix;
        best = carrier;
      }
    }
    return best;
  };
  for (const auto& [prefix, carrier] : file) {
    for (char d = '0'; d <= '9'; ++d) {
      std::string digits = prefix + d;
      digits.resize(11, '5');
      EXPECT_EQ(VnMobileCarrier("+" + digits), expected(digits)) << digits;
    }
  }
  EXPECT_EQ(VnMobileCarrier("+84961234567"), "Viettel");
  EXPECT_EQ(VnMobileCarrier("+85512345678"), "");
  EXPECT_EQ(VnMobileCarrier("84961234567"), "");
  EXPECT_EQ(VnMobileCarrier(""), "");
}

}  // namespace
}  // namespace binhyen::indicator
