#pragma once

// Federation between instances (issue 11): peers whose signed feeds we pull, and what our own
// feed publishes. docs/SCALING.md ("Federation") explains the protocol.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/status.h"
#include "domain/enums.h"
#include "domain/feed.h"
#include "indicator/indicator.h"

namespace binhyen::domain {

// The longest peer name: its feed source is named "peer.<name>" (kMaxFeedNameBytes).
inline constexpr size_t kMaxPeerNameBytes = kMaxFeedNameBytes - 5;
// An entry relayed through more instances than this is not taken (loops are also cut by origin).
inline constexpr int kMaxFederationHops = 4;

// Another instance whose feed we pull. Its listings are kept as the feed source
// "peer.<name>" (FeedSource::trust is the peer's trust; enabled follows the peer).
struct Peer {
  int64_t id = 0;
  std::string name;        // 1..59 bytes of [a-z0-9._-]; unique
  std::string url;         // the peer's base URL, http(s)://host[:port][/path], no query
  std::string public_key;  // its Ed25519 verify key, crypto::VerifyKey::ToBase64 form; unique
  FeedTrust trust = FeedTrust::kMedium;
  bool enabled = true;         // pulled and listed; disabled peers keep their entries unlisted
  bool relay = false;          // republish what it sends in our own feed (hops + 1)
  int64_t feed_source_id = 0;  // set by the store
  // The pull state, set by RecordPull.
  int64_t cursor = 0;                                // the last `next` accepted from its feed
  std::optional<base::TimePoint> last_generated_at;  // of the last accepted page (anti-rollback)
  std::optional<base::TimePoint> last_attempt_at;
  std::optional<base::TimePoint> last_success_at;
  std::string last_error;  // "" after a success
  base::TimePoint created_at{};

  friend bool operator==(const Peer&, const Peer&) = default;
};

// What an entry of a feed says about an indicator.
enum class FederationState {
  kListed,     // confirmed by its origin's analysts (and not expired)
  kDelisted,   // delisted at its origin after a dispute: remove it
  kWithdrawn,  // no longer listed at its origin for another reason (expired, reopened)
};
std::string_view Name(FederationState v);  // "listed" "delisted" "withdrawn"
std::optional<FederationState> ParseFederationState(std::string_view name);

// One row of our outgoing feed: the latest state of (kind, canonical) as said by `origin`.
struct FederationEntry {
  int64_t seq = 0;  // assigned by the store: the feed's cursor
  indicator::Kind kind = indicator::Kind::kDomain;
  std::string canonical;  // 1..2048 bytes
  FederationState state = FederationState::kListed;
  std::string category;  // a domain::Category name, or ""
  std::string origin;    // the verify key (base64) of the instance whose analysts decided
  int hops = 0;          // 0 for our own; 1 + the hops of the peer's entry when relayed
  std::optional<base::TimePoint> expires_at;
  base::TimePoint changed_at{};
  // Not in the feed: the peer it was relayed from (Peer::id), 0 for our own indicators.
  int64_t via_peer_id = 0;

  friend bool operator==(const FederationEntry&, const FederationEntry&) = default;
};

// A published warning or clarification in a feed (only the origin's own, never relayed).
struct FederationWarning {
  int64_t seq = 0;        // assigned by the store (same sequence as the entries)
  std::string origin;     // verify key (base64) of the publishing instance
  int64_t remote_id = 0;  // the warning's id at its origin (> 0)
  WarningKind kind = WarningKind::kWarning;
  std::string title;     // 1..300 bytes
  std::string summary;   // at most 600 bytes: the start of the body as plain text
  std::string url;       // the warning's page at its origin (absolute http(s) URL), may be ""
  std::string category;  // a domain::Category name, or ""
  std::optional<base::TimePoint> published_at;  // nullopt: withdrawn (unpublished or deleted)
  base::TimePoint changed_at{};

  friend bool operator==(const FederationWarning&, const FederationWarning&) = default;
};

// A warning received from a peer, as kept for our portal.
struct PeerWarning {
  int64_t peer_id = 0;
  FederationWarning warning;  // warning.seq is the peer's seq

  friend bool operator==(const PeerWarning&, const PeerWarning&) = default;
};

// A disagreement between a peer and us: it delisted (or withdrew) an indicator our own analysts
// confirmed. Our listing stays; an analyst decides (docs/SCALING.md, "Conflicts").
struct FederationConflict {
  int64_t id = 0;
  int64_t peer_id = 0;
  indicator::Kind kind = indicator::Kind::kDomain;
  std::string canonical;
  FederationState remote_state = FederationState::kDelisted;
  base::TimePoint seen_at{};
  std::optional<base::TimePoint> resolved_at;

  friend bool operator==(const FederationConflict&, const FederationConflict&) = default;
};

// "peer.<name>": the feed source of a peer's listings.
std::string PeerFeedSourceName(std::string_view peer_name);

// InvalidArgument naming the field: "name: must be 1..59 characters of a-z 0-9 . _ -",
// "url: must be http(s)://host[:port][/path] without query or fragment", "public_key: ...".
base::Status Validate(const Peer& peer);
// "canonical: ...", "category: unknown category 'x'", "origin: must not be empty",
// "hops: must be in 0..4".
base::Status Validate(const FederationEntry& entry);
// "origin: ...", "remote_id: must be positive", "title: ...", "summary: at most 600 bytes",
// "url: ...", "category: ...".
base::Status Validate(const FederationWarning& warning);

}  // namespace binhyen::domain
