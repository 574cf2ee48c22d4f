#pragma once

#include <filesystem>
#include <string>

#include "base/result.h"
#include "render/report_document.h"

namespace binhyen::render {

// Renders `document` as an Excel workbook (.xlsx, Office Open XML) and returns its bytes.
//
// Sheets: "Tổng hợp" first (the administrative heading and national motto, kind, title, period,
// summary paragraphs and the signature block), then one sheet per section, named by
// internal::SheetNames (the section's sheet_name sanitised for Excel). A section sheet holds the
// heading, the paragraphs (merged across the table width, wrapped), then each table: its title,
// a native Excel table (header, autofilter, banding) over the header and rows with a number
// format per CellKind ("#,##0", "#,##0.00", "0.0%", money "#,##0"), and the total row under it
// in bold; an empty table writes its header and "Không có số liệu.". Column widths are the
// columns' `width` or fitted to the content (8..60 characters). The header row is frozen when
// the section has one table near the top. Each chart is a native column chart whose series
// reference the table's cells on that sheet (a chart of an empty table is replaced by its title
// and "Không có số liệu."). Document properties: title, subject (period), author (issuing
// body), company (superior body).
//
// libxlsxwriter writes to a file: the workbook goes to a unique temporary file in `temp_dir`
// (its own temporary files too), which is read back and removed, also on failure.
// Strings longer than Excel's 32,767 characters are cut with "…"; integers beyond 2^53 lose
// precision (Excel stores doubles).
//
// Errors: whatever Validate(document) returns; Unavailable when `temp_dir` cannot hold the
// files; Internal for a libxlsxwriter failure (with its message).
// Thread safety: thread-safe (no shared state; each call uses its own temporary file).
base::Result<std::string> RenderXlsx(const ReportDocument& document,
                                     const std::filesystem::path& temp_dir);

}  // namespace binhyen::render
