#pragma once

#include <string_view>

#include "base/result.h"
#include "indicator/indicator.h"

namespace binhyen::indicator {

// Canonicalises `input` as an IP address indicator (kind ip).
// IPv4 in every form inet_aton(3) and Safe Browsing accept: dotted decimal, one to four parts,
// each decimal, octal (leading 0) or hex (0x): "3232235777", "0300.0250.0.1", "0xc0a80001",
// "192.168.1" (= 192.168.0.1), mixed forms. Note that a bare number ("12345") is therefore an
// IPv4 address; callers that extract from free text decide the kind before calling.
// IPv6 in inet_pton(3) syntax, optionally in brackets ("[::1]"). Defanged forms are accepted:
// "192[.]168[.]1[.]1", "10(.)0(.)0(.)1", "fe80[:]:1".
// canonical = dotted-decimal IPv4, or RFC 5952 IPv6 (lower case, "::" for the longest run of
// zero groups, IPv4-mapped as "::ffff:1.2.3.4"). Attributes: "version" ("4"/"6") and "private"
// ("true" when the address is not globally routable: RFC 1918, loopback, link-local, CGNAT,
// unique-local, documentation, multicast, reserved; else "false").
// Returns InvalidArgument with a one-line reason otherwise. Thread-safe.
base::Result<Indicator> CanonicalizeIp(std::string_view input);

}  // namespace binhyen::indicator
