#include "text/internal/fold_table.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <utility>

namespace binhyen::text::internal {
namespace {

// Latin letters that have no decomposition but that matching folds to ASCII anyway.
constexpr std::pair<char32_t, std::u32string_view> kLatinExtras[] = {
    {0x0111, U"d"},  {0x00F8, U"o"},  {0x0142, U"l"}, {0x0131, U"i"}, {0x00DF, U"ss"},
    {0x00E6, U"ae"}, {0x0153, U"oe"}, {0x0127, U"h"}, {0x0167, U"t"}, {0x0180, U"b"},
    {0x0251, U"a"},  {0x0261, U"g"},  {0x0237, U"j"}, {0x0268, U"i"}, {0x1D00, U"a"},
    {0x0299, U"b"},  {0x1D04, U"c"},  {0x1D05, U"d"}, {0x1D07, U"e"}, {0xA730, U"f"},
    {0x0262, U"g"},  {0x029C, U"h"},  {0x026A, U"i"}, {0x1D0A, U"j"}, {0x1D0B, U"k"},
    {0x029F, U"l"},  {0x1D0D, U"m"},  {0x0274, U"n"}, {0x1D0F, U"o"}, {0x1D18, U"p"},
    {0x0280, U"r"},  {0xA731, U"s"},  {0x1D1B, U"t"}, {0x1D1C, U"u"}, {0x1D20, U"v"},
    {0x1D21, U"w"},  {0x028F, U"y"},  {0x1D22, U"z"},
};

// Sorted by code point (checked by fold_table_test). Capital letters have their own entries
// because lower-casing changes the look: Greek "Ν" looks like N, its lower case "ν" like v.
constexpr std::pair<char32_t, char32_t> kLookalikes[] = {
    {0x0391, 'a'}, {0x0392, 'b'}, {0x0395, 'e'}, {0x0396, 'z'}, {0x0397, 'h'}, {0x0399, 'i'},
    {0x039A, 'k'}, {0x039C, 'm'}, {0x039D, 'n'}, {0x039F, 'o'}, {0x03A1, 'p'}, {0x03A4, 't'},
    {0x03A5, 'y'}, {0x03A7, 'x'}, {0x03B1, 'a'}, {0x03B3, 'y'}, {0x03B5, 'e'}, {0x03B9, 'i'},
    {0x03BA, 'k'}, {0x03BD, 'v'}, {0x03BF, 'o'}, {0x03C1, 'p'}, {0x03C4, 't'}, {0x03C5, 'u'},
    {0x03C7, 'x'}, {0x03C9, 'w'}, {0x0405, 's'}, {0x0406, 'i'}, {0x0408, 'j'}, {0x0410, 'a'},
    {0x0412, 'b'}, {0x0415, 'e'}, {0x041A, 'k'}, {0x041C, 'm'}, {0x041D, 'h'}, {0x041E, 'o'},
    {0x0420, 'p'}, {0x0421, 'c'}, {0x0422, 't'}, {0x0423, 'y'}, {0x0425, 'x'}, {0x0430, 'a'},
    {0x0435, 'e'}, {0x043E, 'o'}, {0x0440, 'p'}, {0x0441, 'c'}, {0x0443, 'y'}, {0x0445, 'x'},
    {0x0455, 's'}, {0x0456, 'i'}, {0x0458, 'j'}, {0x0461, 'w'}, {0x0475, 'v'}, {0x04AE, 'y'},
    {0x04AF, 'y'}, {0x04BB, 'h'}, {0x0501, 'd'}, {0x051A, 'q'}, {0x051B, 'q'}, {0x051C, 'w'},
    {0x051D, 'w'}, {0x0566, 'q'}, {0x0570, 'h'}, {0x0578, 'n'}, {0x057D, 'u'}, {0x0585, 'o'},
};

void AppendUtf16AsCodePoints(const icu::UnicodeString& s, std::u32string* out) {
  for (int32_t i = 0; i < s.length();) {
    const UChar32 c = s.char32At(i);
    out->push_back(static_cast<char32_t>(c));
    i += U16_LENGTH(c);
  }
}

}  // namespace

void FoldTable::FoldSlow(char32_t c, FoldMode mode, std::u32string* out) {
  if (IsRemovableMark(c)) return;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
  const size_t start = out->size();
  icu::UnicodeString decomposition;
  bool decomposed = false;
  if (U_SUCCESS(status)) {
    const icu::Normalizer2* n = mode == FoldMode::kMatch ? nfkd : nfd;
    decomposed = n->getDecomposition(static_cast<UChar32>(c), decomposition);
  }
  if (decomposed) {
    std::u32string cps;
    AppendUtf16AsCodePoints(decomposition, &cps);
    const size_t before = cps.size();
    std::erase_if(cps, [](char32_t x) { return IsRemovableMark(x); });
    bool keep_whole = cps.size() == before;  // nothing removed: keep e.g. Hangul syllables
    if (keep_whole && mode == FoldMode::kMatch) {
      // Compatibility mappings (full-width, styled letters, ligatures) are always applied.
      icu::UnicodeString canonical;
      const bool has_canonical = nfd->getDecomposition(static_cast<UChar32>(c), canonical);
      keep_whole = has_canonical && canonical == decomposition;
    }
    if (keep_whole) {
      out->push_back(c);
    } else {
      out->append(cps);
    }
  } else {
    out->push_back(c);
  }
  for (size_t i = start; i < out->size(); ++i) {
    char32_t& x = (*out)[i];
    if (mode != FoldMode::kRemoveMarks)
      x = static_cast<char32_t>(u_tolower(static_cast<UChar32>(x)));
    if (x == 0x0110) x = 'D';
    if (x == 0x0111) x = 'd';
  }
  if (mode == FoldMode::kMatch) {
    std::u32string folded;
    for (size_t i = start; i < out->size(); ++i) {
      const char32_t x = (*out)[i];
      const auto* it = std::find_if(std::begin(kLatinExtras), std::end(kLatinExtras),
                                    [x](const auto& e) { return e.first == x; });
      if (it != std::end(kLatinExtras)) {
        folded.append(it->second);
      } else {
        folded.push_back(x);
      }
    }
    out->resize(start);
    out->append(folded);
  }
}

FoldTable::FoldTable(FoldMode mode) : mode_(mode) {
  pool_.reserve(kTableSize + 512);
  for (char32_t c = 0; c < kTableSize; ++c) {
    offsets_[c] = static_cast<uint32_t>(pool_.size());
    if (c < 0x80) {
      pool_.push_back(mode == FoldMode::kRemoveMarks || c < 'A' || c > 'Z' ? c : c + 32);
    } else if (c >= 0xD800 && c <= 0xDFFF) {
      pool_.push_back(c);
    } else {
      FoldSlow(c, mode, &pool_);
    }
  }
  offsets_[kTableSize] = static_cast<uint32_t>(pool_.size());
}

const FoldTable& FoldTable::Get(FoldMode mode) {
  // Each table is built once, on first use; C++ guarantees thread-safe initialisation.
  switch (mode) {
    case FoldMode::kRemoveMarks: {
      static const FoldTable* const kTable = new FoldTable(FoldMode::kRemoveMarks);
      return *kTable;
    }
    case FoldMode::kMatch: {
      static const FoldTable* const kTable = new FoldTable(FoldMode::kMatch);
      return *kTable;
    }
    case FoldMode::kLowerRemoveMarks: break;
  }
  static const FoldTable* const kTable = new FoldTable(FoldMode::kLowerRemoveMarks);
  return *kTable;
}

char32_t LatinLookalike(char32_t c) {
  if (c < 0x0391 || c > 0x0585) return 0;
  const auto* it = std::lower_bound(
      std::begin(kLookalikes), std::end(kLookalikes), c,
      [](const std::pair<char32_t, char32_t>& e, char32_t v) { return e.first < v; });
  return it != std::end(kLookalikes) && it->first == c ? it->second : 0;
}

}  // namespace binhyen::text::internal
