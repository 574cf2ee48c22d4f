#pragma once

// Normalisation of message text for matching scam phrases, undoing common obfuscation, with a
// byte-offset map back to the original so that matches can be reported as spans of the
// ORIGINAL text.
//
// NormalizeForMatching applies, in order:
//  1. UTF-8 decoding; each ill-formed subpart becomes U+FFFD (as SanitizeUtf8).
//  2. Removal of invisible characters: every Default_Ignorable_Code_Point (zero-width space and
//     joiners U+200B..U+200F, U+2060..U+2064, U+FEFF, soft hyphen U+00AD, variation selectors,
//     bidi controls, tags). Other control characters and all Unicode white space become ' '.
//  3. Per code point: NFKC compatibility mapping (full-width "ｖａｙ", styled "𝐯𝐢𝐞𝐭",
//     ligatures), removal of diacritics, lower-casing, Đ/đ -> d, and a few Latin letters without
//     decomposition to ASCII (ø ł ß æ œ, small capitals ᴠᴀʏ). See text/internal/fold_table.h.
//     Composition across code points is not performed; marks of non-Latin scripts are kept.
//  4. Look-alike letters: inside a word (run of letters) that holds an ASCII letter, or whose
//     letters are all look-alikes, Cyrillic/Greek/Armenian look-alikes become Latin ("vіеt"
//     with Cyrillic і/е -> "viet"). Words in other scripts stay as they are.
//  5. Leetspeak, only inside words: in a token (run of letters, digits, '@', '$') that starts
//     with a letter, a run of 0 1 3 4 5 7 @ $ (-> o i e a s t a s) is replaced when it is
//     followed by a letter (at most 3 long: "v@y" -> "vay") or ends the token after at least
//     two letters (single character: "ch0" -> "cho"). Tokens starting with a digit ("500k",
//     "4g", "10h30", phone numbers, dates, amounts) and e-mail-like tokens are never changed.
//     '1' always becomes 'i'.
//  6. Spaced or dotted letters joined: a run of single letters separated each time by the same
//     one separator (space . - _ * / | + ~), at least 3 letters for space and 2 for the others:
//     "c.ô.n.g a.n" -> "cong an", "t i ề n" -> "tien", "v-a-y" -> "vay".
//  7. Runs of the same letter longer than 2 are cut to 2: "tiềnnnnn" -> "tienn".
//  8. Teencode, word by word (text/teencode.h): "ko" -> "khong", "stk" -> "so tai khoan".
//     Not applied next to URL/e-mail punctuation, nor "k" right after a number ("500 k").
//  9. White space runs collapse to one ' '; leading and trailing white space is removed.
// Output is ASCII for Vietnamese and other Latin text; other scripts are kept (lower-cased).
//
// Thread-safe; accepts arbitrary bytes; never crashes. ASCII input avoids ICU entirely.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace binhyen::text {

struct MatchText {
  std::string text;  // normalised, valid UTF-8
  // origin[i] is the byte offset in the input that output byte i came from; origin.size() ==
  // text.size() + 1 and origin.back() == input size. Non-decreasing. Every byte of an expansion
  // ("ko" -> "khong") maps to the start of the source word.
  std::vector<uint32_t> origin;
};

// REQUIRES: input.size() < 4 GiB (larger input is truncated to its first 4 GiB - 1 bytes).
MatchText NormalizeForMatching(std::string_view input);

// Maps the output byte span [begin, end) of `m.text` to a byte span [first, second) of the
// input that covers every source character the span came from. A span that ends inside an
// expansion or a multi-byte character extends to the end of that source word or character.
// REQUIRES: begin <= end <= m.text.size() (clamped otherwise).
std::pair<size_t, size_t> OriginalSpan(const MatchText& m, size_t begin, size_t end);

}  // namespace binhyen::text
