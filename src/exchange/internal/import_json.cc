// JSON formats: PhishTank JSON, ChongLuaDao, STIX 2.1 bundles and MISP events.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "base/strings.h"
#include "domain/enums.h"
#include "exchange/internal/import_parsers.h"

namespace binhyen::exchange::internal {
namespace {

using Json = nlohmann::json;

base::Result<Json> ParseJson(std::string_view text, std::string_view format) {
  text = StripBom(text);
  try {
    return Json::parse(text.begin(), text.end());
  } catch (const Json::exception& e) {
    return base::InvalidArgumentError("not " + std::string(format) + " JSON: " + e.what());
  }
}

std::string_view StringField(const Json& obj, const char* key) {
  if (!obj.is_object()) return {};
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_string()) return {};
  return it->get_ref<const std::string&>();
}

std::string CategoryName(std::string_view value) {
  std::string lower = base::AsciiLower(base::TrimAscii(value));
  return domain::ParseCategory(lower) ? lower : std::string();
}

// "http://host/path*" -> {host} when the path is "/" or "/*" (the whole site), else nullopt.
std::optional<std::string_view> WholeSiteHost(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return std::nullopt;
  std::string_view rest = url.substr(scheme + 3);
  size_t slash = rest.find('/');
  if (slash == std::string_view::npos) return rest;
  std::string_view path = rest.substr(slash);
  if (path == "/" || path == "/*") return rest.substr(0, slash);
  return std::nullopt;
}

// ChongLuaDao "type": categories of domain::Category, or nullopt for types that are not scams
// (bad_sensitive_content: adult or gambling content) and are skipped.
std::optional<std::string> ChongLuaDaoCategory(std::string_view type) {
  if (type == "phishing" || type == "impersonate_fake") return std::string("phishing");
  if (type == "dangerous_link") return std::string("malware");
  if (type == "bad_sensitive_content") return std::nullopt;
  return CategoryName(type);  // "scam" and unknown types: the importer's default
}

// ---- STIX -------------------------------------------------------------------------------------

struct StixComparison {
  std::string object_type;  // "url", "domain-name", ...
  std::string value;
};

// The "<type>:value = '<literal>'" comparisons of a STIX pattern.
std::vector<StixComparison> StixValues(std::string_view pattern) {
  std::vector<StixComparison> out;
  size_t pos = 0;
  while ((pos = pattern.find(":value", pos)) != std::string_view::npos) {
    size_t type_start = pos;
    while (type_start > 0 &&
           (base::IsAsciiAlnum(pattern[type_start - 1]) || pattern[type_start - 1] == '-')) {
      --type_start;
    }
    std::string type(pattern.substr(type_start, pos - type_start));
    size_t i = pos + 6;
    pos = i;
    while (i < pattern.size() && pattern[i] == ' ') ++i;
    if (i >= pattern.size() || pattern[i] != '=') continue;
    ++i;
    while (i < pattern.size() && pattern[i] == ' ') ++i;
    if (i >= pattern.size() || pattern[i] != '\'') continue;
    std::string value;
    for (++i; i < pattern.size() && pattern[i] != '\''; ++i) {
      if (pattern[i] == '\\' && i + 1 < pattern.size()) ++i;
      value.push_back(pattern[i]);
    }
    out.push_back({std::move(type), std::move(value)});
    pos = i;
  }
  return out;
}

std::string StixCategory(const Json& obj) {
  for (const char* key : {"labels", "indicator_types"}) {
    auto it = obj.find(key);
    if (it == obj.end() || !it->is_array()) continue;
    for (const Json& v : *it) {
      if (!v.is_string()) continue;
      std::string name = CategoryName(v.get<std::string>());
      if (!name.empty()) return name;
    }
  }
  return "";
}

bool StixHasType(const Json& obj, std::string_view type) {
  auto it = obj.find("indicator_types");
  if (it == obj.end() || !it->is_array()) return false;
  for (const Json& v : *it) {
    if (v.is_string() && v.get_ref<const std::string&>() == type) return true;
  }
  return false;
}

base::Status StixIndicator(const Json& obj, size_t n, FeedBuilder& b) {
  std::string_view pattern_type = StringField(obj, "pattern_type");
  if ((!pattern_type.empty() && pattern_type != "stix") || StixHasType(obj, "benign") ||
      (obj.contains("revoked") && obj["revoked"].is_boolean() && obj["revoked"].get<bool>())) {
    b.Skip();
    return base::Status::Ok();
  }
  std::string_view pattern = StringField(obj, "pattern");
  if (pattern.empty()) return b.Error(n, "STIX indicator without a pattern");
  std::string category = StixCategory(obj);
  bool any = false;
  for (const StixComparison& c : StixValues(pattern)) {
    any = true;
    if (c.object_type == "url") {
      BINHYEN_RETURN_IF_ERROR(b.AddUrl(c.value, category, n));
    } else if (c.object_type == "domain-name") {
      BINHYEN_RETURN_IF_ERROR(b.AddHost(c.value, category, n));
    } else if (c.object_type == "ipv4-addr" || c.object_type == "ipv6-addr") {
      if (c.value.find('/') != std::string::npos) {
        BINHYEN_RETURN_IF_ERROR(
            b.Error(n, "IP address ranges are not supported: " + Quote(c.value)));
      } else {
        BINHYEN_RETURN_IF_ERROR(b.AddIp(c.value, category, n));
      }
    } else if (c.object_type == "email-addr") {
      BINHYEN_RETURN_IF_ERROR(b.AddKind(indicator::Kind::kEmail, c.value, category, n));
    } else {
      any = false;
    }
  }
  if (!any) b.Skip();  // file hashes and other observables of no interest
  return base::Status::Ok();
}

// ---- MISP -------------------------------------------------------------------------------------

std::string MispTagCategory(const Json& holder) {
  auto it = holder.find("Tag");
  if (it == holder.end() || !it->is_array()) return "";
  for (const Json& tag : *it) {
    std::string name = base::AsciiLower(StringField(tag, "name"));
    if (name.find("phishing") != std::string::npos) return "phishing";
    if (name.find("malware") != std::string::npos ||
        name.find("malicious-code") != std::string::npos) {
      return "malware";
    }
    size_t eq = name.find("=\"");
    if (eq != std::string::npos && name.back() == '"') {
      std::string value = CategoryName(name.substr(eq + 2, name.size() - eq - 3));
      if (!value.empty()) return value;
    }
  }
  return "";
}

// The first non-empty category of: the comment, the tags, `fallback`.
std::string MispCategory(const Json& holder, const std::string& fallback) {
  std::string c = CategoryName(StringField(holder, "comment"));
  if (c.empty()) c = MispTagCategory(holder);
  return c.empty() ? fallback : c;
}

bool MispDeleted(const Json& a) {
  auto it = a.find("deleted");
  return it != a.end() && it->is_boolean() && it->get<bool>();
}

// Adds one MISP attribute; sets *used when its type is one we read.
base::Status MispAttribute(const Json& a, const std::string& category, size_t n, FeedBuilder& b,
                           bool* used) {
  std::string type(StringField(a, "type"));
  std::string_view value = StringField(a, "value");
  std::string_view first = value.substr(0, value.find('|'));
  *used = true;
  if (type == "url" || type == "uri") return b.AddUrl(value, category, n);
  if (type == "domain" || type == "hostname" || type == "hostname|port") {
    return b.AddHost(first, category, n);
  }
  if (type == "ip-dst" || type == "ip-src" || type == "ip-dst|port" || type == "ip-src|port") {
    return b.AddIp(first, category, n);
  }
  if (type == "domain|ip") {
    BINHYEN_RETURN_IF_ERROR(b.AddHost(first, category, n));
    return b.AddIp(value.substr(std::min(value.size(), first.size() + 1)), category, n);
  }
  if (type == "phone-number") return b.AddKind(indicator::Kind::kPhone, value, category, n);
  if (type == "email-src" || type == "email-dst" || type == "email") {
    return b.AddKind(indicator::Kind::kEmail, value, category, n);
  }
  *used = false;
  return base::Status::Ok();
}

base::Status MispObject(const Json& obj, const std::string& event_category, size_t n,
                        FeedBuilder& b) {
  std::string category = MispCategory(obj, event_category);
  auto attrs = obj.find("Attribute");
  if (attrs == obj.end() || !attrs->is_array()) return b.Error(n, "MISP object without attributes");
  std::string account;
  std::string institution;
  bool any = false;
  for (const Json& a : *attrs) {
    if (MispDeleted(a)) continue;
    std::string_view relation = StringField(a, "object_relation");
    if (StringField(a, "type") == "bank-account-nr") {
      account = StringField(a, "value");
      continue;
    }
    if (relation == "institution-code" || relation == "swift") {
      if (institution.empty()) institution = StringField(a, "value");
      continue;
    }
    bool used = false;
    BINHYEN_RETURN_IF_ERROR(MispAttribute(a, MispCategory(a, category), n, b, &used));
    any = any || used;
  }
  if (!account.empty()) {
    any = true;
    std::string value = institution.empty() ? account : institution + " " + account;
    BINHYEN_RETURN_IF_ERROR(b.AddKind(indicator::Kind::kBankAccount, value, category, n));
  }
  if (!any) b.Skip();
  return base::Status::Ok();
}

base::Status MispEvent(const Json& event, size_t* n, FeedBuilder& b) {
  std::string event_category = MispTagCategory(event);
  if (auto it = event.find("Attribute"); it != event.end() && it->is_array()) {
    for (const Json& a : *it) {
      BINHYEN_RETURN_IF_ERROR(b.StartLine(++*n));
      bool used = false;
      if (!MispDeleted(a)) {
        BINHYEN_RETURN_IF_ERROR(MispAttribute(a, MispCategory(a, event_category), *n, b, &used));
      }
      if (!used) b.Skip();
    }
  }
  if (auto it = event.find("Object"); it != event.end() && it->is_array()) {
    for (const Json& o : *it) {
      BINHYEN_RETURN_IF_ERROR(b.StartLine(++*n));
      if (MispDeleted(o)) {
        b.Skip();
        continue;
      }
      BINHYEN_RETURN_IF_ERROR(MispObject(o, event_category, *n, b));
    }
  }
  return base::Status::Ok();
}

// The events of a MISP document: {"Event":{}}, {"response":[{"Event":{}}]}, [{"Event":{}}], or
// a bare event object with "Attribute"/"Object".
std::vector<const Json*> MispEvents(const Json& doc) {
  std::vector<const Json*> out;
  auto add = [&](const Json& item) {
    if (!item.is_object()) return;
    if (auto it = item.find("Event"); it != item.end() && it->is_object()) {
      out.push_back(&*it);
    } else if (item.contains("Attribute") || item.contains("Object")) {
      out.push_back(&item);
    }
  };
  if (doc.is_array()) {
    for (const Json& item : doc) add(item);
  } else if (doc.is_object() && doc.contains("response") && doc["response"].is_array()) {
    for (const Json& item : doc["response"]) add(item);
  } else {
    add(doc);
  }
  return out;
}

}  // namespace

