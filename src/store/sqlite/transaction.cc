#include "store/sqlite/transaction.h"

#include <utility>

namespace binhyen::store::sqlite {

SqliteTransaction::SqliteTransaction(SqliteStore& store, Writer& writer, Writer::Member member)
    : store_(store),
      writer_(&writer),
      member_(std::move(member)),
      connection_(writer.connection()),
      tx_(writer.connection(), /*read_only=*/false) {}

SqliteTransaction::SqliteTransaction(SqliteStore& store, std::unique_ptr<Connection> reader)
    : store_(store),
      reader_(std::move(reader)),
      connection_(*reader_),
      tx_(*reader_, /*read_only=*/true) {}

SqliteTransaction::~SqliteTransaction() {
  if (done_) return;  // Commit() already gave the connection back.
  if (writer_ != nullptr) {
    (void)writer_->Finish(member_, /*commit=*/false);
    return;
  }
  if (!sqlite3_get_autocommit(connection_.db())) {
    // Nothing to report to: a failed ROLLBACK leaves SQLite to roll back on the next BEGIN.
    (void)connection_.ExecCached("ROLLBACK");
  }
  store_.ReleaseReader(std::move(reader_));
}

base::Status SqliteTransaction::Commit() {
  if (done_) return base::FailedPreconditionError("transaction: already committed");
  done_ = true;
  tx_.Finish();
  const bool poisoned = tx_.poisoned();
  base::Status aborted = base::FailedPreconditionError("transaction: aborted by an earlier error");
  if (writer_ != nullptr) {
    // Returns once the commit group holding this transaction is durable (or has failed).
    base::Status s = writer_->Finish(member_, /*commit=*/!poisoned);
    return poisoned ? aborted : s;
  }
  // Read-only: end the snapshot and give the connection back now.
  base::Status s = poisoned ? aborted : connection_.ExecCached("COMMIT").WithContext("commit");
  if (!sqlite3_get_autocommit(connection_.db())) (void)connection_.ExecCached("ROLLBACK");
  store_.ReleaseReader(std::move(reader_));
  return s;
}

}  // namespace binhyen::store::sqlite
