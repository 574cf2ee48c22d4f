#include "domain/campaign.h"

#include <algorithm>
#include <array>
#include <utility>

#include "domain/internal/rules.h"

namespace binhyen::domain {
namespace {

using internal::NameIn;
using internal::ParseIn;

constexpr std::array<std::pair<CampaignStatus, std::string_view>, 3> kStatuses = {{
    {CampaignStatus::kDraft, "draft"},
    {CampaignStatus::kSent, "sent"},
    {CampaignStatus::kClosed, "closed"},
}};

constexpr std::array<std::pair<AckVia, std::string_view>, 2> kVias = {{
    {AckVia::kLink, "link"},
    {AckVia::kPortal, "portal"},
}};

base::Status Bad(std::string_view field, std::string_view what) {
  return base::InvalidArgumentError(std::string(field) + ": " + std::string(what));
}

template <typename T>
bool SortedUnique(const std::vector<T>& v) {
  return std::adjacent_find(v.begin(), v.end(), [](const T& a, const T& b) { return !(a < b); }) ==
         v.end();
}

}  // namespace

std::string_view Name(CampaignStatus v) { return NameIn(kStatuses, v); }
std::optional<CampaignStatus> ParseCampaignStatus(std::string_view name) {
  return ParseIn(kStatuses, name);
}
std::string_view Name(AckVia v) { return NameIn(kVias, v); }
std::optional<AckVia> ParseAckVia(std::string_view name) { return ParseIn(kVias, name); }

base::Status Validate(const Campaign& c) {
  if (c.title.empty()) return Bad("title", "must not be empty");
  if (c.title.size() > kMaxCampaignTitleBytes) return Bad("title", "must be at most 300 bytes");
  if (c.body.empty()) return Bad("body", "must not be empty");
  if (c.body.size() > kMaxCampaignBodyBytes) return Bad("body", "must be at most 200000 bytes");
  if (c.target_units.empty() && c.target_people.empty()) {
    return Bad("targets", "choose at least one unit or person");
  }
  if (!SortedUnique(c.target_units)) return Bad("target_units", "must be sorted and unique");
  if (!SortedUnique(c.target_people)) return Bad("target_people", "must be sorted and unique");
  for (int64_t id : c.target_people) {
    if (id <= 0) return Bad("target_people", "must be positive ids");
  }
  if (c.deadline && *c.deadline <= c.created_at) return Bad("deadline", "must be after created_at");
  return base::Status::Ok();
}

}  // namespace binhyen::domain
