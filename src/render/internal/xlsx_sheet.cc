#include "render/internal/xlsx_sheet.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <variant>

#include "render/internal/report_text.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace binhyen::render::internal {
namespace {

constexpr size_t kMaxCellChars = 32767;  // Excel's limit for one cell
constexpr int kSummaryColumns = 8;       // A..H on the summary sheet
constexpr double kSummaryColumnWidth = 12;
constexpr int kLeftBlockLast = 2;         // A:C hold the issuing bodies
constexpr int kMinParagraphColumns = 6;   // paragraphs span at least A:F
constexpr double kLineHeight = 15;        // points per line of 11 pt text
constexpr int kChartRows = 16;            // a default chart (480 x 288 px) covers ~15 rows
constexpr double kMaxFrozenHeight = 200;  // points above a frozen header, at most
constexpr double kMinWidth = 8, kMaxWidth = 60;
constexpr const char* kNumberFormats[5] = {"@", "#,##0", "#,##0.00", "0.0%", "#,##0"};

size_t CharCount(std::string_view text) {
  size_t count = 0;
  for (size_t pos = 0; pos < text.size(); ++count) text::DecodeUtf8(text, &pos);
  return count;
}

// Cleaned text, cut with "…" to Excel's cell limit.
std::string XlsxText(std::string_view raw) {
  std::string text = CleanText(raw);
  if (text.size() <= kMaxCellChars) return text;  // bytes >= characters
  size_t pos = 0;
  for (size_t n = 0; n + 1 < kMaxCellChars && pos < text.size(); ++n) {
    text::DecodeUtf8(text, &pos);
  }
  return pos < text.size() ? text.substr(0, pos) + "…" : text;
}

// The height (points) of a row whose `text` wraps in `width_chars` characters.
double WrappedHeight(std::string_view text, double width_chars) {
  double lines = 0;
  for (std::string_view rest = text;;) {
    const size_t nl = rest.find('\n');
    const double chars = static_cast<double>(CharCount(rest.substr(0, nl)));
    lines += std::max(1.0, std::ceil(chars * 1.1 / std::max(width_chars, 1.0)));
    if (nl == std::string_view::npos) break;
    rest.remove_prefix(nl + 1);
  }
  return lines * kLineHeight + 2;
}

base::Status Check(lxw_error error, std::string_view what) {
  if (error == LXW_NO_ERROR) return base::Status::Ok();
  return base::InternalError(std::string(what) + ": " + lxw_strerror(error));
}

lxw_format* NewFormat(lxw_workbook* workbook, bool bold, uint8_t align) {
  lxw_format* format = workbook_add_format(workbook);
  if (bold) format_set_bold(format);
  if (align != LXW_ALIGN_NONE) format_set_align(format, align);
  format_set_align(format, LXW_ALIGN_VERTICAL_TOP);
  format_set_text_wrap(format);
  return format;
}

// Table headers must be unique (case-insensitively) and non-empty, or Excel repairs the file.
std::vector<std::string> HeaderNames(const Table& table) {
  std::vector<std::string> names;
  std::set<std::string> taken;
  for (size_t c = 0; c < table.columns.size(); ++c) {
    std::string base = XlsxText(table.columns[c].title);
    if (base.empty()) base = "Cột " + std::to_string(c + 1);
    std::string name = base;
    for (int n = 2; taken.count(text::NfkcCasefold(name)) > 0; ++n) {
      name = base + " (" + std::to_string(n) + ")";
    }
    taken.insert(text::NfkcCasefold(name));
    names.push_back(name);
  }
  return names;
}

double AutoWidth(const Table& table, size_t column) {
  const CellKind kind = table.columns[column].kind;
  double chars = std::min<double>(CharCount(CleanText(table.columns[column].title)), 24);
  auto consider = [&](const Cell& cell) {
    chars = std::max<double>(chars, CharCount(FormatCell(cell, kind)));
  };
  for (const auto& row : table.rows) consider(row[column]);
  if (table.total) consider((*table.total)[column]);
  return std::clamp(chars + 2, kMinWidth, kMaxWidth);
}

}  // namespace

