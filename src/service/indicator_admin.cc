#include "service/indicator_admin.h"

#include <string>

#include "base/strings.h"
#include "service/audit_entry.h"
#include "text/utf8.h"

namespace binhyen::service {
namespace {

constexpr int kMaxPageSize = 200;
constexpr size_t kMaxFilterTextBytes = 200;
// Serialisation conflicts (PostgreSQL) are retried this many times in all.
constexpr int kTransactionAttempts = 3;

std::string_view Action(domain::IndicatorStatus to) {
  switch (to) {
    case domain::IndicatorStatus::kExpired: return "indicator.expire";
    case domain::IndicatorStatus::kDelisted: return "indicator.delist";
    default: return "indicator.relist";
  }
}

std::string Target(indicator::Kind kind, std::string_view canonical) {
  return "indicator:" + std::string(indicator::KindName(kind)) + ":" + std::string(canonical);
}

base::Status CheckReason(std::string_view actor, std::string_view reason) {
  if (actor.empty()) return base::InvalidArgumentError("actor: must not be empty");
  const std::string_view trimmed = base::TrimAscii(reason);
  if (trimmed.size() < kMinIndicatorReasonBytes) {
    return base::InvalidArgumentError("reason: must be at least " +
                                      std::to_string(kMinIndicatorReasonBytes) + " bytes");
  }
  if (trimmed.size() > kMaxIndicatorReasonBytes) {
    return base::InvalidArgumentError("reason: must be at most " +
                                      std::to_string(kMaxIndicatorReasonBytes) + " bytes");
  }
  if (!text::IsValidUtf8(trimmed)) {
    return base::InvalidArgumentError("reason: must be valid UTF-8");
  }
  return base::Status::Ok();
}

bool IsAccountKind(indicator::Kind kind) {
  return kind == indicator::Kind::kPhone || kind == indicator::Kind::kBankAccount;
}

}  // namespace

IndicatorAdmin::IndicatorAdmin(store::Store& store, const base::Clock& clock, TriageOptions options)
    : store_(store), clock_(clock), options_(options) {}

base::Result<store::Page<domain::IndicatorRecord>> IndicatorAdmin::List(
    const store::IndicatorFilter& filter, const store::PageRequest& page) {
  if (page.limit < 1 || page.limit > kMaxPageSize) {
    return base::InvalidArgumentError("limit: must be between 1 and " +
                                      std::to_string(kMaxPageSize));
  }
  if (filter.text.size() > kMaxFilterTextBytes) {
    return base::InvalidArgumentError("text: must be at most " +
                                      std::to_string(kMaxFilterTextBytes) + " bytes");
  }
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  return tx->Indicators().List(filter, page);
}

base::Result<domain::IndicatorRecord> IndicatorAdmin::Expire(indicator::Kind kind,
                                                             std::string_view canonical,
                                                             std::string_view actor,
                                                             std::string_view reason) {
  return Change(kind, canonical, domain::IndicatorStatus::kExpired, actor, reason);
}

base::Result<domain::IndicatorRecord> IndicatorAdmin::Delist(indicator::Kind kind,
                                                             std::string_view canonical,
                                                             std::string_view actor,
                                                             std::string_view reason) {
  return Change(kind, canonical, domain::IndicatorStatus::kDelisted, actor, reason);
}

base::Result<domain::IndicatorRecord> IndicatorAdmin::Relist(indicator::Kind kind,
                                                             std::string_view canonical,
                                                             std::string_view actor,
                                                             std::string_view reason) {
  return Change(kind, canonical, domain::IndicatorStatus::kConfirmed, actor, reason);
}

base::Result<domain::IndicatorRecord> IndicatorAdmin::Change(indicator::Kind kind,
                                                             std::string_view canonical,
                                                             domain::IndicatorStatus to,
                                                             std::string_view actor,
                                                             std::string_view reason) {
  BINHYEN_RETURN_IF_ERROR(CheckReason(actor, reason));
  base::Result<domain::IndicatorRecord> result = ChangeOnce(kind, canonical, to, actor, reason);
  for (int i = 1; i < kTransactionAttempts; ++i) {
    if (result.ok() || result.status().code() != base::StatusCode::kAborted) break;
    result = ChangeOnce(kind, canonical, to, actor, reason);
  }
  return result;
}

base::Result<domain::IndicatorRecord> IndicatorAdmin::ChangeOnce(indicator::Kind kind,
                                                                 std::string_view canonical,
                                                                 domain::IndicatorStatus to,
                                                                 std::string_view actor,
                                                                 std::string_view reason) {
  const base::TimePoint now = clock_.Now();
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(domain::IndicatorRecord record, tx->Indicators().Get(kind, canonical));
  const domain::IndicatorStatus from = record.status;
  if (from == to) {
    return base::FailedPreconditionError("status: already " + std::string(domain::Name(to)));
  }
  domain::IndicatorRecord stored;
  if (to == domain::IndicatorStatus::kConfirmed && record.expires_at && *record.expires_at <= now) {
    // Upsert replaces status and expiry together (one change version) and keeps the sources.
    record.status = to;
    record.expires_at = now + (IsAccountKind(kind) ? options_.account_expiry : options_.web_expiry);
    record.sources.clear();
    BINHYEN_ASSIGN_OR_RETURN(stored, tx->Indicators().Upsert(record));
  } else {
    BINHYEN_ASSIGN_OR_RETURN(stored, tx->Indicators().SetStatus(kind, canonical, to));
  }
  const std::string summary = std::string(domain::Name(from)) + " → " +
                              std::string(domain::Name(to)) + ": " +
                              std::string(base::TrimAscii(reason));
  BINHYEN_RETURN_IF_ERROR(
      tx->Audit()
          .Append(MakeAuditEntry(now, actor, Action(to), Target(kind, canonical), summary))
          .status());
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  return stored;
}

}  // namespace binhyen::service
