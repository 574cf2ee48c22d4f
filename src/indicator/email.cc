#include "indicator/email.h"

#include <string>

#include "base/strings.h"
#include "indicator/domain.h"
#include "indicator/internal/host_refang.h"

namespace binhyen::indicator {
namespace {

constexpr std::string_view kAtForms[] = {"[at]", "(at)", "{at}", "[@]", "(@)", "{@}"};

// `s` with the `len` bytes at `pos` replaced by '@'. (Built anew rather than with
// std::string::replace, which trips a GCC 12 -Wrestrict false positive at -O3.)
std::string WithAt(const std::string& s, size_t pos, size_t len) {
  std::string out;
  out.reserve(s.size());
  out.append(s, 0, pos);
  out.push_back('@');
  out.append(s, pos + len, std::string::npos);
  return out;
}

// Replaces the first bracketed defanged '@' ("[at]", "(@)"...) with '@'; when there is none and
// no '@' either, the last " at ".
void RefangAt(std::string* s) {
  std::string lower = base::AsciiLower(*s);
  for (std::string_view form : kAtForms) {
    if (size_t pos = lower.find(form); pos != std::string::npos) {
      *s = WithAt(*s, pos, form.size());
      return;
    }
  }
  if (lower.find('@') != std::string::npos) return;
  if (size_t pos = lower.rfind(" at "); pos != std::string::npos) *s = WithAt(*s, pos, 4);
}

bool IsAtext(char c) {
  if (base::IsAsciiAlnum(c) || static_cast<unsigned char>(c) >= 0x80) return true;
  return std::string_view("!#$%&'*+/=?^_`{|}~-").find(c) != std::string_view::npos;
}

base::Status CheckLocalPart(std::string_view local) {
  if (local.empty()) return base::InvalidArgumentError("email address has an empty local part");
  if (local.size() > 64) return base::InvalidArgumentError("email local part over 64 bytes");
  if (local.front() == '"') {
    return base::InvalidArgumentError("quoted email local parts are not supported");
  }
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) {
    return base::InvalidArgumentError("email local part has a misplaced '.'");
  }
  for (char c : local) {
    if (c != '.' && !IsAtext(c)) {
      return base::InvalidArgumentError("email local part has invalid characters");
    }
  }
  return base::Status::Ok();
}

}  // namespace

base::Result<Indicator> CanonicalizeEmail(std::string_view input) {
  std::string_view trimmed = base::TrimAscii(input);
  if (trimmed.size() > 1024) return base::InvalidArgumentError("email address too long");
  if (trimmed.size() >= 7 && base::EqualsIgnoreAsciiCase(trimmed.substr(0, 7), "mailto:")) {
    trimmed.remove_prefix(7);
    trimmed = trimmed.substr(0, trimmed.find('?'));
  }
  std::string s(base::TrimAscii(trimmed));
  if (s.empty()) return base::InvalidArgumentError("empty email address");
  RefangAt(&s);
  size_t at = s.rfind('@');
  if (at == std::string::npos) return base::InvalidArgumentError("email address has no '@'");
  std::string_view local = base::TrimAscii(std::string_view(s).substr(0, at));
  std::string_view domain_in = base::TrimAscii(std::string_view(s).substr(at + 1));
  BINHYEN_RETURN_IF_ERROR(CheckLocalPart(local));

  std::string domain_refanged;
  if (internal::HostMayBeDefanged(domain_in) && internal::RefangHost(domain_in, &domain_refanged)) {
    domain_in = domain_refanged;
  }
  if (domain_in.empty()) return base::InvalidArgumentError("email address has an empty domain");
  if (domain_in.find_first_of("/?#:@[]% \\") != std::string_view::npos) {
    return base::InvalidArgumentError("email domain has invalid characters");
  }
  auto domain = CanonicalizeDomain(domain_in);
  if (!domain.ok()) return domain.status().WithContext("email domain");

  Indicator indicator;
  indicator.kind = Kind::kEmail;
  indicator.canonical = base::AsciiLower(local);
  indicator.canonical.push_back('@');
  indicator.canonical.append(domain->canonical);
  if (indicator.canonical.size() > 254) {
    return base::InvalidArgumentError("email address over 254 bytes");
  }
  indicator.SetAttribute("domain", domain->canonical);
  indicator.SetAttribute("registrable_domain",
                         std::string(domain->Attribute("registrable_domain")));
  return indicator;
}

}  // namespace binhyen::indicator
