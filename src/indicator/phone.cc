#include "indicator/phone.h"

#include <phonenumbers/phonenumberutil.h>
#include <phonenumbers/shortnumberinfo.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <array>
#include <cstdint>
#include <string>
#include <utility>

#include "base/strings.h"
#include "text/fold.h"

namespace binhyen::indicator {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;
using i18n::phonenumbers::ShortNumberInfo;

constexpr std::string_view kDefaultRegion = "VN";
constexpr size_t kMaxInputBytes = 256;
// E.164 allows 15 digits; "00" international prefix or a "(0)" trunk digit may come on top.
constexpr size_t kMaxDigits = 18;

// Prefix (country code + national digits) -> carrier the range was allocated to. Copied from
// data/phone_carriers_84.txt (libphonenumber resources/carrier/en/84.txt, Apache-2.0, plus our
// additions marked there); phone_test.cc checks that both stay identical. Longest prefix wins.
struct CarrierPrefix {
  std::string_view prefix;
  std::string_view carrier;
};
constexpr std::array<CarrierPrefix, 30> kCarrierPrefixes = {{
    {"84121", "MobiFone"}, {"8416", "Viettel"},      {"843", "Viettel"},
    {"8430", "MobiFone"},  {"8451", "MobiFone"},     {"8452", "Vietnamobile"},
    {"8455", "Reddi"},     {"8456", "Vietnamobile"}, {"8458", "Vietnamobile"},
    {"8459", "G-Mobile"},  {"847", "MobiFone"},      {"848", "Vinaphone"},
    {"8486", "Viettel"},   {"8487", "Itel"},         {"8489", "MobiFone"},
    {"8490", "MobiFone"},  {"8491", "Vinaphone"},    {"8492", "Vietnamobile"},
    {"8493", "MobiFone"},  {"8494", "Vinaphone"},    {"8496", "Viettel"},
    {"8497", "Viettel"},   {"8498", "Viettel"},      {"84993", "G-Mobile"},
    {"84994", "G-Mobile"}, {"84995", "G-Mobile"},    {"84996", "G-Mobile"},
    {"84997", "G-Mobile"}, {"84998", "Itel"},        {"84999", "Itel"},
}};

// 2018 renumbering of 11-digit mobile numbers: old national prefix (without the trunk 0) ->
// new one. Source: Ministry of Information and Communications decision 798/QĐ-BTTTT.
constexpr std::array<std::pair<std::string_view, std::string_view>, 21> kOldMobilePrefixes = {{
    {"162", "32"}, {"163", "33"}, {"164", "34"}, {"165", "35"}, {"166", "36"}, {"167", "37"},
    {"168", "38"}, {"169", "39"}, {"120", "70"}, {"121", "79"}, {"122", "77"}, {"126", "76"},
    {"128", "78"}, {"123", "83"}, {"124", "84"}, {"125", "85"}, {"127", "81"}, {"129", "82"},
    {"186", "56"}, {"188", "58"}, {"199", "59"},
}};

// National emergency and hotline numbers. libphonenumber 8.12 knows only 113-115.
constexpr std::array<std::string_view, 5> kVnServiceNumbers = {"111", "112", "113", "114", "115"};

// Words people write before a number; dropped before parsing. Compared after Vietnamese folding
// with spaces removed.
constexpr std::array<std::string_view, 12> kLabels = {
    "tel",     "sdt",   "dt",     "dienthoai", "sodienthoai", "didong",
    "hotline", "phone", "mobile", "zalo",      "lienhe",      "goi"};

base::Status Invalid(std::string_view reason) {
  return base::InvalidArgumentError(std::string("phone: ") + std::string(reason));
}

// The number reduced to an optional '+' and ASCII digits.
struct Digits {
  bool plus = false;
  std::string digits;
};

// Drops a leading label ("SĐT:", "tel:", "Hotline") so that only the number remains.
std::string_view StripLabel(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && !base::IsAsciiDigit(s[i]) && s[i] != '+' && s[i] != '(') ++i;
  if (i == 0) return s;
  std::string folded = text::FoldVietnamese(s.substr(0, i));
  std::string compact;
  for (char c : folded) {
    if (base::IsAsciiAlnum(c)) compact.push_back(c);
  }
  for (std::string_view label : kLabels) {
    if (compact == label) return s.substr(i);
  }
  return s;
}

