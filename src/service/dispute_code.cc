#include "service/dispute_code.h"

#include <array>

#include "base/check.h"
#include "base/strings.h"
#include "crypto/compare.h"
#include "crypto/hash.h"
#include "domain/receipt.h"

namespace binhyen::service {
namespace {

constexpr std::string_view kPrefix = "KN-";
constexpr std::string_view kDomain = "binhyen-dispute-code/v1:";
constexpr size_t kMinKeyBytes = 16;

int HexValue(char c) { return c <= '9' ? c - '0' : c - 'a' + 10; }

base::Status BadShape() {
  return base::InvalidArgumentError("code: not a dispute code (e.g. KN-42-7K3M-9QX2)");
}

}  // namespace

DisputeCodes::DisputeCodes(std::string key) : key_(std::move(key)) {
  BINHYEN_CHECK(key_.size() >= kMinKeyBytes, "dispute code key too short");
}

std::string DisputeCodes::Tag(int64_t id) const {
  const std::string inner = crypto::Sha256Hex(key_ + std::string(kDomain) + std::to_string(id));
  const std::string outer = crypto::Sha256Hex(key_ + inner);
  std::array<uint8_t, domain::kReceiptRandomBytes> bits{};
  for (size_t i = 0; i < bits.size(); ++i) {
    bits[i] = static_cast<uint8_t>(HexValue(outer[2 * i]) * 16 + HexValue(outer[2 * i + 1]));
  }
  // Receipt codes use the same 40-bit Crockford form: "BY-XXXX-XXXX" without its prefix.
  return domain::MakeReceiptCode(bits).substr(3);
}

std::string DisputeCodes::Make(int64_t id) const {
  BINHYEN_CHECK(id > 0, "dispute ids are positive");
  return std::string(kPrefix) + std::to_string(id) + "-" + Tag(id);
}

base::Result<int64_t> DisputeCodes::Parse(std::string_view typed) const {
  std::string_view s = base::TrimAscii(typed);
  if (s.size() > 64) return BadShape();
  if (s.size() < 3 || !base::EqualsIgnoreAsciiCase(s.substr(0, 2), "KN") ||
      (s[2] != '-' && s[2] != ' ')) {
    return BadShape();
  }
  s.remove_prefix(3);
  size_t digits = 0;
  while (digits < s.size() && base::IsAsciiDigit(s[digits])) ++digits;
  int64_t id = 0;
  if (digits == 0 || digits > 18 || !base::ParseInt64(s.substr(0, digits), id) || id <= 0) {
    return BadShape();
  }
  s.remove_prefix(digits);
  if (s.empty() || (s.front() != '-' && s.front() != ' ')) return BadShape();
  // The tag is written like the body of a receipt code; the receipt rules read it.
  base::Result<std::string> tag = domain::NormalizeReceiptCode("BY-" + std::string(s.substr(1)));
  if (!tag.ok()) return BadShape();
  if (!crypto::ConstantTimeEquals(tag->substr(3), Tag(id))) {
    return base::NotFoundError("dispute code: no such dispute");
  }
  return id;
}

}  // namespace binhyen::service
