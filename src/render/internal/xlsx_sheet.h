#pragma once

// One worksheet of a report workbook (see RenderXlsx in render/xlsx_report.h for the layout).
// Confine to one thread; the workbook owns the sheet and the formats.

#include <xlsxwriter.h>

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "render/report_document.h"

namespace binhyen::render::internal {

// The cell formats of a workbook, created once. Indexed by CellKind where an array.
struct XlsxFormats {
  lxw_format* heading = nullptr;    // bold 13
  lxw_format* bold = nullptr;       // bold, centred, wrapped
  lxw_format* bold_left = nullptr;  // bold (captions, "Nơi nhận:")
  lxw_format* title = nullptr;      // bold 14, centred
  lxw_format* centred = nullptr;    // centred, wrapped
  lxw_format* italic = nullptr;     // italic, centred
  lxw_format* motto = nullptr;      // bold, centred, underlined
  lxw_format* paragraph = nullptr;  // justified, wrapped, top
  lxw_format* small = nullptr;      // 10 pt, recipients
  lxw_format* header = nullptr;     // table header: bold, wrapped, centred, bordered, shaded
  lxw_format* data[5] = {};         // table cells by CellKind, bordered
  lxw_format* total[5] = {};        // total row by CellKind, bold, bordered
};

XlsxFormats MakeXlsxFormats(lxw_workbook* workbook);

class XlsxSheet {
 public:
  // Adds the worksheet `name` (already sanitised by SheetNames). Internal on failure.
  static base::Result<XlsxSheet> Add(lxw_workbook* workbook, const std::string& name,
                                     const XlsxFormats* formats);

  // The first sheet: heading, motto, title block, summary, signature.
  base::Status WriteSummary(const ReportDocument& document);
  // A section sheet: heading, paragraphs, tables, charts.
  base::Status WriteSection(const Section& section);

 private:
  // Where a table's cells landed: the header row and the data rows (last < first when empty).
  struct TablePlace {
    int header_row = 0;
    int first_row = 0;
    int last_row = -1;
  };

  XlsxSheet(lxw_workbook* workbook, lxw_worksheet* sheet, std::string name,
            const XlsxFormats* formats)
      : workbook_(workbook), sheet_(sheet), name_(std::move(name)), formats_(formats) {}

  base::Status Text(int row, int col, std::string_view text, lxw_format* format);
  base::Status Merged(int row, int first_col, int last_col, std::string_view text,
                      lxw_format* format, double width_chars);
  base::Status WriteCell(int row, int col, const Cell& cell, lxw_format* format);
  base::Status WriteHeading(const AdminHeading& heading);
  base::Status WriteSignature(const Signature& signature);
  // Sets the widths of the tables' columns; returns the width (characters) of columns 0..last_col.
  base::Result<double> SetColumnWidths(const Section& section, int last_col);
  base::Status WriteTable(const Table& table, TablePlace* place);
  base::Status WriteExcelTable(const Table& table, int header_row);
  base::Status WriteChart(const BarChart& chart, const Table& table, const TablePlace& place);

  lxw_workbook* workbook_;
  lxw_worksheet* sheet_;
  std::string name_;
  const XlsxFormats* formats_;
  int row_ = 0;  // the next free row
};

}  // namespace binhyen::render::internal
