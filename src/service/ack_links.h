#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/result.h"
#include "crypto/sign.h"

namespace binhyen::service {

// What a personal acknowledgement link says: this person may acknowledge this campaign until
// this time.
struct AckClaim {
  int64_t campaign_id = 0;
  int64_t person_id = 0;
  base::TimePoint expires_at{};  // whole seconds
  friend bool operator==(const AckClaim&, const AckClaim&) = default;
};

// The path of a personal link: "/xac-nhan/<token>".
inline constexpr std::string_view kAckPathPrefix = "/xac-nhan/";

// Personal links for acknowledging guidance without an account (`/xac-nhan/{token}`, printed or
// shown as a QR code). A token is base64url (no padding) of
//   version (1 byte = 1) || campaign id (8, big-endian) || person id (8) || expiry (8, Unix
//   seconds) || Ed25519 signature (64) of the 25 bytes before it,
// under a key kept in the data directory (<data>/keys/ack.key). Nobody can make or alter a link
// without the key, and a link stops working at its expiry. The signature is checked by libsodium
// (crypto_sign_verify_detached, constant time in the secret). 119 characters.
// Made and checked by crypto/signed_fields.h; links_format_test.cc pins the format.
// Thread safety: thread-safe (immutable after construction; the clock is thread-safe).
class AckLinks {
 public:
  // `clock` must outlive the AckLinks.
  AckLinks(crypto::SigningKey key, const base::Clock& clock)
      : key_(std::move(key)), clock_(clock) {}

  // The token of `claim` (expiry truncated to whole seconds).
  std::string Issue(const AckClaim& claim) const;

  // The claim of `token` when it is well-formed, signed by our key and not expired. Errors:
  // InvalidArgument "token: malformed" (not base64url, wrong length or version) or "token: bad
  // signature" (altered, or made with another key); FailedPrecondition "token: expired" when
  // now >= expires_at (checked only for a genuine token).
  base::Result<AckClaim> Verify(std::string_view token) const;

  // How long links are valid: until the campaign's deadline plus kGrace, or kDefaultValidity from
  // now when the campaign has none.
  static constexpr std::chrono::hours kGrace{24 * 30};
  static constexpr std::chrono::hours kDefaultValidity{24 * 180};

 private:
  crypto::SigningKey key_;
  const base::Clock& clock_;
};

}  // namespace binhyen::service
