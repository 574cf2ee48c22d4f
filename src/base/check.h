#pragma once

// BINHYEN_CHECK is for our own invariants only: never for input from the network, files, the
// database or configuration (those return a Status). A failed check logs and aborts.

namespace binhyen::base::internal {
[[noreturn]] void CheckFailed(const char* file, int line, const char* condition,
                              const char* message);
}  // namespace binhyen::base::internal

#define BINHYEN_CHECK(condition, message)                                                \
  do {                                                                                   \
    if (!(condition)) [[unlikely]] {                                                     \
      ::binhyen::base::internal::CheckFailed(__FILE__, __LINE__, #condition, (message)); \
    }                                                                                    \
  } while (false)
