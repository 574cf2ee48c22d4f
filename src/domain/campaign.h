#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/status.h"

namespace binhyen::domain {

// Where a guidance campaign is: a draft can be edited and sent; a sent one collects
// acknowledgements; a closed one is kept for the record.
enum class CampaignStatus { kDraft, kSent, kClosed };
std::string_view Name(CampaignStatus v);  // "draft" "sent" "closed"
std::optional<CampaignStatus> ParseCampaignStatus(std::string_view name);

// How a person acknowledged a campaign.
enum class AckVia { kLink, kPortal };
std::string_view Name(AckVia v);  // "link" "portal"
std::optional<AckVia> ParseAckVia(std::string_view name);

// A guidance campaign: a document (the directive, a law summary, a scam alert) sent to every
// person of the chosen units (and of their child units) and to chosen people.
struct Campaign {
  int64_t id = 0;          // assigned by the store
  std::string title;       // 1..300 bytes
  std::string body;        // Markdown; 1..200000 bytes
  int64_t created_by = 0;  // users.id
  base::TimePoint created_at{};
  std::optional<base::TimePoint> sent_at;   // set when sent
  std::optional<base::TimePoint> deadline;  // optional "read by"
  CampaignStatus status = CampaignStatus::kDraft;
  std::vector<std::string> target_units;  // unit codes, sorted, unique
  std::vector<int64_t> target_people;     // person ids, sorted, unique
  friend bool operator==(const Campaign&, const Campaign&) = default;
};

// That a person has read a campaign's document.
struct Acknowledgement {
  int64_t campaign_id = 0;
  int64_t person_id = 0;
  base::TimePoint acknowledged_at{};
  AckVia via = AckVia::kLink;
  friend bool operator==(const Acknowledgement&, const Acknowledgement&) = default;
};

inline constexpr size_t kMaxCampaignTitleBytes = 300;
inline constexpr size_t kMaxCampaignBodyBytes = 200000;

// InvalidArgument naming the field: "title: must not be empty", "title: must be at most 300
// bytes", "body: ...", "targets: choose at least one unit or person", "target_units: ...",
// "target_people: ...", "deadline: must be after created_at".
base::Status Validate(const Campaign& campaign);

}  // namespace binhyen::domain
