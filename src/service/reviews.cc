// Reviews: records, reward proposals and their candidates. The figures are in review_figures.cc.
#include "service/reviews.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <map>
#include <utility>

#include "base/strings.h"
#include "domain/calendar.h"
#include "service/audit_entry.h"
#include "service/field_errors.h"
#include "service/internal/fields.h"
#include "service/permissions.h"

namespace binhyen::service {
namespace {

using fields::CheckText;
using fields::Micros;
using fields::Trim;

std::string ReviewTarget(int64_t id) { return "review:" + std::to_string(id); }

base::Status Allow(const Principal& caller) {
  if (caller.Can(Permission::kProgrammeManage)) return base::Status::Ok();
  return base::PermissionDeniedError("reviews: only the standing office");
}

std::string Percent(int64_t part, int64_t whole) {
  if (whole <= 0) return "0%";
  return std::to_string((part * 100 + whole / 2) / whole) + "%";
}

struct UnitScore {
  std::string code;
  std::string name;
  double score = 0;
  std::string basis;
};

std::vector<domain::RewardProposal> UnitCandidates(const ReviewFigures& f) {
  std::map<std::string, UnitScore> units;
  for (const UnitCampaignFigures& u : f.campaign_units) {
    UnitScore& s = units[u.unit_code];
    s.code = u.unit_code;
    s.name = u.unit_name;
    if (u.recipients > 0) s.score += 0.5 * static_cast<double>(u.acknowledged) / u.recipients;
    s.basis = "Tỷ lệ xác nhận đọc văn bản " + Percent(u.acknowledged, u.recipients) + " (" +
              std::to_string(u.acknowledged) + "/" + std::to_string(u.recipients) + ")";
  }
  for (const AssessmentFigures& a : f.assessments) {
    UnitScore& s = units[a.unit_code];
    s.code = a.unit_code;
    s.name = a.unit_name;
    s.score += 0.5 * a.score / 1000.0;
    if (!s.basis.empty()) s.basis += "; ";
    s.basis += "tự đánh giá " + std::to_string((a.score + 5) / 10) + "% (ngày " +
               domain::DayMonthYear(a.submitted_on) + ")";
  }
  std::vector<UnitScore> ranked;
  for (auto& [code, s] : units) {
    if (s.score > 0) ranked.push_back(std::move(s));
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const UnitScore& a, const UnitScore& b) { return a.score > b.score; });
  std::vector<domain::RewardProposal> out;
  for (const UnitScore& s : ranked) {
    if (out.size() == kRewardCandidates) break;
    domain::RewardProposal p;
    p.subject = domain::RewardSubject::kUnit;
    p.subject_ref = s.code;
    p.subject_name = s.name;
    p.unit_code = s.code;
    p.basis = s.basis;
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<domain::RewardProposal> ChannelCandidates(const ReviewFigures& f) {
  std::vector<domain::RewardProposal> out;
  for (const ChannelRelayFigures& c : f.channels) {
    if (out.size() == kRewardCandidates || c.warnings_relayed == 0) break;
    domain::RewardProposal p;
    p.subject = domain::RewardSubject::kChannel;
    p.subject_ref = std::to_string(c.channel_id);
    p.subject_name = c.name + " (" + c.unit_name + ")";
    p.unit_code = c.unit_code;
    p.basis = "Chuyển tiếp " + std::to_string(c.warnings_relayed) + " cảnh báo trong kỳ";
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<domain::RewardProposal> ReporterCandidates(const ReviewFigures& f) {
  std::vector<domain::RewardProposal> out;
  for (const ReporterFigures& r : f.reporters) {
    if (out.size() == kRewardCandidates) break;
    domain::RewardProposal p;
    p.subject = domain::RewardSubject::kPerson;
    p.subject_name = r.name.empty() ? "Người báo cáo (không để lại tên)" : r.name;
    p.basis = std::to_string(r.confirmed) +
              " báo cáo được xác nhận; cần được người báo cáo đồng ý trước khi nêu tên";
    // Naming a reporter in a document handed to the People's Committee could expose them to
    // the people they reported: left out until the standing office has their consent.
    p.included = false;
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace

domain::Review DraftReview(const domain::Review* latest, const std::string& from,
                           const std::string& to, const std::string& today) {
  domain::Review r;
  if (latest != nullptr) r = *latest;
  r.id = 0;
  r.from = from;
  r.to = to;
  r.report_date = today;
  r.number.clear();
  const std::string year = from.substr(0, 4);
  if (from == year + "-01-01" && to == year + "-06-30") {
    r.kind = domain::ReviewKind::kSixMonth;
    r.title = "Sơ kết 6 tháng đầu năm " + year + " " + std::string(kMovementName);
  } else if (from == year + "-07-01" && to == year + "-12-31") {
    r.kind = domain::ReviewKind::kSixMonth;
    r.title = "Sơ kết 6 tháng cuối năm " + year + " " + std::string(kMovementName);
  } else if (from == year + "-01-01" && to == year + "-12-31") {
    r.kind = domain::ReviewKind::kAnnual;
    r.title = "Tổng kết năm " + year + " " + std::string(kMovementName);
  } else {
    r.kind = domain::ReviewKind::kOther;
    r.title = "Kết quả thực hiện " + std::string(kMovementName);
  }
  if (r.issuing_body.empty()) r.issuing_body = std::string(kDefaultIssuingBody);
  if (r.place.empty()) r.place = "..........";
  return r;
}

Reviews::Reviews(store::Store& store, const crypto::SecretBox& contact_box,
                 const base::Clock& clock)
    : store_(store), contact_box_(contact_box), clock_(clock) {}

std::vector<domain::RewardProposal> Reviews::Candidates(const ReviewFigures& figures) const {
  std::vector<domain::RewardProposal> out;
  for (auto list :
       {UnitCandidates(figures), ReporterCandidates(figures), ChannelCandidates(figures)}) {
    int rank = 0;
    for (domain::RewardProposal& p : list) {
      p.rank = ++rank;
      out.push_back(std::move(p));
    }
  }
  return out;
}

base::Result<domain::Review> Reviews::FromInput(const ReviewInput& input) const {
  FieldErrors errors;
  domain::Review r;
  if (auto kind = domain::ParseReviewKind(Trim(input.kind))) {
    r.kind = *kind;
  } else {
    errors.Add("kind", "must be six_month, annual or other");
  }
  r.title = Trim(input.title);
  r.from = Trim(input.from);
  r.to = Trim(input.to);
  r.superior_body = Trim(input.superior_body);
  r.issuing_body = Trim(input.issuing_body);
  r.number = Trim(input.number);
  r.place = Trim(input.place);
  r.report_date = Trim(input.report_date);
  r.signer_authority = Trim(input.signer_authority);
  r.signer_position = Trim(input.signer_position);
  r.signer_name = Trim(input.signer_name);
  r.recipients = Trim(input.recipients);
  CheckText(errors, "title", r.title, 1, 300);
  CheckText(errors, "superior_body", r.superior_body, 0, 200);
  CheckText(errors, "issuing_body", r.issuing_body, 1, 200);
  CheckText(errors, "number", r.number, 0, 50);
  CheckText(errors, "place", r.place, 1, 100);
  CheckText(errors, "signer_authority", r.signer_authority, 0, 200);
  CheckText(errors, "signer_position", r.signer_position, 0, 200);
  CheckText(errors, "signer_name", r.signer_name, 0, 200);
  CheckText(errors, "recipients", r.recipients, 0, 2000);
  if (!domain::IsDate(r.report_date)) errors.Add("report_date", "must be a date YYYY-MM-DD");
  if (!domain::IsDate(r.from)) errors.Add("from", "must be a date YYYY-MM-DD");
  if (!domain::IsDate(r.to)) errors.Add("to", "must be a date YYYY-MM-DD");
  BINHYEN_RETURN_IF_ERROR(errors.ToStatus());
  // The period's own rules (order, length) once every field is well formed.
  BINHYEN_RETURN_IF_ERROR(domain::Validate(r));
  return r;
}

base::Result<int64_t> Reviews::Create(const Principal& caller, const ReviewInput& input) {
  BINHYEN_RETURN_IF_ERROR(Allow(caller));
  BINHYEN_ASSIGN_OR_RETURN(domain::Review r, FromInput(input));
  r.created_by = caller.user_id;
  r.created_at = r.updated_at = Micros(clock_.Now());
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(r.id, tx->Reviews().Create(r));
  BINHYEN_RETURN_IF_ERROR(tx->Audit()
                              .Append(MakeAuditEntry(r.created_at, caller.Actor(), "review.create",
                                                     ReviewTarget(r.id), r.from + ".." + r.to))
                              .status());
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  return r.id;
}

base::Status Reviews::Edit(const Principal& caller, int64_t id, const ReviewInput& input) {
  BINHYEN_RETURN_IF_ERROR(Allow(caller));
  BINHYEN_ASSIGN_OR_RETURN(domain::Review r, FromInput(input));
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(domain::Review old, tx->Reviews().Get(id));
  r.id = id;
  r.created_by = old.created_by;
  r.created_at = old.created_at;
  r.updated_at = Micros(clock_.Now());
  BINHYEN_RETURN_IF_ERROR(tx->Reviews().Update(r));
  BINHYEN_RETURN_IF_ERROR(tx->Audit()
                              .Append(MakeAuditEntry(r.updated_at, caller.Actor(), "review.edit",
                                                     ReviewTarget(id), r.from + ".." + r.to))
                              .status());
  return tx->Commit();
}

base::Result<domain::Review> Reviews::Get(const Principal& caller, int64_t id) {
  BINHYEN_RETURN_IF_ERROR(Allow(caller));
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  return tx->Reviews().Get(id);
}

base::Result<std::vector<domain::Review>> Reviews::List(const Principal& caller) {
  BINHYEN_RETURN_IF_ERROR(Allow(caller));
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  return tx->Reviews().List(1000);
}

base::Result<int> Reviews::ProposeCandidates(const Principal& caller, int64_t id) {
  BINHYEN_ASSIGN_OR_RETURN(domain::Review review, Get(caller, id));
  BINHYEN_ASSIGN_OR_RETURN(ReviewFigures figures, Figures(review.from, review.to));
  std::vector<domain::RewardProposal> candidates = Candidates(figures);
  const base::TimePoint now = Micros(clock_.Now());
  for (domain::RewardProposal& p : candidates) {
    p.review_id = id;
    p.updated_by = caller.user_id;
    p.updated_at = now;
  }
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_RETURN_IF_ERROR(tx->Reviews().ReplaceProposals(id, candidates).status());
  BINHYEN_RETURN_IF_ERROR(
      tx->Audit()
          .Append(MakeAuditEntry(now, caller.Actor(), "review.candidates", ReviewTarget(id),
                                 std::to_string(candidates.size()) +
                                     " candidates; read the contacts of " +
                                     std::to_string(figures.reports.confirmed) +
                                     " confirmed reports to group reporters"))
          .status());
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  return static_cast<int>(candidates.size());
}

base::Result<std::vector<domain::RewardProposal>> Reviews::Proposals(const Principal& caller,
                                                                     int64_t id) {
  BINHYEN_RETURN_IF_ERROR(Allow(caller));
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  BINHYEN_RETURN_IF_ERROR(tx->Reviews().Get(id).status());
  return tx->Reviews().Proposals(id);
}

namespace {

// The editable fields of `input` into `p`; field errors added.
void ApplyProposalInput(const ProposalInput& input, domain::RewardProposal& p,
                        FieldErrors& errors) {
  p.subject_name = Trim(input.subject_name);
  p.reason = Trim(input.reason);
  p.award = Trim(input.award);
  p.included = input.included;
  CheckText(errors, "subject_name", p.subject_name, 1, 300);
  CheckText(errors, "reason", p.reason, 0, 2000);
  CheckText(errors, "award", p.award, 0, 300);
  const std::string rank = Trim(input.rank);
  int value = 0;
  auto [end, ec] = std::from_chars(rank.data(), rank.data() + rank.size(), value);
  if (ec != std::errc() || end != rank.data() + rank.size() || value < 1 || value > 1000) {
    errors.Add("rank", "must be a whole number 1..1000");
  } else {
    p.rank = value;
  }
}

}  // namespace

base::Status Reviews::EditProposal(const Principal& caller, int64_t review_id, int64_t proposal_id,
                                   const ProposalInput& input) {
  BINHYEN_RETURN_IF_ERROR(Allow(caller));
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::RewardProposal> all,
                           tx->Reviews().Proposals(review_id));
  auto it = std::find_if(all.begin(), all.end(),
                         [&](const domain::RewardProposal& p) { return p.id == proposal_id; });
  if (it == all.end()) {
    return base::NotFoundError("reward proposal " + std::to_string(proposal_id) + ": not found");
  }
  domain::RewardProposal p = *it;
  FieldErrors errors;
  ApplyProposalInput(input, p, errors);
  BINHYEN_RETURN_IF_ERROR(errors.ToStatus());
  p.updated_by = caller.user_id;
  p.updated_at = Micros(clock_.Now());
  BINHYEN_RETURN_IF_ERROR(tx->Reviews().UpdateProposal(p));
  BINHYEN_RETURN_IF_ERROR(
      tx->Audit()
          .Append(MakeAuditEntry(
              p.updated_at, caller.Actor(), "review.proposal", ReviewTarget(review_id),
              "proposal " + std::to_string(proposal_id) + (p.included ? " included" : " left out")))
          .status());
  return tx->Commit();
}

base::Result<int64_t> Reviews::AddProposal(const Principal& caller, int64_t review_id,
                                           const ProposalInput& input) {
  BINHYEN_RETURN_IF_ERROR(Allow(caller));
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_RETURN_IF_ERROR(tx->Reviews().Get(review_id).status());
  FieldErrors errors;
  domain::RewardProposal p;
  p.review_id = review_id;
  p.manual = true;
  if (auto subject = domain::ParseRewardSubject(Trim(input.subject))) {
    p.subject = *subject;
  } else {
    errors.Add("subject", "must be unit, person or channel");
  }
  p.unit_code = Trim(input.unit);
  if (!p.unit_code.empty()) {
    base::Result<domain::Unit> unit = tx->Units().Get(p.unit_code);
    if (!unit.ok() && unit.status().code() != base::StatusCode::kNotFound) return unit.status();
    if (!unit.ok()) errors.Add("unit", "no such unit");
  }
  ApplyProposalInput(input, p, errors);
  BINHYEN_RETURN_IF_ERROR(errors.ToStatus());
  p.updated_by = caller.user_id;
  p.updated_at = Micros(clock_.Now());
  BINHYEN_ASSIGN_OR_RETURN(p.id, tx->Reviews().AddProposal(p));
  BINHYEN_RETURN_IF_ERROR(
      tx->Audit()
          .Append(MakeAuditEntry(p.updated_at, caller.Actor(), "review.proposal",
                                 ReviewTarget(review_id),
                                 "proposal " + std::to_string(p.id) + " added by hand"))
          .status());
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  return p.id;
}

base::Result<ReviewExport> Reviews::Export(const Principal& caller, int64_t id) {
  BINHYEN_RETURN_IF_ERROR(Allow(caller));
  return ExportStored(id);
}

base::Result<ReviewExport> Reviews::ExportStored(int64_t id) {
  ReviewExport out;
  std::vector<domain::RewardProposal> all;
  {
    BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
    BINHYEN_ASSIGN_OR_RETURN(out.review, tx->Reviews().Get(id));
    BINHYEN_ASSIGN_OR_RETURN(all, tx->Reviews().Proposals(id));
  }
  BINHYEN_ASSIGN_OR_RETURN(out.figures, Figures(out.review.from, out.review.to));
  for (domain::RewardProposal& p : all) {
    if (p.included) out.proposals.push_back(std::move(p));
  }
  return out;
}

base::Result<ReviewExport> Reviews::ExportPeriod(const std::string& from, const std::string& to) {
  std::vector<domain::Review> reviews;
  {
    BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
    BINHYEN_ASSIGN_OR_RETURN(reviews, tx->Reviews().List(1000));
  }
  for (const domain::Review& r : reviews) {
    if (r.from == from && r.to == to) return ExportStored(r.id);
  }
  ReviewExport out;
  out.review = DraftReview(reviews.empty() ? nullptr : &reviews.front(), from, to,
                           domain::DateInVietnam(clock_.Now()));
  BINHYEN_ASSIGN_OR_RETURN(out.figures, Figures(from, to));
  for (domain::RewardProposal& p : Candidates(out.figures)) {
    if (p.included) out.proposals.push_back(std::move(p));
  }
  return out;
}

}  // namespace binhyen::service
