#include "service/checkin_links.h"

#include <string>

#include "crypto/encoding.h"

namespace binhyen::service {
namespace {

constexpr std::string_view kContext = "binhyen/checkin/v1";
constexpr char kPersonal = 'P';
constexpr char kSession = 'S';
constexpr size_t kPayloadBytes = 1 + 8 + 8;
constexpr size_t kTokenBytes = kPayloadBytes + crypto::SigningKey::kSignatureBytes;

void PutU64(std::string& out, uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8)
    out.push_back(static_cast<char>((v >> shift) & 0xff));
}

uint64_t GetU64(std::string_view in) {
  uint64_t v = 0;
  for (size_t i = 0; i < 8; ++i) v = (v << 8) | static_cast<uint8_t>(in[i]);
  return v;
}

}  // namespace

std::string CheckinLinks::Issue(const CheckinClaim& claim) const {
  const bool personal = claim.kind == CheckinClaim::Kind::kPersonal;
  std::string payload;
  payload.push_back(personal ? kPersonal : kSession);
  PutU64(payload, static_cast<uint64_t>(claim.training_id));
  PutU64(payload, static_cast<uint64_t>(personal ? claim.person_id : 0));
  const std::string signature = key_.Sign(std::string(kContext) + payload);
  return crypto::Base64Encode(payload + signature, crypto::Base64Variant::kUrlSafeNoPadding);
}

base::Result<CheckinClaim> CheckinLinks::Verify(std::string_view token) const {
  const base::Status malformed = base::InvalidArgumentError("token: malformed");
  // 108 characters; anything much longer is refused before decoding.
  if (token.empty() || token.size() > 2 * kTokenBytes) return malformed;
  base::Result<std::string> bytes =
      crypto::Base64Decode(token, crypto::Base64Variant::kUrlSafeNoPadding);
  if (!bytes.ok() || bytes->size() != kTokenBytes) return malformed;
  const std::string_view view(*bytes);
  if (view[0] != kPersonal && view[0] != kSession) return malformed;
  const std::string message = std::string(kContext) + std::string(view.substr(0, kPayloadBytes));
  if (!key_.verify_key().Verify(message, view.substr(kPayloadBytes))) {
    return base::InvalidArgumentError("token: bad signature");
  }
  CheckinClaim claim;
  claim.kind = view[0] == kPersonal ? CheckinClaim::Kind::kPersonal : CheckinClaim::Kind::kSession;
  claim.training_id = static_cast<int64_t>(GetU64(view.substr(1)));
  claim.person_id = static_cast<int64_t>(GetU64(view.substr(9)));
  if (claim.kind == CheckinClaim::Kind::kSession && claim.person_id != 0) return malformed;
  if (claim.training_id <= 0 ||
      (claim.kind == CheckinClaim::Kind::kPersonal && claim.person_id <= 0)) {
    return malformed;
  }
  return claim;
}

}  // namespace binhyen::service
