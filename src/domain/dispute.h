#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/clock.h"
#include "base/status.h"
#include "domain/enums.h"
#include "indicator/indicator.h"

namespace binhyen::domain {

// A request by a site owner or number holder to delist an indicator listed by mistake.
struct Dispute {
  int64_t id = 0;  // assigned by the store
  indicator::Kind kind = indicator::Kind::kUrl;
  std::string canonical;  // the disputed indicator; non-empty
  // The claimant's contact details, encrypted by the service layer; nullopt if none given.
  std::optional<std::string> claimant_contact_ciphertext;
  std::string reason;  // non-empty, at most 10,000 bytes
  DisputeStatus status = DisputeStatus::kOpen;
  std::string resolution;  // the analyst's note; empty while open
  std::optional<int64_t> resolved_by_user_id;
  base::TimePoint created_at{};
  std::optional<base::TimePoint> resolved_at;
  // When the claimant's contact was erased (DisputeRepository::EraseClaimantContact); nullopt
  // when never erased (maintained by the store; ignored by Create).
  std::optional<base::TimePoint> claimant_contact_erased_at = std::nullopt;

  friend bool operator==(const Dispute&, const Dispute&) = default;
};

// InvalidArgument naming the field: "canonical: must not be empty", "reason: ...".
base::Status Validate(const Dispute& dispute);

// Ok when an open dispute may be resolved as `to` (accepted or rejected) with a non-empty
// resolution; FailedPrecondition "dispute status: cannot move from <from> to <to>" otherwise, or
// InvalidArgument "resolution: must not be empty".
base::Status CheckResolution(DisputeStatus from, DisputeStatus to, std::string_view resolution);

}  // namespace binhyen::domain
