#include "service/contact_retention.h"

#include <algorithm>
#include <string>
#include <utility>

#include "base/logging.h"
#include "service/audit_entry.h"

namespace binhyen::service {
namespace {

// The most ids one dry run lists (the store's limit of one query).
constexpr int kMaxDryRunIds = 10000;
// The most report ids named in one audit summary; the count is always exact.
constexpr size_t kMaxIdsInSummary = 50;

std::string PurgeSummary(const std::vector<int64_t>& ids, std::string_view what,
                         std::string_view decided, base::TimePoint cutoff, int64_t days) {
  std::string summary = "erased the contacts of " + std::to_string(ids.size()) + " " +
                        std::string(what) + "s " + std::string(decided) + " before " +
                        base::FormatRfc3339(cutoff) + " (retention " + std::to_string(days) +
                        " days): " + std::string(what) + " ";
  for (size_t i = 0; i < ids.size() && i < kMaxIdsInSummary; ++i) {
    summary += (i == 0 ? "" : ", ") + std::to_string(ids[i]);
  }
  if (ids.size() > kMaxIdsInSummary) summary += ", ...";
  return summary;
}

}  // namespace

ContactRetention::ContactRetention(store::Store& store, const base::Clock& clock,
                                   ContactRetentionOptions options)
    : store_(store), clock_(clock), options_(std::move(options)) {
  options_.retention = std::max(options_.retention, std::chrono::days(kMinContactRetentionDays));
  options_.batch = std::clamp(options_.batch, 1, kMaxDryRunIds);
}

ContactRetention::~ContactRetention() { Stop(); }

base::Result<PurgeOutcome> ContactRetention::Purge(bool dry_run, std::string_view actor) {
  PurgeOutcome out;
  out.cutoff = clock_.Now() - options_.retention;
  if (dry_run) {
    BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
    BINHYEN_ASSIGN_OR_RETURN(out.report_ids,
                             tx->Reports().ListContactsDecidedBefore(out.cutoff, kMaxDryRunIds));
    BINHYEN_ASSIGN_OR_RETURN(out.dispute_ids,
                             tx->Disputes().ListContactsResolvedBefore(out.cutoff, kMaxDryRunIds));
    return out;
  }
  BINHYEN_ASSIGN_OR_RETURN(out.report_ids, PurgeAll(Kind::kReports, out.cutoff, actor));
  BINHYEN_ASSIGN_OR_RETURN(out.dispute_ids, PurgeAll(Kind::kDisputes, out.cutoff, actor));
  return out;
}

base::Result<std::vector<int64_t>> ContactRetention::PurgeAll(Kind kind, base::TimePoint cutoff,
                                                              std::string_view actor) {
  std::vector<int64_t> all;
  while (true) {
    BINHYEN_ASSIGN_OR_RETURN(std::vector<int64_t> erased, PurgeBatch(kind, cutoff, actor));
    all.insert(all.end(), erased.begin(), erased.end());
    if (erased.size() < static_cast<size_t>(options_.batch)) return all;
  }
}

base::Result<std::vector<int64_t>> ContactRetention::PurgeBatch(Kind kind, base::TimePoint cutoff,
                                                                std::string_view actor) {
  const bool reports = kind == Kind::kReports;
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(std::vector<int64_t> due,
                           reports
                               ? tx->Reports().ListContactsDecidedBefore(cutoff, options_.batch)
                               : tx->Disputes().ListContactsResolvedBefore(cutoff, options_.batch));
  if (due.empty()) return due;
  const base::TimePoint now = clock_.Now();
  std::vector<int64_t> erased;
  for (int64_t id : due) {
    BINHYEN_ASSIGN_OR_RETURN(bool was, reports ? tx->Reports().EraseContact(id, now)
                                               : tx->Disputes().EraseClaimantContact(id, now));
    if (was) erased.push_back(id);
  }
  const std::string summary =
      reports ? PurgeSummary(erased, "report", "decided", cutoff, options_.retention.count())
              : PurgeSummary(erased, "dispute", "resolved", cutoff, options_.retention.count());
  BINHYEN_RETURN_IF_ERROR(
      tx->Audit()
          .Append(MakeAuditEntry(now, actor,
                                 reports ? "report.contact.purge" : "dispute.contact.purge",
                                 reports ? "reports" : "disputes", summary))
          .status());
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  return erased;
}

base::Result<bool> ContactRetention::Erase(int64_t id, std::string_view reason,
                                           std::string_view actor) {
  if (reason.empty()) return base::InvalidArgumentError("reason: must not be empty");
  if (reason.size() > kMaxEraseReasonBytes) {
    return base::InvalidArgumentError("reason: must be at most 500 bytes");
  }
  if (actor.empty()) return base::InvalidArgumentError("actor: must not be empty");
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  const base::TimePoint now = clock_.Now();
  BINHYEN_ASSIGN_OR_RETURN(bool erased, tx->Reports().EraseContact(id, now));
  if (!erased) return false;
  BINHYEN_RETURN_IF_ERROR(
      tx->Audit()
          .Append(MakeAuditEntry(now, actor, "report.contact.erase", "report:" + std::to_string(id),
                                 "erased the reporter's contact: " + std::string(reason)))
          .status());
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  return true;
}

void ContactRetention::Start() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { Loop(); });
}

void ContactRetention::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ContactRetention::Loop() {
  while (true) {
    base::Result<PurgeOutcome> purged = Purge(/*dry_run=*/false);
    if (!purged.ok()) {
      base::LogWarn("contact retention: {}", purged.status().ToString());
    } else if (purged->erased() > 0) {
      base::LogInfo("contact retention: erased the contacts of {} reports and {} disputes",
                    purged->report_ids.size(), purged->dispute_ids.size());
    }
    std::unique_lock<std::mutex> lock(mutex_);
    // Waits on the real clock: this only paces the sweeps; what is due is decided by clock_.
    wake_.wait_for(lock, options_.interval, [this] { return stopping_; });
    if (stopping_) return;
  }
}

}  // namespace binhyen::service
