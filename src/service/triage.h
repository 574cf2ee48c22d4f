#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "domain/enums.h"
#include "domain/report.h"
#include "store/store.h"

namespace binhyen::service {

// How long a confirmed indicator stays in the reputation set unless confirmed again: sites move
// and die quickly, phone numbers and bank accounts are resold slowly.
struct TriageOptions {
  std::chrono::days web_expiry{180};      // url, domain, ip, email, social
  std::chrono::days account_expiry{365};  // phone, bank_account
};

// Analysts' search of the report queue.
struct ReportQuery {
  std::optional<domain::ReportStatus> status;
  std::optional<domain::Category> category;
  std::string ward;  // "" = any
  std::string text;  // words to find in descriptions (with or without diacritics); "" = any
  std::optional<int64_t> assignee_user_id;
  std::string after;  // page cursor from the previous page's `next`
  int limit = 50;     // 1..200
};

// A report as an analyst sees it, with what surrounds it.
struct ReportDetail {
  domain::Report report;  // contact_ciphertext is cleared: contact is revealed separately
  bool has_contact = false;
  std::vector<domain::Report> related;  // linked reports (without their contact), id descending
};

struct TransitionRequest {
  domain::ReportStatus to = domain::ReportStatus::kTriaging;
  std::string reason;  // required when rejecting or marking a duplicate; audited
  std::optional<int64_t> duplicate_of;
  std::optional<std::string> public_note;    // shown to the reporter with the receipt code
  std::optional<domain::Severity> severity;  // when confirming; default by category
  // When confirming: the kind of scam the analyst found, if not the one the reporter chose.
  std::optional<domain::Category> category;
};

struct TransitionOutcome {
  domain::Report report;
  // Indicators added to (or refreshed in) the reputation set by a confirmation, or put back to
  // pending by reopening a confirmed report.
  std::vector<domain::IndicatorRecord> indicators;
};

// The analysts' use cases over reports: search, read, move through the review states, assign.
// Every change is written with its audit entry in one transaction.
// Thread safety: thread-safe (holds only references to thread-safe objects).
class Triage {
 public:
  Triage(store::Store& store, const base::Clock& clock, TriageOptions options = {});

  // InvalidArgument "limit: ...", "text: must be at most 500 bytes", "text: must be valid UTF-8";
  // the page as the store gives it.
  base::Result<store::Page<domain::Report>> List(const ReportQuery& query);

  // NotFound "report <id>: not found".
  base::Result<ReportDetail> Get(int64_t id);

  // Moves report `id` (store::ReportRepository::Transition rules: FailedPrecondition for an
  // illegal move, the duplicate_of rules). Also:
  // - InvalidArgument "reason: required when rejecting" / "... marking a duplicate";
  // - InvalidArgument "duplicate_of: no report <n>" when the target does not exist;
  // - to confirmed: each indicator of the report is upserted into the reputation set as
  //   confirmed, with the report's category, `severity` (or DefaultSeverity), expiry now +
  //   web_expiry / account_expiry, source "report:<id>" (trust 100);
  // - from confirmed to triaging (reopened): an indicator goes back to pending (so it leaves
  //   every public answer) unless something else still vouches for it: a source that is not a
  //   report (analyst, feed) or another report that is still confirmed;
  // audit "report.transition" (target "report:<id>", summary "<from> → <to>: <reason>") by
  // `actor`.
  base::Result<TransitionOutcome> Transition(int64_t id, const TransitionRequest& request,
                                             std::string_view actor);

  // Assigns the report to user `assignee` (by name; nullopt clears). InvalidArgument
  // "assignee: user '<name>' cannot triage reports" for a user without the analyst role;
  // NotFound for an unknown user or report. Audit "report.assign".
  base::Status Assign(int64_t id, std::optional<std::string_view> assignee, std::string_view actor);

  // Replaces the note shown to the reporter (at most domain::kMaxPublicNoteBytes). Audit
  // "report.note".
  base::Status SetPublicNote(int64_t id, std::string_view note, std::string_view actor);

  // Severity of a confirmed indicator when the analyst gives none: money and coercion are high.
  static domain::Severity DefaultSeverity(domain::Category category);

 private:
  base::Result<std::vector<domain::IndicatorRecord>> Confirm(store::Transaction& tx,
                                                             const domain::Report& report,
                                                             std::optional<domain::Severity> sev,
                                                             base::TimePoint now);
  base::Result<std::vector<domain::IndicatorRecord>> Reopen(store::Transaction& tx,
                                                            const domain::Report& report);

  store::Store& store_;
  const base::Clock& clock_;
  TriageOptions options_;
};

}  // namespace binhyen::service
