#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "index/allowlist.h"
#include "index/snapshot.h"
#include "indicator/indicator.h"
#include "indicator/url.h"

namespace binhyen::index {

// The one place that turns a Listing into the lookup keys it is indexed under, and a checked
// value into the keys it probes, applying the allowlist rules of snapshot.h. The snapshot hashes
// these strings with a 64-bit hash; the hash-prefix lists hash exactly the same strings with
// SHA-256. A value is listed when one of its probe keys equals one of a listing's keys in the
// same list.

// The lists keys live in. Each list is its own key space (equal strings in two lists never meet).
enum class KeyList : uint8_t { kUrls, kPhones, kAccounts, kEmails, kSocials, kIps };
inline constexpr int kKeyListCount = 6;
std::string_view KeyListName(KeyList list);  // "urls" "phones" "accounts" "emails" "socials" "ips"

// One key: a list and the exact expression string.
//  * urls: Safe Browsing expressions "host/path[?query]" with no scheme, on the canonical URL
//    (indicator::CanonicalizeUrlInto): a domain listing is "host/" (the host and, through the
//    Safe Browsing host suffixes, its subdomains up to five labels), a url listing is
//    host + path + "?query" when the URL has a '?' ("evil.top/login", "evil.top/a/" — a
//    directory prefix, "evil.top/pay?id=1" — query-exact). An IPv4 host is dotted decimal, an
//    IPv6 host bracketed ("[2001:db8::1]/").
//  * phones: E.164 ("+84912345678").
//  * accounts: "BIN:digits" ("970436:0071000986547") and the digits alone ("0071000986547").
//    A listing with a bank gives both keys; a listing without a bank gives the digits only. A
//    probe with a bank asks both, a probe without a bank the digits only — so a "digits" hit can
//    be another bank's listing: the full entry (snapshot Match, hashes:search metadata) says
//    which bank it is.
//  * emails: "local@a-label-domain"; socials: "platform:id"; ips: the canonical address
//    ("1.2.3.4", "2001:db8::1"). An ip listing also gives the urls key "ip/" ("[v6]/").
struct ListedKey {
  KeyList list = KeyList::kUrls;
  std::string expression;

  friend bool operator==(const ListedKey& a, const ListedKey& b) {
    return a.list == b.list && a.expression == b.expression;
  }
};

// The keys of `listing`, after the allowlist:
//  * url / domain on a bank or government host (Allowlist::Protect): no keys unless
//    listing.override_allowlist — counted in stats->allowlisted;
//  * a host-level key ("host/", i.e. a domain listing or a url listing whose path is "/" with no
//    query) of a shortener or shared-hosting name itself (Allowlist::Rule): no keys — counted in
//    stats->narrowed. Paths under it are kept ("sites.google.com/view/scam/", "bit.ly/abc");
//    a tenant's own subdomain ("scam.blogspot.com/") is an ordinary host;
//  * listing.canonical not valid for its kind (see the formats above), or a domain listing of a
//    public suffix of the Public Suffix List, ICANN or private section ("com.vn", "netlify.app":
//    checked after the allowlist, so "gov.vn" counts as allowlisted and "blogspot.com" as
//    narrowed): no keys — counted in stats->invalid;
//  * otherwise the keys above — counted in stats->listed.
// Exactly one counter of `stats` (when not null) is incremented. listing.source is not checked.
std::vector<ListedKey> ListingKeys(const Listing& listing, const Allowlist& allowlist,
                                   BuildStats* stats = nullptr);

// The urls-list expressions a check of `url` probes: indicator::LookupExpressions, less
//  * for a shortener host (Allowlist::Rule of the expression's host): every expression but the
//    exact path with and without the query (no directory prefixes);
//  * for a shared-hosting host: its host-level expression "host/".
// Views into `url`, as indicator::LookupExpressions; allocates nothing. An invalid `url` (empty
// Spec) gives no expression. Bank and government hosts are probed like any other: the snapshot
// then ignores every match on such a host that does not come from an override_allowlist listing
// (e.g. a listing of a parent domain), so a client of the hash-prefix lists must do the same.
void UrlProbeExpressions(const indicator::CanonicalUrl& url, const Allowlist& allowlist,
                         indicator::LookupExpressionList* out);

// The keys a check of an already canonical value of `kind` probes, in this order: url ->
// UrlProbeExpressions (an unparsable URL gives none); domain -> those of "http://host/"; ip -> the
// ips key; phone, email, social -> the value; bank_account -> "BIN:digits" then "digits", or
// "digits".
std::vector<ListedKey> ProbeKeys(indicator::Kind kind, std::string_view canonical,
                                 const Allowlist& allowlist);

}  // namespace binhyen::index
