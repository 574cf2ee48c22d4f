#include "store/sqlite/sqlite_store.h"

#include <charconv>
#include <chrono>
#include <filesystem>
#include <utility>

#include "store/migrations.h"
#include "store/sqlite/transaction.h"

namespace binhyen::store::sqlite {
namespace {

base::Result<int> ParseIntOption(const std::string& key, const std::string& value, int min,
                                 int max) {
  int v = 0;
  auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
  if (ec != std::errc() || ptr != value.data() + value.size() || v < min || v > max) {
    return base::InvalidArgumentError("store url: " + key + " must be an integer in " +
                                      std::to_string(min) + ".." + std::to_string(max));
  }
  return v;
}

}  // namespace

base::Status CheckForeignKeys(Connection& connection) {
  BINHYEN_ASSIGN_OR_RETURN(auto s, connection.Prepare("PRAGMA foreign_key_check"));
  BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
  if (row) {
    // Columns: table, rowid (NULL for a WITHOUT ROWID table), parent table, foreign key index.
    const std::string rowid = s->IsNull(1) ? "without rowid" : std::to_string(s->Int(1));
    return base::InternalError("foreign_key_check: table " + s->Text(0) + " row " + rowid +
                               " references a missing " + s->Text(2) + " row");
  }
  return base::Status::Ok();
}

base::Result<int> ReadSchemaVersion(Connection& connection) {
  BINHYEN_ASSIGN_OR_RETURN(auto exists, connection.Prepare("SELECT 1 FROM sqlite_master WHERE "
                                                           "type = 'table' AND name = "
                                                           "'schema_migrations'"));
  BINHYEN_ASSIGN_OR_RETURN(bool has_table, exists->Step());
  exists.reset();
  if (!has_table) return 0;
  BINHYEN_ASSIGN_OR_RETURN(auto s, connection.Prepare("SELECT coalesce(max(version), 0) FROM "
                                                      "schema_migrations"));
  BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
  (void)row;
  return static_cast<int>(s->Int(0));
}

base::Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const StoreUrl& url) {
  std::string path = url.rest;
  if (path.starts_with("///")) path = path.substr(2);
  if (path.empty()) return base::InvalidArgumentError("store url: the sqlite path is empty");
  ConnectionOptions options;
  size_t readers = 4;
  for (const auto& [key, value] : url.query) {
    if (key == "synchronous") {
      if (value != "normal" && value != "full") {
        return base::InvalidArgumentError("store url: synchronous must be normal or full");
      }
      options.synchronous_full = value == "full";
    } else if (key == "busy_timeout_ms") {
      BINHYEN_ASSIGN_OR_RETURN(options.busy_timeout_ms, ParseIntOption(key, value, 0, 600'000));
    } else if (key == "readers") {
      BINHYEN_ASSIGN_OR_RETURN(int n, ParseIntOption(key, value, 0, 64));
      readers = static_cast<size_t>(n);
    } else {
      return base::InvalidArgumentError("store url: unknown sqlite option '" + key + "'");
    }
  }
  BINHYEN_ASSIGN_OR_RETURN(auto writer, Connection::Open(path, /*create=*/true,
                                                         /*read_only=*/false, options));
  // WAL: readers never block the writer. A checkpoint every 4000 pages (16 MiB of WAL) instead
  // of SQLite's 1000 lets repeated writes of the same hot pages (the last leaf of each index)
  // reach the database file once, and pays the checkpoint's fsync less often.
  BINHYEN_RETURN_IF_ERROR(writer
                              ->Exec("PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=4000; "
                                     "PRAGMA journal_size_limit=67108864")
                              .WithContext("open " + path));
  BINHYEN_ASSIGN_OR_RETURN(int version, ReadSchemaVersion(*writer));
  const int latest = static_cast<int>(SqliteMigrations().size());
  if (version > latest) {
    return base::FailedPreconditionError("schema: database version " + std::to_string(version) +
                                         " is newer than this binary (" + std::to_string(latest) +
                                         ")");
  }
  return std::unique_ptr<SqliteStore>(
      new SqliteStore(std::move(path), options, readers, std::move(writer)));
}

SqliteStore::SqliteStore(std::string path, ConnectionOptions options, size_t max_idle_readers,
                         std::unique_ptr<Connection> writer)
    : path_(std::move(path)),
      options_(options),
      max_idle_readers_(max_idle_readers),
      writer_(std::move(writer), std::chrono::milliseconds(options.busy_timeout_ms)) {}

SqliteStore::~SqliteStore() = default;

int SqliteStore::LatestSchemaVersion() const { return static_cast<int>(SqliteMigrations().size()); }

base::Result<int> SqliteStore::SchemaVersion() {
  return writer_.Exclusive([](Connection& c) { return ReadSchemaVersion(c); });
}

base::Status SqliteStore::ApplyMigration(Connection& c, int version, std::string_view name,
                                         std::string_view sql) {
  // A migration may rebuild a table that others reference (SQLite's procedure for schema changes
  // ALTER TABLE cannot make, https://www.sqlite.org/lang_altertable.html): foreign keys must be
  // off meanwhile, and that pragma is a no-op inside a transaction. legacy_alter_table is pinned
  // OFF so that a rename behaves the same whatever this SQLite was built with. The foreign keys
  // are checked before COMMIT instead, and switched back on whatever happened.
  BINHYEN_RETURN_IF_ERROR(c.Exec("PRAGMA foreign_keys=OFF; PRAGMA legacy_alter_table=OFF")
                              .WithContext("migration " + std::string(name)));
  base::Status s = ApplyMigrationWithoutForeignKeys(c, version, name, sql);
  base::Status on = c.Exec("PRAGMA foreign_keys=ON");
  if (s.ok() && !on.ok()) s = on.WithContext("migration " + std::string(name));
  return s;
}

base::Status SqliteStore::ApplyMigrationWithoutForeignKeys(Connection& c, int version,
                                                           std::string_view name,
                                                           std::string_view sql) {
  BINHYEN_RETURN_IF_ERROR(c.Exec("BEGIN IMMEDIATE").WithContext("migration " + std::string(name)));
  auto apply = [&]() -> base::Status {
    // Another process may have applied it since we looked.
    BINHYEN_ASSIGN_OR_RETURN(int current, ReadSchemaVersion(c));
    if (current >= version) return base::Status::Ok();
    BINHYEN_RETURN_IF_ERROR(c.Exec(sql));
    BINHYEN_RETURN_IF_ERROR(CheckForeignKeys(c));
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, c.Prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES "
                          "(?, ?, CAST(strftime('%s', 'now') AS INTEGER) * 1000000)"));
    s->Bind(1, static_cast<int64_t>(version)).Bind(2, name);
    return s->Run();
  };
  base::Status s = apply();
  if (s.ok()) s = c.Exec("COMMIT");
  if (!s.ok()) {
    if (!sqlite3_get_autocommit(c.db())) (void)c.Exec("ROLLBACK");
    return s.WithContext("migration " + std::string(name));
  }
  return base::Status::Ok();
}

