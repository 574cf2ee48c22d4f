#pragma once

// Tables and bar charts of a PDF report, drawn at the canvas cursor, which they move down.
// Confine to one thread (they draw on one canvas).

#include "render/internal/pdf_canvas.h"
#include "render/report_document.h"

namespace binhyen::render::internal {

// The caption (bold, centred), then the table across the text width: bordered cells, wrapped
// text (never cut), numbers right-aligned, a shaded bold header repeated at the top of every
// page the table continues on (unless the header is taller than a third of a page), rows split
// between pages only when a row alone is taller than a page, and the total row in bold (its
// empty first cell reads "Tổng cộng"). Column widths follow Column::width when set
// (proportionally), otherwise the content. A table without rows draws "Không có số liệu.".
// REQUIRES: Validate() accepted the table (rows have columns.size() cells).
void DrawTable(PdfCanvas& canvas, const Table& table);

// A column chart with vector primitives: the title, a value axis with round ticks and grid
// lines, one bar per category and series, the value over each bar (turned upright when wider
// than the bar), category labels wrapped under the axis (turned 90 degrees when categories are
// narrow) and a legend when there is more than one series. Negative, empty, text and non-finite
// values are drawn as 0-height bars (their labels still show the value). A table without rows
// draws "Không có số liệu.". REQUIRES: Validate() accepted the chart for `table`.
void DrawBarChart(PdfCanvas& canvas, const BarChart& chart, const Table& table);

}  // namespace binhyen::render::internal
