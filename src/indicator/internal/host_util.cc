#include "indicator/internal/host_util.h"

#include <arpa/inet.h>
#include <idn2.h>
#include <libpsl.h>

#include <cstdlib>
#include <cstring>

#include "base/strings.h"

namespace binhyen::indicator::internal {
namespace {

// The public suffix list: the distribution's file when present (kept current by the
// `publicsuffix` package), else the copy compiled into libpsl. Loaded once and read-only after,
// so sharing it between threads is safe.
const psl_ctx_t* Psl() {
  static const psl_ctx_t* const kPsl = [] {
    const psl_ctx_t* ctx = psl_latest(nullptr);
    return ctx != nullptr ? ctx : psl_builtin();
  }();
  return kPsl;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// One inet_aton part: decimal, octal (leading 0) or hex (0x). Values above 2^32 fail early.
std::optional<uint64_t> ParseIpv4Part(std::string_view part) {
  if (part.empty()) return std::nullopt;
  int base = 10;
  if (part.size() >= 2 && part[0] == '0' && (part[1] == 'x' || part[1] == 'X')) {
    base = 16;
    part.remove_prefix(2);
    if (part.empty()) return std::nullopt;
  } else if (part.size() >= 2 && part[0] == '0') {
    base = 8;
    part.remove_prefix(1);
  }
  uint64_t value = 0;
  for (char c : part) {
    int d = HexValue(c);
    if (d < 0 || d >= base) return std::nullopt;
    value = value * static_cast<uint64_t>(base) + static_cast<uint64_t>(d);
    if (value > 0xFFFFFFFFull) return std::nullopt;
  }
  return value;
}

bool InPrefix(uint32_t ip, uint32_t prefix, int bits) {
  uint32_t mask = bits == 0 ? 0 : ~uint32_t{0} << (32 - bits);
  return (ip & mask) == (prefix & mask);
}

constexpr uint32_t Ip(uint32_t a, uint32_t b, uint32_t c, uint32_t d) {
  return (a << 24) | (b << 16) | (c << 8) | d;
}

}  // namespace

std::optional<uint32_t> ParseIpv4(std::string_view s) {
  if (s.empty() || s.size() > 64) return std::nullopt;
  uint64_t parts[4];
  size_t n = 0;
  size_t start = 0;
  while (true) {
    size_t dot = s.find('.', start);
    std::string_view part = s.substr(start, dot == std::string_view::npos ? s.npos : dot - start);
    if (n == 4) return std::nullopt;
    std::optional<uint64_t> v = ParseIpv4Part(part);
    if (!v) return std::nullopt;
    parts[n++] = *v;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  uint32_t ip = 0;
  for (size_t i = 0; i + 1 < n; ++i) {
    if (parts[i] > 255) return std::nullopt;
    ip |= static_cast<uint32_t>(parts[i]) << (24 - 8 * i);
  }
  uint64_t last_max = n == 1 ? 0xFFFFFFFFull : (uint64_t{1} << (8 * (5 - n))) - 1;
  if (parts[n - 1] > last_max) return std::nullopt;
  return ip | static_cast<uint32_t>(parts[n - 1]);
}

void AppendIpv4(uint32_t ip, std::string* out) {
  for (int i = 3; i >= 0; --i) {
    unsigned byte = (ip >> (8 * i)) & 0xFF;
    if (byte >= 100) out->push_back(static_cast<char>('0' + byte / 100));
    if (byte >= 10) out->push_back(static_cast<char>('0' + byte / 10 % 10));
    out->push_back(static_cast<char>('0' + byte % 10));
    if (i != 0) out->push_back('.');
  }
}

bool IsNonPublicIpv4(uint32_t ip) {
  return InPrefix(ip, Ip(0, 0, 0, 0), 8) || InPrefix(ip, Ip(10, 0, 0, 0), 8) ||
         InPrefix(ip, Ip(100, 64, 0, 0), 10) || InPrefix(ip, Ip(127, 0, 0, 0), 8) ||
         InPrefix(ip, Ip(169, 254, 0, 0), 16) || InPrefix(ip, Ip(172, 16, 0, 0), 12) ||
         InPrefix(ip, Ip(192, 0, 0, 0), 24) || InPrefix(ip, Ip(192, 0, 2, 0), 24) ||
         InPrefix(ip, Ip(192, 168, 0, 0), 16) || InPrefix(ip, Ip(198, 18, 0, 0), 15) ||
         InPrefix(ip, Ip(198, 51, 100, 0), 24) || InPrefix(ip, Ip(203, 0, 113, 0), 24) ||
         InPrefix(ip, Ip(224, 0, 0, 0), 3);
}

std::optional<std::array<uint8_t, 16>> ParseIpv6(std::string_view s) {
  char buf[INET6_ADDRSTRLEN + 1];
  if (s.empty() || s.size() >= sizeof(buf)) return std::nullopt;
  std::memcpy(buf, s.data(), s.size());
  buf[s.size()] = '\0';
  std::array<uint8_t, 16> ip{};
  if (inet_pton(AF_INET6, buf, ip.data()) != 1) return std::nullopt;
  return ip;
}

std::string FormatIpv6(const std::array<uint8_t, 16>& ip) {
  char buf[INET6_ADDRSTRLEN];
  // glibc's inet_ntop follows RFC 5952: lower case, no leading zeros, the longest run of two or
  // more zero groups (the first on a tie) written as "::", IPv4-mapped in dotted form.
  if (inet_ntop(AF_INET6, ip.data(), buf, sizeof(buf)) == nullptr) return std::string();
  return std::string(buf);
}

bool IsNonPublicIpv6(const std::array<uint8_t, 16>& ip) {
  bool first10_zero = true;
  for (int i = 0; i < 10; ++i) first10_zero = first10_zero && ip[i] == 0;
  if (first10_zero && ip[10] == 0xFF && ip[11] == 0xFF) {
    return IsNonPublicIpv4(Ip(ip[12], ip[13], ip[14], ip[15]));
  }
  bool first15_zero =
      first10_zero && ip[10] == 0 && ip[11] == 0 && ip[12] == 0 && ip[13] == 0 && ip[14] == 0;
  if (first15_zero && ip[15] <= 1) return true;              // :: and ::1
  if (ip[0] == 0xFE && (ip[1] & 0xC0) == 0x80) return true;  // fe80::/10 link-local
  if ((ip[0] & 0xFE) == 0xFC) return true;                   // fc00::/7 unique local
  if (ip[0] == 0xFF) return true;                            // ff00::/8 multicast
  if (ip[0] == 0x20 && ip[1] == 0x01 && ip[2] == 0x0D && ip[3] == 0xB8) return true;  // doc
  return false;
}

std::optional<std::string> HostToAscii(std::string_view utf8_host) {
  std::string input(utf8_host);
  char* output = nullptr;
  int rc = idn2_to_ascii_8z(input.c_str(), &output, IDN2_NONTRANSITIONAL | IDN2_NFC_INPUT);
  if (rc != IDN2_OK || output == nullptr) {
    idn2_free(output);
    return std::nullopt;
  }
  std::string result(output);
  idn2_free(output);
  base::AsciiLowerInPlace(result);
  return result;
}

std::optional<std::string> HostToUnicode(std::string_view ascii_host) {
  std::string input(ascii_host);
  char* output = nullptr;
  int rc = idn2_to_unicode_8z8z(input.c_str(), &output, 0);
  if (rc != IDN2_OK || output == nullptr) {
    idn2_free(output);
    return std::nullopt;
  }
  std::string result(output);
  idn2_free(output);
  return result;
}

bool HasPunycodeLabel(std::string_view host) {
  size_t start = 0;
  while (start <= host.size()) {
    size_t dot = host.find('.', start);
    std::string_view label = host.substr(start, dot == host.npos ? host.npos : dot - start);
    if (label.size() >= 4 && base::EqualsIgnoreAsciiCase(label.substr(0, 4), "xn--")) return true;
    if (dot == host.npos) break;
    start = dot + 1;
  }
  return false;
}

base::Status ValidateHostName(std::string_view host) {
  if (host.empty()) return base::InvalidArgumentError("empty host name");
  if (host.size() > 253) return base::InvalidArgumentError("host name longer than 253 bytes");
  size_t labels = 0;
  size_t start = 0;
  std::string_view last;
  while (true) {
    size_t dot = host.find('.', start);
    std::string_view label = host.substr(start, dot == host.npos ? host.npos : dot - start);
    if (label.empty()) return base::InvalidArgumentError("host name has an empty label");
    if (label.size() > 63) return base::InvalidArgumentError("host label longer than 63 bytes");
    for (char c : label) {
      if (!(base::IsAsciiDigit(c) || (c >= 'a' && c <= 'z') || c == '-' || c == '_')) {
        return base::InvalidArgumentError("host name has invalid characters");
      }
    }
    ++labels;
    last = label;
    if (dot == host.npos) break;
    start = dot + 1;
  }
  if (labels < 2) return base::InvalidArgumentError("single-label host name");
  bool numeric = true;
  for (char c : last) numeric = numeric && base::IsAsciiDigit(c);
  if (numeric) return base::InvalidArgumentError("numeric top-level domain");
  std::string tld(last);
  if (psl_is_public_suffix2(Psl(), tld.c_str(), PSL_TYPE_ANY | PSL_TYPE_NO_STAR_RULE) != 1) {
    return base::InvalidArgumentError("top-level domain '" + tld +
                                      "' is not in the public suffix list");
  }
  if (HasPunycodeLabel(host)) {
    // libidn2 decodes any punycode; a valid A-label is one that survives the round trip.
    std::optional<std::string> unicode = HostToUnicode(host);
    std::optional<std::string> ascii = unicode ? HostToAscii(*unicode) : std::nullopt;
    if (!ascii || *ascii != host) {
      return base::InvalidArgumentError("host has an invalid punycode (xn--) label");
    }
  }
  return base::Status::Ok();
}

std::string RegistrableDomainOf(std::string_view host) {
  if (host.empty() || ParseIpv4(host) || host.front() == '[') return std::string();
  std::string h(host);
  const char* rd = psl_registrable_domain(Psl(), h.c_str());
  return rd != nullptr ? std::string(rd) : std::string();
}

}  // namespace binhyen::indicator::internal
