#include "domain/federation.h"

#include <string>

#include "domain/enums.h"

namespace binhyen::domain {
namespace {

constexpr size_t kMaxCanonicalBytes = 2048;
constexpr size_t kMaxTitleBytes = 300;
constexpr size_t kMaxSummaryBytes = 600;
constexpr size_t kMaxUrlBytes = 2048;

// http(s)://host[:port][/path]: no user info, query, fragment, spaces or control characters.
bool IsBaseUrl(std::string_view url, bool allow_empty) {
  if (url.empty()) return allow_empty;
  if (url.size() > kMaxUrlBytes) return false;
  std::string_view rest;
  if (url.starts_with("https://")) {
    rest = url.substr(8);
  } else if (url.starts_with("http://")) {
    rest = url.substr(7);
  } else {
    return false;
  }
  const size_t slash = rest.find('/');
  const std::string_view host = rest.substr(0, slash);
  if (host.empty() || host.find('@') != std::string_view::npos) return false;
  for (unsigned char c : url) {
    if (c <= 0x20 || c == 0x7f || c == '?' || c == '#' || c == '\\') return false;
  }
  return true;
}

base::Status CheckCategory(std::string_view category) {
  if (!category.empty() && !ParseCategory(category).has_value()) {
    return base::InvalidArgumentError("category: unknown category '" + std::string(category) + "'");
  }
  return base::Status::Ok();
}

}  // namespace

std::string_view Name(FederationState v) {
  switch (v) {
    case FederationState::kListed: return "listed";
    case FederationState::kDelisted: return "delisted";
    case FederationState::kWithdrawn: return "withdrawn";
  }
  return "withdrawn";
}

std::optional<FederationState> ParseFederationState(std::string_view name) {
  for (FederationState s :
       {FederationState::kListed, FederationState::kDelisted, FederationState::kWithdrawn}) {
    if (Name(s) == name) return s;
  }
  return std::nullopt;
}

std::string PeerFeedSourceName(std::string_view peer_name) {
  return "peer." + std::string(peer_name);
}

base::Status Validate(const Peer& peer) {
  if (peer.name.empty() || peer.name.size() > kMaxPeerNameBytes ||
      !ValidateFeedName(peer.name).ok()) {
    return base::InvalidArgumentError("name: must be 1..59 characters of a-z 0-9 . _ -");
  }
  if (!IsBaseUrl(peer.url, /*allow_empty=*/false)) {
    return base::InvalidArgumentError(
        "url: must be http(s)://host[:port][/path] without query or fragment");
  }
  if (peer.public_key.size() != 43) {
    return base::InvalidArgumentError(
        "public_key: must be an Ed25519 key in base64 (43 characters)");
  }
  for (char c : peer.public_key) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) {
      return base::InvalidArgumentError(
          "public_key: must be an Ed25519 key in base64 (43 characters)");
    }
  }
  return base::Status::Ok();
}

base::Status Validate(const FederationEntry& entry) {
  if (entry.canonical.empty()) return base::InvalidArgumentError("canonical: must not be empty");
  if (entry.canonical.size() > kMaxCanonicalBytes) {
    return base::InvalidArgumentError("canonical: must be at most 2048 bytes");
  }
  BINHYEN_RETURN_IF_ERROR(CheckCategory(entry.category));
  if (entry.origin.empty()) return base::InvalidArgumentError("origin: must not be empty");
  if (entry.hops < 0 || entry.hops > kMaxFederationHops) {
    return base::InvalidArgumentError("hops: must be in 0..4");
  }
  return base::Status::Ok();
}

base::Status Validate(const FederationWarning& warning) {
  if (warning.origin.empty()) return base::InvalidArgumentError("origin: must not be empty");
  if (warning.remote_id <= 0) return base::InvalidArgumentError("remote_id: must be positive");
  if (warning.title.empty()) return base::InvalidArgumentError("title: must not be empty");
  if (warning.title.size() > kMaxTitleBytes) {
    return base::InvalidArgumentError("title: must be at most 300 bytes");
  }
  if (warning.summary.size() > kMaxSummaryBytes) {
    return base::InvalidArgumentError("summary: must be at most 600 bytes");
  }
  if (!IsBaseUrl(warning.url, /*allow_empty=*/true)) {
    return base::InvalidArgumentError("url: must be an http(s) URL without query or fragment");
  }
  return CheckCategory(warning.category);
}

}  // namespace binhyen::domain
