#pragma once
// The classifier's features (classifier.h): hashed word unigrams and bigrams, character n-grams
// and a few shape features of a text already passed through text::NormalizeForMatching.
//
// Digits become '0', and in character n-grams a run of digits is one '0' symbol: numbers
// generalise by shape and cannot outweigh the words around them.
//
// Every feature is a 64-bit hash (words: FNV-1a over their bytes from a per-family seed; character
// n-grams: their symbols packed into an integer; then the MurmurHash3 finaliser): the same on
// every platform, so a model trained anywhere scores the same everywhere. The bucket is the hash's
// top `hash_bits` bits; its lowest bit is the feature's sign (+1 or -1), which makes bucket
// collisions cancel out on average instead of adding up.
//
// Extraction allocates nothing: ForEachFeature calls `emit` once per occurrence.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace binhyen::scan::internal {

// Which features a model uses. Stored in the model file's header.
struct FeatureConfig {
  int hash_bits = 18;  // 2^hash_bits buckets
  int char_min = 3;    // character n-grams of char_min..char_max symbols (bytes; digit runs)
  int char_max = 5;
  bool word_bigrams = true;
  bool shapes = true;
};

// The accepted ranges; Load and Train reject anything else.
inline constexpr int kMinHashBits = 12;
inline constexpr int kMaxHashBits = 22;
inline constexpr int kMaxCharGram = 8;

enum class FeatureKind : uint8_t { kChar, kWord, kBigram, kShape };

// The shape features (kShape): facts about the whole text rather than about its words.
enum class Shape : uint8_t {
  kDigitRun5,  // a run of at least 5 digits (phone numbers, codes, amounts)
  kDigitRun9,  // a run of at least 9 digits (phone and account numbers)
  kUrl,        // "http", "www." or a dot between letters followed by 2+ letters ("abc.vn")
  kLength0,    // kLength0 + b: the text's byte length has bit width b when divided by 16
};
inline constexpr int kLengthBuckets = 8;

// One feature occurrence. For kChar, kWord and kBigram, [begin, end) is the byte span of the
// normalised text it came from (the virtual spaces that pad the text for character n-grams have
// empty spans at its ends). For kShape, `begin` is the Shape value.
struct Feature {
  uint64_t hash;
  FeatureKind kind;
  uint32_t begin;
  uint32_t end;
};

inline constexpr uint64_t kFnvOffset = 14695981039346656037ull;
inline constexpr uint64_t kFnvPrime = 1099511628211ull;

inline uint64_t FnvStep(uint64_t h, unsigned char c) { return (h ^ c) * kFnvPrime; }

// MurmurHash3's 64-bit finaliser: spreads FNV's weak high bits and the packed n-grams' bytes.
inline uint64_t Finalize(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h;
}

// REQUIRES: kMinHashBits <= hash_bits <= kMaxHashBits.
inline uint32_t Bucket(uint64_t hash, int hash_bits) {
  return static_cast<uint32_t>(hash >> (64 - hash_bits));
}
inline double Sign(uint64_t hash) { return (hash & 1) ? -1.0 : 1.0; }

