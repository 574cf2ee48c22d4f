#include "app/config.h"

#include <arpa/inet.h>
#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <variant>

#include "base/strings.h"

extern char** environ;  // NOLINT: POSIX declares it nowhere in a header

namespace binhyen::app {
namespace {

// What a key's value must look like beyond its type.
enum class Check { kNone, kNonEmpty, kHostPort, kPublicUrl, kLevel, kIpList };

using Target = std::variant<std::string ServeConfig::*, int ServeConfig::*, double ServeConfig::*,
                            bool ServeConfig::*, std::vector<std::string> ServeConfig::*>;

struct Key {
  std::string_view section;
  std::string_view name;
  Target target;
  int min = 0;  // for integers
  int max = 0;
  Check check = Check::kNone;
};

using C = ServeConfig;
constexpr std::array<Key, 30> kKeys = {{
    {"server", "listen", &C::listen, 0, 0, Check::kHostPort},
    {"server", "io_threads", &C::io_threads, 0, 256},
    {"server", "worker_threads", &C::worker_threads, 0, 256},
    {"server", "trusted_proxies", &C::trusted_proxies, 0, 0, Check::kIpList},
    {"server", "public_url", &C::public_url, 0, 0, Check::kPublicUrl},
    {"server", "shutdown_grace_seconds", &C::shutdown_grace_seconds, 0, 600},
    {"server", "tls_cert", &C::tls_cert},
    {"server", "tls_key", &C::tls_key},
    {"storage", "data", &C::data, 0, 0, Check::kNonEmpty},
    {"storage", "store", &C::store},
    {"limits", "reports_per_minute", &C::reports_per_minute},
    {"limits", "reports_burst", &C::reports_burst},
    {"limits", "logins_per_minute", &C::logins_per_minute},
    {"limits", "logins_burst", &C::logins_burst},
    {"limits", "checks_per_minute", &C::checks_per_minute},
    {"limits", "checks_burst", &C::checks_burst},
    {"limits", "scans_per_minute", &C::scans_per_minute},
    {"limits", "scans_burst", &C::scans_burst},
    {"limits", "max_evidence_files", &C::max_evidence_files, 1, 50},
    {"limits", "max_evidence_file_mib", &C::max_evidence_file_mib, 1, 25},
    {"security", "session_hours", &C::session_hours, 1, 720},
    {"security", "lockout_failures", &C::lockout_failures, 1, 100},
    {"security", "lockout_minutes", &C::lockout_minutes, 1, 1440},
    {"security", "webhooks_allow_private", &C::webhooks_allow_private},
    {"security", "webhooks_ca_file", &C::webhooks_ca_file},
    {"log", "access_log", &C::access_log},
    {"log", "level", &C::level, 0, 0, Check::kLevel},
    {"privacy", "contact_retention_days", &C::contact_retention_days, 1, 36500},
    {"federation", "pull_seconds", &C::federation_pull_seconds, 1, 86400},
    {"federation", "name", &C::federation_name},
}};

constexpr std::array<std::string_view, 7> kSections = {"server", "storage", "limits",    "security",
                                                       "log",    "privacy", "federation"};

// Concatenates `parts`: instead of "literal" + std::string(...), on which GCC 12 warns falsely
// (-Wrestrict).
std::string Cat(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view part : parts) out.append(part);
  return out;
}

const Key* FindKey(std::string_view section, std::string_view name) {
  for (const Key& key : kKeys) {
    if (key.section == section && key.name == name) return &key;
  }
  return nullptr;
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string EnvName(const Key& key) { return Upper(Cat({"BINHYEN_", key.section, "_", key.name})); }

// A value from either source: a TOML node, or the text of an environment variable.
struct Input {
  const toml::node* node = nullptr;
  std::string_view text;
};

// The value as shown in an error message: 'text' for scalars, "an array" and the like otherwise.
std::string Shown(const Input& in) {
  if (in.node == nullptr) return Cat({"'", in.text, "'"});
  if (const auto* s = in.node->as_string()) return Cat({"'", s->get(), "'"});
  if (const auto* i = in.node->as_integer()) return Cat({"'", std::to_string(i->get()), "'"});
  if (const auto* b = in.node->as_boolean()) return b->get() ? "'true'" : "'false'";
  if (const auto* f = in.node->as_floating_point()) {
    std::ostringstream out;
    out << f->get();
    return Cat({"'", out.str(), "'"});
  }
  if (in.node->is_array()) return "an array";
  if (in.node->is_table()) return "a table";
  return "a date or time";
}

base::Status Expected(std::string_view what, const Input& in) {
  return base::InvalidArgumentError(Cat({"expected ", what, ", got ", Shown(in)}));
}

// --- typed values ----------------------------------------------------------------------------

base::Result<std::string> GetString(const Input& in) {
  if (in.node == nullptr) return std::string(in.text);
  if (const auto* s = in.node->as_string()) return s->get();
  return Expected("a string", in);
}

base::Result<int> GetInt(const Input& in, const Key& key) {
  const std::string range =
      Cat({"an integer ", std::to_string(key.min), "..", std::to_string(key.max)});
  int64_t value = 0;
  if (in.node != nullptr) {
    const auto* i = in.node->as_integer();
    if (i == nullptr) return Expected(range, in);
    value = i->get();
  } else {
    const char* end = in.text.data() + in.text.size();
    auto [ptr, ec] = std::from_chars(in.text.data(), end, value);
    if (ec != std::errc() || ptr != end || in.text.empty()) return Expected(range, in);
  }
  if (value < key.min || value > key.max) return Expected(range, in);
  return static_cast<int>(value);
}

base::Result<double> GetNumber(const Input& in) {
  double value = 0;
  if (in.node != nullptr) {
    if (const auto* i = in.node->as_integer()) {
      value = static_cast<double>(i->get());
    } else if (const auto* f = in.node->as_floating_point()) {
      value = f->get();
    } else {
      return Expected("a number >= 0", in);
    }
  } else {
    // strtod accepts "inf", "nan" and hex; those are refused below or are harmless numbers.
    const std::string text(in.text);
    char* end = nullptr;
    errno = 0;
    value = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size() || errno != 0 ||
        base::IsAsciiSpace(text.front())) {
      return Expected("a number >= 0", in);
    }
  }
  if (!std::isfinite(value) || value < 0) return Expected("a number >= 0", in);
  return value;
}

base::Result<bool> GetBool(const Input& in) {
  if (in.node != nullptr) {
    if (const auto* b = in.node->as_boolean()) return b->get();
  } else if (in.text == "true" || in.text == "1") {
    return true;
  } else if (in.text == "false" || in.text == "0") {
    return false;
  }
  return Expected("true or false", in);
}

base::Result<std::vector<std::string>> GetList(const Input& in) {
  std::vector<std::string> out;
  if (in.node == nullptr) {
    for (std::string_view item : base::Split(in.text, ',')) {
      item = base::TrimAscii(item);
      if (!item.empty()) out.emplace_back(item);
    }
    return out;
  }
  const auto* array = in.node->as_array();
  if (array == nullptr) return Expected("an array of strings", in);
  for (const toml::node& element : *array) {
    const auto* s = element.as_string();
    if (s == nullptr) return Expected("an array of strings", Input{&element, {}});
    out.push_back(s->get());
  }
  return out;
}

// --- checks ----------------------------------------------------------------------------------

// The canonical text of an IPv4 or IPv6 address, as the server sees a peer's address.
base::Result<std::string> CanonicalIp(const std::string& text) {
  unsigned char buffer[16];
  char out[INET6_ADDRSTRLEN];
  for (int family : {AF_INET, AF_INET6}) {
    if (::inet_pton(family, text.c_str(), buffer) == 1 &&
        ::inet_ntop(family, buffer, out, sizeof out) != nullptr) {
      return std::string(out);
    }
  }
  return Expected("an IP address", Input{nullptr, text});
}

bool IsHostChar(char c) { return base::IsAsciiAlnum(c) || c == '-' || c == '.'; }

// "" or http(s)://host[:port][/path], returned without a trailing '/'.
base::Result<std::string> CheckPublicUrl(const std::string& url) {
  if (url.empty()) return url;
  std::string_view rest = url;
  if (rest.starts_with("https://")) {
    rest.remove_prefix(8);
  } else if (rest.starts_with("http://")) {
    rest.remove_prefix(7);
  } else {
    rest = {};
  }
  const size_t slash = rest.find('/');
  const std::string_view authority = rest.substr(0, slash);
  const std::string_view path = slash == std::string_view::npos ? "" : rest.substr(slash);
  // The port is optional: "host" is checked as "host:0".
  bool ok = ParseHostPort(authority).ok() || ParseHostPort(std::string(authority) + ":0").ok();
  for (char c : path) {
    ok = ok && (IsHostChar(c) || c == '/' || c == '_' || c == '~');
  }
  if (!ok) return Expected("an http:// or https:// URL without query or fragment", {nullptr, url});
  std::string out = url;
  while (out.back() == '/') out.pop_back();
  return out;
}

base::Result<std::string> CheckString(std::string value, Check check) {
  switch (check) {
    case Check::kNonEmpty:
      if (value.empty()) return Expected("a non-empty path", {nullptr, value});
      return value;
    case Check::kHostPort: BINHYEN_RETURN_IF_ERROR(ParseHostPort(value).status()); return value;
    case Check::kPublicUrl: return CheckPublicUrl(value);
    case Check::kLevel:
      for (std::string_view level : {"trace", "debug", "info", "warn", "error"}) {
        if (value == level) return value;
      }
      return Expected("trace, debug, info, warn or error", {nullptr, value});
    case Check::kNone:
    case Check::kIpList: return value;
  }
  return value;
}

// Parses `in` for `key` and stores it into *config. Errors carry no source prefix.
base::Status Apply(const Key& key, const Input& in, ServeConfig* config) {
  struct Visitor {
    const Key& key;
    const Input& in;
    ServeConfig* config;
    base::Status operator()(std::string ServeConfig::*field) const {
      BINHYEN_ASSIGN_OR_RETURN(std::string value, GetString(in));
      BINHYEN_ASSIGN_OR_RETURN(config->*field, CheckString(std::move(value), key.check));
      return base::Status::Ok();
    }
    base::Status operator()(int ServeConfig::*field) const {
      BINHYEN_ASSIGN_OR_RETURN(config->*field, GetInt(in, key));
      return base::Status::Ok();
    }
    base::Status operator()(double ServeConfig::*field) const {
      BINHYEN_ASSIGN_OR_RETURN(config->*field, GetNumber(in));
      return base::Status::Ok();
    }
    base::Status operator()(bool ServeConfig::*field) const {
      BINHYEN_ASSIGN_OR_RETURN(config->*field, GetBool(in));
      return base::Status::Ok();
    }
    base::Status operator()(std::vector<std::string> ServeConfig::*field) const {
      BINHYEN_ASSIGN_OR_RETURN(std::vector<std::string> items, GetList(in));
      for (std::string& item : items) {
        BINHYEN_ASSIGN_OR_RETURN(item, CanonicalIp(item));
      }
      config->*field = std::move(items);
      return base::Status::Ok();
    }
  };
  return std::visit(Visitor{key, in, config}, key.target);
}

// --- sources ---------------------------------------------------------------------------------

base::Result<std::string> ReadFile(const std::string& path, const std::string& prefix) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    const int err = errno;
    if (err == ENOENT) return base::NotFoundError(prefix + "no such file");
    return base::UnavailableError(prefix + base::ErrnoMessage(err));
  }
  std::string content;
  char buffer[8192];
  size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) content.append(buffer, n);
  const bool failed = std::ferror(file) != 0;
  const int err = errno;
  std::fclose(file);
  if (failed) return base::UnavailableError(prefix + base::ErrnoMessage(err));
  return content;
}

