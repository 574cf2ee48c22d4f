#pragma once

// UTF-8 validation, sanitising and a small decoder/encoder.
//
// Everything here accepts arbitrary bytes and never crashes or asserts on them. Ill-formed
// sequences are replaced following the Unicode "maximal subpart" practice (Unicode 15, §3.9,
// U+FFFD substitution; the same as ICU, Python and the WHATWG Encoding standard): every maximal
// prefix of a would-be valid sequence becomes one U+FFFD, and a byte that can never start one
// becomes one U+FFFD. Examples: `C0 AF` (overlong '/') -> two U+FFFD; `ED A0 80` (UTF-16
// surrogate) -> three; `F4 90 80 80` (> U+10FFFF) -> four; `E2 82` + 'a' (truncated) -> one
// U+FFFD then 'a'; `FF` -> one.
//
// All functions are pure and thread-safe.

#include <string>
#include <string_view>

namespace binhyen::text {

inline constexpr char32_t kReplacementChar = 0xFFFD;

struct SanitizedUtf8 {
  std::string text;          // valid UTF-8
  bool had_invalid = false;  // true when at least one U+FFFD was substituted
};

// Returns `input` with every ill-formed sequence replaced by U+FFFD (see above). Valid input
// (including pure ASCII) is returned unchanged with had_invalid == false. A U+FFFD that was
// already in the input is kept and does not set had_invalid.
SanitizedUtf8 SanitizeUtf8(std::string_view input);

// True when `input` is well-formed UTF-8 (no overlongs, surrogates or code points > U+10FFFF).
// The empty string is valid.
bool IsValidUtf8(std::string_view input);

// True when every byte is < 0x80.
bool IsAscii(std::string_view input);

// Decodes the code point starting at s[*pos] and advances *pos past it. On an ill-formed
// sequence returns U+FFFD and advances past its maximal subpart (at least one byte), so a loop
// `while (pos < s.size()) DecodeUtf8(s, &pos);` always terminates and substitutes exactly like
// SanitizeUtf8. REQUIRES: *pos < s.size(); otherwise returns U+FFFD and leaves *pos unchanged.
char32_t DecodeUtf8(std::string_view s, size_t* pos);

// Appends the UTF-8 encoding of `c` to *out. Surrogates and values > U+10FFFF are not
// encodable: U+FFFD is appended instead.
void AppendUtf8(char32_t c, std::string* out);

// Number of bytes AppendUtf8 writes for `c` (1..4).
constexpr size_t Utf8Length(char32_t c) {
  if (c < 0x80) return 1;
  if (c < 0x800) return 2;
  if (c < 0x10000) return 3;  // surrogates are written as U+FFFD, also 3 bytes
  if (c <= 0x10FFFF) return 4;
  return 3;  // U+FFFD
}

}  // namespace binhyen::text
