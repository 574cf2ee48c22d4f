#include "render/xlsx_report.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <minizip/unzip.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <optional>
#include <regex>
#include <string>

#include "render/internal/report_text.h"
#include "render/internal/sample_report.h"
#include "render/testing/read_back.h"

namespace binhyen::render {
namespace {

using ::testing::HasSubstr;

namespace fs = std::filesystem;

using testing::Cells;
using testing::TempDir;
using testing::Unzip;

class XlsxReportTest : public ::testing::Test {
 protected:
  std::map<std::string, std::string> Render(const ReportDocument& doc) {
    base::Result<std::string> xlsx = RenderXlsx(doc, dir_.path());
    EXPECT_TRUE(xlsx.ok()) << xlsx.status().ToString();
    if (!xlsx.ok()) return {};
    EXPECT_EQ(xlsx->substr(0, 2), "PK");
    return Unzip(*xlsx, dir_.path());
  }
  TempDir dir_;
};

TEST_F(XlsxReportTest, SheetsAreNamedAndSanitised) {
  auto parts = Render(internal::SampleReport());
  ASSERT_TRUE(parts.count("xl/workbook.xml"));
  const std::string& workbook = parts["xl/workbook.xml"];
  EXPECT_THAT(workbook, HasSubstr("<sheet name=\"Tổng hợp\" sheetId=\"1\""));
  EXPECT_THAT(workbook, HasSubstr("<sheet name=\"Tiếp nhận\" sheetId=\"2\""));
  // '/' replaced; "tổng hợp - tập huấn" does not clash with "Tổng hợp" (it is longer).
  EXPECT_THAT(workbook, HasSubstr("<sheet name=\"tổng hợp - tập huấn\" sheetId=\"3\""));
  EXPECT_TRUE(parts.count("xl/worksheets/sheet3.xml"));
  EXPECT_FALSE(parts.count("xl/worksheets/sheet4.xml"));
}

TEST_F(XlsxReportTest, SummarySheetHasHeadingTitleAndSummary) {
  auto parts = Render(internal::SampleReport());
  auto cells = Cells(parts, "xl/worksheets/sheet1.xml");
  EXPECT_EQ(cells["A1"], "UBND THỊ XÃ ĐỨC PHỔ");
  EXPECT_EQ(cells["A2"], "BAN CHỈ ĐẠO PHONG TRÀO TOÀN DÂN BẢO VỆ AN NINH MẠNG");
  EXPECT_EQ(cells["D1"], "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  EXPECT_EQ(cells["D2"], "Độc lập - Tự do - Hạnh phúc");
  EXPECT_EQ(cells["D3"], "Đức Phổ, ngày 30 tháng 11 năm 2026");
  EXPECT_EQ(cells["A5"], "BÁO CÁO");
  EXPECT_EQ(cells["A7"], "(Từ ngày 01/01/2026 đến ngày 30/06/2026)");
  EXPECT_EQ(cells["A10"], "Ban Chỉ đạo báo cáo kết quả như sau:");
  const std::string& core = parts["docProps/core.xml"];
  EXPECT_THAT(core, HasSubstr("BÁO CÁO Sơ kết 6 tháng đầu năm 2026"));
  EXPECT_THAT(parts["docProps/app.xml"], HasSubstr("<Company>UBND THỊ XÃ ĐỨC PHỔ</Company>"));
}

TEST_F(XlsxReportTest, TableCellsKeepTheirValuesAndFormats) {
  auto parts = Render(internal::SampleReport());
  auto cells = Cells(parts, "xl/worksheets/sheet2.xml");
  // Row 1 heading, 2 paragraph, 3 blank, 4 caption, 5 header, 6-8 data, 9 total.
  EXPECT_EQ(cells["A1"], "I. TIẾP NHẬN VÀ XỬ LÝ BÁO CÁO");
  EXPECT_EQ(cells["A4"], "Bảng 1. Báo cáo tiếp nhận theo phường, xã");
  EXPECT_EQ(cells["C5"], "Tỷ lệ xác minh");
  EXPECT_EQ(cells["A6"], "Phường Phổ Minh");
  EXPECT_EQ(cells["B6"], "42");
  EXPECT_EQ(cells["C6"], "0.25");
  EXPECT_EQ(cells["D7"], "7.25");
  EXPECT_EQ(cells["E6"], "1234567");
  EXPECT_EQ(cells.count("D8"), 0u);  // an empty cell has no value
  EXPECT_EQ(cells["A9"], "Tổng cộng");
  EXPECT_EQ(cells["E9"], "1484567");
  EXPECT_THAT(parts["xl/worksheets/sheet2.xml"], HasSubstr("<pane ySplit=\"5\""));  // frozen
  EXPECT_THAT(parts["xl/worksheets/sheet2.xml"], HasSubstr("<col min=\"5\" max=\"5\" width=\"14"));
  const std::string& table = parts["xl/tables/table1.xml"];
  EXPECT_THAT(table, HasSubstr("ref=\"A5:E8\""));
  EXPECT_THAT(table, HasSubstr("name=\"Phường, xã\""));
  const std::string& styles = parts["xl/styles.xml"];
  EXPECT_THAT(styles, HasSubstr("formatCode=\"0.0%\""));
  EXPECT_THAT(styles, HasSubstr("formatCode=\"#,##0.00\""));
}

TEST_F(XlsxReportTest, ChartsReferenceTheTableOnTheirSheet) {
  auto parts = Render(internal::SampleReport());
  ASSERT_TRUE(parts.count("xl/charts/chart1.xml"));
  ASSERT_TRUE(parts.count("xl/charts/chart2.xml"));
  EXPECT_FALSE(parts.count("xl/charts/chart3.xml"));  // the empty table's chart is text
  const std::string& chart = parts["xl/charts/chart1.xml"];
  EXPECT_THAT(chart, HasSubstr("<c:barDir val=\"col\"/>"));
  EXPECT_THAT(chart, HasSubstr("<c:f>'Tiếp nhận'!$A$6:$A$8</c:f>"));
  EXPECT_THAT(chart, HasSubstr("<c:f>'Tiếp nhận'!$B$6:$B$8</c:f>"));
  EXPECT_THAT(chart, HasSubstr("<c:f>'Tiếp nhận'!$B$5</c:f>"));
  EXPECT_THAT(chart, HasSubstr("Biểu đồ 1. Số báo cáo theo phường, xã"));
  EXPECT_THAT(parts["xl/charts/chart2.xml"], HasSubstr("<c:f>'Tiếp nhận'!$E$6:$E$8</c:f>"));
  EXPECT_THAT(parts["xl/drawings/drawing1.xml"], HasSubstr("<xdr:row>"));
}

TEST_F(XlsxReportTest, EmptyTableSaysNoData) {
  auto parts = Render(internal::SampleReport());
  auto cells = Cells(parts, "xl/worksheets/sheet3.xml");
  EXPECT_EQ(cells["A4"], "Bảng 2. Các lớp tập huấn");
  EXPECT_EQ(cells["B5"], "Học viên");
  EXPECT_EQ(cells["A6"], "Không có số liệu.");
  EXPECT_EQ(cells["A8"], "Biểu đồ 3. Học viên");
  EXPECT_EQ(cells["A9"], "Không có số liệu.");
}

TEST_F(XlsxReportTest, TemporaryFilesAreRemoved) {
  ASSERT_TRUE(RenderXlsx(internal::SampleReport(), dir_.path()).ok());
  EXPECT_TRUE(fs::is_empty(dir_.path()));
}

TEST_F(XlsxReportTest, OddTextDoesNotBreakTheWorkbook) {
  ReportDocument doc = internal::SampleReport();
  doc.sections[0].tables[0].rows[0][0] = std::string("A\xff\x01 B 😀 e\u0301");
  doc.sections[0].tables[0].rows[1][3] = std::numeric_limits<double>::quiet_NaN();
  doc.sections[0].tables[0].columns[1].title = doc.sections[0].tables[0].columns[0].title;
  doc.sections[1].sheet_name = "[]:*?/\\";
  auto parts = Render(doc);
  auto cells = Cells(parts, "xl/worksheets/sheet2.xml");
  EXPECT_EQ(cells["A6"], "A\uFFFD  B 😀 é");  // ill-formed byte, control char, NFC
  EXPECT_EQ(cells.count("D7"), 0u);          // NaN is left empty
  EXPECT_THAT(parts["xl/tables/table1.xml"], HasSubstr("name=\"Phường, xã (2)\""));
  EXPECT_THAT(parts["xl/workbook.xml"], HasSubstr("<sheet name=\"-------\""));
}

TEST_F(XlsxReportTest, MissingTempDirIsAnError) {
  base::Result<std::string> xlsx = RenderXlsx(internal::SampleReport(), dir_.path() / "none");
  ASSERT_FALSE(xlsx.ok());
  EXPECT_EQ(xlsx.status().code(), base::StatusCode::kUnavailable);
}

TEST(SheetNamesTest, LimitsLengthAndCaseInsensitiveDuplicates) {
  ReportDocument doc;
  doc.sections.resize(4);
  doc.sections[0].sheet_name = std::string(40, 'x');
  doc.sections[1].sheet_name = std::string(40, 'X');
  doc.sections[2].sheet_name = "'TỔNG HỢP'";
  doc.sections[3].sheet_name = "";
  const std::vector<std::string> names = internal::SheetNames(doc);
  ASSERT_EQ(names.size(), 5u);
  EXPECT_EQ(names[1], std::string(31, 'x'));
  EXPECT_EQ(names[2], std::string(27, 'X') + " (2)");
  EXPECT_EQ(names[3], "TỔNG HỢP (2)");
  EXPECT_EQ(names[4], "Mục 4");
}

TEST(ValidateTest, NamesTheOffendingPlace) {
  ReportDocument doc = internal::SampleReport();
  EXPECT_TRUE(Validate(doc).ok());
  ReportDocument bad_row = doc;
  bad_row.sections[1].tables[0].rows.push_back({std::string("a")});
  bad_row.sections[1].tables[0].rows.push_back({std::string("a"), int64_t{1}, int64_t{2}});
  EXPECT_EQ(Validate(bad_row),
            base::InvalidArgumentError("sections[1].tables[0].rows[0]: 1 cells, 2 columns"));
  ReportDocument bad_total = doc;
  bad_total.sections[0].tables[0].total->pop_back();
  EXPECT_EQ(Validate(bad_total).message(), "sections[0].tables[0].total: 4 cells, 5 columns");
  ReportDocument no_columns = doc;
  no_columns.sections[0].tables[0] = Table{};
  EXPECT_THAT(Validate(no_columns).message(), HasSubstr("sections[0].tables[0]: a table needs"));
}

TEST(ValidateTest, ChecksCharts) {
  ReportDocument doc = internal::SampleReport();
  auto with_chart = [&](BarChart chart) {
    ReportDocument copy = doc;
    copy.sections[0].charts.push_back(chart);
    return Validate(copy);
  };
  EXPECT_EQ(with_chart({"x", 1, 0, {1}}).message(),
            "sections[0].charts[2]: table 1 does not exist (the section has 1)");
  EXPECT_THAT(with_chart({"x", 0, 5, {1}}).message(), HasSubstr("category column 5"));
  EXPECT_THAT(with_chart({"x", 0, 0, {7}}).message(), HasSubstr("value column 7 does not"));
  EXPECT_EQ(with_chart({"x", 0, 1, {0}}).message(),
            "sections[0].charts[2]: value column 0 (\"Phường, xã\") is a text column");
  EXPECT_THAT(with_chart({"x", 0, 0, {}}).message(), HasSubstr("no value columns"));
  EXPECT_EQ(with_chart({"x", 0, 0, {1}}), base::Status::Ok());
  ReportDocument invalid = doc;
  invalid.sections[0].charts[0].table = 3;
  base::Result<std::string> xlsx = RenderXlsx(invalid, fs::temp_directory_path());
  ASSERT_FALSE(xlsx.ok());
  EXPECT_EQ(xlsx.status().code(), base::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace binhyen::render
