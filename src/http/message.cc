#include "http/message.h"

#include <array>

#include "base/strings.h"
#include "http/cookie.h"
#include "http/status_map.h"

namespace binhyen::http {
namespace {

constexpr std::array<std::pair<Method, std::string_view>, 7> kMethodNames = {{
    {Method::kGet, "GET"},
    {Method::kHead, "HEAD"},
    {Method::kPost, "POST"},
    {Method::kPut, "PUT"},
    {Method::kPatch, "PATCH"},
    {Method::kDelete, "DELETE"},
    {Method::kOptions, "OPTIONS"},
}};

// The length of the valid UTF-8 sequence at the start of `s`, or 0 if it is not one.
size_t Utf8SequenceLength(std::string_view s) {
  const auto b0 = static_cast<unsigned char>(s[0]);
  size_t n = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4;
  } else {
    return 0;
  }
  if (s.size() < n) return 0;
  return IsValidUtf8(s.substr(0, n)) ? n : 0;
}

}  // namespace

std::string_view Name(Method method) {
  for (const auto& [m, name] : kMethodNames) {
    if (m == method) return name;
  }
  return "OTHER";
}

Method ParseMethod(std::string_view token) {
  for (const auto& [m, name] : kMethodNames) {
    if (name == token) return m;
  }
  return Method::kOther;
}

std::optional<std::string_view> Headers::Get(std::string_view name) const {
  for (const auto& [n, v] : fields_) {
    if (base::EqualsIgnoreAsciiCase(n, name)) return std::string_view(v);
  }
  return std::nullopt;
}

void Headers::Set(std::string_view name, std::string value) {
  Remove(name);
  fields_.emplace_back(std::string(name), std::move(value));
}

void Headers::Add(std::string_view name, std::string value) {
  fields_.emplace_back(std::string(name), std::move(value));
}

void Headers::Remove(std::string_view name) {
  std::erase_if(fields_,
                [name](const Field& f) { return base::EqualsIgnoreAsciiCase(f.first, name); });
}

std::optional<std::string_view> Request::Header(std::string_view name) const {
  return headers.Get(name);
}

std::optional<std::string_view> Request::Cookie(std::string_view name) const {
  // Several Cookie fields (HTTP/2 proxies may split them) are joined as RFC 9113 says.
  std::string source;
  for (const auto& [n, v] : headers.all()) {
    if (!base::EqualsIgnoreAsciiCase(n, "cookie")) continue;
    if (!source.empty()) source += "; ";
    source += v;
  }
  if (!cookies_ || source != cookie_source_) {
    cookies_ = ParseCookieHeader(source);
    cookie_source_ = std::move(source);
  }
  return FindParam(*cookies_, name);
}

std::optional<std::string_view> Request::Query(std::string_view name) const {
  return FindParam(query_params, name);
}

std::string_view Request::PathParam(std::string_view name) const {
  return FindParam(path_params, name).value_or(std::string_view());
}

std::string Request::MediaTypeName() const {
  auto value = headers.Get("content-type");
  if (!value) return "";
  std::string_view v = *value;
  v = v.substr(0, v.find(';'));
  return base::AsciiLower(base::TrimAscii(v));
}

Response Response::Json(int status, std::string body) {
  return WithType(status, "application/json; charset=utf-8", std::move(body));
}

Response Response::Html(int status, std::string body) {
  return WithType(status, "text/html; charset=utf-8", std::move(body));
}

Response Response::Text(int status, std::string body) {
  return WithType(status, "text/plain; charset=utf-8", std::move(body));
}

Response Response::WithType(int status, std::string content_type, std::string body) {
  Response r;
  r.status = status;
  r.headers.Set("Content-Type", std::move(content_type));
  r.body = std::move(body);
  return r;
}

Response Response::Redirect(int status, std::string location) {
  Response r;
  r.status = status;
  r.headers.Set("Location", std::move(location));
  return r;
}

std::string_view ProblemCode(int status) {
  switch (status) {
    case 400: return "malformed";
    case 404: return "not_found";
    case 405: return "method_not_allowed";
    case 408: return "timeout";
    case 413: return "too_large";
    case 415: return "unsupported_media_type";
    case 431: return "headers_too_large";
    case 500: return "internal";
    case 503: return "unavailable";
    default: return "error";
  }
}

Response Response::Problem(int status, std::string_view detail, std::string_view detail_vi) {
  std::string body = R"({"type":"about:blank","title":)";
  AppendJsonString(body, ReasonPhrase(status));
  body += ",\"status\":";
  body += std::to_string(status);
  body += ",\"code\":";
  AppendJsonString(body, ProblemCode(status));
  body += ",\"detail\":";
  AppendJsonString(body, detail);
  body += ",\"detail_vi\":";
  AppendJsonString(body, detail_vi);
  body += '}';
  return WithType(status, "application/problem+json", std::move(body));
}

void AppendJsonString(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const size_t n = Utf8SequenceLength(s.substr(i));
      if (n == 0) {
        out += "\\ufffd";
        ++i;
      } else {
        out.append(s.substr(i, n));
        i += n;
      }
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 0xF];
        } else {
          out += static_cast<char>(c);
        }
    }
    ++i;
  }
  out += '"';
}

}  // namespace binhyen::http
