#include "store/postgres/postgres_store.h"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <filesystem>
#include <pqxx/connection>
#include <pqxx/nontransaction>
#include <system_error>
#include <vector>

#include "base/strings.h"
#include "store/migrations.h"
#include "store/postgres/article_repositories.h"
#include "store/postgres/change_listener.h"
#include "store/postgres/channels.h"
#include "store/postgres/federation.h"
#include "store/postgres/feed_repository.h"
#include "store/postgres/plan.h"
#include "store/postgres/programme_console.h"
#include "store/postgres/quizzes.h"
#include "store/postgres/repositories.h"
#include "store/postgres/session.h"
#include "store/postgres/trainings.h"

extern char** environ;

namespace binhyen::store::postgres {
namespace {

constexpr size_t kMaxPoolSize = 64;
constexpr std::string_view kPgDump = "/usr/lib/postgresql/15/bin/pg_dump";

// Migrations of every process serialise on this lock (a constant: "binhyen" in ASCII digits).
constexpr std::string_view kLockMigrations = "SELECT pg_advisory_xact_lock(2053597, 1)";
constexpr std::string_view kCreateMigrationsTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, "
    "name text NOT NULL, applied_at bigint NOT NULL)";

constexpr Sql kMigrationApplied{"migration_applied",
                                "SELECT 1 FROM schema_migrations WHERE version = $1"};
constexpr Sql kRecordMigration{
    "migration_record",
    "INSERT INTO schema_migrations (version, name, applied_at) "
    "VALUES ($1, $2, (extract(epoch FROM clock_timestamp()) * 1e6)::bigint)"};

std::string PercentEncode(std::string_view s) {
  static constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (base::IsAsciiAlnum(static_cast<char>(c)) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xf]);
    }
  }
  return out;
}

bool IsIdentifier(std::string_view s) {
  if (s.empty() || s.size() > 63) return false;
  for (char c : s) {
    if (!base::IsAsciiAlnum(c) && c != '_') return false;
  }
  return !(s[0] >= '0' && s[0] <= '9');
}

int LatestVersion() {
  const auto migrations = PostgresMigrations();
  return migrations.empty() ? 0 : migrations.back().version;
}

// A transaction of the PostgreSQL store: one Session and the repositories sharing it.
class PgTransaction final : public Transaction {
 public:
  explicit PgTransaction(std::unique_ptr<Session> session)
      : session_(std::move(session)),
        reports_(*session_),
        indicators_(*session_),
        warnings_(*session_),
        disputes_(*session_),
        users_(*session_),
        units_(*session_),
        sessions_(*session_),
        tokens_(*session_),
        audit_(*session_),
        feeds_(*session_),
        people_(*session_),
        campaigns_(*session_),
        trainings_(*session_),
        articles_(*session_),
        pledges_(*session_),
        programme_console_(*session_),
        quizzes_(*session_),
        channels_(*session_),
        tasks_(*session_),
        self_assessments_(*session_),
        budget_(*session_),
        reviews_(*session_),
        rate_limits_(*session_),
        federation_(*session_) {}

  ReportRepository& Reports() override { return reports_; }
  IndicatorRepository& Indicators() override { return indicators_; }
  WarningRepository& Warnings() override { return warnings_; }
  DisputeRepository& Disputes() override { return disputes_; }
  UserRepository& Users() override { return users_; }
  UnitRepository& Units() override { return units_; }
  SessionRepository& Sessions() override { return sessions_; }
  TokenRepository& Tokens() override { return tokens_; }
  AuditLog& Audit() override { return audit_; }
  FeedRepository& Feeds() override { return feeds_; }
  PeopleRepository& People() override { return people_; }
  CampaignRepository& Campaigns() override { return campaigns_; }
  TrainingRepository& Trainings() override { return trainings_; }
  ArticleRepository& Articles() override { return articles_; }
  PledgeRepository& Pledges() override { return pledges_; }
  ProgrammeConsoleRepository& ProgrammeConsole() override { return programme_console_; }
  QuizRepository& Quizzes() override { return quizzes_; }
  ChannelRepository& Channels() override { return channels_; }
  TaskRepository& Tasks() override { return tasks_; }
  SelfAssessmentRepository& SelfAssessments() override { return self_assessments_; }
  BudgetRepository& Budget() override { return budget_; }
  ReviewRepository& Reviews() override { return reviews_; }
  RateLimitRepository& RateLimits() override { return rate_limits_; }
  FederationRepository& Federation() override { return federation_; }
  base::Status Commit() override { return session_->Commit(); }