base::Status ApplyTable(const toml::table& root, const std::string& prefix, ServeConfig* config) {
  for (const auto& [section_key, section_node] : root) {
    const std::string_view section = section_key.str();
    if (std::find(kSections.begin(), kSections.end(), section) == kSections.end()) {
      return base::InvalidArgumentError(section_node.is_table()
                                            ? Cat({prefix, "unknown section [", section, "]"})
                                            : Cat({prefix, "unknown key ", section}));
    }
    const toml::table* table = section_node.as_table();
    if (table == nullptr) {
      return base::InvalidArgumentError(Cat({prefix, "[", section, "] must be a table"}));
    }
    for (const auto& [name_key, node] : *table) {
      const std::string where = Cat({"[", section, "] ", name_key.str()});
      const Key* key = FindKey(section, name_key.str());
      if (key == nullptr) return base::InvalidArgumentError(Cat({prefix, "unknown key ", where}));
      if (base::Status s = Apply(*key, Input{&node, {}}, config); !s.ok()) {
        return base::InvalidArgumentError(Cat({prefix, where, ": ", s.message()}));
      }
    }
  }
  return base::Status::Ok();
}

base::Status ApplyFile(const std::string& path, ServeConfig* config) {
  const std::string prefix = "config " + path + ": ";
  BINHYEN_ASSIGN_OR_RETURN(const std::string content, ReadFile(path, prefix));
  toml::table root;
  try {
    root = toml::parse(content, path);
  } catch (const toml::parse_error& e) {
    const toml::source_position& at = e.source().begin;
    return base::InvalidArgumentError("config " + path + ":" + std::to_string(at.line) + ":" +
                                      std::to_string(at.column) + ": " +
                                      std::string(e.description()));
  }
  return ApplyTable(root, prefix, config);
}

