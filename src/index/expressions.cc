#include "index/expressions.h"

#include <array>
#include <utility>

#include "index/internal/listing_keys.h"
#include "indicator/domain.h"
#include "indicator/ip.h"

namespace binhyen::index {

namespace {

using Protection = Allowlist::Protection;

bool IsDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

bool ValidPhone(std::string_view s) {
  return s.size() >= 8 && s.size() <= 16 && s.front() == '+' && s[1] != '0' &&
         IsDigits(s.substr(1));
}

bool ValidEmail(std::string_view s) {
  size_t at = s.find('@');
  if (at == 0 || at == std::string_view::npos || at + 1 >= s.size() ||
      s.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  for (unsigned char c : s) {
    if (c <= 0x20 || c == 0x7f) return false;
  }
  return true;
}

bool ValidSocial(std::string_view s) {
  size_t colon = s.find(':');
  if (colon == 0 || colon == std::string_view::npos || colon + 1 >= s.size()) return false;
  for (char c : s.substr(0, colon)) {
    if (c < 'a' || c > 'z') return false;
  }
  for (unsigned char c : s.substr(colon + 1)) {
    if (c <= 0x20 || c == 0x7f) return false;
  }
  return true;
}

bool IsProtectedHost(Protection p) {
  return p == Protection::kBank || p == Protection::kGovernment;
}

// url and domain listings: one urls key, after the allowlist.
internal::ListingOutcome UrlListingKey(const Listing& listing, const Allowlist& allowlist,
                                       internal::KeyScratch* scratch,
                                       const std::function<void(KeyList, std::string_view)>& emit) {
  indicator::CanonicalUrl& url = scratch->url;
  bool domain = listing.kind == indicator::Kind::kDomain;
  if (domain) {
    scratch->text.assign("http://").append(listing.canonical).append("/");
    if (!indicator::CanonicalizeUrlInto(scratch->text, &url).ok() ||
        url.Host() != listing.canonical || url.PathAndQuery() != "/") {
      return internal::ListingOutcome::kInvalid;
    }
  } else if (!indicator::CanonicalizeUrlInto(listing.canonical, &url).ok()) {
    return internal::ListingOutcome::kInvalid;
  }
  if (IsProtectedHost(allowlist.Protect(url.Host())) && !listing.override_allowlist) {
    return internal::ListingOutcome::kAllowlisted;
  }
  Protection rule = allowlist.Rule(url.Host());
  bool host_level = url.PathAndQuery() == "/";
  if (host_level && (rule == Protection::kShortener || rule == Protection::kShared)) {
    return internal::ListingOutcome::kNarrowed;
  }
  // A public suffix ("com.vn", or a shared-hosting suffix of the list's private section such as
  // "netlify.app") would list every site under it.
  if (domain && !url.HostIsIp() && indicator::RegistrableDomain(url.Host()).empty()) {
    return internal::ListingOutcome::kInvalid;
  }
  std::string_view spec = url.Spec();
  emit(KeyList::kUrls, spec.substr(url.Scheme().size() + 3));
  return internal::ListingOutcome::kListed;
}

internal::ListingOutcome IpListingKeys(const Listing& listing, internal::KeyScratch* scratch,
                                       const std::function<void(KeyList, std::string_view)>& emit) {
  base::Result<indicator::Indicator> ip = indicator::CanonicalizeIp(listing.canonical);
  if (!ip.ok() || ip.value().canonical != listing.canonical) {
    return internal::ListingOutcome::kInvalid;
  }
  emit(KeyList::kIps, listing.canonical);
  bool v6 = listing.canonical.find(':') != std::string::npos;
  scratch->text.clear();
  if (v6) scratch->text.push_back('[');
  scratch->text.append(listing.canonical);
  if (v6) scratch->text.push_back(']');
  scratch->text.push_back('/');
  emit(KeyList::kUrls, scratch->text);
  return internal::ListingOutcome::kListed;
}

}  // namespace

namespace internal {

bool SplitAccount(std::string_view canonical, uint32_t* bin, std::string_view* digits) {
  *bin = 0;
  size_t colon = canonical.find(':');
  std::string_view account = canonical;
  if (colon != std::string_view::npos) {
    std::string_view bin_text = canonical.substr(0, colon);
    if (bin_text.size() != 6 || !IsDigits(bin_text)) return false;
    for (char c : bin_text) *bin = *bin * 10 + static_cast<uint32_t>(c - '0');
    if (*bin == 0) return false;
    account = canonical.substr(colon + 1);
  }
  if (account.size() < 6 || account.size() > 19 || !IsDigits(account)) return false;
  *digits = account;
  return true;
}

ListingOutcome ForEachListingKey(const Listing& listing, const Allowlist& allowlist,
                                 KeyScratch* scratch,
                                 const std::function<void(KeyList, std::string_view)>& emit) {
  const std::string& c = listing.canonical;
  switch (listing.kind) {
    case indicator::Kind::kUrl:
    case indicator::Kind::kDomain: return UrlListingKey(listing, allowlist, scratch, emit);
    case indicator::Kind::kIp: return IpListingKeys(listing, scratch, emit);
    case indicator::Kind::kPhone:
      if (!ValidPhone(c)) return ListingOutcome::kInvalid;
      emit(KeyList::kPhones, c);
      return ListingOutcome::kListed;
    case indicator::Kind::kBankAccount: {
      uint32_t bin = 0;
      std::string_view digits;
      if (!SplitAccount(c, &bin, &digits)) return ListingOutcome::kInvalid;
      if (bin != 0) emit(KeyList::kAccounts, c);
      emit(KeyList::kAccounts, digits);
      return ListingOutcome::kListed;
    }
    case indicator::Kind::kEmail:
      if (!ValidEmail(c)) return ListingOutcome::kInvalid;
      emit(KeyList::kEmails, c);
      return ListingOutcome::kListed;
    case indicator::Kind::kSocial:
      if (!ValidSocial(c)) return ListingOutcome::kInvalid;
      emit(KeyList::kSocials, c);
      return ListingOutcome::kListed;
  }
  return ListingOutcome::kInvalid;
}

}  // namespace internal

std::string_view KeyListName(KeyList list) {
  switch (list) {
    case KeyList::kUrls: return "urls";
    case KeyList::kPhones: return "phones";
    case KeyList::kAccounts: return "accounts";
    case KeyList::kEmails: return "emails";
    case KeyList::kSocials: return "socials";
    case KeyList::kIps: return "ips";
  }
  return "urls";
}

std::vector<ListedKey> ListingKeys(const Listing& listing, const Allowlist& allowlist,
                                   BuildStats* stats) {
  std::vector<ListedKey> keys;
  internal::KeyScratch scratch;
  internal::ListingOutcome outcome = internal::ForEachListingKey(
      listing, allowlist, &scratch, [&keys](KeyList list, std::string_view expression) {
        keys.push_back({list, std::string(expression)});
      });
  if (stats != nullptr) {
    switch (outcome) {
      case internal::ListingOutcome::kListed: ++stats->listed; break;
      case internal::ListingOutcome::kInvalid: ++stats->invalid; break;
      case internal::ListingOutcome::kAllowlisted: ++stats->allowlisted; break;
      case internal::ListingOutcome::kNarrowed: ++stats->narrowed; break;
    }
  }
  return keys;
}

void UrlProbeExpressions(const indicator::CanonicalUrl& url, const Allowlist& allowlist,
                         indicator::LookupExpressionList* out) {
  internal::UrlProbe(url, allowlist, out);
}

namespace internal {

Allowlist::Protection UrlProbe(const indicator::CanonicalUrl& url, const Allowlist& allowlist,
                               indicator::LookupExpressionList* out) {
  indicator::LookupExpressions(url, out);
  return FilterUrlExpressions(url, allowlist, out);
}

Allowlist::Protection FilterUrlExpressions(const indicator::CanonicalUrl& url,
                                           const Allowlist& allowlist,
                                           indicator::LookupExpressionList* out) {
  // The rule of every suffix of the host at a label boundary, each asked once: they give both
  // the host's protection (Allowlist::Protect) and each expression host's rule.
  std::string_view full_host = url.Host();
  constexpr size_t kMaxSuffixes = 16;
  std::array<Protection, kMaxSuffixes> rules;  // by suffix, longest first
  std::array<size_t, kMaxSuffixes> lengths;
  size_t suffixes = 0;
  Protection protection = Protection::kNone;
  for (size_t start = 0; start < full_host.size() && suffixes < kMaxSuffixes;) {
    std::string_view suffix = full_host.substr(start);
    Protection rule = allowlist.Rule(suffix);
    rules[suffixes] = rule;
    lengths[suffixes++] = suffix.size();
    if (start == 0 && rule != Protection::kNone) protection = rule;
    if (protection == Protection::kNone && IsProtectedHost(rule)) protection = rule;
    size_t dot = url.HostIsIp() ? std::string_view::npos : full_host.find('.', start);
    // No rule names a bare top-level label (Allowlist::Parse): stop before it.
    if (dot == std::string_view::npos || full_host.find('.', dot + 1) == std::string_view::npos) {
      break;
    }
    start = dot + 1;
  }
  if (suffixes == kMaxSuffixes) protection = allowlist.Protect(full_host);  // very deep hosts

  // Filtered in place: no second list to initialise.
  size_t all = out->size;
  out->size = 0;
  std::string_view path_query = url.PathAndQuery();
  std::string_view path = url.Path();
  std::string_view host;
  Protection rule = Protection::kNone;
  for (size_t k = 0; k < all; ++k) {
    std::string_view e = out->items[k];
    size_t slash = internal::ExpressionHostLength(url, e);
    std::string_view e_host = e.substr(0, slash);
    std::string_view e_path = e.substr(slash);
    if (e_host != host) {
      host = e_host;
      rule = Protection::kNone;
      bool found = false;
      for (size_t i = 0; i < suffixes && !found; ++i) {
        if (lengths[i] == host.size()) {
          rule = rules[i];
          found = true;
        }
      }
      if (!found) rule = allowlist.Rule(host);
    }
    if (rule == Protection::kShortener && e_path != path_query && e_path != path) continue;
    if (rule == Protection::kShared && e_path == "/") continue;
    out->items[out->size++] = e;
  }
  return protection;
}

}  // namespace internal

std::vector<ListedKey> ProbeKeys(indicator::Kind kind, std::string_view canonical,
                                 const Allowlist& allowlist) {
  std::vector<ListedKey> keys;
  switch (kind) {
    case indicator::Kind::kUrl:
    case indicator::Kind::kDomain: {
      std::string text = kind == indicator::Kind::kDomain ? "http://" + std::string(canonical) + "/"
                                                          : std::string(canonical);
      indicator::CanonicalUrl url;
      if (!indicator::CanonicalizeUrlInto(text, &url).ok()) return keys;
      indicator::LookupExpressionList list;
      UrlProbeExpressions(url, allowlist, &list);
      for (std::string_view e : list) keys.push_back({KeyList::kUrls, std::string(e)});
      return keys;
    }
    case indicator::Kind::kIp: keys.push_back({KeyList::kIps, std::string(canonical)}); return keys;
    case indicator::Kind::kPhone:
      keys.push_back({KeyList::kPhones, std::string(canonical)});
      return keys;
    case indicator::Kind::kBankAccount: {
      uint32_t bin = 0;
      std::string_view digits;
      if (!internal::SplitAccount(canonical, &bin, &digits)) return keys;
      if (bin != 0) keys.push_back({KeyList::kAccounts, std::string(canonical)});
      keys.push_back({KeyList::kAccounts, std::string(digits)});
      return keys;
    }
    case indicator::Kind::kEmail:
      keys.push_back({KeyList::kEmails, std::string(canonical)});
      return keys;
    case indicator::Kind::kSocial:
      keys.push_back({KeyList::kSocials, std::string(canonical)});
      return keys;
  }
  return keys;
}

}  // namespace binhyen::index
