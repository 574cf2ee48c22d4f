#include "domain/receipt.h"

#include "base/strings.h"

namespace binhyen::domain {
namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr std::string_view kPrefix = "BY-";
constexpr size_t kSymbols = 8;

// Crockford decoding of one typed character to its canonical symbol, or '\0'.
char CanonicalSymbol(char c) {
  c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  if (c == 'I' || c == 'L') return '1';
  if (c == 'O') return '0';
  if (kAlphabet.find(c) != std::string_view::npos) return c;
  return '\0';
}

}  // namespace

std::string MakeReceiptCode(const std::array<uint8_t, kReceiptRandomBytes>& random) {
  uint64_t bits = 0;
  for (uint8_t b : random) bits = (bits << 8) | b;
  std::string symbols(kSymbols, '0');
  for (size_t i = 0; i < kSymbols; ++i) {
    symbols[kSymbols - 1 - i] = kAlphabet[bits & 31];
    bits >>= 5;
  }
  return std::string(kPrefix) + symbols.substr(0, 4) + "-" + symbols.substr(4);
}

base::Result<std::string> NormalizeReceiptCode(std::string_view typed) {
  std::string_view s = base::TrimAscii(typed);
  if (s.size() >= 2 && base::EqualsIgnoreAsciiCase(s.substr(0, 2), "BY")) s.remove_prefix(2);
  std::string symbols;
  for (char c : s) {
    if (c == '-' || c == ' ') continue;
    char sym = CanonicalSymbol(c);
    if (sym == '\0') {
      return base::InvalidArgumentError("receipt_code: invalid character in '" +
                                        std::string(typed) + "'");
    }
    symbols.push_back(sym);
  }
  if (symbols.size() != kSymbols) {
    return base::InvalidArgumentError("receipt_code: must have 8 characters after BY-");
  }
  return std::string(kPrefix) + symbols.substr(0, 4) + "-" + symbols.substr(4);
}

bool IsCanonicalReceiptCode(std::string_view code) {
  if (code.size() != kPrefix.size() + kSymbols + 1 || code.substr(0, 3) != kPrefix) return false;
  for (size_t i = 3; i < code.size(); ++i) {
    if (i == 7) {
      if (code[i] != '-') return false;
    } else if (kAlphabet.find(code[i]) == std::string_view::npos) {
      return false;
    }
  }
  return true;
}

}  // namespace binhyen::domain
