#include "render/internal/pdf_table.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <variant>
#include <vector>

#include "render/internal/report_text.h"

namespace binhyen::render::internal {
namespace {

constexpr TextStyle kCellStyle{Face::kRegular, 11};
constexpr TextStyle kHeaderStyle{Face::kBold, 11};
constexpr TextStyle kCaptionStyle{Face::kBold, 12};
constexpr TextStyle kNoDataStyle{Face::kItalic, 13};
constexpr double kPadX = 3, kPadY = 3;
constexpr double kHeaderFill[3] = {0.88, 0.91, 0.96};
constexpr double kPointsPerChar = 6;  // a Column::width character at 11 pt, for mixed widths

// One table row, wrapped into its columns.
struct RowText {
  std::vector<std::vector<TextLine>> cells;
  std::vector<Align> aligns;
  TextStyle style = kCellStyle;
  const double* fill = nullptr;
  size_t line_count() const {
    size_t n = 1;
    for (const auto& cell : cells) n = std::max(n, cell.size());
    return n;
  }
};

double Height(size_t lines) {
  return static_cast<double>(lines) * kCellStyle.leading() + 2 * kPadY;
}

std::vector<std::string> RowStrings(const Table& table, const std::vector<Cell>& cells,
                                    bool total) {
  std::vector<std::string> out;
  for (size_t c = 0; c < table.columns.size(); ++c) {
    const bool label = total && c == 0 && std::holds_alternative<std::monostate>(cells[c]);
    out.push_back(label ? std::string(kTotalLabel) : FormatCell(cells[c], table.columns[c].kind));
  }
  return out;
}

double LongestWord(PdfCanvas& canvas, const std::string& text, TextStyle style) {
  double longest = 0;
  for (const TextLine& line : canvas.Wrap(text, style, 1e9)) {
    for (const std::string& word : line.words) {
      longest = std::max(longest, canvas.TextWidth(word, style));
    }
  }
  return longest;
}

// Natural (one line per cell) and minimum (longest word) widths, capped to share the page.
void ContentWidths(PdfCanvas& canvas, const Table& table, double total,
                   std::vector<double>* natural, std::vector<double>* minimum) {
  const size_t n = table.columns.size();
  natural->assign(n, 0);
  minimum->assign(n, 0);
  // Headers may take two lines: they ask for half their length.
  auto consider = [&](const std::vector<std::string>& texts, TextStyle style, double share) {
    for (size_t c = 0; c < n; ++c) {
      const std::string clean = CleanText(texts[c], true, true);
      const double longest = LongestWord(canvas, clean, style) + 2 * kPadX;
      const double whole = canvas.TextWidth(clean, style) * share + 2 * kPadX;
      (*natural)[c] = std::max({(*natural)[c], whole, longest});
      (*minimum)[c] = std::max((*minimum)[c], longest);
    }
  };
  std::vector<std::string> titles;
  for (const Column& column : table.columns) titles.push_back(column.title);
  consider(titles, kHeaderStyle, 0.5);
  for (const auto& row : table.rows) consider(RowStrings(table, row, false), kCellStyle, 1);
  if (table.total) consider(RowStrings(table, *table.total, true), kHeaderStyle, 1);
  for (size_t c = 0; c < n; ++c) {
    const double wanted = table.columns[c].width;
    if (wanted > 0 && std::isfinite(wanted))
      (*natural)[c] = (*minimum)[c] = wanted * kPointsPerChar;
    (*minimum)[c] = std::min((*minimum)[c], total * 0.3);
    (*natural)[c] = std::clamp((*natural)[c], (*minimum)[c], total * 0.6);
  }
}

std::vector<double> ColumnWidths(PdfCanvas& canvas, const Table& table, double total) {
  std::vector<double> natural, minimum;
  ContentWidths(canvas, table, total, &natural, &minimum);
  double sum_natural = 0, sum_minimum = 0;
  for (size_t c = 0; c < natural.size(); ++c) {
    sum_natural += natural[c];
    sum_minimum += minimum[c];
  }
  std::vector<double> widths(natural.size());
  for (size_t c = 0; c < natural.size(); ++c) {
    if (sum_natural <= total) {
      widths[c] = natural[c] * total / sum_natural;
    } else if (sum_minimum < total) {
      const double share = (natural[c] - minimum[c]) / (sum_natural - sum_minimum);
      widths[c] = minimum[c] + (total - sum_minimum) * share;
    } else {
      widths[c] = minimum[c] * total / sum_minimum;
    }
  }
  return widths;
}

class TableDrawer {
 public:
  TableDrawer(PdfCanvas& canvas, const Table& table)
      : canvas_(canvas), table_(table), widths_(ColumnWidths(canvas, table, canvas.width())) {
    std::vector<std::string> titles;
    for (const Column& column : table.columns) titles.push_back(column.title);
    header_ = Wrapped(titles, kHeaderStyle, false);
    header_.fill = kHeaderFill;
    const double page = canvas.top() - canvas.bottom();
    repeat_header_ = Height(header_.line_count()) <= page / 3;
  }

