// The DNS-level export formats: hosts, RPZ, AdGuard/adblock, dnsmasq and Unbound.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "exchange/internal/export_common.h"

namespace binhyen::exchange::internal {
namespace {

// The comment block at the top of every DNS list: what it is, its version and where it is from.
std::string Preamble(const ExportInput& input, std::string_view comment, std::string_view format,
                     size_t count) {
  std::string out;
  auto line = [&](std::string_view key, std::string_view value) {
    out.append(comment).append(" ").append(key).append(": ").append(value).append("\n");
  };
  line("Title",
       input.publisher + " – danh sách chặn lừa đảo đã xác minh (" + std::string(format) + ")");
  line("Version", std::to_string(input.version));
  line("Updated", base::FormatRfc3339(input.generated_at));
  if (!input.base_url.empty()) line("Homepage", input.base_url);
  line("Entries", std::to_string(count));
  return out;
}

// True when `name` (one passthru host) lies under one of the listed (sorted) hosts, i.e. a
// format whose block rule covers subdomains needs an explicit exception for it.
bool UnderListedHost(std::string_view name, const std::vector<std::string>& sorted_hosts) {
  for (std::string_view rest = name; !rest.empty();) {
    const size_t dot = rest.find('.');
    if (dot == std::string_view::npos) break;
    rest = rest.substr(dot + 1);
    if (std::binary_search(sorted_hosts.begin(), sorted_hosts.end(), rest)) return true;
  }
  return false;
}

// The RPZ trigger name of an IP address (RFC draft-vixie-dnsop-dns-rpz, "rpz-ip"), without the
// zone: "32.4.3.2.1.rpz-ip" for 1.2.3.4, "128.1.zz.db8.2001.rpz-ip" for 2001:db8::1. "" when
// `ip` is neither a dotted IPv4 nor an RFC 5952 IPv6 address.
std::string RpzIpTrigger(std::string_view ip) {
  std::vector<std::string_view> parts;
  auto split = [&](std::string_view s, char sep) {
    std::vector<std::string_view> out;
    size_t start = 0;
    for (size_t i = 0; i <= s.size(); ++i) {
      if (i == s.size() || s[i] == sep) {
        out.push_back(s.substr(start, i - start));
        start = i + 1;
      }
    }
    return out;
  };
  std::string out;
  if (ip.find(':') == std::string_view::npos) {
    parts = split(ip, '.');
    if (parts.size() != 4) return "";
    out = "32";
  } else {
    if (ip.find('.') != std::string_view::npos) return "";  // IPv4-mapped: not written
    const size_t gap = ip.find("::");
    if (gap == std::string_view::npos) {
      parts = split(ip, ':');
    } else {
      if (gap > 0) parts = split(ip.substr(0, gap), ':');
      parts.push_back("zz");
      if (gap + 2 < ip.size()) {
        for (std::string_view p : split(ip.substr(gap + 2), ':')) parts.push_back(p);
      }
    }
    out = "128";
  }
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
    if (it->empty()) return "";
    out.append(".").append(*it);
  }
  return out + ".rpz-ip";
}

}  // namespace

base::Result<std::string> RenderHosts(const ExportInput& input) {
  const DnsPlan plan = PlanDns(input);
  std::string out = Preamble(input, "#", "hosts", plan.hosts.size());
  for (const std::string& host : plan.hosts) out.append("0.0.0.0 ").append(host).append("\n");
  return out;
}

base::Result<std::string> RenderRpz(const ExportInput& input) {
  const std::string& zone = input.zone;
  if (zone.size() < 2 || zone.back() != '.' ||
      !IsPlainDnsName(std::string_view(zone).substr(0, zone.size() - 1))) {
    return base::InvalidArgumentError("rpz zone must be a DNS name ending in '.': '" + zone + "'");
  }
  if (input.version < 0) return base::InvalidArgumentError("export version must be >= 0");
  const DnsPlan plan = PlanDns(input);
  // "*." + name + "." + zone must fit in 253 presentation characters (255 wire octets).
  auto fits = [&](std::string_view name) { return 2 + name.size() + zone.size() <= 253; };
  std::string body;
  size_t count = 0;
  for (const std::string& host : plan.hosts) {
    if (!fits(host)) continue;
    body.append(host).append(" CNAME .\n*.").append(host).append(" CNAME .\n");
    ++count;
  }
  for (const std::string& ip : plan.ips) {
    const std::string trigger = RpzIpTrigger(ip);
    if (trigger.empty()) continue;
    body.append(trigger).append(" CNAME .\n");
    ++count;
  }
  for (const std::string& name : plan.passthru) {
    if (!fits(name)) continue;
    body.append(name)
        .append(" CNAME rpz-passthru.\n*.")
        .append(name)
        .append(" CNAME rpz-passthru.\n");
  }
  const uint64_t serial = static_cast<uint64_t>(input.version) % (uint64_t{1} << 32);
  std::string out = Preamble(input, ";", "rpz", count);
  out.append("$ORIGIN ").append(zone).append("\n$TTL 300\n");
  out.append("@ IN SOA localhost. hostmaster.localhost. ")
      .append(std::to_string(serial))
      .append(" 3600 600 604800 300\n@ IN NS localhost.\n");
  return out + body;
}

base::Result<std::string> RenderAdguard(const ExportInput& input) {
  const DnsPlan plan = PlanDns(input);
  std::string rules;
  size_t count = 0;
  for (const std::string& host : plan.hosts) {
    rules.append("||").append(host).append("^\n");
    ++count;
  }
  for (const std::string& ip : plan.ips) {
    if (ip.find(':') != std::string::npos) continue;  // "||[v6]^" is not a network rule
    rules.append("||").append(ip).append("^\n");
    ++count;
  }
  for (const std::string& name : plan.passthru) {
    if (UnderListedHost(name, plan.hosts)) rules.append("@@||").append(name).append("^\n");
  }
  return Preamble(input, "!", "adguard", count) + rules;
}

base::Result<std::string> RenderDnsmasq(const ExportInput& input) {
  const DnsPlan plan = PlanDns(input);
  std::string out = Preamble(input, "#", "dnsmasq", plan.hosts.size());
  for (const std::string& host : plan.hosts) out.append("address=/").append(host).append("/#\n");
  for (const std::string& name : plan.passthru) {
    if (UnderListedHost(name, plan.hosts)) out.append("server=/").append(name).append("/#\n");
  }
  return out;
}

base::Result<std::string> RenderUnbound(const ExportInput& input) {
  const DnsPlan plan = PlanDns(input);
  std::string out = Preamble(input, "#", "unbound", plan.hosts.size());
  for (const std::string& host : plan.hosts) {
    out.append("local-zone: \"").append(host).append("\" always_nxdomain\n");
  }
  for (const std::string& name : plan.passthru) {
    if (UnderListedHost(name, plan.hosts)) {
      out.append("local-zone: \"").append(name).append("\" always_transparent\n");
    }
  }
  return out;
}

}  // namespace binhyen::exchange::internal
