// Fuzzes URL, domain, IP and email canonicalisation with one input, and checks invariants:
//   * CanonicalizeUrlInto is idempotent: canonicalising its output again gives the same URL;
//   * every lookup expression is a host suffix (at a label boundary) followed by a prefix of
//     PathAndQuery() that ends at the end, at the '?', or after a '/'; at most 30, no
//     duplicates;
//   * CanonicalizeUrl agrees with CanonicalizeUrlInto and is idempotent;
//   * CanonicalizeDomain, CanonicalizeIp and CanonicalizeEmail are idempotent.
// A broken invariant calls __builtin_trap().
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "indicator/domain.h"
#include "indicator/email.h"
#include "indicator/ip.h"
#include "indicator/url.h"

namespace {

using binhyen::indicator::CanonicalUrl;
using binhyen::indicator::LookupExpressionList;

void Check(bool condition) {
  if (!condition) __builtin_trap();
}

void CheckExpressions(const CanonicalUrl& url) {
  LookupExpressionList list;
  binhyen::indicator::LookupExpressions(url, &list);
  Check(list.size >= 1 && list.size <= LookupExpressionList::kMaxExpressions);
  const std::string& spec = url.Spec();
  const size_t host_begin = static_cast<size_t>(url.Host().data() - spec.data());
  const size_t path_begin = host_begin + url.Host().size();
  const size_t query_begin = path_begin + url.Path().size();
  for (size_t i = 0; i < list.size; ++i) {
    std::string_view e = list.items[i];
    Check(e.data() >= spec.data() && e.data() + e.size() <= spec.data() + spec.size());
    size_t begin = static_cast<size_t>(e.data() - spec.data());
    size_t end = begin + e.size();
    Check(begin >= host_begin && begin < path_begin);
    Check(begin == host_begin || spec[begin - 1] == '.');
    Check(!url.HostIsIp() || begin == host_begin);
    Check(end > path_begin);
    Check(end == spec.size() || end == query_begin || (end <= query_begin && spec[end - 1] == '/'));
    for (size_t j = 0; j < i; ++j) Check(list.items[j] != e);
  }
  // The first expression is the whole URL without its scheme.
  Check(list.items[0] == std::string_view(spec).substr(host_begin));
}

template <typename F>
void CheckIdempotent(F canonicalize, std::string_view input) {
  auto first = canonicalize(input);
  if (!first.ok()) return;
  auto second = canonicalize(first->canonical);
  Check(second.ok());
  Check(second->canonical == first->canonical);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);

  CanonicalUrl url;
  if (binhyen::indicator::CanonicalizeUrlInto(input, &url).ok()) {
    CheckExpressions(url);
    const std::string& first = url.Spec();
    CanonicalUrl again;
    Check(binhyen::indicator::CanonicalizeUrlInto(first, &again).ok());
    Check(again.Spec() == first);
    auto indicator = binhyen::indicator::CanonicalizeUrl(input);
    if (indicator.ok()) Check(indicator->canonical == first);
  }
  CheckIdempotent(binhyen::indicator::CanonicalizeUrl, input);
  CheckIdempotent(binhyen::indicator::CanonicalizeDomain, input);
  CheckIdempotent(binhyen::indicator::CanonicalizeIp, input);
  CheckIdempotent(binhyen::indicator::CanonicalizeEmail, input);
  return 0;
}
