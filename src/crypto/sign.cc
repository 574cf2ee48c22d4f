#include "crypto/sign.h"

#include <sodium.h>

#include "base/check.h"
#include "crypto/encoding.h"
#include "crypto/internal/key_file.h"
#include "crypto/internal/sodium_init.h"

namespace binhyen::crypto {

static_assert(VerifyKey::kBytes == crypto_sign_PUBLICKEYBYTES);
static_assert(SigningKey::kSeedBytes == crypto_sign_SEEDBYTES);
static_assert(SigningKey::kSignatureBytes == crypto_sign_BYTES);

base::Result<VerifyKey> VerifyKey::FromBase64(std::string_view text) {
  base::Result<std::string> raw = Base64Decode(text, Base64Variant::kUrlSafeNoPadding);
  if (!raw.ok() || raw->size() != kBytes) {
    return base::InvalidArgumentError("not an Ed25519 public key (want 32 bytes in base64url)");
  }
  std::array<uint8_t, kBytes> bytes;
  std::copy(raw->begin(), raw->end(), bytes.begin());
  return VerifyKey(bytes);
}

std::string VerifyKey::ToBase64() const {
  return Base64Encode(bytes_, Base64Variant::kUrlSafeNoPadding);
}

bool VerifyKey::Verify(std::string_view message, std::string_view signature) const {
  internal::EnsureSodium();
  if (signature.size() != crypto_sign_BYTES) return false;
  return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature.data()),
                                     reinterpret_cast<const unsigned char*>(message.data()),
                                     message.size(), bytes_.data()) == 0;
}

void SigningKey::SecretDeleter::operator()(std::array<uint8_t, kSecretBytes>* secret) const {
  sodium_memzero(secret->data(), secret->size());
  delete secret;
}

SigningKey SigningKey::FromSeed(std::span<const uint8_t, kSeedBytes> seed) {
  internal::EnsureSodium();
  SecretPtr secret(new std::array<uint8_t, kSecretBytes>{});
  std::array<uint8_t, VerifyKey::kBytes> public_key;
  crypto_sign_seed_keypair(public_key.data(), secret->data(), seed.data());
  return SigningKey(std::move(secret), VerifyKey(public_key));
}

SigningKey SigningKey::Generate(Random& random) {
  std::array<uint8_t, kSeedBytes> seed;
  random.Fill(seed);
  SigningKey key = FromSeed(seed);
  sodium_memzero(seed.data(), seed.size());
  return key;
}

base::Result<SigningKey> SigningKey::LoadOrCreate(const std::filesystem::path& key_file,
                                                  Random& random) {
  std::array<uint8_t, kSeedBytes> seed;
  base::Status status = internal::LoadOrCreateKeyFile(key_file, seed, random);
  if (!status.ok()) return status;
  SigningKey key = FromSeed(seed);
  sodium_memzero(seed.data(), seed.size());
  return key;
}

std::string SigningKey::Sign(std::string_view message) const {
  BINHYEN_CHECK(secret_ != nullptr, "SigningKey used after move");
  std::string signature(crypto_sign_BYTES, '\0');
  crypto_sign_detached(reinterpret_cast<unsigned char*>(signature.data()), nullptr,
                       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       secret_->data());
  return signature;
}

}  // namespace binhyen::crypto
