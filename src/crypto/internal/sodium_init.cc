#include "crypto/internal/sodium_init.h"

#include <sodium.h>

#include "base/check.h"

namespace binhyen::crypto::internal {

void EnsureSodium() {
  // sodium_init() returns 0 on the first success, 1 when already initialised, -1 on failure.
  static const int kInitResult = sodium_init();
  BINHYEN_CHECK(kInitResult >= 0, "libsodium could not be initialised");
}

}  // namespace binhyen::crypto::internal
