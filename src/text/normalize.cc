#include "text/normalize.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>

#include <utility>

#include "base/strings.h"
#include "text/utf8.h"

namespace binhyen::text {
namespace {

enum class Form { kNfc, kNfkc, kNfkcCasefold };

const icu::Normalizer2* Instance(Form form) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = nullptr;
  switch (form) {
    case Form::kNfc: n = icu::Normalizer2::getNFCInstance(status); break;
    case Form::kNfkc: n = icu::Normalizer2::getNFKCInstance(status); break;
    case Form::kNfkcCasefold: n = icu::Normalizer2::getNFKCCasefoldInstance(status); break;
  }
  return U_SUCCESS(status) ? n : nullptr;
}

std::string Normalize(std::string_view input, Form form) {
  if (IsAscii(input)) {
    // Every ASCII string is NFC and NFKC; NFKC_CF only lower-cases it (ASCII holds no default
    // ignorable code point).
    return form == Form::kNfkcCasefold ? base::AsciiLower(input) : std::string(input);
  }
  SanitizedUtf8 clean = SanitizeUtf8(input);
  const icu::Normalizer2* normalizer = Instance(form);
  // ICU data missing, or too large for ICU's int32 lengths: best effort, never a crash.
  if (normalizer == nullptr || clean.text.size() > 0x7FFFFFFF) return std::move(clean.text);
  std::string out;
  out.reserve(clean.text.size());
  icu::StringByteSink<std::string> sink(&out);
  UErrorCode status = U_ZERO_ERROR;
  normalizer->normalizeUTF8(
      0, icu::StringPiece(clean.text.data(), static_cast<int32_t>(clean.text.size())), sink,
      nullptr, status);
  if (U_FAILURE(status)) return std::move(clean.text);
  return out;
}

}  // namespace

std::string Nfc(std::string_view input) { return Normalize(input, Form::kNfc); }
std::string Nfkc(std::string_view input) { return Normalize(input, Form::kNfkc); }
std::string NfkcCasefold(std::string_view input) { return Normalize(input, Form::kNfkcCasefold); }

}  // namespace binhyen::text
