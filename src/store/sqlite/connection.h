#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "base/status.h"

namespace binhyen::store::sqlite {

// How connections are configured (from the store URL's query).
struct ConnectionOptions {
  bool synchronous_full = false;  // synchronous=FULL instead of NORMAL
  int busy_timeout_ms = 5000;
};

// Maps a SQLite result code (with the connection's message) to a Status:
// UNIQUE / PRIMARY KEY → AlreadyExists "<column>: already exists"; CHECK → InvalidArgument
// "<constraint>: invalid value" (constraints are named after their column); NOT NULL →
// InvalidArgument "<column>: must not be null"; FOREIGN KEY → InvalidArgument "foreign key: ...";
// BUSY / LOCKED → Unavailable "database busy"; FULL → Unavailable "disk full"; IOERR / CANTOPEN
// → Unavailable; CORRUPT / NOTADB → Internal "database corrupt"; READONLY → FailedPrecondition
// "transaction: read-only"; anything else → Internal. `context` prefixes non-field messages.
base::Status SqliteError(sqlite3* db, int rc, std::string_view context);

class Connection;

// A prepared statement borrowed from a Connection's cache for one execution. Resets and clears
// its bindings when destroyed. Bind indexes start at 1; column indexes at 0.
// Thread safety: confine to one thread (like its Connection).
class Statement {
 public:
  Statement(Connection& connection, sqlite3_stmt* stmt, bool* busy, bool owned);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, std::string_view text);
  Statement& BindBlob(int index, std::string_view bytes);
  Statement& BindNull(int index);
  // Named apart from Bind: an `int` argument would be ambiguous between int64_t and double.
  Statement& BindDouble(int index, double value);
  Statement& Bind(int index, base::TimePoint t);
  Statement& Bind(int index, const std::optional<base::TimePoint>& t);
  Statement& Bind(int index, const std::optional<int64_t>& v);
  Statement& BindBlob(int index, const std::optional<std::string>& bytes);

  // Steps once: true when a row is available, false when done.
  base::Result<bool> Step();
  // Steps to completion (for statements without rows).
  base::Status Run();

  int64_t Int(int col) const;
  double Double(int col) const;
  std::string Text(int col) const;
  std::string Blob(int col) const;
  bool IsNull(int col) const;
  base::TimePoint Time(int col) const;
  std::optional<base::TimePoint> OptionalTime(int col) const;
  std::optional<int64_t> OptionalInt(int col) const;
  std::optional<std::string> OptionalBlob(int col) const;

 private:
  Connection& connection_;
  sqlite3_stmt* stmt_;
  bool* busy_;
  bool owned_;
};

// Steps `s` to the end and returns the first column of every row (ids of a query).
base::Result<std::vector<int64_t>> CollectIds(Statement& s);

// One SQLite connection with its prepared-statement cache.
// Thread safety: confine to one thread at a time (the store hands it out under a lock).
class Connection {
 public:
  // Opens `path` (creating it when `create`), sets busy_timeout, foreign_keys=ON and the
  // synchronous level. `read_only` connections also set query_only.
  static base::Result<std::unique_ptr<Connection>> Open(const std::string& path, bool create,
                                                        bool read_only,
                                                        const ConnectionOptions& options);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one or more statements without results (sqlite3_exec).
  base::Status Exec(std::string_view sql);

  // Runs one statement without results through the statement cache (cheaper than Exec when
  // repeated, e.g. SAVEPOINT / RELEASE).
  base::Status ExecCached(std::string_view sql);

  // A cached prepared statement for `sql` (prepared on first use). When the cached one is in
  // use (nested use of the same SQL), a fresh uncached statement is returned.
  base::Result<std::unique_ptr<Statement>> Prepare(std::string_view sql);

  sqlite3* db() const { return db_; }

  // The error of the last failed call on this connection, mapped as SqliteError does.
  base::Status Error(int rc, std::string_view context) const;

 private:
  explicit Connection(sqlite3* db) : db_(db) {}

  struct Cached {
    sqlite3_stmt* stmt = nullptr;
    bool busy = false;
  };

  sqlite3* db_;
  std::unordered_map<std::string, Cached> cache_;
};

}  // namespace binhyen::store::sqlite
