// Fuzzes exchange::ParseFeed, the blocklist and threat-intelligence parsers behind
// `binhyen import`. The first byte picks the format (modulo their number), the rest is the
// file. Traps on a broken contract; the sanitizers catch memory errors and leaks.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "exchange/import_formats.h"

namespace {

namespace exchange = binhyen::exchange;
using binhyen::base::StatusCode;

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

constexpr exchange::ImportFormat kFormats[] = {
    exchange::ImportFormat::kPlain,       exchange::ImportFormat::kHosts,
    exchange::ImportFormat::kAdblock,     exchange::ImportFormat::kRpz,
    exchange::ImportFormat::kCsv,         exchange::ImportFormat::kUrlhausCsv,
    exchange::ImportFormat::kOpenPhish,   exchange::ImportFormat::kPhishTank,
    exchange::ImportFormat::kChongLuaDao, exchange::ImportFormat::kStix,
    exchange::ImportFormat::kMisp,        exchange::ImportFormat::kDnsmasq,
    exchange::ImportFormat::kUnbound,     exchange::ImportFormat::kBind,
};

bool OneLine(const std::string& message) {
  return !message.empty() && message.find('\n') == std::string::npos &&
         message.find('\r') == std::string::npos;
}

void CheckFeed(const exchange::ParsedFeed& feed) {
  std::set<std::pair<int, std::string>> seen;
  size_t last_line = 0;
  for (const exchange::ImportedEntry& e : feed.entries) {
    Check(e.line >= 1 && e.line >= last_line);
    last_line = e.line;
    Check(!e.canonical.empty());
    Check(seen.emplace(static_cast<int>(e.kind), e.canonical).second);  // no duplicates
  }
  last_line = 0;
  for (const exchange::LineError& err : feed.errors) {
    Check(err.line >= 1 && err.line >= last_line);
    last_line = err.line;
    Check(OneLine(err.message));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1 || size > 64 * 1024) return 0;
  const exchange::ImportFormat format = kFormats[data[0] % std::size(kFormats)];
  const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);

  const binhyen::base::Result<exchange::ParsedFeed> lenient = exchange::ParseFeed(format, input);
  if (lenient.ok()) {
    CheckFeed(*lenient);
  } else {
    Check(lenient.status().code() == StatusCode::kInvalidArgument);  // not the format at all
    Check(OneLine(lenient.status().message()));
  }

  exchange::ParseOptions strict;
  strict.strict = true;
  const binhyen::base::Result<exchange::ParsedFeed> strict_feed =
      exchange::ParseFeed(format, input, strict);
  if (strict_feed.ok()) {
    Check(lenient.ok() && lenient->errors.empty());
    Check(strict_feed->entries.size() == lenient->entries.size());
  } else {
    Check(strict_feed.status().code() == StatusCode::kInvalidArgument);
    Check(!lenient.ok() || !lenient->errors.empty());
  }

  exchange::ParseOptions small;
  small.max_entries = 3;
  const binhyen::base::Result<exchange::ParsedFeed> limited =
      exchange::ParseFeed(format, input, small);
  if (limited.ok()) {
    for (const exchange::ImportedEntry& e : limited->entries) Check(e.line <= 3);
  } else {
    Check(limited.status().code() == StatusCode::kResourceExhausted ||
          limited.status().code() == StatusCode::kInvalidArgument);
  }
  return 0;
}
