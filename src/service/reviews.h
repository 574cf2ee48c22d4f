#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "crypto/secret_box.h"
#include "domain/review.h"
#include "indicator/indicator.h"
#include "service/auth.h"
#include "service/statistics.h"
#include "service/tasks.h"
#include "store/store.h"

namespace binhyen::service {

// ---------------------------------------------------------------------------------------------
// The figures of a review period, computed from the data (never typed).

// Campaign completion of one unit over the campaigns sent in the period.
struct UnitCampaignFigures {
  std::string unit_code;
  std::string unit_name;
  int64_t recipients = 0;    // people sent a campaign (one per campaign and person)
  int64_t acknowledged = 0;  // of those, who confirmed reading it
};

struct CampaignFigures {
  int64_t id = 0;
  std::string title;
  std::string sent_on;  // "YYYY-MM-DD"
  int64_t recipients = 0;
  int64_t acknowledged = 0;
};

struct TrainingFigures {
  int64_t id = 0;
  std::string title;
  std::string held_on;  // "YYYY-MM-DD"
  std::string place;
  int64_t invited = 0;
  int64_t attended = 0;  // check-ins, walk-ins included
};

// A unit's channels: how many, members at the end of the period, warnings relayed and reports
// received over the months of the period.
struct UnitChannelFigures {
  std::string unit_code;
  std::string unit_name;
  int64_t channels = 0;
  int64_t members = 0;
  int64_t warnings_relayed = 0;
  int64_t reports_received = 0;
};

struct ChannelRelayFigures {
  int64_t channel_id = 0;
  std::string name;
  std::string unit_code;
  std::string unit_name;
  int64_t warnings_relayed = 0;  // over the months of the period
};

struct PublishedFigures {
  int64_t warnings = 0;
  int64_t clarifications = 0;
  // (date "YYYY-MM-DD", kind name, title) of each, oldest first.
  struct Item {
    std::string published_on;
    domain::WarningKind kind = domain::WarningKind::kWarning;
    std::string title;
  };
  std::vector<Item> items;
};

struct AssessmentFigures {
  std::string unit_code;
  std::string unit_name;
  std::string submitted_on;  // "YYYY-MM-DD"
  int score = 0;             // per mille
};

struct BudgetFigures {
  std::string unit_name;  // kTownBudgetName for the town's lines
  std::string activity;
  int year = 0;
  int64_t allocated = 0;
  int64_t spent_in_period = 0;
  int64_t spent_total = 0;  // up to now
};

// Confirmed reports of the period from one reporter who left contact details (grouped by phone,
// else e-mail). Only the standing office sees these.
struct ReporterFigures {
  std::string name;  // as they gave it; "" when they gave none
  int64_t confirmed = 0;
};

struct ReviewFigures {
  std::string from;  // first day, "YYYY-MM-DD"
  std::string to;    // last day, included
  std::string computed_on;
  PublicStatistics reports;          // reports created in the period
  int64_t indicators_confirmed = 0;  // distinct indicators of the period's confirmed reports
  std::vector<std::pair<indicator::Kind, int64_t>> indicators_by_kind;  // kinds in order
  PublishedFigures published;
  std::vector<CampaignFigures> campaigns;
  std::vector<UnitCampaignFigures> campaign_units;  // by unit name
  std::vector<TrainingFigures> trainings;           // by date
  std::vector<UnitChannelFigures> channel_units;    // by unit name
  std::vector<ChannelRelayFigures> channels;        // warnings relayed descending
  std::vector<UnitTaskCounts> tasks;                // tasks due in the period, by unit name
  std::vector<domain::Task> overdue_tasks;          // due in the period, still active and late
  std::vector<AssessmentFigures> assessments;       // latest by the period's end, by unit name
  std::vector<BudgetFigures> budget;                // lines of the period's years
  std::vector<ReporterFigures> reporters;           // confirmed descending
  int reporter_contacts_erased = 0;  // confirmed reports whose contact retention had erased
};

// What a review is exported with: the record, its figures and its included proposals.
struct ReviewExport {
  domain::Review review;
  ReviewFigures figures;
  std::vector<domain::RewardProposal> proposals;  // included ones only, in order
};

// What the programme admin types to create or edit a review.
struct ReviewInput {
  std::string kind;  // "six_month", "annual", "other"
  std::string title;
  std::string from;
  std::string to;
  std::string superior_body;
  std::string issuing_body;
  std::string number;
  std::string place;
  std::string report_date;
  std::string signer_authority;
  std::string signer_position;
  std::string signer_name;
  std::string recipients;
};

// An edit of one proposal.
struct ProposalInput {
  std::string subject;  // "unit", "person", "channel" (AddProposal only)
  std::string subject_name;
  std::string unit;
  std::string rank;
  std::string reason;
  std::string award;
  bool included = true;
};

// The movement as a review's title names it.
inline constexpr std::string_view kMovementName =
    "phong trào toàn dân tham gia bảo vệ an ninh mạng";
// The issuing body printed when no review has named one.
inline constexpr std::string_view kDefaultIssuingBody =
    "BAN CHỈ ĐẠO PHONG TRÀO TOÀN DÂN THAM GIA BẢO VỆ AN NINH MẠNG";

// A review of [from, to] dated `today` that is not stored: the particulars of `latest` (when
// not null) with the period, a title from the period ("Sơ kết 6 tháng đầu năm 2026 ..." for
// January to June, "Tổng kết năm 2026 ..." for a whole year) and no number.
domain::Review DraftReview(const domain::Review* latest, const std::string& from,
                           const std::string& to, const std::string& today);

// How many candidates of each kind are proposed from the data.
inline constexpr int kRewardCandidates = 5;

// Periodic reviews ("sơ kết" / "tổng kết"): records with their particulars, figures computed from
// the data, reward proposals ranked from the data and edited by hand. programme:manage only
// (PermissionDenied "reviews: only the standing office"). Changes are audited ("review.create",
// "review.edit", "review.candidates", "review.proposal"; target "review:<id>"); computing the
// candidates reads reporters' contacts and says so in its audit entry.
// Thread safety: thread-safe.
class Reviews {
 public:
  // Every reference must outlive the Reviews.
  Reviews(store::Store& store, const crypto::SecretBox& contact_box, const base::Clock& clock);

