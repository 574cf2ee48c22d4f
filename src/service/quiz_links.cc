#include "service/quiz_links.h"

#include <string>

#include "crypto/signed_fields.h"

namespace binhyen::service {
namespace {

constexpr char kKind = 'Q';
// Signed before the payload: a signature made for another kind of token never verifies here.
constexpr crypto::SignedFieldsFormat kFormat{{"binhyen quiz link v1\0", 21}, {&kKind, 1}, 3};

}  // namespace

std::string QuizLinks::Issue(const QuizClaim& claim) const {
  return crypto::IssueSignedFields(
      key_, kFormat, kKind,
      {static_cast<uint64_t>(claim.quiz_id), static_cast<uint64_t>(claim.person_id),
       crypto::SecondsField(claim.expires_at)});
}

base::Result<QuizClaim> QuizLinks::Verify(std::string_view token) const {
  BINHYEN_ASSIGN_OR_RETURN(crypto::SignedFields token_fields,
                           crypto::VerifySignedFields(key_.verify_key(), kFormat, token));
  QuizClaim claim;
  claim.quiz_id = static_cast<int64_t>(token_fields.fields[0]);
  claim.person_id = static_cast<int64_t>(token_fields.fields[1]);
  claim.expires_at = crypto::FromSecondsField(token_fields.fields[2]);
  if (clock_.Now() >= claim.expires_at) return base::FailedPreconditionError("token: expired");
  return claim;
}

}  // namespace binhyen::service
