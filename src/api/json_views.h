#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "domain/enums.h"
#include "domain/indicator_record.h"
#include "domain/report.h"
#include "service/auth.h"
#include "service/people.h"
#include "service/report_intake.h"
#include "service/triage.h"

namespace binhyen::api {

// JSON forms of the API's objects. Times are RFC 3339 UTC with microseconds when non-zero.
nlohmann::json TimeJson(base::TimePoint t);
nlohmann::json OptionalTimeJson(const std::optional<base::TimePoint>& t);

// {"kind", "canonical", "raw"}
nlohmann::json IndicatorJson(const domain::ReportIndicator& indicator);
// {"sha256", "media_type", "size", "filename", "href"} (href only for analysts: report_id > 0)
nlohmann::json EvidenceJson(const domain::EvidenceRef& evidence, int64_t report_id);
// Everything an analyst sees of a report (never the contact ciphertext).
nlohmann::json ReportJson(const domain::Report& report);
// The short form of a report in lists.
nlohmann::json ReportSummaryJson(const domain::Report& report);
// An entry of the reputation set.
nlohmann::json IndicatorRecordJson(const domain::IndicatorRecord& record);
// The answer to a filed report. `for_analyst` adds the ids of related reports.
nlohmann::json ReceiptJson(const service::Receipt& receipt, bool for_analyst);
// The follow-up view of a report by its receipt code (no personal data).
nlohmann::json ReportViewJson(const service::ReportView& view);
// A person of a unit: {"id", "name", "position", "unit", "unit_name", "created_at", "left_at"},
// with "phone" and "email" only when the caller may see contacts (p.contact_visible).
nlohmann::json PersonJson(const service::PersonView& p);
// {"name", "role", "unit", "permissions": [...], "via"}
nlohmann::json PrincipalJson(const service::Principal& principal);

// The status as a reporter reads it.
std::string_view StatusLabelVi(domain::ReportStatus status);
std::string_view StatusLabelEn(domain::ReportStatus status);

// Serialises for a response body; invalid UTF-8 becomes U+FFFD instead of throwing.
std::string Dump(const nlohmann::json& j);

}  // namespace binhyen::api