XlsxFormats MakeXlsxFormats(lxw_workbook* workbook) {
  XlsxFormats f;
  f.heading = NewFormat(workbook, true, LXW_ALIGN_NONE);
  format_set_font_size(f.heading, 13);
  f.bold = NewFormat(workbook, true, LXW_ALIGN_CENTER);
  f.bold_left = NewFormat(workbook, true, LXW_ALIGN_NONE);
  f.title = NewFormat(workbook, true, LXW_ALIGN_CENTER);
  format_set_font_size(f.title, 14);
  f.centred = NewFormat(workbook, false, LXW_ALIGN_CENTER);
  f.italic = NewFormat(workbook, false, LXW_ALIGN_CENTER);
  format_set_italic(f.italic);
  f.motto = NewFormat(workbook, true, LXW_ALIGN_CENTER);
  format_set_underline(f.motto, LXW_UNDERLINE_SINGLE);
  f.paragraph = NewFormat(workbook, false, LXW_ALIGN_JUSTIFY);
  f.small = NewFormat(workbook, false, LXW_ALIGN_NONE);
  format_set_font_size(f.small, 10);
  f.header = NewFormat(workbook, true, LXW_ALIGN_CENTER);
  format_set_border(f.header, LXW_BORDER_THIN);
  format_set_bg_color(f.header, 0xDDEBF7);
  for (int k = 0; k < 5; ++k) {
    const uint8_t align = k == 0 ? LXW_ALIGN_LEFT : LXW_ALIGN_RIGHT;
    f.data[k] = NewFormat(workbook, false, align);
    f.total[k] = NewFormat(workbook, true, align);
    for (lxw_format* format : {f.data[k], f.total[k]}) {
      format_set_border(format, LXW_BORDER_THIN);
      if (k > 0) format_set_num_format(format, kNumberFormats[k]);
    }
  }
  return f;
}

base::Result<XlsxSheet> XlsxSheet::Add(lxw_workbook* workbook, const std::string& name,
                                       const XlsxFormats* formats) {
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, name.c_str());
  if (!sheet) return base::InternalError("cannot add the worksheet \"" + name + "\"");
  worksheet_set_paper(sheet, 9);  // A4
  return XlsxSheet(workbook, sheet, name, formats);
}

base::Status XlsxSheet::Text(int row, int col, std::string_view text, lxw_format* format) {
  return Check(worksheet_write_string(sheet_, row, col, XlsxText(text).c_str(), format),
               "sheet \"" + name_ + "\" row " + std::to_string(row + 1));
}

base::Status XlsxSheet::Merged(int row, int first_col, int last_col, std::string_view text,
                               lxw_format* format, double width_chars) {
  const std::string clean = XlsxText(text);
  BINHYEN_RETURN_IF_ERROR(
      Check(worksheet_merge_range(sheet_, row, first_col, row, last_col, clean.c_str(), format),
            "sheet \"" + name_ + "\" row " + std::to_string(row + 1)));
  const double height = WrappedHeight(clean, width_chars);
  if (height <= kLineHeight + 2) return base::Status::Ok();
  return Check(worksheet_set_row(sheet_, row, std::min(height, 409.0), nullptr), "row height");
}

base::Status XlsxSheet::WriteCell(int row, int col, const Cell& cell, lxw_format* format) {
  lxw_error error = LXW_NO_ERROR;
  if (const auto* s = std::get_if<std::string>(&cell)) {
    error = worksheet_write_string(sheet_, row, col, XlsxText(*s).c_str(), format);
  } else if (const auto* i = std::get_if<int64_t>(&cell)) {
    error = worksheet_write_number(sheet_, row, col, static_cast<double>(*i), format);
  } else if (const auto* d = std::get_if<double>(&cell); d && std::isfinite(*d)) {
    error = worksheet_write_number(sheet_, row, col, *d, format);
  } else {
    error = worksheet_write_blank(sheet_, row, col, format);
  }
  return Check(error, "sheet \"" + name_ + "\" row " + std::to_string(row + 1));
}

