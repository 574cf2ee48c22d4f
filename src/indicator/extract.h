#pragma once

// Extraction of indicators (links, domains, IPs, phones, bank accounts, emails, social profiles)
// from free Vietnamese or English text: scam SMS, Zalo chats, report texts.
//
// How it works: one cheap pass over the bytes finds candidate spans (internal/extract_scan.h);
// numbers are then told apart as phone / bank account / neither from the words around them
// (internal/extract_number.h); only then are the canonicalisers of this module run, on the
// candidates alone. A candidate that its canonicaliser rejects is dropped.
//
// Thread safety: pure functions; safe to call from any number of threads.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "indicator/indicator.h"

namespace binhyen::indicator {

struct Extracted {
  Indicator indicator;  // canonical form (kind, canonical, attributes)
  std::string raw;      // the text as written, e.g. "0912.345.678" or "vcb-xacminh[.]top"
  size_t start = 0;     // byte offsets [start, end) into the input text
  size_t end = 0;
};

struct ExtractOptions {
  // The kinds to report; empty means every kind. A candidate of another kind still takes its
  // span (a URL's host is not reported as a domain when only domains are asked for).
  std::vector<Kind> kinds;
  // Stop after this many results; 0 means no limit.
  size_t max_results = 0;
};

// Finds every url, domain, ip, phone, bank_account, email and social indicator in `text`.
// Results are in order of `start`, without overlaps: a URL's host is not reported again as a
// domain, an email's domain not as a domain, a zalo.me/0912... link is one social indicator
// (not a phone and a URL). `raw` is always text.substr(start, end - start) and the canonical
// form is never empty. Accepts any bytes: invalid UTF-8 never crashes, offsets refer to the
// original bytes.
//
// What is found, and the rules that keep words, amounts and dates out, are described in
// internal/extract_scan.h and internal/extract_number.h. In short: links with or without scheme
// (defanged forms too), scheme-less names only with a real public-suffix TLD and, for TLDs that
// are also Vietnamese syllables or English words ("co", "la", "me"), a second signal; Vietnamese
// phone numbers (mobile always; landline, 1800/1900 and foreign "+" numbers when written with
// separators or next to "SĐT", "hotline", "gọi", "Zalo"...); bank accounts next to a bank name
// or "STK" / "số tài khoản" / "TK"; never amounts, dates, times, OTP codes, order numbers or
// CCCD/CMND numbers.
std::vector<Extracted> Extract(std::string_view text, const ExtractOptions& options);
std::vector<Extracted> Extract(std::string_view text);

}  // namespace binhyen::indicator
