// Report intake and receipts: what residents and partner systems call.

#include <utility>

#include "api/internal/api_impl.h"
#include "api/json_views.h"
#include "api/problem.h"
#include "api/submission_form.h"
#include "http/media_type.h"
#include "http/multipart.h"
#include "service/submission_json.h"

namespace binhyen::api {
namespace {

// A submission decoded from the body, or the response refusing it.
struct Decoded {
  std::optional<service::ReportSubmission> submission;
  std::optional<http::Response> refusal;
};

Decoded Refuse(http::Response r) { return {std::nullopt, std::move(r)}; }

// "input: ..." errors of DecodeSubmissionJson are about the body as a whole (400 / 413); the
// others name a field (422).
Decoded FromJson(std::string_view json, domain::Channel channel, const http::Request& request) {
  base::Result<service::ReportSubmission> s = service::DecodeSubmissionJson(json, channel);
  if (s.ok()) return {*std::move(s), std::nullopt};
  const std::string& message = s.status().message();
  if (message.starts_with("input: larger than")) {
    return Refuse(Problem(413, "too_large", message, "Báo cáo quá dài."));
  }
  if (message.starts_with("input: ")) {
    return Refuse(Malformed(message, "Nội dung gửi lên không phải JSON hợp lệ."));
  }
  return Refuse(FromStatus(s.status(), request));
}

Decoded FromMultipart(const http::Request& request, domain::Channel channel) {
  base::Result<http::MediaType> media =
      http::ParseMediaType(request.Header("Content-Type").value_or(""));
  std::optional<std::string_view> boundary = media.ok() ? media->Param("boundary") : std::nullopt;
  if (!boundary) {
    return Refuse(Malformed("multipart: the Content-Type has no boundary",
                            "Dữ liệu gửi lên không đúng định dạng multipart."));
  }
  base::Result<std::vector<http::MultipartPart>> parts =
      http::ParseMultipart(request.body, *boundary);
  if (!parts.ok()) {
    return Refuse(
        Malformed(parts.status().message(), "Dữ liệu gửi lên không đúng định dạng multipart."));
  }
  http::Params fields;
  std::optional<std::string> json_part;
  std::vector<service::EvidenceUpload> files;
  for (http::MultipartPart& part : *parts) {
    if (part.filename && part.filename->empty() && part.data.empty()) {
      continue;  // a file input left empty: browsers send an empty part with filename=""
    }
    if (part.filename) {
      files.push_back({*std::move(part.filename), std::move(part.data)});
    } else if (part.name == "report") {
      json_part = std::move(part.data);
    } else {
      fields.emplace_back(std::move(part.name), std::move(part.data));
    }
  }
  Decoded decoded;
  if (json_part) {
    decoded = FromJson(*json_part, channel, request);
  } else {
    base::Result<service::ReportSubmission> s = SubmissionFromFields(fields, channel);
    if (!s.ok()) return Refuse(FromStatus(s.status(), request));
    decoded.submission = *std::move(s);
  }
  if (decoded.submission) decoded.submission->evidence = std::move(files);
  return decoded;
}

Decoded DecodeSubmission(const http::Request& request, domain::Channel channel) {
  const std::string type = request.MediaTypeName();
  if (type == "application/json") return FromJson(request.body, channel, request);
  if (type == "multipart/form-data") return FromMultipart(request, channel);
  if (type == "application/x-www-form-urlencoded") {
    base::Result<http::Params> fields = http::ParseUrlEncoded(request.body);
    if (!fields.ok()) {
      return Refuse(Malformed(fields.status().message(), "Dữ liệu biểu mẫu không hợp lệ."));
    }
    base::Result<service::ReportSubmission> s = SubmissionFromFields(*fields, channel);
    if (!s.ok()) return Refuse(FromStatus(s.status(), request));
    return {*std::move(s), std::nullopt};
  }
  return Refuse(Problem(415, "unsupported_media_type",
                        "send application/json, multipart/form-data or "
                        "application/x-www-form-urlencoded (got '" +
                            type + "')",
                        "Kiểu dữ liệu không được hỗ trợ: hãy gửi JSON hoặc biểu mẫu."));
}

}  // namespace

http::Response Api::Impl::SubmitReport(http::Request& request, const OptionalPrincipal& caller) {
  // Partner systems with a submitting token are not limited per IP (they send for many people).
  const bool partner = caller && caller->via == Principal::Via::kToken &&
                       caller->Can(service::Permission::kReportsSubmit);
  if (!partner) {
    if (auto refused = RateLimit(report_limiter, "reports", request)) return *refused;
  }
  const domain::Channel channel = partner ? domain::Channel::kApi : domain::Channel::kWeb;
  Decoded decoded = DecodeSubmission(request, channel);
  if (decoded.refusal) return *std::move(decoded.refusal);

  service::ReportIntake intake(store, contact_box, clock, random, evidence, options.intake);
  const std::string actor = caller ? caller->Actor() : "public";
  base::Result<service::Receipt> receipt = intake.Submit(*decoded.submission, actor);
  if (!receipt.ok()) return FromStatus(receipt.status(), request);
  reports_submitted.WithLabels({domain::Name(channel)}).Inc();

  const bool analyst = caller && caller->Can(service::Permission::kReportsRead);
  http::Response r = http::Response::Json(201, Dump(ReceiptJson(*receipt, analyst)));
  r.headers.Set("Location", "/api/v1/receipts/" + receipt->receipt_code);
  return r;
}

http::Response Api::Impl::GetReceipt(http::Request& request, const OptionalPrincipal&) {
  if (auto refused = RateLimit(receipt_limiter, "receipts", request)) return *refused;
  service::ReportIntake intake(store, contact_box, clock, random);
  base::Result<service::ReportView> view = intake.Get(request.PathParam("receipt"));
  if (!view.ok()) {
    if (view.status().code() == base::StatusCode::kNotFound) {
      return Problem(404, "not_found", view.status().message(),
                     "Không tìm thấy báo cáo với mã biên nhận này. Hãy kiểm tra lại mã.");
    }
    if (view.status().code() == base::StatusCode::kInvalidArgument) {
      return Problem(400, "invalid_receipt", view.status().message(),
                     "Mã biên nhận không đúng dạng (ví dụ: BY-7K3M-9QX2).");
    }
    return FromStatus(view.status(), request);
  }
  return http::Response::Json(200, Dump(ReportViewJson(*view)));
}

}  // namespace binhyen::api