base::Status ApplyEnvironment(const std::map<std::string, std::string>& env, ServeConfig* config) {
  for (const auto& [name, value] : env) {
    const Key* found = nullptr;
    for (const Key& key : kKeys) {
      if (EnvName(key) == name) found = &key;
    }
    const std::string prefix = "environment " + name + ": ";
    if (found != nullptr) {
      if (base::Status s = Apply(*found, Input{nullptr, value}, config); !s.ok()) {
        return base::InvalidArgumentError(prefix + s.message());
      }
      continue;
    }
    for (std::string_view section : kSections) {
      if (name.starts_with(Cat({"BINHYEN_", Upper(section), "_"}))) {
        return base::InvalidArgumentError(prefix + "unknown setting");
      }
    }
  }
  return base::Status::Ok();
}

}  // namespace

base::Result<ServeConfig> LoadServeConfig(std::string_view path,
                                          const std::map<std::string, std::string>& env) {
  ServeConfig config;
  if (!path.empty()) BINHYEN_RETURN_IF_ERROR(ApplyFile(std::string(path), &config));
  BINHYEN_RETURN_IF_ERROR(ApplyEnvironment(env, &config));
  return config;
}

base::Result<HostPort> ParseHostPort(std::string_view s) {
  const auto bad = [s] {
    return base::InvalidArgumentError(Cat({"expected HOST:PORT, got '", s, "'"}));
  };
  HostPort out;
  std::string_view port;
  if (s.starts_with('[')) {
    const size_t close = s.find(']');
    if (close == std::string_view::npos || s.substr(close + 1, 1) != ":") return bad();
    out.host = std::string(s.substr(1, close - 1));
    unsigned char buffer[16];
    if (::inet_pton(AF_INET6, out.host.c_str(), buffer) != 1) return bad();
    port = s.substr(close + 2);
  } else {
    const size_t colon = s.find(':');
    if (colon == std::string_view::npos || colon == 0) return bad();
    out.host = std::string(s.substr(0, colon));
    if (out.host.size() > 253 || !std::all_of(out.host.begin(), out.host.end(), IsHostChar)) {
      return bad();
    }
    port = s.substr(colon + 1);
  }
  unsigned value = 0;
  const char* end = port.data() + port.size();
  auto [ptr, ec] = std::from_chars(port.data(), end, value);
  if (port.empty() || port.size() > 5 || ec != std::errc() || ptr != end || value > 65535) {
    return bad();
  }
  out.port = static_cast<uint16_t>(value);
  return out;
}

std::map<std::string, std::string> ProcessEnvironment() {
  std::map<std::string, std::string> out;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string_view text = *entry;
    const size_t equals = text.find('=');
    if (equals == std::string_view::npos || !text.starts_with("BINHYEN_")) continue;
    out.emplace(text.substr(0, equals), text.substr(equals + 1));
  }
  return out;
}

}  // namespace binhyen::app
