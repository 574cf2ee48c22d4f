#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/result.h"

namespace binhyen::crypto {

// argon2id cost. The stored hash string records the parameters it was made with, so verifying
// never needs them; NeedsRehash compares a stored hash with the current ones.
struct PasswordCost {
  unsigned long long opslimit;
  size_t memlimit;
};

// libsodium's OPSLIMIT_INTERACTIVE / MEMLIMIT_INTERACTIVE (2 passes, 64 MiB): about 80-100 ms
// per hash on the small machines a town runs. Chosen because logins are interactive and the
// server may hash a few passwords at once; 64 MiB per guess still makes GPU/ASIC guessing
// expensive. Raise it (MODERATE) on a bigger host and NeedsRehash upgrades users at login.
inline constexpr PasswordCost kInteractivePasswordCost{2, size_t{64} * 1024 * 1024};

// The cheapest cost argon2id allows (1 pass, 8 KiB). For tests only: hashes in microseconds.
inline constexpr PasswordCost kTestPasswordCost{1, 8192};

// The longest password accepted (bytes). Far beyond any human password; bounds the work a
// request can cause.
inline constexpr size_t kMaxPasswordBytes = 4096;

// Hashes `password` with argon2id and a random salt, as a self-describing "$argon2id$v=19$..."
// string. Errors: InvalidArgument if the password is longer than kMaxPasswordBytes;
// ResourceExhausted if the memory for the hash cannot be allocated. Thread-safe.
base::Result<std::string> HashPassword(std::string_view password,
                                       PasswordCost cost = kInteractivePasswordCost);

// True when `password` matches `hash` (made by HashPassword). A malformed hash is false.
// Takes time on purpose (the hash's cost). Thread-safe.
bool VerifyPassword(std::string_view hash, std::string_view password);

// True when `hash` was not made by argon2id with `cost` (including when it is malformed): the
// caller should re-hash the password it has just verified and store the new hash. Thread-safe.
bool NeedsRehash(std::string_view hash, PasswordCost cost = kInteractivePasswordCost);

}  // namespace binhyen::crypto
