#include "web/internal/field_messages.h"

#include <utility>

#include "base/strings.h"

namespace binhyen::web::internal {
namespace {

// A Vietnamese reading of the service's English reasons: the common ones word for word, others
// as "không hợp lệ" with the English kept beside it.
std::string VietnameseReason(std::string_view what) {
  if (what == "must not be empty") return "không được để trống";
  if (what.starts_with("must be at most")) return "quá dài";
  if (what.starts_with("must be at least")) return "quá ngắn, hãy viết rõ hơn";
  if (what == "must be valid UTF-8") return "có ký tự không đọc được";
  if (what.starts_with("unknown ward")) return "không có trong danh sách phường, xã";
  if (what.starts_with("unknown category")) return "hãy chọn một loại trong danh sách";
  if (what.starts_with("must be between")) return "số tiền không hợp lệ";
  if (what == "is in the future") return "không thể ở tương lai";
  if (what.starts_with("file type not accepted")) {
    return "loại tệp không được nhận (chỉ nhận ảnh JPEG, PNG, WebP, GIF hoặc tệp PDF)";
  }
  if (what.starts_with("larger than")) return "tệp quá lớn (tối đa 10 MB mỗi tệp)";
  if (what.starts_with("at most")) return "quá nhiều mục";
  if (what.starts_with("give at least one")) {
    return "hãy điền ít nhất một cách liên hệ, hoặc chọn gửi ẩn danh";
  }
  if (what == "not accepted here") return "chưa nhận tệp đính kèm ở đây";
  return "không hợp lệ (" + std::string(what) + ")";
}

// "indicators[1]: phone: too short" -> ("indicators[1]", "phone: too short").
std::pair<std::string_view, std::string_view> SplitLine(std::string_view line) {
  size_t colon = line.find(": ");
  if (colon == std::string_view::npos) return {"form", line};
  return {line.substr(0, colon), line.substr(colon + 2)};
}

std::string_view FieldLabelVi(std::string_view field) {
  if (field == "category") return "Loại lừa đảo";
  if (field == "description") return "Chuyện gì đã xảy ra";
  if (field == "url") return "Đường link";
  if (field == "phone") return "Số điện thoại";
  if (field == "account") return "Số tài khoản";
  if (field == "ward") return "Nơi xảy ra";
  if (field == "loss") return "Số tiền bị mất";
  if (field == "evidence") return "Ảnh chụp màn hình";
  if (field == "contact_name") return "Họ tên";
  if (field == "contact_phone") return "Số điện thoại liên hệ";
  if (field == "contact_email") return "Email";
  if (field == "contact") return "Thông tin liên hệ";
  if (field == "value") return "Nội dung bị cảnh báo";
  if (field == "kind") return "Loại";
  if (field == "bank") return "Ngân hàng";
  if (field == "reason") return "Lý do";
  return "Biểu mẫu";
}

}  // namespace

void AddFieldErrors(Data& data, const std::vector<FieldMessage>& errors) {
  data.set("has_errors", Data(!errors.empty()));
  Data list{Data::type::list};
  for (const FieldMessage& e : errors) {
    Data item;
    item.set("field", e.field);
    item.set("text_vi", e.vi);
    item.set("text_en", e.en);
    list.push_back(item);
    Data inline_error;
    inline_error.set("text_vi", e.vi);
    inline_error.set("text_en", e.en);
    data.set("error_" + e.field, inline_error);
  }
  data.set("errors", list);
}

std::vector<FieldMessage> ReportFieldMessages(const base::Status& status) {
  std::vector<FieldMessage> out;
  // The typed indicators are sent in the order url, phone, account (ToSubmission); their index
  // alone does not say which field it was, so the kind named in the reason decides.
  for (std::string_view line : base::Split(status.message(), '\n')) {
    if (base::TrimAscii(line).empty()) continue;
    auto [field, what] = SplitLine(line);
    std::string form_field(field);
    if (field.starts_with("indicators")) {
      if (what.starts_with("phone")) {
        form_field = "phone";
      } else if (what.starts_with("bank_account")) {
        form_field = "account";
      } else {
        form_field = "url";
      }
      size_t colon = what.find(": ");
      if (colon != std::string_view::npos) what = what.substr(colon + 2);
    } else if (field.starts_with("evidence")) {
      form_field = "evidence";
    } else if (field.starts_with("contact.")) {
      form_field = "contact_" + std::string(field.substr(8));
    } else if (field == "loss_vnd") {
      form_field = "loss";
    }
    const std::string label(FieldLabelVi(form_field));
    out.push_back({form_field, label + ": " + VietnameseReason(what),
                   std::string(field) + ": " + std::string(what)});
  }
  return out;
}

std::vector<FieldMessage> DisputeFieldMessages(const base::Status& status) {
  std::vector<FieldMessage> out;
  for (std::string_view line : base::Split(status.message(), '\n')) {
    if (base::TrimAscii(line).empty()) continue;
    auto [field, what] = SplitLine(line);
    std::string form_field(field);
    if (field.starts_with("contact.")) form_field = "contact_" + std::string(field.substr(8));
    const std::string label(FieldLabelVi(form_field));
    out.push_back({form_field, label + ": " + VietnameseReason(what),
                   std::string(field) + ": " + std::string(what)});
  }
  return out;
}

}  // namespace binhyen::web::internal
