#include "index/hashlist_wire.h"

#include <charconv>
#include <nlohmann/json.hpp>
#include <string>

#include "crypto/encoding.h"

namespace binhyen::index {
namespace {

using nlohmann::json;

constexpr size_t kMaxSearchRequestBytes = 64 * 1024;
constexpr auto kB64 = crypto::Base64Variant::kStandard;

std::string Bytes(std::span<const uint8_t> bytes) { return crypto::Base64Encode(bytes, kB64); }

std::string Duration(int64_t seconds) { return std::to_string(seconds) + "s"; }

base::Status Bad(std::string_view what, std::string_view why) {
  return base::InvalidArgumentError(std::string(what) + ": " + std::string(why));
}

base::Result<int64_t> ParseDuration(const json& j, const char* name) {
  if (!j.contains(name) || !j[name].is_string()) return Bad(name, "missing duration string");
  std::string text = j[name].get<std::string>();
  int64_t value = 0;
  if (text.size() < 2 || text.back() != 's') return Bad(name, "not a duration like \"300s\"");
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size() - 1, value);
  if (ec != std::errc() || end != text.data() + text.size() - 1 || value < 0) {
    return Bad(name, "not a duration like \"300s\"");
  }
  return value;
}

template <typename T>
base::Result<T> ParseInteger(const json& j, const char* name, T min, T max) {
  if (!j.contains(name) || !j[name].is_number_integer()) return Bad(name, "missing integer");
  if (j[name].is_number_unsigned()) {
    uint64_t v = j[name].get<uint64_t>();
    if (v > static_cast<uint64_t>(max)) return Bad(name, "out of range");
    return static_cast<T>(v);
  }
  int64_t v = j[name].get<int64_t>();
  if (v < static_cast<int64_t>(min) || (v > 0 && static_cast<uint64_t>(v) > uint64_t(max))) {
    return Bad(name, "out of range");
  }
  return static_cast<T>(v);
}

template <size_t N>
base::Result<std::array<uint8_t, N>> ParseFixedBytes(const json& j, const char* name) {
  if (!j.contains(name) || !j[name].is_string()) return Bad(name, "missing base64 string");
  base::Result<std::string> raw = crypto::Base64Decode(j[name].get<std::string>(), kB64);
  if (!raw.ok() || raw->size() != N)
    return Bad(name, "not base64 of " + std::to_string(N) + " bytes");
  std::array<uint8_t, N> out{};
  for (size_t i = 0; i < N; ++i) out[i] = static_cast<uint8_t>((*raw)[i]);
  return out;
}

json RiceToJson(const RiceDeltaEncoding& e) {
  return json{{"first_value", e.first_value},
              {"rice_parameter", e.rice_parameter},
              {"num_entries", e.num_entries},
              {"encoded_data", crypto::Base64Encode(e.encoded_data, kB64)}};
}

base::Result<std::optional<RiceDeltaEncoding>> ParseRice(const json& parent, const char* name) {
  if (!parent.contains(name) || parent[name].is_null()) return std::optional<RiceDeltaEncoding>();
  const json& j = parent[name];
  if (!j.is_object()) return Bad(name, "not an object");
  RiceDeltaEncoding e;
  BINHYEN_ASSIGN_OR_RETURN(e.first_value, ParseInteger<uint32_t>(j, "first_value", 0, UINT32_MAX));
  BINHYEN_ASSIGN_OR_RETURN(e.rice_parameter,
                           ParseInteger<int>(j, "rice_parameter", 0, kMaxRiceParameter));
  BINHYEN_ASSIGN_OR_RETURN(e.num_entries, ParseInteger<uint32_t>(j, "num_entries", 0, UINT32_MAX));
  if (!j.contains("encoded_data") || !j["encoded_data"].is_string()) {
    return Bad("encoded_data", "missing base64 string");
  }
  BINHYEN_ASSIGN_OR_RETURN(e.encoded_data,
                           crypto::Base64Decode(j["encoded_data"].get<std::string>(), kB64));
  return std::optional<RiceDeltaEncoding>(std::move(e));
}

base::Result<json> ParseObject(std::string_view text, std::string_view what) {
  json j = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return Bad(what, "not a JSON object");
  return j;
}

base::Result<HashListKind> ParseListMember(const json& j) {
  if (!j.contains("list") || !j["list"].is_string()) return Bad("list", "missing string");
  std::optional<HashListKind> kind = ParseHashListName(j["list"].get<std::string>());
  if (!kind) return Bad("list", "unknown list");
  return *kind;
}

base::Result<HashMatch> ParseMatch(const json& m) {
  if (!m.is_object()) return Bad("matches", "an item is not an object");
  HashMatch match;
  BINHYEN_ASSIGN_OR_RETURN(match.list, ParseListMember(m));
  BINHYEN_ASSIGN_OR_RETURN(match.full_hash, ParseFixedBytes<32>(m, "full_hash"));
  if (!m.contains("category") || !m["category"].is_string()) return Bad("category", "missing");
  match.category = m["category"].get<std::string>();
  BINHYEN_ASSIGN_OR_RETURN(match.first_seen,
                           ParseInteger<int64_t>(m, "first_seen", INT64_MIN, INT64_MAX));
  // "verdict" is optional (absent: dangerous).
  if (m.contains("verdict")) {
    if (!m["verdict"].is_string()) return Bad("verdict", "not a string");
    const std::string verdict = m["verdict"].get<std::string>();
    if (verdict != "dangerous" && verdict != "suspicious") {
      return Bad("verdict", "must be dangerous or suspicious");
    }
    match.suspicious = verdict == "suspicious";
  }
  return match;
}

}  // namespace

