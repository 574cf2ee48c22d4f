// The .xlsx reader on workbooks written by libxlsxwriter (what Excel-like tools produce) and on
// hand-made zips: shared and inline strings, numbers, phone numbers kept as typed, row numbers
// as the user sees them, and the limits that stop zip bombs and huge sheets.

#include "exchange/xlsx_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <minizip/zip.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace binhyen::exchange {
namespace {

using ::testing::ElementsAre;

std::string Slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class XlsxReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        std::filesystem::temp_directory_path() /
        ("xlsx_reader_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
         "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // A zip of `parts` (name → content), deflated.
  std::string Zip(const std::vector<std::pair<std::string, std::string>>& parts) {
    const std::string path = (dir_ / "hand.zip").string();
    zipFile z = zipOpen64(path.c_str(), APPEND_STATUS_CREATE);
    EXPECT_NE(z, nullptr);
    for (const auto& [name, content] : parts) {
      EXPECT_EQ(zipOpenNewFileInZip64(z, name.c_str(), nullptr, nullptr, 0, nullptr, 0, nullptr,
                                      Z_DEFLATED, Z_BEST_COMPRESSION, 1),
                ZIP_OK);
      EXPECT_EQ(zipWriteInFileInZip(z, content.data(), static_cast<unsigned>(content.size())),
                ZIP_OK);
      EXPECT_EQ(zipCloseFileInZip(z), ZIP_OK);
    }
    EXPECT_EQ(zipClose(z, nullptr), ZIP_OK);
    return Slurp(path);
  }

  std::filesystem::path dir_;
};

constexpr std::string_view kWorkbook =
    "<workbook xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
    "<sheets><sheet name=\"A\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";

TEST_F(XlsxReaderTest, ReadsAWorkbookWrittenByLibxlsxwriter) {
  const std::string path = (dir_ / "people.xlsx").string();
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* first = workbook_add_worksheet(wb, "Danh sách");
  lxw_worksheet* second = workbook_add_worksheet(wb, "Khác");
  worksheet_write_string(first, 0, 0, "Họ tên", nullptr);
  worksheet_write_string(first, 0, 1, "Số điện thoại", nullptr);
  worksheet_write_string(first, 0, 3, "Đơn vị", nullptr);
  worksheet_write_string(first, 1, 0, "Nguyễn Thị Hoa", nullptr);
  worksheet_write_string(first, 1, 1, "0912345678", nullptr);  // typed as text
  worksheet_write_string(first, 1, 3, "pho-minh", nullptr);
  // Row 3 left empty; row 4 with a number cell and a boolean.
  worksheet_write_number(first, 3, 1, 912345678, nullptr);
  worksheet_write_boolean(first, 3, 2, 1, nullptr);
  worksheet_write_string(first, 3, 3, "Nguyễn Thị Hoa", nullptr);  // a repeated shared string
  worksheet_write_string(second, 0, 0, "not read", nullptr);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);

  auto rows = ReadFirstSheet(Slurp(path));
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[0].number, 1);
  EXPECT_THAT((*rows)[0].cells, ElementsAre("Họ tên", "Số điện thoại", "", "Đơn vị"));
  EXPECT_EQ((*rows)[1].number, 2);
  EXPECT_THAT((*rows)[1].cells, ElementsAre("Nguyễn Thị Hoa", "0912345678", "", "pho-minh"));
  EXPECT_EQ((*rows)[2].number, 4);
  EXPECT_THAT((*rows)[2].cells, ElementsAre("", "912345678", "TRUE", "Nguyễn Thị Hoa"));
}

TEST_F(XlsxReaderTest, ReadsInlineStringsRichTextAndASheetNamedByTheRelationships) {
  const std::string data =
      Zip({{"xl/workbook.xml", std::string(kWorkbook)},
           {"xl/_rels/workbook.xml.rels",
            "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/danh_sach.xml\"/>"
            "</Relationships>"},
           {"xl/sharedStrings.xml",
            "<sst><si><r><t>Trần </t></r><r><t>Văn B</t></r><rPh><t>x</t></rPh></si></sst>"},
           {"xl/worksheets/danh_sach.xml",
            "<worksheet><sheetData><row r=\"7\"><c r=\"B7\" t=\"inlineStr\"><is><t>Lê &amp; C</t>"
            "</is></c><c r=\"C7\" t=\"s\"><v>0</v></c></row></sheetData></worksheet>"}});
  auto rows = ReadFirstSheet(data);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].number, 7);
  EXPECT_THAT((*rows)[0].cells, ElementsAre("", "Lê & C", "Trần Văn B"));
}

