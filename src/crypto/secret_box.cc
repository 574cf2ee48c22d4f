#include "crypto/secret_box.h"

#include <sodium.h>

#include <algorithm>

#include "base/check.h"
#include "crypto/encoding.h"
#include "crypto/internal/key_file.h"
#include "crypto/internal/sodium_init.h"

namespace binhyen::crypto {
namespace {

constexpr size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr size_t kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr size_t kHeaderBytes = 1 + kNonceBytes;

static_assert(SecretBox::kKeyBytes == crypto_aead_xchacha20poly1305_ietf_KEYBYTES);

base::Status DecryptError() {
  return base::InvalidArgumentError("contact data could not be decrypted");
}

}  // namespace

void SecretBox::KeyDeleter::operator()(std::array<uint8_t, kKeyBytes>* key) const {
  sodium_memzero(key->data(), key->size());
  delete key;
}

SecretBox::KeyPtr SecretBox::NewKey() {
  internal::EnsureSodium();
  return KeyPtr(new std::array<uint8_t, kKeyBytes>{});
}

base::Result<SecretBox> SecretBox::LoadOrCreateKey(const std::filesystem::path& key_file) {
  SodiumRandom random;
  return LoadOrCreateKey(key_file, random);
}

base::Result<SecretBox> SecretBox::LoadOrCreateKey(const std::filesystem::path& key_file,
                                                   Random& random) {
  KeyPtr key = NewKey();
  BINHYEN_RETURN_IF_ERROR(internal::LoadOrCreateKeyFile(key_file, *key, random));
  return SecretBox(std::move(key));
}

SecretBox SecretBox::FromKey(std::span<const uint8_t, kKeyBytes> key) {
  KeyPtr copy = NewKey();
  std::copy(key.begin(), key.end(), copy->begin());
  return SecretBox(std::move(copy));
}

std::string SecretBox::Encrypt(std::string_view plaintext) const {
  BINHYEN_CHECK(key_ != nullptr, "SecretBox used after move");
  std::string raw(kHeaderBytes + plaintext.size() + kTagBytes, '\0');
  auto* bytes = reinterpret_cast<unsigned char*>(raw.data());
  bytes[0] = kVersion;
  randombytes_buf(bytes + 1, kNonceBytes);
  unsigned long long len = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      bytes + kHeaderBytes, &len, reinterpret_cast<const unsigned char*>(plaintext.data()),
      plaintext.size(), /*ad=*/bytes, 1, /*nsec=*/nullptr, bytes + 1, key_->data());
  raw.resize(kHeaderBytes + len);
  return Base64Encode(raw, Base64Variant::kStandard);
}

base::Result<std::string> SecretBox::Decrypt(std::string_view stored) const {
  BINHYEN_CHECK(key_ != nullptr, "SecretBox used after move");
  base::Result<std::string> raw = Base64Decode(stored, Base64Variant::kStandard);
  if (!raw.ok()) return DecryptError();
  const auto* bytes = reinterpret_cast<const unsigned char*>(raw->data());
  if (raw->size() < kHeaderBytes + kTagBytes || bytes[0] != kVersion) return DecryptError();
  std::string plain(raw->size() - kHeaderBytes - kTagBytes, '\0');
  unsigned long long len = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(plain.data()),
                                                 &len, /*nsec=*/nullptr, bytes + kHeaderBytes,
                                                 raw->size() - kHeaderBytes, /*ad=*/bytes, 1,
                                                 bytes + 1, key_->data()) != 0) {
    return DecryptError();
  }
  plain.resize(len);
  return plain;
}

}  // namespace binhyen::crypto
