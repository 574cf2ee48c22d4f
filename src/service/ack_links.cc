#include "service/ack_links.h"

#include <chrono>
#include <string>

#include "crypto/signed_fields.h"

namespace binhyen::service {
namespace {

// Version 1, no signing context (the first token format, kept so printed links keep working).
constexpr char kVersion = 1;
constexpr crypto::SignedFieldsFormat kFormat{{}, {&kVersion, 1}, 3};

}  // namespace

std::string AckLinks::Issue(const AckClaim& claim) const {
  return crypto::IssueSignedFields(
      key_, kFormat, kVersion,
      {static_cast<uint64_t>(claim.campaign_id), static_cast<uint64_t>(claim.person_id),
       crypto::SecondsField(claim.expires_at)});
}

base::Result<AckClaim> AckLinks::Verify(std::string_view token) const {
  BINHYEN_ASSIGN_OR_RETURN(crypto::SignedFields token_fields,
                           crypto::VerifySignedFields(key_.verify_key(), kFormat, token));
  AckClaim claim;
  claim.campaign_id = static_cast<int64_t>(token_fields.fields[0]);
  claim.person_id = static_cast<int64_t>(token_fields.fields[1]);
  claim.expires_at = crypto::FromSecondsField(token_fields.fields[2]);
  if (clock_.Now() >= claim.expires_at) return base::FailedPreconditionError("token: expired");
  return claim;
}

}  // namespace binhyen::service
