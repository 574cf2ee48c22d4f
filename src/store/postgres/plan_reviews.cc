// The programme's plan: periodic reviews and their reward proposals.
#include <string>
#include <utility>
#include <vector>

#include "store/common.h"
#include "store/plan_codec.h"
#include "store/postgres/plan.h"
#include "store/postgres/repositories.h"

namespace binhyen::store::postgres {
namespace {

#define BINHYEN_PG_REVIEW_COLUMNS                                                         \
  "id, kind, title, period_from, period_to, superior_body, issuing_body, number, place, " \
  "report_date, signer_authority, signer_position, signer_name, recipients, created_by, " \
  "created_at, updated_at "
#define BINHYEN_PG_PROPOSAL_COLUMNS                                                            \
  "id, review_id, subject, subject_ref, subject_name, unit_code, rank, basis, reason, award, " \
  "included, manual, updated_by, updated_at "
constexpr Sql kUserExists{"plan_review_user_exists", "SELECT 1 FROM users WHERE id = $1"};
constexpr Sql kReviewExists{"review_exists", "SELECT 1 FROM reviews WHERE id = $1"};
constexpr Sql kReviewInsert{
    "review_insert",
    "INSERT INTO reviews (kind, title, period_from, period_to, superior_body, issuing_body, "
    "number, place, report_date, signer_authority, signer_position, signer_name, recipients, "
    "updated_at, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
    "$12, $13, $14, $15, $16) RETURNING id"};
constexpr Sql kReviewUpdate{
    "review_update",
    "UPDATE reviews SET kind = $1, title = $2, period_from = $3, period_to = $4, "
    "superior_body = $5, issuing_body = $6, number = $7, place = $8, report_date = $9, "
    "signer_authority = $10, signer_position = $11, signer_name = $12, recipients = $13, "
    "updated_at = $14 WHERE id = $15"};
constexpr Sql kReviewGet{"review_get",
                         "SELECT " BINHYEN_PG_REVIEW_COLUMNS "FROM reviews WHERE id = $1"};
constexpr Sql kReviewList{"review_list", "SELECT " BINHYEN_PG_REVIEW_COLUMNS
                                         "FROM reviews ORDER BY created_at DESC, id DESC LIMIT $1"};
constexpr Sql kProposalInsert{
    "proposal_insert",
    "INSERT INTO reward_proposals (subject, subject_ref, subject_name, unit_code, rank, basis, "
    "reason, award, included, manual, updated_by, updated_at, review_id) VALUES ($1, $2, $3, $4, "
    "$5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id"};
constexpr Sql kProposalUpdate{
    "proposal_update",
    "UPDATE reward_proposals SET subject = $1, subject_ref = $2, subject_name = $3, "
    "unit_code = $4, rank = $5, basis = $6, reason = $7, award = $8, included = $9, manual = $10, "
    "updated_by = $11, updated_at = $12 WHERE id = $13"};
constexpr Sql kProposalExists{"proposal_exists",
                              "SELECT 1 FROM reward_proposals WHERE id = $1 AND review_id = $2"};
constexpr Sql kProposalsClear{"proposals_clear",
                              "DELETE FROM reward_proposals WHERE review_id = $1"};
constexpr Sql kProposals{"proposals_of_review",
                         "SELECT " BINHYEN_PG_PROPOSAL_COLUMNS
                         "FROM reward_proposals WHERE review_id = $1 ORDER BY CASE subject WHEN "
                         "'unit' THEN 0 WHEN 'person' THEN 1 ELSE 2 END, rank, id"};
#undef BINHYEN_PG_REVIEW_COLUMNS
#undef BINHYEN_PG_PROPOSAL_COLUMNS

constexpr int kMaxReviews = 1000;

base::Status ReviewNotFound(int64_t id) {
  return base::NotFoundError("review " + std::to_string(id) + ": not found");
}

// Throws.
base::Status UserExists(Session& s, int64_t id) {
  if (s.Exec(kUserExists, Params().Add(id)).empty()) {
    return base::NotFoundError("user " + std::to_string(id) + ": not found");
  }
  return base::Status::Ok();
}

// Throws.
base::Status ReviewExists(Session& s, int64_t id) {
  return s.Exec(kReviewExists, Params().Add(id)).empty() ? ReviewNotFound(id) : base::Status::Ok();
}

base::Result<domain::Review> ReviewFromRow(const pqxx::row& row) {
  domain::Review r;
  r.id = Int(row["id"]);
  BINHYEN_ASSIGN_OR_RETURN(
      r.kind, ParseColumn<domain::ReviewKind>("kind", Text(row["kind"]), domain::ParseReviewKind));
  r.title = Text(row["title"]);
  r.from = Text(row["period_from"]);
  r.to = Text(row["period_to"]);
  r.superior_body = Text(row["superior_body"]);
  r.issuing_body = Text(row["issuing_body"]);
  r.number = Text(row["number"]);
  r.place = Text(row["place"]);
  r.report_date = Text(row["report_date"]);
  r.signer_authority = Text(row["signer_authority"]);
  r.signer_position = Text(row["signer_position"]);
  r.signer_name = Text(row["signer_name"]);
  r.recipients = Text(row["recipients"]);
  r.created_by = Int(row["created_by"]);
  r.created_at = Time(row["created_at"]);
  r.updated_at = Time(row["updated_at"]);
  return r;
}

base::Result<domain::RewardProposal> ProposalFromRow(const pqxx::row& row) {
  domain::RewardProposal p;
  p.id = Int(row["id"]);
  p.review_id = Int(row["review_id"]);
  BINHYEN_ASSIGN_OR_RETURN(p.subject,
                           ParseColumn<domain::RewardSubject>("subject", Text(row["subject"]),
                                                              domain::ParseRewardSubject));
  p.subject_ref = Text(row["subject_ref"]);
  p.subject_name = Text(row["subject_name"]);
  p.unit_code = Text(row["unit_code"]);
  p.rank = static_cast<int>(Int(row["rank"]));
  p.basis = Text(row["basis"]);
  p.reason = Text(row["reason"]);
  p.award = Text(row["award"]);
  p.included = Bool(row["included"]);
  p.manual = Bool(row["manual"]);
  p.updated_by = Int(row["updated_by"]);
  p.updated_at = Time(row["updated_at"]);
  return p;
}

template <typename T, typename F>
base::Result<std::vector<T>> AllRows(const pqxx::result& r, F read) {
  std::vector<T> out;
  for (const pqxx::row& row : r) {
    BINHYEN_ASSIGN_OR_RETURN(T item, read(row));
    out.push_back(std::move(item));
  }
  return out;
}

// The fields of `r` from kind to updated_at but created_by and created_at ($1..$14).
Params ReviewParams(const domain::Review& r) {
  Params p;
  p.Add(domain::Name(r.kind))
      .Add(r.title)
      .Add(r.from)
      .Add(r.to)
      .Add(r.superior_body)
      .Add(r.issuing_body)
      .Add(r.number)
      .Add(r.place)
      .Add(r.report_date)
      .Add(r.signer_authority)
      .Add(r.signer_position)
      .Add(r.signer_name)
      .Add(r.recipients)
      .AddTime(r.updated_at);
  return p;
}

// The fields of `p` from subject to updated_at ($1..$12).
Params ProposalParams(const domain::RewardProposal& p) {
  Params out;
  out.Add(domain::Name(p.subject))
      .Add(p.subject_ref)
      .Add(p.subject_name)
      .Add(p.unit_code)
      .Add(p.rank)
      .Add(p.basis)
      .Add(p.reason)
      .Add(p.award)
      .Add(p.included)
      .Add(p.manual)
      .Add(p.updated_by)
      .AddTime(p.updated_at);
  return out;
}

// Throws.
int64_t InsertProposal(Session& s, int64_t review_id, const domain::RewardProposal& p) {
  Params params = ProposalParams(p);
  params.Add(review_id);
  return Int(s.Exec(kProposalInsert, params)[0][0]);
}

}  // namespace

base::Result<int64_t> PgReviewRepository::Create(const domain::Review& r) {
  return s_.Write("reviews.create", [&]() -> base::Result<int64_t> {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(r));
    BINHYEN_RETURN_IF_ERROR(UserExists(s_, r.created_by));
    Params p = ReviewParams(r);
    p.Add(r.created_by).AddTime(r.created_at);
    return Int(s_.Exec(kReviewInsert, p)[0][0]);
  });
}

