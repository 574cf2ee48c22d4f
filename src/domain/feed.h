#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/status.h"
#include "indicator/indicator.h"

namespace binhyen::domain {

// How much an imported blocklist is trusted. The reputation index weighs a match by it (a
// high-trust feed can make a host "dangerous" on its own, a low-trust one only "suspicious").
enum class FeedTrust { kLow, kMedium, kHigh };

std::string_view Name(FeedTrust v);  // "low" "medium" "high"
std::optional<FeedTrust> ParseFeedTrust(std::string_view name);

// Limits of a feed source's name.
inline constexpr size_t kMaxFeedNameBytes = 64;

// One imported blocklist ("feed source"): its identity, how it is read and trusted, whether its
// entries are published, and the state of its last import.
struct FeedSource {
  int64_t id = 0;
  std::string name;    // 1..64 bytes of [a-z0-9._-]; unique
  std::string format;  // the exchange::ImportFormat name it was last imported with ("hosts")
  FeedTrust trust = FeedTrust::kMedium;
  bool enabled = true;  // disabled sources keep their entries but are not listed by the index
  std::optional<base::TimePoint> imported_at;  // nullopt before the first import
  int64_t active_entries = 0;                  // entries not expired
  // The shared change version ('indicator_version') of the last change of what this source
  // lists (an import or enabling / disabling it); 0 before the first.
  int64_t version = 0;

  friend bool operator==(const FeedSource&, const FeedSource&) = default;
};

// One indicator of a feed source. Identity within the source is (kind, canonical). An entry the
// latest import no longer has is kept for history with expired_at set, and is never listed.
struct FeedEntry {
  indicator::Kind kind = indicator::Kind::kDomain;
  std::string canonical;  // 1..2048 bytes
  std::string category;   // a domain::Category name, or "" when the feed does not say
  base::TimePoint first_seen{};
  base::TimePoint last_seen{};  // >= first_seen
  std::optional<base::TimePoint> expired_at;

  friend bool operator==(const FeedEntry&, const FeedEntry&) = default;
};

// InvalidArgument "name: must be 1..64 characters of a-z 0-9 . _ -" otherwise.
base::Status ValidateFeedName(std::string_view name);

// InvalidArgument naming the field: "name: ...", "format: must not be empty".
base::Status Validate(const FeedSource& source);

// InvalidArgument naming the field: "canonical: must not be empty", "canonical: must be at most
// 2048 bytes", "category: unknown category 'x'", "last_seen: must not be before first_seen".
base::Status Validate(const FeedEntry& entry);

}  // namespace binhyen::domain
