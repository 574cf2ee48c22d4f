#include "exchange/import_formats.h"

#include <array>
#include <utility>

#include "base/strings.h"
#include "exchange/internal/import_builder.h"
#include "exchange/internal/import_parsers.h"

namespace binhyen::exchange {
namespace {

constexpr std::array<std::pair<ImportFormat, std::string_view>, 14> kNames = {{
    {ImportFormat::kPlain, "plain"},
    {ImportFormat::kHosts, "hosts"},
    {ImportFormat::kAdblock, "adblock"},
    {ImportFormat::kRpz, "rpz"},
    {ImportFormat::kCsv, "csv"},
    {ImportFormat::kUrlhausCsv, "urlhaus"},
    {ImportFormat::kOpenPhish, "openphish"},
    {ImportFormat::kPhishTank, "phishtank"},
    {ImportFormat::kChongLuaDao, "chongluadao"},
    {ImportFormat::kStix, "stix"},
    {ImportFormat::kMisp, "misp"},
    {ImportFormat::kDnsmasq, "dnsmasq"},
    {ImportFormat::kUnbound, "unbound"},
    {ImportFormat::kBind, "bind"},
}};

// PhishTank publishes the same records as CSV and JSON: the first significant byte decides.
bool LooksLikeJson(std::string_view text) {
  text = base::TrimAscii(internal::StripBom(text));
  return !text.empty() && (text[0] == '[' || text[0] == '{');
}

base::Status Dispatch(ImportFormat format, std::string_view text, internal::FeedBuilder& b) {
  switch (format) {
    case ImportFormat::kPlain: return internal::ParsePlain(text, "", b);
    case ImportFormat::kHosts: return internal::ParseHosts(text, b);
    case ImportFormat::kAdblock: return internal::ParseAdblock(text, b);
    case ImportFormat::kRpz: return internal::ParseRpz(text, b);
    case ImportFormat::kCsv: return internal::ParseCsv(text, b);
    case ImportFormat::kUrlhausCsv: return internal::ParseUrlhausCsv(text, b);
    case ImportFormat::kOpenPhish: return internal::ParsePlain(text, "phishing", b);
    case ImportFormat::kPhishTank:
      return LooksLikeJson(text) ? internal::ParsePhishTankJson(text, b)
                                 : internal::ParsePhishTankCsv(text, b);
    case ImportFormat::kChongLuaDao: return internal::ParseChongLuaDao(text, b);
    case ImportFormat::kStix: return internal::ParseStix(text, b);
    case ImportFormat::kMisp: return internal::ParseMisp(text, b);
    case ImportFormat::kDnsmasq: return internal::ParseDnsmasq(text, b);
    case ImportFormat::kUnbound: return internal::ParseUnbound(text, b);
    case ImportFormat::kBind: return internal::ParseBind(text, b);
  }
  return base::InvalidArgumentError("unknown import format");
}

}  // namespace

std::string_view ImportFormatName(ImportFormat f) {
  for (const auto& [format, name] : kNames) {
    if (format == f) return name;
  }
  return "unknown";
}

std::optional<ImportFormat> ParseImportFormat(std::string_view name) {
  std::string lower = base::AsciiLower(base::TrimAscii(name));
  if (lower == "adguard") return ImportFormat::kAdblock;
  for (const auto& [format, format_name] : kNames) {
    if (format_name == lower) return format;
  }
  return std::nullopt;
}

base::Result<ParsedFeed> ParseFeed(ImportFormat format, std::string_view text,
                                   const ParseOptions& options) {
  internal::FeedBuilder builder(options);
  BINHYEN_RETURN_IF_ERROR(Dispatch(format, text, builder));
  return std::move(builder).Finish();
}

}  // namespace binhyen::exchange
