#include "exchange/internal/import_builder.h"

#include <utility>

#include "base/strings.h"
#include "indicator/domain.h"
#include "indicator/ip.h"

namespace binhyen::exchange::internal {
namespace {

bool IsLowerAlpha(char c) { return c >= 'a' && c <= 'z'; }

// True when `value` looks like an IPv4 (digits and dots only) or IPv6 (hex digits and colons,
// at least two colons) address rather than a host name.
bool LooksLikeIp(std::string_view value) {
  if (!value.empty() && value.front() == '[') return true;
  bool ipv4 = !value.empty();
  size_t colons = 0;
  bool ipv6 = !value.empty();
  for (char c : value) {
    if (c == ':') ++colons;
    ipv4 = ipv4 && (base::IsAsciiDigit(c) || c == '.');
    ipv6 = ipv6 && (base::IsAsciiDigit(c) || c == ':' || c == '.' || (c >= 'a' && c <= 'f') ||
                    (c >= 'A' && c <= 'F'));
  }
  return ipv4 || (ipv6 && colons >= 2);
}

}  // namespace

std::string Quote(std::string_view s) {
  constexpr size_t kMax = 80;
  bool cut = s.size() > kMax;
  if (cut) {
    size_t end = kMax;
    // Never cut a UTF-8 sequence in two.
    while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
    s = s.substr(0, end);
  }
  std::string out = "'";
  for (char c : s) {
    // Messages are one line: control characters are shown as '?'.
    out.push_back(static_cast<unsigned char>(c) < 0x20 || c == 0x7F ? '?' : c);
  }
  if (cut) out.append("...");
  out.push_back('\'');
  return out;
}

std::string_view StripBom(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  return text;
}

// ---- HostCanonicalizer ------------------------------------------------------------------------

bool HostCanonicalizer::TldKnown(std::string_view tld) {
  std::string key(tld);
  auto it = tld_known_.find(key);
  if (it != tld_known_.end()) return it->second;
  // A probe name under the TLD goes the slow path: it succeeds exactly when libpsl knows it.
  bool known = indicator::CanonicalizeDomain("a." + key).ok();
  tld_known_.emplace(std::move(key), known);
  return known;
}

std::string HostCanonicalizer::FastPath(std::string_view host) {
  if (host.size() < 3 || host.size() > 253) return {};
  size_t label_start = 0;
  size_t labels = 0;
  for (size_t i = 0; i <= host.size(); ++i) {
    if (i < host.size() && host[i] != '.') {
      char c = host[i];
      if (!(IsLowerAlpha(c) || base::IsAsciiDigit(c) || c == '-')) return {};
      continue;
    }
    size_t len = i - label_start;
    if (len == 0 || len > 63) return {};
    if (host[label_start] == '-' || host[i - 1] == '-') return {};
    if (len >= 4 && host[label_start + 2] == '-' && host[label_start + 3] == '-') return {};
    ++labels;
    label_start = i + 1;
  }
  if (labels < 2) return {};
  std::string_view tld = host.substr(host.rfind('.') + 1);
  if (tld.size() < 2) return {};
  for (char c : tld) {
    if (!IsLowerAlpha(c)) return {};
  }
  if (!TldKnown(tld)) return {};
  return std::string(host);
}

base::Result<std::string> HostCanonicalizer::Canonicalize(std::string_view host) {
  std::string fast = FastPath(host);
  if (!fast.empty()) return fast;
  BINHYEN_ASSIGN_OR_RETURN(indicator::Indicator ind, indicator::CanonicalizeDomain(host));
  return std::move(ind.canonical);
}

// ---- FeedBuilder ------------------------------------------------------------------------------

FeedBuilder::FeedBuilder(const ParseOptions& options) : options_(options) {}

uint64_t FeedBuilder::Hash(indicator::Kind kind, std::string_view canonical) {
  // FNV-1a over the kind and the bytes, then a final mix (splitmix64) for the low bits.
  uint64_t h = 0xcbf29ce484222325ull ^ static_cast<uint64_t>(kind);
  for (char c : canonical) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ull;
  }
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ull;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebull;
  return h ^ (h >> 31);
}

void FeedBuilder::Grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.size() * 2, Slot{});
  const size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.index == kEmpty) continue;
    size_t i = s.hash & mask;
    while (slots_[i].index != kEmpty) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

