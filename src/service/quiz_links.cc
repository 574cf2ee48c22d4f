#include "service/quiz_links.h"

#include <chrono>
#include <string>

#include "crypto/encoding.h"

namespace binhyen::service {
namespace {

constexpr uint8_t kKind = 'Q';
constexpr size_t kPayloadBytes = 1 + 8 + 8 + 8;
constexpr size_t kTokenBytes = kPayloadBytes + crypto::SigningKey::kSignatureBytes;
// Signed before the payload: a signature made for another kind of token never verifies here.
constexpr std::string_view kContext{"binhyen quiz link v1\0", 21};

void PutU64(std::string& out, uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8)
    out.push_back(static_cast<char>((v >> shift) & 0xff));
}

uint64_t GetU64(std::string_view in) {
  uint64_t v = 0;
  for (size_t i = 0; i < 8; ++i) v = (v << 8) | static_cast<uint8_t>(in[i]);
  return v;
}

int64_t Seconds(base::TimePoint t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

std::string Signed(std::string_view payload) {
  std::string message(kContext);
  message.append(payload);
  return message;
}

}  // namespace

std::string QuizLinks::Issue(const QuizClaim& claim) const {
  std::string payload;
  payload.push_back(static_cast<char>(kKind));
  PutU64(payload, static_cast<uint64_t>(claim.quiz_id));
  PutU64(payload, static_cast<uint64_t>(claim.person_id));
  PutU64(payload, static_cast<uint64_t>(Seconds(claim.expires_at)));
  const std::string signature = key_.Sign(Signed(payload));
  return crypto::Base64Encode(payload + signature, crypto::Base64Variant::kUrlSafeNoPadding);
}

base::Result<QuizClaim> QuizLinks::Verify(std::string_view token) const {
  const base::Status malformed = base::InvalidArgumentError("token: malformed");
  if (token.empty() || token.size() > 2 * kTokenBytes) return malformed;
  base::Result<std::string> bytes =
      crypto::Base64Decode(token, crypto::Base64Variant::kUrlSafeNoPadding);
  if (!bytes.ok() || bytes->size() != kTokenBytes || static_cast<uint8_t>((*bytes)[0]) != kKind) {
    return malformed;
  }
  const std::string_view view(*bytes);
  if (!key_.verify_key().Verify(Signed(view.substr(0, kPayloadBytes)),
                                view.substr(kPayloadBytes))) {
    return base::InvalidArgumentError("token: bad signature");
  }
  QuizClaim claim;
  claim.quiz_id = static_cast<int64_t>(GetU64(view.substr(1)));
  claim.person_id = static_cast<int64_t>(GetU64(view.substr(9)));
  claim.expires_at =
      base::TimePoint(std::chrono::seconds(static_cast<int64_t>(GetU64(view.substr(17)))));
  if (clock_.Now() >= claim.expires_at) return base::FailedPreconditionError("token: expired");
  return claim;
}

}  // namespace binhyen::service
