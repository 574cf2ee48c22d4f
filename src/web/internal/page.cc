#include "web/internal/page.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <utility>

#include "base/check.h"
#include "base/strings.h"
#include "http/cookie.h"
#include "service/budget.h"
#include "service/tasks.h"
#include "web/internal/assets.h"
#include "web/internal/web_impl.h"

namespace binhyen::web::internal {
namespace {

constexpr std::string_view kLangCookie = "by_lang";
constexpr std::string_view kTemplatePrefix = "templates/";
constexpr std::string_view kTemplateSuffix = ".mustache";

// No inline script anywhere: the pages' behaviour is in /static/site.js. JSON-LD blocks are
// data, which CSP does not execute. Forms post only to this origin.
constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

}  // namespace

namespace {

// The names of the partials `text` uses directly ("{{> name}}" or "{{>name}}").
std::vector<std::string> DirectPartials(std::string_view text) {
  std::vector<std::string> out;
  for (size_t at = text.find("{{>"); at != std::string_view::npos; at = text.find("{{>", at + 3)) {
    size_t end = text.find("}}", at);
    if (end == std::string_view::npos) break;
    std::string name(base::TrimAscii(text.substr(at + 3, end - at - 3)));
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(std::move(name));
  }
  return out;
}

}  // namespace

Templates::Templates() {
  for (const Asset& asset : EmbeddedAssets()) {
    std::string_view path = asset.path;
    if (!path.starts_with(kTemplatePrefix) || !path.ends_with(kTemplateSuffix)) continue;
    path.remove_prefix(kTemplatePrefix.size());
    path.remove_suffix(kTemplateSuffix.size());
    std::string source(asset.data);
    kainjow::mustache::mustache parsed(source);
    if (!parsed.is_valid()) {
      const std::string message = "template " + std::string(path) + ": " + parsed.error_message();
      BINHYEN_CHECK(parsed.is_valid(), message.c_str());
    }
    sources_.emplace(std::string(path), Source{std::move(source), {}});
  }
  // Each template's partials, transitively (a partial may use another).
  for (auto& [name, source] : sources_) {
    std::vector<std::string> pending = DirectPartials(source.text);
    while (!pending.empty()) {
      std::string partial = std::move(pending.back());
      pending.pop_back();
      if (std::find(source.partials.begin(), source.partials.end(), partial) !=
          source.partials.end()) {
        continue;
      }
      auto it = sources_.find(partial);
      BINHYEN_CHECK(it != sources_.end(), "a template uses a partial that does not exist");
      for (std::string& more : DirectPartials(it->second.text)) pending.push_back(std::move(more));
      source.partials.push_back(std::move(partial));
    }
  }
}

std::string Templates::Render(std::string_view name, Data data) const {
  auto it = sources_.find(name);
  BINHYEN_CHECK(it != sources_.end(), "no such template");
  for (const std::string& partial : it->second.partials) {
    const std::string* text = &sources_.find(partial)->second.text;
    data.set(partial, kainjow::mustache::partial([text] { return *text; }));
  }
  kainjow::mustache::mustache parsed(it->second.text);
  return parsed.render(data);
}

Lang ChooseLanguage(const http::Request& request, PageContext& context, bool secure_cookies) {
  std::optional<std::string_view> asked = request.Query("lang");
  std::optional<std::string_view> cookie = request.Cookie(kLangCookie);
  if (asked && (*asked == "vi" || *asked == "en")) {
    if (cookie != asked) {
      context.set_cookies.push_back(http::FormatSetCookie(
          {std::string(kLangCookie), std::string(*asked), "/",
           std::chrono::seconds(std::chrono::hours(24 * 365)), true, secure_cookies, "Lax"}));
    }
    return *asked == "en" ? Lang::kEn : Lang::kVi;
  }
  return cookie == "en" ? Lang::kEn : Lang::kVi;
}

PageContext NewContext(const http::Request& request, bool secure_cookies) {
  PageContext context;
  context.path = request.path;
  context.query = request.query;
  context.lang = ChooseLanguage(request, context, secure_cookies);
  return context;
}

void AddPageHeaders(http::Response& response, Lang lang, bool no_store) {
  response.headers.Set("Content-Security-Policy", std::string(kContentSecurityPolicy));
  response.headers.Set("Content-Language", lang == Lang::kVi ? "vi" : "en");
  response.headers.Set("Vary", "Cookie");
  response.headers.Set("Cache-Control", no_store ? "no-store" : "no-cache");
}

std::string LanguageSwitchHref(const PageContext& context, Lang lang) {
  std::string href = context.path;
  std::string query;
  size_t start = 0;
  std::string_view q = context.query;
  while (start <= q.size() && !q.empty()) {
    size_t end = q.find('&', start);
    if (end == std::string_view::npos) end = q.size();
    std::string_view part = q.substr(start, end - start);
    if (!part.empty() && !part.starts_with("lang=") && part != "lang") {
      query += query.empty() ? "" : "&";
      query += part;
    }
    start = end + 1;
  }
  query += query.empty() ? "" : "&";
  query += lang == Lang::kVi ? "lang=vi" : "lang=en";
  return href + "?" + query;
}

std::string FormatVietnamDate(base::TimePoint t, bool with_time) {
  using namespace std::chrono;
  const auto local = floor<minutes>(t + hours(7));
  const auto day = floor<days>(local);
  const year_month_day ymd(day);
  const hh_mm_ss<minutes> hm(local - day);
  char buf[32];
  if (with_time) {
    std::snprintf(buf, sizeof buf, "%02u/%02u/%d %02d:%02d", unsigned(ymd.day()),
                  unsigned(ymd.month()), int(ymd.year()), int(hm.hours().count()),
                  int(hm.minutes().count()));
  } else {
    std::snprintf(buf, sizeof buf, "%02u/%02u/%d", unsigned(ymd.day()), unsigned(ymd.month()),
                  int(ymd.year()));
  }
  return buf;
}

http::Response RenderPage(const Templates& templates, const PageContext& context,
                          std::string_view template_name, Data data, const PageMeta& meta) {
  const bool vi = context.vi();
  data.set("vi", Data(vi));
  if (!context.csrf_token.empty()) data.set("csrf_token", context.csrf_token);
  std::string body = templates.Render(template_name, data);

  Data layout;
  layout.set("vi", Data(vi));
  layout.set("lang", vi ? "vi" : "en");
  layout.set("title", meta.title);
  layout.set("description", meta.description);
  layout.set("og_type", meta.og_type);
  if (!meta.canonical_url.empty()) layout.set("canonical_url", meta.canonical_url);
  layout.set("content", std::move(body));
  layout.set("console", Data(meta.console));
  layout.set("switch_href", LanguageSwitchHref(context, vi ? Lang::kEn : Lang::kVi));
  if (context.user) {
    Data user;
    user.set("name", context.user->name);
    layout.set("user", user);
    layout.set("csrf_token", context.csrf_token);
    // The plan's pages are linked for the roles that may open them (issue 9).
    layout.set("nav_tasks", Data(service::Tasks::MayUse(*context.user)));
    layout.set("nav_budget", Data(service::Budget::MayRead(*context.user)));
    layout.set("nav_reviews", Data(context.user->Can(service::Permission::kProgrammeManage)));
  }
  layout.set("path", context.path);
  layout.set("v", std::string(AssetVersion()));
  http::Response response = http::Response::Html(meta.status, templates.Render("layout", layout));
  AddPageHeaders(response, context.lang, meta.console || context.user.has_value());
  if (meta.console) response.headers.Set("X-Robots-Tag", "noindex");
  for (const std::string& cookie : context.set_cookies) response.headers.Add("Set-Cookie", cookie);
  return response;
}

}  // namespace binhyen::web::internal
