#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "indicator/indicator.h"

namespace binhyen::indicator {

// URL canonicalisation exactly as Google Safe Browsing v4 "URLs and Hashing" specifies it, plus
// what real reports need on top:
//   * defanged input: "hxxp://", "hxxps", "h**p", "[:]", and in the host "[.]", "(.)", "{.}",
//     "[dot]", "(dot)", "{dot}", " dot ", spaces around dots ("ehoaq. com");
//   * IDN hosts become A-labels (UTS-46 non-transitional, libidn2): "vietcombánk.vn" ->
//     "xn--vietcombnk-...vn". Bytes >= 0x80 elsewhere (a Vietnamese path) stay UTF-8 and are
//     percent-escaped as Safe Browsing does;
//   * only http and https are accepted: another explicit scheme (javascript:, data:, file:,
//     ftp:, mailto:) is rejected; a missing scheme means http. The scheme is kept (https stays
//     https), lower-cased.
//   * userinfo, up to the last '@' of the authority, is dropped ("http://vietcombank.com.vn@
//     evil.top/" has host "evil.top"); the port is dropped after it is checked (1..5 digits,
//     <= 65535, or empty).
// The Safe Browsing steps: strip leading/trailing white space, remove TAB/CR/LF, cut the fragment
// at the first '#', percent-unescape repeatedly until nothing changes, then parse; host: strip
// leading/trailing dots, collapse runs of dots, decode any IPv4 form (decimal, octal, hex, fewer
// than four parts) to dotted decimal, lower-case; path: resolve "." and ".." segments, collapse
// "//"; the query is kept as is; finally percent-escape bytes <= 0x20, >= 0x7f, '#' and '%'
// (upper-case hex). A '\' is an ordinary character, as in Google's reference client.

// A canonical URL: `Spec()` is the whole canonical URL ("https://host/path?query"), with views of
// its parts. Reuse one object across calls: CanonicalizeUrlInto keeps its buffers, so plain
// ASCII URLs are canonicalised without heap allocation once the buffers have grown.
// Thread safety: a value type; confine to one thread.
class CanonicalUrl {
 public:
  const std::string& Spec() const { return spec_; }
  std::string_view Scheme() const { return std::string_view(spec_).substr(0, host_begin_ - 3); }
  // The canonical host: lower-case A-labels, dotted-decimal IPv4, or "[v6]" (RFC 5952).
  std::string_view Host() const {
    return std::string_view(spec_).substr(host_begin_, path_begin_ - host_begin_);
  }
  // The path, always starting with '/', without the query.
  std::string_view Path() const {
    return std::string_view(spec_).substr(path_begin_, query_begin_ - path_begin_);
  }
  // True when the URL has a '?' (possibly followed by an empty query).
  bool HasQuery() const { return query_begin_ < spec_.size(); }
  // The query without its '?'; empty when absent.
  std::string_view Query() const {
    return HasQuery() ? std::string_view(spec_).substr(query_begin_ + 1) : std::string_view();
  }
  // Path plus "?query" when present: everything after the host.
  std::string_view PathAndQuery() const { return std::string_view(spec_).substr(path_begin_); }
  bool HostIsIp() const { return host_is_ip_; }

 private:
  friend base::Status CanonicalizeUrlInto(std::string_view input, CanonicalUrl* out);

  std::string spec_;
  size_t host_begin_ = 0;
  size_t path_begin_ = 0;
  size_t query_begin_ = 0;
  bool host_is_ip_ = false;
  std::string unescaped_;  // scratch: the input after unescaping
  std::string scratch_;    // scratch: host work
};

// Fast Safe Browsing canonicalisation (the API of the reputation index and the benchmark).
// Writes the canonical URL into `*out`, reusing its buffers. The host is not checked against the
// public suffix list and may hold any bytes (escaped), exactly as Safe Browsing allows
// ("http://\x01\x80.com/" -> "http://%01%80.com/"). Returns InvalidArgument with a one-line
// reason for: an empty input, an input over 64 KiB, a scheme other than http/https, no host,
// a bad port, an invalid bracketed IPv6 literal. On error `out->Spec()` is empty (and
// LookupExpressions gives no expression). Thread-safe for distinct `out` objects.
base::Status CanonicalizeUrlInto(std::string_view input, CanonicalUrl* out);

// CanonicalizeUrlInto plus the host checks of CanonicalizeUrl (a name host must end in a real
// public-suffix TLD, with valid punycode): exactly the inputs CanonicalizeUrl accepts, with
// `out->Spec()` its canonical form, for a lookup that needs no attributes (the check API).
base::Status CanonicalizeValidUrlInto(std::string_view input, CanonicalUrl* out);

// The Safe Browsing suffix/prefix expressions of a canonical URL ("host/path", no scheme):
// hosts = the exact host, then up to 4 hosts formed from the last five labels by removing leading
// labels, never the bare top-level label (an IP host gives the exact host only); paths = the
// exact path with the query (when there is a '?'), the exact path, then "/" and up to three
// more prefixes "/a/", "/a/b/", "/a/b/c/" (directories only). Duplicates are removed. Order: host
// from most to least specific, and for each host the paths in the order above.
// Every expression is a substring of url.Spec() (a host suffix followed by a prefix of
// PathAndQuery()), so the list holds views into `url` and allocates nothing: it is valid until
// `url` is next modified or destroyed.
struct LookupExpressionList {
  static constexpr size_t kMaxExpressions = 30;  // 5 hosts x 6 paths
  std::array<std::string_view, kMaxExpressions> items;
  size_t size = 0;

  const std::string_view* begin() const { return items.data(); }
  const std::string_view* end() const { return items.data() + size; }
};
void LookupExpressions(const CanonicalUrl& url, LookupExpressionList* out);

// Convenience copy of the above, for callers that want owned strings.
std::vector<std::string> LookupExpressions(const CanonicalUrl& url);

// Canonicalises `input` as a URL indicator (kind url): CanonicalizeUrlInto, then the host must be
// an IP address or a valid domain name (see CanonicalizeDomain: labels of [a-z0-9_-], <= 63
// bytes, <= 253 in total, two labels or more, a top-level domain in the public suffix list).
// canonical = the Safe Browsing canonical URL; attributes "host", "registrable_domain" (libpsl;
// empty for IPs and for hosts that are public suffixes), "scheme" ("http"/"https").
// Returns InvalidArgument with a one-line reason otherwise.
base::Result<Indicator> CanonicalizeUrl(std::string_view input);

}  // namespace binhyen::indicator