std::string HashListUpdateToJson(const HashListUpdate& update) {
  json j{{"list", HashListName(update.list)}, {"version", update.version}, {"full", update.full}};
  if (update.additions) j["additions"] = RiceToJson(*update.additions);
  if (update.removals) j["removals"] = RiceToJson(*update.removals);
  j["checksum"] = Bytes(update.checksum);
  j["minimum_wait_duration"] = Duration(update.minimum_wait_seconds);
  return j.dump();
}

base::Result<HashListUpdate> ParseHashListUpdateJson(std::string_view text) {
  BINHYEN_ASSIGN_OR_RETURN(json j, ParseObject(text, "hash list update"));
  HashListUpdate u;
  BINHYEN_ASSIGN_OR_RETURN(u.list, ParseListMember(j));
  BINHYEN_ASSIGN_OR_RETURN(u.version, ParseInteger<int64_t>(j, "version", 0, INT64_MAX));
  if (!j.contains("full") || !j["full"].is_boolean()) return Bad("full", "missing boolean");
  u.full = j["full"].get<bool>();
  BINHYEN_ASSIGN_OR_RETURN(u.additions, ParseRice(j, "additions"));
  BINHYEN_ASSIGN_OR_RETURN(u.removals, ParseRice(j, "removals"));
  BINHYEN_ASSIGN_OR_RETURN(u.checksum, ParseFixedBytes<32>(j, "checksum"));
  BINHYEN_ASSIGN_OR_RETURN(u.minimum_wait_seconds, ParseDuration(j, "minimum_wait_duration"));
  return u;
}

std::string HashSearchRequestToJson(std::span<const uint32_t> prefixes) {
  json list = json::array();
  for (uint32_t p : prefixes) {
    std::array<uint8_t, 4> b = {static_cast<uint8_t>(p >> 24), static_cast<uint8_t>(p >> 16),
                                static_cast<uint8_t>(p >> 8), static_cast<uint8_t>(p)};
    list.push_back(Bytes(b));
  }
  return json{{"prefixes", std::move(list)}}.dump();
}

base::Result<std::vector<uint32_t>> ParseHashSearchRequestJson(std::string_view text) {
  if (text.size() > kMaxSearchRequestBytes) {
    return base::PayloadTooLargeError("hashes:search: body over 64 KiB");
  }
  BINHYEN_ASSIGN_OR_RETURN(json j, ParseObject(text, "hashes:search request"));
  if (!j.contains("prefixes") || !j["prefixes"].is_array()) return Bad("prefixes", "missing array");
  const json& items = j["prefixes"];
  if (items.size() > kMaxSearchPrefixes) {
    return Bad("prefixes", "at most " + std::to_string(kMaxSearchPrefixes) + " allowed");
  }
  std::vector<uint32_t> prefixes;
  prefixes.reserve(items.size());
  for (const json& item : items) {
    json wrapper{{"prefix", item}};
    BINHYEN_ASSIGN_OR_RETURN(auto b, ParseFixedBytes<4>(wrapper, "prefix"));
    prefixes.push_back(uint32_t{b[0]} << 24 | uint32_t{b[1]} << 16 | uint32_t{b[2]} << 8 | b[3]);
  }
  return prefixes;
}

std::string HashSearchResultToJson(const HashSearchResult& result) {
  json matches = json::array();
  for (const HashMatch& m : result.matches) {
    matches.push_back(json{{"list", HashListName(m.list)},
                           {"full_hash", Bytes(m.full_hash)},
                           {"category", m.category},
                           {"first_seen", m.first_seen},
                           {"verdict", m.suspicious ? "suspicious" : "dangerous"}});
  }
  json j{{"matches", std::move(matches)},
         {"cache_duration", Duration(result.cache_duration_seconds)},
         {"negative_cache_duration", Duration(result.negative_cache_duration_seconds)}};
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

base::Result<HashSearchResult> ParseHashSearchResultJson(std::string_view text) {
  BINHYEN_ASSIGN_OR_RETURN(json j, ParseObject(text, "hashes:search answer"));
  HashSearchResult r;
  if (!j.contains("matches") || !j["matches"].is_array()) return Bad("matches", "missing array");
  for (const json& m : j["matches"]) {
    BINHYEN_ASSIGN_OR_RETURN(HashMatch match, ParseMatch(m));
    r.matches.push_back(std::move(match));
  }
  BINHYEN_ASSIGN_OR_RETURN(r.cache_duration_seconds, ParseDuration(j, "cache_duration"));
  BINHYEN_ASSIGN_OR_RETURN(r.negative_cache_duration_seconds,
                           ParseDuration(j, "negative_cache_duration"));
  return r;
}

base::Result<int64_t> ParseSinceParameter(std::string_view text) {
  if (text.empty()) return int64_t{0};
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0) {
    return Bad("since", "not a version number");
  }
  return value;
}

}  // namespace binhyen::index
