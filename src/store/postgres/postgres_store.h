#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "base/result.h"
#include "store/postgres/connection_pool.h"
#include "store/registry.h"
#include "store/store.h"

namespace binhyen::store::postgres {

// Options of a PostgreSQL store, from its URL (registry.h):
//   postgres://USER:PASSWORD@HOST:PORT/DB?schema=NAME&pool_size=N&<libpq parameters>
// `schema` puts every table in that schema (search_path = NAME, public; the schema must exist);
// `pool_size` (1..64, default 8) bounds the connections (a transaction holds one from Begin to
// Commit or destruction); other query parameters (sslmode,
// connect_timeout, application_name, ...) go to libpq unchanged.
struct PostgresOptions {
  std::string conninfo;  // libpq URL without our own parameters
  std::string schema;    // "" for the server's default search_path
  size_t pool_size = 8;
};

// InvalidArgument "store url: ..." for a bad pool_size or schema name.
base::Result<PostgresOptions> ParsePostgresUrl(const StoreUrl& url);

// The Store on PostgreSQL 15 (libpqxx 6.4). Thread-safe: each transaction leases one pooled
// connection for its lifetime.
class PostgresStore final : public Store {
 public:
  // Connects once to check the schema version. Unavailable when the server cannot be reached.
  static base::Result<std::unique_ptr<PostgresStore>> Open(PostgresOptions options);

  std::string_view Backend() const override { return "postgres"; }
  base::Status Migrate() override;
  base::Result<int> SchemaVersion() override;
  int LatestSchemaVersion() const override;
  base::Result<std::unique_ptr<Transaction>> Begin(TxMode mode) override;
  base::Status Backup(const std::string& destination) override;
  base::Status CheckIntegrity() override;
  base::Status ExecForTesting(std::string_view sql) override;
  // A PgChangeListener (change_listener.h) on a connection of its own, with the pool's session
  // settings.
  base::Result<std::unique_ptr<ChangeListener>> ListenForChanges() override;

  // Connections open now (for tests of the pool's reconnection).
  size_t OpenConnections() const { return pool_.OpenCount(); }

 private:
  explicit PostgresStore(PostgresOptions options);

  const PostgresOptions options_;
  ConnectionPool pool_;
  // Set once the schema was seen at LatestSchemaVersion(): Begin stops checking.
  std::atomic<bool> schema_current_{false};
};

// Creates (or empties) schema `name` in the database of `base_url` and returns base_url with
// "schema=<name>" added: a fresh store for one test. The unaccent and pg_trgm extensions are
// created in schema public if missing.
base::Result<std::string> FreshTestSchema(std::string_view base_url, std::string_view name);

namespace internal {
// Splits the password out of a libpq URL: {URL without ":password", decoded password}. For
// pg_dump, whose command line every local user can read. Exposed for tests.
std::pair<std::string, std::string> TakePassword(const std::string& url);
}  // namespace internal

}  // namespace binhyen::store::postgres
