#include "indicator/url.h"

#include <cstring>
#include <optional>

#include "base/strings.h"
#include "indicator/internal/host_refang.h"
#include "indicator/internal/host_util.h"

namespace binhyen::indicator {
namespace {

constexpr size_t kMaxUrlBytes = size_t{64} * 1024;
constexpr char kHexUpper[] = "0123456789ABCDEF";

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Writes `in` without TAB/CR/LF and percent-unescaped until nothing changes. "%XX" sequences
// cannot overlap, so unescaping is confluent: decoding at the end of the output as soon as a
// sequence appears there (the decoded byte may complete an earlier one) gives the same result as
// repeated whole-string passes, in linear time.
void UnescapeInto(std::string_view in, std::string* out) {
  bool plain = true;
  for (char c : in) plain = plain && c != '%' && c != '\t' && c != '\r' && c != '\n';
  if (plain) {
    out->assign(in);
    return;
  }
  out->clear();
  for (char c : in) {
    if (c == '\t' || c == '\r' || c == '\n') continue;
    out->push_back(c);
    for (size_t n = out->size(); n >= 3 && (*out)[n - 3] == '%'; n = out->size()) {
      int hi = HexValue((*out)[n - 2]);
      int lo = HexValue((*out)[n - 1]);
      if (hi < 0 || lo < 0) break;
      out->resize(n - 3);
      out->push_back(static_cast<char>(hi * 16 + lo));
    }
  }
}

inline bool NeedsEscape(unsigned char c) { return c <= 0x20 || c >= 0x7f || c == '#' || c == '%'; }

void AppendEscaped(std::string_view in, std::string* out) {
  size_t i = 0;
  while (i < in.size()) {
    size_t j = i;
    while (j < in.size() && !NeedsEscape(static_cast<unsigned char>(in[j]))) ++j;
    out->append(in.data() + i, j - i);
    if (j == in.size()) break;
    unsigned char c = static_cast<unsigned char>(in[j]);
    out->push_back('%');
    out->push_back(kHexUpper[c >> 4]);
    out->push_back(kHexUpper[c & 15]);
    i = j + 1;
  }
}

bool IsSchemeChar(char c) {
  return base::IsAsciiAlnum(c) || c == '+' || c == '-' || c == '.' || c == '*';
}

// Recognises the scheme at the start of the unescaped URL. Sets `*https` and returns the offset
// where the authority starts. A missing scheme means http; "host:port" is not a scheme.
base::Result<size_t> ParseScheme(std::string_view s, bool* https) {
  *https = false;
  size_t i = 0;
  while (i < s.size() && IsSchemeChar(s[i])) ++i;
  size_t sep = 0;
  if (i < s.size() && s[i] == ':') {
    sep = 1;
  } else if (s.substr(i, 3) == "[:]") {
    sep = 3;
  }
  size_t rest = 0;
  if (i > 0 && sep > 0 && base::IsAsciiAlpha(s[0])) {
    char token[8];
    if (i <= 5) {
      for (size_t k = 0; k < i; ++k) token[k] = base::AsciiToLower(s[k]);
    }
    std::string_view t(token, i <= 5 ? i : 0);
    if (t == "http" || t == "hxxp" || t == "h**p" || t == "hxxps" || t == "https" || t == "h**ps") {
      *https = t.size() == 5;
      rest = i + sep;
      while (rest < s.size() && s[rest] == '/') ++rest;
      return rest;
    }
    size_t k = i + sep;
    while (k < s.size() && base::IsAsciiDigit(s[k])) ++k;
    bool is_port = k > i + sep && (k == s.size() || s[k] == '/' || s[k] == '?');
    bool looks_like_host = s.substr(0, i).find('.') != std::string_view::npos;
    if (!is_port && !looks_like_host) {
      std::string name = base::AsciiLower(s.substr(0, std::min<size_t>(i, 24)));
      return base::InvalidArgumentError("unsupported URL scheme '" + name +
                                        "' (only http and https)");
    }
  }
  if (s.substr(0, 2) == "//") {
    while (rest < s.size() && s[rest] == '/') ++rest;
  }
  return rest;
}

base::Status CheckPort(std::string_view port) {
  if (port.size() > 5) return base::InvalidArgumentError("bad port in URL");
  unsigned value = 0;
  for (char c : port) {
    if (!base::IsAsciiDigit(c)) return base::InvalidArgumentError("bad port in URL");
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  if (value > 65535) return base::InvalidArgumentError("bad port in URL (above 65535)");
  return base::Status::Ok();
}

// Lower-cases ASCII, strips leading and trailing dots and collapses runs of dots.
void NormalizeDots(std::string_view host, std::string* out) {
  out->clear();
  for (char c : host) {
    if (c == '.') {
      if (!out->empty() && out->back() != '.') out->push_back('.');
    } else {
      out->push_back(base::AsciiToLower(c));
    }
  }
  if (!out->empty() && out->back() == '.') out->pop_back();
}

// True when `host` is made of [a-z0-9._-] only.
bool IsPlainHost(std::string_view host) {
  for (char c : host) {
    if (!(base::IsAsciiDigit(c) || (c >= 'a' && c <= 'z') || c == '.' || c == '-' || c == '_')) {
      return false;
    }
  }
  return true;
}

bool HasHighByte(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  }
  return false;
}

// Appends the canonical path: "." and ".." resolved, empty segments dropped, a trailing '/'
// kept when the input ended with '/', "/." or "/..".
void AppendCanonicalPath(std::string_view path, std::string* spec) {
  const size_t begin = spec->size();
  spec->push_back('/');
  bool trailing = false;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      trailing = true;
      continue;
    }
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    std::string_view seg = path.substr(i, j - i);
    i = j;
    if (seg == ".") {
      trailing = true;
      continue;
    }
    if (seg == "..") {
      // spec ends with '/': drop the last segment, never the leading '/'.
      if (spec->size() > begin + 1) {
        size_t slash = spec->rfind('/', spec->size() - 2);
        spec->resize(slash + 1);
      }
      trailing = true;
      continue;
    }
    AppendEscaped(seg, spec);
    spec->push_back('/');
    trailing = false;
  }
  if (!trailing && spec->size() > begin + 1) spec->pop_back();
}

}  // namespace

