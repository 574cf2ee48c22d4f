#include "store/sqlite/connection.h"

#include <utility>

#include "domain/audit.h"

namespace binhyen::store::sqlite {
namespace {

// "UNIQUE constraint failed: users.name" → "name"; several columns → the last one;
// "CHECK constraint failed: loss_vnd" → "loss_vnd".
std::string ConstraintField(std::string_view message) {
  const size_t colon = message.find(": ");
  std::string_view rest = colon == std::string_view::npos ? message : message.substr(colon + 2);
  const size_t comma = rest.rfind(", ");
  if (comma != std::string_view::npos) rest = rest.substr(comma + 2);
  const size_t dot = rest.rfind('.');
  if (dot != std::string_view::npos) rest = rest.substr(dot + 1);
  return std::string(rest);
}

}  // namespace

base::Status SqliteError(sqlite3* db, int rc, std::string_view context) {
  const std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  const int extended = db ? sqlite3_extended_errcode(db) : rc;
  const std::string prefix = context.empty() ? "" : std::string(context) + ": ";
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:
      switch (extended) {
        case SQLITE_CONSTRAINT_UNIQUE:
        case SQLITE_CONSTRAINT_PRIMARYKEY:
          return base::AlreadyExistsError(ConstraintField(message) + ": already exists");
        case SQLITE_CONSTRAINT_CHECK:
          return base::InvalidArgumentError(ConstraintField(message) + ": invalid value");
        case SQLITE_CONSTRAINT_NOTNULL:
          return base::InvalidArgumentError(ConstraintField(message) + ": must not be null");
        case SQLITE_CONSTRAINT_FOREIGNKEY:
          return base::InvalidArgumentError("foreign key: a referenced row does not exist");
        default: return base::InvalidArgumentError(prefix + message);
      }
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return base::UnavailableError(prefix + "database busy");
    case SQLITE_FULL: return base::UnavailableError(prefix + "disk full");
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_PROTOCOL:
    case SQLITE_NOMEM: return base::UnavailableError(prefix + message);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: return base::InternalError(prefix + "database corrupt: " + message);
    case SQLITE_READONLY: return base::FailedPreconditionError("transaction: read-only");
    default: return base::InternalError(prefix + message);
  }
}

Statement::Statement(Connection& connection, sqlite3_stmt* stmt, bool* busy, bool owned)
    : connection_(connection), stmt_(stmt), busy_(busy), owned_(owned) {}

Statement::~Statement() {
  if (owned_) {
    sqlite3_finalize(stmt_);
    return;
  }
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  *busy_ = false;
}

Statement& Statement::Bind(int index, int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}
Statement& Statement::Bind(int index, std::string_view text) {
  sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  return *this;
}
Statement& Statement::BindBlob(int index, std::string_view bytes) {
  sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::BindNull(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}
Statement& Statement::BindDouble(int index, double value) {
  sqlite3_bind_double(stmt_, index, value);
  return *this;
}
Statement& Statement::Bind(int index, base::TimePoint t) {
  return Bind(index, static_cast<int64_t>(domain::ToMicros(t)));
}
Statement& Statement::Bind(int index, const std::optional<base::TimePoint>& t) {
  return t ? Bind(index, *t) : BindNull(index);
}
Statement& Statement::Bind(int index, const std::optional<int64_t>& v) {
  return v ? Bind(index, *v) : BindNull(index);
}
Statement& Statement::BindBlob(int index, const std::optional<std::string>& bytes) {
  return bytes ? BindBlob(index, std::string_view(*bytes)) : BindNull(index);
}

base::Result<bool> Statement::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return connection_.Error(rc, "");
}

base::Status Statement::Run() {
  while (true) {
    BINHYEN_ASSIGN_OR_RETURN(bool row, Step());
    if (!row) return base::Status::Ok();
  }
}

