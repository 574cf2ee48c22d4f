// Sign-in and sign-out: the JSON routes and the HTML form.

#include <optional>
#include <utility>

#include "api/internal/api_impl.h"
#include "api/json_body.h"
#include "api/json_views.h"
#include "api/problem.h"
#include "base/strings.h"
#include "crypto/compare.h"
#include "http/cookie.h"

namespace binhyen::api {
namespace {

using nlohmann::json;

std::string HtmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

// Only a local path may follow sign-in ("/reports"), never another site ("//evil", "https:").
std::string SafeNext(std::string_view next) {
  if (next.empty() || next[0] != '/' || next.starts_with("//") ||
      next.find('\\') != std::string_view::npos || next.find_first_of("\r\n") != next.npos) {
    return "/";
  }
  return std::string(next);
}

struct LoginFailure {
  int status;
  std::string_view code;
  std::string_view vi;
};

// The answer to each refusal reason of service::Authenticator::Login; nullopt for other errors
// (a store failure is not a refused sign-in).
std::optional<LoginFailure> DescribeFailure(const base::Status& s) {
  if (s.code() != base::StatusCode::kUnauthenticated &&
      s.code() != base::StatusCode::kResourceExhausted &&
      s.code() != base::StatusCode::kFailedPrecondition) {
    return std::nullopt;
  }
  const std::string& m = s.message();
  auto is = [&](std::string_view reason) { return m.starts_with(std::string(reason) + ":"); };
  if (is(service::kReasonTotpRequired)) {
    return LoginFailure{401, service::kReasonTotpRequired,
                        "Nhập mã 6 chữ số từ ứng dụng xác thực của bạn."};
  }
  if (is(service::kReasonTotpWrong)) {
    return LoginFailure{401, service::kReasonTotpWrong,
                        "Mã xác thực không đúng hoặc đã được dùng."};
  }
  if (is(service::kReasonLocked)) {
    return LoginFailure{429, service::kReasonLocked,
                        "Đăng nhập sai quá nhiều lần. Tài khoản tạm khoá, vui lòng thử lại sau."};
  }
  if (is(service::kReasonTotpNotEnrolled)) {
    return LoginFailure{
        403, service::kReasonTotpNotEnrolled,
        "Tài khoản này cần xác thực hai lớp nhưng chưa được thiết lập. Hãy liên hệ quản trị "
        "viên."};
  }
  return LoginFailure{401, service::kReasonCredentials, "Sai tên đăng nhập hoặc mật khẩu."};
}

// The session cookie (HttpOnly, SameSite=Lax) and the CSRF cookie (readable by the page's script,
// SameSite=Strict) of a new session.
void SetSessionCookies(http::Response& r, const service::LoginResult& result, bool secure,
                       std::chrono::hours ttl) {
  const auto max_age = std::chrono::duration_cast<std::chrono::seconds>(ttl);
  r.headers.Add("Set-Cookie",
                http::FormatSetCookie({std::string(kSessionCookie), result.session_token, "/",
                                       max_age, true, secure, "Lax"}));
  r.headers.Add("Set-Cookie", http::FormatSetCookie({std::string(kCsrfCookie), result.csrf_token,
                                                     "/", max_age, false, secure, "Strict"}));
}

// The sign-in page looks like the portal's pages (its stylesheet, header and card) and carries
// the portal's Content-Security-Policy: no inline script or style.
constexpr std::string_view kLoginPageHead = R"(<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Đăng nhập · Bình Yên</title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/site.css">
</head><body class="console">
<a class="skip" href="#main">Bỏ qua điều hướng</a>
<header class="site"><div class="bar">
<a class="brand" href="/"><img src="/static/favicon.svg" alt="" width="28" height="28"> Bình Yên <span class="tag">Quản trị</span></a>
</div></header>
<main id="main" tabindex="-1"><section class="card narrow login">
<h1>Đăng nhập <span class="en" lang="en">· Sign in</span></h1>
)";

constexpr std::string_view kPortalCsp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

// An HTML answer of the sign-in form with the portal's security headers.
http::Response LoginHtml(int status, std::string html) {
  http::Response r = http::Response::Html(status, std::move(html));
  r.headers.Set("Content-Security-Policy", std::string(kPortalCsp));
  r.headers.Set("Cache-Control", "no-store");
  r.headers.Set("X-Robots-Tag", "noindex");
  return r;
}

}  // namespace