// Decodes UTF-8 and keeps digits (any script, including full-width and circled ones) and a
// leading '+'. Spaces, punctuation, symbols and invisible characters are separators.
base::Result<Digits> ExtractDigits(std::string_view s) {
  Digits out;
  const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t length = static_cast<int32_t>(s.size());
  int32_t i = 0;
  while (i < length) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) return Invalid("not valid UTF-8");
    if (c == '+' || c == 0xFF0B) {
      if (out.plus || !out.digits.empty()) return Invalid("misplaced '+'");
      out.plus = true;
      continue;
    }
    if (u_isdigit(c)) {
      out.digits.push_back(static_cast<char>('0' + u_charDigitValue(c)));
    } else if (u_isalpha(c)) {
      return Invalid("contains letters");
    } else if (int8_t type = u_charType(c); type == U_OTHER_NUMBER || type == U_LETTER_NUMBER) {
      // Circled and superscript digits: an obfuscation seen in spam.
      double value = u_getNumericValue(c);
      if (value < 0 || value > 9 || value != static_cast<int>(value)) {
        return Invalid("contains a character that is not a digit");
      }
      out.digits.push_back(static_cast<char>('0' + static_cast<int>(value)));
    } else if (type == U_PRIVATE_USE_CHAR || type == U_UNASSIGNED || type == U_SURROGATE) {
      return Invalid("contains a character that is not a digit");
    }
    // Everything else (spaces, punctuation, symbols, format and control characters, marks)
    // separates digit groups.
  }
  return out;
}

std::string_view PhoneTypeName(PhoneNumberUtil::PhoneNumberType type) {
  switch (type) {
    case PhoneNumberUtil::FIXED_LINE: return "fixed_line";
    case PhoneNumberUtil::MOBILE: return "mobile";
    case PhoneNumberUtil::TOLL_FREE: return "toll_free";
    case PhoneNumberUtil::PREMIUM_RATE: return "premium_rate";
    case PhoneNumberUtil::SHARED_COST: return "shared_cost";
    case PhoneNumberUtil::VOIP: return "voip";
    default: return "unknown";
  }
}

std::string_view CarrierFor(std::string_view e164_digits) {
  if (e164_digits.substr(0, 2) != "84") return {};
  std::string_view best;
  size_t best_len = 0;
  for (const CarrierPrefix& p : kCarrierPrefixes) {
    if (p.prefix.size() > best_len && e164_digits.substr(0, p.prefix.size()) == p.prefix) {
      best = p.carrier;
      best_len = p.prefix.size();
    }
  }
  return best;
}

const ShortNumberInfo& ShortInfo() {
  static const ShortNumberInfo* const info = new ShortNumberInfo();
  return *info;
}

// True when `code` (digits of a number dialled inside Vietnam) is a short code we accept.
bool IsVnShortCode(std::string_view code) {
  for (std::string_view s : kVnServiceNumbers) {
    if (code == s) return true;
  }
  // 4-digit SMS content-service and operator short codes ("8x79", "9029", "6x89", "7x69").
  if (code.size() == 4 && code[0] >= '6' && code[0] <= '9') return true;
  if (code.size() < 3 || code.size() > 6 || code[0] == '0') return false;
  PhoneNumber number;
  number.set_country_code(84);
  number.set_national_number(std::stoull(std::string(code)));
  return ShortInfo().IsValidShortNumberForRegion(number, std::string(kDefaultRegion));
}

Indicator ShortCodeIndicator(std::string_view code) {
  Indicator ind;
  ind.kind = Kind::kPhone;
  ind.canonical = "+84" + std::string(code);
  ind.SetAttribute("phone_type", "short_code");
  ind.SetAttribute("region", std::string(kDefaultRegion));
  return ind;
}

