#include "render/pdf_report.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "render/internal/sample_report.h"
#include "render/testing/read_back.h"

namespace binhyen::render {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

namespace fs = std::filesystem;

using testing::OnPath;
using testing::RunCommand;

std::string WithoutSpaces(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c != ' ' && c != '\n' && c != '\f') out.push_back(c);
  }
  return out;
}

class PdfReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!OnPath("pdftotext") || !OnPath("pdffonts")) GTEST_SKIP() << "poppler-utils missing";
    base::Result<PdfFonts> fonts = DefaultPdfFonts();
    ASSERT_TRUE(fonts.ok()) << fonts.status().ToString();
    fonts_ = *fonts;
    file_ = (fs::temp_directory_path() / ("pdf_report_test-" + std::to_string(::getpid()) + ".pdf"))
                .string();
  }
  void TearDown() override { fs::remove(file_); }

  // Renders `doc` to file_; false (and a test failure) on error.
  bool Render(const ReportDocument& doc) {
    base::Result<std::string> pdf = RenderPdf(doc, fonts_);
    EXPECT_TRUE(pdf.ok()) << pdf.status().ToString();
    if (!pdf.ok()) return false;
    EXPECT_EQ(pdf->substr(0, 5), "%PDF-");
    std::ofstream(file_, std::ios::binary) << *pdf;
    return true;
  }
  std::string Text(const std::string& options = "-layout", std::string* err = nullptr) {
    return RunCommand("pdftotext " + options + " '" + file_ + "' -", err);
  }
  int Pages() {
    const std::string info = RunCommand("pdfinfo '" + file_ + "'");
    const size_t at = info.find("Pages:");
    return at == std::string::npos ? 0 : std::stoi(info.substr(at + 6));
  }

  PdfFonts fonts_;
  std::string file_;
};

TEST_F(PdfReportTest, VietnameseTextComesBackFromPdftotext) {
  ASSERT_TRUE(Render(internal::SampleReport()));
  std::string err;
  const std::string text = Text("-layout", &err);
  EXPECT_THAT(err, Not(HasSubstr("ToUnicode")));  // libharu's own map made poppler warn
  EXPECT_THAT(text, HasSubstr("UBND THỊ XÃ ĐỨC PHỔ"));
  EXPECT_THAT(text, HasSubstr("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
  EXPECT_THAT(text, HasSubstr("Độc lập - Tự do - Hạnh phúc"));
  EXPECT_THAT(text, HasSubstr("Số: 15/BC-BCĐ"));
  EXPECT_THAT(text, HasSubstr("Đức Phổ, ngày 30 tháng 11 năm 2026"));
  EXPECT_THAT(text, HasSubstr("BÁO CÁO"));
  EXPECT_THAT(text, HasSubstr("(Từ ngày 01/01/2026 đến ngày 30/06/2026)"));
  EXPECT_THAT(text, HasSubstr("I. TIẾP NHẬN VÀ XỬ LÝ BÁO CÁO"));
  EXPECT_THAT(text, HasSubstr("Phường Phổ Minh"));
  EXPECT_THAT(text, HasSubstr("1.234.567"));
  EXPECT_THAT(text, HasSubstr("1.484.567"));
  EXPECT_THAT(text, HasSubstr("12,5%"));
  EXPECT_THAT(text, HasSubstr("Tổng cộng"));
  EXPECT_THAT(text, HasSubstr("Không có số liệu."));
  EXPECT_THAT(text, HasSubstr("TM. BAN CHỈ ĐẠO"));
  EXPECT_THAT(text, HasSubstr("TRƯỞNG BAN"));
  EXPECT_THAT(text, HasSubstr("Nguyễn Văn A"));
  EXPECT_THAT(text, HasSubstr("Nơi nhận:"));
  EXPECT_THAT(text, HasSubstr("- Lưu: VT."));
  // Paragraphs are justified word by word; without layout the words come back in order.
  EXPECT_THAT(Text(""), HasSubstr("Tổng số báo cáo tiếp nhận: 64, trong đó 16 báo cáo đã được"));
  // The title wraps within the centred block; its words are all there.
  EXPECT_THAT(WithoutSpaces(Text("")),
              HasSubstr(WithoutSpaces("Sơ kết 6 tháng đầu năm 2026 phong trào toàn dân bảo vệ "
                                      "an ninh mạng")));
}

TEST_F(PdfReportTest, AllFontsAreEmbeddedWithUnicodeMaps) {
  ASSERT_TRUE(Render(internal::SampleReport()));
  std::istringstream lines(RunCommand("pdffonts '" + file_ + "'"));
  int fonts = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.find("CID TrueType") == std::string::npos) continue;
    std::istringstream words(line);
    std::vector<std::string> w{std::istream_iterator<std::string>(words), {}};
    ASSERT_GE(w.size(), 5u);
    EXPECT_EQ(w[w.size() - 5], "yes") << line;  // emb
    EXPECT_EQ(w[w.size() - 3], "yes") << line;  // uni
    ++fonts;
  }
  EXPECT_EQ(fonts, 4);  // regular, bold, italic, bold italic
}

