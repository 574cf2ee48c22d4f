#include "render/review_document.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <utility>

#include "domain/calendar.h"
#include "render/pdf_report.h"
#include "render/xlsx_report.h"
#include "service/budget.h"
#include "service/check_explanation.h"

namespace binhyen::render {
namespace {

using service::ReviewFigures;

Cell Text(std::string s) { return Cell(std::move(s)); }
Cell Int(int64_t v) { return Cell(v); }
// A row of cells, moved in one by one. An initializer list of cells (std::vector<Cell>{...})
// makes GCC 12 at -O3 report a false "may be used uninitialized" in the variant's string, which
// -Werror turns into a failed release build.
template <typename... Cells>
std::vector<Cell> Row(Cells&&... cells) {
  std::vector<Cell> out;
  out.reserve(sizeof...(cells));
  (out.emplace_back(std::forward<Cells>(cells)), ...);
  return out;
}
// part / whole as a fraction; an empty cell when whole is 0.
Cell Ratio(int64_t part, int64_t whole) {
  if (whole <= 0) return Cell(std::monostate{});
  return Cell(static_cast<double>(part) / static_cast<double>(whole));
}

std::string PercentText(int64_t part, int64_t whole) {
  if (whole <= 0) return "0%";
  std::ostringstream out;
  out.setf(std::ios::fixed);
  out.precision(1);
  out << 100.0 * static_cast<double>(part) / static_cast<double>(whole) << "%";
  std::string s = out.str();
  std::replace(s.begin(), s.end(), '.', ',');
  return s;
}

// A count in prose, with Vietnamese thousands separators ("9.330").
std::string N(int64_t v) { return service::FormatVnd(v); }

// `text` with its first letter in upper case, for labels written for the middle of a sentence
// ("tin rác") that start a table row. Covers ASCII and the Vietnamese letters (Latin-1,
// ă đ ĩ ũ ơ ư and the Latin Extended Additional block).
std::string Capitalized(std::string text) {
  if (text.empty()) return text;
  const auto c0 = static_cast<unsigned char>(text[0]);
  if (c0 < 0x80) {
    text[0] = static_cast<char>(std::toupper(c0));
    return text;
  }
  char32_t cp = 0;
  size_t len = 0;
  if ((c0 & 0xE0) == 0xC0 && text.size() >= 2) {
    cp = ((c0 & 0x1F) << 6) | (static_cast<unsigned char>(text[1]) & 0x3F);
    len = 2;
  } else if ((c0 & 0xF0) == 0xE0 && text.size() >= 3) {
    cp = ((c0 & 0x0F) << 12) | ((static_cast<unsigned char>(text[1]) & 0x3F) << 6) |
         (static_cast<unsigned char>(text[2]) & 0x3F);
    len = 3;
  } else {
    return text;
  }
  char32_t up = cp;
  if (cp >= 0xE0 && cp <= 0xFE && cp != 0xF7) up = cp - 0x20;
  if (cp == 0x103 || cp == 0x111 || cp == 0x129 || cp == 0x169 || cp == 0x1A1) up = cp - 1;
  if (cp == 0x1B0) up = 0x1AF;
  if (cp >= 0x1EA0 && cp <= 0x1EF9 && cp % 2 == 1) up = cp - 1;
  if (up == cp) return text;
  std::string head = up < 0x800 ? std::string{static_cast<char>(0xC0 | (up >> 6)),
                                              static_cast<char>(0x80 | (up & 0x3F))}
                                : std::string{static_cast<char>(0xE0 | (up >> 12)),
                                              static_cast<char>(0x80 | ((up >> 6) & 0x3F)),
                                              static_cast<char>(0x80 | (up & 0x3F))};
  return head + text.substr(len);
}

std::string_view StatusLabel(domain::ReportStatus s) {
  switch (s) {
    case domain::ReportStatus::kReceived: return "Đã tiếp nhận, chờ xem xét";
    case domain::ReportStatus::kTriaging: return "Đang xác minh";
    case domain::ReportStatus::kConfirmed: return "Đã xác nhận";
    case domain::ReportStatus::kRejected: return "Không xác nhận";
    case domain::ReportStatus::kDuplicate: return "Trùng lặp";
  }
  return "Khác";
}

std::string_view SubjectLabel(domain::RewardSubject s) {
  switch (s) {
    case domain::RewardSubject::kUnit: return "Tập thể";
    case domain::RewardSubject::kPerson: return "Cá nhân";
    case domain::RewardSubject::kChannel: return "Kênh cộng đồng";
  }
  return "Khác";
}

// Columns are sized by their content in both files (see xlsx_report.h, pdf_report.h).
Column Col(std::string title, CellKind kind = CellKind::kText) {
  return Column{std::move(title), kind, 0};
}

Section Reports(const ReviewFigures& f) {
  const service::PublicStatistics& s = f.reports;
  Section sec;
  sec.heading = "I. TIẾP NHẬN VÀ XỬ LÝ BÁO CÁO";
  sec.sheet_name = "Báo cáo";
  std::string median =
      s.median_hours_to_decision
          ? std::to_string(static_cast<int64_t>(std::lround(*s.median_hours_to_decision))) + " giờ"
          : "chưa có";
  sec.paragraphs.push_back(
      "Trong kỳ tiếp nhận " + N(s.total_reports) + " báo cáo; đến ngày lập báo cáo đã xác nhận " +
      N(s.confirmed) + " báo cáo (" + PercentText(s.confirmed, s.total_reports) +
      "). Thời gian trung vị từ khi tiếp nhận đến khi có kết luận: " + median + ". " +
      N(f.indicators_confirmed) +
      " dấu hiệu lừa đảo (đường dẫn, số điện thoại, tài khoản...) từ các báo cáo được xác nhận "
      "đã đưa vào danh sách cảnh báo.");
  Table cat{"Bảng 1. Báo cáo theo loại hình",
            {Col("Loại hình", CellKind::kText), Col("Số báo cáo", CellKind::kInteger)},
            {},
            {}};
  for (const service::CategoryCount& c : s.by_category) {
    cat.rows.push_back({Text(Capitalized(c.label_vi)), Int(c.count)});
  }
  cat.total = Row(Cell(), Int(s.total_reports));
  Table ward{"Bảng 2. Báo cáo theo phường, xã",
             {Col("Phường, xã", CellKind::kText), Col("Số báo cáo", CellKind::kInteger)},
             {},
             {}};
  for (const service::WardCount& w : s.by_ward) ward.rows.push_back({Text(w.name), Int(w.count)});
  ward.total = Row(Cell(), Int(s.total_reports));
  Table month{
      "Bảng 3. Báo cáo theo tháng",
      {Col("Tháng"), Col("Tiếp nhận", CellKind::kInteger), Col("Đã xác nhận", CellKind::kInteger)},
      {},
      {}};
  for (const service::MonthCount& m : s.by_month) {
    month.rows.push_back({Text(m.month.substr(5, 2) + "/" + m.month.substr(0, 4)), Int(m.received),
                          Int(m.confirmed)});
  }
  month.total = Row(Cell(), Int(s.total_reports), Int(s.confirmed));
  Table status{"Bảng 4. Kết quả xử lý",
               {Col("Tình trạng", CellKind::kText), Col("Số báo cáo", CellKind::kInteger)},
               {},
               {}};
  for (const auto& [st, count] : s.by_status)
    status.rows.push_back({Text(std::string(StatusLabel(st))), Int(count)});
  status.total = Row(Cell(), Int(s.total_reports));
  Table kinds{"Bảng 5. Dấu hiệu lừa đảo được xác nhận",
              {Col("Loại dấu hiệu", CellKind::kText), Col("Số lượng", CellKind::kInteger)},
              {},
              {}};
  for (const auto& [kind, count] : f.indicators_by_kind) {
    kinds.rows.push_back({Text(std::string(service::KindLabelVi(kind))), Int(count)});
  }
  kinds.total = Row(Cell(), Int(f.indicators_confirmed));
  sec.tables = {std::move(cat), std::move(ward), std::move(month), std::move(status),
                std::move(kinds)};
  sec.charts = {{"Báo cáo theo loại hình", 0, 0, {1}}, {"Báo cáo theo tháng", 2, 0, {1, 2}}};
  return sec;
}

Section Published(const ReviewFigures& f) {
  Section sec;
  sec.heading = "II. CẢNH BÁO VÀ THÔNG TIN ĐÍNH CHÍNH";
  sec.sheet_name = "Cảnh báo";
  sec.paragraphs.push_back("Trong kỳ đã phát hành " + N(f.published.warnings) + " cảnh báo và " +
                           N(f.published.clarifications) +
                           " thông tin đính chính tin sai sự thật trên cổng thông tin và các kênh "
                           "cộng đồng.");
  Table t{
      "Bảng 6. Cảnh báo và đính chính đã phát hành",
      {Col("Ngày", CellKind::kText), Col("Loại", CellKind::kText), Col("Tiêu đề", CellKind::kText)},
      {},
      {}};
  for (const auto& item : f.published.items) {
    t.rows.push_back({Text(domain::DayMonthYear(item.published_on)),
                      Text(item.kind == domain::WarningKind::kWarning ? "Cảnh báo" : "Đính chính"),
                      Text(item.title)});
  }
  sec.tables.push_back(std::move(t));
  return sec;
}

Section Campaigns(const ReviewFigures& f) {
  Section sec;
  sec.heading = "III. PHỔ BIẾN, QUÁN TRIỆT VĂN BẢN HƯỚNG DẪN";
  sec.sheet_name = "Văn bản";
  int64_t recipients = 0, acknowledged = 0;
  Table c{"Bảng 7. Văn bản đã gửi",
          {Col("Văn bản", CellKind::kText), Col("Ngày gửi", CellKind::kText),
           Col("Người nhận", CellKind::kInteger), Col("Đã xác nhận đọc", CellKind::kInteger),
           Col("Tỷ lệ", CellKind::kPercent)},
          {},
          {}};
  for (const service::CampaignFigures& x : f.campaigns) {
    c.rows.push_back({Text(x.title), Text(domain::DayMonthYear(x.sent_on)), Int(x.recipients),
                      Int(x.acknowledged), Ratio(x.acknowledged, x.recipients)});
    recipients += x.recipients;
    acknowledged += x.acknowledged;
  }
  c.total =
      Row(Cell(), Cell(), Int(recipients), Int(acknowledged), Ratio(acknowledged, recipients));
  sec.paragraphs.push_back("Đã gửi " + N(static_cast<int64_t>(f.campaigns.size())) +
                           " văn bản hướng dẫn đến " + N(recipients) + " lượt người nhận; " +
                           N(acknowledged) + " lượt xác nhận đã đọc (" +
                           PercentText(acknowledged, recipients) + ").");
  Table u{"Bảng 8. Mức độ hoàn thành theo đơn vị",
          {Col("Đơn vị", CellKind::kText), Col("Người nhận", CellKind::kInteger),
           Col("Đã xác nhận đọc", CellKind::kInteger), Col("Tỷ lệ", CellKind::kPercent)},
          {},
          {}};
  for (const service::UnitCampaignFigures& x : f.campaign_units) {
    u.rows.push_back({Text(x.unit_name), Int(x.recipients), Int(x.acknowledged),
                      Ratio(x.acknowledged, x.recipients)});
  }
  u.total = Row(Cell(), Int(recipients), Int(acknowledged), Ratio(acknowledged, recipients));
  sec.tables = {std::move(c), std::move(u)};
  sec.charts = {{"Tỷ lệ xác nhận đọc theo đơn vị", 1, 0, {3}}};
  return sec;
}

Section Trainings(const ReviewFigures& f) {
  Section sec;
  sec.heading = "IV. TẬP HUẤN, BỒI DƯỠNG";
  sec.sheet_name = "Tập huấn";
  int64_t invited = 0, attended = 0;
  Table t{"Bảng 9. Các buổi tập huấn",
          {Col("Nội dung", CellKind::kText), Col("Ngày", CellKind::kText),
           Col("Địa điểm", CellKind::kText), Col("Được mời", CellKind::kInteger),
           Col("Tham dự", CellKind::kInteger), Col("Tỷ lệ", CellKind::kPercent)},
          {},
          {}};
  for (const service::TrainingFigures& x : f.trainings) {
    t.rows.push_back({Text(x.title), Text(domain::DayMonthYear(x.held_on)), Text(x.place),
                      Int(x.invited), Int(x.attended), Ratio(x.attended, x.invited)});
    invited += x.invited;
    attended += x.attended;
  }
  t.total = Row(Cell(), Cell(), Cell(), Int(invited), Int(attended), Ratio(attended, invited));
  sec.paragraphs.push_back("Tổ chức " + N(static_cast<int64_t>(f.trainings.size())) +
                           " buổi tập huấn với " + N(attended) + " lượt người tham dự trên " +
                           N(invited) + " lượt được mời.");
  sec.tables.push_back(std::move(t));
  return sec;
}

Section Channels(const ReviewFigures& f) {
  Section sec;
  sec.heading = "V. KÊNH THÔNG TIN CỘNG ĐỒNG";
  sec.sheet_name = "Kênh cộng đồng";
  Table t{"Bảng 10. Kênh cộng đồng theo đơn vị",
          {Col("Đơn vị", CellKind::kText), Col("Số kênh", CellKind::kInteger),
           Col("Thành viên", CellKind::kInteger), Col("Cảnh báo chuyển tiếp", CellKind::kInteger),
           Col("Tin báo nhận được", CellKind::kInteger)},
          {},
          {}};
  int64_t channels = 0, members = 0, relayed = 0, received = 0;
  for (const service::UnitChannelFigures& x : f.channel_units) {
    t.rows.push_back({Text(x.unit_name), Int(x.channels), Int(x.members), Int(x.warnings_relayed),
                      Int(x.reports_received)});
    channels += x.channels;
    members += x.members;
    relayed += x.warnings_relayed;
    received += x.reports_received;
  }
  t.total = Row(Cell(), Int(channels), Int(members), Int(relayed), Int(received));
  sec.paragraphs.push_back(N(channels) + " kênh (nhóm Zalo an ninh, fanpage, trang web) với " +
                           N(members) + " thành viên đã chuyển tiếp " + N(relayed) +
                           " lượt cảnh báo và tiếp nhận " + N(received) + " tin báo.");
  sec.tables.push_back(std::move(t));
  sec.charts = {{"Cảnh báo chuyển tiếp theo đơn vị", 0, 0, {3}}};
  return sec;
}

Section Tasks(const ReviewFigures& f) {
  Section sec;
  sec.heading = "VI. THỰC HIỆN NHIỆM VỤ ĐƯỢC GIAO";
  sec.sheet_name = "Nhiệm vụ";
  Table t{"Bảng 11. Nhiệm vụ có hạn trong kỳ, theo đơn vị",
          {Col("Đơn vị", CellKind::kText), Col("Tổng số", CellKind::kInteger),
           Col("Hoàn thành", CellKind::kInteger), Col("Trong đó trễ hạn", CellKind::kInteger),
           Col("Đang thực hiện", CellKind::kInteger), Col("Quá hạn", CellKind::kInteger),
           Col("Đã hủy", CellKind::kInteger)},
          {},
          {}};
  service::UnitTaskCounts sum;
  for (const service::UnitTaskCounts& x : f.tasks) {
    t.rows.push_back({Text(x.unit_name), Int(x.total), Int(x.done), Int(x.done_late), Int(x.active),
                      Int(x.overdue), Int(x.cancelled)});
    sum.total += x.total;
    sum.done += x.done;
    sum.done_late += x.done_late;
    sum.active += x.active;
    sum.overdue += x.overdue;
    sum.cancelled += x.cancelled;
  }
  t.total = Row(Cell(), Int(sum.total), Int(sum.done), Int(sum.done_late), Int(sum.active),
                Int(sum.overdue), Int(sum.cancelled));
  sec.paragraphs.push_back(N(sum.total) + " nhiệm vụ có hạn trong kỳ: hoàn thành " + N(sum.done) +
                           " (" + PercentText(sum.done, sum.total) + "), trong đó " +
                           N(sum.done_late) + " trễ hạn; " + N(sum.overdue) +
                           " nhiệm vụ quá hạn chưa hoàn thành.");
  Table late{"Bảng 12. Nhiệm vụ quá hạn chưa hoàn thành",
             {Col("Đơn vị", CellKind::kText), Col("Nhiệm vụ", CellKind::kText),
              Col("Hạn", CellKind::kText), Col("Tiến độ", CellKind::kPercent)},
             {},
             {}};
  for (const domain::Task& x : f.overdue_tasks) {
    std::string unit = x.unit_code;
    for (const service::UnitTaskCounts& u : f.tasks) {
      if (u.unit_code == x.unit_code) unit = u.unit_name;
    }
    late.rows.push_back({Text(unit), Text(x.title), Text(domain::DayMonthYear(x.due_on)),
                         Cell(x.progress / 100.0)});
  }
  sec.tables = {std::move(t), std::move(late)};
  return sec;
}

Section Assessments(const ReviewFigures& f) {
  Section sec;
  sec.heading = "VII. TỰ ĐÁNH GIÁ AN TOÀN THÔNG TIN CỦA ĐƠN VỊ";
  sec.sheet_name = "Tự đánh giá";
  sec.paragraphs.push_back(
      N(static_cast<int64_t>(f.assessments.size())) +
      " đơn vị đã tự đánh giá theo bộ tiêu chí (phương án bảo vệ, an toàn tài khoản, phòng chống "
      "thư rác và mã độc, sao lưu, tập huấn cán bộ); điểm là lần đánh giá gần nhất đến hết kỳ.");
  Table t{"Bảng 13. Điểm tự đánh giá",
          {Col("Đơn vị", CellKind::kText), Col("Ngày đánh giá"), Col("Điểm", CellKind::kPercent)},
          {},
          {}};
  for (const service::AssessmentFigures& x : f.assessments) {
    t.rows.push_back(
        {Text(x.unit_name), Text(domain::DayMonthYear(x.submitted_on)), Cell(x.score / 1000.0)});
  }
  sec.tables.push_back(std::move(t));
  sec.charts = {{"Điểm tự đánh giá theo đơn vị", 0, 0, {2}}};
  return sec;
}

Section BudgetSection(const ReviewFigures& f) {
  Section sec;
  sec.heading = "VIII. KINH PHÍ";
  sec.sheet_name = "Kinh phí";
  Table t{"Bảng 14. Dự toán năm " + f.from.substr(0, 4) +
              (f.from.substr(0, 4) == f.to.substr(0, 4) ? "" : "-" + f.to.substr(0, 4)) +
              " và thực hiện (đồng)",
          {Col("Đơn vị", CellKind::kText), Col("Nội dung", CellKind::kText),
           Col("Dự toán", CellKind::kMoney), Col("Chi trong kỳ", CellKind::kMoney),
           Col("Lũy kế đã chi", CellKind::kMoney), Col("Còn lại", CellKind::kMoney)},
          {},
          {}};
  int64_t allocated = 0, in_period = 0, total = 0;
  for (const service::BudgetFigures& x : f.budget) {
    const bool one_year = f.from.substr(0, 4) == f.to.substr(0, 4);
    t.rows.push_back(
        {Text(x.unit_name),
         Text(one_year ? x.activity : x.activity + " (" + std::to_string(x.year) + ")"),
         Int(x.allocated), Int(x.spent_in_period), Int(x.spent_total),
         Int(x.allocated - x.spent_total)});
    allocated += x.allocated;
    in_period += x.spent_in_period;
    total += x.spent_total;
  }
  t.total = Row(Cell(), Cell(), Int(allocated), Int(in_period), Int(total), Int(allocated - total));
  sec.paragraphs.push_back("Tổng dự toán " + service::FormatVnd(allocated) +
                           " đồng; chi trong kỳ " + service::FormatVnd(in_period) +
                           " đồng; lũy kế đã chi " + service::FormatVnd(total) + " đồng (" +
                           PercentText(total, allocated) + " dự toán).");
  sec.tables.push_back(std::move(t));
  return sec;
}

Section Rewards(const service::ReviewExport& r) {
  Section sec;
  sec.heading = "IX. ĐỀ NGHỊ KHEN THƯỞNG";
  sec.sheet_name = "Khen thưởng";
  sec.paragraphs.push_back(
      "Căn cứ kết quả thực hiện trong kỳ, đề nghị khen thưởng các tập thể, cá nhân và kênh cộng "
      "đồng sau:");
  Table t{"Bảng 15. Danh sách đề nghị khen thưởng",
          {Col("TT", CellKind::kInteger), Col("Đối tượng", CellKind::kText),
           Col("Tên", CellKind::kText), Col("Thành tích", CellKind::kText),
           Col("Hình thức đề nghị", CellKind::kText)},
          {},
          {}};
  int64_t n = 0;
  for (const domain::RewardProposal& p : r.proposals) {
    std::string merit = p.basis;
    if (!p.reason.empty()) merit = merit.empty() ? p.reason : merit + ". " + p.reason;
    t.rows.push_back({Int(++n), Text(std::string(SubjectLabel(p.subject))), Text(p.subject_name),
                      Text(merit), Text(p.award)});
  }
  sec.tables.push_back(std::move(t));
  return sec;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

AdminHeading Heading(const domain::Review& r) {
  AdminHeading h;
  h.superior_body = r.superior_body;
  h.issuing_body = r.issuing_body;
  h.number = r.number.empty() ? "Số:      /BC" : "Số: " + r.number;
  const std::string& d = r.report_date;
  h.place_and_date =
      r.place + ", ngày " + d.substr(8, 2) + " tháng " + d.substr(5, 2) + " năm " + d.substr(0, 4);
  h.kind = "BÁO CÁO";
  h.title = r.title;
  h.period =
      "(Từ ngày " + domain::DayMonthYear(r.from) + " đến ngày " + domain::DayMonthYear(r.to) + ")";
  return h;
}

}  // namespace

ReportDocument BuildReviewDocument(const service::ReviewExport& review) {
  const ReviewFigures& f = review.figures;
  ReportDocument doc;
  doc.heading = Heading(review.review);
  doc.summary.push_back(
      "Thực hiện kế hoạch phong trào toàn dân tham gia bảo vệ an ninh mạng, xin báo cáo kết quả "
      "thực hiện trong kỳ như sau. Các số liệu được tổng hợp tự động từ hệ thống Bình Yên ngày " +
      domain::DayMonthYear(f.computed_on) + ", không nhập tay.");
  doc.sections = {Reports(f), Published(f),   Campaigns(f),     Trainings(f),   Channels(f),
                  Tasks(f),   Assessments(f), BudgetSection(f), Rewards(review)};
  doc.signature.authority = review.review.signer_authority;
  doc.signature.position = review.review.signer_position;
  doc.signature.name = review.review.signer_name;
  doc.signature.recipients = Lines(review.review.recipients);
  return doc;
}

std::optional<ReviewFormat> ParseReviewFormat(std::string_view name) {
  if (name == "xlsx") return ReviewFormat::kXlsx;
  if (name == "pdf") return ReviewFormat::kPdf;
  return std::nullopt;
}

std::string_view MediaType(ReviewFormat format) {
  return format == ReviewFormat::kPdf
             ? "application/pdf"
             : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}

base::Result<std::string> RenderReview(const service::ReviewExport& review, ReviewFormat format,
                                       const std::filesystem::path& temp_dir) {
  const ReportDocument document = BuildReviewDocument(review);
  if (format == ReviewFormat::kXlsx) return RenderXlsx(document, temp_dir);
  BINHYEN_ASSIGN_OR_RETURN(PdfFonts fonts, DefaultPdfFonts());
  return RenderPdf(document, fonts);
}

std::string ReviewFileName(const domain::Review& review, ReviewFormat format) {
  std::string_view stem = review.kind == domain::ReviewKind::kSixMonth ? "bao-cao-so-ket"
                          : review.kind == domain::ReviewKind::kAnnual ? "bao-cao-tong-ket"
                                                                       : "bao-cao";
  return std::string(stem) + "-" + review.from + "-den-" + review.to +
         (format == ReviewFormat::kPdf ? ".pdf" : ".xlsx");
}

}  // namespace binhyen::render
