#include "service/pledge_links.h"

namespace binhyen::service {

std::string PledgeLinks::Issue(const PledgeClaim& claim) const {
  return links_.Issue(AckClaim{0, claim.person_id, claim.expires_at});
}

base::Result<PledgeClaim> PledgeLinks::Verify(std::string_view token) const {
  BINHYEN_ASSIGN_OR_RETURN(AckClaim claim, links_.Verify(token));
  if (claim.campaign_id != 0) return base::InvalidArgumentError("token: not a pledge link");
  return PledgeClaim{claim.person_id, claim.expires_at};
}

}  // namespace binhyen::service
