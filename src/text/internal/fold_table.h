#pragma once

// Per-code-point folding shared by text/fold.cc and text/matching.cc. Private to text/.
//
// A code point folds to zero or more code points:
//   kRemoveMarks:      NFD, drop combining diacritical marks, Đ/đ -> D/d; case kept.
//   kLowerRemoveMarks: as kRemoveMarks, then simple lower-casing.
//   kMatch:            NFKD (compatibility), drop diacritics, lower-case, and fold a few Latin
//                      letters that NFKD keeps (đ ø ł ı ß æ œ, small capitals ᴀ ʙ ᴄ...) to ASCII.
//
// "Combining diacritical marks" are the code points of the blocks U+0300..U+036F,
// U+1AB0..U+1AFF, U+1DC0..U+1DFF, U+20D0..U+20FF and U+FE20..U+FE2F: the script-neutral accents
// that Latin, Greek and Cyrillic use (all of Vietnamese's tone and vowel marks, and "Zalgo"
// text). Marks that are part of other scripts (Thai vowels, Devanagari signs, Japanese dakuten)
// are kept, because removing them changes the letters, not accents. A code point whose
// decomposition holds no removable mark is kept whole (Hangul syllables stay syllables).
//
// Results for U+0000..U+1FFF come from a table built once on first use (function-local static,
// immutable afterwards, so thread-safe); other code points ask ICU each time.

#include <cstdint>
#include <string>
#include <string_view>

namespace binhyen::text::internal {

enum class FoldMode { kRemoveMarks, kLowerRemoveMarks, kMatch };

inline constexpr bool IsRemovableMark(char32_t c) {
  return (c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF) ||
         (c >= 0x1DC0 && c <= 0x1DFF) || (c >= 0x20D0 && c <= 0x20FF) ||
         (c >= 0xFE20 && c <= 0xFE2F);
}

class FoldTable {
 public:
  // The process-wide table for `mode`. Thread-safe.
  static const FoldTable& Get(FoldMode mode);

  // The folded form of `c`. The view points into the table, or into *scratch for code points
  // outside it; it is valid until the next call with the same scratch.
  std::u32string_view Fold(char32_t c, std::u32string* scratch) const {
    if (c < kTableSize) {
      return std::u32string_view(pool_).substr(offsets_[c], offsets_[c + 1] - offsets_[c]);
    }
    scratch->clear();
    FoldSlow(c, mode_, scratch);
    return *scratch;
  }

  // Computes the folded form with ICU, appending to *out. Exposed for the table's own test.
  static void FoldSlow(char32_t c, FoldMode mode, std::u32string* out);

 private:
  static constexpr char32_t kTableSize = 0x2000;
  explicit FoldTable(FoldMode mode);

  FoldMode mode_;
  std::u32string pool_;
  uint32_t offsets_[kTableSize + 1];
};

// The Latin letter a Cyrillic, Greek or Armenian letter is commonly mistaken for ("а" U+0430
// -> 'a', "Ν" U+039D -> 'n', "ν" U+03BD -> 'v'), as a lower-case ASCII letter; 0 when there is
// none. Only unambiguous look-alikes are listed (text/matching.cc applies them per word).
char32_t LatinLookalike(char32_t c);

}  // namespace binhyen::text::internal
