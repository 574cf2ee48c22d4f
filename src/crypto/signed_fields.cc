#include "crypto/signed_fields.h"

#include <chrono>
#include <string>

#include "crypto/encoding.h"

namespace binhyen::crypto {
namespace {

size_t PayloadBytes(const SignedFieldsFormat& format) { return 1 + 8 * format.field_count; }

std::string Message(const SignedFieldsFormat& format, std::string_view payload) {
  std::string message(format.context);
  message.append(payload);
  return message;
}

}  // namespace

std::string IssueSignedFields(const SigningKey& key, const SignedFieldsFormat& format, char kind,
                              const std::array<uint64_t, kMaxSignedFields>& fields) {
  std::string payload(1, kind);
  for (size_t i = 0; i < format.field_count && i < kMaxSignedFields; ++i) {
    for (int shift = 56; shift >= 0; shift -= 8) {
      payload.push_back(static_cast<char>((fields[i] >> shift) & 0xff));
    }
  }
  const std::string signature = key.Sign(Message(format, payload));
  return Base64Encode(payload + signature, Base64Variant::kUrlSafeNoPadding);
}

base::Result<SignedFields> VerifySignedFields(const VerifyKey& key,
                                              const SignedFieldsFormat& format,
                                              std::string_view token) {
  const base::Status malformed = base::InvalidArgumentError("token: malformed");
  const size_t payload_bytes = PayloadBytes(format);
  const size_t token_bytes = payload_bytes + SigningKey::kSignatureBytes;
  if (format.field_count == 0 || format.field_count > kMaxSignedFields || token.empty() ||
      token.size() > 2 * token_bytes) {
    return malformed;
  }
  base::Result<std::string> bytes = Base64Decode(token, Base64Variant::kUrlSafeNoPadding);
  if (!bytes.ok() || bytes->size() != token_bytes ||
      format.kinds.find((*bytes)[0]) == std::string_view::npos) {
    return malformed;
  }
  const std::string_view view(*bytes);
  if (!key.Verify(Message(format, view.substr(0, payload_bytes)), view.substr(payload_bytes))) {
    return base::InvalidArgumentError("token: bad signature");
  }
  SignedFields out;
  out.kind = view[0];
  for (size_t i = 0; i < format.field_count; ++i) {
    uint64_t v = 0;
    for (size_t b = 0; b < 8; ++b) v = (v << 8) | static_cast<uint8_t>(view[1 + 8 * i + b]);
    out.fields[i] = v;
  }
  return out;
}

uint64_t SecondsField(base::TimePoint t) {
  return static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count());
}

base::TimePoint FromSecondsField(uint64_t seconds) {
  return base::TimePoint(std::chrono::seconds(static_cast<int64_t>(seconds)));
}

}  // namespace binhyen::crypto
