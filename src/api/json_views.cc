#include "api/json_views.h"

#include <algorithm>

#include "service/permissions.h"
#include "text/utf8.h"

namespace binhyen::api {

using nlohmann::json;

namespace {

// At most this many bytes of a description in lists (cut at a character boundary).
constexpr size_t kExcerptBytes = 240;

std::string Excerpt(std::string_view s) {
  if (s.size() <= kExcerptBytes) return std::string(s);
  size_t end = kExcerptBytes;
  // Back up to the start of a UTF-8 sequence.
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return std::string(s.substr(0, end)) + "…";
}

}  // namespace

json TimeJson(base::TimePoint t) { return base::FormatRfc3339(t); }

json OptionalTimeJson(const std::optional<base::TimePoint>& t) {
  return t ? TimeJson(*t) : json(nullptr);
}

json IndicatorJson(const domain::ReportIndicator& indicator) {
  return {{"kind", std::string(indicator::KindName(indicator.kind))},
          {"canonical", indicator.canonical},
          {"raw", indicator.raw}};
}

json EvidenceJson(const domain::EvidenceRef& evidence, int64_t report_id) {
  json j = {{"sha256", evidence.sha256},
            {"media_type", evidence.media_type},
            {"size", evidence.size},
            {"filename", evidence.filename}};
  if (report_id > 0) {
    j["href"] = "/api/v1/reports/" + std::to_string(report_id) + "/evidence/" + evidence.sha256;
  }
  return j;
}

json ReportJson(const domain::Report& report) {
  json indicators = json::array();
  for (const auto& i : report.indicators) indicators.push_back(IndicatorJson(i));
  json evidence = json::array();
  for (const auto& e : report.evidence) evidence.push_back(EvidenceJson(e, report.id));
  return {{"id", report.id},
          {"receipt", report.receipt_code},
          {"channel", std::string(domain::Name(report.channel))},
          {"category", std::string(domain::Name(report.category))},
          {"status", std::string(domain::Name(report.status))},
          {"description", report.description},
          {"occurred_at", OptionalTimeJson(report.occurred_at)},
          {"loss_vnd", report.loss_vnd},
          {"ward", report.ward},
          {"anonymous", !report.contact_ciphertext && !report.contact_erased_at},
          // Set when the contact was erased (retention or an analyst): not anonymous, but gone.
          {"contact_erased_at", OptionalTimeJson(report.contact_erased_at)},
          {"assignee_user_id",
           report.assignee_user_id ? json(*report.assignee_user_id) : json(nullptr)},
          {"duplicate_of", report.duplicate_of ? json(*report.duplicate_of) : json(nullptr)},
          {"public_note", report.public_note},
          {"linked_report_ids", report.linked_report_ids},
          {"indicators", std::move(indicators)},
          {"evidence", std::move(evidence)},
          {"created_at", TimeJson(report.created_at)},
          {"updated_at", TimeJson(report.updated_at)}};
}

json ReportSummaryJson(const domain::Report& report) {
  return {{"id", report.id},
          {"receipt", report.receipt_code},
          {"category", std::string(domain::Name(report.category))},
          {"status", std::string(domain::Name(report.status))},
          {"ward", report.ward},
          {"excerpt", Excerpt(report.description)},
          {"indicators", report.indicators.size()},
          {"evidence", report.evidence.size()},
          {"linked", report.linked_report_ids.size()},
          {"assignee_user_id",
           report.assignee_user_id ? json(*report.assignee_user_id) : json(nullptr)},
          {"created_at", TimeJson(report.created_at)},
          {"updated_at", TimeJson(report.updated_at)}};
}

json IndicatorRecordJson(const domain::IndicatorRecord& record) {
  json sources = json::array();
  for (const auto& s : record.sources) {
    sources.push_back({{"source", s.source}, {"trust_level", s.trust_level}});
  }
  return {{"kind", std::string(indicator::KindName(record.kind))},
          {"canonical", record.canonical},
          {"category", std::string(domain::Name(record.category))},
          {"severity", std::string(domain::Name(record.severity))},
          {"status", std::string(domain::Name(record.status))},
          {"first_seen", TimeJson(record.first_seen)},
          {"last_seen", TimeJson(record.last_seen)},
          {"expires_at", OptionalTimeJson(record.expires_at)},
          {"sources", std::move(sources)},
          {"version", record.version}};
}

json ReceiptJson(const service::Receipt& receipt, bool for_analyst) {
  json indicators = json::array();
  for (const auto& i : receipt.indicators) indicators.push_back(IndicatorJson(i));
  json related = json::array();
  for (const service::RelatedGroup& g : receipt.related) {
    json item;
    if (g.reason == service::RelatedGroup::Reason::kSharedIndicator) {
      item["reason"] = "shared_indicator";
      if (g.indicator) {
        item["indicator"] = {{"kind", std::string(indicator::KindName(g.indicator->kind))},
                             {"canonical", g.indicator->canonical}};
      }
    } else {
      item["reason"] = "similar_text";
    }
    item["reports"] = g.report_ids.size();
    if (g.more) item["more"] = true;
    if (for_analyst) item["report_ids"] = g.report_ids;
    related.push_back(std::move(item));
  }
  json evidence = json::array();
  for (const auto& e : receipt.evidence) evidence.push_back(EvidenceJson(e, 0));
  json j = {{"id", receipt.id},
            {"receipt", receipt.receipt_code},
            {"status", std::string(domain::Name(receipt.status))},
            {"indicators", std::move(indicators)},
            {"related", std::move(related)},
            {"evidence", std::move(evidence)},
            {"extracted_not_kept", receipt.extracted_not_kept},
            {"follow", "/api/v1/receipts/" + receipt.receipt_code}};
  if (for_analyst) j["linked_report_ids"] = receipt.linked_report_ids;
  return j;
}

json ReportViewJson(const service::ReportView& view) {
  return {{"receipt", view.receipt_code},
          {"status", std::string(domain::Name(view.status))},
          {"status_label", std::string(StatusLabelVi(view.status))},
          {"status_label_en", std::string(StatusLabelEn(view.status))},
          {"category", std::string(domain::Name(view.category))},
          {"created_at", TimeJson(view.created_at)},
          {"updated_at", TimeJson(view.updated_at)},
          {"public_note", view.public_note}};
}

json PrincipalJson(const service::Principal& principal) {
  json permissions = json::array();
  for (service::Permission p : service::AllPermissions()) {
    if (principal.Can(p)) permissions.push_back(std::string(service::ScopeName(p)));
  }
  return {{"name", principal.name},
          {"role", std::string(domain::Name(principal.role))},
          {"unit", principal.unit},
          {"via", principal.via == service::Principal::Via::kToken ? "token" : "session"},
          {"permissions", std::move(permissions)}};
}

std::string_view StatusLabelVi(domain::ReportStatus status) {
  switch (status) {
    case domain::ReportStatus::kReceived: return "Đã tiếp nhận";
    case domain::ReportStatus::kTriaging: return "Đang xác minh";
    case domain::ReportStatus::kConfirmed: return "Đã xác minh: đúng là lừa đảo / vi phạm";
    case domain::ReportStatus::kRejected: return "Đã xem xét: không xác nhận";
    case domain::ReportStatus::kDuplicate: return "Trùng với một báo cáo đã có";
  }
  return "";
}

std::string_view StatusLabelEn(domain::ReportStatus status) {
  switch (status) {
    case domain::ReportStatus::kReceived: return "Received";
    case domain::ReportStatus::kTriaging: return "Being verified";
    case domain::ReportStatus::kConfirmed: return "Verified: confirmed as a scam / violation";
    case domain::ReportStatus::kRejected: return "Reviewed: not confirmed";
    case domain::ReportStatus::kDuplicate: return "Duplicate of an existing report";
  }
  return "";
}

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

nlohmann::json PersonJson(const service::PersonView& p) {
  nlohmann::json j = {{"id", p.id},
                      {"name", p.name},
                      {"position", p.position},
                      {"unit", p.unit_code},
                      {"unit_name", p.unit_name},
                      {"created_at", TimeJson(p.created_at)},
                      {"left_at", OptionalTimeJson(p.left_at)}};
  if (p.contact_visible) {
    j["phone"] = p.phone ? nlohmann::json(*p.phone) : nlohmann::json(nullptr);
    j["email"] = p.email ? nlohmann::json(*p.email) : nlohmann::json(nullptr);
  }
  return j;
}

}  // namespace binhyen::api
