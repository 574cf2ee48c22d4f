#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "indicator/indicator.h"

namespace binhyen::exchange {

// The blocklist and threat-intelligence formats `binhyen import` reads. Samples of each are in
// tests/data/blocklists/ (trimmed copies of ../shared/data/blocklists/, misp/ and stix21/).
// Common rules: a UTF-8 BOM and CRLF endings are accepted; hosts go through
// indicator::CanonicalizeDomain (kind domain), URLs through kind url, IPs through kind ip (an IP
// that is not globally routable is an error); values of other kinds (phone, bank_account,
// email) where the format has them. A plain value (plain, openphish, csv "value") is a URL when
// it has "://" or '/', an IP when it looks like one, else a domain ("*." and "." prefixes
// dropped). Blank lines and comments count as skipped.
enum class ImportFormat {
  kPlain,        // "plain": one URL, host or IP per line; '#' and '!' comment lines, " #..."
                 //          trailing comments
  kHosts,        // "hosts": "IP host [host...]" (any IP in the first column; '#' comments);
                 //          a line with one bare host is accepted; the machine's own names
                 //          (localhost, ip6-*, broadcasthost, 0.0.0.0...) are skipped; an IP in
                 //          the host column is an error
  kAdblock,      // "adblock" (alias "adguard"): "||host^" (kind domain, or ip), "||host/path^"
                 //          and "|http://...|" (kind url), bare hosts and hosts-file lines (AdGuard
                 //          Home); skipped: '!' '[' '#' comments, "@@" allow rules, cosmetic rules,
                 //          wildcard and regex rules, rules with conditional options ($domain=,
                 //          $client=, $dnsrewrite=, $badfilter, ...)
  kRpz,          // "rpz": zone file; "name CNAME ." / "*.name CNAME ." / rpz-drop / local data
                 //        (A, AAAA, ...) list the name; names are relative to $ORIGIN (absolute
                 //        names under it are made relative); skipped: rpz-passthru, SOA/NS,
                 //        $-directives, continuation lines, rpz-ip/rpz-nsdname triggers
  kCsv,          // "csv": '#' comment lines, then a header row with a column "url", "domain",
                 //        "host", "hostname", "value" or "indicator" (first match wins) and
                 //        optionally "kind" (any indicator::ParseKind name: the value's kind),
                 //        "category" (kept when a domain::Category name) and "path" (host+path is
                 //        a URL: urlhaus-filter's Splunk CSV); RFC 4180 quoting, quoted newlines.
                 //        No such column: InvalidArgument
  kUrlhausCsv,   // "urlhaus": URLhaus CSV dump ('#' comments, a "# id,dateadded,url,..." header
                 //            comment picks the url/threat columns); threat "malware_download"
                 //            -> category "malware"
  kOpenPhish,    // "openphish": as plain, category "phishing"
  kPhishTank,    // "phishtank": PhishTank CSV (header with "url") or JSON array [{"url":...}]
                 //              (decided by the first byte); category "phishing"; records with
                 //              verified "no" skipped
  kChongLuaDao,  // "chongluadao": JSON array of {_id,url,type,level,meta}; "http://host/*" is the
                 //                whole site (kind domain, or ip), "http://host/path/*" a URL
                 //                prefix (kind url, "*" dropped); type phishing/impersonate_fake
                 //                -> "phishing", dangerous_link -> "malware", scam -> "" (the
                 //                importer's default), bad_sensitive_content (adult/gambling)
                 //                skipped
  kStix,         // "stix": STIX 2.1 bundle; each "indicator" object is one element: its pattern's
                 //         url:value, domain-name:value, ipv4-addr:value, ipv6-addr:value and
                 //         email-addr:value comparisons (CIDR ranges are errors); category = the
                 //         first labels/indicator_types entry that is a domain::Category name;
                 //         benign, revoked and non-"stix" pattern indicators and other objects
                 //         skipped
  kMisp,         // "misp": {"Event":{...}}, a list of them, {"response":[...]} or a bare event;
                 //         each attribute and each object is one element (numbered across events);
                 //         types url/uri, domain, hostname, domain|ip, ip-dst/ip-src(|port),
                 //         phone-number, email(-src/-dst), and bank-account objects ("account" +
                 //         "institution-code"/"swift" -> "BIN:account"); deleted ones and other
                 //         types skipped; to_ids is not required. Category: the comment when it is
                 //         a domain::Category name, else tags ("...phishing..." -> "phishing",
                 //         "malware"/"malicious-code" -> "malware", ns:p="<category>")
  kDnsmasq,      // "dnsmasq": "address=/host[/host...]/IP", "local=/host/", "server=/host/"
                 //            (a server=/host/IP forwarding rule is skipped)
  kUnbound,      // "unbound": 'local-zone: "host" TYPE' (any TYPE but transparent,
                 //            typetransparent, inform, always_transparent, nodefault)
  kBind,         // "bind": 'zone "host" { type master; ... };' (one zone statement per line)
};

std::string_view ImportFormatName(ImportFormat f);
// The names above (and "adguard" for kAdblock); nullopt otherwise.
std::optional<ImportFormat> ParseImportFormat(std::string_view name);

// One indicator read from a feed, canonicalised with indicator::Canonicalize.
struct ImportedEntry {
  indicator::Kind kind = indicator::Kind::kDomain;  // hosts/domains -> kDomain; URLs -> kUrl
  std::string canonical;
  std::string category;  // a domain::Category name when the feed says one ("phishing",
                         // "malware", ...); "" when it does not (the importer's default applies)
  size_t line = 0;       // 1-based line (or array element for JSON formats) it came from
};

// A line that could not be read: reported, never fatal unless strict.
struct LineError {
  size_t line = 0;      // 1-based; for JSON formats the 1-based element index
  std::string message;  // English, one line: "not a valid host: 'exa mple.com'"
};

struct ParsedFeed {
  std::vector<ImportedEntry> entries;  // in input order; duplicates removed (first kept)
  std::vector<LineError> errors;       // in input order
  size_t skipped = 0;  // lines/elements that gave neither an entry nor an error: comments,
                       // blank lines, headers, rules of no interest (allow rules, cosmetic
                       // adblock rules, localhost entries in hosts files, RPZ passthru); a line
                       // whose values were all duplicates counts nowhere
};

struct ParseOptions {
  // Stop at the first bad line: InvalidArgument "line N: <message>".
  bool strict = false;
  // A file with more lines (or JSON elements) than this is refused: ResourceExhausted.
  size_t max_entries = 5'000'000;
};

// Parses `text` in `format`. Hosts that are not valid public domain names (no public suffix,
// "localhost", "0.0.0.0", bare IPs in a hosts file's host column) are errors or skips as
// documented per format. InvalidArgument for input that is not the format at all (e.g. not JSON
// for a JSON format), with the reason. Thread-safe. Speed target: a 1,000,000-line hosts file
// in well under 5 s on one core (the whole import, store included, must take <= 10 s).
base::Result<ParsedFeed> ParseFeed(ImportFormat format, std::string_view text,
                                   const ParseOptions& options = {});

}  // namespace binhyen::exchange
