#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"

// Host helpers shared by url.cc, domain.cc, ip.cc and email.cc: IP address parsing and
// formatting, IDNA (libidn2) and public suffix (libpsl) queries, host name validation.
// All functions are thread-safe (pure, or reading immutable function-local statics).
namespace binhyen::indicator::internal {

// Parses an IPv4 address in any form inet_aton(3) and Safe Browsing accept: one to four parts
// separated by '.', each decimal, octal (leading 0) or hexadecimal (0x); the last part fills the
// remaining bytes ("192.168.1" = 192.168.0.1, "3232235777" = 192.168.1.1). Returns nullopt when
// `s` is not such an address (a part out of range, a bad digit, empty parts, > 4 parts).
std::optional<uint32_t> ParseIpv4(std::string_view s);

// Appends "a.b.c.d" for the host-order address `ip` to `out`.
void AppendIpv4(uint32_t ip, std::string* out);

// True when `ip` (host order) is not a globally routable unicast address: RFC 1918, loopback,
// link-local, CGNAT (100.64/10), "this network" (0/8), documentation and benchmarking ranges,
// IETF protocol assignments (192.0.0/24), multicast and reserved (224/3), broadcast.
bool IsNonPublicIpv4(uint32_t ip);

// Parses an IPv6 address (inet_pton(3) syntax, no brackets, no zone). Returns nullopt when
// invalid.
std::optional<std::array<uint8_t, 16>> ParseIpv6(std::string_view s);

// RFC 5952 text form (lower case, longest zero run compressed) of `ip`.
std::string FormatIpv6(const std::array<uint8_t, 16>& ip);

// True for ::, ::1, fe80::/10, fc00::/7, ff00::/8, 2001:db8::/32, and IPv4-mapped addresses
// whose IPv4 part is non-public.
bool IsNonPublicIpv6(const std::array<uint8_t, 16>& ip);

// UTS-46 (non-transitional, NFC input) conversion of a UTF-8 host to A-labels with libidn2.
// Returns nullopt when libidn2 rejects the input (invalid UTF-8, disallowed code points...).
std::optional<std::string> HostToAscii(std::string_view utf8_host);

// U-label form of an A-label host for display. Returns nullopt when a label is not valid
// punycode.
std::optional<std::string> HostToUnicode(std::string_view ascii_host);

// True when some label of `host` starts with "xn--" (any case).
bool HasPunycodeLabel(std::string_view host);

// Checks that `host` (lower-case ASCII, no trailing dot, not an IP) is a usable domain name:
// labels of [a-z0-9_-], 1..63 bytes, total <= 253, at least two labels, a non-numeric last label
// that the public suffix list knows (no implicit "*" rule), and valid punycode in xn-- labels.
// Returns InvalidArgument with a one-line reason otherwise.
base::Status ValidateHostName(std::string_view host);

// The registrable domain (public suffix + one label) of a canonical host per libpsl, or "" when
// the host is itself a public suffix, an IP, or unknown.
std::string RegistrableDomainOf(std::string_view host);

}  // namespace binhyen::indicator::internal