base::Status XlsxSheet::WriteHeading(const AdminHeading& h) {
  const XlsxFormats& f = *formats_;
  const double left = kSummaryColumnWidth * (kLeftBlockLast + 1);
  const double right = kSummaryColumnWidth * (kSummaryColumns - kLeftBlockLast - 1);
  const int l = kLeftBlockLast, r0 = kLeftBlockLast + 1, r1 = kSummaryColumns - 1;
  BINHYEN_RETURN_IF_ERROR(Merged(0, 0, l, h.superior_body, f.centred, left));
  BINHYEN_RETURN_IF_ERROR(Merged(0, r0, r1, kMottoCountry, f.bold, right));
  BINHYEN_RETURN_IF_ERROR(Merged(1, 0, l, h.issuing_body, f.bold, left));
  BINHYEN_RETURN_IF_ERROR(Merged(1, r0, r1, kMottoValues, f.motto, right));
  BINHYEN_RETURN_IF_ERROR(Merged(2, 0, l, h.number, f.centred, left));
  BINHYEN_RETURN_IF_ERROR(Merged(2, r0, r1, h.place_and_date, f.italic, right));
  const double all = kSummaryColumnWidth * kSummaryColumns;
  BINHYEN_RETURN_IF_ERROR(Merged(4, 0, r1, h.kind, f.title, all));
  BINHYEN_RETURN_IF_ERROR(Merged(5, 0, r1, h.title, f.title, all * 0.8));
  BINHYEN_RETURN_IF_ERROR(Merged(6, 0, r1, h.period, f.italic, all));
  row_ = 8;
  return base::Status::Ok();
}

base::Status XlsxSheet::WriteSignature(const Signature& signature) {
  const XlsxFormats& f = *formats_;
  const int first = row_ + 1, r0 = kLeftBlockLast + 1, r1 = kSummaryColumns - 1;
  const double right = kSummaryColumnWidth * (kSummaryColumns - kLeftBlockLast - 1);
  int left_row = first;
  BINHYEN_RETURN_IF_ERROR(Text(left_row++, 0, kRecipientsLabel, f.bold_left));
  for (const std::string& recipient : signature.recipients) {
    BINHYEN_RETURN_IF_ERROR(Text(left_row++, 0, recipient, f.small));
  }
  int right_row = first;
  for (const std::string* line : {&signature.authority, &signature.position}) {
    if (line->empty()) continue;
    BINHYEN_RETURN_IF_ERROR(Merged(right_row++, r0, r1, *line, f.bold, right));
  }
  right_row += 3;  // room for the signature and seal
  BINHYEN_RETURN_IF_ERROR(Merged(right_row++, r0, r1, signature.name, f.bold, right));
  row_ = std::max(left_row, right_row);
  return base::Status::Ok();
}

base::Status XlsxSheet::WriteSummary(const ReportDocument& document) {
  BINHYEN_RETURN_IF_ERROR(
      Check(worksheet_set_column(sheet_, 0, kSummaryColumns - 1, kSummaryColumnWidth, nullptr),
            "column widths"));
  BINHYEN_RETURN_IF_ERROR(WriteHeading(document.heading));
  const double width = kSummaryColumnWidth * kSummaryColumns;
  for (const std::string& paragraph : document.summary) {
    BINHYEN_RETURN_IF_ERROR(
        Merged(row_++, 0, kSummaryColumns - 1, paragraph, formats_->paragraph, width));
  }
  return WriteSignature(document.signature);
}

