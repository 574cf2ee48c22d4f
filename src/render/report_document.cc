#include "render/report_document.h"

#include <string>

namespace binhyen::render {
namespace {

std::string Place(size_t section, std::string_view member, size_t index) {
  return "sections[" + std::to_string(section) + "]." + std::string(member) + "[" +
         std::to_string(index) + "]";
}

base::Status ValidateTable(const Table& table, const std::string& place) {
  const size_t width = table.columns.size();
  if (width == 0) return base::InvalidArgumentError(place + ": a table needs at least one column");
  for (size_t r = 0; r < table.rows.size(); ++r) {
    if (table.rows[r].size() != width) {
      return base::InvalidArgumentError(place + ".rows[" + std::to_string(r) +
                                        "]: " + std::to_string(table.rows[r].size()) + " cells, " +
                                        std::to_string(width) + " columns");
    }
  }
  if (table.total && table.total->size() != width) {
    return base::InvalidArgumentError(place + ".total: " + std::to_string(table.total->size()) +
                                      " cells, " + std::to_string(width) + " columns");
  }
  return base::Status::Ok();
}

base::Status ValidateChart(const BarChart& chart, const Section& section,
                           const std::string& place) {
  if (chart.table >= section.tables.size()) {
    return base::InvalidArgumentError(place + ": table " + std::to_string(chart.table) +
                                      " does not exist (the section has " +
                                      std::to_string(section.tables.size()) + ")");
  }
  const std::vector<Column>& columns = section.tables[chart.table].columns;
  if (chart.category_column >= columns.size()) {
    return base::InvalidArgumentError(
        place + ": category column " + std::to_string(chart.category_column) +
        " does not exist (the table has " + std::to_string(columns.size()) + " columns)");
  }
  if (chart.value_columns.empty()) {
    return base::InvalidArgumentError(place + ": no value columns");
  }
  for (size_t column : chart.value_columns) {
    if (column >= columns.size()) {
      return base::InvalidArgumentError(place + ": value column " + std::to_string(column) +
                                        " does not exist (the table has " +
                                        std::to_string(columns.size()) + " columns)");
    }
    if (columns[column].kind == CellKind::kText) {
      return base::InvalidArgumentError(place + ": value column " + std::to_string(column) +
                                        " (\"" + columns[column].title + "\") is a text column");
    }
  }
  return base::Status::Ok();
}

}  // namespace

base::Status Validate(const ReportDocument& document) {
  for (size_t s = 0; s < document.sections.size(); ++s) {
    const Section& section = document.sections[s];
    for (size_t t = 0; t < section.tables.size(); ++t) {
      BINHYEN_RETURN_IF_ERROR(ValidateTable(section.tables[t], Place(s, "tables", t)));
    }
    for (size_t c = 0; c < section.charts.size(); ++c) {
      BINHYEN_RETURN_IF_ERROR(ValidateChart(section.charts[c], section, Place(s, "charts", c)));
    }
  }
  return base::Status::Ok();
}

}  // namespace binhyen::render
