#include "render/svg_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "render/internal/svg_text.h"

namespace binhyen::render {
namespace {

using internal::DrawableValue;
using internal::EscapeXml;
using internal::FormatNumber;

constexpr std::string_view kNoData = "Chưa có dữ liệu · No data";
constexpr double kWidth = 640;
constexpr double kFontSize = 12;
constexpr double kCharWidth = 7;       // average advance of a 12 px sans-serif character
constexpr double kBaselineShift = 4;   // from a row's centre line to the text baseline
constexpr size_t kMaxLabelChars = 28;  // longer labels are cut with "…" (complete in <desc>)
constexpr double kEmptyHeight = 80;

// Inline fallbacks for the CSS classes (a page's stylesheet overrides presentation attributes).
constexpr std::string_view kBarFill = "#2b6cb0";
constexpr std::string_view kTextFill = "#333";
constexpr std::string_view kAxisStroke = "#666";
constexpr std::string_view kGridStroke = "#ddd";

// Horizontal bar chart geometry.
constexpr double kLabelRight = 192;  // labels end here (text-anchor end)
constexpr double kBarLeft = 200;
constexpr double kBarMaxWidth = 340;  // leaves ~100 px for the value written after the bar
constexpr double kRowHeight = 28;
constexpr double kBarHeight = 18;
constexpr double kPadding = 8;

// Column chart geometry.
constexpr double kColumnHeight = 320;
constexpr double kPlotLeft = 56;
constexpr double kPlotRight = 624;
constexpr double kPlotTop = 24;
constexpr double kPlotBottom = 272;
constexpr double kColumnFill = 0.7;  // share of its slot a column covers
constexpr double kMaxColumnWidth = 56;
constexpr double kLabelGap = 8;         // between two labels under the columns
constexpr size_t kMaxXLabels = 12;      // more items than this: label every k-th column
constexpr size_t kMaxValueLabels = 16;  // more columns than this: no value above each column

// A coordinate: at most one decimal, no trailing ".0", "." as decimal separator (SVG syntax).
std::string Coord(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", std::round(v * 10) / 10);
  std::string s(buf);
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  if (s == "-0") s = "0";
  return s;
}

std::string ValueText(const Chart& chart, double value) {
  return FormatNumber(DrawableValue(value)) + chart.unit;
}

// The element ids of a chart: a hash of everything it shows, so that two charts on one page
// get different ids (and one chart the same ids every time it is drawn).
std::string ChartId(const Chart& chart, std::string_view kind) {
  std::string key(kind);
  for (std::string_view part : {std::string_view(chart.title), std::string_view(chart.description),
                                std::string_view(chart.unit)}) {
    key.append(1, '\0').append(part);
  }
  for (const ChartItem& item : chart.items) {
    key.append(1, '\0').append(item.label).append(1, '\0').append(FormatNumber(item.value));
  }
  char buf[24];
  std::snprintf(buf, sizeof buf, "chart-%012llx",
                static_cast<unsigned long long>(internal::Fnv1a(key) >> 16));
  return buf;
}

// The <desc> text: the description, then every label and value.
std::string DescText(const Chart& chart) {
  std::string desc = chart.description;
  if (!desc.empty()) desc.push_back(' ');
  if (chart.items.empty()) return desc + std::string(kNoData) + ".";
  for (size_t i = 0; i < chart.items.size(); ++i) {
    if (i > 0) desc.append("; ");
    desc.append(chart.items[i].label + ": " + ValueText(chart, chart.items[i].value));
  }
  desc.push_back('.');
  return desc;
}

std::string OpenSvg(const Chart& chart, std::string_view kind, double height) {
  const std::string id = ChartId(chart, kind);
  return R"(<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-)" + std::string(kind) +
         R"(" viewBox="0 0 )" + Coord(kWidth) + " " + Coord(height) +
         R"(" role="img" aria-labelledby=")" + id + "-title " + id +
         R"(-desc" font-family="sans-serif" font-size=")" + Coord(kFontSize) + R"("><title id=")" +
         id + R"(-title">)" + EscapeXml(chart.title) + R"(</title><desc id=")" + id + R"(-desc">)" +
         EscapeXml(DescText(chart)) + "</desc>";
}

// A <text class="chart-label"> at (x, y); `anchor` is start, middle or end.
std::string Label(double x, double y, std::string_view anchor, std::string_view text) {
  return R"(<text class="chart-label" x=")" + Coord(x) + R"(" y=")" + Coord(y) +
         R"(" text-anchor=")" + std::string(anchor) + R"(" fill=")" + std::string(kTextFill) +
         R"(">)" + EscapeXml(text) + "</text>";
}

// A <rect class="chart-bar"> with a tooltip giving the complete label and value.
std::string Bar(double x, double y, double w, double h, std::string_view tooltip) {
  return R"(<rect class="chart-bar" x=")" + Coord(x) + R"(" y=")" + Coord(y) + R"(" width=")" +
         Coord(w) + R"(" height=")" + Coord(h) + R"(" fill=")" + std::string(kBarFill) +
         R"("><title>)" + EscapeXml(tooltip) + "</title></rect>";
}

std::string Line(std::string_view cls, std::string_view stroke, double x1, double y1, double x2,
                 double y2) {
  return R"(<line class=")" + std::string(cls) + R"(" x1=")" + Coord(x1) + R"(" y1=")" + Coord(y1) +
         R"(" x2=")" + Coord(x2) + R"(" y2=")" + Coord(y2) + R"(" stroke=")" + std::string(stroke) +
         R"("/>)";
}

