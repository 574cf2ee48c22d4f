#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "api/api.h"
#include "api/check_json.h"
#include "base/result.h"
#include "http/form.h"
#include "http/message.h"

namespace binhyen::api {

// Cookie names (service/auth.h: the pages read the same session).
using service::kCsrfCookie;
using service::kCsrfField;
using service::kSessionCookie;
// The sign-in form's own CSRF cookie (before any session exists).
inline constexpr std::string_view kLoginCsrfCookie = "by_login_csrf";
inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";

using Principal = service::Principal;
using OptionalPrincipal = std::optional<service::Principal>;
using GuardedHandler =
    std::function<http::Response(http::Request&, const OptionalPrincipal& caller)>;

// The state and handlers behind Api. Handlers are split by subject over api.cc (routing, guard),
// auth_api.cc, reports_api.cc and triage_api.cc.
struct Api::Impl {
  Impl(store::Store& store, const crypto::SecretBox& contact_box, service::Authenticator& auth,
       service::Triage& triage, service::Disputes& disputes, service::Reputation& reputation,
       service::MessageScans& scans, evidence::EvidenceStore* evidence, const base::Clock& clock,
       crypto::Random& random, http::MetricsRegistry& metrics, ApiOptions options);

  // Authenticates the request, checks CSRF and the route's access rule, then runs `handler`.
  http::Response Guard(const RouteSpec& spec, http::Request& request,
                       const GuardedHandler& handler);
  // The caller of a request: a bearer token, a session cookie, or nobody. Errors are
  // Unauthenticated; a stale session cookie on a public route counts as nobody.
  base::Result<OptionalPrincipal> Authenticate(const http::Request& request, bool public_route);
  // Refuses with 429 (and counts) when `limiter` has no token for the client.
  std::optional<http::Response> RateLimit(http::RateLimiter& limiter, std::string_view name,
                                          const http::Request& request);
  bool SecureCookies(const http::Request& request) const;

  // auth_api.cc
  http::Response Login(http::Request& request, const OptionalPrincipal& caller);
  http::Response Logout(http::Request& request, const OptionalPrincipal& caller);
  http::Response Session(http::Request& request, const OptionalPrincipal& caller);
  http::Response LoginPage(http::Request& request, const OptionalPrincipal& caller);
  http::Response LoginForm(http::Request& request, const OptionalPrincipal& caller);
  http::Response LogoutForm(http::Request& request, const OptionalPrincipal& caller);

  // reports_api.cc
  http::Response SubmitReport(http::Request& request, const OptionalPrincipal& caller);
  http::Response GetReceipt(http::Request& request, const OptionalPrincipal& caller);

  // triage_api.cc
  http::Response ListReports(http::Request& request, const OptionalPrincipal& caller);
  http::Response GetReport(http::Request& request, const OptionalPrincipal& caller);
  http::Response TransitionReport(http::Request& request, const OptionalPrincipal& caller);
  http::Response AssignReport(http::Request& request, const OptionalPrincipal& caller);
  http::Response SetNote(http::Request& request, const OptionalPrincipal& caller);
  http::Response RevealContact(http::Request& request, const OptionalPrincipal& caller);
  http::Response EraseContact(http::Request& request, const OptionalPrincipal& caller);
  http::Response GetEvidence(http::Request& request, const OptionalPrincipal& caller);

  // disputes_api.cc
  http::Response FileDispute(http::Request& request, const OptionalPrincipal& caller);
  http::Response GetDisputeStatus(http::Request& request, const OptionalPrincipal& caller);
  http::Response ListDisputes(http::Request& request, const OptionalPrincipal& caller);
  http::Response GetDispute(http::Request& request, const OptionalPrincipal& caller);
  http::Response ResolveDispute(http::Request& request, const OptionalPrincipal& caller);
  http::Response RevealDisputeContact(http::Request& request, const OptionalPrincipal& caller);

  // check_api.cc (kAnonymous: on the I/O thread)
  http::Response Check(http::Request& request, const OptionalPrincipal& caller);
  http::Response CheckBatch(http::Request& request, const OptionalPrincipal& caller);

