#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"
#include "crypto/sign.h"

namespace binhyen::service {

// What a training check-in token says: a personal one lets person `person_id` check in to
// session `training_id`; a session one (person_id 0, shown as a poster at the venue) opens the
// walk-in page of that session.
struct CheckinClaim {
  enum class Kind { kPersonal, kSession };
  Kind kind = Kind::kPersonal;
  int64_t training_id = 0;
  int64_t person_id = 0;  // 0 for a session token
  friend bool operator==(const CheckinClaim&, const CheckinClaim&) = default;
};

// The path of a check-in link: "/tap-huan/diem-danh/<token>".
inline constexpr std::string_view kCheckinPathPrefix = "/tap-huan/diem-danh/";

// Signed check-in tokens for training sessions (printed as QR codes). A token is base64url (no
// padding) of
//   kind (1 byte: 'P' personal, 'S' session) || training id (8, big-endian) || person id (8)
//   || Ed25519 signature (64) of "binhyen/checkin/v1" followed by the 17 bytes before it,
// under a key of its own (<data>/keys/checkin.key). The context string keeps these signatures
// apart from any other use of a key. A token carries no time: WHEN it works (from one hour
// before the session starts to its end, and not once cancelled) is decided by the service from
// the session as stored, so that moving a session does not invalidate the printed sheets.
// 108 characters. Made and checked by crypto/signed_fields.h; links_format_test.cc pins the
// format. Thread safety: thread-safe (immutable after construction).
class CheckinLinks {
 public:
  explicit CheckinLinks(crypto::SigningKey key) : key_(std::move(key)) {}

  // The token of `claim` (person_id is written as 0 for a session token).
  std::string Issue(const CheckinClaim& claim) const;

  // The claim of `token` when it is well-formed and signed by our key. InvalidArgument "token:
  // malformed" (not base64url, wrong length or kind) or "token: bad signature" (altered, or
  // made with another key).
  base::Result<CheckinClaim> Verify(std::string_view token) const;

 private:
  crypto::SigningKey key_;
};

}  // namespace binhyen::service
