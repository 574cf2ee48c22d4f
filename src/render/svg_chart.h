#pragma once

#include <string>
#include <vector>

namespace binhyen::render {

// One bar or point: a label (escaped on output) and a value >= 0.
struct ChartItem {
  std::string label;
  double value = 0;
};

// A chart drawn as an SVG fragment (<svg> ... </svg>, no XML prolog) to inline into a page or
// embed in a report. Text is escaped; the chart has role="img", a <title> and a <desc> listing
// every label and value (screen readers read the numbers, not the shapes), both referenced by
// aria-labelledby with ids derived from a hash of the chart (two charts on a page differ);
// colours come from CSS classes (chart-bar, chart-line, chart-axis, chart-label) with inline
// fallbacks, so a page's stylesheet may restyle it; sizes in the viewBox (640 wide) so it
// scales to the container width. Numbers are written the Vietnamese way: "12.345", "12,5".
// Labels longer than 28 characters are cut with "…" (complete in <desc> and in the bar's
// tooltip). Negative, NaN and infinite values are drawn and written as 0.
// Thread safety: pure functions; thread-safe.
struct Chart {
  std::string title;
  std::string description;  // one sentence, before the list of values in <desc>
  std::vector<ChartItem> items;
  std::string unit;  // appended to value labels, e.g. " báo cáo"; may be empty
};

// Horizontal bars, one row per item in the given order (28 px each), the value and unit
// written at the bar's end; the longest bar is the largest value.
// An empty item list draws a chart with the text "Chưa có dữ liệu · No data".
std::string HorizontalBarChartSvg(const Chart& chart);

// Vertical columns over time (items in time order, e.g. months "2026-01"), with a value axis of
// round ticks (1, 2 or 5 x 10^n; whole steps when every value is whole), the value above each
// column when there are at most 16, and as many labels under the axis as fit (at most 12).
// An empty item list draws a chart with the text "Chưa có dữ liệu · No data".
std::string ColumnChartSvg(const Chart& chart);

}  // namespace binhyen::render
