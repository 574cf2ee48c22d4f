#include "api/problem.h"

#include <nlohmann/json.hpp>
#include <utility>

#include "base/logging.h"
#include "base/strings.h"
#include "http/message.h"
#include "http/status_map.h"

namespace binhyen::api {
namespace {

using nlohmann::json;

struct Phrase {
  std::string_view en;  // prefix of the English text
  std::string_view vi;  // its Vietnamese; "{rest}" is replaced by the text after the prefix
};

// Prefixes of the field-error texts of service/, domain/ and indicator/, longest first where
// one is a prefix of another.
constexpr Phrase kPhrases[] = {
    {"must not be empty", "không được để trống"},
    {"must be valid UTF-8", "phải là văn bản UTF-8 hợp lệ"},
    {"must not contain NUL characters", "không được chứa ký tự NUL"},
    {"must be at most ", "tối đa {rest}"},
    {"must be at least ", "tối thiểu {rest}"},
    {"unknown bank ", "không rõ ngân hàng {rest}"},
    {"the value names another bank", "số tài khoản ghi tên một ngân hàng khác"},
    {"only for bank accounts", "chỉ dùng cho số tài khoản ngân hàng"},
    {"must be between ", "phải nằm trong khoảng {rest}"},
    {"must be an integer", "phải là số nguyên"},
    {"must be a string", "phải là chuỗi ký tự"},
    {"must be an object", "phải là một đối tượng JSON"},
    {"must be an array", "phải là một danh sách JSON"},
    {"must be true or false", "phải là true hoặc false"},
    {"must be an RFC 3339 date-time",
     "phải là ngày giờ theo RFC 3339, ví dụ 2026-11-20T08:30:00+07:00"},
    {"must be a positive integer", "phải là số nguyên dương"},
    {"must be absent when anonymous is true", "phải để trống khi chọn báo cáo ẩn danh"},
    {"required when anonymous is false", "bắt buộc khi không chọn ẩn danh"},
    {"required when rejecting", "bắt buộc khi từ chối báo cáo"},
    {"required when marking a duplicate", "bắt buộc khi đánh dấu trùng lặp"},
    {"required", "bắt buộc"},
    {"unknown field", "trường không được hỗ trợ"},
    {"given more than once", "bị gửi nhiều lần"},
    {"unknown category", "loại báo cáo không hợp lệ{rest}"},
    {"unknown kind", "loại dấu hiệu không hợp lệ{rest}"},
    {"unknown ward or commune", "không có phường/xã này{rest}"},
    {"unknown status", "trạng thái không hợp lệ{rest}"},
    {"unknown severity", "mức độ không hợp lệ{rest}"},
    {"is in the future", "không được ở thời điểm tương lai"},
    {"at most ", "tối đa {rest}"},
    {"give at least one of name, phone, email",
     "hãy cho ít nhất một trong: họ tên, số điện thoại, email (hoặc bỏ trống để báo cáo ẩn danh)"},
    {"file type not accepted",
     "loại tệp không được chấp nhận (chỉ nhận ảnh, PDF, âm thanh và video)"},
    {"empty file", "tệp rỗng"},
    {"larger than ", "lớn hơn {rest}"},
    {"no indicator recognised in the value",
     "không nhận ra dấu hiệu nào trong giá trị; hãy chọn loại (đường link, số điện thoại, tài "
     "khoản ngân hàng...)"},
    {"a report cannot duplicate itself", "báo cáo không thể trùng với chính nó"},
    {"only allowed when marking a duplicate", "chỉ dùng khi đánh dấu trùng lặp"},
    {"cannot triage reports", "không có quyền xử lý báo cáo"},
    {"not a receipt code", "không phải mã biên nhận"},
};

constexpr std::string_view kFallbackVi = "giá trị không hợp lệ";

std::string_view TitleVi(int status) {
  switch (status) {
    case 400: return "Yêu cầu không đọc được.";
    case 401: return "Bạn cần đăng nhập.";
    case 403: return "Bạn không có quyền thực hiện thao tác này.";
    case 404: return "Không tìm thấy.";
    case 409: return "Thao tác không phù hợp với trạng thái hiện tại.";
    case 413: return "Dữ liệu gửi lên quá lớn.";
    case 415: return "Kiểu dữ liệu không được hỗ trợ.";
    case 422: return "Một số trường chưa hợp lệ.";
    case 429: return "Bạn thao tác quá nhanh, vui lòng thử lại sau.";
    case 503: return "Hệ thống đang bận, vui lòng thử lại sau.";
    default: return "Đã có lỗi xảy ra.";
  }
}

}  // namespace

http::Response Problem(int status, std::string_view code, std::string_view detail,
                       std::string_view detail_vi, const std::vector<FieldError>& errors) {
  json body = {{"type", "about:blank"},
               {"title", std::string(http::ReasonPhrase(status))},
               {"status", status},
               {"code", std::string(code)},
               {"detail", std::string(detail)},
               {"detail_vi", std::string(detail_vi)}};
  if (!errors.empty()) {
    json list = json::array();
    for (const FieldError& e : errors) {
      list.push_back({{"field", e.field}, {"detail", e.detail}, {"detail_vi", e.detail_vi}});
    }
    body["errors"] = std::move(list);
  }
  http::Response r =
      http::Response::WithType(status, "application/problem+json",
                               body.dump(-1, ' ', false, json::error_handler_t::replace));
  return r;
}

http::Response Malformed(std::string_view detail_en, std::string_view detail_vi) {
  return Problem(400, "malformed", detail_en, detail_vi);
}

std::string TranslateFieldError(std::string_view what) {
  for (const Phrase& p : kPhrases) {
    if (!what.starts_with(p.en)) continue;
    std::string vi(p.vi);
    if (size_t at = vi.find("{rest}"); at != std::string::npos) {
      vi.replace(at, 6, std::string(what.substr(p.en.size())));
    }
    return vi;
  }
  return std::string(kFallbackVi) + " (" + std::string(what) + ")";
}

std::vector<FieldError> ParseFieldErrors(std::string_view message) {
  std::vector<FieldError> out;
  for (std::string_view line : base::Split(message, '\n')) {
    if (line.empty()) continue;
    FieldError e;
    size_t colon = line.find(": ");
    std::string_view what = line;
    if (colon != std::string_view::npos) {
      e.field = std::string(line.substr(0, colon));
      what = line.substr(colon + 2);
    }
    e.detail = std::string(what);
    e.detail_vi = TranslateFieldError(what);
    out.push_back(std::move(e));
  }
  return out;
}

http::Response FromStatus(const base::Status& status, const http::Request& request) {
  const int http_status = http::HttpStatusFor(status.code());
  switch (status.code()) {
    case base::StatusCode::kInvalidArgument: {
      std::vector<FieldError> errors = ParseFieldErrors(status.message());
      std::string detail = errors.size() == 1 ? errors[0].field + ": " + errors[0].detail
                                              : "some fields are not valid";
      return Problem(422, "invalid_fields", detail, TitleVi(422), errors);
    }
    case base::StatusCode::kInternal:
    case base::StatusCode::kUnimplemented:
      base::LogError("request {}: {}", request.request_id, status.message());
      return Problem(http_status, "internal",
                     "internal error; quote request id " + request.request_id,
                     std::string(TitleVi(500)) + " Mã yêu cầu: " + request.request_id);
    default:
      return Problem(http_status, http::ProblemCode(http_status), status.message(),
                     TitleVi(http_status));
  }
}

}  // namespace binhyen::api
