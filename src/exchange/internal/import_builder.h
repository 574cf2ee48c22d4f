#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/result.h"
#include "base/status.h"
#include "exchange/import_formats.h"
#include "indicator/indicator.h"

// Shared machinery of the feed parsers (import_formats.cc): host canonicalisation with a fast
// path, the entry collector (dedupe, errors, strict mode, limits) and line splitting.
namespace binhyen::exchange::internal {

// Canonicalises host names exactly as indicator::CanonicalizeDomain does (the `canonical`
// field), with a fast path for plain lower-case ASCII names whose top-level domain is known.
// Thread safety: not thread-safe (caches top-level domains); use one per parse.
class HostCanonicalizer {
 public:
  // indicator::CanonicalizeDomain(host)->canonical, or its error.
  base::Result<std::string> Canonicalize(std::string_view host);

  // The fast path alone: the canonical name when `host` qualifies for it (lower-case a-z, 0-9,
  // '.', '-' labels, no "--" at offset 2, no leading/trailing '-', >= 2 labels, an alphabetic
  // top-level domain the public suffix list knows); "" when it does not qualify.
  std::string FastPath(std::string_view host);

 private:
  bool TldKnown(std::string_view tld);

  std::unordered_map<std::string, bool> tld_known_;
};

// Collects a feed's entries: canonicalises, removes duplicates (first kept), records errors and
// skips, enforces ParseOptions. Every Add*/Error method returns a non-ok Status only when the
// parse must stop (strict mode, limits); parsers return it as is.
// Thread safety: not thread-safe; one per parse.
class FeedBuilder {
 public:
  explicit FeedBuilder(const ParseOptions& options);
  FeedBuilder(const FeedBuilder&) = delete;
  FeedBuilder& operator=(const FeedBuilder&) = delete;

  // Call once per input line / JSON element number `line` (1-based, increasing):
  // ResourceExhausted once `line` exceeds options.max_entries.
  base::Status StartLine(size_t line);

  // A host or domain name (kind domain). Bare IPs become an error ("an IP address is not a host
  // name here") unless `allow_ip`, in which case they are added as kind ip.
  base::Status AddHost(std::string_view host, std::string_view category, size_t line,
                       bool allow_ip = false);
  // A URL (kind url).
  base::Status AddUrl(std::string_view url, std::string_view category, size_t line);
  // An IP address (kind ip); non-public addresses are errors.
  base::Status AddIp(std::string_view ip, std::string_view category, size_t line);
  // Any kind, through indicator::Canonicalize (domain/ip/url take the paths above).
  base::Status AddKind(indicator::Kind kind, std::string_view value, std::string_view category,
                       size_t line);
  // A value of a plain list: a URL when it has "://" or '/', an IP when it looks like one, a
  // domain otherwise (a leading "*." or "." is dropped).
  base::Status AddGuess(std::string_view value, std::string_view category, size_t line);

  // Records a bad line; InvalidArgument "line N: <message>" in strict mode.
  base::Status Error(size_t line, std::string message);
  void Skip() { ++feed_.skipped; }

  ParsedFeed Finish() && { return std::move(feed_); }

 private:
  // Open addressing (linear probing) over entry indices, keyed by (kind, canonical): a flat
  // table of (hash, index) so that lookups rarely touch the entries themselves.
  struct Slot {
    uint64_t hash = 0;
    uint32_t index = kEmpty;
  };
  static constexpr uint32_t kEmpty = UINT32_MAX;

  static uint64_t Hash(indicator::Kind kind, std::string_view canonical);
  void Grow();

  // Adds an already canonical entry unless it is a duplicate.
  void Push(indicator::Kind kind, std::string canonical, std::string_view category, size_t line);

  ParseOptions options_;
  ParsedFeed feed_;
  HostCanonicalizer hosts_;
  std::vector<Slot> slots_ = std::vector<Slot>(1024);
};

// Drops a leading UTF-8 byte order mark.
std::string_view StripBom(std::string_view text);

// Calls fn(line_number, line) for every line of `text` (BOM stripped, "\n" or "\r\n" endings,
// trailing '\r' removed, 1-based numbers), after builder.StartLine; stops at the first non-ok
// Status from either and returns it.
template <typename Fn>
base::Status ForEachLine(std::string_view text, FeedBuilder& builder, Fn&& fn) {
  text = StripBom(text);
  size_t number = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = end + 1;
    ++number;
    BINHYEN_RETURN_IF_ERROR(builder.StartLine(number));
    BINHYEN_RETURN_IF_ERROR(fn(number, line));
  }
  return base::Status::Ok();
}

// Quotes `s` for a one-line error message: 'abc', cut to 80 bytes (at a UTF-8 boundary, then
// "..."), control characters replaced by '?'.
std::string Quote(std::string_view s);

}  // namespace binhyen::exchange::internal
