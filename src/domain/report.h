#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "domain/enums.h"
#include "indicator/indicator.h"

namespace binhyen::domain {

// An indicator attached to a report: the canonical form (indicator::Canonicalize) and the text
// the reporter typed or intake extracted. A report holds each (kind, canonical) at most once.
struct ReportIndicator {
  indicator::Kind kind = indicator::Kind::kUrl;
  std::string canonical;  // non-empty, at most 2048 bytes
  std::string raw;        // may be empty, at most 4096 bytes

  friend bool operator==(const ReportIndicator&, const ReportIndicator&) = default;
};

// A reference to an evidence file in the content-addressed evidence store (evidence/).
struct EvidenceRef {
  std::string sha256;      // 64 lower-case hex digits: the content address
  std::string media_type;  // e.g. "image/png"; non-empty
  int64_t size = 0;        // bytes, >= 0
  std::string filename;    // as uploaded; may be empty, at most 255 bytes

  friend bool operator==(const EvidenceRef&, const EvidenceRef&) = default;
};

inline constexpr size_t kMaxDescriptionBytes = 20'000;
inline constexpr size_t kMaxPublicNoteBytes = 2'000;

// A report filed by a resident (or by a partner through the API or a bot).
//
// Times are UTC. The store keeps times at microsecond precision (finer parts are truncated).
struct Report {
  int64_t id = 0;            // assigned by the store; 0 before creation
  std::string receipt_code;  // "BY-XXXX-XXXX" (receipt.h); unique; set before creation
  Channel channel = Channel::kWeb;
  Category category = Category::kOther;
  std::string description;                     // UTF-8, non-empty, at most kMaxDescriptionBytes
  std::optional<base::TimePoint> occurred_at;  // when the reporter says it happened
  int64_t loss_vnd = 0;                        // money lost, in đồng, >= 0
  std::string ward;  // ward / unit code, e.g. "P01"; may be empty (unknown)
  // The reporter's contact details encrypted by the service layer (crypto/ secretbox), or
  // nullopt for an anonymous report. The domain and the store never see the plaintext.
  std::optional<std::string> contact_ciphertext;
  ReportStatus status = ReportStatus::kReceived;
  std::optional<int64_t> assignee_user_id;
  // Set exactly when status == kDuplicate: the report this one duplicates (maintained by the
  // store through ReportRepository::Transition; ignored by Create).
  std::optional<int64_t> duplicate_of;
  // What the reporter sees when following the report by receipt code (written by an analyst;
  // never personal data). At most kMaxPublicNoteBytes; empty by default.
  std::string public_note;
  // SimHash of the folded description (text/simhash.h), for finding near-identical reports;
  // nullopt when not computed. Set by the caller of Create and then never changes.
  std::optional<uint64_t> text_simhash;
  std::vector<int64_t> linked_report_ids;  // ascending; maintained by the store (symmetric)
  std::vector<ReportIndicator> indicators;
  std::vector<EvidenceRef> evidence;
  base::TimePoint created_at{};
  base::TimePoint updated_at{};
  // When the report got its verdict: set by ReportRepository::Transition to the time of the
  // change into confirmed, rejected or duplicate, cleared when it is reopened (maintained by
  // the store; ignored by Create). nullopt while the report is open.
  std::optional<base::TimePoint> decided_at = std::nullopt;
  // When the contact was erased (retention or an analyst, ReportRepository::EraseContact):
  // contact_ciphertext is then nullopt. nullopt when never erased (maintained by the store;
  // ignored by Create).
  std::optional<base::TimePoint> contact_erased_at = std::nullopt;

  friend bool operator==(const Report&, const Report&) = default;
};

// Checks every field rule above of a report about to be created or updated. Returns
// InvalidArgument naming the first bad field: "description: must not be empty",
// "loss_vnd: must be >= 0", "receipt_code: ...", "indicators[2].canonical: must not be empty",
// "indicators: duplicate url http://x/", "evidence[0].sha256: must be 64 lower-case hex digits".
// The id, status, links and times are not checked (the store owns them).
base::Status Validate(const Report& report);
base::Status Validate(const ReportIndicator& indicator);
base::Status Validate(const EvidenceRef& evidence);

}  // namespace binhyen::domain
