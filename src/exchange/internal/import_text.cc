// Line-based formats: plain lists, hosts files, adblock/AdGuard rules, RPZ zones and the
// dnsmasq, Unbound and BIND configuration forms of blocklists.
#include <array>
#include <string>
#include <vector>

#include "base/strings.h"
#include "exchange/internal/import_parsers.h"

namespace binhyen::exchange::internal {
namespace {

// Splits `line` at ASCII whitespace, up to a '#' that starts a token (a comment).
std::vector<std::string_view> Tokens(std::string_view line) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && base::IsAsciiSpace(line[i])) ++i;
    if (i >= line.size() || line[i] == '#') break;
    size_t start = i;
    while (i < line.size() && !base::IsAsciiSpace(line[i])) ++i;
    out.push_back(line.substr(start, i - start));
  }
  return out;
}

bool IsIpToken(std::string_view t) {
  if (t.empty()) return false;
  bool v4 = true;
  bool v6 = t.find(':') != std::string_view::npos;
  for (char c : t) {
    v4 = v4 && (base::IsAsciiDigit(c) || c == '.');
    v6 = v6 && (base::IsAsciiDigit(c) || c == ':' || c == '.' || c == '%' || base::IsAsciiAlpha(c));
  }
  return v4 || v6;
}

// Names every stock hosts file carries for the machine itself.
bool IsHostsBoilerplate(std::string_view host) {
  static constexpr std::array<std::string_view, 13> kNames = {
      "localhost",     "localhost.localdomain", "local",        "broadcasthost",
      "ip6-localhost", "ip6-loopback",          "ip6-localnet", "ip6-mcastprefix",
      "ip6-allnodes",  "ip6-allrouters",        "ip6-allhosts", "0.0.0.0",
      "localdomain"};
  for (std::string_view name : kNames) {
    if (base::EqualsIgnoreAsciiCase(host, name)) return true;
  }
  return false;
}

// One hosts-file line ("IP host [host...]" or a bare host).
base::Status HostsLine(size_t n, std::string_view line, FeedBuilder& b) {
  std::vector<std::string_view> tokens = Tokens(line);
  if (tokens.empty()) {
    b.Skip();
    return base::Status::Ok();
  }
  if (!IsIpToken(tokens[0])) {
    if (tokens.size() == 1) return b.AddHost(tokens[0], "", n);
    return b.Error(n, "expected 'IP host...': " + Quote(line));
  }
  bool any = false;
  for (size_t i = 1; i < tokens.size(); ++i) {
    if (IsHostsBoilerplate(tokens[i]) || tokens[i] == tokens[0]) continue;
    any = true;
    BINHYEN_RETURN_IF_ERROR(b.AddHost(tokens[i], "", n));
  }
  if (!any) b.Skip();
  return base::Status::Ok();
}

bool HasOption(std::string_view options, std::string_view name) {
  for (std::string_view opt : base::Split(options, ',')) {
    opt = base::TrimAscii(opt);
    if (opt == name || opt.substr(0, name.size() + 1) == std::string(name) + "=") return true;
  }
  return false;
}

// Network rule options that make a "||host^" rule conditional or not a block at all.
bool HasConditionalOption(std::string_view options) {
  static constexpr std::array<std::string_view, 11> kConditional = {
      "badfilter", "denyallow", "client",      "dnstype", "dnsrewrite", "ctag",
      "domain",    "redirect",  "removeparam", "csp",     "replace"};
  for (std::string_view name : kConditional) {
    if (HasOption(options, name)) return true;
  }
  return false;
}

base::Status AdblockRule(size_t n, std::string_view rule, FeedBuilder& b) {
  std::string_view body = rule.substr(2);
  std::string_view options;
  if (size_t dollar = body.find('$'); dollar != std::string_view::npos) {
    options = body.substr(dollar + 1);
    body = body.substr(0, dollar);
  }
  if (HasConditionalOption(options) || body.find('*') != std::string_view::npos) {
    b.Skip();
    return base::Status::Ok();
  }
  while (!body.empty() && (body.back() == '^' || body.back() == '|')) body.remove_suffix(1);
  size_t end = body.find_first_of("/^|:");
  if (end == std::string_view::npos) return b.AddHost(body, "", n, /*allow_ip=*/true);
  if (body[end] == '/') return b.AddUrl(body, "", n);
  if (body[end] == ':') return b.AddUrl(body, "", n);  // host:port
  b.Skip();                                            // "||a^b": not a plain host rule
  return base::Status::Ok();
}

