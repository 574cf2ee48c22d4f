#pragma once

// Time-based one-time passwords (RFC 6238, HMAC-SHA-1 as authenticator apps implement it) and
// the Base32 encoding their secrets are exchanged in (RFC 4648 section 6).
// All functions are pure and thread-safe.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"

namespace binhyen::crypto {

// Base32 with the RFC 4648 alphabet (A-Z, 2-7), upper-case, without '=' padding.
std::string Base32Encode(std::string_view bytes);

// Decodes Base32: case-insensitive; ASCII white space and '=' padding are ignored anywhere
// (secrets are often shown in groups of four). Errors: InvalidArgument "base32: invalid character
// 'x' at 5", or "base32: impossible length" (a length no byte string encodes to, e.g. 1, 3 or 6
// characters), or "base32: non-zero trailing bits".
base::Result<std::string> Base32Decode(std::string_view text);

// The size of the secrets we generate (160 bits, as RFC 4226 recommends for HMAC-SHA-1).
inline constexpr size_t kTotpSecretBytes = 20;

// The TOTP code of `secret` at `unix_seconds`: HOTP(secret, floor(unix_seconds / period)) as
// `digits` decimal digits with leading zeros. REQUIRES: 6 <= digits <= 9 (RFC 4226 allows 6..8;
// 9 still fits the 31-bit value), period > 0.
std::string TotpCode(std::string_view secret, int64_t unix_seconds, int digits = 6,
                     int period = 30);

// The time step (unix_seconds / period) whose code equals `code` within +-`window` steps of the
// current one (clock drift and typing time), comparing in constant time; nullopt otherwise, and
// for a code that is not exactly `digits` ASCII digits. When several steps match (a collision),
// the earliest is returned. The caller stores the last step used and refuses a step <= it, so a
// code cannot be replayed. REQUIRES: as TotpCode, window >= 0.
std::optional<int64_t> VerifyTotp(std::string_view secret, std::string_view code,
                                  int64_t unix_seconds, int window = 1, int digits = 6,
                                  int period = 30);

// The provisioning URI that authenticator apps read from a QR code:
// otpauth://totp/<issuer>:<account>?secret=<base32>&issuer=<issuer>&algorithm=SHA1&digits=6&period=30
// where <base32> is Base32Encode(secret) (`secret` holds the raw bytes), and issuer and account
// are percent-encoded (RFC 3986 unreserved characters kept, UTF-8 bytes
// encoded: "Bình Yên" -> "B%C3%ACnh%20Y%C3%AAn").
std::string TotpUri(std::string_view issuer, std::string_view account, std::string_view secret);

}  // namespace binhyen::crypto
