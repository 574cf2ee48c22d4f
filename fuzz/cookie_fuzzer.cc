// Fuzzes the Cookie header parser and the Content-Type parser (the header parsers of http/):
//   * ParseCookieHeader never fails; names are non-empty, contain neither ';' nor '=', and
//     have no white space at either end; values contain no ';';
//   * every parsed pair that is a valid cookie-name/cookie-value formats into a Set-Cookie
//     whose first pair parses back to it;
//   * a parsed media type is "type/subtype" in lower case with lower-case parameter names,
//     and writing it back (values quoted and escaped) parses to the same MediaType.
// A broken invariant calls __builtin_trap().
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "http/cookie.h"
#include "http/media_type.h"

namespace {

namespace http = binhyen::http;

void Check(bool condition) {
  if (!condition) __builtin_trap();
}

bool IsWs(char c) { return c == ' ' || c == '\t'; }

bool HasUpper(std::string_view s) {
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') return true;
  }
  return false;
}

void CheckCookies(std::string_view input) {
  for (const auto& [name, value] : http::ParseCookieHeader(input)) {
    Check(!name.empty());
    Check(name.find_first_of(";=") == std::string::npos);
    Check(!IsWs(name.front()) && !IsWs(name.back()));
    Check(value.find(';') == std::string::npos);
    if (!http::IsCookieName(name) || !http::IsCookieValue(value)) continue;
    http::SetCookie c;
    c.name = name;
    c.value = value;
    std::string header = http::FormatSetCookie(c);
    auto back = http::ParseCookieHeader(std::string_view(header).substr(0, header.find(';')));
    Check(back.size() == 1 && back[0].first == name && back[0].second == value);
  }
}

void CheckMediaType(std::string_view input) {
  auto parsed = http::ParseMediaType(input);
  if (!parsed.ok()) return;
  size_t slash = parsed->type.find('/');
  Check(slash != std::string::npos && slash > 0 && slash + 1 < parsed->type.size());
  Check(!HasUpper(parsed->type));
  std::string written = parsed->type;
  for (const auto& [name, value] : parsed->params) {
    Check(!name.empty() && !HasUpper(name));
    written.append("; ").append(name).append("=\"");
    for (char c : value) {
      if (c == '"' || c == '\\') written.push_back('\\');
      written.push_back(c);
    }
    written.push_back('"');
  }
  auto again = http::ParseMediaType(written);
  Check(again.ok());
  Check(again->type == parsed->type && again->params == parsed->params);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  CheckCookies(input);
  CheckMediaType(input);
  return 0;
}
