#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

#include "base/clock.h"
#include "crypto/random.h"
#include "crypto/secret_box.h"
#include "evidence/evidence_store.h"
#include "http/metrics.h"
#include "http/rate_limit_sync.h"
#include "http/rate_limiter.h"
#include "http/router.h"
#include "service/ack_links.h"
#include "service/auth.h"
#include "service/checkin_links.h"
#include "service/disputes.h"
#include "service/federation.h"
#include "service/message_scans.h"
#include "service/permissions.h"
#include "service/report_intake.h"
#include "service/reputation.h"
#include "service/triage.h"
#include "store/store.h"

namespace binhyen::api {

// Who may call a route.
enum class Access {
  kPublic,      // anyone; a valid session or token is used when present (e.g. intake)
  kSignedIn,    // any signed-in user
  kPermission,  // a signed-in user whose role (and token scopes) grant `permission`
  // Anyone, and credentials are not even read: the handler answers from memory (the check API,
  // hash-prefix lists), so it never waits on the store; on the I/O thread unless the answer is
  // large (a hash-list update).
  kAnonymous,
};

// One route of the API, as registered: the authorisation matrix test walks this table.
struct RouteSpec {
  http::Method method;
  std::string_view pattern;
  Access access;
  service::Permission permission;  // for kPermission
  // Changes state: a cookie-authenticated call must carry the CSRF token (X-CSRF-Token header or
  // csrf_token form field).
  bool state_changing;
};

// Every route of the JSON API and the sign-in form.
std::span<const RouteSpec> ApiRoutes();

struct ApiOptions {
  // Per client IP; per_second <= 0 means unlimited.
  http::RateLimiter::Options report_limit{10.0 / 60, 20};
  http::RateLimiter::Options login_limit{10.0 / 60, 10};
  // Receipt lookups per client IP (codes have 40 random bits; this only bounds scraping).
  http::RateLimiter::Options receipt_limit{1, 60};
  // Disputes filed per client IP (a bucket of its own, as generous as reports by default).
  http::RateLimiter::Options dispute_limit{10.0 / 60, 20};
  // Checks per client IP (a batch of up to 1,000 items counts once).
  http::RateLimiter::Options check_limit{20, 200};
  // Message scans per client IP (text or screenshot).
  http::RateLimiter::Options scan_limit{5, 60};
  // The portal's public URL (links in feeds); "" when unknown.
  std::string public_url;
  size_t max_json_body_bytes = size_t{1} << 20;
  size_t max_multipart_body_bytes = size_t{25} << 20;
  // Cookies carry Secure when true or when the request came through a trusted HTTPS proxy.
  bool cookie_secure = false;
  std::chrono::hours session_ttl{12};
  service::IntakeOptions intake;
  // Several app nodes: shares every limiter's buckets through this sync (scopes "api.report",
  // "api.login", "api.receipt", "api.dispute", "api.check", "api.scan"); null: local only. Must
  // outlive the Api.
  http::RateLimitSync* rate_limit_sync = nullptr;
};

// The JSON API of Bình Yên (report intake, receipts, sign-in, triage) and the sign-in form, on
// top of the service layer. Errors are application/problem+json (problem.h).
// Thread safety: thread-safe after construction (handlers run concurrently on the worker pool;
// every collaborator is thread-safe, `random` included).
class Api {
 public:
  // All references must outlive the Api. `evidence` may be null (no evidence uploads).
  // `ack_links` signs the campaigns' personal links; when null the campaign routes answer 503.
  Api(store::Store& store, const crypto::SecretBox& contact_box, service::Authenticator& auth,
      service::Triage& triage, service::Disputes& disputes, service::Reputation& reputation,
      service::MessageScans& scans, evidence::EvidenceStore* evidence, const base::Clock& clock,
      crypto::Random& random, http::MetricsRegistry& metrics, ApiOptions options,
      const service::AckLinks* ack_links = nullptr);
  ~Api();
  Api(const Api&) = delete;
  Api& operator=(const Api&) = delete;

  // Adds every route of ApiRoutes() to `router`.
  void Register(http::Router& router);

  // Signs the trainings' check-in links (training_api.cc); until set (or when null) the
  // check-in-links route answers 503. Call before Register; `links` must outlive the Api.
  void SetCheckinLinks(const service::CheckinLinks* links);

  // Serves our federation feed and key (federation_api.cc); until set (or when null) those
  // routes answer 503. Call before Register; `federation` must outlive the Api.
  void SetFederation(service::Federation* federation);

  // The handlers' state (api/internal/api_impl.h); opaque to users of the API.
  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace binhyen::api