http::Response Api::Impl::Login(http::Request& request, const OptionalPrincipal&) {
  if (auto refused = RateLimit(login_limiter, "login", request)) return *refused;
  auto body = ReadJsonObject(request, {"name", "password", "totp"});
  if (auto* refusal = std::get_if<http::Response>(&body)) return std::move(*refusal);
  const json& j = std::get<json>(body);
  service::LoginRequest login;
  auto str = [&](const char* name) {
    auto it = j.find(name);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  login.name = str("name");
  login.password = str("password");
  login.totp_code = str("totp");
  login.previous_session_token = std::string(request.Cookie(kSessionCookie).value_or(""));
  base::Result<service::LoginResult> result = auth.Login(login);
  if (!result.ok()) {
    std::optional<LoginFailure> f = DescribeFailure(result.status());
    if (!f) return FromStatus(result.status(), request);
    logins.WithLabels({f->code}).Inc();
    return Problem(f->status, f->code, result.status().message(), f->vi);
  }
  logins.WithLabels({"ok"}).Inc();
  json out = {{"user", PrincipalJson(result->principal)},
              {"csrf_token", result->csrf_token},
              {"expires_at", TimeJson(result->expires_at)}};
  http::Response r = http::Response::Json(200, Dump(out));
  SetSessionCookies(r, *result, SecureCookies(request), options.session_ttl);
  return r;
}

namespace {

void ClearSessionCookies(http::Response& r, bool secure) {
  for (std::string_view name : {kSessionCookie, kCsrfCookie}) {
    r.headers.Add("Set-Cookie",
                  http::FormatSetCookie({std::string(name), "x", "/", std::chrono::seconds(0),
                                         name == kSessionCookie, secure, "Lax"}));
  }
}

}  // namespace

http::Response Api::Impl::Logout(http::Request& request, const OptionalPrincipal&) {
  base::Status s = auth.Logout(request.Cookie(kSessionCookie).value_or(""));
  if (!s.ok()) return FromStatus(s, request);
  http::Response r;
  r.status = 204;
  ClearSessionCookies(r, SecureCookies(request));
  return r;
}

http::Response Api::Impl::Session(http::Request&, const OptionalPrincipal& caller) {
  return http::Response::Json(200, Dump(json{{"user", PrincipalJson(*caller)}}));
}

namespace {

std::string LoginPageHtml(std::string_view csrf, std::string_view next, std::string_view name,
                          std::string_view error_vi, std::string_view error_en) {
  std::string html(kLoginPageHead);
  if (!error_vi.empty()) {
    html += "<div class=\"alert\" role=\"alert\"><p>" + HtmlEscape(error_vi) +
            " <span class=\"en\" lang=\"en\">" + HtmlEscape(error_en) + "</span></p></div>\n";
  }
  html += "<form method=\"post\" action=\"/login\">\n";
  html += "<input type=\"hidden\" name=\"csrf_token\" value=\"" + HtmlEscape(csrf) + "\">\n";
  html += "<input type=\"hidden\" name=\"next\" value=\"" + HtmlEscape(next) + "\">\n";
  html +=
      "<label for=\"name\">Tên đăng nhập <span class=\"hint\" lang=\"en\">User name</span>"
      "</label>\n";
  html +=
      "<input type=\"text\" id=\"name\" name=\"name\" autocomplete=\"username\" "
      "autocapitalize=\"none\" spellcheck=\"false\" required value=\"" +
      HtmlEscape(name) + "\">\n";
  html +=
      "<label for=\"password\">Mật khẩu <span class=\"hint\" lang=\"en\">Password</span>"
      "</label>\n";
  html +=
      "<input id=\"password\" name=\"password\" type=\"password\" "
      "autocomplete=\"current-password\" required>\n";
  html +=
      "<label for=\"totp\">Mã xác thực (TOTP) <span class=\"hint\">6 chữ số từ ứng dụng xác "
      "thực, bắt buộc với cán bộ xác minh và quản trị. <span lang=\"en\">One-time code "
      "(analysts, admins)</span></span></label>\n";
  html +=
      "<input type=\"text\" id=\"totp\" name=\"totp\" inputmode=\"numeric\" "
      "autocomplete=\"one-time-code\" pattern=\"[0-9]*\" maxlength=\"8\">\n";
  html +=
      "<p><button type=\"submit\" class=\"wide\">Đăng nhập</button></p>\n</form>\n"
      "<p class=\"small\"><a href=\"/\">Về trang chủ <span lang=\"en\">(home)</span></a>"
      "</p>\n</section></main></body></html>\n";
  return html;
}

}  // namespace

http::Response Api::Impl::LoginPage(http::Request& request, const OptionalPrincipal&) {
  std::string csrf;
  {
    std::string token = std::string(request.Cookie(kLoginCsrfCookie).value_or(""));
    csrf =
        http::IsCookieValue(token) && token.size() >= 32 ? token : crypto::RandomToken(random, 32);
  }
  http::Response r = LoginHtml(
      200, LoginPageHtml(csrf, SafeNext(request.Query("next").value_or("/")), "", "", ""));
  r.headers.Add("Set-Cookie", http::FormatSetCookie({std::string(kLoginCsrfCookie), csrf, "/login",
                                                     std::chrono::seconds(3600), true,
                                                     SecureCookies(request), "Strict"}));
  return r;
}

http::Response Api::Impl::LoginForm(http::Request& request, const OptionalPrincipal&) {
  if (request.MediaTypeName() != "application/x-www-form-urlencoded") {
    return Problem(415, "unsupported_media_type", "send the sign-in form",
                   "Kiểu dữ liệu không được hỗ trợ.");
  }
  base::Result<http::Params> fields = http::ParseUrlEncoded(request.body);
  if (!fields.ok()) return Malformed(fields.status().message(), "Dữ liệu biểu mẫu không hợp lệ.");
  auto field = [&](std::string_view name) {
    return std::string(http::FindParam(*fields, name).value_or(""));
  };
  const std::string next = SafeNext(field("next"));
  const std::string csrf = field("csrf_token");
  const std::string cookie = std::string(request.Cookie(kLoginCsrfCookie).value_or(""));
  if (csrf.empty() || !crypto::ConstantTimeEquals(csrf, cookie)) {
    return http::Response::Redirect(303, "/login?next=" + http::UrlEncode(next));
  }
  auto page = [&](int status, std::string_view vi, std::string_view en) {
    return LoginHtml(status, LoginPageHtml(csrf, next, field("name"), vi, en));
  };
  if (auto refused = RateLimit(login_limiter, "login", request)) {
    return page(429, "Bạn thao tác quá nhanh. Vui lòng thử lại sau ít phút.",
                "Too many attempts; try again in a few minutes.");
  }
  service::LoginRequest login{field("name"), field("password"), field("totp"),
                              std::string(request.Cookie(kSessionCookie).value_or(""))};
  base::Result<service::LoginResult> result = auth.Login(login);
  if (!result.ok()) {
    std::optional<LoginFailure> f = DescribeFailure(result.status());
    if (!f) return FromStatus(result.status(), request);
    logins.WithLabels({f->code}).Inc();
    return page(f->status, f->vi, result.status().message());
  }
  logins.WithLabels({"ok"}).Inc();
  http::Response r = http::Response::Redirect(303, next);
  SetSessionCookies(r, *result, SecureCookies(request), options.session_ttl);
  return r;
}

http::Response Api::Impl::LogoutForm(http::Request& request, const OptionalPrincipal&) {
  base::Status s = auth.Logout(request.Cookie(kSessionCookie).value_or(""));
  if (!s.ok()) return FromStatus(s, request);
  http::Response r = http::Response::Redirect(303, "/login");
  ClearSessionCookies(r, SecureCookies(request));
  return r;
}

}  // namespace binhyen::api