base::Status SqliteStore::Migrate() {
  BINHYEN_RETURN_IF_ERROR(writer_.Exclusive([&](Connection& c) { return MigrateLocked(c); }));
  schema_current_.store(true, std::memory_order_release);
  return base::Status::Ok();
}

base::Status SqliteStore::MigrateLocked(Connection& c) {
  BINHYEN_RETURN_IF_ERROR(c.Exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT "
      "NULL, applied_at INTEGER NOT NULL) STRICT"));
  BINHYEN_ASSIGN_OR_RETURN(int current, ReadSchemaVersion(c));
  const auto migrations = SqliteMigrations();
  if (current > static_cast<int>(migrations.size())) {
    return base::FailedPreconditionError("schema: database version " + std::to_string(current) +
                                         " is newer than this binary (" +
                                         std::to_string(migrations.size()) + ")");
  }
  for (const Migration& m : migrations) {
    if (m.version <= current) continue;
    BINHYEN_RETURN_IF_ERROR(ApplyMigration(c, m.version, m.name, m.sql));
  }
  return base::Status::Ok();
}

base::Status SqliteStore::CheckSchemaCurrent() {
  if (schema_current_.load(std::memory_order_acquire)) return base::Status::Ok();
  BINHYEN_ASSIGN_OR_RETURN(int version, SchemaVersion());
  const int latest = LatestSchemaVersion();
  if (version != latest) {
    return base::FailedPreconditionError("schema: version " + std::to_string(version) +
                                         ", this binary needs " + std::to_string(latest) +
                                         ": run `binhyen migrate`");
  }
  schema_current_.store(true, std::memory_order_release);
  return base::Status::Ok();
}

