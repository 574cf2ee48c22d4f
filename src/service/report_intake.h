#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "crypto/random.h"
#include "crypto/secret_box.h"
#include "domain/enums.h"
#include "domain/report.h"
#include "evidence/evidence_store.h"
#include "store/store.h"

namespace binhyen::service {

// Limits of one submission, stricter than the domain's storage limits: a report is typed by a
// person, and each limit names its field when exceeded.
inline constexpr size_t kMaxSubmissionDescriptionBytes = 10'000;
inline constexpr size_t kMaxSubmissionIndicators = 50;
inline constexpr size_t kMaxIndicatorValueBytes = 2048;
inline constexpr int64_t kMaxLossVnd = 10'000'000'000'000;  // 10^13 đồng
inline constexpr size_t kMaxContactFieldBytes = 256;
// At most this many earlier reports (the most recent) are linked to a new one. A campaign of one
// scam message can bring thousands of reports; linking each to the 5 before it keeps the whole
// cluster reachable (a chain) while a new report costs a bounded number of writes. Each link is
// an insert into a page of the older report's region of the link table (a random page for the
// write-ahead log), so this bound is what intake throughput turns on (docs/PERFORMANCE.md).
inline constexpr int kMaxLinkedReports = 5;
// At most this many related reports are listed per reason in a receipt (RelatedGroup).
inline constexpr int kMaxRelatedListed = 10;

// An indicator as the reporter typed it. `kind` is an indicator kind name or alias
// (indicator::ParseKind) or empty to let intake guess it by extraction from `value`.
struct TypedIndicator {
  std::string kind;
  std::string value;
};

// How to reach the reporter again. Kept only encrypted (crypto::SecretBox); at least one field
// must be non-empty.
struct ContactDetails {
  std::string name;
  std::string phone;
  std::string email;
};

// An evidence file as uploaded (a screenshot, a PDF, a call recording...). Its type is sniffed
// from its bytes; the uploaded name is kept for the analyst, never trusted.
struct EvidenceUpload {
  std::string filename;
  std::string data;
};

// Limits on evidence files of one submission.
struct IntakeOptions {
  int max_evidence_files = 10;
  int64_t max_evidence_file_bytes = int64_t{10} * 1024 * 1024;
};

// A report as submitted by a resident through any channel.
struct ReportSubmission {
  domain::Channel channel = domain::Channel::kWeb;
  std::string category;  // a domain::Category name, e.g. "phishing"
  std::string description;
  std::optional<base::TimePoint> occurred_at;
  int64_t loss_vnd = 0;
  std::string ward;
  std::vector<TypedIndicator> indicators;
  std::optional<ContactDetails> contact;  // nullopt: anonymous
  // What the reporter said explicitly: true with a contact, or false without one, is an error
  // ("contact: ..."); nullopt lets the presence of `contact` decide.
  std::optional<bool> anonymous;
  std::vector<EvidenceUpload> evidence;
};

// Earlier reports a new one was linked to, and why.
struct RelatedGroup {
  enum class Reason { kSharedIndicator, kSimilarText };
  Reason reason = Reason::kSharedIndicator;
  std::optional<domain::ReportIndicator> indicator;  // for kSharedIndicator
  std::vector<int64_t> report_ids;                   // id descending, at most kMaxRelatedListed
  bool more = false;  // more earlier reports match than report_ids lists
};

// What the reporter is given back.
struct Receipt {
  int64_t id = 0;
  std::string receipt_code;  // "BY-XXXX-XXXX": the reporter's key to follow the report
  domain::ReportStatus status = domain::ReportStatus::kReceived;
  // Earlier reports sharing an indicator or a near-identical text, id descending (at most
  // kMaxLinkedReports), and the same grouped by reason.
  std::vector<int64_t> linked_report_ids;
  std::vector<RelatedGroup> related;
  std::vector<domain::EvidenceRef> evidence;
  std::vector<domain::ReportIndicator> indicators;  // as stored: typed first, then extracted
  // Indicators found in the description but not kept because the report already held the
  // maximum number; 0 normally. Callers show it so that nothing is dropped unannounced.
  size_t extracted_not_kept = 0;
};

// The reporter's follow-up view: never the contact, the description or the links.
struct ReportView {
  std::string receipt_code;
  domain::ReportStatus status = domain::ReportStatus::kReceived;
  domain::Category category = domain::Category::kOther;
  base::TimePoint created_at{};
  base::TimePoint updated_at{};
  std::vector<domain::ReportIndicator> indicators;
  std::string public_note;  // the analysts' note to the reporter; may be empty
};

// The report intake use case: turns a submission into a stored report with its canonical
// indicators, sealed contact, links to earlier reports and audit entry, in one transaction.
// Thread safety: confine to one thread (holds a crypto::Random&); several instances over the
// same store may run in parallel.
class ReportIntake {
 public:
  // All references must outlive the ReportIntake.
  ReportIntake(store::Store& store, const crypto::SecretBox& contact_box, const base::Clock& clock,
               crypto::Random& random);
  // With evidence files: `evidence` (may be null: submissions with files are then refused with
  // FailedPrecondition "evidence: not accepted here").
  ReportIntake(store::Store& store, const crypto::SecretBox& contact_box, const base::Clock& clock,
               crypto::Random& random, evidence::EvidenceStore* evidence, IntakeOptions options);

