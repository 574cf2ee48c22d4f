// The programme's plan: periodic reviews and their reward proposals.
#include <string>
#include <utility>

#include "store/common.h"
#include "store/plan_codec.h"
#include "store/sqlite/plan.h"
#include "store/sqlite/repositories.h"

namespace binhyen::store::sqlite {
namespace {

constexpr std::string_view kReviewColumns =
    "id, kind, title, period_from, period_to, superior_body, issuing_body, number, place, "
    "report_date, signer_authority, signer_position, signer_name, recipients, created_by, "
    "created_at, updated_at";
constexpr std::string_view kProposalColumns =
    "id, review_id, subject, subject_ref, subject_name, unit_code, rank, basis, reason, award, "
    "included, manual, updated_by, updated_at";
constexpr int kMaxReviews = 1000;

base::Status ReviewNotFound(int64_t id) {
  return base::NotFoundError("review " + std::to_string(id) + ": not found");
}

base::Status ProposalNotFound(int64_t id) {
  return base::NotFoundError("reward proposal " + std::to_string(id) + ": not found");
}

base::Result<domain::Review> ReadReview(const Statement& s) {
  domain::Review r;
  r.id = s.Int(0);
  const std::string kind = s.Text(1);
  BINHYEN_ASSIGN_OR_RETURN(r.kind, ParseStored(domain::ParseReviewKind(kind), "kind", kind));
  r.title = s.Text(2);
  r.from = s.Text(3);
  r.to = s.Text(4);
  r.superior_body = s.Text(5);
  r.issuing_body = s.Text(6);
  r.number = s.Text(7);
  r.place = s.Text(8);
  r.report_date = s.Text(9);
  r.signer_authority = s.Text(10);
  r.signer_position = s.Text(11);
  r.signer_name = s.Text(12);
  r.recipients = s.Text(13);
  r.created_by = s.Int(14);
  r.created_at = s.Time(15);
  r.updated_at = s.Time(16);
  return r;
}

base::Result<domain::RewardProposal> ReadProposal(const Statement& s) {
  domain::RewardProposal p;
  p.id = s.Int(0);
  p.review_id = s.Int(1);
  const std::string subject = s.Text(2);
  BINHYEN_ASSIGN_OR_RETURN(p.subject,
                           ParseStored(domain::ParseRewardSubject(subject), "subject", subject));
  p.subject_ref = s.Text(3);
  p.subject_name = s.Text(4);
  p.unit_code = s.Text(5);
  p.rank = static_cast<int>(s.Int(6));
  p.basis = s.Text(7);
  p.reason = s.Text(8);
  p.award = s.Text(9);
  p.included = s.Int(10) != 0;
  p.manual = s.Int(11) != 0;
  p.updated_by = s.Int(12);
  p.updated_at = s.Time(13);
  return p;
}

template <typename T, typename F>
base::Result<std::vector<T>> Collect(Statement& s, F read) {
  std::vector<T> out;
  while (true) {
    BINHYEN_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return out;
    BINHYEN_ASSIGN_OR_RETURN(T item, read(s));
    out.push_back(std::move(item));
  }
}

// Binds the fields of `r` from kind to updated_at but created_by and created_at, at 1..14.
void BindReview(Statement& s, const domain::Review& r) {
  s.Bind(1, domain::Name(r.kind)).Bind(2, r.title).Bind(3, r.from).Bind(4, r.to);
  s.Bind(5, r.superior_body).Bind(6, r.issuing_body).Bind(7, r.number).Bind(8, r.place);
  s.Bind(9, r.report_date).Bind(10, r.signer_authority).Bind(11, r.signer_position);
  s.Bind(12, r.signer_name).Bind(13, r.recipients).Bind(14, r.updated_at);
}

// Binds the fields of `p` from subject to updated_at, at 1..12.
void BindProposal(Statement& s, const domain::RewardProposal& p) {
  s.Bind(1, domain::Name(p.subject)).Bind(2, p.subject_ref).Bind(3, p.subject_name);
  s.Bind(4, p.unit_code).Bind(5, int64_t{p.rank}).Bind(6, p.basis).Bind(7, p.reason);
  s.Bind(8, p.award).Bind(9, int64_t{p.included ? 1 : 0}).Bind(10, int64_t{p.manual ? 1 : 0});
  s.Bind(11, p.updated_by).Bind(12, p.updated_at);
}

}  // namespace

base::Status SqliteReviews::ReviewExists(int64_t id) {
  BINHYEN_ASSIGN_OR_RETURN(auto s, tx_.connection().Prepare("SELECT 1 FROM reviews WHERE id = ?"));
  s->Bind(1, id);
  BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
  return row ? base::Status::Ok() : ReviewNotFound(id);
}

base::Result<int64_t> SqliteReviews::Create(const domain::Review& r) {
  return tx_.Write([&]() -> base::Result<int64_t> {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(r));
    Connection& c = tx_.connection();
    BINHYEN_RETURN_IF_ERROR(UserExists(c, r.created_by));
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, c.Prepare("INSERT INTO reviews (kind, title, period_from, period_to, "
                          "superior_body, issuing_body, number, place, report_date, "
                          "signer_authority, signer_position, signer_name, recipients, "
                          "updated_at, created_by, created_at) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    BindReview(*s, r);
    s->Bind(15, r.created_by).Bind(16, r.created_at);
    BINHYEN_RETURN_IF_ERROR(s->Run());
    return static_cast<int64_t>(sqlite3_last_insert_rowid(c.db()));
  });
}

base::Status SqliteReviews::Update(const domain::Review& r) {
  return tx_.Write([&]() -> base::Status {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(r));
    BINHYEN_RETURN_IF_ERROR(ReviewExists(r.id));
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare(
                    "UPDATE reviews SET kind = ?, title = ?, period_from = ?, period_to = ?, "
                    "superior_body = ?, issuing_body = ?, number = ?, place = ?, "
                    "report_date = ?, signer_authority = ?, signer_position = ?, "
                    "signer_name = ?, recipients = ?, updated_at = ? WHERE id = ?"));
    BindReview(*s, r);
    s->Bind(15, r.id);
    return s->Run();
  });
}

