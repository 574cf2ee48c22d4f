#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "api/api.h"
#include "app/cli_environment.h"
#include "app/config.h"
#include "base/result.h"
#include "evidence/evidence_store.h"
#include "http/metrics.h"
#include "http/rate_limit_sync.h"
#include "http/server.h"
#include "scan/scanner.h"
#include "service/ack_links.h"
#include "service/auth.h"
#include "service/channels.h"
#include "service/checkin_links.h"
#include "service/contact_retention.h"
#include "service/disputes.h"
#include "service/federation.h"
#include "service/message_scans.h"
#include "service/quiz_links.h"
#include "service/reputation.h"
#include "service/triage.h"
#include "service/webhook_dispatcher.h"
#include "web/web.h"

namespace binhyen::app {

// `binhyen serve`: the composition root of the running server. From a ServeConfig it opens the
// data directory, its keys and store (migrating it, audited), the evidence store, the services,
// the API and the HTTP server, and wires /readyz to the store and /metrics to the report counts.
// Thread safety: Start / RunUntilSignalled / Shutdown from one controlling thread.
class ServerApp {
 public:
  // Errors: those of opening the data directory, keys and store, and of the configuration
  // (InvalidArgument "listen: ...").
  // `clock` (tests: a base::FakeClock) replaces the system clock of the services when non-null;
  // it must outlive the ServerApp. `scanner`, when non-null, is used instead of compiling the
  // built-in rules (about a second): tests share one among their servers.
  static base::Result<std::unique_ptr<ServerApp>> Create(
      const ServeConfig& config, const base::Clock* clock = nullptr,
      std::shared_ptr<const scan::Scanner> scanner = nullptr);
  ~ServerApp();

  // Binds and starts serving. Unavailable "listen HOST:PORT: ..." when the address is taken.
  base::Status Start();
  uint16_t port() const;
  // Blocks until SIGTERM or SIGINT, then shuts down gracefully.
  void RunUntilSignalled();
  void Shutdown();

  CliSession& session() { return *session_; }
  // The reputation index the check API answers from (tests refresh it without waiting).
  service::Reputation& reputation() { return *reputation_; }
  // The community channels' webhook sender (tests run due deliveries without waiting).
  service::WebhookDispatcher& webhooks() { return *webhooks_; }
  // The retention of reporters' contacts (tests run a sweep without waiting for the hour).
  service::ContactRetention& retention() { return *retention_; }
  // Our federation feed and peers (tests pull without waiting for the period).
  service::Federation& federation() { return *federation_; }
  // The method and pattern of every route served (tests walk them).
  const std::vector<std::pair<http::Method, std::string>>& routes() const { return routes_; }

 private:
  ServerApp() = default;

  ServeConfig config_;
  std::vector<std::pair<http::Method, std::string>> routes_;
  const base::Clock* clock_ = nullptr;
  std::unique_ptr<CliSession> session_;
  std::unique_ptr<evidence::EvidenceStore> evidence_;
  std::unique_ptr<service::Authenticator> auth_;
  std::unique_ptr<service::Triage> triage_;
  std::unique_ptr<service::DisputeCodes> dispute_codes_;
  std::unique_ptr<service::Disputes> disputes_;
  std::unique_ptr<service::Reputation> reputation_;
  std::shared_ptr<const scan::Scanner> scanner_;
  std::unique_ptr<service::MessageScans> scans_;
  std::unique_ptr<http::MetricsRegistry> metrics_;
  std::unique_ptr<service::AckLinks> ack_links_;          // before api_ and web_, which use it
  std::unique_ptr<service::CheckinLinks> checkin_links_;  // trainings; before api_ and web_
  std::unique_ptr<service::QuizLinks> quiz_links_;        // quizzes; before web_
  // Community channels: the queue's service, the HTTP transport, the background sender.
  std::unique_ptr<service::Channels> channels_;
  std::unique_ptr<service::WebhookSender> webhook_sender_;
  std::unique_ptr<service::WebhookDispatcher> webhooks_;
  // Erases reporters' contacts after [privacy] contact_retention_days (hourly sweep).
  std::unique_ptr<service::ContactRetention> retention_;
  // Several nodes on PostgreSQL: the shared rate limits (null on SQLite). Before api_, web_ and
  // server_, whose limiters must be destroyed first.
  std::unique_ptr<http::RateLimitBackend> rate_limit_backend_;
  std::unique_ptr<http::RateLimitSync> rate_limit_sync_;
  // Federation: our signing key (<data>/keys/federation.key), the HTTP transport of pulls and
  // the service with its background puller. Before api_, which serves the feed.
  std::unique_ptr<crypto::SigningKey> federation_key_;
  std::unique_ptr<service::FederationFetcher> federation_fetcher_;
  std::unique_ptr<service::Federation> federation_;
  std::unique_ptr<api::Api> api_;
  std::unique_ptr<web::Web> web_;
  std::unique_ptr<http::Server> server_;
};

// The ApiOptions a configuration asks for.
api::ApiOptions ApiOptionsFor(const ServeConfig& config);

}  // namespace binhyen::app
