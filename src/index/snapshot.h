#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "index/allowlist.h"
#include "indicator/indicator.h"
#include "indicator/url.h"

namespace binhyen::index {

// The reputation index: an immutable in-memory snapshot of listed indicators (our own confirmed
// ones and the enabled imported sources), answering "is this link / number / account listed?"
// without touching the database or taking a lock. The service builds a new snapshot when the
// store changes and swaps it in atomically (std::atomic<std::shared_ptr<const Snapshot>>).
//
// Layering: index knows base, text, crypto, indicator only. Categories and sources are opaque
// strings here (the service maps domain::Category names to them).

// How much a source is trusted. Our own confirmed indicators are kHigh.
enum class Trust : uint8_t { kLow, kMedium, kHigh };
std::string_view TrustName(Trust t);  // "low" "medium" "high"
std::optional<Trust> ParseTrust(std::string_view name);

// Who listed something: "binhyen" (our analysts' confirmed set) or "feed:<name>" for an import.
struct Source {
  std::string name;
  Trust trust = Trust::kHigh;
};

// One listed indicator as the index takes it.
struct Listing {
  indicator::Kind kind = indicator::Kind::kUrl;
  // The canonical form of indicator::Canonicalize(kind, ...): url = Safe Browsing canonical URL
  // ("http://evil.top/login"); domain = canonical host, which lists the host AND its subdomains;
  // ip = canonical address; phone = E.164; bank_account = "BIN:digits" or the digits alone
  // (any bank); email = canonical address; social = "platform:id".
  std::string canonical;
  std::string category;     // "phishing", "scam_call", ... (at most 255 distinct per snapshot)
  uint16_t source = 0;      // index into SnapshotInput::sources
  int64_t first_seen = 0;   // unix seconds
  std::string warning_url;  // the published warning about it ("" when none)
  // Listed by an analyst on purpose although the allowlist protects it (a bank or gov.vn look-
  // alike page that really is on a protected host, e.g. a hacked subpage).
  bool override_allowlist = false;
};

struct SnapshotInput {
  int64_t version = 0;  // the store's change version this snapshot reflects
  std::vector<Source> sources;
  std::vector<Listing> listings;
  std::shared_ptr<const Allowlist> allowlist;  // nullptr: Allowlist::BuiltIn()
};

// What Build() left out, for logs and the import report.
struct BuildStats {
  size_t listed = 0;       // listings indexed
  size_t invalid = 0;      // canonical not parseable as its kind
  size_t allowlisted = 0;  // dropped: a protected host (bank, gov.vn) without override
  size_t narrowed = 0;     // host-level listing on shared hosting / shortener: not indexed
};

enum class Verdict : uint8_t { kUnknown, kSuspicious, kDangerous, kTrusted };
std::string_view VerdictName(Verdict v);  // "unknown" "suspicious" "dangerous" "trusted"

struct Match {
  std::string expression;  // what matched: "evil.top/", "evil.top/login", "+84912345678"
  std::string category;
  std::string source;  // Source::name
  Trust trust = Trust::kHigh;
  int64_t first_seen = 0;   // unix seconds, clamped to [0, 2^32)
  std::string warning_url;  // "" when none
};

struct CheckResult {
  indicator::Kind kind = indicator::Kind::kUrl;
  std::string canonical;  // "" when the input is not a valid indicator of that kind
  Verdict verdict = Verdict::kUnknown;
  // Why trusted: "bank" (a bank's own site), "government" (gov.vn), "" otherwise.
  std::string trusted_reason;
  std::vector<Match> matches;           // most specific first; at most 20
  std::vector<std::string> categories;  // distinct categories of the matches, in match order
};

// Verdict rules: any match from a kHigh source -> dangerous; only kLow / kMedium matches ->
// suspicious; no match and the host is a protected one (Allowlist::Protection) -> trusted;
// otherwise unknown. A URL or domain on a protected host is never dangerous or suspicious
// unless the listing has override_allowlist.
//
// Matching rules (Safe Browsing expressions, indicator::LookupExpressions):
//  * url / domain listings live in one set of expressions "host/path[?query]": a domain listing
//    is "host/", which every URL on that host or its subdomains probes; a url listing is its
//    expression (host + path + query).
//  * shared hosting (sites.google.com, blogspot.com, github.io, ...): host-level matching is
//    off for the shared name itself — "sites.google.com/" is never probed, "sites.google.com/
//    view/x/" is; a tenant's own subdomain ("x.blogspot.com") is matched normally.
//  * URL shorteners (bit.ly, ...): full-URL expressions only (host + exact path + query).
//  * phone: exact E.164; bank_account with a bank: "BIN:digits" and the digits-only listing;
//    without a bank: every listing with those digits (any bank); email, social, ip: exact. An ip
//    listing also lists URLs on that address ("1.2.3.4/").
// The exact key strings are those of index/expressions.h (ListingKeys, UrlProbeExpressions).
//
// Representation (internal/snapshot_impl.h): per list an open-addressing table of 64-bit hashes
// of the keys (internal/hash.h; a probe matches when its hash equals a listed key's: about
// n / 2^64 false-match odds per probe, 5.4e-14 at n = 1,000,000) pointing at runs of 16-byte
// entries, one per (key, source): category id, source id, first_seen (clamped to
// [0, 2^32) seconds), warning id, bank BIN, flags. Strings are kept only for categories, sources
// and warning URLs; a Match's expression is the probe that matched (for accounts, the listing's
// "BIN:digits" or "digits"). A Bloom filter of the urls list's hosts lets a URL on an unlisted
// host skip the table. About 45 bytes per listing at 1,000,000 listings (bench/index_bench.cc).
// A key with more than 65,535 (source, bank) entries keeps the first 65,535.
// Thread safety: immutable after Build(); every method is const and thread-safe; lookups take
// no lock, and CheckUrl allocates nothing once `out` has grown.
class Snapshot {
 public:
  static std::shared_ptr<const Snapshot> Build(SnapshotInput input, BuildStats* stats = nullptr);
  // An empty snapshot (version 0) with the built-in allowlist.
  static std::shared_ptr<const Snapshot> Empty();

