#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "base/result.h"
#include "crypto/random.h"

namespace binhyen::crypto {

// Authenticated symmetric encryption of reporter contact data at rest.
//
// Each message gets a fresh random 24-byte nonce (XChaCha20-Poly1305, so random nonces never
// collide in practice). Stored form: base64 (standard alphabet) of
//   version byte (1) || nonce (24) || ciphertext with 16-byte tag.
// The version byte is also authenticated (associated data), so a future format or key rotation
// can tell old rows from new ones and nobody can relabel a row.
//
// The key lives in one heap block wiped with sodium_memzero when the box is destroyed; moving a
// box moves the block (no copy of the key is left behind). Copying is disabled.
// Thread safety: thread-safe after construction (Encrypt/Decrypt are const); a moved-from box
// must not be used.
class SecretBox {
 public:
  static constexpr size_t kKeyBytes = 32;
  static constexpr uint8_t kVersion = 1;

  // Loads the key from `key_file` (normally <data>/keys/contact.key), creating it on first use:
  // the directory with mode 0700, the file with mode 0600 and 32 random bytes.
  // Errors: FailedPrecondition when the file is readable or writable by group/others, is a
  // symlink or has the wrong size (the message names the file and the fix); Unavailable on I/O
  // failure.
  static base::Result<SecretBox> LoadOrCreateKey(const std::filesystem::path& key_file);
  // Same, drawing a new key from `random`.
  static base::Result<SecretBox> LoadOrCreateKey(const std::filesystem::path& key_file,
                                                 Random& random);

  // A box with the given key (tests, key rotation tools).
  static SecretBox FromKey(std::span<const uint8_t, kKeyBytes> key);

  SecretBox(SecretBox&&) noexcept = default;
  SecretBox& operator=(SecretBox&&) noexcept = default;
  SecretBox(const SecretBox&) = delete;
  SecretBox& operator=(const SecretBox&) = delete;
  ~SecretBox() = default;

  // Encrypts `plaintext` with a fresh random nonce; returns the stored (base64) form.
  std::string Encrypt(std::string_view plaintext) const;

  // Decrypts the stored form. InvalidArgument "contact data could not be decrypted" when it is
  // not base64, too short, of an unknown version, was made with another key, or was altered.
  base::Result<std::string> Decrypt(std::string_view stored) const;

 private:
  struct KeyDeleter {
    void operator()(std::array<uint8_t, kKeyBytes>* key) const;
  };
  using KeyPtr = std::unique_ptr<std::array<uint8_t, kKeyBytes>, KeyDeleter>;

  explicit SecretBox(KeyPtr key) : key_(std::move(key)) {}
  static KeyPtr NewKey();

  KeyPtr key_;
};

}  // namespace binhyen::crypto
