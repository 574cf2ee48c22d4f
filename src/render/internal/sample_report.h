#pragma once

// A review report with every feature of the model, for the tests of the report writers
// (xlsx_report_test.cc, pdf_report_test.cc). Test-only; nothing in the library includes it.

#include <string>
#include <vector>

#include "render/report_document.h"

namespace binhyen::render::internal {

inline Table WardTable() {
  Table table;
  table.title = "Bảng 1. Báo cáo tiếp nhận theo phường, xã";
  table.columns = {{"Phường, xã", CellKind::kText, 0},
                   {"Số báo cáo", CellKind::kInteger, 0},
                   {"Tỷ lệ xác minh", CellKind::kPercent, 0},
                   {"Điểm trung bình", CellKind::kDecimal, 0},
                   {"Kinh phí (đồng)", CellKind::kMoney, 14}};
  table.rows = {
      {std::string("Phường Phổ Minh"), int64_t{42}, 0.25, 8.5, int64_t{1234567}},
      {std::string("Phường Phổ Vinh"), int64_t{17}, 0.125, 7.25, int64_t{250000}},
      {std::string("Xã Phổ Châu"), int64_t{5}, 1.0, std::monostate{}, int64_t{0}},
  };
  table.total = std::vector<Cell>{std::monostate{}, int64_t{64}, 0.3, 7.9, int64_t{1484567}};
  return table;
}

// `filler` extra paragraphs in the second section make the document run over several pages.
inline ReportDocument SampleReport(int filler = 0) {
  ReportDocument doc;
  doc.heading = {"UBND THỊ XÃ ĐỨC PHỔ",
                 "BAN CHỈ ĐẠO PHONG TRÀO TOÀN DÂN BẢO VỆ AN NINH MẠNG",
                 "Số: 15/BC-BCĐ",
                 "Đức Phổ, ngày 30 tháng 11 năm 2026",
                 "BÁO CÁO",
                 "Sơ kết 6 tháng đầu năm 2026 phong trào toàn dân bảo vệ an ninh mạng",
                 "(Từ ngày 01/01/2026 đến ngày 30/06/2026)"};
  doc.summary = {
      "Thực hiện Kế hoạch số 12/KH-BCĐ ngày 15/01/2026 của Ban Chỉ đạo, trong 6 tháng đầu năm "
      "2026 các phường, xã đã triển khai đồng bộ các nội dung của phong trào; người dân tích cực "
      "báo cáo các trang lừa đảo, số điện thoại và tài khoản ngân hàng đáng ngờ.",
      "Ban Chỉ đạo báo cáo kết quả như sau:"};
  Section reports;
  reports.heading = "I. TIẾP NHẬN VÀ XỬ LÝ BÁO CÁO";
  reports.sheet_name = "Tiếp nhận";
  reports.paragraphs = {"Tổng số báo cáo tiếp nhận: 64, trong đó 16 báo cáo đã được xác minh."};
  reports.tables = {WardTable()};
  reports.charts = {{"Biểu đồ 1. Số báo cáo theo phường, xã", 0, 0, {1}},
                    {"Biểu đồ 2. Số báo cáo và kinh phí", 0, 0, {1, 4}}};
  Section empty;
  empty.heading = "II. TẬP HUẤN";
  empty.sheet_name = "tổng hợp / tập huấn";  // sanitised: '/' and Excel's case-insensitive names
  empty.paragraphs = {"Chưa tổ chức lớp tập huấn nào trong kỳ."};
  empty.tables = {Table{"Bảng 2. Các lớp tập huấn", {{"Lớp", CellKind::kText, 0}}, {}, {}}};
  empty.charts = {{"Biểu đồ 3. Học viên", 0, 0, {}}};
  empty.tables[0].columns.push_back({"Học viên", CellKind::kInteger, 0});
  empty.charts[0].value_columns = {1};
  for (int i = 0; i < filler; ++i) {
    empty.paragraphs.push_back("Đoạn " + std::to_string(i + 1) +
                               ": các đơn vị tiếp tục tuyên truyền, hướng dẫn người dân nhận "
                               "diện thủ đoạn lừa đảo trực tuyến, không cung cấp mã OTP, không "
                               "chuyển tiền cho người lạ và báo cáo ngay khi phát hiện.");
  }
  doc.sections = {reports, empty};
  doc.signature = {"TM. BAN CHỈ ĐẠO",
                   "TRƯỞNG BAN",
                   "Nguyễn Văn A",
                   {"- UBND thị xã;", "- Công an thị xã;", "- Lưu: VT."}};
  return doc;
}

}  // namespace binhyen::render::internal
