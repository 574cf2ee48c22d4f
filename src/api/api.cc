#include "api/api.h"

#include <array>
#include <utility>

#include "api/internal/api_impl.h"
#include "api/problem.h"
#include "base/strings.h"
#include "http/media_type.h"
#include "http/multipart.h"

namespace binhyen::api {
namespace {

using http::Method;
using service::Permission;

constexpr std::array<RouteSpec, 79> kRoutes = {{
    // Sign-in (JSON and the HTML form).
    {Method::kPost, "/api/v1/login", Access::kPublic, Permission::kReportsSubmit, false},
    {Method::kPost, "/api/v1/logout", Access::kSignedIn, Permission::kReportsSubmit, true},
    {Method::kGet, "/api/v1/session", Access::kSignedIn, Permission::kReportsSubmit, false},
    {Method::kGet, "/login", Access::kPublic, Permission::kReportsSubmit, false},
    {Method::kPost, "/login", Access::kPublic, Permission::kReportsSubmit, false},
    {Method::kPost, "/logout", Access::kSignedIn, Permission::kReportsSubmit, true},
    // Residents.
    {Method::kPost, "/api/v1/reports", Access::kPublic, Permission::kReportsSubmit, true},
    {Method::kGet, "/api/v1/receipts/{receipt}", Access::kPublic, Permission::kReportsSubmit,
     false},
    // Analysts.
    {Method::kGet, "/api/v1/reports", Access::kPermission, Permission::kReportsRead, false},
    {Method::kGet, "/api/v1/reports/{id}", Access::kPermission, Permission::kReportsRead, false},
    {Method::kPost, "/api/v1/reports/{id}/transition", Access::kPermission,
     Permission::kReportsTriage, true},
    {Method::kPost, "/api/v1/reports/{id}/assign", Access::kPermission, Permission::kReportsTriage,
     true},
    {Method::kPost, "/api/v1/reports/{id}/note", Access::kPermission, Permission::kReportsTriage,
     true},
    {Method::kPost, "/api/v1/reports/{id}/contact", Access::kPermission,
     Permission::kReportsContact, true},
    {Method::kPost, "/api/v1/reports/{id}/contact/erase", Access::kPermission,
     Permission::kReportsContact, true},
    {Method::kGet, "/api/v1/reports/{id}/evidence/{sha256}", Access::kPermission,
     Permission::kReportsRead, false},
    // Disputes: filed and followed by anyone, handled by analysts.
    {Method::kPost, "/api/v1/disputes", Access::kPublic, Permission::kReportsSubmit, true},
    {Method::kGet, "/api/v1/disputes/status/{code}", Access::kPublic, Permission::kReportsSubmit,
     false},
    {Method::kGet, "/api/v1/disputes", Access::kPermission, Permission::kDisputesRead, false},
    {Method::kGet, "/api/v1/disputes/{id}", Access::kPermission, Permission::kDisputesRead, false},
    {Method::kPost, "/api/v1/disputes/{id}/resolve", Access::kPermission,
     Permission::kDisputesResolve, true},
    {Method::kPost, "/api/v1/disputes/{id}/contact", Access::kPermission, Permission::kDisputesRead,
     true},
    // Checks and hash-prefix lists: answered from memory, credentials not read.
    {Method::kGet, "/api/v1/check", Access::kAnonymous, Permission::kReportsSubmit, false},
    {Method::kPost, "/api/v1/check", Access::kAnonymous, Permission::kReportsSubmit, false},
    {Method::kGet, "/api/v1/hashlists/{name}", Access::kAnonymous, Permission::kReportsSubmit,
     false},
    {Method::kPost, "/api/v1/hashes:search", Access::kAnonymous, Permission::kReportsSubmit, false},
    // The message scanner: a pasted text or a screenshot.
    {Method::kPost, "/api/v1/scan", Access::kAnonymous, Permission::kReportsSubmit, false},
    // Feeds: blocklists in every format, warnings as Atom and JSON Feed.
    {Method::kGet, "/feeds/{name}", Access::kPublic, Permission::kReportsSubmit, false},
    {Method::kGet, "/feeds/misp/{file}", Access::kPublic, Permission::kReportsSubmit, false},
    // The awareness programme: units and people, guidance campaigns (programme_api.cc).
    {Method::kGet, "/api/v1/units", Access::kSignedIn, Permission::kReportsSubmit, false},
    {Method::kGet, "/api/v1/people", Access::kPermission, Permission::kPeopleManage, false},
    {Method::kPost, "/api/v1/people/import", Access::kPermission, Permission::kPeopleManage, true},
    {Method::kGet, "/api/v1/campaigns", Access::kPermission, Permission::kProgrammeManage, false},
    {Method::kPost, "/api/v1/campaigns", Access::kPermission, Permission::kProgrammeManage, true},
    {Method::kGet, "/api/v1/campaigns/{id}", Access::kPermission, Permission::kProgrammeManage,
     false},
    {Method::kPost, "/api/v1/campaigns/{id}/send", Access::kPermission,
     Permission::kProgrammeManage, true},
    {Method::kGet, "/api/v1/campaigns/{id}/pending", Access::kPermission,
     Permission::kProgrammeManage, false},
    {Method::kGet, "/api/v1/campaigns/{id}/links", Access::kPermission,
     Permission::kProgrammeManage, false},
    {Method::kPost, "/api/v1/people", Access::kPermission, Permission::kPeopleManage, true},
    {Method::kPut, "/api/v1/people/{id}", Access::kPermission, Permission::kPeopleManage, true},
    {Method::kPost, "/api/v1/people/{id}/leave", Access::kPermission, Permission::kPeopleManage,
     true},
    {Method::kPost, "/api/v1/people/{id}/return", Access::kPermission, Permission::kPeopleManage,
     true},
    {Method::kPost, "/api/v1/campaigns/{id}/close", Access::kPermission,
     Permission::kProgrammeManage, true},
    // The programme's content: articles and pledges to the code of conduct (content_api.cc).
    {Method::kGet, "/api/v1/articles", Access::kPublic, Permission::kReportsSubmit, false},
    {Method::kGet, "/api/v1/articles/{slug}", Access::kPublic, Permission::kReportsSubmit, false},
    {Method::kPost, "/api/v1/articles", Access::kPermission, Permission::kProgrammeManage, true},
    {Method::kPut, "/api/v1/articles/{slug}", Access::kPermission, Permission::kProgrammeManage,
     true},
    {Method::kPost, "/api/v1/articles/{slug}/publish", Access::kPermission,
     Permission::kProgrammeManage, true},
    {Method::kPost, "/api/v1/articles/{slug}/unpublish", Access::kPermission,
     Permission::kProgrammeManage, true},
    {Method::kGet, "/api/v1/pledges/current", Access::kPublic, Permission::kReportsSubmit, false},
    {Method::kPost, "/api/v1/pledges", Access::kPublic, Permission::kReportsSubmit, true},
    {Method::kGet, "/api/v1/pledges", Access::kPermission, Permission::kProgrammeManage, false},
    {Method::kGet, "/api/v1/pledges/links", Access::kPermission, Permission::kProgrammeManage,
     false},
    // Community channels: figures and outgoing webhooks (channel_api.cc); unit officers see
    // only their unit's channels (the service enforces it).
    {Method::kGet, "/api/v1/channels", Access::kPermission, Permission::kPeopleManage, false},
    {Method::kPost, "/api/v1/channels", Access::kPermission, Permission::kPeopleManage, true},
    {Method::kGet, "/api/v1/channels/{id}", Access::kPermission, Permission::kPeopleManage, false},
    {Method::kPut, "/api/v1/channels/{id}", Access::kPermission, Permission::kPeopleManage, true},
    {Method::kGet, "/api/v1/channels/{id}/figures", Access::kPermission, Permission::kPeopleManage,
     false},
    {Method::kPut, "/api/v1/channels/{id}/figures", Access::kPermission, Permission::kPeopleManage,
     true},
    {Method::kGet, "/api/v1/channels/{id}/deliveries", Access::kPermission,
     Permission::kPeopleManage, false},
    {Method::kPost, "/api/v1/channels/{id}/test", Access::kPermission, Permission::kPeopleManage,
     true},
    {Method::kPost, "/api/v1/channels/{id}/deliveries/{delivery}/resend", Access::kPermission,
     Permission::kPeopleManage, true},
    // Trainings: sessions, attendance, check-in links (training_api.cc).
    {Method::kGet, "/api/v1/trainings", Access::kPermission, Permission::kPeopleManage, false},
    {Method::kPost, "/api/v1/trainings", Access::kPermission, Permission::kProgrammeManage, true},
    {Method::kGet, "/api/v1/trainings/{id}", Access::kPermission, Permission::kPeopleManage, false},
    {Method::kPut, "/api/v1/trainings/{id}", Access::kPermission, Permission::kProgrammeManage,
     true},
    {Method::kGet, "/api/v1/trainings/{id}/attendance", Access::kPermission,
     Permission::kPeopleManage, false},
    {Method::kPost, "/api/v1/trainings/{id}/attendance", Access::kPermission,
     Permission::kProgrammeManage, true},
    {Method::kGet, "/api/v1/trainings/{id}/checkin-links", Access::kPermission,
     Permission::kPeopleManage, false},
    // Quizzes: open ones and attempts for anyone, the rest for programme admins (quiz_api.cc).
    {Method::kGet, "/api/v1/quizzes", Access::kPublic, Permission::kReportsSubmit, false},
    {Method::kGet, "/api/v1/quizzes/{slug}", Access::kPublic, Permission::kReportsSubmit, false},
    {Method::kPost, "/api/v1/quizzes/{slug}/attempts", Access::kPublic, Permission::kReportsSubmit,
     true},
    {Method::kPost, "/api/v1/quizzes", Access::kPermission, Permission::kProgrammeManage, true},
    {Method::kPut, "/api/v1/quizzes/{id}", Access::kPermission, Permission::kProgrammeManage, true},
    {Method::kPost, "/api/v1/quizzes/{id}/open", Access::kPermission, Permission::kProgrammeManage,
     true},
    {Method::kPost, "/api/v1/quizzes/{id}/close", Access::kPermission, Permission::kProgrammeManage,
     true},
    {Method::kGet, "/api/v1/quizzes/{id}/results", Access::kPermission,
     Permission::kProgrammeManage, false},
    // Federation: our signed feed and key, for peer instances (federation_api.cc).
    {Method::kGet, "/api/v1/federation/feed", Access::kPublic, Permission::kReportsSubmit, false},
    {Method::kGet, "/api/v1/federation/key", Access::kPublic, Permission::kReportsSubmit, false},
}};

using Member = http::Response (Api::Impl::*)(http::Request&, const OptionalPrincipal&);

// The handler of each route of kRoutes, in the same order.
constexpr std::array<Member, kRoutes.size()> kHandlers = {
    &Api::Impl::Login,
    &Api::Impl::Logout,
    &Api::Impl::Session,
    &Api::Impl::LoginPage,
    &Api::Impl::LoginForm,
    &Api::Impl::LogoutForm,
    &Api::Impl::SubmitReport,
    &Api::Impl::GetReceipt,
    &Api::Impl::ListReports,
    &Api::Impl::GetReport,
    &Api::Impl::TransitionReport,
    &Api::Impl::AssignReport,
    &Api::Impl::SetNote,
    &Api::Impl::RevealContact,
    &Api::Impl::EraseContact,
    &Api::Impl::GetEvidence,
    &Api::Impl::FileDispute,
    &Api::Impl::GetDisputeStatus,
    &Api::Impl::ListDisputes,
    &Api::Impl::GetDispute,
    &Api::Impl::ResolveDispute,
    &Api::Impl::RevealDisputeContact,
    &Api::Impl::Check,
    &Api::Impl::CheckBatch,
    &Api::Impl::HashListUpdate,
    &Api::Impl::HashesSearch,
    &Api::Impl::Scan,
    &Api::Impl::Feed,
    &Api::Impl::MispFeedFile,
    &Api::Impl::ListUnits,
    &Api::Impl::ListPeople,
    &Api::Impl::ImportPeople,
    &Api::Impl::ListCampaigns,
    &Api::Impl::CreateCampaign,
    &Api::Impl::GetCampaign,
    &Api::Impl::SendCampaign,
    &Api::Impl::CampaignPending,
    &Api::Impl::CampaignLinks,
    &Api::Impl::AddPerson,
    &Api::Impl::UpdatePerson,
    &Api::Impl::PersonLeaves,
    &Api::Impl::PersonReturns,
    &Api::Impl::CloseCampaign,
    &Api::Impl::ListArticles,
    &Api::Impl::GetArticle,
    &Api::Impl::CreateArticle,
    &Api::Impl::UpdateArticle,
    &Api::Impl::PublishArticle,
    &Api::Impl::UnpublishArticle,
    &Api::Impl::CurrentPledge,
    &Api::Impl::SignPledge,
    &Api::Impl::ListPledges,
    &Api::Impl::PledgeLinks,
    &Api::Impl::ListChannels,
    &Api::Impl::CreateChannel,
    &Api::Impl::GetChannel,
    &Api::Impl::UpdateChannel,
    &Api::Impl::ChannelFigures,
    &Api::Impl::PutChannelFigures,
    &Api::Impl::ChannelDeliveries,
    &Api::Impl::TestChannel,
    &Api::Impl::ResendDelivery,
    &Api::Impl::ListTrainings,
    &Api::Impl::CreateTraining,
    &Api::Impl::GetTraining,
    &Api::Impl::UpdateTraining,
    &Api::Impl::TrainingAttendance,
    &Api::Impl::MarkTrainingAttendance,
    &Api::Impl::TrainingCheckinLinks,
    &Api::Impl::ListQuizzes,
    &Api::Impl::GetQuiz,
    &Api::Impl::SubmitQuizAttempt,
    &Api::Impl::CreateQuiz,
    &Api::Impl::UpdateQuiz,
    &Api::Impl::OpenQuiz,
    &Api::Impl::CloseQuiz,
    &Api::Impl::QuizResults,
    &Api::Impl::FederationFeed,
    &Api::Impl::FederationKey,
};

std::optional<std::string_view> BearerToken(const http::Request& request) {
  std::optional<std::string_view> header = request.Header("Authorization");
  if (!header) return std::nullopt;
  std::string_view value = base::TrimAscii(*header);
  if (value.size() > 7 && base::AsciiLower(value.substr(0, 7)) == "bearer ") {
    return base::TrimAscii(value.substr(7));
  }
  return std::string_view();  // present but not a bearer token: refused
}

http::Response Unauthenticated(std::string_view detail) {
  http::Response r = Problem(401, "unauthenticated", detail,
                             "Bạn cần đăng nhập (hoặc dùng mã truy cập API hợp lệ).");
  r.headers.Set("WWW-Authenticate", "Bearer realm=\"binhyen\"");
  return r;
}

}  // namespace

std::span<const RouteSpec> ApiRoutes() { return kRoutes; }

http::Params FormFields(const http::Request& request) {
  const std::string type = request.MediaTypeName();
  if (type == "application/x-www-form-urlencoded") {
    base::Result<http::Params> params = http::ParseUrlEncoded(request.body);
    return params.ok() ? *std::move(params) : http::Params{};
  }
  if (type == "multipart/form-data") {
    base::Result<http::MediaType> media =
        http::ParseMediaType(request.Header("Content-Type").value_or(""));
    if (!media.ok() || !media->Param("boundary")) return {};
    base::Result<std::vector<http::MultipartPart>> parts =
        http::ParseMultipart(request.body, *media->Param("boundary"));
    if (!parts.ok()) return {};
    http::Params out;
    for (http::MultipartPart& part : *parts) {
      if (!part.filename) out.emplace_back(std::move(part.name), std::move(part.data));
    }
    return out;
  }
  return {};
}

std::optional<int64_t> PathId(const http::Request& request) {
  int64_t id = 0;
  if (!base::ParseInt64(request.PathParam("id"), id) || id <= 0) return std::nullopt;
  return id;
}

Api::Impl::Impl(store::Store& store_in, const crypto::SecretBox& contact_box_in,
                service::Authenticator& auth_in, service::Triage& triage_in,
                service::Disputes& disputes_in, service::Reputation& reputation_in,
                service::MessageScans& scans_in, evidence::EvidenceStore* evidence_in,
                const base::Clock& clock_in, crypto::Random& random_in,
                http::MetricsRegistry& metrics, ApiOptions options_in)
    : store(store_in),
      contact_box(contact_box_in),
      auth(auth_in),
      triage(triage_in),
      disputes(disputes_in),
      reputation(reputation_in),
      scans(scans_in),
      evidence(evidence_in),
      clock(clock_in),
      random(random_in),
      options(options_in),
      report_limiter(clock_in, options_in.report_limit, {options_in.rate_limit_sync, "api.report"}),
      login_limiter(clock_in, options_in.login_limit, {options_in.rate_limit_sync, "api.login"}),
      receipt_limiter(clock_in, options_in.receipt_limit,
                      {options_in.rate_limit_sync, "api.receipt"}),
      dispute_limiter(clock_in, options_in.dispute_limit,
                      {options_in.rate_limit_sync, "api.dispute"}),
      check_limiter(clock_in, options_in.check_limit, {options_in.rate_limit_sync, "api.check"}),
      scan_limiter(clock_in, options_in.scan_limit, {options_in.rate_limit_sync, "api.scan"}),
      reports_submitted(metrics.AddCounter("binhyen_reports_submitted_total",
                                           "Reports filed, by channel.", {"channel"})),
      logins(
          metrics.AddCounter("binhyen_logins_total", "Sign-in attempts, by outcome.", {"result"})),
      rate_limited(metrics.AddCounter("binhyen_rate_limited_total",
                                      "Requests refused by a rate limit.", {"limit"})),
      transitions(metrics.AddCounter("binhyen_report_transitions_total",
                                     "Report status changes, by new status.", {"to"})) {}

bool Api::Impl::SecureCookies(const http::Request& request) const {
  return options.cookie_secure || request.secure;
}

std::optional<http::Response> Api::Impl::RateLimit(http::RateLimiter& limiter,
                                                   std::string_view name,
                                                   const http::Request& request) {
  http::RateLimiter::Decision d = limiter.Take(request.client_ip);
  if (d.allowed) return std::nullopt;
  rate_limited.WithLabels({name}).Inc();
  const std::string seconds = std::to_string(d.retry_after.count());
  http::Response r =
      Problem(429, "rate_limited", "too many requests; retry after " + seconds + " s",
              "Bạn thao tác quá nhanh. Vui lòng thử lại sau " + seconds + " giây.");
  r.headers.Set("Retry-After", seconds);
  return r;
}

base::Result<OptionalPrincipal> Api::Impl::Authenticate(const http::Request& request,
                                                        bool public_route) {
  if (std::optional<std::string_view> bearer = BearerToken(request)) {
    if (bearer->empty()) return base::UnauthenticatedError("token: expected 'Bearer <token>'");
    BINHYEN_ASSIGN_OR_RETURN(Principal p, auth.AuthenticateBearer(*bearer));
    return OptionalPrincipal(std::move(p));
  }
  std::optional<std::string_view> cookie = request.Cookie(kSessionCookie);
  if (!cookie) return OptionalPrincipal();
  base::Result<Principal> p = auth.AuthenticateSession(*cookie);
  if (!p.ok()) {
    if (public_route && p.status().code() == base::StatusCode::kUnauthenticated) {
      return OptionalPrincipal();
    }
    return p.status();
  }
  return OptionalPrincipal(*std::move(p));
}

http::Response Api::Impl::Guard(const RouteSpec& spec, http::Request& request,
                                const GuardedHandler& handler) {
  base::Result<OptionalPrincipal> caller = Authenticate(request, spec.access == Access::kPublic);
  if (!caller.ok()) {
    if (caller.status().code() == base::StatusCode::kUnauthenticated) {
      return Unauthenticated(caller.status().message());
    }
    return FromStatus(caller.status(), request);
  }
  if (spec.access != Access::kPublic && !caller->has_value()) {
    return Unauthenticated("sign in or send 'Authorization: Bearer <token>'");
  }
  if (spec.access == Access::kPermission && !(*caller)->Can(spec.permission)) {
    return Problem(403, "forbidden",
                   "this needs the permission " + std::string(ScopeName(spec.permission)),
                   "Tài khoản của bạn không có quyền thực hiện thao tác này.");
  }
  if (spec.state_changing && caller->has_value() && (*caller)->via == Principal::Via::kSession) {
    std::string token(request.Header(kCsrfHeader).value_or(""));
    if (token.empty()) {
      http::Params fields = FormFields(request);
      token = std::string(http::FindParam(fields, kCsrfField).value_or(""));
    }
    if (!auth.CheckCsrf(**caller, token).ok()) {
      return Problem(403, "csrf",
                     "missing or wrong CSRF token: send the by_csrf cookie's value in the " +
                         std::string(kCsrfHeader) + " header or the csrf_token field",
                     "Phiên làm việc không hợp lệ hoặc đã hết hạn. Vui lòng tải lại trang.");
    }
  }
  return handler(request, *caller);
}

Api::Api(store::Store& store, const crypto::SecretBox& contact_box, service::Authenticator& auth,
         service::Triage& triage, service::Disputes& disputes, service::Reputation& reputation,
         service::MessageScans& scans, evidence::EvidenceStore* evidence, const base::Clock& clock,
         crypto::Random& random, http::MetricsRegistry& metrics, ApiOptions options,
         const service::AckLinks* ack_links)
    : impl_(std::make_unique<Impl>(store, contact_box, auth, triage, disputes, reputation, scans,
                                   evidence, clock, random, metrics, std::move(options))) {
  impl_->ack_links = ack_links;
}

Api::~Api() = default;

void Api::Register(http::Router& router) {
  for (size_t i = 0; i < kRoutes.size(); ++i) {
    const RouteSpec& spec = kRoutes[i];
    Member member = kHandlers[i];
    Impl* impl = impl_.get();
    http::RouteOptions options;
    options.max_body_bytes = impl->options.max_json_body_bytes;
    if (spec.pattern == "/api/v1/reports" && spec.method == Method::kPost) {
      options.max_multipart_body_bytes = impl->options.max_multipart_body_bytes;
    }
    if (spec.access == Access::kAnonymous) {
      // Answered from memory, no credentials read, only the per-IP limit; on the I/O thread,
      // except a hash-list update: a full list is megabytes to encode (~20 ms for a million
      // entries), which would stall every connection of that thread.
      options.blocking = spec.pattern == "/api/v1/hashlists/{name}";
      // Scans: a text on the I/O thread, a screenshot (OCR) on the pool; each a bucket of its own.
      const bool scan = spec.pattern == "/api/v1/scan";
      if (scan) {
        options.blocking_for = &ScanRunsOnPool;
        options.max_multipart_body_bytes =
            impl->scans.options().image_limits.max_bytes + (64 << 10);
      }
      http::RateLimiter* limiter = scan ? &impl->scan_limiter : &impl->check_limiter;
      const std::string_view limit_name = scan ? "scan" : "check";
      router.Add(
          spec.method, spec.pattern,
          [impl, member, limiter, limit_name](http::Request& request) {
            if (std::optional<http::Response> refused =
                    impl->RateLimit(*limiter, limit_name, request)) {
              return *std::move(refused);
            }
            return (impl->*member)(request, std::nullopt);
          },
          options);
      continue;
    }
    router.Add(
        spec.method, spec.pattern,
        [impl, &spec, member](http::Request& request) {
          return impl->Guard(spec, request,
                             [impl, member](http::Request& r, const OptionalPrincipal& caller) {
                               return (impl->*member)(r, caller);
                             });
        },
        options);
  }
}

}  // namespace binhyen::api
