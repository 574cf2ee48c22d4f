#include <string>
#include <utility>

#include "store/common.h"
#include "store/sqlite/repositories.h"

namespace binhyen::store::sqlite {
namespace {

constexpr std::string_view kColumns = "seq, at, actor, action, target, summary, prev_hash, hash";

domain::AuditEntry ReadEntry(const Statement& s) {
  return domain::AuditEntry{s.Int(0),  s.Time(1), s.Text(2), s.Text(3),
                            s.Text(4), s.Text(5), s.Text(6), s.Text(7)};
}

}  // namespace

base::Result<domain::AuditEntry> SqliteAudit::Append(const domain::AuditEntry& entry) {
  return tx_.Write([&]() -> base::Result<domain::AuditEntry> {
    BINHYEN_RETURN_IF_ERROR(domain::ValidateForAppend(entry));
    // The transaction holds the single writer (and SQLite's write lock, BEGIN IMMEDIATE), so
    // reading the last entry and appending after it cannot interleave with another append.
    BINHYEN_ASSIGN_OR_RETURN(std::optional<domain::AuditEntry> last, Last());
    domain::AuditEntry e;
    e.seq = last ? last->seq + 1 : 1;
    e.at = domain::FromMicros(domain::ToMicros(entry.at));
    e.actor = entry.actor;
    e.action = entry.action;
    e.target = entry.target;
    e.summary = entry.summary;
    e.prev_hash = last ? last->hash : std::string(domain::kAuditGenesisHash);
    e.hash = domain::ComputeAuditHash(e);
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare("INSERT INTO audit_log (" + std::string(kColumns) +
                                         ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    s->Bind(1, e.seq)
        .Bind(2, e.at)
        .Bind(3, e.actor)
        .Bind(4, e.action)
        .Bind(5, e.target)
        .Bind(6, e.summary)
        .Bind(7, e.prev_hash)
        .Bind(8, e.hash);
    BINHYEN_RETURN_IF_ERROR(s->Run());
    return e;
  });
}

base::Result<std::vector<domain::AuditEntry>> SqliteAudit::List(int64_t after_seq, int limit) {
  return tx_.Read([&]() -> base::Result<std::vector<domain::AuditEntry>> {
    BINHYEN_RETURN_IF_ERROR(CheckLimit(limit, 10000));
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare("SELECT " + std::string(kColumns) +
                                         " FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?"));
    s->Bind(1, after_seq).Bind(2, static_cast<int64_t>(limit));
    std::vector<domain::AuditEntry> out;
    while (true) {
      BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) break;
      out.push_back(ReadEntry(*s));
    }
    return out;
  });
}

base::Result<std::optional<domain::AuditEntry>> SqliteAudit::Last() {
  return tx_.Read([&]() -> base::Result<std::optional<domain::AuditEntry>> {
    BINHYEN_ASSIGN_OR_RETURN(auto s,
                             tx_.connection().Prepare("SELECT " + std::string(kColumns) +
                                                      " FROM audit_log ORDER BY seq DESC LIMIT 1"));
    BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return std::optional<domain::AuditEntry>();
    return std::optional<domain::AuditEntry>(ReadEntry(*s));
  });
}

}  // namespace binhyen::store::sqlite