base::Status AdblockLine(size_t n, std::string_view line, FeedBuilder& b) {
  line = base::TrimAscii(line);
  if (line.empty() || line[0] == '!' || line[0] == '[' || line[0] == '#' ||
      line.substr(0, 2) == "@@") {
    b.Skip();
    return base::Status::Ok();
  }
  for (std::string_view cosmetic : {"##", "#@#", "#?#", "#$#", "#%#", "$$"}) {
    if (line.find(cosmetic) != std::string_view::npos) {
      b.Skip();
      return base::Status::Ok();
    }
  }
  if (line.substr(0, 2) == "||") return AdblockRule(n, line, b);
  if (line[0] == '|' && line.find("://") != std::string_view::npos) {
    std::string_view url = line.substr(1);
    while (!url.empty() && (url.back() == '^' || url.back() == '|')) url.remove_suffix(1);
    return b.AddUrl(url, "", n);
  }
  std::vector<std::string_view> tokens = Tokens(line);
  if (tokens.size() >= 2 && IsIpToken(tokens[0])) return HostsLine(n, line, b);
  bool plain_host = tokens.size() == 1;
  for (char c : line) {
    plain_host = plain_host && (base::IsAsciiAlnum(c) || c == '.' || c == '-' || c == '_');
  }
  if (plain_host) return b.AddHost(line, "", n, /*allow_ip=*/true);
  b.Skip();  // generic (path, regex, element) rules are of no interest
  return base::Status::Ok();
}

// ---- RPZ --------------------------------------------------------------------------------------

struct RpzState {
  std::string origin;  // lower case, with trailing dot; "" when unknown
  bool in_parens = false;
};

bool IsRpzTriggerName(std::string_view name) {
  for (std::string_view label : {"rpz-ip", "rpz-nsdname", "rpz-nsip", "rpz-client-ip"}) {
    if (name.find(label) != std::string_view::npos) return true;
  }
  return false;
}

// `name` (lower case) relative to the zone: an absolute name under `origin` loses it, any other
// absolute name loses its trailing dot.
std::string_view RelativeName(std::string_view name, std::string_view origin) {
  if (name.empty() || name.back() != '.') return name;
  if (!origin.empty() && name.size() > origin.size() + 1 &&
      name.substr(name.size() - origin.size()) == origin &&
      name[name.size() - origin.size() - 1] == '.') {
    return name.substr(0, name.size() - origin.size() - 1);
  }
  return name.substr(0, name.size() - 1);
}

base::Status RpzLine(size_t n, std::string_view line, RpzState& st, FeedBuilder& b) {
  if (size_t semi = line.find(';'); semi != std::string_view::npos) line = line.substr(0, semi);
  if (st.in_parens) {
    if (line.find(')') != std::string_view::npos) st.in_parens = false;
    b.Skip();
    return base::Status::Ok();
  }
  if (line.find('(') != std::string_view::npos && line.find(')') == std::string_view::npos) {
    st.in_parens = true;
  }
  std::vector<std::string_view> t = Tokens(line);
  if (t.empty() || base::IsAsciiSpace(line[0]) || t[0] == "@") {
    b.Skip();
    return base::Status::Ok();
  }
  if (t[0][0] == '$') {
    if (base::EqualsIgnoreAsciiCase(t[0], "$ORIGIN") && t.size() >= 2) {
      st.origin = base::AsciiLower(t[1]);
      if (st.origin.back() != '.') st.origin.push_back('.');
    }
    b.Skip();
    return base::Status::Ok();
  }
  size_t i = 1;
  while (i < t.size() && (base::IsAsciiDigit(t[i][0]) || base::EqualsIgnoreAsciiCase(t[i], "IN"))) {
    ++i;
  }
  if (i >= t.size()) return b.Error(n, "RPZ record without a type: " + Quote(line));
  std::string type = base::AsciiLower(t[i]);
  std::string target = i + 1 < t.size() ? base::AsciiLower(t[i + 1]) : "";
  std::string name = base::AsciiLower(t[0]);
  if (type == "soa" || type == "ns" || IsRpzTriggerName(name) ||
      (type == "cname" && target.substr(0, 12) == "rpz-passthru")) {
    b.Skip();
    return base::Status::Ok();
  }
  std::string_view host = RelativeName(name, st.origin);
  if (host.substr(0, 2) == "*.") host.remove_prefix(2);
  return b.AddHost(host, "", n);
}

