#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace binhyen::index {

// What must never be host-blocked, compiled in from data/allowlists/ (built from MISP
// warninglists in ../shared/data/misp/warninglists/, CC0, plus our own Vietnamese lists):
//  * shortener: URL shorteners (bit.ly, tinyurl.com, t.ly, ...): full-URL matching only;
//  * shared: shared-hosting names where tenants live under paths or subdomains
//    (sites.google.com, blogspot.com, github.io, weebly.com, 000webhostapp.com, wixsite.com,
//    firebaseapp.com, web.app, netlify.app, vercel.app, pages.dev, ...): no host-level matching
//    of the name itself;
//  * bank / government: protected hosts (each bank's own sites, *.gov.vn): nothing under them is
//    listed without an explicit override, and a check of them answers "trusted".
// Every rule covers the name and its subdomains unless noted (a shortener or shared name
// covers itself only: "x.blogspot.com" is a tenant, matched normally).
// Thread safety: immutable; thread-safe.
class Allowlist {
 public:
  enum class Protection { kNone, kShortener, kShared, kBank, kGovernment };

  // The compiled-in lists.
  static std::shared_ptr<const Allowlist> BuiltIn();

  // Lines of "<protection> <host>" ("shortener bit.ly", "shared blogspot.com",
  // "bank vietcombank.com.vn", "government gov.vn"); '#' comments and blank lines ignored. A host
  // is lower-case ASCII (A-labels) of two labels or more; the same line twice is accepted, the
  // same host with two protections is not.
  // InvalidArgument "line N: ..." for a bad line.
  static base::Result<std::shared_ptr<const Allowlist>> Parse(std::string_view text);

  // The protection of canonical host `host` (lower-case A-labels): its own rule, else the rule
  // of the nearest parent for kBank / kGovernment. kNone when none applies.
  // Allocates nothing (the URL fast path calls it).
  Protection Protect(std::string_view host) const;

  // The rule written for exactly `host`, ignoring parents; kNone when none.
  Protection Rule(std::string_view host) const;

  size_t size() const;

  // The hosts of the bank and government rules, sorted (what an RPZ export lets through with
  // rpz-passthru.). Shared-hosting and shortener names are not in it: their tenants may be
  // listed.
  std::vector<std::string> ProtectedHosts() const;

  ~Allowlist();

 private:
  struct Impl;
  explicit Allowlist(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

std::string_view ProtectionName(Allowlist::Protection p);  // "none" "shortener" "shared" ...

}  // namespace binhyen::index
