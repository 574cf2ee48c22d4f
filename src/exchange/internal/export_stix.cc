// The STIX 2.1 export: one bundle with the publisher's identity and one indicator per entry.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>

#include "base/status.h"
#include "exchange/internal/export_common.h"

namespace binhyen::exchange::internal {
namespace {

using indicator::Kind;
using Json = nlohmann::ordered_json;

// A fixed creation time for the identity object, so that every export carries the same version
// of it (STIX versions objects by (id, modified)).
constexpr std::string_view kIdentityCreated = "2026-01-01T00:00:00.000Z";

// A STIX pattern string literal: quotes and backslashes escaped (STIX 2.1 patterning, 9.2).
std::string PatternLiteral(std::string_view value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

// The cyber-observable object path the entry is matched on, or "" when STIX has none.
std::string_view ObjectPath(const ExportEntry& e) {
  switch (e.kind) {
    case Kind::kUrl: return "url:value";
    case Kind::kDomain: return "domain-name:value";
    case Kind::kIp:
      return e.canonical.find(':') == std::string::npos ? "ipv4-addr:value" : "ipv6-addr:value";
    case Kind::kEmail: return "email-addr:value";
    case Kind::kPhone:
    case Kind::kBankAccount:
    case Kind::kSocial: return "";
  }
  return "";
}

Json Indicator(const ExportEntry& e, std::string_view path, const std::string& identity_id,
               const ExportInput& input) {
  const base::TimePoint modified = std::max(e.first_seen, e.last_seen);
  const std::string kind(indicator::KindName(e.kind));
  Json j;
  j["type"] = "indicator";
  j["spec_version"] = "2.1";
  j["id"] = "indicator--" + ExchangeUuid("stix:indicator:" + kind + ":" + e.canonical);
  j["created_by_ref"] = identity_id;
  j["created"] = FormatRfc3339Millis(e.first_seen);
  j["modified"] = FormatRfc3339Millis(modified);
  j["name"] = e.canonical;
  std::string description = input.publisher + ": " + kind;
  if (!e.category.empty()) description += ", " + e.category;
  if (!e.severity.empty()) description += ", severity " + e.severity;
  j["description"] = description;
  j["indicator_types"] = Json::array({"malicious-activity"});
  std::string pattern = "[";
  pattern.append(path).append(" = ").append(PatternLiteral(e.canonical)).append("]");
  j["pattern"] = std::move(pattern);
  j["pattern_type"] = "stix";
  j["pattern_version"] = "2.1";
  j["valid_from"] = FormatRfc3339Millis(e.first_seen);
  // STIX requires valid_until > valid_from; an earlier expiry is left out.
  if (e.expires_at && *e.expires_at > e.first_seen) {
    j["valid_until"] = FormatRfc3339Millis(*e.expires_at);
  }
  if (!e.category.empty()) j["labels"] = Json::array({e.category});
  if (!e.warning_url.empty()) {
    j["external_references"] =
        Json::array({{{"source_name", input.publisher}, {"url", e.warning_url}}});
  }
  return j;
}

}  // namespace

base::Result<std::string> RenderStix(const ExportInput& input) {
  const std::string identity_id = "identity--" + ExchangeUuid("stix:identity:" + input.publisher);
  Json identity;
  identity["type"] = "identity";
  identity["spec_version"] = "2.1";
  identity["id"] = identity_id;
  identity["created"] = kIdentityCreated;
  identity["modified"] = kIdentityCreated;
  identity["name"] = input.publisher;
  identity["identity_class"] = "organization";
  if (!input.base_url.empty()) identity["contact_information"] = input.base_url;

  Json objects = Json::array({identity});
  for (const ExportEntry* e : SortedEntries(input)) {
    const std::string_view path = ObjectPath(*e);
    if (!path.empty()) objects.push_back(Indicator(*e, path, identity_id, input));
  }
  Json bundle;
  bundle["type"] = "bundle";
  bundle["id"] = "bundle--" + ExchangeUuid("stix:bundle:" + input.publisher + ":" +
                                           std::to_string(input.version));
  bundle["objects"] = std::move(objects);
  try {
    return bundle.dump() + "\n";
  } catch (const nlohmann::json::exception& e) {
    return base::InvalidArgumentError(std::string("stix export: ") + e.what());
  }
}

}  // namespace binhyen::exchange::internal
