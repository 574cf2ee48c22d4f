#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "http/form.h"

namespace binhyen::http {

// Parses a Cookie request header ("a=1; b=2") leniently, as browsers and RFC 6265 section 5.4
// suggest: pairs are separated by ';', optional white space around names and values is
// trimmed, a value in double quotes has the quotes stripped, pairs without '=' or with an empty
// name are skipped. Duplicates are kept in order (the first one is the most specific path, as
// browsers send them). Never fails.
Params ParseCookieHeader(std::string_view header);

// A cookie the server sets. Defaults are the safe ones for a session cookie.
struct SetCookie {
  std::string name{};
  std::string value{};
  std::string path = "/";
  std::optional<std::chrono::seconds> max_age{};  // nullopt: a session cookie
  bool http_only = true;
  bool secure = false;
  std::string same_site = "Lax";  // "Strict", "Lax", "None", or "" to omit the attribute
};

// True when `name` is an RFC 6265 cookie-name (an RFC 9110 token, non-empty).
bool IsCookieName(std::string_view name);
// True when `value` is made only of RFC 6265 cookie-octets (may be empty).
bool IsCookieValue(std::string_view value);

// The value of a Set-Cookie header, e.g. "sid=abc; Path=/; Max-Age=3600; HttpOnly;
// SameSite=Lax". REQUIRES (BINHYEN_CHECK, these are our own values): IsCookieName(c.name),
// IsCookieValue(c.value), path has no ';' or control characters, same_site is one of the four
// allowed values. A negative max_age is written as Max-Age=0 (delete the cookie).
std::string FormatSetCookie(const SetCookie& c);

}  // namespace binhyen::http
