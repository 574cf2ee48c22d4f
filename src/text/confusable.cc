#include "text/confusable.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/uspoof.h>

#include <bitset>

#include "text/utf8.h"

namespace binhyen::text {
namespace {

// The shared checker (see the header's thread-safety note), or nullptr when ICU failed.
const USpoofChecker* Checker() {
  static const USpoofChecker* const kChecker = [] {
    UErrorCode status = U_ZERO_ERROR;
    USpoofChecker* sc = uspoof_open(&status);
    if (U_FAILURE(status)) return static_cast<USpoofChecker*>(nullptr);
    uspoof_setChecks(sc, USPOOF_CONFUSABLE | USPOOF_INVISIBLE | USPOOF_MIXED_NUMBERS, &status);
    if (U_FAILURE(status)) {
      uspoof_close(sc);
      return static_cast<USpoofChecker*>(nullptr);
    }
    return sc;
  }();
  return kChecker;
}

bool FitsInt32(std::string_view s) { return s.size() <= 0x7FFFFFFF; }

using ScriptSet = std::bitset<USCRIPT_CODE_LIMIT>;

// The Script_Extensions of `c` as a set; empty for Common and Inherited (which mix with
// anything).
ScriptSet ScriptsOf(char32_t c) {
  ScriptSet set;
  UErrorCode status = U_ZERO_ERROR;
  UScriptCode codes[32];
  const int32_t n = uscript_getScriptExtensions(static_cast<UChar32>(c), codes, 32, &status);
  if (U_FAILURE(status)) return set;
  for (int32_t i = 0; i < n; ++i) {
    if (codes[i] == USCRIPT_COMMON || codes[i] == USCRIPT_INHERITED) return ScriptSet();
    if (codes[i] >= 0 && codes[i] < USCRIPT_CODE_LIMIT) set.set(static_cast<size_t>(codes[i]));
  }
  return set;
}

// UTS #39 augmented script sets: Han goes with Japanese and Korean writing.
void Augment(ScriptSet& set) {
  if (set.test(USCRIPT_HAN)) {
    set.set(USCRIPT_HAN_WITH_BOPOMOFO).set(USCRIPT_JAPANESE).set(USCRIPT_KOREAN);
  }
  if (set.test(USCRIPT_HIRAGANA) || set.test(USCRIPT_KATAKANA)) set.set(USCRIPT_JAPANESE);
  if (set.test(USCRIPT_HANGUL)) set.set(USCRIPT_KOREAN);
  if (set.test(USCRIPT_BOPOMOFO)) set.set(USCRIPT_HAN_WITH_BOPOMOFO);
}

}  // namespace

std::string Skeleton(std::string_view input) {
  SanitizedUtf8 clean = SanitizeUtf8(input);
  const USpoofChecker* sc = Checker();
  if (sc == nullptr || !FitsInt32(clean.text)) return std::move(clean.text);
  const auto len = static_cast<int32_t>(clean.text.size());
  std::string out(clean.text.size() * 2 + 16, '\0');
  UErrorCode status = U_ZERO_ERROR;
  int32_t n = uspoof_getSkeletonUTF8(sc, 0, clean.text.data(), len, out.data(),
                                     static_cast<int32_t>(out.size()), &status);
  if (status == U_BUFFER_OVERFLOW_ERROR) {
    out.assign(static_cast<size_t>(n) + 1, '\0');
    status = U_ZERO_ERROR;
    n = uspoof_getSkeletonUTF8(sc, 0, clean.text.data(), len, out.data(),
                               static_cast<int32_t>(out.size()), &status);
  }
  if (U_FAILURE(status) || n < 0) return std::move(clean.text);
  out.resize(static_cast<size_t>(n));
  return out;
}

bool AreConfusable(std::string_view a, std::string_view b) {
  const SanitizedUtf8 ca = SanitizeUtf8(a);
  const SanitizedUtf8 cb = SanitizeUtf8(b);
  const USpoofChecker* sc = Checker();
  if (sc == nullptr || !FitsInt32(ca.text) || !FitsInt32(cb.text)) return ca.text == cb.text;
  UErrorCode status = U_ZERO_ERROR;
  const int32_t result =
      uspoof_areConfusableUTF8(sc, ca.text.data(), static_cast<int32_t>(ca.text.size()),
                               cb.text.data(), static_cast<int32_t>(cb.text.size()), &status);
  if (U_FAILURE(status)) return ca.text == cb.text;
  return result != 0;
}

SpoofFindings SpoofCheck(std::string_view label) {
  SpoofFindings findings;
  const SanitizedUtf8 clean = SanitizeUtf8(label);
  const std::string& s = clean.text;

  // Mixed script: intersect the augmented script sets of all letters.
  ScriptSet resolved;
  resolved.set();
  bool any_script = false;
  bool all_non_latin_one_script = true;
  size_t pos = 0;
  while (pos < s.size()) {
    const char32_t c = DecodeUtf8(s, &pos);
    if (u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) {
      findings.invisible = true;
      continue;
    }
    ScriptSet set = ScriptsOf(c);
    if (set.none()) continue;
    Augment(set);
    if (set.test(USCRIPT_LATIN)) all_non_latin_one_script = false;
    resolved &= set;
    any_script = true;
  }
  findings.mixed_script = any_script && resolved.none();

  // Whole-script confusable: one non-Latin script, and the skeleton is plain ASCII Latin.
  if (any_script && !findings.mixed_script && all_non_latin_one_script) {
    const std::string skeleton = Skeleton(s);
    bool has_letter = false, ascii = true;
    for (char ch : skeleton) {
      if (static_cast<unsigned char>(ch) >= 0x80) ascii = false;
      if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')) has_letter = true;
    }
    findings.whole_script_confusable = ascii && has_letter;
  }

  const USpoofChecker* sc = Checker();
  if (sc != nullptr && FitsInt32(s)) {
    UErrorCode status = U_ZERO_ERROR;
    const int32_t result =
        uspoof_checkUTF8(sc, s.data(), static_cast<int32_t>(s.size()), nullptr, &status);
    if (U_SUCCESS(status)) {
      findings.invisible |= (result & USPOOF_INVISIBLE) != 0;
      findings.mixed_numbers = (result & USPOOF_MIXED_NUMBERS) != 0;
    }
  }
  return findings;
}

bool IsMixedScript(std::string_view label) { return SpoofCheck(label).mixed_script; }

}  // namespace binhyen::text
