// SqliteReports and SqliteDisputes: retention of reporters' and claimants' contact data
// (migration 0013).
#include <optional>
#include <string>
#include <vector>

#include "store/common.h"
#include "store/sqlite/repositories.h"

namespace binhyen::store::sqlite {

base::Result<std::vector<int64_t>> SqliteReports::ListContactsDecidedBefore(base::TimePoint cutoff,
                                                                            int limit) {
  return tx_.Read([&]() -> base::Result<std::vector<int64_t>> {
    BINHYEN_RETURN_IF_ERROR(CheckLimit(limit, 10000));
    // decided_at is set exactly while the report is closed (Transition), so this is "closed
    // and decided at or before the cutoff".
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare(
                    "SELECT id FROM reports WHERE contact_ciphertext IS NOT NULL "
                    "AND decided_at IS NOT NULL AND decided_at <= ? "
                    "AND status IN ('confirmed', 'rejected', 'duplicate') ORDER BY id LIMIT ?"));
    s->Bind(1, cutoff).Bind(2, static_cast<int64_t>(limit));
    return CollectIds(*s);
  });
}

base::Result<bool> SqliteReports::EraseContact(int64_t id, base::TimePoint at) {
  return tx_.Write([&]() -> base::Result<bool> {
    BINHYEN_ASSIGN_OR_RETURN(
        auto q, tx_.connection().Prepare("SELECT contact_ciphertext IS NOT NULL FROM reports "
                                         "WHERE id = ?"));
    q->Bind(1, id);
    BINHYEN_ASSIGN_OR_RETURN(bool row, q->Step());
    if (!row) return ReportNotFound(id);
    const bool has_contact = q->Int(0) != 0;
    q.reset();
    if (!has_contact) return false;
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare("UPDATE reports SET contact_ciphertext = NULL, "
                                         "contact_erased_at = ? WHERE id = ?"));
    s->Bind(1, at).Bind(2, id);
    BINHYEN_RETURN_IF_ERROR(s->Run());
    return true;
  });
}

base::Result<std::vector<int64_t>> SqliteDisputes::ListContactsResolvedBefore(
    base::TimePoint cutoff, int limit) {
  return tx_.Read([&]() -> base::Result<std::vector<int64_t>> {
    BINHYEN_RETURN_IF_ERROR(CheckLimit(limit, 10000));
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare(
                    "SELECT id FROM disputes WHERE claimant_contact_ciphertext IS NOT NULL "
                    "AND resolved_at IS NOT NULL AND resolved_at <= ? "
                    "AND status <> 'open' ORDER BY id LIMIT ?"));
    s->Bind(1, cutoff).Bind(2, static_cast<int64_t>(limit));
    return CollectIds(*s);
  });
}

base::Result<bool> SqliteDisputes::EraseClaimantContact(int64_t id, base::TimePoint at) {
  return tx_.Write([&]() -> base::Result<bool> {
    BINHYEN_ASSIGN_OR_RETURN(
        auto q, tx_.connection().Prepare("SELECT claimant_contact_ciphertext IS NOT NULL "
                                         "FROM disputes WHERE id = ?"));
    q->Bind(1, id);
    BINHYEN_ASSIGN_OR_RETURN(bool row, q->Step());
    if (!row) return base::NotFoundError("dispute " + std::to_string(id) + ": not found");
    const bool has_contact = q->Int(0) != 0;
    q.reset();
    if (!has_contact) return false;
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare("UPDATE disputes SET claimant_contact_ciphertext = NULL, "
                                         "claimant_contact_erased_at = ? WHERE id = ?"));
    s->Bind(1, at).Bind(2, id);
    BINHYEN_RETURN_IF_ERROR(s->Run());
    return true;
  });
}

}  // namespace binhyen::store::sqlite
