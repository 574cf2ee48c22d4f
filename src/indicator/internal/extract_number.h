#pragma once

// Decides whether a number candidate of the scanner (extract_scan.h) is a phone number, a bank
// account or neither, from its digits and the words around it.
//
// The words are folded (text::FoldVietnamese: lower-case, no diacritics, đ -> d) so that "SĐT",
// "sdt", "Số tài khoản" and "so tai khoan" match alike. Cues, nearest first:
//  * negative (within 3 words before): "otp", "mã", "code", "cccd", "cmnd", "mvd", "đơn hàng",
//    "mã số thuế", "id", "pin", "imei"...: the number is neither, unless a positive cue is nearer;
//  * money (the word right after): "đ", "vnd", "đồng", "k", "tr", "triệu", "nghìn", "usd"...:
//    neither;
//  * bank (8 words before, 4 after; 3 before a mobile-shaped number): "stk", "tk", "số tài
//    khoản", "tài khoản", "chuyển khoản", "ck", "account" (2 words only); weaker, like a bank
//    name (3 words, accounts of 8 digits or more): "ngân hàng", "NH", "bank", and any bank name
//    the predicate accepts ("Vietcombank", "VCB", "MB Bank", "(ACB)");
//  * phone (8 words before): "sđt", "đt", "hotline", "zalo", "gọi", "liên hệ", "lh", "điện
//    thoại", "call", "tel", "phone"...
// Verdict: with a bank cue and 6..19 digits it is a bank account, unless a phone cue is nearer
// (or only a bank name, not a "stk"-like cue, is there next to a phone cue) and the digits are
// phone-shaped. Otherwise a mobile-shaped number is a phone; a landline, 1800/1900 or "+"
// foreign number is a phone when it is written with separators or has a phone cue.
//
// Thread safety: pure functions.

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "indicator/internal/extract_scan.h"

namespace binhyen::indicator::internal {

enum class PhoneShape {
  kNone,
  kMobile,    // 0[35789]xxxxxxxx, 84 / +84 followed by the same 9 digits
  kLandline,  // 02xxxxxxxxx (11 digits), 84 / +84 then 2xxxxxxxxx
  kService,   // 1800 / 1900 followed by 4 or 6 digits
  kForeign,   // '+' and another country code, 8..15 digits
};

// The shape of `digits` (ASCII digits only) as a Vietnamese (or '+'-prefixed) phone number.
PhoneShape ClassifyPhoneShape(std::string_view digits, bool plus);

// Returns true when `phrase` (one to three words as written, e.g. "MB Bank", "Á Châu") names a
// bank. `after_bank_word` is true when the phrase follows "ngân hàng" / "NH", where descriptive
// names ("Á Châu", "Quân đội") are trusted too.
using BankNamePredicate = std::function<bool(std::string_view phrase, bool after_bank_word)>;

struct NumberDecision {
  enum class What { kNone, kPhone, kBankAccount };
  What what = What::kNone;
  size_t start = 0;  // the span decided: [start, end)
  size_t end = 0;
  size_t next_group = 0;    // index of the first group after the span
  std::string digits;       // the digits of the span
  std::string bank_phrase;  // for a bank account: the nearest bank name as written, or ""
};

// Decides candidate `c` (kind kNumber) from its group `first_group` on. Groups joined by spaces
// may be split: the longest prefix that is a phone or a bank account wins and next_group tells
// where the rest starts (the caller decides the rest again). When nothing is found, next_group
// is c.groups.size(). Context words are read in [left_limit, c.start) and [end, right_limit).
NumberDecision DecideNumber(std::string_view text, const Candidate& c, size_t first_group,
                            size_t left_limit, size_t right_limit,
                            const BankNamePredicate& is_bank);

}  // namespace binhyen::indicator::internal
