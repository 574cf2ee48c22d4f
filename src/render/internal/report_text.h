#pragma once

// Text helpers shared by the report writers (xlsx_report, pdf_report). Pure functions;
// thread-safe.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "render/report_document.h"

namespace binhyen::render::internal {

// The "Tổng cộng" label of total rows and the national motto.
inline constexpr std::string_view kTotalLabel = "Tổng cộng";
inline constexpr std::string_view kNoData = "Không có số liệu.";
inline constexpr std::string_view kMottoCountry = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
inline constexpr std::string_view kMottoValues = "Độc lập - Tự do - Hạnh phúc";
inline constexpr std::string_view kSummarySheet = "Tổng hợp";
inline constexpr std::string_view kRecipientsLabel = "Nơi nhận:";

// `text` as valid NFC UTF-8 (ill-formed bytes become U+FFFD; decomposed Vietnamese letters are
// composed, which fonts without shaping need). Control characters other than '\n' become
// spaces; with `single_line` '\n' too. With `bmp_only`, code points above U+FFFF (emoji) become
// U+FFFD: libharu's UTF-8 encoder writes 16-bit codes and silently drops them otherwise.
std::string CleanText(std::string_view text, bool single_line = false, bool bmp_only = false);

// `value` with "." between thousands: -1234567 -> "-1.234.567".
std::string GroupThousands(int64_t value);

// A cell as shown in the PDF, the Vietnamese way: integers and money "1.234.567", decimals with
// "," and at most two decimals ("12,5"), percents from fractions ("25%", "12,5%"), text cleaned
// (CleanText single_line, bmp_only). Empty and non-finite cells give "".
std::string FormatCell(const Cell& cell, CellKind kind);

// True for the kinds written right-aligned as numbers.
bool IsNumeric(CellKind kind);

// The worksheet names of `document`: kSummarySheet first, then one per section. Each is at most
// 31 characters, has none of []:*?/\ (replaced by '-'), no leading or trailing apostrophe, is
// not empty ("Mục N" then) and differs from the others without regard to case (Excel's rule;
// a repeated name gets " (2)", " (3)"... within the 31 characters).
std::vector<std::string> SheetNames(const ReportDocument& document);

}  // namespace binhyen::render::internal