 private:
  std::unique_ptr<Session> session_;
  PgReportRepository reports_;
  PgIndicatorRepository indicators_;
  PgWarningRepository warnings_;
  PgDisputeRepository disputes_;
  PgUserRepository users_;
  PgUnitRepository units_;
  PgSessionRepository sessions_;
  PgTokenRepository tokens_;
  PgAuditLog audit_;
  PgFeedRepository feeds_;
  PgPeopleRepository people_;
  PgCampaignRepository campaigns_;
  PgTrainingRepository trainings_;
  PgArticleRepository articles_;
  PgPledgeRepository pledges_;
  PgProgrammeConsoleRepository programme_console_;
  PgQuizRepository quizzes_;
  PgChannelRepository channels_;
  PgTaskRepository tasks_;
  PgSelfAssessmentRepository self_assessments_;
  PgBudgetRepository budget_;
  PgReviewRepository reviews_;
  PgRateLimitRepository rate_limits_;
  PgFederationRepository federation_;
};

PoolOptions MakePoolOptions(const PostgresOptions& options) {
  PoolOptions pool;
  pool.conninfo = options.conninfo;
  pool.size = options.pool_size;
  const std::string schema = options.schema;
  pool.on_connect = [schema](pqxx::connection& c) {
    pqxx::nontransaction w(c);
    w.exec("SET client_min_messages = warning");
    if (!schema.empty()) w.exec("SET search_path = " + w.quote_name(schema) + ", public");
  };
  return pool;
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

namespace internal {

std::pair<std::string, std::string> TakePassword(const std::string& url) {
  const size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return {url, ""};
  const size_t start = scheme_end + 3;
  const size_t authority_end = std::min(url.find('/', start), url.find('?', start));
  const size_t at = url.rfind('@', authority_end);
  if (at == std::string::npos || at < start) return {url, ""};
  const size_t colon = url.find(':', start);
  if (colon == std::string::npos || colon > at) return {url, ""};
  std::string password;
  for (size_t i = colon + 1; i < at; ++i) {
    if (url[i] == '%' && i + 2 < at && HexDigit(url[i + 1]) >= 0 && HexDigit(url[i + 2]) >= 0) {
      password.push_back(static_cast<char>(HexDigit(url[i + 1]) * 16 + HexDigit(url[i + 2])));
      i += 2;
    } else {
      password.push_back(url[i]);
    }
  }
  return {url.substr(0, colon) + url.substr(at), password};
}

}  // namespace internal

namespace {

// Runs `argv` with `extra_env` added to the environment, and waits. Ok when it exits 0.
base::Status RunProcess(const std::vector<std::string>& argv, const std::string& extra_env) {
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::vector<char*> env;
  for (char** e = environ; *e != nullptr; ++e) env.push_back(*e);
  if (!extra_env.empty()) env.push_back(const_cast<char*>(extra_env.c_str()));
  env.push_back(nullptr);
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, args[0], nullptr, nullptr, args.data(), env.data());
  if (rc != 0) {
    return base::UnavailableError("backup: cannot run " + argv[0] + ": " +
                                  std::system_category().message(rc));
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return base::InternalError("backup: waitpid failed");
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return base::UnavailableError("backup: pg_dump failed (exit status " +
                                  std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) +
                                  ")");
  }
  return base::Status::Ok();
}

}  // namespace

