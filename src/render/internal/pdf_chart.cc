// DrawBarChart (declared in pdf_table.h).

#include <algorithm>
#include <cmath>
#include <string>
#include <variant>
#include <vector>

#include "render/internal/pdf_table.h"
#include "render/internal/report_text.h"
#include "render/internal/svg_text.h"

namespace binhyen::render::internal {
namespace {

constexpr TextStyle kTitleStyle{Face::kBold, 12};
constexpr TextStyle kNoDataStyle{Face::kItalic, 13};
constexpr TextStyle kTickStyle{Face::kRegular, 8};
constexpr TextStyle kLegendStyle{Face::kRegular, 9};
constexpr double kPlotHeight = 170;
constexpr double kMinHorizontalSlot = 40;  // narrower categories get upright labels
constexpr double kMaxUprightLabel = 110;   // upright labels wrap at this length or more,
constexpr double kMaxUprightHeight = 220;  // but not beyond this
constexpr double kPalette[][3] = {{0.17, 0.42, 0.69}, {0.87, 0.42, 0.13}, {0.22, 0.63, 0.41},
                                  {0.77, 0.19, 0.19}, {0.42, 0.27, 0.76}, {0.19, 0.59, 0.58},
                                  {0.45, 0.45, 0.45}};
constexpr size_t kPaletteSize = sizeof kPalette / sizeof kPalette[0];

double Numeric(const Cell& cell) {
  if (const auto* i = std::get_if<int64_t>(&cell)) return static_cast<double>(*i);
  if (const auto* d = std::get_if<double>(&cell)) return *d;
  return 0;
}

// Everything measured before drawing, so that the chart's height is known.
struct Layout {
  std::vector<std::vector<double>> values;        // [row][series], drawable
  std::vector<std::vector<std::string>> labels;   // [row][series]
  std::vector<std::vector<TextLine>> categories;  // [row] wrapped
  std::vector<double> ticks;
  TextStyle value_style{Face::kRegular, 7.5};
  TextStyle category_style{Face::kRegular, 8};
  double plot_x = 0, plot_width = 0, slot = 0, bar = 0;
  bool upright_values = false, upright_categories = false;
  double headroom = 0, label_height = 0, legend_height = 0;
  double height() const { return headroom + kPlotHeight + 6 + label_height + legend_height + 6; }
};

void MeasureValues(PdfCanvas& canvas, const BarChart& chart, const Table& table, Layout* l) {
  bool whole = true;
  double max = 0;
  for (const auto& row : table.rows) {
    l->values.emplace_back();
    l->labels.emplace_back();
    for (size_t column : chart.value_columns) {
      const double v = DrawableValue(Numeric(row[column]));
      whole = whole && v == std::floor(v);
      max = std::max(max, v);
      l->values.back().push_back(v);
      l->labels.back().push_back(FormatCell(row[column], table.columns[column].kind));
    }
  }
  l->ticks = RoundTicks(max, whole);
  double tick_width = 0;
  for (double tick : l->ticks) {
    tick_width = std::max(tick_width, canvas.TextWidth(FormatNumber(tick), kTickStyle));
  }
  l->plot_x = canvas.left() + tick_width + 6;
  l->plot_width = canvas.right() - l->plot_x;
  l->slot = l->plot_width / static_cast<double>(table.rows.size());
  l->bar = l->slot * 0.75 / static_cast<double>(chart.value_columns.size());
  l->value_style.size = std::clamp(l->bar * 0.9, 3.0, 7.5);
  double widest = 0;
  for (const auto& row : l->labels) {
    for (const auto& label : row)
      widest = std::max(widest, canvas.TextWidth(label, l->value_style));
  }
  l->upright_values = widest > l->bar + l->slot * 0.25;
  l->headroom = l->upright_values ? widest + 4 : l->value_style.size + 4;
}

void MeasureCategories(PdfCanvas& canvas, const BarChart& chart, const Table& table, Layout* l) {
  l->upright_categories = l->slot < kMinHorizontalSlot;
  l->category_style.size = std::clamp(l->slot * 0.8, 3.0, 8.0);
  // Upright labels take as many lines as fit side by side in the slot, longer lines otherwise
  // (up to kMaxUprightHeight, where lines of neighbours may touch rather than text be cut).
  const double side_by_side = std::max(1.0, std::floor(l->slot / l->category_style.leading()));
  const CellKind kind = table.columns[chart.category_column].kind;
  for (const auto& row : table.rows) {
    const std::string label = FormatCell(row[chart.category_column], kind);
    double wrap = l->slot - 4;
    if (l->upright_categories) {
      const double needed = canvas.TextWidth(label, l->category_style) / side_by_side * 1.1;
      wrap = std::clamp(needed, kMaxUprightLabel, kMaxUprightHeight);
    }
    l->categories.push_back(canvas.Wrap(label, l->category_style, wrap));
    const auto& lines = l->categories.back();
    double height = static_cast<double>(lines.size()) * l->category_style.leading();
    if (l->upright_categories) {
      height = 0;
      for (const TextLine& line : lines) {
        height = std::max(height, canvas.TextWidth(line.Joined(), l->category_style));
      }
    }
    l->label_height = std::max(l->label_height, height + 4);
  }
}

// Lays the legend out in rows; draws it when `draw`. Returns its height.
double Legend(PdfCanvas& canvas, const BarChart& chart, const Table& table, double top, bool draw) {
  if (chart.value_columns.size() < 2) return 0;
  const double row_height = kLegendStyle.leading() + 2;
  double x = canvas.left(), y = top - row_height;
  for (size_t s = 0; s < chart.value_columns.size(); ++s) {
    const std::string name = CleanText(table.columns[chart.value_columns[s]].title, true, true);
    const double w = 12 + std::min(canvas.TextWidth(name, kLegendStyle), canvas.width() - 12);
    if (x > canvas.left() && x + w > canvas.right()) {
      x = canvas.left();
      y -= row_height;
    }
    if (draw) {
      canvas.Box(x, y + 1, 8, 8, false, kPalette[s % kPaletteSize]);
      canvas.Text(x + 11, y + 2, name, kLegendStyle);
    }
    x += w + 12;
  }
  return top - y + 2;
}

void DrawAxes(PdfCanvas& canvas, const Layout& l, double base) {
  const double top_value = l.ticks.back();
  for (double tick : l.ticks) {
    const double y = base + tick / top_value * kPlotHeight;
    if (tick > 0) canvas.Rule(l.plot_x, y, l.plot_x + l.plot_width, y, 0.4, 0.8);
    const std::string label = FormatNumber(tick);
    canvas.Text(l.plot_x - 4 - canvas.TextWidth(label, kTickStyle), y - 2.5, label, kTickStyle);
  }
  canvas.Rule(l.plot_x, base, l.plot_x, base + kPlotHeight, 0.6);
  canvas.Rule(l.plot_x, base, l.plot_x + l.plot_width, base, 0.6);
}

void DrawBars(PdfCanvas& canvas, const Layout& l, double base) {
  const double top_value = l.ticks.back();
  for (size_t r = 0; r < l.values.size(); ++r) {
    const double group = l.bar * static_cast<double>(l.values[r].size());
    double x = l.plot_x + static_cast<double>(r) * l.slot + (l.slot - group) / 2;
    for (size_t s = 0; s < l.values[r].size(); ++s, x += l.bar) {
      const double h = l.values[r][s] / top_value * kPlotHeight;
      if (h > 0) canvas.Box(x, base, l.bar * 0.92, h, false, kPalette[s % kPaletteSize]);
      const std::string& label = l.labels[r][s];
      const double w = canvas.TextWidth(label, l.value_style);
      if (l.upright_values) {
        canvas.RotatedText(x + l.bar * 0.46 + l.value_style.size * 0.35, base + h + 2, label,
                           l.value_style, 90);
      } else {
        canvas.Text(x + l.bar * 0.46 - w / 2, base + h + 2, label, l.value_style);
      }
    }
  }
}

void DrawCategories(PdfCanvas& canvas, const Layout& l, double base) {
  const TextStyle& style = l.category_style;
  for (size_t r = 0; r < l.categories.size(); ++r) {
    const double x = l.plot_x + static_cast<double>(r) * l.slot;
    const auto& lines = l.categories[r];
    for (size_t i = 0; i < lines.size(); ++i) {
      const std::string text = lines[i].Joined();
      const double w = canvas.TextWidth(text, style);
      if (l.upright_categories) {
        const double offset = (static_cast<double>(i) - (lines.size() - 1) / 2.0) * style.leading();
        canvas.RotatedText(x + l.slot / 2 + offset + style.size * 0.35, base - 4 - w, text, style,
                           90);
      } else {
        const double baseline = base - 2 - static_cast<double>(i + 1) * style.leading();
        canvas.Text(x + (l.slot - w) / 2, baseline + style.size * 0.25, text, style);
      }
    }
  }
}

}  // namespace

void DrawBarChart(PdfCanvas& canvas, const BarChart& chart, const Table& table) {
  if (table.rows.empty()) {
    canvas.EnsureRoom(kTitleStyle.leading() + kNoDataStyle.leading());
    canvas.Flow(chart.title, kTitleStyle, Align::kCenter, canvas.left(), canvas.width());
    canvas.Flow(kNoData, kNoDataStyle, Align::kLeft, canvas.left(), canvas.width());
    return;
  }
  Layout l;
  MeasureValues(canvas, chart, table, &l);
  MeasureCategories(canvas, chart, table, &l);
  l.legend_height = Legend(canvas, chart, table, 0, false);
  const double titles =
      canvas.Wrap(chart.title, kTitleStyle, canvas.width()).size() * kTitleStyle.leading();
  canvas.EnsureRoom(titles + 4 + l.height());
  canvas.Flow(chart.title, kTitleStyle, Align::kCenter, canvas.left(), canvas.width());
  canvas.MoveDown(4);
  const double base = canvas.y() - l.headroom - kPlotHeight;
  DrawAxes(canvas, l, base);
  DrawBars(canvas, l, base);
  DrawCategories(canvas, l, base);
  Legend(canvas, chart, table, base - 6 - l.label_height, true);
  canvas.MoveDown(l.height() + 6);
}

}  // namespace binhyen::render::internal
