// The analysts' routes: search, read, move, assign, annotate, reveal contact, fetch evidence.

#include <utility>

#include "api/body_decoders.h"
#include "api/internal/api_impl.h"
#include "api/json_body.h"
#include "api/json_views.h"
#include "api/problem.h"
#include "base/strings.h"
#include "evidence/sniff.h"
#include "service/contact_retention.h"
#include "service/field_errors.h"

namespace binhyen::api {
namespace {

using nlohmann::json;

http::Response NoSuchReport(const http::Request& request) {
  return Problem(404, "not_found", "no report " + std::string(request.PathParam("id")),
                 "Không tìm thấy báo cáo.");
}

base::Result<service::ReportQuery> QueryFromParams(const http::Request& request,
                                                   const Principal& caller) {
  service::ReportQuery q;
  service::FieldErrors errors;
  for (const auto& [name, value] : request.query_params) {
    if (value.empty()) continue;
    if (name == "status") {
      q.status = domain::ParseReportStatus(value);
      if (!q.status) errors.Add("status", "unknown status '" + value + "'");
    } else if (name == "category") {
      q.category = domain::ParseCategory(value);
      if (!q.category) errors.Add("category", "unknown category '" + value + "'");
    } else if (name == "ward") {
      q.ward = value;
    } else if (name == "q") {
      q.text = value;
    } else if (name == "page") {
      q.after = value;
    } else if (name == "assignee") {
      if (value == "me") {
        q.assignee_user_id = caller.user_id;
      } else {
        int64_t id = 0;
        if (!base::ParseInt64(value, id) || id <= 0) {
          errors.Add("assignee", "must be a positive integer (a user id) or 'me'");
        } else {
          q.assignee_user_id = id;
        }
      }
    } else if (name == "limit") {
      int64_t limit = 0;
      if (!base::ParseInt64(value, limit) || limit < 1 || limit > 200) {
        errors.Add("limit", "must be between 1 and 200");
      } else {
        q.limit = static_cast<int>(limit);
      }
    } else {
      errors.Add(name, "unknown field");
    }
  }
  BINHYEN_RETURN_IF_ERROR(errors.ToStatus());
  return q;
}

// RFC 6266 attachment with an ASCII fallback name and the UTF-8 name percent-encoded.
std::string AttachmentHeader(std::string_view filename, std::string_view fallback) {
  std::string ascii;
  std::string encoded;
  for (unsigned char c : filename) {
    if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') ascii += static_cast<char>(c);
    if (base::IsAsciiAlnum(static_cast<char>(c)) || c == '.' || c == '-' || c == '_') {
      encoded += static_cast<char>(c);
    } else {
      static constexpr char kHex[] = "0123456789ABCDEF";
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    }
  }
  if (ascii.empty()) ascii = std::string(fallback);
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" +
         (encoded.empty() ? std::string(fallback) : encoded);
}

}  // namespace

http::Response Api::Impl::ListReports(http::Request& request, const OptionalPrincipal& caller) {
  base::Result<service::ReportQuery> query = QueryFromParams(request, *caller);
  if (!query.ok()) return FromStatus(query.status(), request);
  base::Result<store::Page<domain::Report>> page = triage.List(*query);
  if (!page.ok()) return FromStatus(page.status(), request);
  json items = json::array();
  for (const domain::Report& r : page->items) items.push_back(ReportSummaryJson(r));
  json body = {{"items", std::move(items)}, {"next", page->next}};
  return http::Response::Json(200, Dump(body));
}

http::Response Api::Impl::GetReport(http::Request& request, const OptionalPrincipal&) {
  std::optional<int64_t> id = PathId(request);
  if (!id) return NoSuchReport(request);
  base::Result<service::ReportDetail> detail = triage.Get(*id);
  if (!detail.ok()) {
    if (detail.status().code() == base::StatusCode::kNotFound) return NoSuchReport(request);
    return FromStatus(detail.status(), request);
  }
  json body = ReportJson(detail->report);
  body["has_contact"] = detail->has_contact;
  json related = json::array();
  for (const domain::Report& r : detail->related) related.push_back(ReportSummaryJson(r));
  body["related"] = std::move(related);
  return http::Response::Json(200, Dump(body));
}

http::Response Api::Impl::TransitionReport(http::Request& request,
                                           const OptionalPrincipal& caller) {
  std::optional<int64_t> id = PathId(request);
  if (!id) return NoSuchReport(request);
  auto body = ReadJsonObject(
      request, {"to", "reason", "duplicate_of", "public_note", "severity", "category"});
  if (auto* refusal = std::get_if<http::Response>(&body)) return std::move(*refusal);
  base::Result<service::TransitionRequest> t = TransitionFromJson(std::get<json>(body));
  if (!t.ok()) return FromStatus(t.status(), request);
  base::Result<service::TransitionOutcome> outcome = triage.Transition(*id, *t, caller->Actor());
  if (!outcome.ok()) {
    if (outcome.status().code() == base::StatusCode::kNotFound) return NoSuchReport(request);
    if (outcome.status().code() == base::StatusCode::kFailedPrecondition) {
      return Problem(409, "illegal_transition", outcome.status().message(),
                     "Không thể chuyển báo cáo sang trạng thái này từ trạng thái hiện tại.");
    }
    return FromStatus(outcome.status(), request);
  }
  transitions.WithLabels({domain::Name(t->to)}).Inc();
  json indicators = json::array();
  for (const auto& r : outcome->indicators) indicators.push_back(IndicatorRecordJson(r));
  json out = {{"report", ReportJson(outcome->report)}, {"indicators", std::move(indicators)}};
  return http::Response::Json(200, Dump(out));
}

http::Response Api::Impl::AssignReport(http::Request& request, const OptionalPrincipal& caller) {
  std::optional<int64_t> id = PathId(request);
  if (!id) return NoSuchReport(request);
  auto body = ReadJsonObject(request, {"assignee"});
  if (auto* refusal = std::get_if<http::Response>(&body)) return std::move(*refusal);
  base::Result<std::optional<std::string>> decoded = AssigneeFromJson(std::get<json>(body));
  if (!decoded.ok()) return FromStatus(decoded.status(), request);
  std::optional<std::string> assignee = std::move(decoded).value();
  if (assignee == "me") assignee = caller->name;
  base::Status s = triage.Assign(
      *id, assignee ? std::optional<std::string_view>(*assignee) : std::nullopt, caller->Actor());
  if (!s.ok()) {
    if (s.code() == base::StatusCode::kNotFound && s.message().starts_with("assignee")) {
      return FromStatus(base::InvalidArgumentError(s.message()), request);
    }
    if (s.code() == base::StatusCode::kNotFound) return NoSuchReport(request);
    return FromStatus(s, request);
  }
  return GetReport(request, caller);
}

http::Response Api::Impl::SetNote(http::Request& request, const OptionalPrincipal& caller) {
  std::optional<int64_t> id = PathId(request);
  if (!id) return NoSuchReport(request);
  auto body = ReadJsonObject(request, {"public_note"});
  if (auto* refusal = std::get_if<http::Response>(&body)) return std::move(*refusal);
  base::Result<std::string> note = PublicNoteFromJson(std::get<json>(body));
  if (!note.ok()) return FromStatus(note.status(), request);
  base::Status s = triage.SetPublicNote(*id, *note, caller->Actor());
  if (s.code() == base::StatusCode::kNotFound) return NoSuchReport(request);
  if (!s.ok()) return FromStatus(s, request);
  return GetReport(request, caller);
}

http::Response Api::Impl::RevealContact(http::Request& request, const OptionalPrincipal& caller) {
  std::optional<int64_t> id = PathId(request);
  if (!id) return NoSuchReport(request);
  service::ReportIntake intake(store, contact_box, clock, random);
  base::Result<std::string> contact = intake.RevealContact(*id, caller->Actor());
  if (!contact.ok()) {
    if (contact.status().code() == base::StatusCode::kNotFound) return NoSuchReport(request);
    if (contact.status().code() == base::StatusCode::kFailedPrecondition) {
      // No contact: erased (the report says when) or never given.
      base::Result<service::ReportDetail> detail = triage.Get(*id);
      if (detail.ok() && detail->report.contact_erased_at) {
        return Problem(409, "contact_erased", contact.status().message(),
                       "Đã xoá thông tin liên hệ theo thời hạn lưu trữ.");
      }
      return Problem(409, "anonymous", contact.status().message(),
                     "Báo cáo ẩn danh: không có thông tin liên hệ.");
    }
    return FromStatus(contact.status(), request);
  }
  json parsed = json::parse(*contact, nullptr, false);
  json out = {{"contact", parsed.is_discarded() ? json::object() : parsed}};
  return http::Response::Json(200, Dump(out));
}

// POST /api/v1/reports/{id}/contact/erase {"reason": "..."}: erases the reporter's contact now
// (service::ContactRetention::Erase). 200 {"erased": true|false, "report": {...}}; false when
// there was nothing to erase (anonymous or already erased).
http::Response Api::Impl::EraseContact(http::Request& request, const OptionalPrincipal& caller) {
  std::optional<int64_t> id = PathId(request);
  if (!id) return NoSuchReport(request);
  auto body = ReadJsonObject(request, {"reason"});
  if (auto* refusal = std::get_if<http::Response>(&body)) return std::move(*refusal);
  base::Result<std::string> reason = EraseReasonFromJson(std::get<json>(body));
  if (!reason.ok()) return FromStatus(reason.status(), request);
  service::ContactRetention retention(store, clock);
  base::Result<bool> erased = retention.Erase(*id, *reason, caller->Actor());
  if (!erased.ok()) {
    if (erased.status().code() == base::StatusCode::kNotFound) return NoSuchReport(request);
    return FromStatus(erased.status(), request);
  }
  base::Result<service::ReportDetail> detail = triage.Get(*id);
  if (!detail.ok()) return FromStatus(detail.status(), request);
  json out = {{"erased", *erased}, {"report", ReportJson(detail->report)}};
  return http::Response::Json(200, Dump(out));
}

http::Response Api::Impl::GetEvidence(http::Request& request, const OptionalPrincipal&) {
  std::optional<int64_t> id = PathId(request);
  if (!id || evidence == nullptr) return NoSuchReport(request);
  base::Result<service::ReportDetail> detail = triage.Get(*id);
  if (!detail.ok()) {
    if (detail.status().code() == base::StatusCode::kNotFound) return NoSuchReport(request);
    return FromStatus(detail.status(), request);
  }
  const std::string_view sha = request.PathParam("sha256");
  for (const domain::EvidenceRef& ref : detail->report.evidence) {
    if (ref.sha256 != sha) continue;
    base::Result<std::string> data = evidence->Read(sha);
    if (!data.ok()) return FromStatus(data.status(), request);
    // The saved file ends in the extension of what the bytes are: a PNG that is also an HTML
    // page, uploaded as "x.html", is saved as "x.html.png" and never opens as a page.
    std::string filename = ref.filename;
    std::optional<evidence::MediaType> type = evidence::Sniff(*data);
    if (type && !filename.empty()) {
      std::string extension = ".";  // appended, not "." + ...: GCC 12 warns falsely (restrict)
      extension += type->extension;
      if (!base::AsciiLower(filename).ends_with(extension)) filename += extension;
    }
    http::Response r = http::Response::WithType(200, ref.media_type, *std::move(data));
    r.headers.Set("Content-Disposition", AttachmentHeader(filename, ref.sha256));
    r.headers.Set("Content-Security-Policy", "sandbox; default-src 'none'");
    r.headers.Set("Cache-Control", "private, no-store");
    return r;
  }
  return Problem(404, "not_found", "the report has no evidence " + std::string(sha),
                 "Báo cáo không có tệp bằng chứng này.");
}

}  // namespace binhyen::api
