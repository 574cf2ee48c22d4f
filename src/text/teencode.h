#pragma once

// Vietnamese chat shorthand ("teencode") used by NormalizeForMatching (text/matching.h).
//
// The table is data in text/teencode.cc: one {shorthand, expansion} row per line, sorted by
// shorthand, shorthands in folded form (lower-case ASCII without diacritics, so "đc" is listed
// as "dc" and "sđt" as "sdt"), expansions folded too. To extend it, add a row in order; the
// test checks order and form. Words that must stay as they are (ok, otp, a, e, c) are simply
// not listed. Thread-safe: the table is immutable.

#include <span>
#include <string_view>

namespace binhyen::text {

struct TeencodeEntry {
  std::string_view shorthand;
  std::string_view expansion;
};

// The whole table, sorted by shorthand.
std::span<const TeencodeEntry> TeencodeTable();

// The expansion of a folded word ("ko" -> "khong", "stk" -> "so tai khoan"), or an empty view
// when the word is not a listed shorthand.
std::string_view ExpandTeencode(std::string_view folded_word);

}  // namespace binhyen::text
