#include "web/internal/check_subject.h"

#include <optional>

#include "base/strings.h"
#include "indicator/extract.h"

namespace binhyen::web::internal {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Bytes other than white space and light punctuation outside [start, end).
size_t OtherBytes(std::string_view text, size_t start, size_t end) {
  size_t n = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (i >= start && i < end) continue;
    char c = text[i];
    if (!IsSpace(c) && c != '.' && c != ',' && c != ':' && c != '"' && c != '\'') ++n;
  }
  return n;
}

bool HasSpace(std::string_view s) {
  for (char c : s) {
    if (IsSpace(c)) return true;
  }
  return false;
}

// A single token that Extract did not recognise on its own (a bare domain with an unusual TLD,
// an account number without a bank name): the first kind that accepts it.
std::optional<indicator::Kind> SingleTokenKind(std::string_view token) {
  using indicator::Kind;
  bool digits_only = !token.empty();
  for (char c : token) {
    if (!(c >= '0' && c <= '9') && c != '.' && c != '-' && c != '+' && c != ' ') {
      digits_only = false;
    }
  }
  if (digits_only) {
    if (indicator::Canonicalize(Kind::kPhone, token).ok()) return Kind::kPhone;
    if (indicator::Canonicalize(Kind::kBankAccount, token).ok()) return Kind::kBankAccount;
    return std::nullopt;
  }
  if (token.find('@') != std::string_view::npos &&
      indicator::Canonicalize(Kind::kEmail, token).ok()) {
    return Kind::kEmail;
  }
  if (token.find('.') != std::string_view::npos &&
      indicator::Canonicalize(Kind::kUrl, token).ok()) {
    return Kind::kUrl;
  }
  return std::nullopt;
}

}  // namespace

CheckSubject ClassifySubject(std::string_view q, std::string_view kind, std::string_view bank) {
  CheckSubject subject;
  subject.input = std::string(base::TrimAscii(q));
  subject.bank = std::string(base::TrimAscii(bank));
  if (std::optional<indicator::Kind> k = indicator::ParseKind(kind)) {
    subject.kind = *k;
    subject.value = subject.input;
    return subject;
  }
  const std::string_view input = subject.input;
  indicator::ExtractOptions options;
  options.max_results = 2;
  std::vector<indicator::Extracted> found = indicator::Extract(input, options);
  if (found.size() == 1 && OtherBytes(input, found[0].start, found[0].end) <= 3) {
    subject.kind = found[0].indicator.kind;
    subject.value = found[0].raw;
    return subject;
  }
  if (found.empty() && !HasSpace(input)) {
    if (std::optional<indicator::Kind> k = SingleTokenKind(input)) {
      subject.kind = *k;
      subject.value = subject.input;
      return subject;
    }
  }
  // Digits written in groups ("0912 345 678", "0071 0009 86547").
  if (found.empty() && input.size() <= 40) {
    if (std::optional<indicator::Kind> k = SingleTokenKind(input)) {
      subject.kind = *k;
      subject.value = subject.input;
      return subject;
    }
  }
  subject.message = true;
  return subject;
}

std::string_view KindLabel(const PageContext& context, indicator::Kind kind) {
  using indicator::Kind;
  switch (kind) {
    case Kind::kUrl: return context.Pick("Đường link", "Link");
    case Kind::kDomain: return context.Pick("Tên miền", "Domain");
    case Kind::kPhone: return context.Pick("Số điện thoại", "Phone number");
    case Kind::kBankAccount: return context.Pick("Số tài khoản", "Bank account");
    case Kind::kEmail: return context.Pick("Địa chỉ email", "Email address");
    case Kind::kSocial: return context.Pick("Tài khoản mạng xã hội", "Social media account");
    case Kind::kIp: return context.Pick("Địa chỉ IP", "IP address");
  }
  return "";
}

}  // namespace binhyen::web::internal