  void Draw() {
    const double first_row = table_.rows.empty() ? 0 : Height(1);
    canvas_.EnsureRoom(Height(header_.line_count()) + first_row);
    DrawRow(header_, true);
    for (const auto& row : table_.rows)
      DrawRow(Wrapped(RowStrings(table_, row, false), kCellStyle, true), false);
    if (table_.total) {
      DrawRow(Wrapped(RowStrings(table_, *table_.total, true), kHeaderStyle, true), false);
    }
  }

 private:
  RowText Wrapped(const std::vector<std::string>& texts, TextStyle style, bool data) const {
    RowText row;
    row.style = style;
    for (size_t c = 0; c < texts.size(); ++c) {
      row.cells.push_back(canvas_.Wrap(texts[c], style, widths_[c] - 2 * kPadX));
      const bool number = data && IsNumeric(table_.columns[c].kind);
      row.aligns.push_back(!data ? Align::kCenter : number ? Align::kRight : Align::kLeft);
    }
    return row;
  }

  void NewPage() {
    canvas_.NewPage();
    if (repeat_header_) DrawRow(header_, true);
  }

  // Keeps a row on one page when it fits on one; splits it between lines otherwise.
  void DrawRow(const RowText& row, bool is_header) {
    const size_t total = row.line_count();
    const double lead = kCellStyle.leading();
    const double header = repeat_header_ && !is_header ? Height(header_.line_count()) : 0;
    const auto page_lines = static_cast<size_t>(
        std::max(1.0, std::floor((canvas_.top() - canvas_.bottom() - header - 2 * kPadY) / lead)));
    bool moved = false;  // to a new page already, so that the row starts at a page top
    for (size_t start = 0; start < total;) {
      const double room = (canvas_.y() - canvas_.bottom() - 2 * kPadY) / lead;
      const size_t fit = room < 1 ? 0 : static_cast<size_t>(std::floor(room));
      if (total - start <= fit) {
        DrawLines(row, start, total);
        return;
      }
      if (fit == 0 || (start == 0 && !moved && total <= page_lines)) {
        is_header ? canvas_.NewPage() : NewPage();
        moved = true;
        if (canvas_.y() - canvas_.bottom() < Height(1)) return;  // cannot happen on A4
        continue;
      }
      DrawLines(row, start, start + fit);
      start += fit;
      is_header ? canvas_.NewPage() : NewPage();
    }
  }

  void DrawLines(const RowText& row, size_t first, size_t end) {
    const double height = Height(end - first);
    const double top = canvas_.y();
    double x = canvas_.left();
    for (size_t c = 0; c < row.cells.size(); ++c) {
      canvas_.Box(x, top - height, widths_[c], height, true, row.fill);
      const auto& lines = row.cells[c];
      for (size_t i = first; i < std::min(end, lines.size()); ++i) {
        const double baseline = top - kPadY -
                                static_cast<double>(i - first + 1) * kCellStyle.leading() +
                                row.style.size * 0.25;
        canvas_.Line(lines[i], x + kPadX, widths_[c] - 2 * kPadX, baseline, row.style,
                     row.aligns[c]);
      }
      x += widths_[c];
    }
    canvas_.MoveDown(height);
  }

  PdfCanvas& canvas_;
  const Table& table_;
  std::vector<double> widths_;
  RowText header_;
  bool repeat_header_ = true;
};

}  // namespace

void DrawTable(PdfCanvas& canvas, const Table& table) {
  canvas.EnsureRoom(kCaptionStyle.leading() * 2 + Height(2));
  if (!table.title.empty()) {
    canvas.Flow(table.title, kCaptionStyle, Align::kCenter, canvas.left(), canvas.width());
    canvas.MoveDown(3);
  }
  if (table.rows.empty()) {
    canvas.Flow(kNoData, kNoDataStyle, Align::kLeft, canvas.left(), canvas.width());
  } else {
    TableDrawer(canvas, table).Draw();
  }
  canvas.MoveDown(10);
}

}  // namespace binhyen::render::internal