base::Status ParsePhishTankJson(std::string_view text, FeedBuilder& builder) {
  BINHYEN_ASSIGN_OR_RETURN(Json doc, ParseJson(text, "PhishTank"));
  if (!doc.is_array()) return base::InvalidArgumentError("PhishTank JSON: expected an array");
  size_t n = 0;
  for (const Json& item : doc) {
    BINHYEN_RETURN_IF_ERROR(builder.StartLine(++n));
    std::string_view url = StringField(item, "url");
    if (url.empty()) {
      BINHYEN_RETURN_IF_ERROR(builder.Error(n, "element without a \"url\" string"));
      continue;
    }
    if (StringField(item, "verified") == "no") {
      builder.Skip();
      continue;
    }
    BINHYEN_RETURN_IF_ERROR(builder.AddUrl(url, "phishing", n));
  }
  return base::Status::Ok();
}

base::Status ParseChongLuaDao(std::string_view text, FeedBuilder& builder) {
  BINHYEN_ASSIGN_OR_RETURN(Json doc, ParseJson(text, "ChongLuaDao"));
  if (!doc.is_array()) return base::InvalidArgumentError("ChongLuaDao JSON: expected an array");
  size_t n = 0;
  for (const Json& item : doc) {
    BINHYEN_RETURN_IF_ERROR(builder.StartLine(++n));
    std::string_view url = StringField(item, "url");
    if (url.empty()) {
      BINHYEN_RETURN_IF_ERROR(builder.Error(n, "element without a \"url\" string"));
      continue;
    }
    std::optional<std::string> category = ChongLuaDaoCategory(StringField(item, "type"));
    if (!category) {
      builder.Skip();
      continue;
    }
    if (std::optional<std::string_view> host = WholeSiteHost(url)) {
      BINHYEN_RETURN_IF_ERROR(builder.AddHost(*host, *category, n, /*allow_ip=*/true));
      continue;
    }
    if (url.size() > 1 && url.substr(url.size() - 2) == "/*") url.remove_suffix(1);
    BINHYEN_RETURN_IF_ERROR(builder.AddUrl(url, *category, n));
  }
  return base::Status::Ok();
}

