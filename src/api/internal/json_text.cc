#include "api/internal/json_text.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "text/utf8.h"

namespace binhyen::api::internal {
namespace {

// True when every byte of `s` is printable ASCII other than '"' and '\\': the string is valid
// UTF-8 and its JSON form is itself in quotes. Eight bytes at a time (canonical forms, sources,
// categories and most inputs are such strings).
bool IsPlainAscii(std::string_view s) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHighs = 0x8080808080808080ULL;
  // Bytes equal to `c` in `w` get their high bit set (no false positives for bytes < 0x80).
  auto has = [](uint64_t w, unsigned char c) {
    const uint64_t x = w ^ (kOnes * c);
    return (x - kOnes) & ~x & kHighs;
  };
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    // High bit set, or below 0x20 (w - 0x20 borrows into the high bit of such bytes).
    if ((w | ((w - kOnes * 0x20) & ~w)) & kHighs) return false;
    if (has(w, '"') | has(w, '\\')) return false;
  }
  for (; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') return false;
  }
  return true;
}

// A JSON string: '"', '\\' and control characters escaped as nlohmann::json does, everything
// else copied as UTF-8 (an ill-formed string is sanitized first: U+FFFD per bad sequence).
}  // namespace

void AppendString(std::string_view s, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  if (IsPlainAscii(s)) {
    out->push_back('"');
    out->append(s);
    out->push_back('"');
    return;
  }
  std::string sanitized;
  if (!text::IsValidUtf8(s)) {
    sanitized = text::SanitizeUtf8(s).text;
    s = sanitized;
  }
  out->push_back('"');
  size_t start = 0;  // s[start, i) is still to copy as is
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out->append(s.substr(start, i - start));
    start = i + 1;
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\b': out->append("\\b"); break;
      case '\f': out->append("\\f"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      default:
        out->append("\\u00");
        out->push_back(kHex[c >> 4]);
        out->push_back(kHex[c & 0xf]);
    }
  }
  out->append(s.substr(start));
  out->push_back('"');
}

void AppendMember(std::string_view name, std::string* out) {
  AppendString(name, out);
  out->push_back(':');
}

void AppendDouble(double value, std::string* out) {
  if (!std::isfinite(value)) {
    out->append("null");
    return;
  }
  char buf[32];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  const std::string_view text(buf, static_cast<size_t>(end - buf));
  out->append(text);
  // nlohmann::json writes a whole number as "1.0", not "1".
  if (text.find_first_of(".e") == std::string_view::npos) out->append(".0");
}

}  // namespace binhyen::api::internal
