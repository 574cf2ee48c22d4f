#pragma once

#include <string_view>

#include "base/clock.h"
#include "base/result.h"
#include "domain/indicator_record.h"
#include "indicator/indicator.h"
#include "service/triage.h"
#include "store/store.h"

namespace binhyen::service {

// The shortest reason an analyst may give for changing a listing, in bytes.
inline constexpr size_t kMinIndicatorReasonBytes = 3;
inline constexpr size_t kMaxIndicatorReasonBytes = 2'000;

// The analysts' console over the reputation set: browse records, expire, delist and relist
// them. Each status change goes through store::IndicatorRepository::SetStatus (a new change
// version, which the reputation index and the exported feeds follow) and is written with its
// audit entry in one transaction: "indicator.expire", "indicator.delist", "indicator.relist",
// target "indicator:<kind>:<canonical>", summary "<from> → <to>: <reason>".
// Thread safety: thread-safe (holds only references to thread-safe objects).
class IndicatorAdmin {
 public:
  // Both references must outlive the IndicatorAdmin. `options` gives the expiry of a relisted
  // record whose expiry date has passed (as when a report confirms it).
  IndicatorAdmin(store::Store& store, const base::Clock& clock, TriageOptions options = {});

  // Records matching `filter`, most recently changed first (store::IndicatorRepository::List).
  // InvalidArgument "limit: must be between 1 and 200", "text: must be at most 200 bytes".
  base::Result<store::Page<domain::IndicatorRecord>> List(const store::IndicatorFilter& filter,
                                                          const store::PageRequest& page);

  // Sets the record's status to expired / delisted / confirmed. Errors: InvalidArgument
  // "reason: must be at least 3 bytes" (after trimming) / "reason: must be at most 2000
  // bytes" / "actor: must not be empty"; NotFound "indicator <kind> <canonical>: not found";
  // FailedPrecondition "status: already <status>" when the record is in that status (nothing
  // written). Relist also gives a record whose expires_at has passed a new expiry (now + the
  // kind's expiry of `options`), or it would stay out of every public answer.
  // Returns the record as stored.
  base::Result<domain::IndicatorRecord> Expire(indicator::Kind kind, std::string_view canonical,
                                               std::string_view actor, std::string_view reason);
  base::Result<domain::IndicatorRecord> Delist(indicator::Kind kind, std::string_view canonical,
                                               std::string_view actor, std::string_view reason);
  base::Result<domain::IndicatorRecord> Relist(indicator::Kind kind, std::string_view canonical,
                                               std::string_view actor, std::string_view reason);

 private:
  base::Result<domain::IndicatorRecord> Change(indicator::Kind kind, std::string_view canonical,
                                               domain::IndicatorStatus to, std::string_view actor,
                                               std::string_view reason);
  base::Result<domain::IndicatorRecord> ChangeOnce(indicator::Kind kind, std::string_view canonical,
                                                   domain::IndicatorStatus to,
                                                   std::string_view actor, std::string_view reason);

  store::Store& store_;
  const base::Clock& clock_;
  TriageOptions options_;
};

}  // namespace binhyen::service