base::Status ParseStix(std::string_view text, FeedBuilder& builder) {
  BINHYEN_ASSIGN_OR_RETURN(Json doc, ParseJson(text, "STIX"));
  if (!doc.is_object() || StringField(doc, "type") != "bundle" || !doc.contains("objects") ||
      !doc["objects"].is_array()) {
    return base::InvalidArgumentError(
        "not a STIX 2.1 bundle (expected {\"type\": \"bundle\", "
        "\"objects\": [...]})");
  }
  size_t n = 0;
  for (const Json& obj : doc["objects"]) {
    BINHYEN_RETURN_IF_ERROR(builder.StartLine(++n));
    if (StringField(obj, "type") != "indicator") {
      builder.Skip();
      continue;
    }
    BINHYEN_RETURN_IF_ERROR(StixIndicator(obj, n, builder));
  }
  return base::Status::Ok();
}

base::Status ParseMisp(std::string_view text, FeedBuilder& builder) {
  BINHYEN_ASSIGN_OR_RETURN(Json doc, ParseJson(text, "MISP"));
  std::vector<const Json*> events = MispEvents(doc);
  if (events.empty()) {
    return base::InvalidArgumentError(
        "not a MISP event (expected {\"Event\": {...}}, a list of them or {\"response\": [...]})");
  }
  size_t n = 0;
  for (const Json* event : events) BINHYEN_RETURN_IF_ERROR(MispEvent(*event, &n, builder));
  return base::Status::Ok();
}

}  // namespace binhyen::exchange::internal
