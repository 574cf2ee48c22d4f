#pragma once

namespace binhyen::crypto::internal {

// Initialises libsodium once per process. Safe to call from any thread, any number of times:
// the first call runs sodium_init() inside a function-local static (initialised exactly once by
// the C++ runtime), later calls return at once. A libsodium that cannot initialise (no usable
// entropy source) breaks an invariant every crypto function relies on, so it aborts.
void EnsureSodium();

}  // namespace binhyen::crypto::internal
