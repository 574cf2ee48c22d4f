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

// Who vouches for an indicator, and how much we trust them (0 = not at all, 100 = our own
// verified finding). Source names are short identifiers: "report:123", "analyst:7",
// "feed:abuse.ch".
struct IndicatorSource {
  std::string source;   // non-empty, at most 200 bytes; unique within a record
  int trust_level = 0;  // 0..100

  friend bool operator==(const IndicatorSource&, const IndicatorSource&) = default;
};

// An entry of the reputation set: one canonical indicator with what we know about it.
// Identity is (kind, canonical).
struct IndicatorRecord {
  indicator::Kind kind = indicator::Kind::kUrl;
  std::string canonical;  // non-empty, at most 2048 bytes
  Category category = Category::kOther;
  Severity severity = Severity::kMedium;
  IndicatorStatus status = IndicatorStatus::kPending;
  base::TimePoint first_seen{};
  base::TimePoint last_seen{};                // >= first_seen
  std::optional<base::TimePoint> expires_at;  // nullopt: does not expire
  std::vector<IndicatorSource> sources;       // sorted by source name by the store
  // The store's change version of the last write to this record (see
  // IndicatorRepository::ChangesSince); 0 before the first write. Ignored on input.
  int64_t version = 0;

  friend bool operator==(const IndicatorRecord&, const IndicatorRecord&) = default;
};

// InvalidArgument naming the field: "canonical: must not be empty", "last_seen: must not be
// before first_seen", "sources[1].trust_level: must be in 0..100", "sources: duplicate x".
base::Status Validate(const IndicatorRecord& record);

}  // namespace binhyen::domain