base::Status CanonicalizeUrlInto(std::string_view input, CanonicalUrl* out) {
  out->spec_.clear();
  // On any error, leave an empty spec so that stale offsets are never used.
  struct ClearOnError {
    std::string* spec;
    bool ok = false;
    ~ClearOnError() {
      if (!ok) spec->clear();
    }
  } guard{&out->spec_};
  if (input.size() > kMaxUrlBytes) return base::InvalidArgumentError("URL longer than 64 KiB");
  input = base::TrimAscii(input);
  if (size_t hash = input.find('#'); hash != std::string_view::npos) {
    input = input.substr(0, hash);
  }
  if (input.empty()) return base::InvalidArgumentError("empty URL");
  UnescapeInto(input, &out->unescaped_);
  std::string_view s = out->unescaped_;

  bool https = false;
  BINHYEN_ASSIGN_OR_RETURN(size_t pos, ParseScheme(s, &https));
  // (string_view::find_first_of calls memchr once per byte; a plain loop is several times
  // faster on the hot path.)
  size_t auth_end = pos;
  while (auth_end < s.size() && s[auth_end] != '/' && s[auth_end] != '?') ++auth_end;
  std::string_view authority = s.substr(pos, auth_end - pos);
  if (size_t at = authority.rfind('@'); at != std::string_view::npos) {
    authority.remove_prefix(at + 1);  // userinfo is never part of the host
  }
  std::string refanged;
  if (internal::HostMayBeDefanged(authority) && internal::RefangHost(authority, &refanged)) {
    authority = refanged;
  }

  std::string& spec = out->spec_;
  spec.append(https ? "https://" : "http://");
  out->host_begin_ = spec.size();
  out->host_is_ip_ = false;
  if (!authority.empty() && authority.front() == '[') {
    size_t close = authority.find(']');
    if (close == std::string_view::npos) {
      return base::InvalidArgumentError("unterminated IPv6 address in URL");
    }
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return base::InvalidArgumentError("bad port in URL");
      BINHYEN_RETURN_IF_ERROR(CheckPort(after.substr(1)));
    }
    auto ip = internal::ParseIpv6(authority.substr(1, close - 1));
    if (!ip) return base::InvalidArgumentError("invalid IPv6 address in URL");
    spec.push_back('[');
    spec.append(internal::FormatIpv6(*ip));
    spec.push_back(']');
    out->host_is_ip_ = true;
  } else {
    std::string_view host = authority;
    if (size_t colon = authority.find(':'); colon != std::string_view::npos) {
      BINHYEN_RETURN_IF_ERROR(CheckPort(authority.substr(colon + 1)));
      host = authority.substr(0, colon);
    }
    std::string& h = out->scratch_;
    NormalizeDots(host, &h);
    // Collapsing dots can form a new defanged dot ("[..]" -> "[.]"): repeat until stable.
    std::string host_refanged;
    while (internal::HostMayBeDefanged(h) && internal::RefangHost(h, &host_refanged)) {
      NormalizeDots(host_refanged, &h);
    }
    if (HasHighByte(h)) {
      // Only non-ASCII hosts pay for IDNA. When libidn2 refuses the name (invalid UTF-8...),
      // or maps it to something that is not a plain host (U+00A0 -> ' ', U+FF0F -> '/'), the
      // bytes stay and are escaped, as Safe Browsing does.
      std::optional<std::string> ascii = internal::HostToAscii(h);
      if (ascii && IsPlainHost(*ascii)) NormalizeDots(*ascii, &h);
    }
    if (h.empty()) return base::InvalidArgumentError("URL has no host");
    // A leading '[' would read as an IPv6 literal when the canonical URL is parsed again.
    if (h.front() == '[') return base::InvalidArgumentError("invalid IPv6 address in URL");
    if (std::optional<uint32_t> v4 = internal::ParseIpv4(h)) {
      internal::AppendIpv4(*v4, &spec);
      out->host_is_ip_ = true;
    } else {
      AppendEscaped(h, &spec);
    }
  }
  out->path_begin_ = spec.size();

  std::string_view rest = s.substr(auth_end);
  size_t q = rest.find('?');
  AppendCanonicalPath(rest.substr(0, q), &spec);
  out->query_begin_ = spec.size();
  if (q != std::string_view::npos) {
    spec.push_back('?');
    AppendEscaped(rest.substr(q + 1), &spec);
  }
  guard.ok = true;
  return base::Status::Ok();
}

