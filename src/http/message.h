#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/form.h"

namespace binhyen::http {

// The request methods the router knows; anything else is kOther (answered 405 or 404).
enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };

// "GET", "HEAD", ... ; "OTHER" for kOther.
std::string_view Name(Method method);

// The method for an exact, case-sensitive method token ("GET"); kOther for anything else.
Method ParseMethod(std::string_view token);

// An ordered list of header fields. Names keep the case they were given but are compared
// case-insensitively (ASCII). Thread safety: a value type; confine to one thread.
class Headers {
 public:
  using Field = std::pair<std::string, std::string>;

  // The value of the first field called `name`, or nullopt. The view points into this object.
  std::optional<std::string_view> Get(std::string_view name) const;
  // True when a field called `name` is present.
  bool Has(std::string_view name) const { return Get(name).has_value(); }
  // Replaces every field called `name` with one field (appended at the end).
  void Set(std::string_view name, std::string value);
  // Appends a field, keeping earlier ones of the same name (e.g. several Set-Cookie).
  void Add(std::string_view name, std::string value);
  // Removes every field called `name`.
  void Remove(std::string_view name);

  const std::vector<Field>& all() const { return fields_; }
  bool empty() const { return fields_.empty(); }

 private:
  std::vector<Field> fields_;
};

// One HTTP request as a handler sees it. The server fills every field before the handler runs.
// Thread safety: confine to one thread (Cookie() caches the parsed Cookie header).
struct Request {
  Method method = Method::kGet;
  std::string target;   // as received: "/api/v1/reports?status=received"
  std::string path;     // target before '?', raw (not percent-decoded)
  std::string query;    // after '?', raw
  Params query_params;  // parsed with ParseUrlEncoded (a malformed query is a 400 earlier)
  Headers headers;
  std::string body;
  Params path_params;  // from the route pattern, percent-decoded
  std::string route;   // the matched pattern, e.g. "/api/v1/reports/{id}" (logs, metrics)
  std::string request_id;
  std::string client_ip;  // the peer, or the last X-Forwarded-For hop of a trusted proxy
  bool secure = false;    // came over TLS, or a trusted proxy sent X-Forwarded-Proto: https

  // Same as headers.Get(name).
  std::optional<std::string_view> Header(std::string_view name) const;
  // The first cookie called `name` in the Cookie header(s) (ParseCookieHeader), or nullopt.
  // The view stays valid while this request lives and its Cookie header is not changed.
  std::optional<std::string_view> Cookie(std::string_view name) const;
  // The first query parameter called `name` (decoded), or nullopt.
  std::optional<std::string_view> Query(std::string_view name) const;
  // The decoded path parameter `name`; "" when the route has no such parameter.
  std::string_view PathParam(std::string_view name) const;
  // Content-Type's "type/subtype" lower-cased without parameters; "" when there is none.
  std::string MediaTypeName() const;

 private:
  mutable std::optional<Params> cookies_;  // parsed on first Cookie() call
  mutable std::string cookie_source_;      // the header text cookies_ was parsed from
};

// One HTTP response. The server adds X-Request-Id, the security headers a handler did not set
// (X-Content-Type-Options, X-Frame-Options, Referrer-Policy, Cache-Control), Content-Length and
// Connection. Thread safety: a value type.
struct Response {
  int status = 200;
  Headers headers;
  std::string body;

  // application/json; charset=utf-8
  static Response Json(int status, std::string body);
  // text/html; charset=utf-8
  static Response Html(int status, std::string body);
  // text/plain; charset=utf-8
  static Response Text(int status, std::string body);
  static Response WithType(int status, std::string content_type, std::string body);
  // A redirect (use 303 after a POST, 302 otherwise) to `location`, with an empty body.
  static Response Redirect(int status, std::string location);
  // An RFC 9457 application/problem+json body:
  // {"type":"about:blank","title":<ReasonPhrase(status)>,"status":N,"code":<reason>,
  //  "detail":<detail>,"detail_vi":<detail_vi>}, where code is ProblemCode(status). `detail` is
  //  English, `detail_vi` Vietnamese (with diacritics).
  static Response Problem(int status, std::string_view detail, std::string_view detail_vi);
};

// The stable machine-readable `code` of a problem with HTTP status `status` when nothing more
// precise is known: "malformed" (400), "unauthenticated" (401), "forbidden" (403), "not_found",
// "method_not_allowed", "timeout" (408), "conflict" (409), "too_large" (413),
// "unsupported_media_type" (415), "invalid_fields" (422), "rate_limited" (429),
// "headers_too_large" (431), "internal" (500), "unavailable" (503), else "error".
std::string_view ProblemCode(int status);

// Appends `s` to `out` as a JSON string literal (with the quotes). Control characters are
// escaped; bytes that are not valid UTF-8 become U+FFFD, so the output is always valid JSON.
void AppendJsonString(std::string& out, std::string_view s);

}  // namespace binhyen::http
