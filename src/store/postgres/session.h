#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <pqxx/nontransaction>
#include <pqxx/result>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "base/status.h"
#include "store/postgres/connection_pool.h"
#include "store/postgres/errors.h"

namespace binhyen::store::postgres {

// A named SQL statement, prepared once per connection on first use. `name` must be a string
// literal unique within the backend.
struct Sql {
  std::string_view name;
  std::string_view text;
};

// Positional parameters ($1, $2, ...) of a statement, as text (PostgreSQL converts them to the
// column types). nullopt / AddNull bind SQL NULL. Confine to one thread.
class Params {
 public:
  Params& Add(std::string_view value) {
    values_.emplace_back(std::string(value));
    return *this;
  }
  Params& Add(const char* value) { return Add(std::string_view(value)); }
  Params& Add(const std::string& value) { return Add(std::string_view(value)); }
  Params& Add(int64_t value) {
    values_.emplace_back(std::to_string(value));
    return *this;
  }
  Params& Add(int value) { return Add(static_cast<int64_t>(value)); }
  Params& Add(bool value) {
    values_.emplace_back(value ? "true" : "false");
    return *this;
  }
  Params& AddNull() {
    values_.emplace_back(std::nullopt);
    return *this;
  }
  template <typename T>
  Params& Add(const std::optional<T>& value) {
    return value.has_value() ? Add(*value) : AddNull();
  }
  // A time as microseconds since the epoch (the schema's representation).
  Params& AddTime(base::TimePoint t);
  Params& AddTime(const std::optional<base::TimePoint>& t) {
    return t.has_value() ? AddTime(*t) : AddNull();
  }
  // Bytes for a bytea column: bound as hex text, so the SQL must say decode($n, 'hex').
  Params& AddBytes(const std::optional<std::string>& bytes);

  // Pointers into the values (nullptr for NULL); valid while this object is unchanged.
  std::vector<const char*> Pointers() const;

 private:
  std::vector<std::optional<std::string>> values_;
};

enum class SessionMode { kReadOnly, kReadWrite };

// One database transaction on a leased connection: BEGIN on creation, COMMIT or ROLLBACK at the
// end. Every repository call runs through Run(), which turns library exceptions into a Status
// and poisons the session on any error (the Store contract: nothing after an error is kept).
// Confine to one thread.
class Session {
 public:
  // Leases `lease`'s connection for the whole transaction. Returns Unavailable when BEGIN fails
  // because the connection is gone (the lease is then discarded).
  static base::Result<std::unique_ptr<Session>> Begin(ConnectionPool::Lease lease,
                                                      SessionMode mode);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // The error contract of store.h, as in the SQLite backend:
  // - Read(): runs `fn` (which calls Exec and returns a Status or Result). An exception from the
  //   library aborts PostgreSQL's transaction, so it poisons the session.
  // - Write(): the same inside a savepoint: when `fn` fails, its partial effects are rolled back
  //   and the transaction stays usable, unless the error is Unavailable, Internal or Aborted
  //   (which poison it). In a read-only session, FailedPrecondition "transaction: read-only".
  // On a poisoned session both return FailedPrecondition "transaction: aborted by an earlier
  // error". `context` names the operation in messages that do not name a field.
  template <typename F>
  auto Read(std::string_view context, F&& fn) -> decltype(fn()) {
    if (base::Status usable = CheckUsable(); !usable.ok()) return usable;
    try {
      auto outcome = fn();
      NoteError(StatusOf(outcome));
      return outcome;
    } catch (...) {
      return Fail(StatusFromCurrentException(context));
    }
  }

  template <typename F>
  auto Write(std::string_view context, F&& fn) -> decltype(fn()) {
    if (base::Status usable = CheckUsable(); !usable.ok()) return usable;
    if (ReadOnly()) return base::FailedPreconditionError("transaction: read-only");
    try {
      // The previous Write's savepoint is released here, in the same round trip, rather than
      // in a round trip of its own (COMMIT releases the last one).
      ExecRaw(savepoint_open_ ? "RELEASE SAVEPOINT w; SAVEPOINT w" : "SAVEPOINT w");
      savepoint_open_ = true;
    } catch (...) {
      return Fail(StatusFromCurrentException(context));
    }
    base::Status failure;
    try {
      auto outcome = fn();
      if (StatusOf(outcome).ok()) return outcome;
      failure = StatusOf(outcome);
    } catch (...) {
      failure = StatusFromCurrentException(context);
    }
    RollbackToSavepoint();
    NoteError(failure);
    return failure;
  }

  // Runs a statement. Throws pqxx exceptions (call inside Run).
  pqxx::result Exec(const Sql& sql, const Params& params = Params());
  // Runs a statement text without parameters (DDL, migrations). Throws.
  pqxx::result ExecRaw(std::string_view sql);

  base::Status Commit();
  bool ReadOnly() const { return mode_ == SessionMode::kReadOnly; }

 private:
  Session(ConnectionPool::Lease lease, SessionMode mode);
  static const base::Status& StatusOf(const base::Status& s) { return s; }
  template <typename T>
  static const base::Status& StatusOf(const base::Result<T>& r) {
    return r.status();
  }

  base::Status CheckUsable() const;
  // Poisons the session on Unavailable, Internal and Aborted.
  void NoteError(const base::Status& status);
  // Poisons the session and discards the connection when it was lost (PoisonFor); Fail also
  // returns `status`.
  void PoisonFor(const base::Status& status);
  base::Status Fail(base::Status status);
  void RollbackToSavepoint();
  void ReleaseConnection();

  ConnectionPool::Lease lease_;
  SessionMode mode_;
  std::optional<pqxx::nontransaction> work_;
  bool poisoned_ = false;
  // A successful Write leaves its savepoint open; the next Write releases it (Reads between
  // the two run inside it, which changes nothing: it is rolled back only when a Write fails).
  bool savepoint_open_ = false;
  bool finished_ = false;  // committed or rolled back
};

// Readers of result fields.
int64_t Int(const pqxx::field& f);
std::optional<int64_t> OptionalInt(const pqxx::field& f);
std::string Text(const pqxx::field& f);
std::optional<std::string> OptionalText(const pqxx::field& f);
bool Bool(const pqxx::field& f);
base::TimePoint Time(const pqxx::field& f);
std::optional<base::TimePoint> OptionalTime(const pqxx::field& f);
// A bytea column selected as encode(col, 'hex').
std::optional<std::string> OptionalBytes(const pqxx::field& f);

}  // namespace binhyen::store::postgres
