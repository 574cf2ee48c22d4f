#include <string>

#include "domain/audit.h"
#include "store/postgres/repositories.h"

namespace binhyen::store::postgres {
namespace {

// One lock for every appender of this schema's chain, held until commit: the next entry is
// computed from the last committed one, so two writers can never fork the chain. The key is
// derived from the table's oid, so stores in different schemas do not wait for each other.
constexpr Sql kLockChain{"audit_lock_chain",
                         "SELECT pg_advisory_xact_lock(2053597, 'audit_log'::regclass::oid::int)"};
constexpr Sql kLast{"audit_last",
                    "SELECT seq, at, actor, action, target, summary, prev_hash, hash "
                    "FROM audit_log ORDER BY seq DESC LIMIT 1"};
constexpr Sql kInsert{"audit_insert",
                      "INSERT INTO audit_log (seq, at, actor, action, target, summary, "
                      "prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"};
constexpr Sql kList{"audit_list",
                    "SELECT seq, at, actor, action, target, summary, prev_hash, hash "
                    "FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2"};

domain::AuditEntry EntryFromRow(const pqxx::row& row) {
  domain::AuditEntry e;
  e.seq = Int(row["seq"]);
  e.at = Time(row["at"]);
  e.actor = Text(row["actor"]);
  e.action = Text(row["action"]);
  e.target = Text(row["target"]);
  e.summary = Text(row["summary"]);
  e.prev_hash = Text(row["prev_hash"]);
  e.hash = Text(row["hash"]);
  return e;
}

}  // namespace

base::Result<domain::AuditEntry> PgAuditLog::Append(const domain::AuditEntry& entry) {
  return s_.Write("audit.append", [&]() -> base::Result<domain::AuditEntry> {
    BINHYEN_RETURN_IF_ERROR(domain::ValidateForAppend(entry));
    s_.Exec(kLockChain);
    // READ COMMITTED: this statement runs after the lock was granted, so it sees the entry
    // committed by the previous holder.
    const pqxx::result last = s_.Exec(kLast);
    domain::AuditEntry stored;
    stored.seq = last.empty() ? 1 : Int(last[0]["seq"]) + 1;
    stored.at = domain::FromMicros(domain::ToMicros(entry.at));
    stored.actor = entry.actor;
    stored.action = entry.action;
    stored.target = entry.target;
    stored.summary = entry.summary;
    stored.prev_hash =
        last.empty() ? std::string(domain::kAuditGenesisHash) : Text(last[0]["hash"]);
    stored.hash = domain::ComputeAuditHash(stored);
    s_.Exec(kInsert, Params()
                         .Add(stored.seq)
                         .AddTime(stored.at)
                         .Add(stored.actor)
                         .Add(stored.action)
                         .Add(stored.target)
                         .Add(stored.summary)
                         .Add(stored.prev_hash)
                         .Add(stored.hash));
    return stored;
  });
}

base::Result<std::vector<domain::AuditEntry>> PgAuditLog::List(int64_t after_seq, int limit) {
  return s_.Read("audit.list", [&]() -> base::Result<std::vector<domain::AuditEntry>> {
    BINHYEN_RETURN_IF_ERROR(CheckLimit(limit, 10000));
    std::vector<domain::AuditEntry> out;
    for (const pqxx::row& row : s_.Exec(kList, Params().Add(after_seq).Add(limit))) {
      out.push_back(EntryFromRow(row));
    }
    return out;
  });
}

base::Result<std::optional<domain::AuditEntry>> PgAuditLog::Last() {
  return s_.Read("audit.last", [&]() -> base::Result<std::optional<domain::AuditEntry>> {
    const pqxx::result r = s_.Exec(kLast);
    if (r.empty()) return std::optional<domain::AuditEntry>();
    return std::optional<domain::AuditEntry>(EntryFromRow(r[0]));
  });
}

}  // namespace binhyen::store::postgres
