#include "exchange/export_formats.h"

#include <array>
#include <utility>

#include "base/status.h"
#include "exchange/internal/export_common.h"

namespace binhyen::exchange {
namespace {

using indicator::Kind;

struct FormatInfo {
  ExportFormat format;
  std::string_view name;
  std::string_view media_type;
};

constexpr std::array<FormatInfo, 9> kFormats = {{
    {ExportFormat::kHosts, "hosts", "text/plain; charset=utf-8"},
    {ExportFormat::kRpz, "rpz", "text/dns; charset=utf-8"},
    {ExportFormat::kPlain, "plain", "text/plain; charset=utf-8"},
    {ExportFormat::kCsv, "csv", "text/csv; charset=utf-8; header=present"},
    {ExportFormat::kStix, "stix", "application/stix+json;version=2.1"},
    {ExportFormat::kMisp, "misp", "application/json"},
    {ExportFormat::kAdguard, "adguard", "text/plain; charset=utf-8"},
    {ExportFormat::kDnsmasq, "dnsmasq", "text/plain; charset=utf-8"},
    {ExportFormat::kUnbound, "unbound", "text/plain; charset=utf-8"},
}};

const FormatInfo& Info(ExportFormat format) {
  for (const FormatInfo& info : kFormats) {
    if (info.format == format) return info;
  }
  return kFormats[0];  // unreachable: every enumerator is in the table
}

// RFC 4180: a field with a comma, quote, CR or LF is quoted, quotes doubled.
void AppendCsvField(std::string& out, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out.append(field);
    return;
  }
  out.push_back('"');
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

std::string RenderPlain(const ExportInput& input) {
  std::string out;
  for (const ExportEntry* e : internal::SortedEntries(input)) {
    if (e->kind != Kind::kUrl && e->kind != Kind::kDomain && e->kind != Kind::kIp) continue;
    if (e->canonical.find_first_of("\r\n") != std::string::npos) continue;
    out.append(e->canonical).append("\n");
  }
  return out;
}

std::string RenderCsv(const ExportInput& input) {
  std::string out = "kind,value,category,severity,first_seen,last_seen,expires_at,warning_url\r\n";
  for (const ExportEntry* e : internal::SortedEntries(input)) {
    const std::string fields[] = {
        std::string(indicator::KindName(e->kind)),
        e->canonical,
        e->category,
        e->severity,
        base::FormatRfc3339(e->first_seen),
        base::FormatRfc3339(e->last_seen),
        e->expires_at ? base::FormatRfc3339(*e->expires_at) : std::string(),
        e->warning_url,
    };
    for (size_t i = 0; i < std::size(fields); ++i) {
      if (i > 0) out.push_back(',');
      AppendCsvField(out, fields[i]);
    }
    out.append("\r\n");
  }
  return out;
}

}  // namespace

std::string_view ExportFormatName(ExportFormat format) { return Info(format).name; }

std::optional<ExportFormat> ParseExportFormat(std::string_view name) {
  if (name == "adblock") return ExportFormat::kAdguard;
  for (const FormatInfo& info : kFormats) {
    if (info.name == name) return info.format;
  }
  return std::nullopt;
}

std::string_view ExportMediaType(ExportFormat format) { return Info(format).media_type; }

std::string ExchangeUuid(std::string_view name) {
  // UUIDv5(NAMESPACE_URL, "https://binhyen.vn/ns/exchange").
  static constexpr std::array<uint8_t, 16> kNamespace = {0xe3, 0xe6, 0xd1, 0xd4, 0x89, 0xc5,
                                                         0x51, 0x40, 0xac, 0x2d, 0x41, 0xd6,
                                                         0x4c, 0x90, 0x60, 0x5f};
  return internal::UuidV5(kNamespace, name);
}

base::Result<std::string> Render(ExportFormat format, const ExportInput& input) {
  if (input.version < 0) return base::InvalidArgumentError("export version must be >= 0");
  switch (format) {
    case ExportFormat::kHosts: return internal::RenderHosts(input);
    case ExportFormat::kRpz: return internal::RenderRpz(input);
    case ExportFormat::kPlain: return RenderPlain(input);
    case ExportFormat::kCsv: return RenderCsv(input);
    case ExportFormat::kStix: return internal::RenderStix(input);
    case ExportFormat::kMisp: return internal::RenderMisp(input);
    case ExportFormat::kAdguard: return internal::RenderAdguard(input);
    case ExportFormat::kDnsmasq: return internal::RenderDnsmasq(input);
    case ExportFormat::kUnbound: return internal::RenderUnbound(input);
  }
  return base::InvalidArgumentError("unknown export format");
}

}  // namespace binhyen::exchange
