#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "base/result.h"

namespace binhyen::crypto {

// Binary-to-text encodings, on top of libsodium's constant-time codecs. Thread-safe.

// Lower-case hexadecimal.
std::string HexEncode(std::span<const uint8_t> bytes);

enum class Base64Variant {
  kStandard,         // RFC 4648 section 4 alphabet with '=' padding
  kUrlSafeNoPadding  // RFC 4648 section 5 alphabet ('-', '_'), no padding: safe in URLs/headers
};

std::string Base64Encode(std::span<const uint8_t> bytes, Base64Variant variant);
inline std::string Base64Encode(std::string_view bytes, Base64Variant variant) {
  return Base64Encode(
      std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()),
      variant);
}

// Returns the decoded bytes, or InvalidArgument when `text` is not valid in `variant` (no
// whitespace is accepted).
base::Result<std::string> Base64Decode(std::string_view text, Base64Variant variant);

}  // namespace binhyen::crypto
