#include "crypto/encoding.h"

#include <sodium.h>

#include "crypto/internal/sodium_init.h"

namespace binhyen::crypto {
namespace {

int SodiumVariant(Base64Variant variant) {
  switch (variant) {
    case Base64Variant::kStandard: return sodium_base64_VARIANT_ORIGINAL;
    case Base64Variant::kUrlSafeNoPadding: return sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  }
  return sodium_base64_VARIANT_ORIGINAL;
}

}  // namespace

std::string HexEncode(std::span<const uint8_t> bytes) {
  std::string out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes.data(), bytes.size());
  out.pop_back();  // the terminating NUL written by libsodium
  return out;
}

std::string Base64Encode(std::span<const uint8_t> bytes, Base64Variant variant) {
  internal::EnsureSodium();
  const int v = SodiumVariant(variant);
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), v), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(), v);
  out.resize(out.size() - 1);  // drop the NUL
  return out;
}

base::Result<std::string> Base64Decode(std::string_view text, Base64Variant variant) {
  internal::EnsureSodium();
  std::string out(text.size() / 4 * 3 + 3, '\0');
  size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), /*ignore=*/nullptr, &len, &end, SodiumVariant(variant)) != 0 ||
      end != text.data() + text.size()) {
    return base::InvalidArgumentError("not valid base64");
  }
  out.resize(len);
  return out;
}

}  // namespace binhyen::crypto
