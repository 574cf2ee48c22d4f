#include "store/postgres/errors.h"

#include <exception>
#include <pqxx/except>
#include <string>

namespace binhyen::store::postgres {
namespace internal {

std::string QuotedAfter(std::string_view message, std::string_view marker) {
  const size_t at = message.find(marker);
  if (at == std::string_view::npos) return "";
  const size_t begin = at + marker.size();
  const size_t end = message.find('"', begin);
  if (end == std::string_view::npos) return "";
  return std::string(message.substr(begin, end - begin));
}

std::string ColumnFromUniqueViolation(std::string_view message) {
  // DETAIL:  Key (receipt_code)=(BY-7K3M-9QX2) already exists.
  constexpr std::string_view kMarker = "Key (";
  const size_t at = message.find(kMarker);
  if (at != std::string_view::npos) {
    const size_t begin = at + kMarker.size();
    const size_t end = message.find(")=(", begin);
    if (end != std::string_view::npos) return std::string(message.substr(begin, end - begin));
  }
  return "";
}

std::string ColumnFromConstraintName(std::string_view constraint, std::string_view table,
                                     std::string_view suffix) {
  std::string_view column = constraint;
  if (!table.empty() && column.size() > table.size() + 1 &&
      column.substr(0, table.size()) == table && column[table.size()] == '_') {
    column.remove_prefix(table.size() + 1);
  }
  if (column.size() > suffix.size() && column.substr(column.size() - suffix.size()) == suffix) {
    column.remove_suffix(suffix.size());
  }
  return std::string(column);
}

}  // namespace internal

namespace {

std::string FirstLine(std::string_view message) {
  std::string_view line = message.substr(0, message.find('\n'));
  if (line.substr(0, 8) == "ERROR:  ") line.remove_prefix(8);
  return std::string(line);
}

std::string WithContext(std::string_view context, std::string_view message) {
  return std::string(context) + ": " + std::string(message);
}

base::Status FromSqlState(const pqxx::sql_error& e, std::string_view context) {
  const std::string& state = e.sqlstate();
  const std::string line = FirstLine(e.what());
  if (state == "53100") return base::UnavailableError("disk full");
  if (state.rfind("53", 0) == 0 || state.rfind("57P", 0) == 0 || state.rfind("08", 0) == 0) {
    // insufficient resources, admin shutdown / crash, connection exceptions
    return base::UnavailableError(WithContext(context, line));
  }
  if (state == "40001" || state == "40P01") {
    return base::Status(base::StatusCode::kAborted,
                        WithContext(context, "concurrent change, retry: " + line));
  }
  if (state == "25006") {  // read_only_sql_transaction
    return base::FailedPreconditionError("transaction: read-only");
  }
  if (state.rfind("22", 0) == 0) {  // data exception: bad value for a column
    return base::InvalidArgumentError(WithContext(context, line));
  }
  if (state == "57014") {  // query_canceled (statement_timeout)
    return base::Status(base::StatusCode::kDeadlineExceeded, WithContext(context, line));
  }
  return base::InternalError(WithContext(context, line));
}

}  // namespace

base::Status StatusFromCurrentException(std::string_view context) {
  try {
    throw;
  } catch (const pqxx::unique_violation& e) {
    std::string column = internal::ColumnFromUniqueViolation(e.what());
    if (column.empty()) {
      column = internal::ColumnFromConstraintName(
          internal::QuotedAfter(e.what(), "unique constraint \""), "", "_key");
    }
    return base::AlreadyExistsError(column + ": already exists");
  } catch (const pqxx::not_null_violation& e) {
    return base::InvalidArgumentError(internal::QuotedAfter(e.what(), "column \"") +
                                      ": must not be null");
  } catch (const pqxx::check_violation& e) {
    const std::string table = internal::QuotedAfter(e.what(), "relation \"");
    const std::string constraint = internal::QuotedAfter(e.what(), "check constraint \"");
    return base::InvalidArgumentError(
        internal::ColumnFromConstraintName(constraint, table, "_check") + ": violates " +
        constraint);
  } catch (const pqxx::foreign_key_violation& e) {
    const std::string table = internal::QuotedAfter(e.what(), "on table \"");
    const std::string constraint = internal::QuotedAfter(e.what(), "foreign key constraint \"");
    return base::NotFoundError(internal::ColumnFromConstraintName(constraint, table, "_fkey") +
                               ": refers to a missing row");
  } catch (const pqxx::broken_connection& e) {
    return base::UnavailableError(
        WithContext(context, std::string("connection lost: ") + FirstLine(e.what())));
  } catch (const pqxx::in_doubt_error& e) {
    return base::UnavailableError(
        WithContext(context, std::string("connection lost during commit: ") + e.what()));
  } catch (const pqxx::sql_error& e) {
    return FromSqlState(e, context);
  } catch (const pqxx::serialization_failure& e) {
    return base::Status(base::StatusCode::kAborted,
                        WithContext(context, std::string("concurrent change, retry: ") + e.what()));
  } catch (const pqxx::deadlock_detected& e) {
    return base::Status(base::StatusCode::kAborted,
                        WithContext(context, std::string("deadlock, retry: ") + e.what()));
  } catch (const pqxx::conversion_error& e) {
    return base::InternalError(
        WithContext(context, std::string("bad value from the database: ") + e.what()));
  } catch (const std::exception& e) {
    return base::InternalError(WithContext(context, e.what()));
  } catch (...) {
    return base::InternalError(WithContext(context, "unknown exception"));
  }
}

bool IsConnectionLoss(const base::Status& status) {
  return status.code() == base::StatusCode::kUnavailable && status.message() != "disk full";
}

}  // namespace binhyen::store::postgres