namespace features_internal {

// Byte classes as tables: the hot loops index them instead of branching on the text's bytes.
struct ByteTables {
  unsigned char mapped[256];
  bool word[256];
};

constexpr ByteTables MakeByteTables() {
  ByteTables t{};
  for (int c = 0; c < 256; ++c) {
    bool digit = c >= '0' && c <= '9';
    t.mapped[c] = static_cast<unsigned char>(digit ? '0' : (c < 0x20 || c == 0x7f) ? ' ' : c);
    t.word[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || digit || c >= 0x80;
  }
  return t;
}

inline constexpr ByteTables kByteTables = MakeByteTables();

}  // namespace features_internal

// The byte as features see it: every digit becomes '0' (so that numbers generalise by shape:
// "09061701461" and "09012345678" share their n-grams) and control bytes become ' '.
inline unsigned char MapByte(unsigned char c) { return features_internal::kByteTables.mapped[c]; }

// Word bytes: ASCII letters and digits, and every byte of a non-ASCII character (the normalised
// text is ASCII for Vietnamese; other scripts stay whole words).
inline bool IsWordByte(unsigned char c) { return features_internal::kByteTables.word[c]; }

namespace features_internal {

inline constexpr uint64_t kCharSeed = kFnvOffset ^ 0x43;    // 'C'
inline constexpr uint64_t kWordSeed = kFnvOffset ^ 0x57;    // 'W'
inline constexpr uint64_t kBigramSeed = kFnvOffset ^ 0x42;  // 'B'
inline constexpr uint64_t kShapeSeed = kFnvOffset ^ 0x53;   // 'S'

inline uint64_t ShapeHash(Shape shape, int offset = 0) {
  return Finalize(
      FnvStep(kShapeSeed, static_cast<unsigned char>(static_cast<int>(shape) + offset)));
}

// Character n-grams over " " + text + " " with MapByte applied and each run of digits as one
// '0' (a phone number is one symbol, not ten: numbers must not outweigh the words around them).
// An n-gram of at most 8 symbols is its bytes packed into an integer (a sliding window), mixed
// with a per-length seed: no per-byte hashing, which keeps the classifier's hot loop short.
template <typename Emit>
void EmitCharGrams(std::string_view text, const FeatureConfig& config, Emit& emit) {
  const size_t min_len = static_cast<size_t>(config.char_min);
  const size_t max_len = static_cast<size_t>(config.char_max);
  uint64_t window = 0;
  size_t count = 0;         // symbols pushed
  uint32_t starts[8] = {};  // text offset where each of the last 8 symbols starts
  auto push = [&](unsigned char symbol, size_t begin, size_t end) {
    window = (window << 8) | symbol;
    starts[count & 7] = static_cast<uint32_t>(begin);
    ++count;
    for (size_t len = min_len; len <= max_len && len <= count; ++len) {
      uint64_t key = len == 8 ? window : window & ((uint64_t{1} << (8 * len)) - 1);
      emit(Feature{Finalize(key ^ (kCharSeed + len * 0x9e3779b97f4a7c15ull)), FeatureKind::kChar,
                   starts[(count - len) & 7], static_cast<uint32_t>(end)});
    }
  };
  push(' ', 0, 0);
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    size_t next = i + 1;
    if (c >= '0' && c <= '9') {
      while (next < text.size() && text[next] >= '0' && text[next] <= '9') ++next;
    }
    push(MapByte(c), i, next);
    i = next;
  }
  push(' ', text.size(), text.size());
}

// Word unigrams and (optionally) bigrams; also notes the longest digit run for the shapes.
template <typename Emit>
size_t EmitWords(std::string_view text, const FeatureConfig& config, Emit& emit) {
  size_t longest_digits = 0;
  size_t digits = 0;
  uint64_t prev = 0;
  size_t prev_begin = 0;
  bool have_prev = false;
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (!IsWordByte(c)) {
      digits = 0;
      ++i;
      continue;
    }
    size_t begin = i;
    uint64_t h = kWordSeed;
    for (; i < text.size() && IsWordByte(static_cast<unsigned char>(text[i])); ++i) {
      unsigned char b = static_cast<unsigned char>(text[i]);
      digits = (b >= '0' && b <= '9') ? digits + 1 : 0;
      if (digits > longest_digits) longest_digits = digits;
      h = FnvStep(h, MapByte(b));
    }
    digits = 0;
    uint64_t word = Finalize(h);
    emit(Feature{word, FeatureKind::kWord, static_cast<uint32_t>(begin), static_cast<uint32_t>(i)});
    if (config.word_bigrams && have_prev) {
      // Multiplying the first word by an odd constant makes "a b" and "b a" differ.
      uint64_t b = Finalize(kBigramSeed ^ (prev * 0x9e3779b97f4a7c15ull) ^ word);
      emit(Feature{b, FeatureKind::kBigram, static_cast<uint32_t>(prev_begin),
                   static_cast<uint32_t>(i)});
    }
    prev = word;
    prev_begin = begin;
    have_prev = true;
  }
  return longest_digits;
}

// "http", "www." or "<letter>.<letter><letter>": a link written out.
inline bool LooksLikeUrl(std::string_view text) {
  if (text.find("http") != std::string_view::npos) return true;
  if (text.find("www.") != std::string_view::npos) return true;
  auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  for (size_t i = 1; i + 2 < text.size(); ++i) {
    if (text[i] == '.' && alpha(text[i - 1]) && alpha(text[i + 1]) && alpha(text[i + 2])) {
      return true;
    }
  }
  return false;
}

template <typename Emit>
void EmitShapes(std::string_view text, size_t longest_digits, Emit& emit) {
  auto shape = [&](Shape s, int offset = 0) {
    emit(Feature{ShapeHash(s, offset), FeatureKind::kShape,
                 static_cast<uint32_t>(static_cast<int>(s) + offset), 0});
  };
  if (longest_digits >= 5) shape(Shape::kDigitRun5);
  if (longest_digits >= 9) shape(Shape::kDigitRun9);
  if (LooksLikeUrl(text)) shape(Shape::kUrl);
  int width = 0;
  for (size_t v = text.size() / 16; v != 0; v >>= 1) ++width;
  shape(Shape::kLength0, width < kLengthBuckets ? width : kLengthBuckets - 1);
}

}  // namespace features_internal

// Calls emit(const Feature&) for every feature occurrence of `normalized`, in a fixed order:
// character n-grams, words and bigrams, shapes. REQUIRES: `config` is valid (ValidateConfig);
// normalized.size() < 4 GiB.
template <typename Emit>
void ForEachFeature(std::string_view normalized, const FeatureConfig& config, Emit&& emit) {
  features_internal::EmitCharGrams(normalized, config, emit);
  size_t longest_digits = features_internal::EmitWords(normalized, config, emit);
  if (config.shapes) features_internal::EmitShapes(normalized, longest_digits, emit);
}

// Whether `config` is within the accepted ranges.
bool ValidConfig(const FeatureConfig& config);

// A readable name for a feature occurrence of `normalized`, for explanations and debugging:
// "char:'lar.'", "word:'prize'", "bigram:'call now'", "shape:digits>=5".
std::string DescribeFeature(std::string_view normalized, const Feature& feature);

}  // namespace binhyen::scan::internal
