#pragma once

// The document model of a periodic review report ("báo cáo sơ kết / tổng kết"): plain structs
// that a caller fills from the database and that RenderXlsx (xlsx_report.h) and RenderPdf
// (pdf_report.h) turn into files. All strings are UTF-8 (ill-formed bytes are shown as U+FFFD,
// never rejected). Nothing here does I/O.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "base/status.h"

namespace binhyen::render {

// The heading of a Vietnamese administrative report (layout of Decree 30/2020/NĐ-CP).
struct AdminHeading {
  std::string superior_body;  // top left, upper case, regular: "UBND THỊ XÃ ĐỨC PHỔ"
  std::string issuing_body;   // top left under it, bold upper case (long ones wrap)
  std::string number;         // "Số: 15/BC-BCĐ" (under the issuing body)
  std::string place_and_date;  // italic, top right under the motto: "Đức Phổ, ngày 30 tháng ..."
  std::string kind;            // centred bold: "BÁO CÁO"
  std::string title;           // centred bold under it: "Sơ kết 6 tháng đầu năm 2026 ..."
  std::string period;          // centred italic: "(Từ ngày 01/01/2026 đến ngày 30/06/2026)"
};
// The national motto ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" / "Độc lập - Tự do - Hạnh phúc") is
// always printed top right; it is a constant of the renderers, not part of the model.

struct Signature {
  std::string authority;                // e.g. "TM. BAN CHỈ ĐẠO" (may be empty)
  std::string position;                 // "TRƯỞNG BAN"
  std::string name;                     // "Nguyễn Văn A" (may be empty: leaves the space)
  std::vector<std::string> recipients;  // "Nơi nhận:" list: "- UBND thị xã;", "- Lưu: VT."
};

// How a column's values are shown. Percent values are fractions (0.25 = 25%). Money is VND,
// shown as an integer with thousands separators ("1.234.567" in PDF, "#,##0" in XLSX).
// Non-finite doubles (NaN, infinities) are shown as empty cells.
enum class CellKind { kText, kInteger, kDecimal, kPercent, kMoney };

struct Column {
  std::string title;
  CellKind kind = CellKind::kText;
  double width = 0;  // XLSX characters (also the relative width in PDF); 0 = automatic
};

// std::monostate = an empty cell. Any alternative may appear in any column: a string in a
// number column is shown as text.
using Cell = std::variant<std::monostate, std::string, int64_t, double>;

struct Table {
  std::string title;  // caption above the table
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;  // each row has columns.size() cells
  // A bold "Tổng cộng" row at the bottom when set (columns.size() cells). When its first cell
  // is empty, the renderers write "Tổng cộng" there.
  std::optional<std::vector<Cell>> total;
};

// A bar (column) chart drawn from one table of the same section: categories from one column,
// one series per value column (named by the column title).
struct BarChart {
  std::string title;
  size_t table = 0;  // index into Section::tables
  size_t category_column = 0;
  std::vector<size_t> value_columns;  // at least one; none of kind kText
};

struct Section {
  std::string heading;     // "I. TIẾP NHẬN VÀ XỬ LÝ BÁO CÁO"
  std::string sheet_name;  // its XLSX sheet; sanitised by the writer (<= 31 chars, unique, ...)
  std::vector<std::string> paragraphs;  // body text before the tables
  std::vector<Table> tables;
  std::vector<BarChart> charts;  // placed after the tables
};

struct ReportDocument {
  AdminHeading heading;
  std::vector<std::string> summary;  // paragraphs on the first page after the title
  std::vector<Section> sections;
  Signature signature;
};

// Ok when both writers can render `document`. Otherwise InvalidArgument naming the first
// offending place, e.g. "sections[2].tables[0].rows[3]: 4 cells, 5 columns". Checked: every
// table has at least one column; every row and the total row have columns.size() cells; every
// chart names an existing table, an existing category column and at least one existing value
// column that is not kText.
// Thread safety: a pure function; thread-safe.
base::Status Validate(const ReportDocument& document);

}  // namespace binhyen::render