// The text between the first pair of double quotes, or the second token when unquoted.
std::string_view QuotedOrToken(std::string_view rest) {
  size_t q = rest.find('"');
  if (q != std::string_view::npos) {
    size_t e = rest.find('"', q + 1);
    if (e != std::string_view::npos) return rest.substr(q + 1, e - q - 1);
  }
  std::vector<std::string_view> t = Tokens(rest);
  return t.empty() ? std::string_view() : t[0];
}

std::string_view DropTrailingDot(std::string_view s) {
  if (!s.empty() && s.back() == '.') s.remove_suffix(1);
  return s;
}

}  // namespace

base::Status ParsePlain(std::string_view text, std::string_view category, FeedBuilder& builder) {
  return ForEachLine(text, builder, [&](size_t n, std::string_view line) {
    line = base::TrimAscii(line);
    if (size_t hash = line.find(" #"); hash != std::string_view::npos) {
      line = base::TrimAscii(line.substr(0, hash));
    }
    if (line.empty() || line[0] == '#' || line[0] == '!') {
      builder.Skip();
      return base::Status::Ok();
    }
    return builder.AddGuess(line, category, n);
  });
}

base::Status ParseHosts(std::string_view text, FeedBuilder& builder) {
  return ForEachLine(text, builder,
                     [&](size_t n, std::string_view line) { return HostsLine(n, line, builder); });
}

base::Status ParseAdblock(std::string_view text, FeedBuilder& builder) {
  return ForEachLine(text, builder, [&](size_t n, std::string_view line) {
    return AdblockLine(n, line, builder);
  });
}

base::Status ParseRpz(std::string_view text, FeedBuilder& builder) {
  RpzState state;
  return ForEachLine(text, builder, [&](size_t n, std::string_view line) {
    return RpzLine(n, line, state, builder);
  });
}

base::Status ParseDnsmasq(std::string_view text, FeedBuilder& builder) {
  return ForEachLine(text, builder, [&](size_t n, std::string_view line) -> base::Status {
    line = base::TrimAscii(line);
    size_t eq = line.find("=/");
    std::string_view key = eq == std::string_view::npos ? "" : line.substr(0, eq);
    if (key != "address" && key != "server" && key != "local") {
      builder.Skip();
      return base::Status::Ok();
    }
    std::vector<std::string_view> parts = base::Split(line.substr(eq + 2), '/');
    // address=/a/b/0.0.0.0 -> hosts a, b; server=/a/1.2.3.4 forwards (not a block).
    std::string_view upstream = parts.back();
    if (key == "server" && !upstream.empty()) {
      builder.Skip();
      return base::Status::Ok();
    }
    parts.pop_back();
    if (parts.empty()) return builder.Error(n, "dnsmasq rule without a host: " + Quote(line));
    for (std::string_view host : parts) {
      BINHYEN_RETURN_IF_ERROR(builder.AddHost(DropTrailingDot(host), "", n));
    }
    return base::Status::Ok();
  });
}

base::Status ParseUnbound(std::string_view text, FeedBuilder& builder) {
  return ForEachLine(text, builder, [&](size_t n, std::string_view line) -> base::Status {
    line = base::TrimAscii(line);
    constexpr std::string_view kKey = "local-zone:";
    if (line.substr(0, kKey.size()) != kKey) {
      builder.Skip();
      return base::Status::Ok();
    }
    std::string_view rest = line.substr(kKey.size());
    std::string_view zone = QuotedOrToken(rest);
    std::vector<std::string_view> t = Tokens(rest);
    std::string type = t.size() < 2 ? "" : base::AsciiLower(t.back());
    if (type == "transparent" || type == "typetransparent" || type == "inform" ||
        type == "always_transparent" || type == "nodefault") {
      builder.Skip();
      return base::Status::Ok();
    }
    if (zone.empty()) return builder.Error(n, "local-zone without a name: " + Quote(line));
    return builder.AddHost(DropTrailingDot(zone), "", n);
  });
}

base::Status ParseBind(std::string_view text, FeedBuilder& builder) {
  return ForEachLine(text, builder, [&](size_t n, std::string_view line) -> base::Status {
    line = base::TrimAscii(line);
    if (line.substr(0, 5) != "zone " && line.substr(0, 5) != "zone\t") {
      builder.Skip();
      return base::Status::Ok();
    }
    std::string_view zone = QuotedOrToken(line.substr(5));
    if (zone.empty()) return builder.Error(n, "zone statement without a name: " + Quote(line));
    return builder.AddHost(DropTrailingDot(zone), "", n);
  });
}

}  // namespace binhyen::exchange::internal
