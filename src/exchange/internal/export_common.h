#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "exchange/export_formats.h"

// Helpers shared by the export renderers (export_formats.cc, export_dns.cc, export_stix.cc,
// export_misp.cc). Pure functions; thread-safe.
namespace binhyen::exchange::internal {

// SHA-1 of `data` (RFC 3174). Only for UUIDv5 (RFC 4122 requires it); never for security.
std::array<uint8_t, 20> Sha1(std::string_view data);

// MD5 of `data` as 32 lower-case hex digits (RFC 1321). Only for the MISP feed's hashes.csv,
// whose format requires it; never for security.
std::string Md5Hex(std::string_view data);

// RFC 4122 version-5 UUID of `name` in the 16-byte `name_space`, lower-case "8-4-4-4-12".
std::string UuidV5(const std::array<uint8_t, 16>& name_space, std::string_view name);

// The entries of `input` sorted by (kind, canonical), repeated pairs dropped (first kept).
std::vector<const ExportEntry*> SortedEntries(const ExportInput& input);

// "2026-11-28T22:13:22.000Z": RFC 3339 UTC with milliseconds (STIX requires them).
std::string FormatRfc3339Millis(base::TimePoint t);

// Seconds since the Unix epoch (floor).
int64_t UnixSeconds(base::TimePoint t);

// The RPZ / DNS formats: the DNS-level entries after the passthru rule.
struct DnsPlan {
  std::vector<std::string> hosts;     // listed domains, sorted, unique
  std::vector<std::string> ips;       // listed IPs (canonical), sorted, unique
  std::vector<std::string> passthru;  // valid passthru names, sorted, unique
};
DnsPlan PlanDns(const ExportInput& input);

// True when `name` is a presentation-format DNS name we can write unescaped: labels of
// [a-z0-9_-], 1..63 bytes each, total <= 253, no leading/trailing dot.
bool IsPlainDnsName(std::string_view name);

// True when `host` equals `parent` or is a subdomain of it.
bool IsSameOrSubdomain(std::string_view host, std::string_view parent);

// Renders per format (export_dns.cc, export_stix.cc, export_misp.cc).
base::Result<std::string> RenderHosts(const ExportInput& input);
base::Result<std::string> RenderRpz(const ExportInput& input);
base::Result<std::string> RenderAdguard(const ExportInput& input);
base::Result<std::string> RenderDnsmasq(const ExportInput& input);
base::Result<std::string> RenderUnbound(const ExportInput& input);
base::Result<std::string> RenderStix(const ExportInput& input);
base::Result<std::string> RenderMisp(const ExportInput& input);

}  // namespace binhyen::exchange::internal
