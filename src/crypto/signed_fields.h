#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/result.h"
#include "crypto/sign.h"

namespace binhyen::crypto {

// The layout of a compact signed token: base64url (no padding) of
//   kind (1 byte) || `field_count` unsigned 64-bit fields (8 bytes each, big-endian)
//   || Ed25519 signature (64) of `context` followed by the bytes before it.
// `context` (may be empty) keeps tokens of different purposes signed with one key apart: a
// token made for one context never verifies under another.
struct SignedFieldsFormat {
  std::string_view context;
  std::string_view kinds;  // the kind bytes accepted by Verify
  size_t field_count = 0;  // 1..kMaxFields
};

inline constexpr size_t kMaxSignedFields = 4;

// A verified token: its kind byte and fields (those past field_count are 0).
struct SignedFields {
  char kind = 0;
  std::array<uint64_t, kMaxSignedFields> fields{};
};

// The token of `kind` and the first `format.field_count` of `fields`, signed with `key`.
std::string IssueSignedFields(const SigningKey& key, const SignedFieldsFormat& format, char kind,
                              const std::array<uint64_t, kMaxSignedFields>& fields);

// The kind and fields of `token` when it has `format`'s length and one of its kinds and carries
// `key`'s signature. InvalidArgument "token: malformed" (not base64url, wrong length or kind,
// refused before decoding when much too long) or "token: bad signature" (altered, another key
// or another context). Signatures are checked by libsodium (constant time in the secret).
base::Result<SignedFields> VerifySignedFields(const VerifyKey& key,
                                              const SignedFieldsFormat& format,
                                              std::string_view token);

// A time as a field, in whole Unix seconds (truncated), and back.
uint64_t SecondsField(base::TimePoint t);
base::TimePoint FromSecondsField(uint64_t seconds);

}  // namespace binhyen::crypto
