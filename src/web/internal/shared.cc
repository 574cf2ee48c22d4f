#include <utility>

#include "crypto/compare.h"
#include "http/cookie.h"
#include "http/media_type.h"
#include "web/internal/web_impl.h"

namespace binhyen::web::internal {
namespace {

// The public forms' double-submit cookie. HttpOnly (the token is written into the form by the
// server) and SameSite=Strict, so another site can neither read nor send it.
constexpr std::string_view kFormCookie = "by_form";

bool LooksLikeToken(std::string_view s) {
  if (s.size() < 32 || s.size() > 64) return false;
  for (char c : s) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

Shared::Shared(WebServices services, WebOptions options)
    : services_(std::move(services)),
      options_(std::move(options)),
      report_limiter_(services_.clock, options_.report_limit,
                      {options_.rate_limit_sync, "web.report"}),
      check_limiter_(services_.clock, options_.check_limit,
                     {options_.rate_limit_sync, "web.check"}),
      dispute_limiter_(services_.clock, options_.dispute_limit,
                       {options_.rate_limit_sync, "web.dispute"}) {}

PageContext Shared::Context(const http::Request& request) const {
  return NewContext(request, SecureCookies(request));
}

std::string Shared::NewToken() {
  std::lock_guard lock(random_mu_);
  return crypto::RandomToken(services_.random, crypto::kTokenBytes);
}

void Shared::IssueFormToken(const http::Request& request, PageContext& context) {
  std::optional<std::string_view> cookie = request.Cookie(kFormCookie);
  if (cookie && LooksLikeToken(*cookie)) {
    context.csrf_token = std::string(*cookie);
    return;
  }
  context.csrf_token = NewToken();
  context.set_cookies.push_back(
      http::FormatSetCookie({std::string(kFormCookie), context.csrf_token, "/", std::nullopt, true,
                             SecureCookies(request), "Strict"}));
}

bool Shared::FormTokenValid(const http::Request& request, const FormData& form) const {
  std::optional<std::string_view> cookie = request.Cookie(kFormCookie);
  std::string_view field = form.Field(service::kCsrfField);
  return cookie && LooksLikeToken(*cookie) && crypto::ConstantTimeEquals(*cookie, field);
}

std::optional<http::Response> Shared::RequireUser(const http::Request& request,
                                                  PageContext& context,
                                                  service::Permission permission) {
  std::optional<std::string_view> session = request.Cookie(service::kSessionCookie);
  base::Result<service::Principal> principal =
      session ? services_.auth.AuthenticateSession(*session)
              : base::Result<service::Principal>(base::UnauthenticatedError("no session"));
  if (!principal.ok()) {
    std::string next = request.path;
    if (!request.query.empty()) next += "?" + request.query;
    return http::Response::Redirect(303, "/login?next=" + http::UrlEncode(next));
  }
  context.user = *std::move(principal);
  context.csrf_token = std::string(request.Cookie(service::kCsrfCookie).value_or(""));
  if (!context.user->Can(permission)) {
    return ErrorPage(context, 403, "Không có quyền truy cập", "Access denied",
                     "Tài khoản của bạn không có quyền xem trang này.",
                     "Your account may not open this page.");
  }
  return std::nullopt;
}

bool Shared::SessionTokenValid(const PageContext& context, const FormData& form) const {
  return context.user &&
         services_.auth.CheckCsrf(*context.user, form.Field(service::kCsrfField)).ok();
}

std::optional<http::Response> Shared::RateLimit(http::RateLimiter& limiter,
                                                const http::Request& request,
                                                const PageContext& context) {
  http::RateLimiter::Decision d = limiter.Take(request.client_ip);
  if (d.allowed) return std::nullopt;
  const std::string seconds = std::to_string(d.retry_after.count());
  http::Response r = ErrorPage(context, 429, "Bạn thao tác quá nhanh", "Too many requests",
                               "Vui lòng đợi " + seconds + " giây rồi thử lại.",
                               "Please wait " + seconds + " seconds and try again.");
  r.headers.Set("Retry-After", seconds);
  return r;
}

std::string Shared::PublicUrl(const http::Request& request) const {
  std::string url = options_.public_url;
  if (url.empty()) {
    std::string_view host = request.Header("Host").value_or("localhost");
    url = std::string(request.secure ? "https://" : "http://") + std::string(host);
  }
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

http::Response Shared::PersonLeftPage(const PageContext& context) const {
  return ErrorPage(context, 410, "Đường dẫn không còn dùng được", "This link no longer works",
                   "Đường dẫn này không còn dùng được vì người được gửi đã không còn thuộc đơn "
                   "vị. Hãy liên hệ cán bộ đơn vị.",
                   "This link no longer works because the person it was sent to no longer "
                   "belongs to the unit. Please contact the unit's officer.");
}

http::Response Shared::ErrorPage(const PageContext& context, int status, std::string_view title_vi,
                                 std::string_view title_en, std::string_view detail_vi,
                                 std::string_view detail_en) const {
  Data data;
  data.set("heading", std::string(context.Pick(title_vi, title_en)));
  data.set("detail", std::string(context.Pick(detail_vi, detail_en)));
  PageMeta meta;
  meta.title = std::string(context.Pick(title_vi, title_en));
  meta.status = status;
  meta.console = context.user.has_value();
  return RenderPage(templates_, context, "error", std::move(data), meta);
}

FormData ReadForm(const http::Request& request) {
  FormData form;
  const std::string type = request.MediaTypeName();
  if (type == "application/x-www-form-urlencoded") {
    base::Result<http::Params> params = http::ParseUrlEncoded(request.body);
    if (params.ok()) {
      form.fields = *std::move(params);
    } else {
      form.malformed = true;
    }
    return form;
  }
  if (type == "multipart/form-data") {
    base::Result<http::MediaType> media =
        http::ParseMediaType(request.Header("Content-Type").value_or(""));
    if (!media.ok() || !media->Param("boundary")) {
      form.malformed = true;
      return form;
    }
    base::Result<std::vector<http::MultipartPart>> parts =
        http::ParseMultipart(request.body, *media->Param("boundary"));
    if (!parts.ok()) {
      form.malformed = true;
      return form;
    }
    for (http::MultipartPart& part : *parts) {
      if (part.filename) {
        if (!part.data.empty()) form.files.push_back(std::move(part));
      } else {
        form.fields.emplace_back(std::move(part.name), std::move(part.data));
      }
    }
    return form;
  }
  form.malformed = !request.body.empty();
  return form;
}

}  // namespace binhyen::web::internal
