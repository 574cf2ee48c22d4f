#include "store/postgres/session.h"

#include <pqxx/except>
#include <pqxx/prepared_statement>

#include "domain/audit.h"

namespace binhyen::store::postgres {
namespace {

constexpr std::string_view kHexDigits = "0123456789abcdef";

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

Params& Params::AddTime(base::TimePoint t) { return Add(domain::ToMicros(t)); }

Params& Params::AddBytes(const std::optional<std::string>& bytes) {
  if (!bytes.has_value()) return AddNull();
  std::string hex;
  hex.reserve(bytes->size() * 2);
  for (unsigned char c : *bytes) {
    hex.push_back(kHexDigits[c >> 4]);
    hex.push_back(kHexDigits[c & 0xf]);
  }
  values_.emplace_back(std::move(hex));
  return *this;
}

std::vector<const char*> Params::Pointers() const {
  std::vector<const char*> out;
  out.reserve(values_.size());
  for (const auto& v : values_) out.push_back(v.has_value() ? v->c_str() : nullptr);
  return out;
}

Session::Session(ConnectionPool::Lease lease, SessionMode mode)
    : lease_(std::move(lease)), mode_(mode) {}

base::Result<std::unique_ptr<Session>> Session::Begin(ConnectionPool::Lease lease,
                                                      SessionMode mode) {
  std::unique_ptr<Session> session(new Session(std::move(lease), mode));
  try {
    session->work_.emplace(session->lease_.Connection());
    // Read-only transactions read one snapshot. Read-write ones use READ COMMITTED plus
    // explicit row locks where they read before writing (FOR UPDATE, the audit and version
    // counters), so concurrent writers wait for each other instead of failing.
    session->ExecRaw(mode == SessionMode::kReadOnly
                         ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
                         : "BEGIN ISOLATION LEVEL READ COMMITTED READ WRITE");
  } catch (...) {
    session->finished_ = true;
    return session->Fail(StatusFromCurrentException("postgres: begin"));
  }
  return session;
}

Session::~Session() {
  if (finished_ || !work_.has_value() || !lease_.HasConnection()) return;
  try {
    ExecRaw("ROLLBACK");
  } catch (...) {
    // The connection is in an unknown state: do not give it to anyone else.
    lease_.MarkBroken();
  }
}

base::Status Session::CheckUsable() const {
  if (finished_) return base::FailedPreconditionError("transaction: already committed");
  if (poisoned_) {
    return base::FailedPreconditionError("transaction: aborted by an earlier error");
  }
  return base::Status::Ok();
}

void Session::NoteError(const base::Status& status) {
  if (status.code() == base::StatusCode::kUnavailable ||
      status.code() == base::StatusCode::kInternal || status.code() == base::StatusCode::kAborted) {
    PoisonFor(status);
  }
}

void Session::RollbackToSavepoint() {
  try {
    ExecRaw("ROLLBACK TO SAVEPOINT w; RELEASE SAVEPOINT w");
    savepoint_open_ = false;
  } catch (...) {
    PoisonFor(StatusFromCurrentException("rollback to savepoint"));
  }
}

void Session::PoisonFor(const base::Status& status) {
  poisoned_ = true;
  if (!lease_.HasConnection()) return;
  if (IsConnectionLoss(status) || !lease_.Connection().is_open()) lease_.MarkBroken();
}

base::Status Session::Fail(base::Status status) {
  PoisonFor(status);
  return status;
}

pqxx::result Session::Exec(const Sql& sql, const Params& params) {
  auto& prepared = lease_.Prepared();
  if (!prepared.contains(sql.name)) {
    lease_.Connection().prepare(std::string(sql.name), std::string(sql.text));
    prepared.insert(sql.name);
  }
  const std::vector<const char*> pointers = params.Pointers();
  return work_->exec_prepared(std::string(sql.name), pqxx::prepare::make_dynamic_params(pointers));
}

pqxx::result Session::ExecRaw(std::string_view sql) { return work_->exec(std::string(sql)); }

base::Status Session::Commit() {
  if (base::Status usable = CheckUsable(); !usable.ok()) return usable;
  try {
    ExecRaw("COMMIT");
    finished_ = true;
    ReleaseConnection();
    return base::Status::Ok();
  } catch (...) {
    finished_ = true;
    base::Status status = Fail(StatusFromCurrentException("postgres: commit"));
    if (lease_.Connection().is_open()) {
      try {
        ExecRaw("ROLLBACK");
      } catch (...) {
        lease_.MarkBroken();
      }
    }
    ReleaseConnection();
    return status;
  }
}

void Session::ReleaseConnection() {
  // The transaction is over: let another one use the connection while this object lives on.
  work_.reset();
  lease_.Release();
}

int64_t Int(const pqxx::field& f) { return f.as<int64_t>(); }

std::optional<int64_t> OptionalInt(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<int64_t>();
}

std::string Text(const pqxx::field& f) { return f.is_null() ? std::string() : f.as<std::string>(); }

std::optional<std::string> OptionalText(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<std::string>();
}

bool Bool(const pqxx::field& f) { return f.as<bool>(); }

base::TimePoint Time(const pqxx::field& f) { return domain::FromMicros(f.as<int64_t>()); }

std::optional<base::TimePoint> OptionalTime(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return domain::FromMicros(f.as<int64_t>());
}

std::optional<std::string> OptionalBytes(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  const std::string_view hex(f.c_str(), f.size());
  std::string out;
  out.reserve(hex.size() / 2);
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(HexValue(hex[i]) * 16 + HexValue(hex[i + 1])));
  }
  return out;
}

}  // namespace binhyen::store::postgres