  // Files `submission`. Every field is checked before anything is written; all field errors are
  // reported at once, one per line of the InvalidArgument message ("<field>: <what>\n...").
  // - each typed indicator is canonicalised (indicator::Canonicalize), or, with an empty kind,
  //   extracted from its value (indicator::Extract; every indicator found is kept);
  // - indicator::Extract also runs over the description, and what it finds is added;
  //   duplicates by (kind, canonical) are dropped (the first, typed one, keeps its raw text);
  //   extracted indicators beyond kMaxSubmissionIndicators in total are not kept, and their
  //   number is returned in Receipt::extracted_not_kept;
  // - the contact (JSON of its non-empty fields) is encrypted with the contact box; anonymous
  //   submissions store none;
  // - the report is created with a fresh receipt code (drawn again on a collision), linked to
  //   the earlier reports sharing any of its indicators or whose description is near-identical
  //   (text::DescriptionSimHash within text::kNearDuplicateDistance bits; at most
  //   kMaxLinkedReports in all, looked up in a snapshot just before the write: a report committed
  //   at that very moment may go unlinked), and an
  //   audit entry "report.submit", target "report:<id>" (no contact data) is appended by `actor`;
  //   all of it in ONE read-write transaction (retried on Aborted).
  // Errors: InvalidArgument naming the field, nothing stored: "category: unknown category 'x'",
  // "description: must not be empty", "description: must be at most 10000 bytes",
  // "loss_vnd: must be between 0 and 10000000000000", "indicators: at most 50 (got 51)",
  // "indicators[2]: phone: too short", "indicators[0].kind: unknown kind 'x' (...)",
  // "contact.phone: must be at most 256 bytes", "occurred_at: is in the future",
  // "ward: unknown ward or commune 'x' (one of: ...)" (the ward is stored as its unit code),
  // "evidence: at most 10 files", "evidence[1]: file type not accepted (...)"; PayloadTooLarge
  // "evidence[0]: larger than 10 MiB"; store errors (Unavailable, ...) as they come.
  // Evidence files are written to the evidence store (content-addressed) just before the
  // transaction: a failed transaction may leave an unreferenced file, never a reference to a
  // missing one.
  base::Result<Receipt> Submit(const ReportSubmission& submission, std::string_view actor);

  // The follow-up view of the report with receipt code `receipt` (as typed: any case, dashes
  // optional, see domain::NormalizeReceiptCode). InvalidArgument "receipt_code: ..." for a
  // malformed code; NotFound "receipt <code>: no such report".
  base::Result<ReportView> Get(std::string_view receipt);

  // For analysts: the decrypted contact of report `id` (the JSON object stored, e.g.
  // {"name":"...","phone":"..."}), recording "report.contact.reveal" by `actor` in the same
  // transaction. NotFound "report <id>: not found"; FailedPrecondition "report <id>: anonymous
  // (no contact)", or "report <id>: contact erased (retention)" when it was erased
  // (ContactRetention); InvalidArgument "contact data could not be decrypted" with the wrong key.
  base::Result<std::string> RevealContact(int64_t id, std::string_view actor);

 private:
  std::string DrawReceiptCode();
  base::Result<std::vector<domain::EvidenceRef>> StoreEvidence(
      const std::vector<EvidenceUpload>& uploads);
  base::Status LinkRelated(store::Transaction& tx, const std::vector<RelatedGroup>& related,
                           Receipt& receipt);
  base::Result<Receipt> SubmitOnce(const domain::Report& prepared,
                                   const std::vector<RelatedGroup>& related,
                                   std::string_view actor);
  // The code of the ward or commune `ward` names (its code, or its name with or without
  // diacritics and "Phường"/"Xã"); InvalidArgument "ward: unknown ward or commune ..." when the
  // installation has wards and communes and none matches; `ward` itself when it has none.
  base::Result<std::string> ResolveWard(store::Transaction& tx, std::string_view ward);
  // Earlier reports sharing an indicator or a near-identical text, in a read-only snapshot.
  base::Result<std::vector<RelatedGroup>> FindRelated(store::Transaction& tx,
                                                      const domain::Report& report);

  store::Store& store_;
  const crypto::SecretBox& contact_box_;
  const base::Clock& clock_;
  crypto::Random& random_;
  evidence::EvidenceStore* evidence_ = nullptr;
  IntakeOptions options_;
};

}  // namespace binhyen::service
