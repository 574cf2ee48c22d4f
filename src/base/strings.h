#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace binhyen::base {

constexpr bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
constexpr bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool IsAsciiAlnum(char c) { return IsAsciiDigit(c) || IsAsciiAlpha(c); }
constexpr bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
constexpr char AsciiToLower(char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; }

// Lower-cases ASCII letters only; other bytes are kept.
std::string AsciiLower(std::string_view s);
void AsciiLowerInPlace(std::string& s);

// Removes ASCII white space at both ends.
std::string_view TrimAscii(std::string_view s);

// Splits on `sep`; keeps empty pieces.
std::vector<std::string_view> Split(std::string_view s, char sep);

bool EqualsIgnoreAsciiCase(std::string_view a, std::string_view b);

// The text of an errno value ("No such file or directory"). Thread-safe, unlike std::strerror.
std::string ErrnoMessage(int err);

// Parses a whole decimal integer (optional leading '-', digits only, no spaces, in range) into
// `out`; false (out unchanged) otherwise.
bool ParseInt64(std::string_view s, int64_t& out);

}  // namespace binhyen::base
