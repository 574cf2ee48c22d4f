#include "indicator/ip.h"

#include <string>

#include "base/strings.h"
#include "indicator/internal/host_refang.h"
#include "indicator/internal/host_util.h"

namespace binhyen::indicator {

base::Result<Indicator> CanonicalizeIp(std::string_view input) {
  std::string_view s = base::TrimAscii(input);
  if (s.empty()) return base::InvalidArgumentError("empty IP address");
  if (s.size() > 256) return base::InvalidArgumentError("IP address too long");
  std::string refanged;
  if (internal::HostMayBeDefanged(s) && internal::RefangHost(s, &refanged)) s = refanged;
  if (s.size() >= 2 && s.front() == '[' && s.back() == ']') s = s.substr(1, s.size() - 2);

  Indicator indicator;
  indicator.kind = Kind::kIp;
  if (s.find(':') != std::string_view::npos) {
    auto v6 = internal::ParseIpv6(s);
    if (!v6) return base::InvalidArgumentError("not a valid IPv6 address");
    indicator.canonical = internal::FormatIpv6(*v6);
    indicator.SetAttribute("version", "6");
    indicator.SetAttribute("private", internal::IsNonPublicIpv6(*v6) ? "true" : "false");
    return indicator;
  }
  auto v4 = internal::ParseIpv4(s);
  if (!v4) return base::InvalidArgumentError("not a valid IPv4 address");
  internal::AppendIpv4(*v4, &indicator.canonical);
  indicator.SetAttribute("version", "4");
  indicator.SetAttribute("private", internal::IsNonPublicIpv4(*v4) ? "true" : "false");
  return indicator;
}

}  // namespace binhyen::indicator