base::Status PgReviewRepository::Update(const domain::Review& r) {
  return s_.Write("reviews.update", [&]() -> base::Status {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(r));
    BINHYEN_RETURN_IF_ERROR(ReviewExists(s_, r.id));
    Params p = ReviewParams(r);
    p.Add(r.id);
    s_.Exec(kReviewUpdate, p);
    return base::Status::Ok();
  });
}

base::Result<domain::Review> PgReviewRepository::Get(int64_t id) {
  return s_.Read("reviews.get", [&]() -> base::Result<domain::Review> {
    const pqxx::result r = s_.Exec(kReviewGet, Params().Add(id));
    if (r.empty()) return ReviewNotFound(id);
    return ReviewFromRow(r[0]);
  });
}

base::Result<std::vector<domain::Review>> PgReviewRepository::List(int limit) {
  return s_.Read("reviews.list", [&]() -> base::Result<std::vector<domain::Review>> {
    BINHYEN_RETURN_IF_ERROR(CheckLimit(limit, kMaxReviews));
    return AllRows<domain::Review>(s_.Exec(kReviewList, Params().Add(limit)), ReviewFromRow);
  });
}

base::Result<std::vector<int64_t>> PgReviewRepository::ReplaceProposals(
    int64_t review_id, std::span<const domain::RewardProposal> proposals) {
  return s_.Write("reviews.replace_proposals", [&]() -> base::Result<std::vector<int64_t>> {
    BINHYEN_RETURN_IF_ERROR(ValidateProposals(proposals));
    BINHYEN_RETURN_IF_ERROR(ReviewExists(s_, review_id));
    for (const domain::RewardProposal& p : proposals) {
      BINHYEN_RETURN_IF_ERROR(UserExists(s_, p.updated_by));
    }
    s_.Exec(kProposalsClear, Params().Add(review_id));
    std::vector<int64_t> ids;
    ids.reserve(proposals.size());
    for (const domain::RewardProposal& p : proposals) {
      ids.push_back(InsertProposal(s_, review_id, p));
    }
    return ids;
  });
}

