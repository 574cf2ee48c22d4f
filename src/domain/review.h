#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/status.h"

namespace binhyen::domain {

// A periodic review: the 6-month "sơ kết", the annual "tổng kết", or another period.
enum class ReviewKind { kSixMonth, kAnnual, kOther };
std::string_view Name(ReviewKind v);  // "six_month" "annual" "other"
std::optional<ReviewKind> ParseReviewKind(std::string_view name);

// A review the standing office prepares: its period and the administrative particulars printed
// on it. Its figures are not stored: they are computed from the data each time it is exported,
// so they always match the data. What is stored beside it is the edited list of reward
// proposals (RewardProposal).
struct Review {
  int64_t id = 0;  // assigned by the store
  ReviewKind kind = ReviewKind::kSixMonth;
  std::string title;             // 1..300 bytes: "Sơ kết 6 tháng đầu năm 2026 ..."
  std::string from;              // first day, "YYYY-MM-DD"
  std::string to;                // last day (included), "YYYY-MM-DD", >= from, at most 10 years on
  std::string superior_body;     // 0..200 bytes, top left: "UBND THỊ XÃ ĐỨC PHỔ"
  std::string issuing_body;      // 1..200 bytes, under it: "BAN CHỈ ĐẠO PHONG TRÀO ..."
  std::string number;            // the document number, 0..50 bytes: "15/BC-BCĐ"
  std::string place;             // 1..100 bytes: "Đức Phổ"
  std::string report_date;       // the date printed on it, "YYYY-MM-DD"
  std::string signer_authority;  // 0..200 bytes: "TM. BAN CHỈ ĐẠO"
  std::string signer_position;   // 0..200 bytes: "TRƯỞNG BAN"
  std::string signer_name;       // 0..200 bytes
  std::string recipients;        // "Nơi nhận", one per line, 0..2000 bytes
  int64_t created_by = 0;        // users.id
  base::TimePoint created_at{};
  base::TimePoint updated_at{};
  friend bool operator==(const Review&, const Review&) = default;
};

// InvalidArgument naming the field ("from: must be YYYY-MM-DD", "to: must not be before from",
// "to: the period must be at most 10 years", "title: ...").
base::Status Validate(const Review& review);

// Who a reward proposal is for.
enum class RewardSubject { kUnit, kPerson, kChannel };
std::string_view Name(RewardSubject v);  // "unit" "person" "channel"
std::optional<RewardSubject> ParseRewardSubject(std::string_view name);

// A candidate for a reward ("khen thưởng") in a review: ranked from the data when the review's
// candidates are computed, then edited by the programme admin (left out, reworded, added by
// hand).
struct RewardProposal {
  int64_t id = 0;  // assigned by the store
  int64_t review_id = 0;
  RewardSubject subject = RewardSubject::kUnit;
  // What the subject is: a unit code, a person's id, a channel's id, as text; "" for a candidate
  // added by hand with no record behind it.
  std::string subject_ref;
  std::string subject_name;  // as printed, 1..300 bytes
  std::string unit_code;     // the unit the subject belongs to; "" when none
  int rank = 0;              // 1.. within its subject kind
  std::string basis;  // what the data shows, generated: "Tỷ lệ xác nhận 98%; tự đánh giá 92%"
  std::string reason;  // the admin's words, 0..2000 bytes
  std::string award;  // the form of reward proposed, 0..300 bytes: "Giấy khen của UBND thị xã"
  bool included = true;    // false: kept for the record, left out of the export
  bool manual = false;     // added by hand
  int64_t updated_by = 0;  // users.id
  base::TimePoint updated_at{};
  friend bool operator==(const RewardProposal&, const RewardProposal&) = default;
};

// InvalidArgument naming the field ("subject_name: must not be empty", "rank: must be >= 1",
// "basis: ...", "reason: ...", "award: ...").
base::Status Validate(const RewardProposal& proposal);

}  // namespace binhyen::domain
