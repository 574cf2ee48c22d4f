#include "crypto/password.h"

#include <sodium.h>

#include <array>

#include "crypto/internal/sodium_init.h"

namespace binhyen::crypto {

static_assert(kInteractivePasswordCost.opslimit == crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE);
static_assert(kInteractivePasswordCost.memlimit == crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE);
static_assert(kTestPasswordCost.opslimit == crypto_pwhash_argon2id_OPSLIMIT_MIN);
static_assert(kTestPasswordCost.memlimit == crypto_pwhash_argon2id_MEMLIMIT_MIN);

base::Result<std::string> HashPassword(std::string_view password, PasswordCost cost) {
  internal::EnsureSodium();
  if (password.size() > kMaxPasswordBytes) {
    return base::InvalidArgumentError("password is longer than " +
                                      std::to_string(kMaxPasswordBytes) + " bytes");
  }
  std::array<char, crypto_pwhash_argon2id_STRBYTES> out{};
  if (crypto_pwhash_argon2id_str(out.data(), password.data(), password.size(), cost.opslimit,
                                 cost.memlimit) != 0) {
    return base::ResourceExhaustedError("not enough memory to hash the password");
  }
  return std::string(out.data());
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  internal::EnsureSodium();
  if (password.size() > kMaxPasswordBytes) return false;
  if (hash.size() >= crypto_pwhash_argon2id_STRBYTES) return false;
  // libsodium reads the hash as a C string: give it a NUL-terminated copy, and refuse embedded
  // NULs that would silently shorten it.
  if (hash.find('\0') != std::string_view::npos) return false;
  std::string hash_z(hash);
  return crypto_pwhash_argon2id_str_verify(hash_z.c_str(), password.data(), password.size()) == 0;
}

bool NeedsRehash(std::string_view hash, PasswordCost cost) {
  internal::EnsureSodium();
  if (hash.size() >= crypto_pwhash_argon2id_STRBYTES) return true;
  if (hash.find('\0') != std::string_view::npos) return true;
  std::string hash_z(hash);
  return crypto_pwhash_argon2id_str_needs_rehash(hash_z.c_str(), cost.opslimit, cost.memlimit) != 0;
}

}  // namespace binhyen::crypto
