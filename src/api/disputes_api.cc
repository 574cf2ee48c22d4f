// Disputes: filed and followed by code by anyone who believes a listing is wrong; listed, read,
// resolved (accepting delists the indicator) and the claimant's contact revealed by analysts.

#include <utility>

#include "api/body_decoders.h"
#include "api/internal/api_impl.h"
#include "api/json_body.h"
#include "api/json_views.h"
#include "api/problem.h"
#include "base/strings.h"
#include "service/field_errors.h"

namespace binhyen::api {
namespace {

using nlohmann::json;

http::Response NoSuchDispute(const http::Request& request) {
  return Problem(404, "not_found", "no dispute " + std::string(request.PathParam("id")),
                 "Không tìm thấy khiếu nại.");
}

std::string_view StatusLabelVi(domain::DisputeStatus s) {
  switch (s) {
    case domain::DisputeStatus::kOpen: return "Đang xem xét";
    case domain::DisputeStatus::kAccepted: return "Đã chấp nhận: đã gỡ khỏi danh sách cảnh báo";
    case domain::DisputeStatus::kRejected: return "Không chấp nhận: vẫn giữ cảnh báo";
  }
  return "";
}

std::string_view StatusLabelEn(domain::DisputeStatus s) {
  switch (s) {
    case domain::DisputeStatus::kOpen: return "Under review";
    case domain::DisputeStatus::kAccepted: return "Accepted: removed from the warning lists";
    case domain::DisputeStatus::kRejected: return "Rejected: the listing stays";
  }
  return "";
}

// The short form of a dispute in analysts' lists (no reason, no contact).
json DisputeSummaryJson(const domain::Dispute& d, std::string code) {
  return {{"id", d.id},
          {"code", std::move(code)},
          {"kind", std::string(indicator::KindName(d.kind))},
          {"canonical", d.canonical},
          {"status", std::string(domain::Name(d.status))},
          {"created_at", TimeJson(d.created_at)},
          {"resolved_at", OptionalTimeJson(d.resolved_at)}};
}

// Everything an analyst sees of a dispute (never the contact ciphertext).
json DisputeJson(const domain::Dispute& d, std::string code) {
  json j = DisputeSummaryJson(d, std::move(code));
  j["reason"] = d.reason;
  j["resolution"] = d.resolution;
  j["resolved_by_user_id"] = d.resolved_by_user_id ? json(*d.resolved_by_user_id) : json(nullptr);
  return j;
}

base::Result<std::optional<domain::DisputeStatus>> StatusParam(const http::Request& request,
                                                               store::PageRequest& page) {
  service::FieldErrors errors;
  std::optional<domain::DisputeStatus> status;
  for (const auto& [name, value] : request.query_params) {
    if (value.empty()) continue;
    if (name == "status") {
      status = domain::ParseDisputeStatus(value);
      if (!status) errors.Add("status", "unknown status '" + value + "'");
    } else if (name == "page") {
      page.after = value;
    } else if (name == "limit") {
      int64_t limit = 0;
      if (!base::ParseInt64(value, limit) || limit < 1 || limit > 200) {
        errors.Add("limit", "must be between 1 and 200");
      } else {
        page.limit = static_cast<int>(limit);
      }
    } else {
      errors.Add(name, "unknown field");
    }
  }
  BINHYEN_RETURN_IF_ERROR(errors.ToStatus());
  return status;
}

}  // namespace

http::Response Api::Impl::FileDispute(http::Request& request, const OptionalPrincipal& caller) {
  if (auto refused = RateLimit(dispute_limiter, "disputes", request)) return *refused;
  auto body = ReadJsonObject(request, {"kind", "value", "bank", "reason", "contact"});
  if (auto* refusal = std::get_if<http::Response>(&body)) return std::move(*refusal);
  base::Result<service::DisputeFiling> filing = DisputeFilingFromJson(std::get<json>(body));
  if (!filing.ok()) return FromStatus(filing.status(), request);
  base::Result<service::DisputeReceipt> receipt =
      disputes.File(*filing, caller ? caller->Actor() : "public");
  if (!receipt.ok()) return FromStatus(receipt.status(), request);
  const std::string status_url = "/api/v1/disputes/status/" + receipt->code;
  // Listed by us (the store says so) or by an imported source (only the index knows): what the
  // check API answers for it. Unconfirmed indicators are in neither. A delisted record answers
  // from the store, which the index may not have caught up with yet.
  bool listed = receipt->listed;
  if (!listed && !receipt->delisted) {
    const index::Verdict verdict =
        reputation.view()->Check(receipt->kind, receipt->canonical, filing->bank).verdict;
    listed = verdict == index::Verdict::kDangerous || verdict == index::Verdict::kSuspicious;
  }
  json out = {{"id", receipt->id},
              {"code", receipt->code},
              {"status", std::string(domain::Name(receipt->status))},
              {"kind", std::string(indicator::KindName(receipt->kind))},
              {"canonical", receipt->canonical},
              {"listed", listed},
              {"status_url", status_url}};
  http::Response r = http::Response::Json(201, Dump(out));
  r.headers.Set("Location", status_url);
  return r;
}

http::Response Api::Impl::GetDisputeStatus(http::Request& request, const OptionalPrincipal&) {
  if (auto refused = RateLimit(receipt_limiter, "dispute_status", request)) return *refused;
  base::Result<service::DisputeView> view = disputes.Status(request.PathParam("code"));
  if (!view.ok()) {
    if (view.status().code() == base::StatusCode::kNotFound) {
      return Problem(404, "not_found", view.status().message(),
                     "Không tìm thấy khiếu nại với mã này. Hãy kiểm tra lại mã.");
    }
    if (view.status().code() == base::StatusCode::kInvalidArgument) {
      return Problem(400, "invalid_code", view.status().message(),
                     "Mã khiếu nại không đúng dạng (ví dụ: KN-42-7K3M-9QX2).");
    }
    return FromStatus(view.status(), request);
  }
  json out = {
      {"code", view->code},
      {"kind", std::string(indicator::KindName(view->kind))},
      {"canonical", view->canonical},
      {"status", std::string(domain::Name(view->status))},
      {"status_label", {{"vi", StatusLabelVi(view->status)}, {"en", StatusLabelEn(view->status)}}},
      {"created_at", TimeJson(view->created_at)},
      {"resolved_at", OptionalTimeJson(view->resolved_at)}};
  if (view->status != domain::DisputeStatus::kOpen) out["resolution"] = view->resolution;
  return http::Response::Json(200, Dump(out));
}

http::Response Api::Impl::ListDisputes(http::Request& request, const OptionalPrincipal&) {
  store::PageRequest page;
  base::Result<std::optional<domain::DisputeStatus>> status = StatusParam(request, page);
  if (!status.ok()) return FromStatus(status.status(), request);
  base::Result<store::Page<domain::Dispute>> listed = disputes.List(*status, page);
  if (!listed.ok()) return FromStatus(listed.status(), request);
  json items = json::array();
  for (const domain::Dispute& d : listed->items) {
    items.push_back(DisputeSummaryJson(d, disputes.CodeOf(d.id)));
  }
  return http::Response::Json(200, Dump({{"items", std::move(items)}, {"next", listed->next}}));
}

http::Response Api::Impl::GetDispute(http::Request& request, const OptionalPrincipal&) {
  std::optional<int64_t> id = PathId(request);
  if (!id) return NoSuchDispute(request);
  base::Result<service::DisputeDetail> detail = disputes.Get(*id);
  if (!detail.ok()) {
    if (detail.status().code() == base::StatusCode::kNotFound) return NoSuchDispute(request);
    return FromStatus(detail.status(), request);
  }
  json out = DisputeJson(detail->dispute, detail->code);
  out["has_contact"] = detail->has_contact;
  out["indicator"] = detail->indicator ? IndicatorRecordJson(*detail->indicator) : json(nullptr);
  return http::Response::Json(200, Dump(out));
}

http::Response Api::Impl::ResolveDispute(http::Request& request, const OptionalPrincipal& caller) {
  std::optional<int64_t> id = PathId(request);
  if (!id) return NoSuchDispute(request);
  auto body = ReadJsonObject(request, {"to", "resolution"});
  if (auto* refusal = std::get_if<http::Response>(&body)) return std::move(*refusal);
  base::Result<DisputeResolutionBody> resolve = DisputeResolutionFromJson(std::get<json>(body));
  if (!resolve.ok()) return FromStatus(resolve.status(), request);
  base::Result<service::DisputeResolution> out =
      disputes.Resolve(*id, resolve->to, resolve->resolution, caller->user_id, caller->Actor());
  if (!out.ok()) {
    if (out.status().code() == base::StatusCode::kNotFound) return NoSuchDispute(request);
    if (out.status().code() == base::StatusCode::kFailedPrecondition) {
      return Problem(409, "already_resolved", out.status().message(),
                     "Khiếu nại này đã được giải quyết trước đó.");
    }
    return FromStatus(out.status(), request);
  }
  json reply = {
      {"dispute", DisputeJson(out->dispute, disputes.CodeOf(*id))},
      {"indicator", out->indicator ? IndicatorRecordJson(*out->indicator) : json(nullptr)}};
  return http::Response::Json(200, Dump(reply));
}

http::Response Api::Impl::RevealDisputeContact(http::Request& request,
                                               const OptionalPrincipal& caller) {
  std::optional<int64_t> id = PathId(request);
  if (!id) return NoSuchDispute(request);
  base::Result<std::string> contact = disputes.RevealContact(*id, caller->Actor());
  if (!contact.ok()) {
    if (contact.status().code() == base::StatusCode::kNotFound) return NoSuchDispute(request);
    if (contact.status().code() == base::StatusCode::kFailedPrecondition) {
      return Problem(409, "no_contact", contact.status().message(),
                     "Người khiếu nại không để lại thông tin liên hệ.");
    }
    return FromStatus(contact.status(), request);
  }
  json parsed = json::parse(*contact, nullptr, false);
  return http::Response::Json(200,
                              Dump({{"contact", parsed.is_discarded() ? json::object() : parsed}}));
}

}  // namespace binhyen::api