base::Result<PostgresOptions> ParsePostgresUrl(const StoreUrl& url) {
  PostgresOptions options;
  // Parameters passed on to libpq, each as "&key=value".
  std::string query;
  bool has_timeout = false;
  bool has_app = false;
  for (const auto& [key, value] : url.query) {
    if (key == "schema") {
      if (!IsIdentifier(value)) {
        return base::InvalidArgumentError("store url: schema must be letters, digits and _");
      }
      options.schema = value;
      continue;
    }
    if (key == "pool_size") {
      size_t n = 0;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (ec != std::errc() || end != value.data() + value.size() || n < 1 || n > kMaxPoolSize) {
        return base::InvalidArgumentError("store url: pool_size must be in 1..64");
      }
      options.pool_size = n;
      continue;
    }
    has_timeout = has_timeout || key == "connect_timeout";
    has_app = has_app || key == "application_name";
    query.append("&").append(PercentEncode(key)).append("=").append(PercentEncode(value));
  }
  // Fail fast when the server is unreachable instead of waiting for TCP's timeout.
  if (!has_timeout) query.append("&connect_timeout=5");
  if (!has_app) query.append("&application_name=binhyen");
  options.conninfo = "postgresql:" + url.rest + "?" + query.substr(1);
  return options;
}

PostgresStore::PostgresStore(PostgresOptions options)
    : options_(std::move(options)), pool_(MakePoolOptions(options_)) {}

base::Result<std::unique_ptr<PostgresStore>> PostgresStore::Open(PostgresOptions options) {
  std::unique_ptr<PostgresStore> store(new PostgresStore(std::move(options)));
  BINHYEN_ASSIGN_OR_RETURN(int version, store->SchemaVersion());
  if (version > LatestVersion()) {
    return base::FailedPreconditionError("schema: database version " + std::to_string(version) +
                                         " is newer than this binary (" +
                                         std::to_string(LatestVersion()) + ")");
  }
  return store;
}

int PostgresStore::LatestSchemaVersion() const { return LatestVersion(); }

base::Result<int> PostgresStore::SchemaVersion() {
  BINHYEN_ASSIGN_OR_RETURN(ConnectionPool::Lease lease, pool_.Acquire());
  BINHYEN_ASSIGN_OR_RETURN(std::unique_ptr<Session> session,
                           Session::Begin(std::move(lease), SessionMode::kReadOnly));
  return session->Read("schema version", [&]() -> base::Result<int> {
    if (session->ExecRaw("SELECT to_regclass('schema_migrations') IS NULL")[0][0].as<bool>()) {
      return 0;
    }
    return session->ExecRaw("SELECT coalesce(max(version), 0) FROM schema_migrations")[0][0]
        .as<int>();
  });
}

base::Status PostgresStore::Migrate() {
  for (const Migration& migration : PostgresMigrations()) {
    BINHYEN_ASSIGN_OR_RETURN(ConnectionPool::Lease lease, pool_.Acquire());
    BINHYEN_ASSIGN_OR_RETURN(std::unique_ptr<Session> session,
                             Session::Begin(std::move(lease), SessionMode::kReadWrite));
    const std::string context = "migration " + std::string(migration.name);
    BINHYEN_RETURN_IF_ERROR(session->Read(context, [&]() -> base::Status {
      session->ExecRaw(kLockMigrations);
      session->ExecRaw(kCreateMigrationsTable);
      if (!session->Exec(kMigrationApplied, Params().Add(migration.version)).empty()) {
        return base::Status::Ok();
      }
      session->ExecRaw(migration.sql);
      session->Exec(kRecordMigration, Params().Add(migration.version).Add(migration.name));
      return base::Status::Ok();
    }));
    BINHYEN_RETURN_IF_ERROR(session->Commit());
  }
  schema_current_.store(true, std::memory_order_release);
  return base::Status::Ok();
}

base::Result<std::unique_ptr<Transaction>> PostgresStore::Begin(TxMode mode) {
  if (!schema_current_.load(std::memory_order_acquire)) {
    BINHYEN_ASSIGN_OR_RETURN(int version, SchemaVersion());
    if (version != LatestVersion()) {
      return base::FailedPreconditionError(
          "schema: version " + std::to_string(version) + ", this binary needs " +
          std::to_string(LatestVersion()) + ": run `binhyen migrate`");
    }
    schema_current_.store(true, std::memory_order_release);
  }
  BINHYEN_ASSIGN_OR_RETURN(ConnectionPool::Lease lease, pool_.Acquire());
  BINHYEN_ASSIGN_OR_RETURN(
      std::unique_ptr<Session> session,
      Session::Begin(std::move(lease),
                     mode == TxMode::kReadOnly ? SessionMode::kReadOnly : SessionMode::kReadWrite));
  return std::unique_ptr<Transaction>(new PgTransaction(std::move(session)));
}