TEST_F(XlsxReaderTest, RefusesWhatIsNotAWorkbook) {
  auto csv = ReadFirstSheet("ho_ten,don_vi\nA,pho-minh\n");
  EXPECT_EQ(csv.status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(csv.status().message(), "file: not an .xlsx workbook (it is not a zip archive)");
  auto truncated = ReadFirstSheet(std::string("PK\3\4garbage", 11));
  EXPECT_EQ(truncated.status().message(),
            "file: not an .xlsx workbook (the zip archive cannot be read)");
  auto other_zip = ReadFirstSheet(Zip({{"readme.txt", "hello"}}));
  EXPECT_EQ(other_zip.status().message(), "file: not an .xlsx workbook (no xl/workbook.xml)");
  auto bad_xml = ReadFirstSheet(Zip({{"xl/workbook.xml", std::string(kWorkbook)},
                                     {"xl/worksheets/sheet1.xml", "<worksheet><sheetData>"}}));
  EXPECT_EQ(bad_xml.status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_THAT(bad_xml.status().message(),
              ::testing::StartsWith("file: not an .xlsx workbook (xl/worksheets/sheet1.xml: "));
  auto bad_shared = ReadFirstSheet(
      Zip({{"xl/workbook.xml", std::string(kWorkbook)},
           {"xl/worksheets/sheet1.xml",
            "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>5</v></c></row>"
            "</sheetData></worksheet>"}}));
  EXPECT_EQ(bad_shared.status().message(),
            "file: not an .xlsx workbook (a shared string that does not exist)");
}

TEST_F(XlsxReaderTest, StopsAZipBombWhateverItsHeadersSay) {
  // 8 MB of zeros inside a cell deflate to a few kB.
  std::string sheet = "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>";
  sheet.append(8 * 1024 * 1024, '0');
  sheet += "</t></is></c></row></sheetData></worksheet>";
  const std::string bomb =
      Zip({{"xl/workbook.xml", std::string(kWorkbook)}, {"xl/worksheets/sheet1.xml", sheet}});
  ASSERT_LT(bomb.size(), 100u * 1024);
  XlsxLimits limits;
  limits.max_uncompressed_bytes = 1024 * 1024;
  auto rows = ReadFirstSheet(bomb, limits);
  EXPECT_EQ(rows.status().code(), base::StatusCode::kPayloadTooLarge);
  EXPECT_THAT(rows.status().message(), ::testing::HasSubstr("zip bomb"));
}

TEST_F(XlsxReaderTest, LimitsRowsColumnsCellsAndFileSize) {
  std::string sheet = "<worksheet><sheetData>";
  for (int r = 1; r <= 5; ++r) {
    sheet += "<row r=\"" + std::to_string(r) + "\"><c r=\"A" + std::to_string(r) +
             "\"><v>1</v></c><c r=\"B" + std::to_string(r) + "\"><v>2</v></c></row>";
  }
  sheet += "</sheetData></worksheet>";
  const std::string data =
      Zip({{"xl/workbook.xml", std::string(kWorkbook)}, {"xl/worksheets/sheet1.xml", sheet}});
  XlsxLimits rows;
  rows.max_rows = 4;
  EXPECT_EQ(ReadFirstSheet(data, rows).status().message(), "file: more than 4 rows");
  XlsxLimits cells;
  cells.max_cells = 9;
  EXPECT_EQ(ReadFirstSheet(data, cells).status().message(), "file: more than 9 cells");
  XlsxLimits columns;
  columns.max_columns = 1;
  EXPECT_EQ(ReadFirstSheet(data, columns).status().message(), "file: more than 1 columns");
  XlsxLimits size;
  size.max_file_bytes = 10;
  EXPECT_EQ(ReadFirstSheet(data, size).status().code(), base::StatusCode::kPayloadTooLarge);
  auto all = ReadFirstSheet(data);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 5u);
}

}  // namespace
}  // namespace binhyen::exchange
