// The MISP export: one event per export version, with the url, domain-ip, phone-number and
// bank-account object templates of MISP/misp-objects (uuid, version and relations as there),
// and the feed's manifest.json.
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

// A misp-objects template, as in objects/<name>/definition.json.
struct Template {
  std::string_view name;
  std::string_view uuid;
  std::string_view version;
  std::string_view meta_category;
  std::string_view description;
};

constexpr Template kUrlTemplate = {
    "url", "60efb77b-40b5-4c46-871b-ed1ed999fce5", "10", "network",
    "url object describes an url along with its normalized field (like extracted using faup "
    "parsing library) and its metadata."};
constexpr Template kDomainIpTemplate = {
    "domain-ip", "43b3b146-77eb-4931-b4cc-b66c60f28734", "11", "network",
    "A domain/hostname and IP address seen as a tuple in a specific time frame."};
constexpr Template kPhoneTemplate = {
    "phone-number", "c4b5a67c-63d2-11ec-90d6-0242ac120003", "1", "mobile",
    "Phone number based on the E.164 international public telecommunication numbering plan"};
constexpr Template kBankTemplate = {
    "bank-account", "b4712203-95a8-4883-80e9-b566f5df11c9", "3", "financial",
    "An object describing bank account information based on account description from goAML "
    "4.0."};

// One attribute of an object: (object_relation, MISP type, MISP category, value).
struct Relation {
  std::string_view relation;
  std::string_view type;
  std::string_view category;
  std::string value;
};

// "2026-11-28T22:13:22.000000+00:00", the form MISP stores first_seen/last_seen in.
std::string MispTime(base::TimePoint t) {
  std::string s = FormatRfc3339Millis(t);  // "...:22.000Z"
  s.pop_back();
  return s + "000+00:00";
}

Json Attribute(const Relation& r, const std::string& uuid, const std::string& timestamp) {
  Json a;
  a["uuid"] = uuid;
  if (!r.relation.empty()) a["object_relation"] = r.relation;
  a["type"] = r.type;
  a["category"] = r.category;
  a["value"] = r.value;
  a["to_ids"] = true;
  a["distribution"] = "5";
  a["sharing_group_id"] = "0";
  a["disable_correlation"] = false;
  a["deleted"] = false;
  a["timestamp"] = timestamp;
  a["comment"] = "";
  return a;
}

Json Object(const Template& t, const std::vector<Relation>& relations, const ExportEntry& e,
            const std::string& event_uuid) {
  const std::string key =
      event_uuid + ":" + std::string(indicator::KindName(e.kind)) + ":" + e.canonical;
  const std::string timestamp = std::to_string(UnixSeconds(std::max(e.first_seen, e.last_seen)));
  Json o;
  o["uuid"] = ExchangeUuid("misp:object:" + key);
  o["name"] = t.name;
  o["meta-category"] = t.meta_category;
  o["description"] = t.description;
  o["template_uuid"] = t.uuid;
  o["template_version"] = t.version;
  o["distribution"] = "5";
  o["sharing_group_id"] = "0";
  o["comment"] = e.category;
  o["deleted"] = false;
  o["timestamp"] = timestamp;
  o["first_seen"] = MispTime(e.first_seen);
  o["last_seen"] = MispTime(std::max(e.first_seen, e.last_seen));
  Json attributes = Json::array();
  for (const Relation& r : relations) {
    attributes.push_back(Attribute(
        r, ExchangeUuid("misp:attribute:" + key + ":" + std::string(r.relation)), timestamp));
  }
  o["Attribute"] = std::move(attributes);
  return o;
}

// The object for `e`, or null when the kind is carried as a plain attribute or not at all.
Json ObjectFor(const ExportEntry& e, const std::string& event_uuid) {
  switch (e.kind) {
    case Kind::kUrl:
      return Object(kUrlTemplate, {{"url", "url", "Network activity", e.canonical}}, e, event_uuid);
    case Kind::kDomain:
      return Object(kDomainIpTemplate, {{"domain", "domain", "Network activity", e.canonical}}, e,
                    event_uuid);
    case Kind::kIp:
      return Object(kDomainIpTemplate, {{"ip", "ip-dst", "Network activity", e.canonical}}, e,
                    event_uuid);
    case Kind::kPhone:
      return Object(kPhoneTemplate, {{"phone-number", "phone-number", "Person", e.canonical}}, e,
                    event_uuid);
    case Kind::kBankAccount: {
      // "BIN:account": the BIN (the bank's NAPAS code) is the institution code.
      const size_t colon = e.canonical.find(':');
      std::vector<Relation> relations;
      if (colon == std::string::npos) {
        relations.push_back({"account", "bank-account-nr", "Financial fraud", e.canonical});
      } else {
        relations.push_back(
            {"account", "bank-account-nr", "Financial fraud", e.canonical.substr(colon + 1)});
        relations.push_back({"institution-code", "text", "Other", e.canonical.substr(0, colon)});
      }
      return Object(kBankTemplate, relations, e, event_uuid);
    }
    case Kind::kEmail:
    case Kind::kSocial: return nullptr;
  }
  return nullptr;
}