base::Result<domain::Review> SqliteReviews::Get(int64_t id) {
  return tx_.Read([&]() -> base::Result<domain::Review> {
    BINHYEN_ASSIGN_OR_RETURN(auto s,
                             tx_.connection().Prepare("SELECT " + std::string(kReviewColumns) +
                                                      " FROM reviews WHERE id = ?"));
    s->Bind(1, id);
    BINHYEN_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return ReviewNotFound(id);
    return ReadReview(*s);
  });
}

base::Result<std::vector<domain::Review>> SqliteReviews::List(int limit) {
  return tx_.Read([&]() -> base::Result<std::vector<domain::Review>> {
    BINHYEN_RETURN_IF_ERROR(CheckLimit(limit, kMaxReviews));
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare("SELECT " + std::string(kReviewColumns) +
                                         " FROM reviews ORDER BY created_at DESC, id DESC "
                                         "LIMIT ?"));
    s->Bind(1, int64_t{limit});
    return Collect<domain::Review>(*s, ReadReview);
  });
}

base::Result<int64_t> SqliteReviews::Insert(int64_t review_id, const domain::RewardProposal& p) {
  Connection& c = tx_.connection();
  BINHYEN_ASSIGN_OR_RETURN(
      auto s, c.Prepare("INSERT INTO reward_proposals (subject, subject_ref, subject_name, "
                        "unit_code, rank, basis, reason, award, included, manual, updated_by, "
                        "updated_at, review_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  BindProposal(*s, p);
  s->Bind(13, review_id);
  BINHYEN_RETURN_IF_ERROR(s->Run());
  return static_cast<int64_t>(sqlite3_last_insert_rowid(c.db()));
}

base::Result<std::vector<int64_t>> SqliteReviews::ReplaceProposals(
    int64_t review_id, std::span<const domain::RewardProposal> proposals) {
  return tx_.Write([&]() -> base::Result<std::vector<int64_t>> {
    BINHYEN_RETURN_IF_ERROR(ValidateProposals(proposals));
    BINHYEN_RETURN_IF_ERROR(ReviewExists(review_id));
    Connection& c = tx_.connection();
    for (const domain::RewardProposal& p : proposals) {
      BINHYEN_RETURN_IF_ERROR(UserExists(c, p.updated_by));
    }
    // Everything that bad input can fail is checked above: the delete and the inserts below
    // fail only on a database error (which poisons the transaction, see TxContext).
    BINHYEN_ASSIGN_OR_RETURN(auto d, c.Prepare("DELETE FROM reward_proposals WHERE review_id = ?"));
    d->Bind(1, review_id);
    BINHYEN_RETURN_IF_ERROR(d->Run());
    std::vector<int64_t> ids;
    ids.reserve(proposals.size());
    for (const domain::RewardProposal& p : proposals) {
      BINHYEN_ASSIGN_OR_RETURN(int64_t id, Insert(review_id, p));
      ids.push_back(id);
    }
    return ids;
  });
}

base::Result<int64_t> SqliteReviews::AddProposal(const domain::RewardProposal& p) {
  return tx_.Write([&]() -> base::Result<int64_t> {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(p));
    BINHYEN_RETURN_IF_ERROR(ReviewExists(p.review_id));
    BINHYEN_RETURN_IF_ERROR(UserExists(tx_.connection(), p.updated_by));
    return Insert(p.review_id, p);
  });
}

base::Status SqliteReviews::UpdateProposal(const domain::RewardProposal& p) {
  return tx_.Write([&]() -> base::Status {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(p));
    Connection& c = tx_.connection();
    BINHYEN_ASSIGN_OR_RETURN(
        auto e, c.Prepare("SELECT 1 FROM reward_proposals WHERE id = ? AND review_id = ?"));
    e->Bind(1, p.id).Bind(2, p.review_id);
    BINHYEN_ASSIGN_OR_RETURN(bool found, e->Step());
    if (!found) return ProposalNotFound(p.id);
    BINHYEN_RETURN_IF_ERROR(UserExists(c, p.updated_by));
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, c.Prepare("UPDATE reward_proposals SET subject = ?, subject_ref = ?, "
                          "subject_name = ?, unit_code = ?, rank = ?, basis = ?, reason = ?, "
                          "award = ?, included = ?, manual = ?, updated_by = ?, updated_at = ? "
                          "WHERE id = ?"));
    BindProposal(*s, p);
    s->Bind(13, p.id);
    return s->Run();
  });
}

base::Result<std::vector<domain::RewardProposal>> SqliteReviews::Proposals(int64_t review_id) {
  return tx_.Read([&]() -> base::Result<std::vector<domain::RewardProposal>> {
    BINHYEN_ASSIGN_OR_RETURN(
        auto s, tx_.connection().Prepare(
                    "SELECT " + std::string(kProposalColumns) +
                    " FROM reward_proposals WHERE review_id = ? ORDER BY CASE subject WHEN "
                    "'unit' THEN 0 WHEN 'person' THEN 1 ELSE 2 END, rank, id"));
    s->Bind(1, review_id);
    return Collect<domain::RewardProposal>(*s, ReadProposal);
  });
}

}  // namespace binhyen::store::sqlite
