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

// An Ed25519 public key (32 bytes), used to check signatures of published feeds.
// A value type; thread-safe.
class VerifyKey {
 public:
  static constexpr size_t kBytes = 32;

  explicit VerifyKey(const std::array<uint8_t, kBytes>& bytes) : bytes_(bytes) {}
  // Parses the URL-safe base64 form made by ToBase64. InvalidArgument when malformed.
  static base::Result<VerifyKey> FromBase64(std::string_view text);

  const std::array<uint8_t, kBytes>& bytes() const { return bytes_; }
  std::string ToBase64() const;

  // True when `signature` (64 raw bytes, as made by SigningKey::Sign) is valid for `message`.
  bool Verify(std::string_view message, std::string_view signature) const;

 private:
  std::array<uint8_t, kBytes> bytes_;
};

// An Ed25519 signing key. Stored on disk as its 32-byte seed (mode 0600, like the contact key).
// The secret key lives in one heap block wiped on destruction; move-only.
// Thread safety: thread-safe after construction (Sign is const).
class SigningKey {
 public:
  static constexpr size_t kSeedBytes = 32;
  static constexpr size_t kSignatureBytes = 64;

  // A new key from `random`'s bytes (FakeRandom makes it deterministic in tests).
  static SigningKey Generate(Random& random);
  static SigningKey FromSeed(std::span<const uint8_t, kSeedBytes> seed);
  // Loads the seed at `key_file` or creates it (directory 0700, file 0600). Same errors as
  // SecretBox::LoadOrCreateKey.
  static base::Result<SigningKey> LoadOrCreate(const std::filesystem::path& key_file,
                                               Random& random);

  SigningKey(SigningKey&&) noexcept = default;
  SigningKey& operator=(SigningKey&&) noexcept = default;
  SigningKey(const SigningKey&) = delete;
  SigningKey& operator=(const SigningKey&) = delete;
  ~SigningKey() = default;

  const VerifyKey& verify_key() const { return verify_key_; }

  // The detached signature of `message`: 64 raw bytes.
  std::string Sign(std::string_view message) const;

 private:
  static constexpr size_t kSecretBytes = 64;
  struct SecretDeleter {
    void operator()(std::array<uint8_t, kSecretBytes>* secret) const;
  };
  using SecretPtr = std::unique_ptr<std::array<uint8_t, kSecretBytes>, SecretDeleter>;

  SigningKey(SecretPtr secret, VerifyKey verify_key)
      : secret_(std::move(secret)), verify_key_(verify_key) {}

  SecretPtr secret_;
  VerifyKey verify_key_;
};

}  // namespace binhyen::crypto