base::Result<int64_t> PgReviewRepository::AddProposal(const domain::RewardProposal& p) {
  return s_.Write("reviews.add_proposal", [&]() -> base::Result<int64_t> {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(p));
    BINHYEN_RETURN_IF_ERROR(ReviewExists(s_, p.review_id));
    BINHYEN_RETURN_IF_ERROR(UserExists(s_, p.updated_by));
    return InsertProposal(s_, p.review_id, p);
  });
}

base::Status PgReviewRepository::UpdateProposal(const domain::RewardProposal& p) {
  return s_.Write("reviews.update_proposal", [&]() -> base::Status {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(p));
    if (s_.Exec(kProposalExists, Params().Add(p.id).Add(p.review_id)).empty()) {
      return base::NotFoundError("reward proposal " + std::to_string(p.id) + ": not found");
    }
    BINHYEN_RETURN_IF_ERROR(UserExists(s_, p.updated_by));
    Params params = ProposalParams(p);
    params.Add(p.id);
    s_.Exec(kProposalUpdate, params);
    return base::Status::Ok();
  });
}

base::Result<std::vector<domain::RewardProposal>> PgReviewRepository::Proposals(int64_t review_id) {
  return s_.Read("reviews.proposals", [&]() -> base::Result<std::vector<domain::RewardProposal>> {
    return AllRows<domain::RewardProposal>(s_.Exec(kProposals, Params().Add(review_id)),
                                           ProposalFromRow);
  });
}

}  // namespace binhyen::store::postgres
