#pragma once

// Unicode normalisation (UAX #15) of UTF-8 text with ICU 72.
//
// Every function accepts arbitrary bytes: ill-formed UTF-8 is first sanitised (text/utf8.h,
// each ill-formed subpart becomes U+FFFD), then normalised. Pure ASCII input takes a fast path
// without ICU. All functions are thread-safe (ICU's Normalizer2 instances are immutable
// process-wide singletons).

#include <string>
#include <string_view>

namespace binhyen::text {

// Canonical composition: "e" + U+0301 -> "é". Idempotent.
std::string Nfc(std::string_view input);

// Compatibility composition: full-width "ｖａｙ" -> "vay", "ﬁ" -> "fi", "𝐯𝐢𝐞𝐭" -> "viet",
// "²" -> "2". Case is kept.
std::string Nfkc(std::string_view input);

// NFKC_Casefold (Unicode's NFKC_CF): NFKC plus full case folding plus removal of default
// ignorable code points (U+200B, U+00AD, U+FEFF...). "ĐỨC" -> "đức", "Straße" -> "strasse".
std::string NfkcCasefold(std::string_view input);

}  // namespace binhyen::text
