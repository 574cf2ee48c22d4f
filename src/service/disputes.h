#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/result.h"
#include "crypto/secret_box.h"
#include "domain/dispute.h"
#include "domain/enums.h"
#include "domain/indicator_record.h"
#include "indicator/indicator.h"
#include "service/dispute_code.h"
#include "service/report_intake.h"
#include "store/store.h"

namespace binhyen::service {

// Limits of a dispute's reason, in bytes of UTF-8 (a sentence at least; the domain's limit at
// most).
inline constexpr size_t kMinDisputeReasonBytes = 10;
inline constexpr size_t kMaxDisputeReasonBytes = 10'000;

// A dispute as filed by a site owner or number holder who believes a listing is wrong.
struct DisputeFiling {
  std::string kind;   // an indicator kind name or alias (indicator::ParseKind)
  std::string value;  // the indicator as the claimant writes it
  std::string bank;   // bank accounts only, optional: the bank's name, code or BIN
  std::string reason;
  std::optional<ContactDetails> contact;  // nullopt: the claimant follows by code only
};

// What the claimant is given back.
struct DisputeReceipt {
  int64_t id = 0;
  std::string code;  // DisputeCodes form, "KN-<id>-XXXX-XXXX"
  indicator::Kind kind = indicator::Kind::kUrl;
  std::string canonical;
  domain::DisputeStatus status = domain::DisputeStatus::kOpen;
  // The indicator is in the public reputation set now (a confirmed, unexpired record). Pending,
  // delisted or unknown indicators all answer false: a dispute never reveals what is unconfirmed.
  bool listed = false;
  // The record is delisted: our delisting also suppresses imported sources' entries for it, so
  // it answers "not listed" even before the reputation index has refreshed.
  bool delisted = false;
};

// The claimant's follow-up view: never the reason, the contact or who resolved it.
struct DisputeView {
  std::string code;
  indicator::Kind kind = indicator::Kind::kUrl;
  std::string canonical;
  domain::DisputeStatus status = domain::DisputeStatus::kOpen;
  std::string resolution;  // the analyst's note; empty while open
  base::TimePoint created_at{};
  std::optional<base::TimePoint> resolved_at;
};

// A dispute as an analyst sees it.
struct DisputeDetail {
  domain::Dispute dispute;  // claimant_contact_ciphertext cleared: see RevealContact
  std::string code;
  bool has_contact = false;
  // The disputed indicator's record in the reputation set, whatever its status; nullopt when
  // there is none (e.g. listed only by an imported feed).
  std::optional<domain::IndicatorRecord> indicator;
};

struct DisputeResolution {
  domain::Dispute dispute;  // claimant_contact_ciphertext cleared
  // For an accepted dispute: the record as delisted (its version is the change version every
  // feed and the reputation index follow). nullopt for a rejected one.
  std::optional<domain::IndicatorRecord> indicator;
};

// Disputes of listings: filed by anyone, re-checked and resolved by analysts. Accepting a dispute
// delists the indicator: its record gets status delisted (a new change version), or, when the
// reputation set has no record (a listing that came only from an imported feed), a delisted
// record is created (category other, source "dispute:<id>", trust 100) so that the reputation
// service suppresses the indicator from every source. Every change is written with its audit
// entry in one transaction.
// Thread safety: thread-safe (holds only references to thread-safe objects).
class Disputes {
 public:
  // All references must outlive the Disputes.
  Disputes(store::Store& store, const crypto::SecretBox& contact_box, const DisputeCodes& codes,
           const base::Clock& clock);

  // Files `filing` by `actor` ("public" or a user's Actor()). All field errors at once, one per
  // line of an InvalidArgument message: "kind: must not be empty", "kind: unknown kind 'x' (one
  // of: ...)", "value: must not be empty", "value: must be at most 2048 bytes", "value: <why the
  // canonicaliser refused it>", "bank: only for bank accounts", "bank: unknown bank 'x'",
  // "bank: the value names another bank", "reason: must be at least 10 bytes", "reason: must be
  // at most 10000 bytes", "contact.email: must be at most 256 bytes", "contact: give at least
  // one of name, phone, email (or no contact)". The contact is sealed with the contact box.
  // Audit "dispute.file", target "dispute:<id>" (no indicator, no contact data).
  base::Result<DisputeReceipt> File(const DisputeFiling& filing, std::string_view actor);

  // The follow-up view of the dispute with code `code` (as typed). InvalidArgument "code: ..."
  // when malformed; NotFound "dispute code: no such dispute" when no dispute has this code.
  base::Result<DisputeView> Status(std::string_view code);

  // Disputes in `status` (all when nullopt), newest first, contact ciphertext cleared.
  // InvalidArgument "limit: ..." as the store says.
  base::Result<store::Page<domain::Dispute>> List(std::optional<domain::DisputeStatus> status,
                                                  const store::PageRequest& page);

  // Dispute `id` with its indicator record (without the contact). NotFound "dispute <id>: not
  // found".
  base::Result<DisputeDetail> Get(int64_t id);

  // The decrypted contact of dispute `id` (the JSON object stored, e.g. {"email":"..."}),
  // recording "dispute.contact.reveal" by `actor` in the same transaction. NotFound "dispute
  // <id>: not found"; FailedPrecondition "dispute <id>: no contact given"; InvalidArgument
  // "contact data could not be decrypted" with the wrong key.
  base::Result<std::string> RevealContact(int64_t id, std::string_view actor);

  // Resolves open dispute `id` as accepted or rejected with the analyst's `resolution` (shown to
  // the claimant; 1..2000 bytes). Accepted: the indicator is delisted (see the class comment).
  // Audit "dispute.resolve", target "dispute:<id>", summary "<to>: <resolution>", by `actor`
  // (user `user_id`). Errors: InvalidArgument "to: must be accepted or rejected", "resolution:
  // must not be empty", "resolution: must be at most 2000 bytes"; NotFound "dispute <id>: not
  // found"; FailedPrecondition "dispute status: cannot move from <from> to <to>" when resolved
  // already.
  base::Result<DisputeResolution> Resolve(int64_t id, domain::DisputeStatus to,
                                          std::string_view resolution, int64_t user_id,
                                          std::string_view actor);

  // The code of dispute `id` (for analysts' answers).
  std::string CodeOf(int64_t id) const { return codes_.Make(id); }

 private:
  base::Result<DisputeReceipt> FileOnce(const domain::Dispute& dispute, std::string_view actor);
  base::Result<DisputeResolution> ResolveOnce(int64_t id, domain::DisputeStatus to,
                                              std::string_view resolution, int64_t user_id,
                                              std::string_view actor);

  store::Store& store_;
  const crypto::SecretBox& contact_box_;
  const DisputeCodes& codes_;
  const base::Clock& clock_;
};

}  // namespace binhyen::service
