// The message scanner: POST /api/v1/scan with {"text": "..."} (answered on the I/O thread, from
// memory) or a multipart/form-data screenshot in the field "image" (read with OCR on the worker
// pool, see ScanRunsOnPool).

#include <string>

#include "api/internal/api_impl.h"
#include "api/json_body.h"
#include "api/problem.h"
#include "api/scan_json.h"
#include "base/logging.h"
#include "http/media_type.h"
#include "http/multipart.h"

namespace binhyen::api {
namespace {

http::Response TooLarge(std::string_view detail, std::string_view detail_vi) {
  return Problem(413, "too_large", detail, detail_vi);
}

http::Response Answer(const service::MessageScan& scan) {
  std::string body;
  body.reserve(2048);
  AppendScanJson(scan, &body);
  http::Response r = http::Response::Json(200, std::move(body));
  r.headers.Set("Cache-Control", "no-store");
  return r;
}

}  // namespace

bool ScanRunsOnPool(const http::Request& request) {
  return request.MediaTypeName() == "multipart/form-data";
}

http::Response Api::Impl::ScanText(const http::Request& request) {
  auto body = ReadJsonObject(request, {"text"});
  if (auto* refusal = std::get_if<http::Response>(&body)) return std::move(*refusal);
  const nlohmann::json& json = std::get<nlohmann::json>(body);
  auto text = json.find("text");
  if (text == json.end() || !text->is_string()) {
    return Problem(422, "invalid_fields", "some fields are invalid", "Một số trường chưa hợp lệ.",
                   {{"text", "must be a string", "phải là chuỗi ký tự"}});
  }
  const std::string& value = text->get_ref<const std::string&>();
  if (value.empty()) {
    return Problem(422, "invalid_fields", "some fields are invalid", "Một số trường chưa hợp lệ.",
                   {{"text", "must not be empty", "không được để trống"}});
  }
  if (value.size() > scan::Scanner::kMaxScanBytes) {
    return TooLarge("text: at most 65536 bytes (" + std::to_string(value.size()) + " sent)",
                    "Tin nhắn quá dài: tối đa 64 KB. Hãy dán phần đáng ngờ nhất.");
  }
  return Answer(scans.ScanText(value));
}

http::Response Api::Impl::ScanImage(const http::Request& request) {
  base::Result<http::MediaType> media =
      http::ParseMediaType(request.Header("Content-Type").value_or(""));
  std::optional<std::string_view> boundary = media.ok() ? media->Param("boundary") : std::nullopt;
  if (!boundary) {
    return Malformed("multipart: the Content-Type has no boundary",
                     "Dữ liệu gửi lên không đúng định dạng multipart.");
  }
  base::Result<std::vector<http::MultipartPart>> parts =
      http::ParseMultipart(request.body, *boundary);
  if (!parts.ok()) {
    return Malformed(parts.status().message(), "Dữ liệu gửi lên không đúng định dạng multipart.");
  }
  const http::MultipartPart* image = nullptr;
  for (const http::MultipartPart& part : *parts) {
    if (part.name == "image") image = &part;
  }
  if (image == nullptr || image->data.empty()) {
    return Problem(422, "invalid_fields", "some fields are invalid", "Một số trường chưa hợp lệ.",
                   {{"image", "must be an image file", "hãy chọn một ảnh chụp màn hình"}});
  }
  const evidence::ImageLimits& limits = scans.options().image_limits;
  if (image->data.size() > limits.max_bytes) {
    return TooLarge("image: at most " + std::to_string(limits.max_bytes) + " bytes",
                    "Ảnh quá lớn: tối đa 10 MB. Hãy gửi ảnh chụp màn hình thay vì ảnh gốc.");
  }
  base::Result<service::MessageScan> scan = scans.ScanImage(image->data);
  if (!scan.ok()) {
    if (scan.status().code() == base::StatusCode::kPayloadTooLarge) {
      return TooLarge(scan.status().message(), "Ảnh quá lớn: tối đa 10 MB và 40 triệu điểm ảnh.");
    }
    if (scan.status().code() == base::StatusCode::kInvalidArgument) {
      return Problem(422, "invalid_fields", "some fields are invalid", "Một số trường chưa hợp lệ.",
                     {{"image", std::string(scan.status().message()),
                       "không đọc được ảnh này; hãy gửi ảnh PNG hoặc JPEG"}});
    }
    if (scan.status().code() == base::StatusCode::kFailedPrecondition) {
      // The OCR models are not installed: the operator's problem, not the resident's.
      base::LogError("scan: screenshots cannot be read: {} (request_id {})",
                     scan.status().message(), request.request_id);
      http::Response r = Problem(503, "ocr_unavailable",
                                 "screenshots cannot be read on this server right now; paste the "
                                 "message's text instead",
                                 "Hiện máy chủ chưa đọc được ảnh chụp màn hình. Bạn hãy dán nội "
                                 "dung tin nhắn vào ô kiểm tra.");
      r.headers.Set("Retry-After", "3600");
      return r;
    }
    return FromStatus(scan.status(), request);
  }
  return Answer(*scan);
}

http::Response Api::Impl::Scan(http::Request& request, const OptionalPrincipal& /*caller*/) {
  if (ScanRunsOnPool(request)) return ScanImage(request);
  return ScanText(request);
}

}  // namespace binhyen::api
