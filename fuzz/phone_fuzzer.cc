// Fuzzes the phone, bank-account and social-profile canonicalisers and FindBank on arbitrary
// bytes. Invariants (trap on violation): no crash; every accepted input has a canonical form
// that canonicalises to itself; a phone's canonical form is '+' and digits; a bank found by
// name is found again by its key.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "indicator/bank.h"
#include "indicator/phone.h"
#include "indicator/social.h"

namespace {

using binhyen::indicator::Indicator;

void CheckPhone(std::string_view input) {
  auto r = binhyen::indicator::CanonicalizePhone(input);
  if (!r.ok()) return;
  const std::string& c = r->canonical;
  if (c.size() < 4 || c[0] != '+') __builtin_trap();
  for (size_t i = 1; i < c.size(); ++i) {
    if (c[i] < '0' || c[i] > '9') __builtin_trap();
  }
  auto again = binhyen::indicator::CanonicalizePhone(c);
  if (!again.ok() || again->canonical != c) __builtin_trap();
}

void CheckBank(std::string_view input) {
  if (const auto* bank = binhyen::indicator::FindBank(input)) {
    if (binhyen::indicator::FindBank(bank->key) != bank) __builtin_trap();
    if (binhyen::indicator::FindBank(bank->bin) != bank) __builtin_trap();
  }
  auto r = binhyen::indicator::CanonicalizeBankAccount(input);
  if (!r.ok()) return;
  auto again = binhyen::indicator::CanonicalizeBankAccount(r->canonical);
  if (!again.ok() || again->canonical != r->canonical) __builtin_trap();
  if (r->Attribute("account").size() < 6 || r->Attribute("account").size() > 19) __builtin_trap();
}

void CheckSocial(std::string_view input) {
  auto r = binhyen::indicator::CanonicalizeSocial(input);
  if (!r.ok()) return;
  if (r->canonical.find(':') == std::string::npos) __builtin_trap();
  auto again = binhyen::indicator::CanonicalizeSocial(r->canonical);
  if (!again.ok() || again->canonical != r->canonical) __builtin_trap();
  auto from_url = binhyen::indicator::CanonicalizeSocial(r->Attribute("profile_url"));
  if (!from_url.ok() || from_url->canonical != r->canonical) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  CheckPhone(input);
  CheckBank(input);
  CheckSocial(input);
  return 0;
}
