// PgReportRepository and PgDisputeRepository: retention of reporters' and claimants' contact
// data (schema version 13).
#include <string>
#include <vector>

#include "store/common.h"
#include "store/postgres/repositories.h"

namespace binhyen::store::postgres {
namespace {

// decided_at is set exactly while the report is closed (Transition), so this is "closed and
// decided at or before the cutoff"; the partial index reports_contact_retention_idx serves it.
constexpr Sql kContactsDecidedBefore{
    "report_contacts_decided_before",
    "SELECT id FROM reports WHERE contact_ciphertext IS NOT NULL AND decided_at IS NOT NULL "
    "AND decided_at <= $1 AND status IN ('confirmed', 'rejected', 'duplicate') "
    "ORDER BY id LIMIT $2"};
constexpr Sql kLockContact{"report_lock_contact",
                           "SELECT contact_ciphertext IS NOT NULL FROM reports WHERE id = $1 "
                           "FOR UPDATE"};
constexpr Sql kEraseContact{"report_erase_contact",
                            "UPDATE reports SET contact_ciphertext = NULL, contact_erased_at = $2 "
                            "WHERE id = $1"};

constexpr Sql kDisputeContactsResolvedBefore{
    "dispute_contacts_resolved_before",
    "SELECT id FROM disputes WHERE claimant_contact_ciphertext IS NOT NULL "
    "AND resolved_at IS NOT NULL AND resolved_at <= $1 AND status <> 'open' "
    "ORDER BY id LIMIT $2"};
constexpr Sql kDisputeLockContact{"dispute_lock_contact",
                                  "SELECT claimant_contact_ciphertext IS NOT NULL FROM disputes "
                                  "WHERE id = $1 FOR UPDATE"};
constexpr Sql kDisputeEraseContact{
    "dispute_erase_contact",
    "UPDATE disputes SET claimant_contact_ciphertext = NULL, claimant_contact_erased_at = $2 "
    "WHERE id = $1"};

}  // namespace

base::Result<std::vector<int64_t>> PgReportRepository::ListContactsDecidedBefore(
    base::TimePoint cutoff, int limit) {
  return s_.Read("reports.contacts_decided_before", [&]() -> base::Result<std::vector<int64_t>> {
    BINHYEN_RETURN_IF_ERROR(CheckLimit(limit, 10000));
    std::vector<int64_t> out;
    for (const pqxx::row& row :
         s_.Exec(kContactsDecidedBefore, Params().AddTime(cutoff).Add(int64_t{limit}))) {
      out.push_back(Int(row[0]));
    }
    return out;
  });
}

base::Result<bool> PgReportRepository::EraseContact(int64_t id, base::TimePoint at) {
  return s_.Write("reports.erase_contact", [&]() -> base::Result<bool> {
    const pqxx::result r = s_.Exec(kLockContact, Params().Add(id));
    if (r.empty()) return ReportNotFound(id);
    if (!r[0][0].as<bool>()) return false;
    s_.Exec(kEraseContact, Params().Add(id).AddTime(at));
    return true;
  });
}

base::Result<std::vector<int64_t>> PgDisputeRepository::ListContactsResolvedBefore(
    base::TimePoint cutoff, int limit) {
  return s_.Read("disputes.contacts_resolved_before", [&]() -> base::Result<std::vector<int64_t>> {
    BINHYEN_RETURN_IF_ERROR(CheckLimit(limit, 10000));
    std::vector<int64_t> out;
    for (const pqxx::row& row :
         s_.Exec(kDisputeContactsResolvedBefore, Params().AddTime(cutoff).Add(int64_t{limit}))) {
      out.push_back(Int(row[0]));
    }
    return out;
  });
}

base::Result<bool> PgDisputeRepository::EraseClaimantContact(int64_t id, base::TimePoint at) {
  return s_.Write("disputes.erase_contact", [&]() -> base::Result<bool> {
    const pqxx::result r = s_.Exec(kDisputeLockContact, Params().Add(id));
    if (r.empty()) return base::NotFoundError("dispute " + std::to_string(id) + ": not found");
    if (!r[0][0].as<bool>()) return false;
    s_.Exec(kDisputeEraseContact, Params().Add(id).AddTime(at));
    return true;
  });
}

}  // namespace binhyen::store::postgres