base::Result<double> XlsxSheet::SetColumnWidths(const Section& section, int last_col) {
  std::vector<double> widths;
  std::vector<bool> fixed;
  for (const Table& table : section.tables) {
    widths.resize(std::max(widths.size(), table.columns.size()), kMinWidth);
    fixed.resize(widths.size(), false);
    for (size_t c = 0; c < table.columns.size(); ++c) {
      const double wanted = table.columns[c].width;
      if (wanted > 0 && std::isfinite(wanted)) {
        widths[c] = fixed[c] ? std::max(widths[c], wanted) : std::min(wanted, 255.0);
        fixed[c] = true;
      } else if (!fixed[c]) {
        widths[c] = std::max(widths[c], AutoWidth(table, c));
      }
    }
  }
  for (size_t c = 0; c < widths.size(); ++c) {
    BINHYEN_RETURN_IF_ERROR(
        Check(worksheet_set_column(sheet_, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                                   widths[c], nullptr),
              "column width"));
  }
  double span = 0;  // of columns 0..last_col; Excel's default width beyond the tables
  for (int c = 0; c <= last_col; ++c)
    span += c < static_cast<int>(widths.size()) ? widths[c] : 8.43;
  return span;
}

base::Status XlsxSheet::WriteSection(const Section& section) {
  size_t width = kMinParagraphColumns;
  for (const Table& table : section.tables) width = std::max(width, table.columns.size());
  const int last = static_cast<int>(std::min<size_t>(width, 16384)) - 1;
  BINHYEN_ASSIGN_OR_RETURN(const double span, SetColumnWidths(section, last));
  BINHYEN_RETURN_IF_ERROR(Text(row_++, 0, section.heading, formats_->heading));
  double above = kLineHeight;  // height of the rows above the first table's header
  for (const std::string& paragraph : section.paragraphs) {
    BINHYEN_RETURN_IF_ERROR(Merged(row_++, 0, last, paragraph, formats_->paragraph, span));
    above += WrappedHeight(CleanText(paragraph), span);
  }
  ++row_;
  std::vector<TablePlace> places(section.tables.size());
  for (size_t t = 0; t < section.tables.size(); ++t) {
    BINHYEN_RETURN_IF_ERROR(
        WriteTable(section.tables[t], &places[t]).WithContext("tables[" + std::to_string(t) + "]"));
  }
  if (section.tables.size() == 1 && places[0].last_row >= places[0].first_row &&
      above + 3 * kLineHeight <= kMaxFrozenHeight) {
    worksheet_freeze_panes(sheet_, places[0].first_row, 0);
  }
  for (size_t c = 0; c < section.charts.size(); ++c) {
    const BarChart& chart = section.charts[c];
    BINHYEN_RETURN_IF_ERROR(WriteChart(chart, section.tables[chart.table], places[chart.table])
                                .WithContext("charts[" + std::to_string(c) + "]"));
  }
  return base::Status::Ok();
}

base::Status XlsxSheet::WriteTable(const Table& table, TablePlace* place) {
  const XlsxFormats& f = *formats_;
  if (!table.title.empty()) BINHYEN_RETURN_IF_ERROR(Text(row_++, 0, table.title, f.bold_left));
  place->header_row = row_;
  place->first_row = row_ + 1;
  place->last_row = row_ + static_cast<int>(table.rows.size());
  if (table.rows.empty()) {
    const std::vector<std::string> headers = HeaderNames(table);
    for (size_t c = 0; c < headers.size(); ++c) {
      BINHYEN_RETURN_IF_ERROR(Text(row_, static_cast<int>(c), headers[c], f.header));
    }
    ++row_;
  } else {
    BINHYEN_RETURN_IF_ERROR(WriteExcelTable(table, row_));
    row_ = place->last_row + 1;
  }
  if (table.rows.empty()) BINHYEN_RETURN_IF_ERROR(Text(row_++, 0, kNoData, f.italic));
  if (table.total) {
    for (size_t c = 0; c < table.columns.size(); ++c) {
      const Cell& cell = (*table.total)[c];
      lxw_format* format = f.total[static_cast<int>(table.columns[c].kind)];
      const bool label = c == 0 && std::holds_alternative<std::monostate>(cell);
      BINHYEN_RETURN_IF_ERROR(label ? Text(row_, 0, kTotalLabel, f.total[0])
                                    : WriteCell(row_, static_cast<int>(c), cell, format));
    }
    ++row_;
  }
  ++row_;
  return base::Status::Ok();
}