TEST_F(PdfReportTest, LongDocumentsNumberTheirPagesFromTwo) {
  ASSERT_TRUE(Render(internal::SampleReport(60)));
  ASSERT_GE(Pages(), 3);
  auto first_line = [&](int page) {
    const std::string text =
        Text("-layout -f " + std::to_string(page) + " -l " + std::to_string(page));
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
      const size_t start = line.find_first_not_of(' ');
      if (start != std::string::npos) return line.substr(start);
    }
    return std::string();
  };
  EXPECT_EQ(first_line(2), "2");
  EXPECT_EQ(first_line(3), "3");
  EXPECT_THAT(first_line(1), StartsWith("UBND THỊ XÃ ĐỨC PHỔ"));  // no number on page 1
  EXPECT_THAT(Text(""), HasSubstr("Đoạn 60: các đơn vị tiếp tục tuyên truyền"));
}

TEST_F(PdfReportTest, LongTablesRepeatTheirHeaderAndKeepEveryCell) {
  ReportDocument doc = internal::SampleReport();
  Table& table = doc.sections[0].tables[0];
  const std::string url = "https://" + std::string(150, 'a') + ".example/" + std::string(90, 'b');
  for (int i = 0; i < 80; ++i) {
    table.rows.push_back({std::string("Tổ dân phố số " + std::to_string(i + 1)), int64_t{i}, 0.5,
                          1.5, int64_t{1000} * i});
  }
  table.rows.push_back({url, int64_t{1}, 0.0, 0.0, int64_t{0}});
  ASSERT_TRUE(Render(doc));
  const std::string text = Text("");
  EXPECT_THAT(text, HasSubstr("Tổ dân phố số 80"));
  EXPECT_THAT(WithoutSpaces(text), HasSubstr(url));  // broken between lines, not lost
  // Every page holding rows of the table starts them under its header.
  int pages_with_rows = 0;
  for (int page = 1; page <= Pages(); ++page) {
    const std::string on_page = Text("-f " + std::to_string(page) + " -l " + std::to_string(page));
    const size_t row = on_page.find("50%");  // in rows, not in the charts' labels
    if (row == std::string::npos) continue;
    ++pages_with_rows;
    EXPECT_LT(on_page.find("Kinh phí"), row) << "page " << page;
  }
  EXPECT_GE(pages_with_rows, 3);
}

TEST_F(PdfReportTest, OddInputStillRenders) {
  ReportDocument doc = internal::SampleReport();
  doc.heading.title = std::string("A\xff\x01 😀 e\u0301 ") + std::string(400, 'W');
  doc.summary.push_back("");
  doc.sections[0].tables[0].rows[0][3] = std::numeric_limits<double>::infinity();
  doc.sections[0].tables[0].rows[1][1] = std::string("không rõ");
  Table wide;
  for (int c = 0; c < 30; ++c)
    wide.columns.push_back({"Cột " + std::to_string(c), CellKind::kInteger, 0});
  wide.rows.push_back(std::vector<Cell>(30, int64_t{-9223372036854775807 - 1}));
  doc.sections[0].tables.push_back(wide);
  doc.sections[0].charts.push_back({"Âm", 1, 0, {1, 2, 3, 4, 5, 6, 7, 8, 9}});
  doc.signature = Signature{};
  ASSERT_TRUE(Render(doc));
  const std::string text = WithoutSpaces(Text(""));
  EXPECT_THAT(text, HasSubstr("A\uFFFD\uFFFDé"));  // ill-formed byte and emoji: U+FFFD
  EXPECT_THAT(text, HasSubstr(std::string(400, 'W')));
  EXPECT_THAT(text, HasSubstr("khôngrõ"));
  EXPECT_THAT(text, HasSubstr("-9.223.372.036.854.775.808"));
}

TEST_F(PdfReportTest, FontErrorsAreStatuses) {
  PdfFonts missing = fonts_;
  missing.bold = "/nonexistent/font.ttf";
  base::Result<std::string> pdf = RenderPdf(internal::SampleReport(), missing);
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.status().code(), base::StatusCode::kFailedPrecondition);
  EXPECT_THAT(pdf.status().message(), HasSubstr("/nonexistent/font.ttf"));

  const std::string not_a_font = file_ + ".ttf";
  std::ofstream(not_a_font) << "this is not a TrueType font";
  PdfFonts garbage = fonts_;
  garbage.italic = not_a_font;
  pdf = RenderPdf(internal::SampleReport(), garbage);
  fs::remove(not_a_font);
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.status().code(), base::StatusCode::kFailedPrecondition);
  EXPECT_THAT(pdf.status().message(), HasSubstr("libharu error"));
}

TEST_F(PdfReportTest, InvalidDocumentsAreRejected) {
  ReportDocument doc = internal::SampleReport();
  doc.sections[0].tables[0].rows[2].pop_back();
  base::Result<std::string> pdf = RenderPdf(doc, fonts_);
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.status().message(), "sections[0].tables[0].rows[2]: 4 cells, 5 columns");
}

TEST(DefaultPdfFontsTest, FindsDejaVuSerif) {
  base::Result<PdfFonts> fonts = DefaultPdfFonts();
  if (!fonts.ok()) {
    EXPECT_THAT(fonts.status().message(), HasSubstr("fonts-dejavu-core"));
    return;
  }
  EXPECT_EQ(fonts->regular, "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf");
  EXPECT_EQ(fonts->bold, "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf");
  EXPECT_TRUE(fs::exists(fonts->italic));
  EXPECT_TRUE(fs::exists(fonts->bold_italic));
}

}  // namespace
}  // namespace binhyen::render
