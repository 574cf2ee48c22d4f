#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "base/status.h"
#include "store/store.h"

namespace binhyen::service {

// The shortest and the default time a reporter's contact is kept after the report's verdict.
inline constexpr int kMinContactRetentionDays = 1;
inline constexpr int kDefaultContactRetentionDays = 180;
// At most this many bytes of reason for a manual erasure (it is audited).
inline constexpr size_t kMaxEraseReasonBytes = 500;

struct ContactRetentionOptions {
  // Contacts of closed reports are erased this long after the verdict (decided_at).
  // At least kMinContactRetentionDays (the constructor clamps smaller values up).
  std::chrono::days retention{kDefaultContactRetentionDays};
  // How often the background thread (Start) runs Purge.
  std::chrono::milliseconds interval{std::chrono::hours(1)};
  // Reports erased per transaction (and per audit entry).
  int batch = 500;
};

// What a purge found or did.
struct PurgeOutcome {
  base::TimePoint cutoff{};          // reports decided (disputes resolved) by then were due
  std::vector<int64_t> report_ids;   // the reports whose contact was (dry run: would be) erased
  std::vector<int64_t> dispute_ids;  // the disputes whose claimant's contact was (would be)
  int64_t erased() const { return static_cast<int64_t>(report_ids.size() + dispute_ids.size()); }
};

// Retention of reporters' contact data (docs/SECURITY.md, "Data retention"): the encrypted
// contact of a report is erased (the ciphertext removed from the store; the rest of the report
// stays) `retention` after the report got its verdict (confirmed, rejected or duplicate), or at
// any time by an analyst with a reason. Open reports keep their contact whatever their age.
// A dispute claimant's contact is erased the same way `retention` after the dispute was
// resolved (accepted or rejected); open disputes keep theirs.
// Every erasure is audited with counts and report ids, never the contact itself.
// Thread safety: thread-safe. Start() runs Purge on a background thread every `interval` until
// Stop(); the time that decides what is due comes from the injected clock.
class ContactRetention {
 public:
  // `store` and `clock` must outlive this object.
  ContactRetention(store::Store& store, const base::Clock& clock,
                   ContactRetentionOptions options = {});
  ~ContactRetention();
  ContactRetention(const ContactRetention&) = delete;
  ContactRetention& operator=(const ContactRetention&) = delete;

  // Erases the contact of every closed report decided at or before now - retention, in batches
  // of `batch` reports, each batch one transaction with one audit entry
  // "report.contact.purge" (target "reports", summary "erased the contacts of <n> reports
  // decided before <cutoff> (retention <d> days): report <id>, ..."), by `actor`; then the
  // same for resolved disputes ("dispute.contact.purge", target "disputes", "... <n> disputes
  // resolved before ...: dispute <id>, ..."). Nothing due: nothing written, no audit entry (so
  // running it again is harmless). With `dry_run`, only lists what is due (at most 10000 ids of
  // each) and writes nothing. Store errors as they come (what earlier batches erased stays
  // erased).
  base::Result<PurgeOutcome> Purge(bool dry_run, std::string_view actor = "system:retention");

  // An analyst's erasure of report `id`'s contact before its time. `reason` is required
  // (InvalidArgument "reason: must not be empty" / "reason: must be at most 500 bytes") and
  // audited: "report.contact.erase", target "report:<id>", summary "erased the reporter's
  // contact: <reason>". Returns true when a contact was erased, false when the report had none
  // (anonymous or already erased: nothing written, no audit entry). NotFound
  // "report <id>: not found".
  base::Result<bool> Erase(int64_t id, std::string_view reason, std::string_view actor);

  const ContactRetentionOptions& options() const { return options_; }

  // Starts the background thread (idempotent).
  void Start();
  // Stops it and waits for it (a purge in flight finishes first). Idempotent; also done by the
  // destructor.
  void Stop();

 private:
  enum class Kind { kReports, kDisputes };
  base::Result<std::vector<int64_t>> PurgeAll(Kind kind, base::TimePoint cutoff,
                                              std::string_view actor);
  base::Result<std::vector<int64_t>> PurgeBatch(Kind kind, base::TimePoint cutoff,
                                                std::string_view actor);
  void Loop();

  store::Store& store_;
  const base::Clock& clock_;
  ContactRetentionOptions options_;

  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;  // guarded by mutex_
  std::thread thread_;     // started / joined by the controlling thread only
};

}  // namespace binhyen::service
