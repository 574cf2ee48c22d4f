#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"

namespace binhyen::indicator {

// What an indicator is. The names (KindName) are the wire and CLI names.
enum class Kind {
  kUrl,          // "url"
  kDomain,       // "domain"
  kIp,           // "ip"
  kPhone,        // "phone"
  kBankAccount,  // "bank_account" (CLI alias "bank")
  kEmail,        // "email"
  kSocial,       // "social"
};

inline constexpr std::array<Kind, 7> kAllKinds = {Kind::kUrl,   Kind::kDomain,      Kind::kIp,
                                                  Kind::kPhone, Kind::kBankAccount, Kind::kEmail,
                                                  Kind::kSocial};

std::string_view KindName(Kind kind);

// Accepts the names above and the aliases "bank", "account", "link", "host", "number".
std::optional<Kind> ParseKind(std::string_view name);

// A canonical indicator: the form stored, compared, looked up and published.
struct Indicator {
  Kind kind = Kind::kUrl;
  // url: Safe Browsing canonical URL ("http://vcb-xacminh.top/");
  // domain: lower-case A-label host without trailing dot ("xn--vit-...vn");
  // ip: dotted IPv4 or RFC 5952 IPv6; phone: E.164 ("+84912345678");
  // bank_account: "BIN:account" ("970436:0071000986547") or the digits alone;
  // email: "local@a-label-domain"; social: "platform:id" ("facebook:nguyenvana").
  std::string canonical;
  // Facts learned on the way, e.g. {"host", ...}, {"registrable_domain", ...},
  // {"phone_type", "mobile"}, {"carrier", "Viettel"}, {"bank", "VCB"}, {"platform", "zalo"}.
  // Keys are lower_snake_case; at most one entry per key.
  std::vector<std::pair<std::string, std::string>> attributes;

  // The value of `key`, or "" when absent.
  std::string_view Attribute(std::string_view key) const;
  void SetAttribute(std::string key, std::string value);

  friend bool operator==(const Indicator& a, const Indicator& b) {
    return a.kind == b.kind && a.canonical == b.canonical;
  }
};

// Canonicalises `input` as an indicator of `kind`. Defanged and obfuscated forms are accepted
// where the kind allows it. Returns InvalidArgument with a one-line reason (English, for logs
// and the CLI) when the input is not a valid indicator of that kind.
base::Result<Indicator> Canonicalize(Kind kind, std::string_view input);

}  // namespace binhyen::indicator
