#pragma once

#include <string_view>

#include "base/status.h"

namespace binhyen::store::postgres {

// Turns the exception being handled into a Status. Call only inside a catch block (it rethrows
// the current exception to classify it). `context` names the operation ("reports.create") and is
// prepended to messages that do not name a field.
//
//   pqxx::unique_violation          AlreadyExists "<column>: already exists" (column from the
//                                   error detail "Key (column)=(...)", else from the constraint
//                                   name "<table>_<column>_key")
//   pqxx::not_null_violation        InvalidArgument "<column>: must not be null"
//   pqxx::check_violation           InvalidArgument "<column>: violates <constraint>" (column
//                                   from the constraint name "<table>_<column>_check")
//   pqxx::foreign_key_violation     NotFound "<column>: refers to a missing row"
//   other data exceptions (22xxx)   InvalidArgument
//   pqxx::broken_connection         Unavailable
//   serialization failure, deadlock Aborted (retry the transaction)
//   disk full (53100)               Unavailable "disk full"
//   too many connections, shutdown  Unavailable
//   anything else                   Internal
//
// Thread-safe (pure).
base::Status StatusFromCurrentException(std::string_view context);

// True for statuses that mean the connection should be discarded (Unavailable from a lost
// connection). Exposed for the pool's users.
bool IsConnectionLoss(const base::Status& status);

namespace internal {
// The column named by a constraint violation message of PostgreSQL; exposed for tests.
std::string ColumnFromUniqueViolation(std::string_view message);
std::string ColumnFromConstraintName(std::string_view constraint, std::string_view table,
                                     std::string_view suffix);
std::string QuotedAfter(std::string_view message, std::string_view marker);
}  // namespace internal

}  // namespace binhyen::store::postgres
