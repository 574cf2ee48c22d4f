// FormatDemoSummary: what `binhyen demo` prints, in Vietnamese and English.
#include <string>

#include "app/demo.h"

namespace binhyen::app {
namespace {

std::string_view Vietnamese(domain::UnitKind kind) {
  switch (kind) {
    case domain::UnitKind::kWard: return "phường";
    case domain::UnitKind::kCommune: return "xã";
    case domain::UnitKind::kSchool: return "trường học";
    case domain::UnitKind::kAgency: return "cơ quan";
    case domain::UnitKind::kBusiness: return "doanh nghiệp";
    case domain::UnitKind::kOther: return "khác";
  }
  return "khác";
}

std::string_view Vietnamese(domain::ReportStatus status) {
  switch (status) {
    case domain::ReportStatus::kReceived: return "mới tiếp nhận";
    case domain::ReportStatus::kTriaging: return "đang xử lý";
    case domain::ReportStatus::kConfirmed: return "đã xác minh";
    case domain::ReportStatus::kRejected: return "bác bỏ";
    case domain::ReportStatus::kDuplicate: return "trùng lặp";
  }
  return "";
}

std::string Padded(std::string_view s, size_t width) {
  std::string out(s);
  if (out.size() < width) out.append(width - out.size(), ' ');
  return out;
}

void AppendCounts(const DemoSummary& s, std::string& out) {
  int64_t units = 0;
  std::string kinds;
  for (const auto& [kind, n] : s.units) {
    units += n;
    if (!kinds.empty()) kinds += ", ";
    kinds += std::to_string(n) + " " + std::string(Vietnamese(kind)) + " / " +
             std::string(domain::Name(kind));
  }
  out += "  Đơn vị / units: " + std::to_string(units) + " (" + kinds + ")\n";
  out += "  Người dùng / users: " + std::to_string(s.accounts.size()) + "\n";
  std::string statuses;
  for (const auto& [status, n] : s.reports_by_status) {
    if (!statuses.empty()) statuses += ", ";
    statuses += std::to_string(n) + " " + std::string(Vietnamese(status)) + " / " +
                std::string(domain::Name(status));
  }
  out += "  Báo cáo / reports: " + std::to_string(s.reports) + " (" + statuses + "); " +
         std::to_string(s.linked_reports) + " liên kết với báo cáo khác / linked to others\n";
  out += "  Dấu hiệu lừa đảo đã xác minh / confirmed indicators: " +
         std::to_string(s.confirmed_indicators) + "\n";
  out += "  Cảnh báo / warnings: " + std::to_string(s.warnings) + " (+" +
         std::to_string(s.draft_warnings) +
         " bản nháp / draft); đính chính / clarifications: " + std::to_string(s.clarifications) +
         "\n";
  out += "  Nguồn danh sách bên ngoài / imported source: hostsvn-mau, " +
         std::to_string(s.imported_entries) + " tên miền / domains (tin cậy vừa / trust medium)\n";
}

void AppendAccounts(const DemoSummary& s, std::string& out) {
  out += "\nTài khoản đăng nhập / sign-in names (mật khẩu chung / shared password: " + s.password +
         "):\n";
  for (const DemoAccount& a : s.accounts) {
    std::string line = "  " + Padded(a.name, 20) + Padded(domain::Name(a.role), 17) + a.unit;
    if (!a.totp_secret.empty()) line = Padded(line, 58) + "TOTP " + a.totp_secret;
    out += line + "\n";
  }
  out +=
      "Nhập các mã TOTP vào ứng dụng xác thực (Google Authenticator, Authy...) để đăng nhập bằng "
      "tài khoản phân tích và quản trị.\n"
      "Add the TOTP secrets to an authenticator app to sign in as an analyst or the admin.\n";
}

}  // namespace

std::string FormatDemoSummary(const DemoSummary& s, std::string_view data_dir) {
  std::string out = "Đã tạo dữ liệu mẫu Bình Yên cho thị xã Đức Phổ tại " + std::string(data_dir) +
                    " / demo data created in " + std::string(data_dir) + "\n";
  AppendCounts(s, out);
  AppendAccounts(s, out);
  std::string scopes;
  for (const std::string& scope : s.token_scopes) scopes += (scopes.empty() ? "" : " ") + scope;
  out +=
      "\nToken API của / API token of " + s.token_user + " (" + scopes + "):\n  " + s.token + "\n";
  out +=
      "\nDữ liệu mẫu chỉ dùng để chạy thử trên máy cá nhân / demo data, for local trials only.\n"
      "Bước tiếp theo / next: binhyen serve --data " +
      std::string(data_dir) + "\n";
  return out;
}

}  // namespace binhyen::app
