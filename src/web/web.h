#pragma once

#include <chrono>
#include <memory>
#include <string>

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
#include "service/message_scans.h"
#include "service/quiz_links.h"
#include "service/report_intake.h"
#include "service/reputation.h"
#include "service/triage.h"
#include "store/store.h"

namespace binhyen::web {

// What the pages are built on. Every reference must outlive the Web.
struct WebServices {
  store::Store& store;
  const crypto::SecretBox& contact_box;
  service::Authenticator& auth;
  service::Triage& triage;
  service::Disputes& disputes;
  service::Reputation& reputation;
  service::MessageScans& scans;
  evidence::EvidenceStore* evidence;  // may be null: the report form then takes no screenshots
  const base::Clock& clock;
  crypto::Random& random;
  http::MetricsRegistry& metrics;
  // Signs and checks the campaigns' personal links (/xac-nhan/...); null: those pages answer 503.
  const service::AckLinks* ack_links = nullptr;
  // Signs and checks the quizzes' personal links (/lam-bai/...); null: those pages answer 503.
  const service::QuizLinks* quiz_links = nullptr;
  // Signs and checks the trainings' check-in links (/tap-huan/diem-danh/...); null: 503.
  const service::CheckinLinks* checkin_links = nullptr;
};

struct WebOptions {
  // The portal's public address ("https://binhyen.example"), for share links, Open Graph tags
  // and the QR codes on receipts and posters. "" = the request's Host header over http.
  std::string public_url;
  // Cookies carry Secure when true or when the request came through a trusted HTTPS proxy.
  bool cookie_secure = false;
  // Per client IP, like the JSON API's limits (the pages call the same services).
  http::RateLimiter::Options report_limit{10.0 / 60, 20};
  http::RateLimiter::Options check_limit{20, 200};
  http::RateLimiter::Options dispute_limit{10.0 / 60, 20};
  service::IntakeOptions intake;
  // Several app nodes: shares every limiter's buckets through this sync (scopes "web.report",
  // "web.check", "web.dispute", "web.pledge", "web.quiz", "web.checkin"); null: local only.
  // Must outlive the Web.
  http::RateLimitSync* rate_limit_sync = nullptr;
  // How long the public statistics page reuses its numbers.
  std::chrono::seconds statistics_ttl{60};
};

// The portal's HTML pages: the public pages in Vietnamese (English at ?lang=en) and the
// analysts' console under /quan-tri. Pages work without JavaScript, escape every value by
// default (mustache templates) and are served with a Content-Security-Policy that allows no
// inline script. State-changing forms carry a CSRF token: the session's for signed-in users,
// a double-submit cookie for the public forms.
// Thread safety: thread-safe after construction (handlers run concurrently).
class Web {
 public:
  Web(WebServices services, WebOptions options);
  ~Web();
  Web(const Web&) = delete;
  Web& operator=(const Web&) = delete;

  // Adds every page route and /static/{file} to `router`.
  void Register(http::Router& router);

  // The handlers' state (web/internal/web_impl.h).
  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace binhyen::web