std::string EmptyChart(const Chart& chart, std::string_view kind) {
  return OpenSvg(chart, kind, kEmptyHeight) +
         Label(kWidth / 2, kEmptyHeight / 2 + kBaselineShift, "middle", kNoData) + "</svg>";
}

double MaxValue(const Chart& chart) {
  double max = 0;
  for (const ChartItem& item : chart.items) max = std::max(max, DrawableValue(item.value));
  return max;
}

bool AllWhole(const Chart& chart) {
  return std::all_of(chart.items.begin(), chart.items.end(), [](const ChartItem& item) {
    const double v = DrawableValue(item.value);
    return v == std::floor(v);
  });
}

// Every how many columns a label is written under the axis: at most kMaxXLabels labels, and
// enough room for the longest label (up to kMaxLabelChars characters) plus a gap.
size_t LabelEvery(const Chart& chart, double slot) {
  size_t longest = 1;
  for (const ChartItem& item : chart.items) {
    size_t chars = 0;
    for (size_t pos = 0; pos < item.label.size(); ++pos) {
      if ((static_cast<unsigned char>(item.label[pos]) & 0xC0) != 0x80) ++chars;
    }
    longest = std::max(longest, std::min(chars, kMaxLabelChars));
  }
  const size_t n = chart.items.size();
  const auto for_room = static_cast<size_t>(
      std::ceil((static_cast<double>(longest) * kCharWidth + kLabelGap) / slot));
  return std::max({size_t{1}, (n + kMaxXLabels - 1) / kMaxXLabels, for_room});
}

// The value axis of a column chart: a grid line and a label per tick, and the baseline.
std::string ValueAxis(const std::vector<double>& ticks) {
  std::string out;
  const double top = ticks.back();
  for (double tick : ticks) {
    const double y = kPlotBottom - tick / top * (kPlotBottom - kPlotTop);
    if (tick > 0)
      out.append(Line("chart-axis chart-grid", kGridStroke, kPlotLeft, y, kPlotRight, y));
    out.append(Label(kPlotLeft - 6, y + kBaselineShift, "end", FormatNumber(tick)));
  }
  out.append(Line("chart-axis", kAxisStroke, kPlotLeft, kPlotBottom, kPlotRight, kPlotBottom));
  return out;
}

}  // namespace

std::string HorizontalBarChartSvg(const Chart& chart) {
  if (chart.items.empty()) return EmptyChart(chart, "hbar");
  const double height = 2 * kPadding + kRowHeight * static_cast<double>(chart.items.size());
  const double max = MaxValue(chart);
  std::string svg = OpenSvg(chart, "hbar", height);
  for (size_t i = 0; i < chart.items.size(); ++i) {
    const ChartItem& item = chart.items[i];
    const double centre = kPadding + kRowHeight * (static_cast<double>(i) + 0.5);
    const double value = DrawableValue(item.value);
    const double width = max > 0 ? value / max * kBarMaxWidth : 0;
    const std::string value_text = ValueText(chart, item.value);
    svg.append(Label(kLabelRight, centre + kBaselineShift, "end",
                     internal::TruncateLabel(item.label, kMaxLabelChars)));
    svg.append(
        Bar(kBarLeft, centre - kBarHeight / 2, width, kBarHeight, item.label + ": " + value_text));
    svg.append(Label(kBarLeft + width + 6, centre + kBaselineShift, "start", value_text));
  }
  svg.append(Line("chart-axis", kAxisStroke, kBarLeft, kPadding, kBarLeft, height - kPadding));
  svg.append("</svg>");
  return svg;
}

std::string ColumnChartSvg(const Chart& chart) {
  if (chart.items.empty()) return EmptyChart(chart, "columns");
  const std::vector<double> ticks = internal::RoundTicks(MaxValue(chart), AllWhole(chart));
  const double top = ticks.back();
  const size_t n = chart.items.size();
  const double slot = (kPlotRight - kPlotLeft) / static_cast<double>(n);
  const size_t label_every = LabelEvery(chart, slot);
  const size_t label_chars = std::clamp<size_t>(
      static_cast<size_t>(slot * static_cast<double>(label_every) / kCharWidth), 1, kMaxLabelChars);
  std::string svg = OpenSvg(chart, "columns", kColumnHeight) + ValueAxis(ticks);
  for (size_t i = 0; i < n; ++i) {
    const ChartItem& item = chart.items[i];
    const double value = DrawableValue(item.value);
    const double h = value / top * (kPlotBottom - kPlotTop);
    const double centre = kPlotLeft + slot * (static_cast<double>(i) + 0.5);
    const double w = std::min(slot * kColumnFill, kMaxColumnWidth);
    svg.append(Bar(centre - w / 2, kPlotBottom - h, w, h,
                   item.label + ": " + ValueText(chart, item.value)));
    if (n <= kMaxValueLabels) {
      svg.append(Label(centre, kPlotBottom - h - 4, "middle", FormatNumber(value)));
    }
    if (i % label_every == 0) {
      svg.append(Label(centre, kPlotBottom + 16, "middle",
                       internal::TruncateLabel(item.label, label_chars)));
    }
  }
  svg.append("</svg>");
  return svg;
}

}  // namespace binhyen::render
