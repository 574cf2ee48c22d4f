#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/result.h"
#include "crypto/sign.h"

namespace binhyen::service {

// What a personal quiz link says: this person may take this quiz until this time, and their
// attempts count for them and their unit.
struct QuizClaim {
  int64_t quiz_id = 0;
  int64_t person_id = 0;
  base::TimePoint expires_at{};  // whole seconds
  friend bool operator==(const QuizClaim&, const QuizClaim&) = default;
};

// The path of a personal quiz link: "/lam-bai/<token>".
inline constexpr std::string_view kQuizLinkPathPrefix = "/lam-bai/";

// Personal links for taking a quiz as a known person, without an account. A token is base64url
// (no padding) of
//   kind (1 byte = 'Q') || quiz id (8, big-endian) || person id (8) || expiry (8, Unix seconds)
//   || Ed25519 signature (64)
// where the signature covers the context string "binhyen quiz link v1\0" followed by the 25
// bytes before it. The key may be the one of the acknowledgement links (service/ack_links.h):
// the kind byte and the signed context keep the two kinds of token apart (an acknowledgement
// token never verifies as a quiz token, nor the reverse). 119 characters.
// Made and checked by crypto/signed_fields.h; links_format_test.cc pins the format.
// Thread safety: thread-safe (immutable after construction; the clock is thread-safe).
class QuizLinks {
 public:
  // `clock` must outlive the QuizLinks.
  QuizLinks(crypto::SigningKey key, const base::Clock& clock)
      : key_(std::move(key)), clock_(clock) {}

  // The token of `claim` (expiry truncated to whole seconds).
  std::string Issue(const QuizClaim& claim) const;

  // The claim of `token` when it is well-formed, signed by our key and not expired. Errors:
  // InvalidArgument "token: malformed" or "token: bad signature"; FailedPrecondition
  // "token: expired" when now >= expires_at (checked only for a genuine token).
  base::Result<QuizClaim> Verify(std::string_view token) const;

  // How long links are valid: until the quiz closes plus kGrace, or kDefaultValidity.
  static constexpr std::chrono::hours kGrace{24 * 30};
  static constexpr std::chrono::hours kDefaultValidity{24 * 180};

 private:
  crypto::SigningKey key_;
  const base::Clock& clock_;
};

}  // namespace binhyen::service
