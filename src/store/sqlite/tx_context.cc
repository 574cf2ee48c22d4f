#include "store/sqlite/tx_context.h"

namespace binhyen::store::sqlite {
namespace {

bool IsFatal(const base::Status& s) {
  return s.code() == base::StatusCode::kUnavailable || s.code() == base::StatusCode::kInternal ||
         s.code() == base::StatusCode::kAborted;
}

}  // namespace

base::Status TxContext::CheckUsable() const {
  if (finished_) return base::FailedPreconditionError("transaction: already committed");
  if (poisoned_) return base::FailedPreconditionError("transaction: aborted by an earlier error");
  return base::Status::Ok();
}

void TxContext::NoteError(const base::Status& s) {
  if (IsFatal(s)) poisoned_ = true;
  // SQLite rolls the whole transaction back by itself after some errors (disk full, I/O error,
  // out of memory); then there is nothing left to commit.
  if (!s.ok() && sqlite3_get_autocommit(connection_.db())) poisoned_ = true;
}

}  // namespace binhyen::store::sqlite
