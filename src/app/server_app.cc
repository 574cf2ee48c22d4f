#include "app/server_app.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <utility>

#include "app/federation_fetcher_http.h"
#include "app/store_rate_limits.h"
#include "app/webhook_sender_http.h"
#include "base/logging.h"
#include "crypto/hash.h"
#include "evidence/image.h"
#include "render/markdown.h"

namespace binhyen::app {
namespace {

http::RateLimiter::Options PerMinute(double per_minute, double burst) {
  return {per_minute / 60.0, burst, 100'000};
}

// The key of dispute follow-up codes (service::DisputeCodes), derived from the contact key
// (already loaded and checked by CliSession: mode 0600, 32 bytes) under a label of its own, so
// that no new key file is needed and a code never reveals anything about the contact key.
base::Result<std::string> DisputeCodeKey(const DataDir& data_dir) {
  std::ifstream in(data_dir.contact_key(), std::ios::binary);
  std::string key((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) {
    return base::UnavailableError("read " + data_dir.contact_key().string());
  }
  if (key.size() != crypto::SecretBox::kKeyBytes) {
    return base::FailedPreconditionError(data_dir.contact_key().string() + ": not a 32-byte key");
  }
  return crypto::Sha256Hex("binhyen dispute codes v1\n" + key);
}

}  // namespace

api::ApiOptions ApiOptionsFor(const ServeConfig& config) {
  api::ApiOptions o;
  o.report_limit = PerMinute(config.reports_per_minute, config.reports_burst);
  o.login_limit = PerMinute(config.logins_per_minute, config.logins_burst);
  o.dispute_limit = o.report_limit;
  o.check_limit = PerMinute(config.checks_per_minute, config.checks_burst);
  o.scan_limit = PerMinute(config.scans_per_minute, config.scans_burst);
  o.public_url = config.public_url;
  o.cookie_secure = config.public_url.starts_with("https://") || !config.tls_cert.empty();
  o.session_ttl = std::chrono::hours(config.session_hours);
  o.intake.max_evidence_files = config.max_evidence_files;
  o.intake.max_evidence_file_bytes = int64_t{config.max_evidence_file_mib} * 1024 * 1024;
  return o;
}

base::Result<std::unique_ptr<ServerApp>> ServerApp::Create(
    const ServeConfig& config, const base::Clock* clock,
    std::shared_ptr<const scan::Scanner> scanner) {
  BINHYEN_ASSIGN_OR_RETURN(HostPort listen, ParseHostPort(config.listen));
  std::unique_ptr<ServerApp> app(new ServerApp());
  app->config_ = config;
  BINHYEN_ASSIGN_OR_RETURN(app->session_,
                           CliSession::Open(config.data, config.store, DataDir::Mode::kCreate));
  CliEnvironment& env = app->session_->env();
  app->clock_ = clock != nullptr ? clock : &app->session_->clock();
  BINHYEN_ASSIGN_OR_RETURN(evidence::EvidenceStore evidence,
                           evidence::EvidenceStore::Open(env.data_dir.evidence_dir()));
  app->evidence_ = std::make_unique<evidence::EvidenceStore>(std::move(evidence));

  service::AuthOptions auth_options;
  auth_options.session_ttl = std::chrono::hours(config.session_hours);
  auth_options.lockout_failures = config.lockout_failures;
  auth_options.lockout_duration = std::chrono::minutes(config.lockout_minutes);
  app->auth_ = std::make_unique<service::Authenticator>(*env.store, env.secrets_box, *app->clock_,
                                                        app->session_->random(), auth_options);
  app->triage_ = std::make_unique<service::Triage>(*env.store, *app->clock_);
  BINHYEN_ASSIGN_OR_RETURN(std::string dispute_key, DisputeCodeKey(env.data_dir));
  app->dispute_codes_ = std::make_unique<service::DisputeCodes>(std::move(dispute_key));
  app->disputes_ = std::make_unique<service::Disputes>(*env.store, env.contact_box,
                                                       *app->dispute_codes_, *app->clock_);
  // The reputation index is loaded before the server answers, then followed in the background.
  app->reputation_ = std::make_unique<service::Reputation>(*env.store, *app->clock_);
  BINHYEN_RETURN_IF_ERROR(app->reputation_->Refresh(/*hash_lists_now=*/true));
  // The scanner's rule database was compiled at build time; the OCR models load on the first
  // screenshot.
  if (scanner == nullptr) {
    BINHYEN_ASSIGN_OR_RETURN(scan::Scanner built_in, scan::Scanner::BuiltIn());
    if (!built_in.rules().precompiled()) {
      base::LogInfo(
          "scanner: this machine cannot load the rule database compiled at build time (another "
          "vectorscan version or CPU); compiled it at start instead");
    }
    scanner = std::make_shared<const scan::Scanner>(std::move(built_in));
  }
  app->scanner_ = std::move(scanner);
  evidence::SetImageDecoderMessages(false);
  app->scans_ =
      std::make_unique<service::MessageScans>(*app->scanner_, *app->reputation_, *app->clock_);
  app->metrics_ = std::make_unique<http::MetricsRegistry>();
  // The key that signs the campaigns' personal links (<data>/keys/ack.key, made on first use).
  BINHYEN_ASSIGN_OR_RETURN(
      crypto::SigningKey ack_key,
      crypto::SigningKey::LoadOrCreate(env.data_dir.ack_key(), app->session_->random()));
  app->ack_links_ = std::make_unique<service::AckLinks>(std::move(ack_key), *app->clock_);
  // The key that signs the trainings' check-in QR codes (<data>/keys/checkin.key).
  BINHYEN_ASSIGN_OR_RETURN(crypto::SigningKey checkin_key,
                           crypto::SigningKey::LoadOrCreate(env.data_dir.keys_dir() / "checkin.key",
                                                            app->session_->random()));
  app->checkin_links_ = std::make_unique<service::CheckinLinks>(std::move(checkin_key));
  // The key that signs the quizzes' personal links (<data>/keys/quiz.key).
  BINHYEN_ASSIGN_OR_RETURN(crypto::SigningKey quiz_key,
                           crypto::SigningKey::LoadOrCreate(env.data_dir.keys_dir() / "quiz.key",
                                                            app->session_->random()));
  app->quiz_links_ = std::make_unique<service::QuizLinks>(std::move(quiz_key), *app->clock_);
  app->channels_ = std::make_unique<service::Channels>(*env.store, env.contact_box, *app->clock_,
                                                       app->session_->random(),
                                                       service::ChannelsOptions{config.public_url});
  app->webhook_sender_ = std::make_unique<HttpWebhookSender>(HttpWebhookSenderOptions{
      .allow_private = config.webhooks_allow_private, .ca_file = config.webhooks_ca_file});
  app->webhooks_ = std::make_unique<service::WebhookDispatcher>(
      *env.store, env.contact_box, *app->clock_, *app->webhook_sender_, app->channels_.get());
  app->retention_ = std::make_unique<service::ContactRetention>(
      *env.store, *app->clock_,
      service::ContactRetentionOptions{.retention =
                                           std::chrono::days(config.contact_retention_days)});
  // Several nodes share one PostgreSQL store: their rate limits are shared through it (synced in
  // the background; a single SQLite node keeps them in memory only).
  if (env.store->Backend() == "postgres") {
    app->rate_limit_backend_ = std::make_unique<StoreRateLimits>(*env.store, *app->clock_);
    app->rate_limit_sync_ =
        std::make_unique<http::RateLimitSync>(*app->rate_limit_backend_, *app->clock_);
  }
  // Federation (<data>/keys/federation.key is this instance's identity for its peers).
  BINHYEN_ASSIGN_OR_RETURN(
      crypto::SigningKey federation_key,
      crypto::SigningKey::LoadOrCreate(FederationKeyFile(env.data_dir), app->session_->random()));
  app->federation_key_ = std::make_unique<crypto::SigningKey>(std::move(federation_key));
  app->federation_fetcher_ = std::make_unique<HttpFederationFetcher>(
      HttpFederationFetcherOptions{.ca_file = config.webhooks_ca_file});
  app->federation_ = std::make_unique<service::Federation>(
      *env.store, *app->federation_key_, *app->clock_, app->federation_fetcher_.get(),
      service::FederationOptions{
          .public_url = config.public_url,
          .name = config.federation_name,
          .pull_period = std::chrono::seconds(config.federation_pull_seconds),
          .tick = std::chrono::milliseconds(
              std::min(2000, config.federation_pull_seconds * 1000 / 2 + 100)),
          .feed_publish_interval = std::chrono::seconds(1),
          .summarize = [](std::string_view markdown, size_t max_bytes) {
            return render::MarkdownToText(markdown, max_bytes);
          }});
  api::ApiOptions shared_api_options = ApiOptionsFor(config);
  shared_api_options.rate_limit_sync = app->rate_limit_sync_.get();
  app->api_ = std::make_unique<api::Api>(
      *env.store, env.contact_box, *app->auth_, *app->triage_, *app->disputes_, *app->reputation_,
      *app->scans_, app->evidence_.get(), *app->clock_, app->session_->random(), *app->metrics_,
      std::move(shared_api_options), app->ack_links_.get());
  service::Reputation* reputation = app->reputation_.get();
  app->metrics_->AddCallbackGauge(
      "binhyen_index_version", "The reputation index's version (the store's change version).", {},
      [reputation]() -> std::vector<http::MetricsRegistry::Sample> {
        return {{{}, static_cast<double>(reputation->view()->version())}};
      });
  app->metrics_->AddCallbackGauge(
      "binhyen_index_listings", "Listings in the reputation index, by origin.", {"origin"},
      [reputation]() -> std::vector<http::MetricsRegistry::Sample> {
        std::shared_ptr<const service::ReputationView> view = reputation->view();
        return {{{"own"}, static_cast<double>(view->own().size())},
                {{"feeds"}, static_cast<double>(view->feeds().size())}};
      });
  store::Store* store = env.store.get();
  app->metrics_->AddCallbackGauge(
      "binhyen_reports", "Reports in the store, by status.", {"status"},
      [store]() -> std::vector<http::MetricsRegistry::Sample> {
        std::vector<http::MetricsRegistry::Sample> out;
        base::Result<std::unique_ptr<store::Transaction>> tx =
            store->Begin(store::TxMode::kReadOnly);
        if (!tx.ok()) return out;
        auto counts = (*tx)->Reports().CountByStatus();
        if (!counts.ok()) return out;
        for (const auto& [status, n] : *counts) {
          out.push_back({{std::string(domain::Name(status))}, static_cast<double>(n)});
        }
        return out;
      });

  const api::ApiOptions api_options = ApiOptionsFor(config);
  web::WebOptions web_options;
  web_options.public_url = api_options.public_url;
  web_options.cookie_secure = api_options.cookie_secure;
  web_options.report_limit = api_options.report_limit;
  web_options.check_limit = api_options.check_limit;
  web_options.dispute_limit = api_options.dispute_limit;
  web_options.intake = api_options.intake;
  web_options.rate_limit_sync = app->rate_limit_sync_.get();
  web::WebServices web_services{
      *env.store,      env.contact_box,         *app->auth_,    *app->triage_,
      *app->disputes_, *app->reputation_,       *app->scans_,   app->evidence_.get(),
      *app->clock_,    app->session_->random(), *app->metrics_, app->ack_links_.get()};
  web_services.checkin_links = app->checkin_links_.get();
  web_services.quiz_links = app->quiz_links_.get();
  app->web_ = std::make_unique<web::Web>(web_services, std::move(web_options));

  http::Router router;
  app->api_->SetCheckinLinks(app->checkin_links_.get());
  app->api_->SetFederation(app->federation_.get());
  app->api_->Register(router);
  app->web_->Register(router);
  app->routes_ = router.Patterns();
  http::ServerOptions options;
  options.host = listen.host;
  options.port = listen.port;
  options.io_threads = config.io_threads;
  options.worker_threads = config.worker_threads;
  options.trusted_proxies = config.trusted_proxies;
  options.access_log = config.access_log;
  options.tls_cert_file = config.tls_cert;
  options.tls_key_file = config.tls_key;
  app->server_ =
      std::make_unique<http::Server>(std::move(options), std::move(router), *app->metrics_);
  app->server_->SetReadinessCheck([store]() -> base::Status {
    BINHYEN_ASSIGN_OR_RETURN(auto tx, store->Begin(store::TxMode::kReadOnly));
    return tx->Reports().Count().status();
  });
  return app;
}

ServerApp::~ServerApp() {
  if (server_) server_->Shutdown(std::chrono::seconds(config_.shutdown_grace_seconds));
  if (reputation_) reputation_->Stop();
  if (federation_) federation_->Stop();
  if (webhooks_) webhooks_->Stop();
  if (retention_) retention_->Stop();
  if (rate_limit_sync_) rate_limit_sync_->Stop();
}

base::Status ServerApp::Start() {
  BINHYEN_RETURN_IF_ERROR(server_->Start());
  reputation_->Start();
  federation_->Start();
  webhooks_->Start();
  retention_->Start();
  if (rate_limit_sync_) rate_limit_sync_->Start();
  base::LogInfo("binhyen serving {}://{}:{} (data {}, store {})",
                config_.tls_cert.empty() ? "http" : "https",
                config_.listen.substr(0, config_.listen.rfind(':')), server_->port(),
                session_->env().data_dir.root().string(), session_->env().store->Backend());
  return base::Status::Ok();
}

uint16_t ServerApp::port() const { return server_->port(); }

void ServerApp::RunUntilSignalled() {
  server_->RunUntilSignalled(std::chrono::seconds(config_.shutdown_grace_seconds));
}

void ServerApp::Shutdown() {
  server_->Shutdown(std::chrono::seconds(config_.shutdown_grace_seconds));
  federation_->Stop();
  webhooks_->Stop();
  retention_->Stop();
  if (rate_limit_sync_) rate_limit_sync_->Stop();
}

}  // namespace binhyen::app
