#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace binhyen::domain {

// Receipt codes: what a reporter writes down to follow a report without an account.
// Form: "BY-" + 4 + "-" + 4 characters of Crockford base32 (0-9 A-Z without I L O U), 40 random
// bits, e.g. "BY-7K3M-9QX2". The randomness is injected (crypto/ in production, fixed bytes in
// tests); uniqueness is enforced by the store (AlreadyExists "receipt_code": draw again).

inline constexpr size_t kReceiptRandomBytes = 5;

// Encodes 40 bits (big-endian) as a receipt code. Pure; thread-safe.
std::string MakeReceiptCode(const std::array<uint8_t, kReceiptRandomBytes>& random);

// Accepts what a person types: any case, with or without the "BY" prefix and the dashes,
// surrounding spaces, and the usual confusions (I and L read as 1, O as 0). Returns the
// canonical form, or InvalidArgument "receipt_code: ..." when it is not a receipt code.
base::Result<std::string> NormalizeReceiptCode(std::string_view typed);

// True when `code` is already in canonical form.
bool IsCanonicalReceiptCode(std::string_view code);

}  // namespace binhyen::domain