int64_t Statement::Int(int col) const { return sqlite3_column_int64(stmt_, col); }
double Statement::Double(int col) const { return sqlite3_column_double(stmt_, col); }
std::string Statement::Text(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  return p ? std::string(p, sqlite3_column_bytes(stmt_, col)) : std::string();
}
std::string Statement::Blob(int col) const {
  const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_, col));
  return p ? std::string(p, sqlite3_column_bytes(stmt_, col)) : std::string();
}
bool Statement::IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
base::TimePoint Statement::Time(int col) const { return domain::FromMicros(Int(col)); }
std::optional<base::TimePoint> Statement::OptionalTime(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Time(col);
}
std::optional<int64_t> Statement::OptionalInt(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Int(col);
}
std::optional<std::string> Statement::OptionalBlob(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Blob(col);
}

base::Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path, bool create,
                                                           bool read_only,
                                                           const ConnectionOptions& options) {
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (create) flags |= SQLITE_OPEN_CREATE;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    base::Status s = SqliteError(db, rc, "open " + path);
    sqlite3_close_v2(db);
    return s;
  }
  std::unique_ptr<Connection> conn(new Connection(db));
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, options.busy_timeout_ms);
  std::string pragmas = "PRAGMA foreign_keys=ON; PRAGMA synchronous=";
  pragmas += options.synchronous_full ? "FULL;" : "NORMAL;";
  // The page cache keeps at most 8 MiB of clean pages (cache_size). A reader's cache is dropped
  // whenever the writer commits, but the writer's never is (the changes are its own): it keeps
  // every page the database grows by, about 1.2 KiB per report, up to the bound. At the former
  // 64 MiB a server's resident memory therefore grew for its first 55,000 reports (the soak of
  // docs/PERFORMANCE.md). A big write transaction still keeps up to 16,384 dirty pages (64 MiB at
  // 4 KiB pages) before spilling any into the WAL ahead of COMMIT (cache_spill); once committed,
  // the cache shrinks back to cache_size. Memory-mapped reads avoid a read() per page.
  pragmas +=
      " PRAGMA cache_size=-8192; PRAGMA cache_spill=16384; PRAGMA mmap_size=268435456;"
      " PRAGMA temp_store=MEMORY;";
  if (read_only) pragmas += " PRAGMA query_only=ON;";
  BINHYEN_RETURN_IF_ERROR(conn->Exec(pragmas));
  return conn;
}

Connection::~Connection() {
  for (auto& [sql, cached] : cache_) sqlite3_finalize(cached.stmt);
  sqlite3_close_v2(db_);
}

base::Status Connection::Exec(std::string_view sql) {
  char* error = nullptr;
  const int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &error);
  sqlite3_free(error);
  if (rc != SQLITE_OK) return Error(rc, "");
  return base::Status::Ok();
}

base::Status Connection::ExecCached(std::string_view sql) {
  BINHYEN_ASSIGN_OR_RETURN(auto stmt, Prepare(sql));
  return stmt->Run();
}

base::Result<std::unique_ptr<Statement>> Connection::Prepare(std::string_view sql) {
  auto it = cache_.find(std::string(sql));
  if (it != cache_.end() && !it->second.busy) {
    it->second.busy = true;
    return std::make_unique<Statement>(*this, it->second.stmt, &it->second.busy, false);
  }
  sqlite3_stmt* stmt = nullptr;
  const bool cache = it == cache_.end();
  const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                    cache ? SQLITE_PREPARE_PERSISTENT : 0, &stmt, nullptr);
  if (rc != SQLITE_OK) return Error(rc, "prepare");
  if (!cache) return std::make_unique<Statement>(*this, stmt, nullptr, true);
  Cached& entry = cache_[std::string(sql)];
  entry.stmt = stmt;
  entry.busy = true;
  return std::make_unique<Statement>(*this, stmt, &entry.busy, false);
}

base::Status Connection::Error(int rc, std::string_view context) const {
  return SqliteError(db_, rc, context);
}

base::Result<std::vector<int64_t>> CollectIds(Statement& s) {
  std::vector<int64_t> ids;
  while (true) {
    BINHYEN_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    ids.push_back(s.Int(0));
  }
  return ids;
}

}  // namespace binhyen::store::sqlite
