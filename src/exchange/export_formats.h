#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "indicator/indicator.h"

namespace binhyen::exchange {

// The formats `binhyen export` and `/feeds/` publish our confirmed indicators in.
//
// Which kinds each format carries (others are left out, never an error):
//   hosts     "0.0.0.0 name"               domains (a hosts file cannot block IPs or subdomains)
//   rpz       "name CNAME ." + "*.name"    domains, IPs (rpz-ip triggers); passthru names
//   adguard   "||name^"                    domains, IPs; "@@||name^" for passthru names under
//                                          a listed one
//   dnsmasq   "address=/name/#"            domains ('#': 0.0.0.0 and :: for A and AAAA, as in
//                                          dnsmasq(8); urlhaus-filter writes "/0.0.0.0", which
//                                          leaves AAAA open); "server=/name/#" for passthru
//   unbound   local-zone: "name" always_nxdomain (urlhaus-filter's form, for an include under
//                                          "server:"); always_transparent for passthru
//   plain     one canonical value a line   urls, domains, IPs
//   csv       RFC 4180, CRLF               every kind
//   stix      STIX 2.1 bundle              urls, domains, IPs, emails (phones, bank accounts
//                                          and social accounts have no STIX cyber-observable
//                                          type; they are in csv and misp)
//   misp      MISP event JSON              urls, domains, IPs, phones, bank accounts (objects
//                                          url, domain-ip, phone-number, bank-account) and
//                                          emails (email-src attributes)
// DNS formats (hosts, rpz, adguard, dnsmasq, unbound) never block a url entry's host: a URL is
// blocked at URL level only. They also drop a listed host equal to or under a passthru host
// (allowlists decide what must never be host-blocked), and names not valid in a zone file.
// Category and warning link: csv columns; STIX "labels" and "external_references"; MISP object
// (or e-mail attribute) "comment" carries the category, and no warning link. The importer
// (import_formats.h) reads hosts, rpz, plain, csv, adguard, stix and misp back to the same
// entries (export_round_trip_test.cc), except rpz-ip triggers, which it skips.
enum class ExportFormat { kHosts, kRpz, kPlain, kCsv, kStix, kMisp, kAdguard, kDnsmasq, kUnbound };

// "hosts" "rpz" "plain" "csv" "stix" "misp" "adguard" "dnsmasq" "unbound".
std::string_view ExportFormatName(ExportFormat format);
// The names above (and "adblock" for kAdguard); nullopt otherwise.
std::optional<ExportFormat> ParseExportFormat(std::string_view name);
// The HTTP Content-Type of a rendered export, e.g. "text/plain; charset=utf-8",
// "text/csv; charset=utf-8; header=present", "text/dns; charset=utf-8" (RFC 4027, rpz),
// "application/stix+json;version=2.1", "application/json" (misp).
std::string_view ExportMediaType(ExportFormat format);

// One published indicator.
struct ExportEntry {
  indicator::Kind kind = indicator::Kind::kDomain;
  std::string canonical;  // as indicator::Canonicalize returns it
  std::string category;   // a domain::Category name ("phishing"), may be ""
  std::string severity;   // a domain::Severity name ("high"), may be ""
  base::TimePoint first_seen{};
  base::TimePoint last_seen{};
  std::optional<base::TimePoint> expires_at;
  std::string warning_url;  // "" when no warning names it
};

struct ExportInput {
  int64_t version = 0;  // the index version; >= 0. The RPZ SOA serial is version mod 2^32.
  base::TimePoint generated_at{};
  // Any order: Render sorts by (kind, canonical) and drops repeated (kind, canonical) pairs.
  std::vector<ExportEntry> entries;
  // Host names that must never be host-blocked (lower-case A-labels, no trailing dot). The RPZ
  // writes every one of them ("name" and "*.name" CNAME rpz-passthru.), so pass the names to
  // protect (shared-hosting suffixes, banks, gov.vn), not a whole popularity list.
  std::vector<std::string> passthru_hosts;
  std::string zone = "rpz.binhyen.";  // RPZ zone origin; must end with '.'
  std::string publisher = "Bình Yên";
  std::string base_url;  // "https://binhyen.example" (no trailing '/'), for links; may be ""
};

// Renders `input` in `format`. The output is a pure function of (format, input): no clock, no
// randomness; ids in STIX and MISP are UUIDv5 of the values. InvalidArgument when the input
// cannot be expressed (negative version, a zone that is not a DNS name ending in '.', text that
// is not UTF-8 in a JSON format). Thread-safe.
base::Result<std::string> Render(ExportFormat format, const ExportInput& input);

// The MISP feed of one export version is three files next to each other: "<uuid>.json" (what
// Render(kMisp) returns, one event per export version), "manifest.json" (below), which MISP's
// "Fetch and store all feed data" reads first, and "hashes.csv" (below).

// The uuid of the export's MISP event: UUIDv5 of (publisher, version), lower-case.
std::string MispEventUuid(const ExportInput& input);
// manifest.json: {"<event uuid>": {"Orgc", "Tag", "info", "date", "analysis",
// "threat_level_id", "timestamp"}}, the same values as the event. Thread-safe.
std::string RenderMispManifest(const ExportInput& input);
// hashes.csv: one line "<md5 of the attribute value>,<event uuid>" per attribute of the event
// (its attributes, then its objects' attributes, in event order), as MISP's feed generator
// writes it; MISP uses it to correlate a feed without fetching the events. Thread-safe.
std::string RenderMispHashes(const ExportInput& input);

// A name-based UUID (RFC 4122 version 5, SHA-1) of `name` in the exchange namespace
// e3e6d1d4-89c5-5140-ac2d-41d64c90605f (= UUIDv5(URL, "https://binhyen.vn/ns/exchange")), as 36
// lower-case characters. STIX and MISP ids are derived with it, so that one indicator keeps its
// id across exports. Thread-safe.
std::string ExchangeUuid(std::string_view name);

}  // namespace binhyen::exchange