base::Status FeedBuilder::StartLine(size_t line) {
  if (line > options_.max_entries) {
    return base::ResourceExhaustedError(
        "the feed has more than " + std::to_string(options_.max_entries) + " lines or elements");
  }
  return base::Status::Ok();
}

void FeedBuilder::Push(indicator::Kind kind, std::string canonical, std::string_view category,
                       size_t line) {
  if ((feed_.entries.size() + 1) * 2 > slots_.size()) Grow();
  const uint64_t hash = Hash(kind, canonical);
  const size_t mask = slots_.size() - 1;
  size_t i = hash & mask;
  for (; slots_[i].index != kEmpty; i = (i + 1) & mask) {
    if (slots_[i].hash != hash) continue;
    const ImportedEntry& e = feed_.entries[slots_[i].index];
    if (e.kind == kind && e.canonical == canonical) return;  // a duplicate: the first is kept
  }
  slots_[i] = Slot{.hash = hash, .index = static_cast<uint32_t>(feed_.entries.size())};
  feed_.entries.push_back(ImportedEntry{.kind = kind,
                                        .canonical = std::move(canonical),
                                        .category = std::string(category),
                                        .line = line});
}

base::Status FeedBuilder::Error(size_t line, std::string message) {
  if (options_.strict) {
    return base::InvalidArgumentError("line " + std::to_string(line) + ": " + message);
  }
  feed_.errors.push_back(LineError{.line = line, .message = std::move(message)});
  return base::Status::Ok();
}

base::Status FeedBuilder::AddHost(std::string_view host, std::string_view category, size_t line,
                                  bool allow_ip) {
  if (LooksLikeIp(host)) {
    if (allow_ip) return AddIp(host, category, line);
    return Error(line, "an IP address is not a host name here: " + Quote(host));
  }
  base::Result<std::string> canonical = hosts_.Canonicalize(host);
  if (!canonical.ok()) {
    return Error(line,
                 "not a valid host: " + Quote(host) + " (" + canonical.status().message() + ")");
  }
  Push(indicator::Kind::kDomain, std::move(canonical).value(), category, line);
  return base::Status::Ok();
}

base::Status FeedBuilder::AddIp(std::string_view ip, std::string_view category, size_t line) {
  base::Result<indicator::Indicator> ind = indicator::CanonicalizeIp(ip);
  if (!ind.ok()) {
    return Error(line,
                 "not a valid IP address: " + Quote(ip) + " (" + ind.status().message() + ")");
  }
  if (ind->Attribute("private") == "true") {
    return Error(line, "not a public IP address: " + Quote(ip));
  }
  Push(indicator::Kind::kIp, std::move(ind->canonical), category, line);
  return base::Status::Ok();
}

base::Status FeedBuilder::AddUrl(std::string_view url, std::string_view category, size_t line) {
  base::Result<indicator::Indicator> ind = indicator::Canonicalize(indicator::Kind::kUrl, url);
  if (!ind.ok()) {
    return Error(line, "not a valid URL: " + Quote(url) + " (" + ind.status().message() + ")");
  }
  Push(indicator::Kind::kUrl, std::move(ind->canonical), category, line);
  return base::Status::Ok();
}

base::Status FeedBuilder::AddKind(indicator::Kind kind, std::string_view value,
                                  std::string_view category, size_t line) {
  switch (kind) {
    case indicator::Kind::kDomain: return AddHost(value, category, line);
    case indicator::Kind::kIp: return AddIp(value, category, line);
    case indicator::Kind::kUrl: return AddUrl(value, category, line);
    default: break;
  }
  base::Result<indicator::Indicator> ind = indicator::Canonicalize(kind, value);
  if (!ind.ok()) {
    return Error(line, "not a valid " + std::string(indicator::KindName(kind)) + ": " +
                           Quote(value) + " (" + ind.status().message() + ")");
  }
  Push(kind, std::move(ind->canonical), category, line);
  return base::Status::Ok();
}

base::Status FeedBuilder::AddGuess(std::string_view value, std::string_view category, size_t line) {
  if (value.find("://") != std::string_view::npos || value.find('/') != std::string_view::npos) {
    return AddUrl(value, category, line);
  }
  if (LooksLikeIp(value)) return AddIp(value, category, line);
  if (value.substr(0, 2) == "*.") value.remove_prefix(2);
  if (value.substr(0, 1) == ".") value.remove_prefix(1);
  return AddHost(value, category, line);
}

}  // namespace binhyen::exchange::internal