  // Message scans (scan_api.cc).
  http::Response Scan(http::Request& request, const OptionalPrincipal& caller);
  http::Response ScanText(const http::Request& request);
  http::Response ScanImage(const http::Request& request);
  // hashlist_api.cc (kAnonymous: search on the I/O thread, updates on the worker pool)
  http::Response HashListUpdate(http::Request& request, const OptionalPrincipal& caller);
  http::Response HashesSearch(http::Request& request, const OptionalPrincipal& caller);

  // programme_api.cc: units, people, guidance campaigns.
  http::Response ListUnits(http::Request& request, const OptionalPrincipal& caller);
  http::Response ListPeople(http::Request& request, const OptionalPrincipal& caller);
  http::Response ImportPeople(http::Request& request, const OptionalPrincipal& caller);
  http::Response ListCampaigns(http::Request& request, const OptionalPrincipal& caller);
  http::Response CreateCampaign(http::Request& request, const OptionalPrincipal& caller);
  http::Response GetCampaign(http::Request& request, const OptionalPrincipal& caller);
  http::Response SendCampaign(http::Request& request, const OptionalPrincipal& caller);
  http::Response CampaignPending(http::Request& request, const OptionalPrincipal& caller);
  http::Response CampaignLinks(http::Request& request, const OptionalPrincipal& caller);
  // programme_console_api.cc: a person added or edited, a campaign closed.
  http::Response AddPerson(http::Request& request, const OptionalPrincipal& caller);
  http::Response UpdatePerson(http::Request& request, const OptionalPrincipal& caller);
  // POST /api/v1/people/{id}/leave and /return: marks a person as having left, or restores them.
  http::Response PersonLeaves(http::Request& request, const OptionalPrincipal& caller);
  http::Response PersonReturns(http::Request& request, const OptionalPrincipal& caller);
  http::Response SetPersonLeft(http::Request& request, const OptionalPrincipal& caller, bool left);
  http::Response CloseCampaign(http::Request& request, const OptionalPrincipal& caller);

  // content_api.cc: articles and pledges to the code of conduct.
  http::Response ListArticles(http::Request& request, const OptionalPrincipal& caller);
  http::Response GetArticle(http::Request& request, const OptionalPrincipal& caller);
  http::Response CreateArticle(http::Request& request, const OptionalPrincipal& caller);
  http::Response UpdateArticle(http::Request& request, const OptionalPrincipal& caller);
  http::Response PublishArticle(http::Request& request, const OptionalPrincipal& caller);
  http::Response UnpublishArticle(http::Request& request, const OptionalPrincipal& caller);
  http::Response CurrentPledge(http::Request& request, const OptionalPrincipal& caller);
  http::Response SignPledge(http::Request& request, const OptionalPrincipal& caller);
  http::Response ListPledges(http::Request& request, const OptionalPrincipal& caller);
  http::Response PledgeLinks(http::Request& request, const OptionalPrincipal& caller);

  // federation_api.cc: our signed feed for peers, and our key (503 until SetFederation).
  http::Response FederationFeed(http::Request& request, const OptionalPrincipal& caller);
  http::Response FederationKey(http::Request& request, const OptionalPrincipal& caller);

  // training_api.cc: training sessions, attendance, check-in links.
  http::Response ListTrainings(http::Request& request, const OptionalPrincipal& caller);
  http::Response CreateTraining(http::Request& request, const OptionalPrincipal& caller);
  http::Response GetTraining(http::Request& request, const OptionalPrincipal& caller);
  http::Response UpdateTraining(http::Request& request, const OptionalPrincipal& caller);
  http::Response TrainingAttendance(http::Request& request, const OptionalPrincipal& caller);
  http::Response MarkTrainingAttendance(http::Request& request, const OptionalPrincipal& caller);
  http::Response TrainingCheckinLinks(http::Request& request, const OptionalPrincipal& caller);

