#pragma once

#include <string>
#include <string_view>

#include "base/result.h"
#include "indicator/indicator.h"

namespace binhyen::indicator {

// Canonicalises `input` as a domain name indicator (kind domain).
// Accepts a bare host ("Vietcombank.com.vn."), a defanged one ("evil[.]top", "evil(dot)top",
// "ehoaq. com"), an IDN in Unicode ("vietcombánk.vn") and, for convenience, a URL or host:port,
// of which only the host is kept ("https://evil.top/login" -> "evil.top").
// canonical = the host in lower case, IDN labels as A-labels (UTS-46 non-transitional with NFC
// input, libidn2), no trailing dot. Attributes: "registrable_domain" (libpsl; empty when the
// name is itself a public suffix) and, when some label is an IDN, "unicode" (the U-label form,
// for display only).
// Returns InvalidArgument with a one-line reason for: empty input, an IP address (use kind ip),
// an input with '@' (an email address), a single-label name, a label over 63 bytes, a name over
// 253 bytes, characters outside [a-z0-9_-] after IDNA, invalid punycode, a top-level domain that
// the public suffix list does not know. Thread-safe.
base::Result<Indicator> CanonicalizeDomain(std::string_view input);

// The registrable domain ("eTLD+1", libpsl) of a canonical host: "a.b.example.com.vn" ->
// "example.com.vn". Returns "" for an IP, a public suffix itself, or an empty host.
// Thread-safe.
std::string RegistrableDomain(std::string_view canonical_host);

}  // namespace binhyen::indicator