base::Status XlsxSheet::WriteExcelTable(const Table& table, int header_row) {
  const std::vector<std::string> headers = HeaderNames(table);
  std::vector<lxw_table_column> columns(headers.size());
  std::vector<lxw_table_column*> column_list;
  for (size_t c = 0; c < headers.size(); ++c) {
    columns[c].header = const_cast<char*>(headers[c].c_str());  // read only
    columns[c].header_format = formats_->header;
    column_list.push_back(&columns[c]);
  }
  column_list.push_back(nullptr);
  lxw_table_options options = {};
  options.style_type = LXW_TABLE_STYLE_TYPE_LIGHT;
  options.style_type_number = 9;
  options.columns = column_list.data();
  const int last_row = header_row + static_cast<int>(table.rows.size());
  const int last_col = static_cast<int>(headers.size()) - 1;
  BINHYEN_RETURN_IF_ERROR(
      Check(worksheet_add_table(sheet_, header_row, 0, last_row, last_col, &options), "table"));
  for (size_t r = 0; r < table.rows.size(); ++r) {
    for (size_t c = 0; c < headers.size(); ++c) {
      lxw_format* format = formats_->data[static_cast<int>(table.columns[c].kind)];
      BINHYEN_RETURN_IF_ERROR(WriteCell(header_row + 1 + static_cast<int>(r), static_cast<int>(c),
                                        table.rows[r][c], format));
    }
  }
  return base::Status::Ok();
}

base::Status XlsxSheet::WriteChart(const BarChart& chart, const Table& table,
                                   const TablePlace& place) {
  if (place.last_row < place.first_row) {
    BINHYEN_RETURN_IF_ERROR(Text(row_++, 0, chart.title, formats_->bold_left));
    BINHYEN_RETURN_IF_ERROR(Text(row_++, 0, kNoData, formats_->italic));
    ++row_;
    return base::Status::Ok();
  }
  lxw_chart* excel_chart = workbook_add_chart(workbook_, LXW_CHART_COLUMN);
  if (!excel_chart) return base::InternalError("cannot create a chart");
  const std::string title = XlsxText(chart.title);
  if (!title.empty()) chart_title_set_name(excel_chart, title.c_str());
  const auto category = static_cast<lxw_col_t>(chart.category_column);
  for (size_t column : chart.value_columns) {
    lxw_chart_series* series = chart_add_series(excel_chart, nullptr, nullptr);
    if (!series) return base::InternalError("cannot add a chart series");
    const auto value = static_cast<lxw_col_t>(column);
    chart_series_set_categories(series, name_.c_str(), place.first_row, category, place.last_row,
                                category);
    chart_series_set_values(series, name_.c_str(), place.first_row, value, place.last_row, value);
    chart_series_set_name_range(series, name_.c_str(), place.header_row, value);
    if (table.rows.size() <= 12) chart_series_set_labels(series);
  }
  if (chart.value_columns.size() == 1) {
    chart_legend_set_position(excel_chart, LXW_CHART_LEGEND_NONE);
  } else {
    chart_legend_set_position(excel_chart, LXW_CHART_LEGEND_BOTTOM);
  }
  lxw_chart_options options = {};
  options.x_scale = 1.4;
  options.y_scale = 1.2;
  BINHYEN_RETURN_IF_ERROR(
      Check(worksheet_insert_chart_opt(sheet_, row_, 0, excel_chart, &options), "chart"));
  row_ += static_cast<int>(kChartRows * options.y_scale) + 1;
  return base::Status::Ok();
}

}  // namespace binhyen::render::internal
