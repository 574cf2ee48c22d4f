#pragma once

// Vietnamese diacritic folding, for search and matching "with or without accents".
//
// Both functions accept arbitrary bytes (ill-formed UTF-8 becomes U+FFFD) and are thread-safe.
// They work code point by code point: each one is canonically decomposed (NFD), its combining
// diacritical marks (U+0300..U+036F and the other script-neutral accent blocks, see
// text/internal/fold_table.h) are dropped, and Đ/đ (U+0110/U+0111, which have no decomposition
// so ICU's "remove marks" keeps them) become D/d. NFC and NFD input (macOS sends decomposed
// Vietnamese) fold to the same result. Marks that belong to other scripts (Thai, Devanagari,
// Japanese) are kept, as are letters without diacritics in any script. ASCII input is handled
// without ICU; Vietnamese letters come from a precomputed table.

#include <string>
#include <string_view>

namespace binhyen::text {

// Lower-cases and removes diacritics: "Đức Phổ" -> "duc pho", "NGÂN HÀNG" -> "ngan hang",
// "Chuyển khoản" -> "chuyen khoan". Lower-casing is Unicode's simple per-code-point mapping.
std::string FoldVietnamese(std::string_view input);

// Removes diacritics and keeps case: "Đức Phổ" -> "Duc Pho", "NGÂN HÀNG" -> "NGAN HANG".
std::string RemoveVietnameseMarks(std::string_view input);

}  // namespace binhyen::text
