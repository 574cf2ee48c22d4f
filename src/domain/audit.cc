#include "domain/audit.h"

#include <string>

#include "crypto/hash.h"

namespace binhyen::domain {
namespace {

void AppendField(std::string& out, std::string_view value) {
  out += std::to_string(value.size());
  out += ':';
  out += value;
  out += '\n';
}

}  // namespace

int64_t ToMicros(base::TimePoint t) {
  return std::chrono::floor<std::chrono::microseconds>(t.time_since_epoch()).count();
}

base::TimePoint FromMicros(int64_t micros) {
  return base::TimePoint(
      std::chrono::duration_cast<base::TimePoint::duration>(std::chrono::microseconds(micros)));
}

std::string AuditHashInput(const AuditEntry& entry) {
  std::string out = "binhyen-audit-v1\n";
  AppendField(out, std::to_string(entry.seq));
  AppendField(out, std::to_string(ToMicros(entry.at)));
  AppendField(out, entry.actor);
  AppendField(out, entry.action);
  AppendField(out, entry.target);
  AppendField(out, entry.summary);
  AppendField(out, entry.prev_hash);
  return out;
}

std::string ComputeAuditHash(const AuditEntry& entry) {
  return crypto::Sha256Hex(AuditHashInput(entry));
}

base::Status VerifyAuditLink(const AuditEntry* previous, const AuditEntry& entry) {
  const std::string where = "audit entry " + std::to_string(entry.seq) + ": ";
  const int64_t want_seq = previous ? previous->seq + 1 : 1;
  if (entry.seq != want_seq) {
    return base::InternalError(where + "expected seq " + std::to_string(want_seq));
  }
  const std::string_view want_prev =
      previous ? std::string_view(previous->hash) : kAuditGenesisHash;
  if (entry.prev_hash != want_prev) {
    return base::InternalError(where + "prev_hash does not match the previous entry's hash");
  }
  if (entry.hash != ComputeAuditHash(entry)) {
    return base::InternalError(where + "hash does not match its contents");
  }
  return base::Status::Ok();
}

base::Status ValidateForAppend(const AuditEntry& entry) {
  if (entry.actor.empty()) return base::InvalidArgumentError("actor: must not be empty");
  if (entry.action.empty()) return base::InvalidArgumentError("action: must not be empty");
  return base::Status::Ok();
}

}  // namespace binhyen::domain