  // The figures of [from, to] (days, both included). InvalidArgument "from: must be YYYY-MM-DD",
  // "to: must not be before from", "to: the period must be at most 10 years". No caller: the
  // command line uses it with the operator's access to the data directory.
  base::Result<ReviewFigures> Figures(const std::string& from, const std::string& to);
  // Candidates ranked from `figures` (kRewardCandidates of each kind; reporters start left out,
  // because naming a reporter needs their consent).
  std::vector<domain::RewardProposal> Candidates(const ReviewFigures& figures) const;

  base::Result<int64_t> Create(const Principal& caller, const ReviewInput& input);
  base::Status Edit(const Principal& caller, int64_t id, const ReviewInput& input);
  base::Result<domain::Review> Get(const Principal& caller, int64_t id);
  base::Result<std::vector<domain::Review>> List(const Principal& caller);

  // Replaces the review's proposals with fresh candidates from its figures. Returns how many.
  base::Result<int> ProposeCandidates(const Principal& caller, int64_t id);
  base::Result<std::vector<domain::RewardProposal>> Proposals(const Principal& caller, int64_t id);
  base::Status EditProposal(const Principal& caller, int64_t review_id, int64_t proposal_id,
                            const ProposalInput& input);
  base::Result<int64_t> AddProposal(const Principal& caller, int64_t review_id,
                                    const ProposalInput& input);

  // The review with its figures and included proposals, for rendering.
  base::Result<ReviewExport> Export(const Principal& caller, int64_t id);

  // For the command line, which acts with the operator's access to the data directory (no
  // caller): review `id` as Export does (NotFound "review <id>: not found")...
  base::Result<ReviewExport> ExportStored(int64_t id);
  // ...or the period [from, to]: the latest review of exactly that period when there is one;
  // otherwise a review made up for the export (not stored): the particulars (bodies, place,
  // signer, recipients) of the latest review, or blanks to fill by hand, a title from the
  // period, today's date, and fresh candidates (reporters left out).
  base::Result<ReviewExport> ExportPeriod(const std::string& from, const std::string& to);

 private:
  base::Result<domain::Review> FromInput(const ReviewInput& input) const;

  store::Store& store_;
  const crypto::SecretBox& contact_box_;
  const base::Clock& clock_;
};

}  // namespace binhyen::service
