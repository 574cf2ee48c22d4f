#pragma once

#include <kainjow/mustache.hpp>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "http/message.h"
#include "service/auth.h"

namespace binhyen::web::internal {

using Data = kainjow::mustache::data;

enum class Lang { kVi, kEn };

// The templates compiled into the binary (templates/*.mustache). Every template can be used as a
// partial of another ({{> form_errors}}).
// Thread safety: thread-safe (immutable after construction; each render parses its template,
// since kainjow's renderer is not const).
class Templates {
 public:
  // REQUIRES (BINHYEN_CHECK: the templates are our own files): every template parses.
  Templates();

  // Renders templates/<name>.mustache with `data` (an object). REQUIRES: the template exists.
  std::string Render(std::string_view name, Data data) const;

 private:
  struct Source {
    std::string text;
    // The partials it uses ({{> name}}), directly or through other partials: only these are
    // handed to the renderer.
    std::vector<std::string> partials;
  };
  std::map<std::string, Source, std::less<>> sources_;  // by name, without ".mustache"
};

// What the layout needs besides the page's own body.
struct PageMeta {
  std::string title;        // the <title> before " · Bình Yên"; also the default og:title
  std::string description;  // <meta name="description"> and og:description; may be empty
  int status = 200;
  bool console = false;  // the analysts' console: its own navigation, never cached or indexed
  std::string og_type = "website";
  // Absolute URL of the page for og:url and <link rel="canonical">; "" = none.
  std::string canonical_url;
};

// One request's view of the page being built: the language, the signed-in user (console), the
// CSRF token for forms, and the cookies to set.
struct PageContext {
  Lang lang = Lang::kVi;
  std::string path;   // the request path without the query
  std::string query;  // the raw query without '?'
  std::optional<service::Principal> user;
  std::string csrf_token;  // the value forms carry in their csrf_token field
  std::vector<std::string> set_cookies;

  bool vi() const { return lang == Lang::kVi; }
  // `vi` or `en` by the page's language.
  std::string_view Pick(std::string_view vi_text, std::string_view en_text) const {
    return lang == Lang::kVi ? vi_text : en_text;
  }
};

// The language of a request: ?lang=vi|en (remembered in the by_lang cookie), else the cookie,
// else Vietnamese. Adds the Set-Cookie to `context` when ?lang changes it.
Lang ChooseLanguage(const http::Request& request, PageContext& context, bool secure_cookies);

// A PageContext for `request` (language chosen, path and query split).
PageContext NewContext(const http::Request& request, bool secure_cookies);

// The body of `template_name` with `data`, inside the layout (templates/layout.mustache), as an
// HTML response with the portal's security headers (Content-Security-Policy without inline
// script, frame-ancestors 'none', Content-Language) and the context's cookies.
http::Response RenderPage(const Templates& templates, const PageContext& context,
                          std::string_view template_name, Data data, const PageMeta& meta);

// The security headers every page carries (RenderPage adds them; for other HTML answers).
void AddPageHeaders(http::Response& response, Lang lang, bool no_store);

// "dd/mm/yyyy" (and " HH:MM" when `with_time`) of `t` in Vietnam time (UTC+7, no DST).
std::string FormatVietnamDate(base::TimePoint t, bool with_time = false);

// The current path with the query's lang parameter set to `lang` (the language switch link).
std::string LanguageSwitchHref(const PageContext& context, Lang lang);

}  // namespace binhyen::web::internal
