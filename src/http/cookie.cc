#include "http/cookie.h"

#include <string>

#include "base/check.h"
#include "base/strings.h"
#include "http/media_type.h"

namespace binhyen::http {
namespace {

// RFC 6265 cookie-octet: %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E.
bool IsCookieOctet(char c) {
  auto b = static_cast<unsigned char>(c);
  return b == 0x21 || (b >= 0x23 && b <= 0x2B) || (b >= 0x2D && b <= 0x3A) ||
         (b >= 0x3C && b <= 0x5B) || (b >= 0x5D && b <= 0x7E);
}

// Optional white space of RFC 6265 (SP and HTAB only).
std::string_view TrimWs(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool IsPathValue(std::string_view path) {
  for (char c : path) {
    auto b = static_cast<unsigned char>(c);
    if (b < 0x20 || b == 0x7F || c == ';') return false;
  }
  return true;
}

}  // namespace

Params ParseCookieHeader(std::string_view header) {
  Params cookies;
  for (std::string_view pair : base::Split(header, ';')) {
    size_t eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view name = TrimWs(pair.substr(0, eq));
    std::string_view value = TrimWs(pair.substr(eq + 1));
    if (name.empty()) continue;
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    cookies.emplace_back(std::string(name), std::string(value));
  }
  return cookies;
}

bool IsCookieName(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!IsTokenChar(c)) return false;
  }
  return true;
}

bool IsCookieValue(std::string_view value) {
  for (char c : value) {
    if (!IsCookieOctet(c)) return false;
  }
  return true;
}

std::string FormatSetCookie(const SetCookie& c) {
  BINHYEN_CHECK(IsCookieName(c.name), "FormatSetCookie: cookie name is not a token");
  BINHYEN_CHECK(IsCookieValue(c.value), "FormatSetCookie: cookie value has forbidden bytes");
  BINHYEN_CHECK(IsPathValue(c.path), "FormatSetCookie: path has ';' or control characters");
  BINHYEN_CHECK(c.same_site.empty() || c.same_site == "Strict" || c.same_site == "Lax" ||
                    c.same_site == "None",
                "FormatSetCookie: SameSite must be Strict, Lax, None or empty");
  // Browsers reject SameSite=None without Secure.
  BINHYEN_CHECK(c.same_site != "None" || c.secure, "FormatSetCookie: SameSite=None needs Secure");
  std::string out = c.name + "=" + c.value;
  if (!c.path.empty()) out += "; Path=" + c.path;
  if (c.max_age) {
    long long seconds = c.max_age->count() < 0 ? 0 : static_cast<long long>(c.max_age->count());
    out += "; Max-Age=" + std::to_string(seconds);
  }
  if (c.secure) out += "; Secure";
  if (c.http_only) out += "; HttpOnly";
  if (!c.same_site.empty()) out += "; SameSite=" + c.same_site;
  return out;
}

}  // namespace binhyen::http
