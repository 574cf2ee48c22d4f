#include "http/form.h"

#include <cstdint>
#include <string>

namespace binhyen::http {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Appends the decoding of `s` to `out`. `offset` is the position of `s` in the caller's input,
// for the error message.
base::Status DecodeInto(std::string_view s, bool plus_is_space, size_t offset, std::string* out) {
  out->reserve(out->size() + s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%') {
      int hi = i + 1 < s.size() ? HexValue(s[i + 1]) : -1;
      int lo = i + 2 < s.size() ? HexValue(s[i + 2]) : -1;
      if (hi < 0 || lo < 0) {
        return base::InvalidArgumentError("form: malformed percent-escape at byte " +
                                          std::to_string(offset + i));
      }
      out->push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out->push_back(' ');
    } else {
      out->push_back(c);
    }
  }
  return base::Status::Ok();
}

}  // namespace

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    auto b0 = static_cast<uint8_t>(s[i]);
    if (b0 < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint8_t lo = 0x80, hi = 0xBF;  // allowed range of the second byte (RFC 3629 table)
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      len = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      len = 3;
      if (b0 == 0xE0) lo = 0xA0;  // no overlong
      if (b0 == 0xED) hi = 0x9F;  // no surrogates
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      len = 4;
      if (b0 == 0xF0) lo = 0x90;  // no overlong
      if (b0 == 0xF4) hi = 0x8F;  // <= U+10FFFF
    } else {
      return false;
    }
    if (n - i < len) return false;
    auto b1 = static_cast<uint8_t>(s[i + 1]);
    if (b1 < lo || b1 > hi) return false;
    for (size_t k = 2; k < len; ++k) {
      auto b = static_cast<uint8_t>(s[i + k]);
      if (b < 0x80 || b > 0xBF) return false;
    }
    i += len;
  }
  return true;
}

base::Result<Params> ParseUrlEncoded(std::string_view s, size_t max_params) {
  Params params;
  size_t pos = 0;
  while (pos <= s.size()) {
    size_t amp = s.find('&', pos);
    if (amp == std::string_view::npos) amp = s.size();
    std::string_view pair = s.substr(pos, amp - pos);
    const size_t pair_offset = pos;
    pos = amp + 1;
    if (pair.empty()) continue;
    if (params.size() == max_params) {
      return base::InvalidArgumentError("form: more than " + std::to_string(max_params) +
                                        " parameters");
    }
    size_t eq = pair.find('=');
    std::string_view name = pair.substr(0, eq);
    std::string_view value =
        eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
    std::string decoded_name, decoded_value;
    BINHYEN_RETURN_IF_ERROR(DecodeInto(name, true, pair_offset, &decoded_name));
    BINHYEN_RETURN_IF_ERROR(DecodeInto(value, true, pair_offset + eq + 1, &decoded_value));
    if (!IsValidUtf8(decoded_name) || !IsValidUtf8(decoded_value)) {
      return base::InvalidArgumentError("form: not valid UTF-8 after decoding");
    }
    params.emplace_back(std::move(decoded_name), std::move(decoded_value));
  }
  return params;
}

std::optional<std::string_view> FindParam(const Params& params, std::string_view name) {
  for (const auto& [n, v] : params) {
    if (n == name) return std::string_view(v);
  }
  return std::nullopt;
}

std::string UrlEncode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '*' ||
        c == '-' || c == '.' || c == '_') {
      out.push_back(c);
    } else if (c == ' ') {
      out.push_back('+');
    } else {
      auto b = static_cast<uint8_t>(c);
      out.push_back('%');
      out.push_back(kHex[b >> 4]);
      out.push_back(kHex[b & 0xF]);
    }
  }
  return out;
}

base::Result<std::string> PercentDecode(std::string_view s) {
  std::string out;
  BINHYEN_RETURN_IF_ERROR(DecodeInto(s, false, 0, &out));
  return out;
}

}  // namespace binhyen::http
