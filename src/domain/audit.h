#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/status.h"

namespace binhyen::domain {

// One entry of the append-only, hash-chained audit log.
//
// Chain rule (the exact bytes hashed; both store backends and `binhyen audit verify` use these
// functions, never their own):
//
//   hash = lower-case hex SHA-256 (crypto::Sha256Hex) of AuditHashInput(entry), where
//   AuditHashInput = "binhyen-audit-v1\n" followed, for each field in the order
//   seq, at, actor, action, target, summary, prev_hash, by
//   <decimal byte length> ":" <bytes> "\n"
//   with seq in decimal and `at` as decimal microseconds since the Unix epoch (UTC).
//
// The length prefixes make the serialisation injective (no field can absorb its neighbour).
// The first entry (seq 1) has prev_hash = kAuditGenesisHash; entry n has prev_hash = hash of
// entry n-1. Seqs are 1, 2, 3, ... without gaps.
struct AuditEntry {
  int64_t seq = 0;        // assigned by the store
  base::TimePoint at{};   // stored at microsecond precision
  std::string actor;      // e.g. "user:7", "cli", "system"; non-empty
  std::string action;     // e.g. "report.transition", "user.add"; non-empty
  std::string target;     // e.g. "report:42"; may be empty
  std::string summary;    // one human line; may be empty; no secrets, no contact data
  std::string prev_hash;  // set by the store
  std::string hash;       // set by the store

  friend bool operator==(const AuditEntry&, const AuditEntry&) = default;
};

// 64 '0' characters.
inline constexpr std::string_view kAuditGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// The bytes hashed for `entry` (its hash field is ignored). Microseconds of `at` are taken
// after truncation toward negative infinity.
std::string AuditHashInput(const AuditEntry& entry);

// crypto::Sha256Hex(AuditHashInput(entry)).
std::string ComputeAuditHash(const AuditEntry& entry);

// Checks that `entry` is intact and follows `previous` (nullptr for the first entry): seq is
// previous seq + 1 (or 1), prev_hash matches previous hash (or kAuditGenesisHash), and hash ==
// ComputeAuditHash(entry). Returns DataLoss-like Internal "audit entry <seq>: ..." naming what
// is wrong.
base::Status VerifyAuditLink(const AuditEntry* previous, const AuditEntry& entry);

// InvalidArgument naming the field: "actor: must not be empty", "action: must not be empty".
base::Status ValidateForAppend(const AuditEntry& entry);

// Microseconds since the epoch, truncated toward negative infinity; the inverse of FromMicros.
int64_t ToMicros(base::TimePoint t);
base::TimePoint FromMicros(int64_t micros);

}  // namespace binhyen::domain
