#include "text/utf8.h"

#include <cstdint>
#include <cstring>

namespace binhyen::text {
namespace {

constexpr uint64_t kHighBits = 0x8080808080808080ULL;

// Length of the leading run of ASCII bytes of [p, p + n).
size_t AsciiPrefix(const char* p, size_t n) {
  size_t i = 0;
  while (i + 8 <= n) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    if (w & kHighBits) break;
    i += 8;
  }
  while (i < n && static_cast<unsigned char>(p[i]) < 0x80) ++i;
  return i;
}

// Decodes one sequence at s[pos] (s[pos] >= 0x80). Returns the code point, or U+FFFD with
// *len = length of the maximal subpart; *valid tells which.
char32_t DecodeMultiByte(const unsigned char* s, size_t n, size_t pos, size_t* len, bool* valid) {
  const unsigned char b0 = s[pos];
  *valid = false;
  *len = 1;
  size_t need;
  char32_t c;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1;
    c = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2;
    c = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;  // overlong
    if (b0 == 0xED) hi = 0x9F;  // surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3;
    c = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;  // overlong
    if (b0 == 0xF4) hi = 0x8F;  // > U+10FFFF
  } else {
    return kReplacementChar;  // continuation byte, C0, C1, F5..FF
  }
  for (size_t k = 1; k <= need; ++k) {
    if (pos + k >= n) return kReplacementChar;  // truncated: maximal subpart so far
    const unsigned char b = s[pos + k];
    const unsigned char min = k == 1 ? lo : 0x80;
    const unsigned char max = k == 1 ? hi : 0xBF;
    if (b < min || b > max) return kReplacementChar;
    c = (c << 6) | (b & 0x3F);
    *len = k + 1;
  }
  *valid = true;
  return c;
}

}  // namespace

bool IsAscii(std::string_view input) {
  return AsciiPrefix(input.data(), input.size()) == input.size();
}

bool IsValidUtf8(std::string_view input) {
  const auto* s = reinterpret_cast<const unsigned char*>(input.data());
  const size_t n = input.size();
  size_t pos = 0;
  while (pos < n) {
    pos += AsciiPrefix(input.data() + pos, n - pos);
    if (pos >= n) break;
    size_t len;
    bool valid;
    DecodeMultiByte(s, n, pos, &len, &valid);
    if (!valid) return false;
    pos += len;
  }
  return true;
}

SanitizedUtf8 SanitizeUtf8(std::string_view input) {
  SanitizedUtf8 result;
  if (IsValidUtf8(input)) {
    result.text.assign(input);
    return result;
  }
  const auto* s = reinterpret_cast<const unsigned char*>(input.data());
  const size_t n = input.size();
  result.text.reserve(n + 8);
  result.had_invalid = true;
  size_t pos = 0;
  while (pos < n) {
    const size_t ascii = AsciiPrefix(input.data() + pos, n - pos);
    result.text.append(input.data() + pos, ascii);
    pos += ascii;
    if (pos >= n) break;
    size_t len;
    bool valid;
    DecodeMultiByte(s, n, pos, &len, &valid);
    if (valid) {
      result.text.append(input.data() + pos, len);
    } else {
      result.text.append("\xEF\xBF\xBD");
    }
    pos += len;
  }
  return result;
}

char32_t DecodeUtf8(std::string_view s, size_t* pos) {
  if (*pos >= s.size()) return kReplacementChar;
  const auto b0 = static_cast<unsigned char>(s[*pos]);
  if (b0 < 0x80) {
    ++*pos;
    return b0;
  }
  size_t len;
  bool valid;
  const char32_t c = DecodeMultiByte(reinterpret_cast<const unsigned char*>(s.data()), s.size(),
                                     *pos, &len, &valid);
  *pos += len;
  return c;
}

void AppendUtf8(char32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    if (c >= 0xD800 && c <= 0xDFFF) c = kReplacementChar;
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c <= 0x10FFFF) {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->append("\xEF\xBF\xBD");
  }
}

}  // namespace binhyen::text
