#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "index/allowlist.h"
#include "index/expressions.h"
#include "index/snapshot.h"
#include "indicator/url.h"

namespace binhyen::index::internal {

enum class ListingOutcome { kListed, kInvalid, kAllowlisted, kNarrowed };

// Scratch buffers reused across listings so that Build allocates little per listing.
struct KeyScratch {
  indicator::CanonicalUrl url;
  std::string text;
};

// The engine of ListingKeys: calls `emit` with each key of `listing` (views valid during the
// call only) and returns the outcome. Thread safety: distinct `scratch` per thread.
ListingOutcome ForEachListingKey(const Listing& listing, const Allowlist& allowlist,
                                 KeyScratch* scratch,
                                 const std::function<void(KeyList, std::string_view)>& emit);

// UrlProbeExpressions, also returning Allowlist::Protect(url.Host()) (computed together: the
// URL fast path asks the allowlist once per host suffix).
Allowlist::Protection UrlProbe(const indicator::CanonicalUrl& url, const Allowlist& allowlist,
                               indicator::LookupExpressionList* out);
// The second half of UrlProbe: `list` holds indicator::LookupExpressions(url) and is filtered in
// place.
Allowlist::Protection FilterUrlExpressions(const indicator::CanonicalUrl& url,
                                           const Allowlist& allowlist,
                                           indicator::LookupExpressionList* list);

// The length of the host part of `expression`, one of indicator::LookupExpressions(url): every
// expression is a suffix of url.Host() followed by a prefix of the path, inside url.Spec(), so
// the host ends where url.Host() ends (no search for the '/').
inline size_t ExpressionHostLength(const indicator::CanonicalUrl& url,
                                   std::string_view expression) {
  std::string_view host = url.Host();
  return static_cast<size_t>(host.data() + host.size() - expression.data());
}

// Splits a canonical account "BIN:digits" or "digits". Returns false when it is neither (BIN:
// 6 digits; account: 6 to 19 digits). *bin is 0 without a BIN.
bool SplitAccount(std::string_view canonical, uint32_t* bin, std::string_view* digits);

}  // namespace binhyen::index::internal
