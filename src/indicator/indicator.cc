#include "indicator/indicator.h"

#include "base/strings.h"
#include "indicator/bank.h"
#include "indicator/domain.h"
#include "indicator/email.h"
#include "indicator/ip.h"
#include "indicator/phone.h"
#include "indicator/social.h"
#include "indicator/url.h"

namespace binhyen::indicator {

std::string_view KindName(Kind kind) {
  switch (kind) {
    case Kind::kUrl: return "url";
    case Kind::kDomain: return "domain";
    case Kind::kIp: return "ip";
    case Kind::kPhone: return "phone";
    case Kind::kBankAccount: return "bank_account";
    case Kind::kEmail: return "email";
    case Kind::kSocial: return "social";
  }
  return "unknown";
}

std::optional<Kind> ParseKind(std::string_view name) {
  std::string n = base::AsciiLower(base::TrimAscii(name));
  for (Kind k : kAllKinds) {
    if (n == KindName(k)) return k;
  }
  if (n == "bank" || n == "account" || n == "bank-account") return Kind::kBankAccount;
  if (n == "link") return Kind::kUrl;
  if (n == "host") return Kind::kDomain;
  if (n == "number") return Kind::kPhone;
  return std::nullopt;
}

std::string_view Indicator::Attribute(std::string_view key) const {
  for (const auto& [k, v] : attributes) {
    if (k == key) return v;
  }
  return {};
}

void Indicator::SetAttribute(std::string key, std::string value) {
  for (auto& [k, v] : attributes) {
    if (k == key) {
      v = std::move(value);
      return;
    }
  }
  attributes.emplace_back(std::move(key), std::move(value));
}

base::Result<Indicator> Canonicalize(Kind kind, std::string_view input) {
  switch (kind) {
    case Kind::kUrl: return CanonicalizeUrl(input);
    case Kind::kDomain: return CanonicalizeDomain(input);
    case Kind::kIp: return CanonicalizeIp(input);
    case Kind::kPhone: return CanonicalizePhone(input);
    case Kind::kBankAccount: return CanonicalizeBankAccount(input);
    case Kind::kEmail: return CanonicalizeEmail(input);
    case Kind::kSocial: return CanonicalizeSocial(input);
  }
  return base::InvalidArgumentError("unknown indicator kind");
}

}  // namespace binhyen::indicator