void LookupExpressions(const CanonicalUrl& url, LookupExpressionList* out) {
  out->size = 0;
  const std::string_view spec = url.Spec();
  if (spec.empty()) return;
  const std::string_view host = url.Host();
  const size_t host_begin = static_cast<size_t>(host.data() - spec.data());
  const size_t path_begin = host_begin + host.size();

  // Host suffix start offsets in spec: the exact host, then the last 5..2 labels.
  size_t host_starts[5];
  size_t num_hosts = 0;
  host_starts[num_hosts++] = host_begin;
  if (!url.HostIsIp()) {
    size_t dots[5];  // positions of the last (up to) 5 dots, from the right
    size_t num_dots = 0;
    for (size_t i = host.size(); i-- > 0 && num_dots < 5;) {
      if (host[i] == '.') dots[num_dots++] = i;
    }
    // A suffix of k labels starts after dots[k - 1]. Exclude the exact host (k equal to the
    // label count) and the bare top-level label (k == 1).
    // With fewer than 5 dots the host has num_dots + 1 labels, so k <= num_dots excludes it.
    for (size_t k = num_dots; k >= 2; --k) host_starts[num_hosts++] = host_begin + dots[k - 1] + 1;
  }

  // Path prefix end offsets in spec.
  size_t path_ends[6];
  size_t num_paths = 0;
  auto add_path = [&](size_t end) {
    for (size_t i = 0; i < num_paths; ++i) {
      if (path_ends[i] == end) return;
    }
    path_ends[num_paths++] = end;
  };
  const std::string_view path = url.Path();
  if (url.HasQuery()) add_path(spec.size());
  add_path(path_begin + path.size());
  add_path(path_begin + 1);
  size_t dirs = 0;
  for (size_t i = 1; i < path.size() && dirs < 3; ++i) {
    if (path[i] == '/') {
      add_path(path_begin + i + 1);
      ++dirs;
    }
  }

  for (size_t h = 0; h < num_hosts; ++h) {
    for (size_t p = 0; p < num_paths; ++p) {
      out->items[out->size++] = spec.substr(host_starts[h], path_ends[p] - host_starts[h]);
    }
  }
}

std::vector<std::string> LookupExpressions(const CanonicalUrl& url) {
  LookupExpressionList list;
  LookupExpressions(url, &list);
  return std::vector<std::string>(list.begin(), list.end());
}

base::Status CanonicalizeValidUrlInto(std::string_view input, CanonicalUrl* out) {
  BINHYEN_RETURN_IF_ERROR(CanonicalizeUrlInto(input, out));
  if (out->HostIsIp()) return base::Status::Ok();
  base::Status host = internal::ValidateHostName(out->Host());
  if (!host.ok()) *out = CanonicalUrl();
  return host;
}

base::Result<Indicator> CanonicalizeUrl(std::string_view input) {
  CanonicalUrl url;
  BINHYEN_RETURN_IF_ERROR(CanonicalizeValidUrlInto(input, &url));
  std::string host(url.Host());
  if (url.HostIsIp() && host.front() == '[') host = host.substr(1, host.size() - 2);
  Indicator indicator;
  indicator.kind = Kind::kUrl;
  indicator.canonical = url.Spec();
  indicator.SetAttribute("registrable_domain",
                         url.HostIsIp() ? std::string() : internal::RegistrableDomainOf(host));
  indicator.SetAttribute("host", std::move(host));
  indicator.SetAttribute("scheme", std::string(url.Scheme()));
  return indicator;
}

}  // namespace binhyen::indicator
