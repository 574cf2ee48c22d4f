#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "http/form.h"
#include "http/multipart.h"
#include "http/rate_limiter.h"
#include "http/router.h"
#include "service/permissions.h"
#include "web/internal/page.h"
#include "web/web.h"

namespace binhyen::web::internal {

// A form's fields (urlencoded or multipart; files apart).
struct FormData {
  http::Params fields;
  std::vector<http::MultipartPart> files;  // parts with a filename
  bool malformed = false;                  // the body could not be parsed

  std::string_view Field(std::string_view name) const {
    return http::FindParam(fields, name).value_or("");
  }
  bool Checked(std::string_view name) const { return http::FindParam(fields, name).has_value(); }
};

// What every page group shares: the services, the templates, the limits, and the helpers for
// sessions, CSRF and error pages. Thread safety: thread-safe (random_ under its mutex; the
// rest is immutable or thread-safe).
class Shared {
 public:
  Shared(WebServices services, WebOptions options);

  const WebServices& services() const { return services_; }
  const WebOptions& options() const { return options_; }
  const Templates& templates() const { return templates_; }
  http::RateLimiter& report_limiter() { return report_limiter_; }
  http::RateLimiter& check_limiter() { return check_limiter_; }
  http::RateLimiter& dispute_limiter() { return dispute_limiter_; }

  // A context for a public page: language chosen; the signed-in user is NOT looked up (public
  // pages never touch the session store).
  PageContext Context(const http::Request& request) const;

  // Public forms (report, dispute): a double-submit token. Reuses the by_form cookie when the
  // browser has one, else draws one and adds its Set-Cookie to `context`; sets
  // context.csrf_token either way.
  void IssueFormToken(const http::Request& request, PageContext& context);
  // True when the form's csrf_token field equals the by_form cookie (constant time).
  bool FormTokenValid(const http::Request& request, const FormData& form) const;

  // Console pages: the signed-in user holding `permission`, with context.user and
  // context.csrf_token set; or the answer to send instead: 303 to /login?next=<path> when not
  // signed in (or the session expired), 403 page when the role lacks the permission.
  std::optional<http::Response> RequireUser(const http::Request& request, PageContext& context,
                                            service::Permission permission);
  // True when the form's csrf_token matches the session of context.user.
  bool SessionTokenValid(const PageContext& context, const FormData& form) const;

  // 429 page when `limiter` has no token for the client.
  std::optional<http::Response> RateLimit(http::RateLimiter& limiter, const http::Request& request,
                                          const PageContext& context);

  // The portal's base URL without a trailing '/': options.public_url, else http(s)://<Host>.
  std::string PublicUrl(const http::Request& request) const;

  // A page with a heading and a message, in the context's language.
  http::Response ErrorPage(const PageContext& context, int status, std::string_view title_vi,
                           std::string_view title_en, std::string_view detail_vi,
                           std::string_view detail_en) const;

  // 410 for a personal link (acknowledgement, quiz, pledge, check-in) of a person who has left
  // their unit (domain::IsPersonLeft): the link no longer acts, nothing was recorded.
  http::Response PersonLeftPage(const PageContext& context) const;

  // A fresh random token (URL-safe base64, 32 bytes).
  std::string NewToken();

  bool SecureCookies(const http::Request& request) const {
    return options_.cookie_secure || request.secure;
  }

 private:
  WebServices services_;
  WebOptions options_;
  Templates templates_;
  http::RateLimiter report_limiter_;
  http::RateLimiter check_limiter_;
  http::RateLimiter dispute_limiter_;
  std::mutex random_mu_;
};

// A short hash of the static files, for cache-busting links (/static/site.css?v=...).
std::string_view AssetVersion();

// The fields of a urlencoded or multipart request body.
FormData ReadForm(const http::Request& request);

// Page groups, each in its own file. Each adds its routes to `router`; handlers keep a
// reference to `shared`, which outlives the router.
void RegisterStaticFiles(http::Router& router, Shared& shared);  // static_files.cc
void RegisterPublicPages(http::Router& router, Shared& shared);  // public_pages.cc
void RegisterReportPages(http::Router& router, Shared& shared);  // report_pages.cc
// Warnings, clarifications, guidance, privacy and about (content_pages.cc), statistics
// (statistics_page.cc), disputes (dispute_pages.cc).
void RegisterContentPages(http::Router& router, Shared& shared);
void RegisterStatisticsPage(http::Router& router, Shared& shared);
void RegisterDisputePages(http::Router& router, Shared& shared);
// The analysts' console under /quan-tri (console_*.cc).
void RegisterConsolePages(http::Router& router, Shared& shared);
// A campaign's personal acknowledgement link, /xac-nhan/{token} (ack_page.cc).
void RegisterAckPage(http::Router& router, Shared& shared);
// Articles, the code of conduct and its pledge, public and console (article_pages.cc).
void RegisterArticlePages(http::Router& router, Shared& shared);
// Trainings: /quan-tri/tap-huan..., the check-in page /tap-huan/diem-danh/{token} and the
// public list /tap-huan (training_*.cc).
void RegisterTrainingPages(http::Router& router, Shared& shared);
// Quizzes: /cau-do, /cau-do/{slug}, /lam-bai/{token} and /quan-tri/cau-do (quiz_*.cc).
void RegisterQuizPages(http::Router& router, Shared& shared);
// The awareness programme's console (/quan-tri/chuong-trinh, /don-vi, /dot-pho-bien) and the
// public page of each campaign (/dot-pho-bien/{id}) (programme_*.cc).
void RegisterProgrammePages(http::Router& router, Shared& shared);
// Community channels: /quan-tri/kenh... and the public list /kenh-cong-dong (channel_*.cc).
void RegisterChannelPages(http::Router& router, Shared& shared);
// The plan (issue 9): tasks to units (/quan-tri/nhiem-vu), self-assessments
// (/quan-tri/tu-danh-gia), the budget (/quan-tri/kinh-phi) and the periodic reviews
// (/quan-tri/so-ket) (plan_*.cc).
void RegisterPlanPages(http::Router& router, Shared& shared);

}  // namespace binhyen::web::internal
