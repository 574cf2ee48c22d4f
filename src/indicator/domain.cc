#include "indicator/domain.h"

#include "base/strings.h"
#include "indicator/internal/host_util.h"
#include "indicator/url.h"

namespace binhyen::indicator {

base::Result<Indicator> CanonicalizeDomain(std::string_view input) {
  std::string_view trimmed = base::TrimAscii(input);
  if (trimmed.empty()) return base::InvalidArgumentError("empty domain name");
  if (trimmed.find('@') != std::string_view::npos) {
    return base::InvalidArgumentError("domain name contains '@' (an email address?)");
  }
  // The URL canonicaliser already refangs, unescapes, applies IDNA and normalises dots; a bare
  // host is a URL without scheme and path.
  CanonicalUrl url;
  BINHYEN_RETURN_IF_ERROR(CanonicalizeUrlInto(trimmed, &url));
  if (url.HostIsIp()) {
    return base::InvalidArgumentError("an IP address is not a domain name (use kind ip)");
  }
  std::string host(url.Host());
  BINHYEN_RETURN_IF_ERROR(internal::ValidateHostName(host));
  Indicator indicator;
  indicator.kind = Kind::kDomain;
  indicator.SetAttribute("registrable_domain", internal::RegistrableDomainOf(host));
  if (internal::HasPunycodeLabel(host)) {
    if (auto unicode = internal::HostToUnicode(host)) indicator.SetAttribute("unicode", *unicode);
  }
  indicator.canonical = std::move(host);
  return indicator;
}

std::string RegistrableDomain(std::string_view canonical_host) {
  return internal::RegistrableDomainOf(canonical_host);
}

}  // namespace binhyen::indicator
