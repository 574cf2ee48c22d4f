#include "render/internal/svg_text.h"

#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/utf8.h"

namespace binhyen::render::internal {
namespace {

// Beyond this, doubles no longer hold every integer and "%lld" of the rounded value would lie.
constexpr double kMaxExactInteger = 9007199254740992.0;  // 2^53
constexpr int kMaxIntervals = 5;

bool IsCombiningMark(char32_t c) { return c >= 0x0300 && c <= 0x036F; }

// Appends the decimal digits of `n` with "." between groups of three.
void AppendGrouped(uint64_t n, std::string* out) {
  const std::string digits = std::to_string(n);
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out->push_back('.');
    out->push_back(digits[i]);
  }
}

}  // namespace

std::string EscapeXml(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (size_t pos = 0; pos < text.size();) {
    char32_t c = text::DecodeUtf8(text, &pos);
    switch (c) {
      case '&': out.append("&amp;"); continue;
      case '<': out.append("&lt;"); continue;
      case '>': out.append("&gt;"); continue;
      case '"': out.append("&quot;"); continue;
      case '\'': out.append("&#39;"); continue;
      default: break;
    }
    if (c < 0x20 || c == 0x7F) c = ' ';
    if (c == 0xFFFE || c == 0xFFFF) c = text::kReplacementChar;  // not XML characters
    text::AppendUtf8(c, &out);
  }
  return out;
}

std::string FormatNumber(double value) {
  if (!std::isfinite(value)) return "0";
  std::string out;
  if (value < 0) {
    out.push_back('-');
    value = -value;
  }
  if (value >= kMaxExactInteger / 100) {
    AppendGrouped(static_cast<uint64_t>(std::min(value, kMaxExactInteger)), &out);
    return out;
  }
  const auto hundredths = static_cast<uint64_t>(std::llround(value * 100));
  AppendGrouped(hundredths / 100, &out);
  const uint64_t fraction = hundredths % 100;
  if (fraction != 0) {
    out.push_back(',');
    out.push_back(static_cast<char>('0' + fraction / 10));
    if (fraction % 10 != 0) out.push_back(static_cast<char>('0' + fraction % 10));
  }
  if (out == "-0") return "0";
  return out;
}

std::string TruncateLabel(std::string_view text, size_t max_chars) {
  std::vector<char32_t> chars;
  for (size_t pos = 0; pos < text.size();) chars.push_back(text::DecodeUtf8(text, &pos));
  size_t keep = chars.size();
  const bool cut = chars.size() > max_chars;
  if (cut) {
    keep = max_chars > 0 ? max_chars - 1 : 0;
    while (keep < chars.size() && IsCombiningMark(chars[keep])) ++keep;
    while (keep > 0 && chars[keep - 1] == ' ') --keep;
  }
  std::string out;
  for (size_t i = 0; i < keep; ++i) text::AppendUtf8(chars[i], &out);
  if (cut) out.append("…");
  return out;
}

std::vector<double> RoundTicks(double max_value, bool whole_steps) {
  if (!std::isfinite(max_value) || max_value <= 0) return {0, 1};
  const double raw_step = max_value / kMaxIntervals;
  if (whole_steps && raw_step < 1) {
    std::vector<double> ticks;
    for (int i = 0; i <= static_cast<int>(std::ceil(max_value)); ++i) ticks.push_back(i);
    return ticks;
  }
  const int exponent = static_cast<int>(std::floor(std::log10(raw_step)));
  // step = mantissa x 10^exponent, computed by division for negative exponents so that 0.1
  // steps give 0.3 rather than 0.30000000000000004.
  auto scaled = [exponent](double mantissa) {
    return exponent >= 0 ? mantissa * std::pow(10.0, exponent)
                         : mantissa / std::pow(10.0, -exponent);
  };
  double mantissa = 10;
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (scaled(m) >= raw_step * (1 - 1e-9)) {
      mantissa = m;
      break;
    }
  }
  const double step = scaled(mantissa);
  const auto intervals = static_cast<int>(std::ceil(max_value / step * (1 - 1e-9)));
  std::vector<double> ticks;
  for (int i = 0; i <= std::max(intervals, 1); ++i) {
    ticks.push_back(exponent >= 0 ? i * step : i * mantissa / std::pow(10.0, -exponent));
  }
  return ticks;
}

uint64_t Fnv1a(std::string_view data) {
  uint64_t hash = 0xcbf29ce484222325ULL;
  for (char c : data) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

double DrawableValue(double value) {
  if (!std::isfinite(value) || value < 0) return 0;
  return value;
}

}  // namespace binhyen::render::internal
