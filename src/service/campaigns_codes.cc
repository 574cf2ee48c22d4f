// Personal short codes: the 8 characters printed under each QR code, typed on the campaign's
// public page by someone who cannot scan it.
#include <cctype>
#include <string>

#include "crypto/hash.h"
#include "service/campaigns.h"

namespace binhyen::service {
namespace {

constexpr std::string_view kCrockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

}  // namespace

std::string ShortCode(std::string_view token) {
  const std::string hex = crypto::Sha256Hex(token);
  // 40 bits: the first 10 hex digits.
  uint64_t bits = std::stoull(hex.substr(0, 10), nullptr, 16);
  std::string code(8, '0');
  for (int i = 7; i >= 0; --i) {
    code[i] = kCrockford[bits & 31];
    bits >>= 5;
  }
  return code.substr(0, 4) + "-" + code.substr(4);
}

std::string NormaliseShortCode(std::string_view typed) {
  std::string out;
  for (char c : typed) {
    if (c == ' ' || c == '-') continue;
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (c == 'O') c = '0';
    if (c == 'I' || c == 'L') c = '1';
    out.push_back(c);
    if (out.size() > 16) break;  // longer than any code: no need to read on
  }
  if (out.size() != 8) return out;
  return out.substr(0, 4) + "-" + out.substr(4);
}

base::Result<std::string> Campaigns::PathForCode(int64_t id, std::string_view typed) {
  const std::string code = NormaliseShortCode(typed);
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  BINHYEN_ASSIGN_OR_RETURN(domain::Campaign c, tx->Campaigns().Get(id));
  if (c.status == domain::CampaignStatus::kClosed) {
    return base::FailedPreconditionError("status: campaign " + std::to_string(id) + " is closed");
  }
  BINHYEN_ASSIGN_OR_RETURN(std::vector<store::CampaignRecipient> recipients,
                           tx->Campaigns().Recipients(id));
  const base::TimePoint expires = CampaignLinkExpiry(c);
  // One signature per recipient (Ed25519 is deterministic, so the token, and its code, is the
  // same as on the printed sheet): tens of microseconds each, a few thousand recipients at most.
  for (const store::CampaignRecipient& r : recipients) {
    const std::string token = links_.Issue({id, r.person.id, expires});
    if (ShortCode(token) == code) return std::string(kAckPathPrefix) + token;
  }
  return base::NotFoundError("code: no recipient has this code");
}

}  // namespace binhyen::service