base::Status PostgresStore::Backup(const std::string& destination) {
  std::error_code ec;
  if (std::filesystem::exists(destination, ec)) {
    return base::AlreadyExistsError("backup: " + destination + " already exists");
  }
  const std::string pg_dump =
      access(std::string(kPgDump).c_str(), X_OK) == 0 ? std::string(kPgDump) : "pg_dump";
  // The password goes through the environment: a command line is visible to every local user.
  auto [url, password] = internal::TakePassword(options_.conninfo);
  std::vector<std::string> argv = {pg_dump, "--format=custom", "--no-owner",
                                   "--file=" + destination, "--dbname=" + url};
  if (!options_.schema.empty()) argv.push_back("--schema=" + options_.schema);
  return RunProcess(argv, password.empty() ? "" : "PGPASSWORD=" + password);
}

base::Status PostgresStore::CheckIntegrity() {
  BINHYEN_ASSIGN_OR_RETURN(ConnectionPool::Lease lease, pool_.Acquire());
  BINHYEN_ASSIGN_OR_RETURN(std::unique_ptr<Session> session,
                           Session::Begin(std::move(lease), SessionMode::kReadOnly));
  return session->Read("integrity check", [&]() -> base::Status {
    session->ExecRaw("SELECT 1");
    return base::Status::Ok();
  });
}

base::Status PostgresStore::ExecForTesting(std::string_view sql) {
  BINHYEN_ASSIGN_OR_RETURN(ConnectionPool::Lease lease, pool_.Acquire());
  BINHYEN_ASSIGN_OR_RETURN(std::unique_ptr<Session> session,
                           Session::Begin(std::move(lease), SessionMode::kReadWrite));
  BINHYEN_RETURN_IF_ERROR(session->Read("exec for testing", [&]() -> base::Status {
    session->ExecRaw(sql);
    return base::Status::Ok();
  }));
  return session->Commit();
}

base::Result<std::unique_ptr<ChangeListener>> PostgresStore::ListenForChanges() {
  BINHYEN_ASSIGN_OR_RETURN(
      std::unique_ptr<PgChangeListener> listener,
      PgChangeListener::Open(options_.conninfo, MakePoolOptions(options_).on_connect));
  return std::unique_ptr<ChangeListener>(std::move(listener));
}

base::Result<std::string> FreshTestSchema(std::string_view base_url, std::string_view name) {
  if (!IsIdentifier(name)) {
    return base::InvalidArgumentError("test schema: name must be letters, digits and _");
  }
  const std::string schema = base::AsciiLower(name);
  BINHYEN_ASSIGN_OR_RETURN(StoreUrl url, StoreUrl::Parse(base_url));
  BINHYEN_ASSIGN_OR_RETURN(PostgresOptions options, ParsePostgresUrl(url));
  try {
    pqxx::connection c(options.conninfo);
    pqxx::nontransaction w(c);
    w.exec("SET client_min_messages = warning");
    w.exec("CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public");
    w.exec("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public");
    w.exec("DROP SCHEMA IF EXISTS " + w.quote_name(schema) + " CASCADE");
    w.exec("CREATE SCHEMA " + w.quote_name(schema));
  } catch (...) {
    return StatusFromCurrentException("test schema " + schema);
  }
  return std::string(base_url) + (base_url.find('?') == std::string_view::npos ? "?" : "&") +
         "schema=" + schema;
}

}  // namespace binhyen::store::postgres

namespace binhyen::store {

void RegisterPostgres(Registry& registry) {
  auto open = [](const StoreUrl& url) -> base::Result<std::unique_ptr<Store>> {
    BINHYEN_ASSIGN_OR_RETURN(postgres::PostgresOptions options, postgres::ParsePostgresUrl(url));
    BINHYEN_ASSIGN_OR_RETURN(std::unique_ptr<postgres::PostgresStore> store,
                             postgres::PostgresStore::Open(std::move(options)));
    return std::unique_ptr<Store>(std::move(store));
  };
  registry.Register("postgres", open);
  registry.Register("postgresql", open);
  registry.RegisterTestDatabaseFactory("postgres", postgres::FreshTestSchema);
  registry.RegisterTestDatabaseFactory("postgresql", postgres::FreshTestSchema);
}

}  // namespace binhyen::store
