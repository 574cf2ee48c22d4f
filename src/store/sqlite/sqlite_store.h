#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/result.h"
#include "store/registry.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/simhash_index.h"
#include "store/sqlite/writer.h"
#include "store/store.h"

namespace binhyen::store::sqlite {

// The SQLite backend: one database file in WAL mode.
//
// URL: "sqlite:PATH[?synchronous=normal|full][&busy_timeout_ms=N][&readers=N]"
// ("sqlite:///abs/path" is accepted too). Defaults: synchronous=normal, busy_timeout_ms=5000,
// readers=4 (idle reader connections kept; more are opened on demand).
//
// Concurrency design: ONE writer connection with group commit (sqlite/writer.h). A read-write
// Transaction holds the writer from Begin() to Commit()/destruction, so writers are serialised
// in this process (SQLite's file lock serialises other processes); when writers queue up, their
// transactions are chained into one SQLite transaction and committed together, so N concurrent
// writers pay one COMMIT (one fsync with synchronous=FULL). A lone writer commits at once and
// pays nothing extra. Read-only transactions take a connection from a pool (query_only) and run
// in parallel with the writer, each on its own WAL snapshot.
//
// Durability: after Commit() returns Ok the data survives kill -9 of the process in both modes
// (the WAL is in the OS page cache / on disk); with NORMAL the last commits may be lost on power
// failure, never corrupting the file.
//
// Thread safety: thread-safe. Transactions: confine each to one thread.
class SqliteStore final : public Store {
 public:
  // Opens or creates the database described by `url` (scheme "sqlite"). Does not migrate.
  // FailedPrecondition when the file was migrated by a newer binary; InvalidArgument for a bad
  // URL option; Unavailable / Internal when the file cannot be opened or is not a database.
  static base::Result<std::unique_ptr<SqliteStore>> Open(const StoreUrl& url);

  ~SqliteStore() override;

  std::string_view Backend() const override { return "sqlite"; }
  base::Status Migrate() override;
  base::Result<int> SchemaVersion() override;
  int LatestSchemaVersion() const override;
  base::Result<std::unique_ptr<Transaction>> Begin(TxMode mode) override;
  base::Status Backup(const std::string& destination) override;
  base::Status CheckIntegrity() override;
  base::Status ExecForTesting(std::string_view sql) override;

  // Used by transactions to hand a reader connection back.
  void ReleaseReader(std::unique_ptr<Connection> connection);

  // The reports' simhashes by band (FindNearDuplicates), and bringing it up to date with the
  // committed reports from a reader connection.
  SimhashIndex& simhash_index() { return simhash_index_; }
  base::Status CatchUpSimhashIndex();

 private:
  SqliteStore(std::string path, ConnectionOptions options, size_t max_idle_readers,
              std::unique_ptr<Connection> writer);
  base::Status MigrateLocked(Connection& c);

  base::Result<std::unique_ptr<Connection>> AcquireReader();
  base::Status CheckSchemaCurrent();
  // Applies one migration in its own transaction, with foreign keys off meanwhile (see the .cc).
  static base::Status ApplyMigration(Connection& c, int version, std::string_view name,
                                     std::string_view sql);
  static base::Status ApplyMigrationWithoutForeignKeys(Connection& c, int version,
                                                       std::string_view name, std::string_view sql);

  const std::string path_;
  const ConnectionOptions options_;
  const size_t max_idle_readers_;

  Writer writer_;

  std::mutex readers_mu_;
  std::vector<std::unique_ptr<Connection>> idle_readers_;  // guarded by readers_mu_

  std::atomic<bool> schema_current_{false};
  SimhashIndex simhash_index_;
};

// Ok when PRAGMA foreign_key_check finds nothing; otherwise Internal "foreign_key_check: table
// <t> row <rowid> references a missing <parent> row" naming the first violation.
base::Status CheckForeignKeys(Connection& connection);

// The schema version recorded in `connection`'s database (0 when schema_migrations is absent).
base::Result<int> ReadSchemaVersion(Connection& connection);

}  // namespace binhyen::store::sqlite