  int64_t version() const;
  size_t size() const;         // listings indexed
  size_t MemoryBytes() const;  // bytes held by the lookup structures (the ≤ 64 B/listing target)
  const std::vector<Source>& sources() const;
  const Allowlist& allowlist() const;

  // Canonicalises `input` as `kind` and looks it up. `bank` (name, code or BIN, see
  // indicator::FindBank) narrows a bank_account check; ignored for other kinds. An invalid
  // input gives canonical "" and verdict unknown (the API turns it into a 422 first); so does
  // a `bank` that FindBank does not know.
  CheckResult Check(indicator::Kind kind, std::string_view input, std::string_view bank = {}) const;

  // Check() of a value already canonicalised by indicator::Canonicalize (so that a caller
  // asking several snapshots canonicalises once); `*out` is replaced.
  void CheckCanonical(const indicator::Indicator& value, std::string_view bank,
                      CheckResult* out) const;

  // The fast path of the benchmark: an already canonical URL; fills `out` (reused).
  void CheckUrl(const indicator::CanonicalUrl& url, CheckResult* out) const;
  // An invalid `url` (empty Spec) gives canonical "" and verdict unknown.
  // Already canonical phone (E.164) or account ("BIN:digits" / digits): true when listed (an
  // account with a BIN: listed for that bank or for any bank). Also ip, email and social
  // (exact), and url / domain through Check (slow path). Allocates nothing for phone, account,
  // ip, email and social. A value not in canonical form is not listed.
  bool IsListed(indicator::Kind kind, std::string_view canonical) const;

  ~Snapshot();
  Snapshot(const Snapshot&) = delete;
  Snapshot& operator=(const Snapshot&) = delete;

 private:
  struct Impl;
  explicit Snapshot(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace binhyen::index