  // channel_api.cc: community channels, their figures and webhook deliveries.
  http::Response ListChannels(http::Request& request, const OptionalPrincipal& caller);
  http::Response CreateChannel(http::Request& request, const OptionalPrincipal& caller);
  http::Response GetChannel(http::Request& request, const OptionalPrincipal& caller);
  http::Response UpdateChannel(http::Request& request, const OptionalPrincipal& caller);
  http::Response ChannelFigures(http::Request& request, const OptionalPrincipal& caller);
  http::Response PutChannelFigures(http::Request& request, const OptionalPrincipal& caller);
  http::Response ChannelDeliveries(http::Request& request, const OptionalPrincipal& caller);
  http::Response TestChannel(http::Request& request, const OptionalPrincipal& caller);
  http::Response ResendDelivery(http::Request& request, const OptionalPrincipal& caller);

  // quiz_api.cc: quizzes, attempts (public), results (programme admins).
  http::Response ListQuizzes(http::Request& request, const OptionalPrincipal& caller);
  http::Response GetQuiz(http::Request& request, const OptionalPrincipal& caller);
  http::Response SubmitQuizAttempt(http::Request& request, const OptionalPrincipal& caller);
  http::Response CreateQuiz(http::Request& request, const OptionalPrincipal& caller);
  http::Response UpdateQuiz(http::Request& request, const OptionalPrincipal& caller);
  http::Response OpenQuiz(http::Request& request, const OptionalPrincipal& caller);
  http::Response CloseQuiz(http::Request& request, const OptionalPrincipal& caller);
  http::Response QuizResults(http::Request& request, const OptionalPrincipal& caller);

  // feeds_api.cc: a rendered feed, cached per index version.
  struct RenderedFeed {
    int64_t version = 0;
    std::chrono::steady_clock::time_point rendered_at{};
    std::string media_type;
    std::string body;
    std::string gzipped;  // "" when the body is too small to be worth it
    std::string etag;
    std::string extra;  // MISP: the manifest
    std::string name;   // MISP: the event's file name
  };
  http::Response Feed(http::Request& request, const OptionalPrincipal& caller);
  http::Response MispFeedFile(http::Request& request, const OptionalPrincipal& caller);
  http::Response WarningFeed(const http::Request& request, std::string_view name);
  http::Response ServeFeed(const http::Request& request, std::shared_ptr<const RenderedFeed> feed);
  base::Result<std::shared_ptr<const RenderedFeed>> CachedFeed(
      const std::string& key, int64_t version,
      const std::function<base::Result<RenderedFeed>()>& render);

  store::Store& store;
  const crypto::SecretBox& contact_box;
  service::Authenticator& auth;
  service::Triage& triage;
  service::Disputes& disputes;
  service::Reputation& reputation;
  service::MessageScans& scans;
  evidence::EvidenceStore* evidence;
  const base::Clock& clock;
  crypto::Random& random;
  ApiOptions options;
  const service::AckLinks* ack_links = nullptr;          // set by Api's constructor; may stay null
  const service::CheckinLinks* checkin_links = nullptr;  // Api::SetCheckinLinks; may stay null
  service::Federation* federation = nullptr;             // Api::SetFederation; may stay null
  http::RateLimiter report_limiter;
  http::RateLimiter login_limiter;
  http::RateLimiter receipt_limiter;
  http::RateLimiter dispute_limiter;
  http::RateLimiter check_limiter;
  http::RateLimiter scan_limiter;
  ExplanationCache explanations;  // the check answers' explanation text
  std::mutex feeds_mu;
  std::map<std::string, std::shared_ptr<const RenderedFeed>> feed_cache;  // guarded by feeds_mu
  http::CounterFamily& reports_submitted;                                 // {channel}
  http::CounterFamily& logins;                                            // {result}
  http::CounterFamily& rate_limited;                                      // {limit}
  http::CounterFamily& transitions;                                       // {to}
};

// Whether a scan request runs on the worker pool: a screenshot (multipart) does, for OCR.
bool ScanRunsOnPool(const http::Request& request);

// The form fields of a urlencoded or multipart body (files excluded); empty for other types.
http::Params FormFields(const http::Request& request);

// The id path parameter as a positive integer, or nullopt.
std::optional<int64_t> PathId(const http::Request& request);

}  // namespace binhyen::api
