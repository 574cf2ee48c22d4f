#include "crypto/compare.h"

#include <sodium.h>

#include "crypto/internal/sodium_init.h"

namespace binhyen::crypto {

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  internal::EnsureSodium();
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace binhyen::crypto