// If `number` is an invalid VN number in the pre-2018 11-digit mobile plan, returns the number
// it became; otherwise nullopt.
std::optional<PhoneNumber> ConvertOldMobile(const PhoneNumber& number) {
  if (number.country_code() != 84) return std::nullopt;
  std::string nsn = std::to_string(number.national_number());
  if (nsn.size() != 10) return std::nullopt;
  for (const auto& [old_prefix, new_prefix] : kOldMobilePrefixes) {
    if (nsn.compare(0, 3, old_prefix) != 0) continue;
    PhoneNumber converted = number;
    converted.set_national_number(std::stoull(std::string(new_prefix) + nsn.substr(3)));
    if (PhoneNumberUtil::GetInstance()->IsValidNumber(converted)) return converted;
  }
  return std::nullopt;
}

base::Status ReasonForInvalid(const PhoneNumber& number) {
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  switch (util.IsPossibleNumberWithReason(number)) {
    case PhoneNumberUtil::TOO_SHORT: return Invalid("too short");
    case PhoneNumberUtil::TOO_LONG: return Invalid("too long");
    case PhoneNumberUtil::INVALID_COUNTRY_CODE: return Invalid("invalid country code");
    default: break;
  }
  std::string region;
  util.GetRegionCodeForCountryCode(number.country_code(), &region);
  return Invalid("not a valid number for region " + region);
}

}  // namespace

base::Result<Indicator> CanonicalizePhone(std::string_view input) {
  std::string_view s = base::TrimAscii(input);
  if (s.empty()) return Invalid("empty input");
  if (s.size() > kMaxInputBytes) return Invalid("too long");
  s = StripLabel(s);
  BINHYEN_ASSIGN_OR_RETURN(Digits d, ExtractDigits(s));
  if (d.digits.empty()) return Invalid("no digits");
  if (d.digits.size() > kMaxDigits) return Invalid("too long");
  if (!d.plus && IsVnShortCode(d.digits)) return ShortCodeIndicator(d.digits);
  if (d.digits.size() < 3) return Invalid("too short");

  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  PhoneNumber number;
  std::string to_parse = (d.plus ? "+" : "") + d.digits;
  switch (util.Parse(to_parse, std::string(kDefaultRegion), &number)) {
    case PhoneNumberUtil::NO_PARSING_ERROR: break;
    case PhoneNumberUtil::INVALID_COUNTRY_CODE_ERROR: return Invalid("invalid country code");
    case PhoneNumberUtil::TOO_LONG_NSN: return Invalid("too long");
    case PhoneNumberUtil::NOT_A_NUMBER: return Invalid("not a number");
    default: return Invalid("too short");
  }
  // "+84113" is the canonical form of the short code 113: accept it back (idempotence).
  std::string nsn = std::to_string(number.national_number());
  if (number.country_code() == 84 && !number.italian_leading_zero() && nsn.size() <= 4 &&
      IsVnShortCode(nsn)) {
    return ShortCodeIndicator(nsn);
  }

  Indicator ind;
  ind.kind = Kind::kPhone;
  std::string converted_from;
  if (!util.IsValidNumber(number)) {
    std::optional<PhoneNumber> converted = ConvertOldMobile(number);
    if (!converted) return ReasonForInvalid(number);
    util.Format(number, PhoneNumberUtil::E164, &converted_from);
    number = *converted;
  }
  util.Format(number, PhoneNumberUtil::E164, &ind.canonical);
  PhoneNumberUtil::PhoneNumberType type = util.GetNumberType(number);
  ind.SetAttribute("phone_type", std::string(PhoneTypeName(type)));
  if (number.country_code() == 84 && type == PhoneNumberUtil::MOBILE) {
    std::string_view carrier = VnMobileCarrier(ind.canonical);
    if (!carrier.empty()) ind.SetAttribute("carrier", std::string(carrier));
  }
  std::string region;
  util.GetRegionCodeForNumber(number, &region);
  ind.SetAttribute("region", region);
  if (!converted_from.empty()) ind.SetAttribute("converted_from", converted_from);
  return ind;
}

std::string_view VnMobileCarrier(std::string_view e164) {
  if (e164.empty() || e164[0] != '+') return {};
  return CarrierFor(e164.substr(1));
}

}  // namespace binhyen::indicator
