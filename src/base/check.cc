#include "base/check.h"

#include <cstdio>
#include <cstdlib>

namespace binhyen::base::internal {

void CheckFailed(const char* file, int line, const char* condition, const char* message) {
  std::fprintf(stderr, "BINHYEN_CHECK failed at %s:%d: %s (%s)\n", file, line, condition,
               message == nullptr ? "" : message);
  std::fflush(stderr);
  std::abort();
}

}  // namespace binhyen::base::internal
