#pragma once

#include <utility>

#include "base/result.h"
#include "base/status.h"
#include "store/sqlite/connection.h"

namespace binhyen::store::sqlite {

// The state one SQLite transaction shares with its repositories: the connection, whether it is
// read-only, and whether an earlier fatal error poisoned it. Every repository method runs
// through Read() or Write(), which implement the error contract of store.h.
//
// Why no savepoint per write method: a SAVEPOINT makes SQLite copy every page the method
// touches into a statement journal, which measured at ~40% of the cost of creating a report.
// Instead each write method validates and checks existence first and is ordered so that the
// only statement that can fail on bad input is its FIRST write (SQLite undoes a failed statement
// by itself). Write() verifies this: if a method fails after it changed rows
// (sqlite3_total_changes moved), the partial effect cannot be undone alone, so the transaction
// is poisoned and nothing of it can be committed. Thread safety: confine to one thread.
class TxContext {
 public:
  TxContext(Connection& connection, bool read_only)
      : connection_(connection), read_only_(read_only) {}

  Connection& connection() { return connection_; }
  bool read_only() const { return read_only_; }
  bool poisoned() const { return poisoned_; }
  void Finish() { finished_ = true; }

  template <typename F>
  auto Read(F&& f) -> decltype(f()) {
    BINHYEN_RETURN_IF_ERROR(CheckUsable());
    auto result = f();
    NoteError(StatusOf(result));
    return result;
  }

  template <typename F>
  auto Write(F&& f) -> decltype(f()) {
    BINHYEN_RETURN_IF_ERROR(CheckUsable());
    if (read_only_) return base::FailedPreconditionError("transaction: read-only");
    const int64_t changes_before = sqlite3_total_changes64(connection_.db());
    auto result = f();
    const base::Status& status = StatusOf(result);
    if (!status.ok()) {
      if (sqlite3_total_changes64(connection_.db()) != changes_before) poisoned_ = true;
      NoteError(status);
    }
    return result;
  }

 private:
  static const base::Status& StatusOf(const base::Status& s) { return s; }
  template <typename T>
  static const base::Status& StatusOf(const base::Result<T>& r) {
    return r.status();
  }

  base::Status CheckUsable() const;
  // Marks the transaction poisoned when `s` is a fatal error or SQLite rolled it back.
  void NoteError(const base::Status& s);

  Connection& connection_;
  const bool read_only_;
  bool poisoned_ = false;
  bool finished_ = false;
};

}  // namespace binhyen::store::sqlite
