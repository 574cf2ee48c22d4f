#include "domain/feed.h"

#include <string>

#include "domain/enums.h"

namespace binhyen::domain {
namespace {

constexpr size_t kMaxCanonicalBytes = 2048;

bool IsFeedNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

}  // namespace

std::string_view Name(FeedTrust v) {
  switch (v) {
    case FeedTrust::kLow: return "low";
    case FeedTrust::kMedium: return "medium";
    case FeedTrust::kHigh: return "high";
  }
  return "medium";
}

std::optional<FeedTrust> ParseFeedTrust(std::string_view name) {
  for (FeedTrust t : {FeedTrust::kLow, FeedTrust::kMedium, FeedTrust::kHigh}) {
    if (Name(t) == name) return t;
  }
  return std::nullopt;
}

base::Status ValidateFeedName(std::string_view name) {
  bool ok = !name.empty() && name.size() <= kMaxFeedNameBytes;
  for (char c : name) ok = ok && IsFeedNameChar(c);
  if (!ok) return base::InvalidArgumentError("name: must be 1..64 characters of a-z 0-9 . _ -");
  return base::Status::Ok();
}

base::Status Validate(const FeedSource& source) {
  BINHYEN_RETURN_IF_ERROR(ValidateFeedName(source.name));
  if (source.format.empty()) return base::InvalidArgumentError("format: must not be empty");
  if (source.active_entries < 0) {
    return base::InvalidArgumentError("active_entries: must not be negative");
  }
  return base::Status::Ok();
}

base::Status Validate(const FeedEntry& entry) {
  if (entry.canonical.empty()) return base::InvalidArgumentError("canonical: must not be empty");
  if (entry.canonical.size() > kMaxCanonicalBytes) {
    return base::InvalidArgumentError("canonical: must be at most 2048 bytes");
  }
  if (!entry.category.empty() && !ParseCategory(entry.category).has_value()) {
    return base::InvalidArgumentError("category: unknown category '" + entry.category + "'");
  }
  if (entry.last_seen < entry.first_seen) {
    return base::InvalidArgumentError("last_seen: must not be before first_seen");
  }
  return base::Status::Ok();
}

}  // namespace binhyen::domain
