#include "render/internal/report_text.h"

#include <cmath>
#include <set>
#include <string>
#include <variant>

#include "render/internal/svg_text.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace binhyen::render::internal {
namespace {

constexpr size_t kMaxSheetChars = 31;

// The first `max_chars` code points of valid UTF-8 `text`.
std::string FirstChars(std::string_view text, size_t max_chars) {
  size_t pos = 0;
  for (size_t n = 0; n < max_chars && pos < text.size(); ++n) text::DecodeUtf8(text, &pos);
  return std::string(text.substr(0, pos));
}

size_t CharCount(std::string_view text) {
  size_t count = 0;
  for (size_t pos = 0; pos < text.size(); ++count) text::DecodeUtf8(text, &pos);
  return count;
}

std::string SheetNameBase(std::string_view wanted, size_t index) {
  std::string name = CleanText(wanted, /*single_line=*/true);
  for (char& c : name) {
    if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) c = '-';
  }
  while (!name.empty() && (name.front() == '\'' || name.front() == ' ')) name.erase(0, 1);
  name = FirstChars(name, kMaxSheetChars);
  while (!name.empty() && (name.back() == '\'' || name.back() == ' ')) name.pop_back();
  if (name.empty()) name = "Mục " + std::to_string(index);
  return name;
}

}  // namespace

std::string CleanText(std::string_view text, bool single_line, bool bmp_only) {
  const std::string composed = text::Nfc(text::SanitizeUtf8(text).text);
  std::string out;
  out.reserve(composed.size());
  for (size_t pos = 0; pos < composed.size();) {
    char32_t c = text::DecodeUtf8(composed, &pos);
    if (c < 0x20 || c == 0x7F) c = (c == '\n' && !single_line) ? U'\n' : U' ';
    if (bmp_only && c > 0xFFFF) c = text::kReplacementChar;
    text::AppendUtf8(c, &out);
  }
  return out;
}

std::string GroupThousands(int64_t value) {
  // Through uint64_t so that INT64_MIN has a magnitude.
  uint64_t magnitude = value < 0 ? 0 - static_cast<uint64_t>(value) : value;
  std::string digits = std::to_string(magnitude);
  std::string out = value < 0 ? "-" : "";
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back('.');
    out.push_back(digits[i]);
  }
  return out;
}

std::string FormatCell(const Cell& cell, CellKind kind) {
  if (const auto* s = std::get_if<std::string>(&cell)) return CleanText(*s, true, true);
  if (const auto* i = std::get_if<int64_t>(&cell)) {
    if (kind == CellKind::kPercent) return FormatNumber(static_cast<double>(*i) * 100) + "%";
    return GroupThousands(*i);
  }
  if (const auto* d = std::get_if<double>(&cell)) {
    if (!std::isfinite(*d)) return "";
    switch (kind) {
      case CellKind::kPercent: return FormatNumber(*d * 100) + "%";
      case CellKind::kInteger:
      case CellKind::kMoney: return FormatNumber(std::round(*d));
      case CellKind::kText:
      case CellKind::kDecimal: return FormatNumber(*d);
    }
  }
  return "";
}

bool IsNumeric(CellKind kind) { return kind != CellKind::kText; }

std::vector<std::string> SheetNames(const ReportDocument& document) {
  std::vector<std::string> names = {std::string(kSummarySheet)};
  std::set<std::string> taken = {text::NfkcCasefold(kSummarySheet)};
  for (size_t s = 0; s < document.sections.size(); ++s) {
    const std::string base = SheetNameBase(document.sections[s].sheet_name, s + 1);
    std::string name = base;
    for (int n = 2; taken.count(text::NfkcCasefold(name)) > 0; ++n) {
      const std::string suffix = " (" + std::to_string(n) + ")";
      name = FirstChars(base, kMaxSheetChars - CharCount(suffix)) + suffix;
    }
    taken.insert(text::NfkcCasefold(name));
    names.push_back(name);
  }
  return names;
}

}  // namespace binhyen::render::internal
