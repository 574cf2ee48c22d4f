#pragma once

// SimHash (Charikar 2002) of report descriptions, for finding near-identical reports: the same
// scam message pasted by several people, with small edits.
//
// Features: the words of the folded text (FoldVietnamese: case, diacritics, đ), a word being a
// maximal run of Unicode letters, digits and combining marks; punctuation, symbols, emoji and
// ill-formed UTF-8 separate words and are not features. Words containing an ASCII digit are
// dropped: they are the phone numbers, amounts ("25.000đ"), codes and times ("24h") that change
// between copies of one scam template (and are linked as indicators anyway). Each occurrence of
// a word adds its 64-bit hash with weight 1. The feature hash is FNV-1a 64 followed by the
// MurmurHash3 64-bit finaliser: fixed arithmetic on the UTF-8 bytes, the same on every platform
// and build, since the values are stored in the database (simhash_test.cc pins some). Word
// boundaries outside ASCII and Vietnamese come from ICU's character properties, which only
// change for newly assigned code points.
//
// Measured by simhash_test.cc (SmsCorpusFigures, which asserts these counts) on
// tests/data/sms/SMSSpamCollection.tsv, English SMS: 4,155 messages have >= 8 words, 3,873
// distinct texts (282 exact repeats), 7,498,128 pairs of distinct texts.
//   (a) edited copies within kNearDuplicateDistance of the original: case changed 100%,
//       punctuation changed 100%, diacritics removed 100%, a number changed 100% (all by
//       construction); one word replaced by a random corpus word 18.8% (8-15 words 6.3%,
//       16-30 words 24.3%, 31+ words 52.0%); one word deleted 24.4%. On the 20 Vietnamese scam
//       texts of the test (about 52 words each) one word deleted: 563 of 1,041 = 54%.
//   (b) distinct texts within distance 3: 156 pairs of 7.5 million. 130 differ only in
//       numbers, punctuation or case; 25 are the same message with a word or two changed (the
//       same spam with another prefix or suffix); 1 is unrelated ("Hi happy birthday. Hi hi hi
//       hi hi hi hi" / "You also didnt get na hi hi hi hi hi"): 1.3e-7 per pair.
// Alternatives measured the same way (one experiment, random replacement from the folded
// vocabulary) and rejected: unigrams kept 21.0% replace / 22.4% delete, against word bigrams
// added 8.3% / 18.7%, character 3-, 4-, 5-shingles 10.3%, 6.3%, 4.5% replace, words weighted by
// length 11.5% / 35.4%, distinct words only 14.3% / 24.9%, sublinear counts 16.5% / 25.7%;
// digits folded into one token instead of dropped made 44 unrelated pairs. Why one-word edits
// so often exceed 3 bits: an edit in a text of n words turns it by an angle of about
// acos((n-1)/n), which changes 64 * angle / pi bits on average: 10 bits at n = 8, 4 at n = 50,
// 3 only from n = 90. This catches copies of long texts, not paraphrases of short ones.
//
// All functions are pure and thread-safe.

#include <cstdint>
#include <optional>
#include <string_view>

namespace binhyen::text {

// Texts with fewer words than this get no SimHash: short texts like "lừa đảo qua điện thoại"
// would collide with each other and mean nothing.
inline constexpr int kMinSimHashWords = 8;

// The SimHash of a report description, or nullopt when it has fewer than kMinSimHashWords words
// (words with a digit not counted). "Lừa đảo" and "LUA DAO!" hash alike. Arbitrary bytes are
// accepted (ill-formed UTF-8 becomes U+FFFD, a separator).
std::optional<uint64_t> DescriptionSimHash(std::string_view text);

// The number of differing bits (0..64).
int HammingDistance(uint64_t a, uint64_t b);

// Two descriptions are near-identical when their SimHashes differ in at most this many bits.
// The store indexes 4 x 16-bit bands, so <= 3 is found exactly (pigeonhole: one band is equal).
inline constexpr int kNearDuplicateDistance = 3;

}  // namespace binhyen::text