base::Result<std::unique_ptr<Connection>> SqliteStore::AcquireReader() {
  {
    std::lock_guard lock(readers_mu_);
    if (!idle_readers_.empty()) {
      auto c = std::move(idle_readers_.back());
      idle_readers_.pop_back();
      return c;
    }
  }
  return Connection::Open(path_, /*create=*/false, /*read_only=*/true, options_);
}

base::Status SqliteStore::CatchUpSimhashIndex() {
  BINHYEN_ASSIGN_OR_RETURN(std::unique_ptr<Connection> reader, AcquireReader());
  base::Status s = simhash_index_.CatchUp(*reader);  // outside a transaction: committed data
  ReleaseReader(std::move(reader));
  return s;
}

void SqliteStore::ReleaseReader(std::unique_ptr<Connection> connection) {
  if (connection == nullptr) return;
  std::lock_guard lock(readers_mu_);
  if (idle_readers_.size() < max_idle_readers_) idle_readers_.push_back(std::move(connection));
}

base::Result<std::unique_ptr<Transaction>> SqliteStore::Begin(TxMode mode) {
  BINHYEN_RETURN_IF_ERROR(CheckSchemaCurrent());
  if (mode == TxMode::kReadOnly) {
    BINHYEN_ASSIGN_OR_RETURN(std::unique_ptr<Connection> reader, AcquireReader());
    BINHYEN_RETURN_IF_ERROR(reader->ExecCached("BEGIN"));
    return std::unique_ptr<Transaction>(new SqliteTransaction(*this, std::move(reader)));
  }
  BINHYEN_ASSIGN_OR_RETURN(Writer::Member member, writer_.Join());
  return std::unique_ptr<Transaction>(new SqliteTransaction(*this, writer_, std::move(member)));
}

base::Status SqliteStore::Backup(const std::string& destination) {
  std::error_code ec;
  if (std::filesystem::exists(destination, ec)) {
    return base::AlreadyExistsError("backup: " + destination + " already exists");
  }
  BINHYEN_ASSIGN_OR_RETURN(std::unique_ptr<Connection> source, AcquireReader());
  sqlite3* dest = nullptr;
  int rc = sqlite3_open_v2(destination.c_str(), &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                           nullptr);
  base::Status status;
  if (rc != SQLITE_OK) {
    status = SqliteError(dest, rc, "backup: open " + destination);
  } else {
    sqlite3_backup* backup = sqlite3_backup_init(dest, "main", source->db(), "main");
    if (backup == nullptr) {
      status = SqliteError(dest, sqlite3_errcode(dest), "backup");
    } else {
      // One step copies every page inside a single read transaction: a consistent snapshot.
      rc = sqlite3_backup_step(backup, -1);
      sqlite3_backup_finish(backup);
      if (rc != SQLITE_DONE) status = SqliteError(dest, rc, "backup");
    }
  }
  sqlite3_close_v2(dest);
  ReleaseReader(std::move(source));
  if (!status.ok()) std::filesystem::remove(destination, ec);
  return status;
}

base::Status SqliteStore::CheckIntegrity() {
  BINHYEN_ASSIGN_OR_RETURN(std::unique_ptr<Connection> c, AcquireReader());
  auto check = [&]() -> base::Status {
    {
      BINHYEN_ASSIGN_OR_RETURN(auto s, c->Prepare("PRAGMA integrity_check"));
      BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) return base::InternalError("integrity_check: no result");
      if (s->Text(0) != "ok") return base::InternalError("integrity_check: " + s->Text(0));
    }
    return CheckForeignKeys(*c);
  };
  base::Status status = check();
  ReleaseReader(std::move(c));
  return status;
}

base::Status SqliteStore::ExecForTesting(std::string_view sql) {
  return writer_.Exclusive([&](Connection& c) { return c.Exec(sql); });
}

}  // namespace binhyen::store::sqlite

namespace binhyen::store {

void RegisterSqlite(Registry& registry) {
  // SQLite's allocation statistics take a global mutex on every malloc; we never read them.
  // This is only accepted before SQLite initialises; later calls fail harmlessly (SQLITE_MISUSE).
  (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  registry.Register("sqlite", [](const StoreUrl& url) -> base::Result<std::unique_ptr<Store>> {
    BINHYEN_ASSIGN_OR_RETURN(auto store, sqlite::SqliteStore::Open(url));
    return std::unique_ptr<Store>(std::move(store));
  });
}

}  // namespace binhyen::store
