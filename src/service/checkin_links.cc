#include "service/checkin_links.h"

#include <string>

#include "crypto/signed_fields.h"

namespace binhyen::service {
namespace {

constexpr char kPersonal = 'P';
constexpr char kSession = 'S';
constexpr crypto::SignedFieldsFormat kFormat{"binhyen/checkin/v1", "PS", 2};

}  // namespace

std::string CheckinLinks::Issue(const CheckinClaim& claim) const {
  const bool personal = claim.kind == CheckinClaim::Kind::kPersonal;
  return crypto::IssueSignedFields(
      key_, kFormat, personal ? kPersonal : kSession,
      {static_cast<uint64_t>(claim.training_id),
       personal ? static_cast<uint64_t>(claim.person_id) : uint64_t{0}});
}

base::Result<CheckinClaim> CheckinLinks::Verify(std::string_view token) const {
  BINHYEN_ASSIGN_OR_RETURN(crypto::SignedFields token_fields,
                           crypto::VerifySignedFields(key_.verify_key(), kFormat, token));
  CheckinClaim claim;
  claim.kind =
      token_fields.kind == kPersonal ? CheckinClaim::Kind::kPersonal : CheckinClaim::Kind::kSession;
  claim.training_id = static_cast<int64_t>(token_fields.fields[0]);
  claim.person_id = static_cast<int64_t>(token_fields.fields[1]);
  const base::Status malformed = base::InvalidArgumentError("token: malformed");
  if (claim.kind == CheckinClaim::Kind::kSession && claim.person_id != 0) return malformed;
  if (claim.training_id <= 0 ||
      (claim.kind == CheckinClaim::Kind::kPersonal && claim.person_id <= 0)) {
    return malformed;
  }
  return claim;
}

}  // namespace binhyen::service
