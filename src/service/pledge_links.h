#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/result.h"
#include "service/ack_links.h"

namespace binhyen::service {

// What a personal pledge link says: this person may sign the code of conduct until this time.
struct PledgeClaim {
  int64_t person_id = 0;
  base::TimePoint expires_at{};  // whole seconds
  friend bool operator==(const PledgeClaim&, const PledgeClaim&) = default;
};

// The path of a personal pledge link: "/quy-tac-ung-xu/ky/<token>".
inline constexpr std::string_view kPledgePathPrefix = "/quy-tac-ung-xu/ky/";

// Personal links for signing the code of conduct without an account: a new claim kind carried
// in AckLinks' token format unchanged (same key, same signature, same expiry), with campaign id
// 0, which no campaign has (the store's ids start at 1). So a pledge link opens no campaign
// (/xac-nhan answers "not found") and a campaign link is refused here.
// Thread safety: thread-safe (AckLinks is).
class PledgeLinks {
 public:
  // `links` must outlive the PledgeLinks.
  explicit PledgeLinks(const AckLinks& links) : links_(links) {}

  std::string Issue(const PledgeClaim& claim) const;
  // AckLinks::Verify's errors, and InvalidArgument "token: not a pledge link" for a genuine
  // campaign link.
  base::Result<PledgeClaim> Verify(std::string_view token) const;

  // How long a pledge link works from when it is made.
  static constexpr std::chrono::hours kValidity{24 * 180};

 private:
  const AckLinks& links_;
};

}  // namespace binhyen::service
