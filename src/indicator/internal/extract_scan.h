#pragma once

// The candidate finder of Extract (indicator/extract.h): one pass over the bytes of a text that
// finds the spans that may be indicators, without calling any canonicaliser.
//
// What it finds:
//  * links: a host of two labels or more, optionally preceded by a scheme ("https://",
//    "hxxps://", "h**p[:]//") and followed by a port and a path. Hosts may be defanged ("[.]",
//    "(.)", "{.}", "[dot]", "(dot)", "{dot}", " (.) ", and spaces around a dot when the label
//    after it is the last one and a common scam TLD (IsSpacedTld): "ehoaq. com",
//    "shopee-thuong . vn"). Labels may
//    hold non-ASCII letters (IDN look-alikes: "vietcombánk.vn"). Trailing punctuation is left out.
//  * emails: "local@host", also "local[at]host" / "local(at)host" / "local[@]host".
//  * numbers: runs of digit groups that may be a phone number or a bank account ("0912.345.678",
//    "+84 912 345 678", "(028) 3822 1234", "1903 6666 888"). Groups are joined by one separator
//    (' ', '.' or '-'), the same one throughout. Dates ("12.05.2024", "2024-05-12"), amounts with
//    thousands separators ("500.000", "1,080,096.50"), numbers glued to letters ("5tr", "500k",
//    "SPX123456789") or to '#', '$', '/', ':' ("#123456", "$1,000", "12/05/2024") are dropped.
//
// The rule against Vietnamese (and English) words glued by a dot ("đi.về", "ban.co", "toi.la",
// "di.me", "ok.call"), for a link WITHOUT scheme, port or path:
//  1. the top-level label must be ASCII letters (2..24) or an "xn--" A-label;
//  2. it is accepted when that TLD is in a short list of TLDs that are not common Vietnamese
//     syllables or English words and that dominate scam reports (com, net, org, vn, top, xyz,
//     info, online, site, shop...: see IsStrongTld);
//  3. any other TLD (co, la, me, in, it, is, so, to, how, zip, love...) needs a second signal: a
//     first label "www", a hyphen in a label before the TLD, a defang marker, or a well-known
//     short host (bit.ly, t.me, zalo.me, fb.me, ...). Digits and three labels are not signals:
//     English SMS glue "2day.love", "2.IM", "K.k.how".
// A link with a scheme, a port or a path needs only rule 1 (the canonicaliser then checks the
// public suffix list). Whether a TLD is real is not decided here: the canonicalisers do that.
//
// Thread safety: pure functions.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace binhyen::indicator::internal {

enum class CandidateKind {
  kLink,    // url, domain, ip or social
  kEmail,   // email
  kNumber,  // phone or bank account (decided with the context, see extract_number.h)
};

// A run of digits of a number candidate: [start, end) in the text.
struct DigitGroup {
  size_t start = 0;
  size_t end = 0;
};

struct Candidate {
  CandidateKind kind = CandidateKind::kLink;
  size_t start = 0;  // byte offsets into the text: [start, end)
  size_t end = 0;

  // kLink / kEmail.
  std::string host;     // refanged host: labels joined by '.', original case and bytes
  std::string cleaned;  // refanged form for a canonicaliser: "http://host:port/path?q", the
                        // host alone (no scheme/port/path), or "local@host"
  bool has_scheme = false;
  bool has_path = false;  // a port, path, query or fragment follows the host
  bool host_is_ipv4 = false;
  bool defanged = false;

  // kNumber.
  bool plus = false;               // starts with '+'
  bool paren = false;              // starts with a parenthesised area code "(028)"
  char separator = 0;              // between the groups after "(..)": ' ', '.', '-' or 0
  std::vector<DigitGroup> groups;  // at least one; the area code is groups[0] when paren
};

// Finds the candidates of `text`, in order of start, without overlaps. Accepts any bytes:
// invalid UTF-8 is a boundary between words, never part of a candidate.
std::vector<Candidate> ScanCandidates(std::string_view text);

// True for the code points that make words and host labels: ASCII letters and digits, and the
// non-ASCII letters of Latin (with Vietnamese), Greek and Cyrillic, and combining marks.
bool IsWordCodePoint(char32_t c);

// True for the top-level labels accepted without a second signal (rule 2 above). `tld` is
// compared ASCII-case-insensitively.
bool IsStrongTld(std::string_view tld);

// True for the lower-case top-level labels allowed after a dot with spaces ("ehoaq. com"): a
// shorter list than IsStrongTld, without English words ("rays. cloud", "ok. online").
bool IsSpacedTld(std::string_view tld);

}  // namespace binhyen::indicator::internal
