#include "crypto/totp.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>

#include "base/check.h"
#include "base/strings.h"
#include "crypto/compare.h"

namespace binhyen::crypto {
namespace {

constexpr std::string_view kBase32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

// The 5-bit value of a Base32 digit (either case), or -1.
int Base32Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a';
  if (c >= '2' && c <= '7') return c - '2' + 26;
  return -1;
}

// HOTP (RFC 4226 section 5.3): HMAC-SHA-1 of the big-endian counter, dynamically truncated to 31
// bits, reduced to `digits` decimal digits.
std::string Hotp(std::string_view secret, uint64_t counter, int digits) {
  std::array<unsigned char, 8> message;
  for (size_t i = 0; i < message.size(); ++i) {
    message[message.size() - 1 - i] = static_cast<unsigned char>(counter >> (8 * i));
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac;
  unsigned int mac_size = 0;
  static constexpr unsigned char kEmptyKey = 0;  // OpenSSL wants a pointer even for no key
  const void* key = secret.empty() ? static_cast<const void*>(&kEmptyKey) : secret.data();
  const unsigned char* result = HMAC(EVP_sha1(), key, static_cast<int>(secret.size()),
                                     message.data(), message.size(), mac.data(), &mac_size);
  BINHYEN_CHECK(result != nullptr && mac_size == 20, "HMAC-SHA-1 failed");
  const size_t offset = mac[19] & 0x0F;
  const uint32_t value = (uint32_t{mac[offset]} & 0x7F) << 24 | uint32_t{mac[offset + 1]} << 16 |
                         uint32_t{mac[offset + 2]} << 8 | uint32_t{mac[offset + 3]};
  uint32_t modulus = 1;
  for (int i = 0; i < digits; ++i) modulus *= 10;
  std::string code = std::to_string(value % modulus);
  return std::string(static_cast<size_t>(digits) - code.size(), '0') + code;
}

int64_t TimeStep(int64_t unix_seconds, int period) {
  // Floor division, so that times before 1970 (a broken clock) still give consecutive steps.
  int64_t step = unix_seconds / period;
  if (unix_seconds % period != 0 && unix_seconds < 0) --step;
  return step;
}

void CheckParameters(int digits, int period) {
  BINHYEN_CHECK(digits >= 6 && digits <= 9, "TOTP digits must be 6..9");
  BINHYEN_CHECK(period > 0, "TOTP period must be positive");
}

// `c` itself when printable ASCII, else "\xHH" (error messages stay one clean line).
std::string Printable(char c) {
  if (c >= 0x21 && c <= 0x7E) return std::string(1, c);
  static constexpr std::string_view kHex = "0123456789abcdef";
  const auto byte = static_cast<unsigned char>(c);
  return std::string{'\\', 'x', kHex[byte >> 4], kHex[byte & 0x0F]};
}

void AppendPercentEncoded(std::string_view text, std::string* out) {
  static constexpr std::string_view kHex = "0123456789ABCDEF";
  for (char c : text) {
    if (base::IsAsciiAlnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out->push_back(c);
    } else {
      const auto byte = static_cast<unsigned char>(c);
      out->push_back('%');
      out->push_back(kHex[byte >> 4]);
      out->push_back(kHex[byte & 0x0F]);
    }
  }
}

}  // namespace

std::string Base32Encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 8 + 4) / 5);
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : bytes) {
    buffer = (buffer << 8) | static_cast<unsigned char>(c);
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out.push_back(kBase32Alphabet[(buffer >> bits) & 0x1F]);
    }
  }
  if (bits > 0) out.push_back(kBase32Alphabet[(buffer << (5 - bits)) & 0x1F]);
  return out;
}

base::Result<std::string> Base32Decode(std::string_view text) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  size_t digits = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '=' || base::IsAsciiSpace(c)) continue;
    const int value = Base32Value(c);
    if (value < 0) {
      return base::InvalidArgumentError("base32: invalid character '" + Printable(c) + "' at " +
                                        std::to_string(i));
    }
    ++digits;
    buffer = (buffer << 5) | static_cast<uint32_t>(value);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  // Complete groups of 8 digits encode 5 bytes; a last group of 1, 3 or 6 digits encodes none.
  const size_t rest = digits % 8;
  if (rest == 1 || rest == 3 || rest == 6)
    return base::InvalidArgumentError("base32: impossible length");
  if ((buffer & ((1u << bits) - 1)) != 0) {
    return base::InvalidArgumentError("base32: non-zero trailing bits");
  }
  return out;
}

std::string TotpCode(std::string_view secret, int64_t unix_seconds, int digits, int period) {
  CheckParameters(digits, period);
  return Hotp(secret, static_cast<uint64_t>(TimeStep(unix_seconds, period)), digits);
}

std::optional<int64_t> VerifyTotp(std::string_view secret, std::string_view code,
                                  int64_t unix_seconds, int window, int digits, int period) {
  CheckParameters(digits, period);
  BINHYEN_CHECK(window >= 0, "TOTP window must be >= 0");
  if (code.size() != static_cast<size_t>(digits)) return std::nullopt;
  for (char c : code) {
    if (!base::IsAsciiDigit(c)) return std::nullopt;
  }
  const int64_t now = TimeStep(unix_seconds, period);
  std::optional<int64_t> match;
  // Every step in the window is computed and compared, matched or not, so the time taken does
  // not tell which step (if any) matched.
  for (int64_t step = now - window; step <= now + window; ++step) {
    const bool equal = ConstantTimeEquals(Hotp(secret, static_cast<uint64_t>(step), digits), code);
    if (equal && !match) match = step;
  }
  return match;
}

std::string TotpUri(std::string_view issuer, std::string_view account, std::string_view secret) {
  std::string uri = "otpauth://totp/";
  AppendPercentEncoded(issuer, &uri);
  uri += ':';
  AppendPercentEncoded(account, &uri);
  uri += "?secret=" + Base32Encode(secret) + "&issuer=";
  AppendPercentEncoded(issuer, &uri);
  uri += "&algorithm=SHA1&digits=6&period=30";
  return uri;
}

}  // namespace binhyen::crypto