Json Orgc(const ExportInput& input) {
  return {{"name", input.publisher}, {"uuid", ExchangeUuid("misp:org:" + input.publisher)}};
}

std::string EventInfo(const ExportInput& input) {
  return input.publisher + " – chỉ báo lừa đảo đã xác minh, phiên bản " +
         std::to_string(input.version);
}

std::string EventDate(const ExportInput& input) {
  return base::FormatRfc3339(input.generated_at).substr(0, 10);
}

// The event of `input` as MISP's JSON (the value under "Event").
Json BuildEvent(const ExportInput& input) {
  const std::string event_uuid = MispEventUuid(input);
  const std::string timestamp = std::to_string(UnixSeconds(input.generated_at));
  Json attributes = Json::array();
  Json objects = Json::array();
  for (const ExportEntry* e : SortedEntries(input)) {
    if (e->kind == Kind::kEmail) {
      const std::string key = event_uuid + ":email:" + e->canonical;
      Json a = Attribute({"", "email-src", "Payload delivery", e->canonical},
                         ExchangeUuid("misp:attribute:" + key), timestamp);
      a["comment"] = e->category;
      attributes.push_back(std::move(a));
      continue;
    }
    Json object = ObjectFor(*e, event_uuid);
    if (!object.is_null()) objects.push_back(std::move(object));
  }
  Json event;
  event["uuid"] = event_uuid;
  event["info"] = EventInfo(input);
  event["date"] = EventDate(input);
  event["timestamp"] = timestamp;
  event["publish_timestamp"] = timestamp;
  event["published"] = true;
  event["analysis"] = "2";
  event["threat_level_id"] = "2";
  event["distribution"] = "3";
  event["Orgc"] = Orgc(input);
  event["Tag"] = Json::array({{{"name", "tlp:white"}}});
  event["Attribute"] = std::move(attributes);
  event["Object"] = std::move(objects);
  return event;
}

}  // namespace

base::Result<std::string> RenderMisp(const ExportInput& input) {
  try {
    return Json{{"Event", BuildEvent(input)}}.dump() + "\n";
  } catch (const nlohmann::json::exception& e) {
    return base::InvalidArgumentError(std::string("misp export: ") + e.what());
  }
}

}  // namespace binhyen::exchange::internal

namespace binhyen::exchange {

std::string MispEventUuid(const ExportInput& input) {
  return ExchangeUuid("misp:event:" + input.publisher + ":" + std::to_string(input.version));
}

std::string RenderMispManifest(const ExportInput& input) {
  using internal::Json;
  Json entry;
  entry["Orgc"] = internal::Orgc(input);
  entry["Tag"] = Json::array({{{"name", "tlp:white"}}});
  entry["info"] = internal::EventInfo(input);
  entry["date"] = internal::EventDate(input);
  entry["analysis"] = "2";
  entry["threat_level_id"] = "2";
  entry["timestamp"] = std::to_string(internal::UnixSeconds(input.generated_at));
  // The publisher name is ours (UTF-8 by construction); replace rather than throw on bad bytes.
  return Json{{MispEventUuid(input), std::move(entry)}}.dump(
             -1, ' ', false, nlohmann::json::error_handler_t::replace) +
         "\n";
}

std::string RenderMispHashes(const ExportInput& input) {
  const internal::Json event = internal::BuildEvent(input);
  const std::string& uuid = event["uuid"].get_ref<const std::string&>();
  std::string out;
  auto add = [&](const internal::Json& attribute) {
    out.append(internal::Md5Hex(attribute["value"].get_ref<const std::string&>()))
        .append(",")
        .append(uuid)
        .append("\n");
  };
  for (const internal::Json& a : event["Attribute"]) add(a);
  for (const internal::Json& o : event["Object"]) {
    for (const internal::Json& a : o["Attribute"]) add(a);
  }
  return out;
}

}  // namespace binhyen::exchange
