#include "text/matching.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <limits>

#include "base/strings.h"
#include "text/internal/fold_table.h"
#include "text/teencode.h"
#include "text/utf8.h"

namespace binhyen::text {
namespace {

// One code point of the text being normalised, with the input offset it came from and, for
// Cyrillic/Greek/Armenian look-alikes, the Latin letter it imitates (0 if none).
// `cls` caches the character class so that the passes below do not ask ICU again.
constexpr uint8_t kLetter = 1;
constexpr uint8_t kDigit = 2;
struct Unit {
  char32_t cp;
  uint32_t origin;
  char alt;     // ASCII letter, or 0
  uint8_t cls;  // kLetter | kDigit bits
};
using Units = std::vector<Unit>;

constexpr uint8_t ClassOfAscii(char32_t c) {
  if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return kLetter;
  return c >= '0' && c <= '9' ? kDigit : 0;
}
uint8_t ClassOf(char32_t c) {
  if (c < 0x80) return ClassOfAscii(c);
  return u_isalpha(static_cast<UChar32>(c)) ? kLetter : 0;
}
inline bool IsLetter(const Unit& u) { return (u.cls & kLetter) != 0; }
inline bool IsDigit(const Unit& u) { return (u.cls & kDigit) != 0; }
inline bool IsAlnum(const Unit& u) { return u.cls != 0; }

bool IsInvisible(char32_t c) {
  if (c < 0x2000) {
    return c == 0x00AD || c == 0x034F || c == 0x061C || c == 0x115F || c == 0x1160 || c == 0x17B4 ||
           c == 0x17B5 || (c >= 0x180B && c <= 0x180F);
  }
  return u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_DEFAULT_IGNORABLE_CODE_POINT);
}

char32_t Unleet(char32_t c) {
  switch (c) {
    case '0': return 'o';
    case '1': return 'i';
    case '3': return 'e';
    case '4': return 'a';
    case '5': return 's';
    case '7': return 't';
    case '@': return 'a';
    case '$': return 's';
    default: return 0;
  }
}

constexpr auto kAsciiClass = [] {
  std::array<uint8_t, 128> t{};
  for (int c = 0; c < 128; ++c) t[static_cast<size_t>(c)] = ClassOfAscii(static_cast<char32_t>(c));
  return t;
}();

// Steps 1-3: decode, drop invisible characters, map white space and fold each code point.
// Sets *non_ascii when any code point >= 0x80 was seen.
Units Decode(std::string_view input, bool* non_ascii) {
  Units units;
  units.reserve(input.size());
  const internal::FoldTable* table = nullptr;
  std::u32string scratch;
  size_t pos = 0;
  *non_ascii = false;
  while (pos < input.size()) {
    const auto b = static_cast<unsigned char>(input[pos]);
    if (b < 0x80) {
      const char32_t c = b < 0x20 || b == 0x7F ? U' ' : base::AsciiToLower(static_cast<char>(b));
      units.push_back({c, static_cast<uint32_t>(pos), 0, kAsciiClass[b]});
      ++pos;
      continue;
    }
    *non_ascii = true;
    const auto start = static_cast<uint32_t>(pos);
    const char32_t c = DecodeUtf8(input, &pos);
    if (IsInvisible(c)) continue;
    if (c <= 0x9F || u_isUWhiteSpace(static_cast<UChar32>(c))) {
      units.push_back({U' ', start, 0, 0});
      continue;
    }
    if (table == nullptr) table = &internal::FoldTable::Get(internal::FoldMode::kMatch);
    const std::u32string_view folded = table->Fold(c, &scratch);
    char32_t alt = internal::LatinLookalike(c);
    for (char32_t f : folded) {
      if (folded.size() != 1 || alt == 0) alt = internal::LatinLookalike(f);
      units.push_back({f, start, static_cast<char>(alt), ClassOf(f)});
    }
  }
  return units;
}

// Step 4.
void MapLookalikes(Units& u) {
  const size_t n = u.size();
  size_t i = 0;
  while (i < n) {
    if (!IsLetter(u[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    bool has_latin = false, has_alt = false, all_alt = true;
    for (; j < n && IsLetter(u[j]); ++j) {
      if (u[j].cp < 0x80) {
        has_latin = true;
      } else if (u[j].alt != 0) {
        has_alt = true;
      } else {
        all_alt = false;
      }
    }
    if (has_alt && (has_latin || all_alt)) {
      for (size_t k = i; k < j; ++k) {
        if (u[k].alt != 0) u[k].cp = static_cast<char32_t>(u[k].alt);
      }
    }
    i = j;
  }
}

bool IsTokenChar(const Unit& u) { return IsAlnum(u) || u.cp == '@' || u.cp == '$'; }

// Step 5.
void Unleetify(Units& u) {
  const size_t n = u.size();
  size_t i = 0;
  while (i < n) {
    if (!IsTokenChar(u[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    bool has_at = false;
    for (; j < n && IsTokenChar(u[j]); ++j) has_at |= u[j].cp == '@';
    const bool email_like = has_at && j + 1 < n && u[j].cp == '.' && IsLetter(u[j + 1]);
    if (IsLetter(u[i]) && !email_like) {
      size_t letters = 0;
      size_t k = i;
      while (k < j) {
        if (IsLetter(u[k])) {
          ++letters;
          ++k;
          continue;
        }
        const size_t run = k;
        bool all_leet = true;
        for (; k < j && !IsLetter(u[k]); ++k) all_leet &= Unleet(u[k].cp) != 0;
        const size_t len = k - run;
        const bool convert = all_leet && (k < j ? len <= 3 : (len == 1 && letters >= 2));
        if (convert) {
          for (size_t m = run; m < k; ++m) {
            u[m].cp = Unleet(u[m].cp);
            u[m].cls = kLetter;
          }
        }
      }
    }
    i = j;
  }
}

bool IsJoinSeparator(char32_t c) {
  return c == ' ' || c == '.' || c == '-' || c == '_' || c == '*' || c == '/' || c == '|' ||
         c == '+' || c == '~';
}

// Step 6. Is u[k] a letter standing alone (no letter or digit on either side)?
bool IsSingleLetter(const Units& u, size_t k) {
  return IsLetter(u[k]) && (k == 0 || !IsAlnum(u[k - 1])) &&
         (k + 1 == u.size() || !IsAlnum(u[k + 1]));
}

void JoinSpacedLetters(Units& u) {
  const size_t n = u.size();
  size_t w = 0;
  size_t i = 0;
  while (i < n) {
    if (i + 2 < n && IsJoinSeparator(u[i + 1].cp) && IsSingleLetter(u, i)) {
      const char32_t sep = u[i + 1].cp;
      size_t last = i;
      size_t count = 1;
      while (last + 2 < n && u[last + 1].cp == sep && IsSingleLetter(u, last + 2)) {
        last += 2;
        ++count;
      }
      if (count >= (sep == ' ' ? 3u : 2u)) {
        for (size_t k = i; k <= last; k += 2) u[w++] = u[k];
        i = last + 1;
        continue;
      }
    }
    u[w++] = u[i++];
  }
  u.resize(w);
}

// Step 7.
void LimitRepeats(Units& u) {
  size_t w = 0;
  for (size_t i = 0; i < u.size(); ++i) {
    if (w >= 2 && u[i].cp == u[w - 1].cp && u[i].cp == u[w - 2].cp && IsLetter(u[i])) {
      continue;
    }
    u[w++] = u[i];
  }
  u.resize(w);
}

bool IsAsciiLetter(char32_t c) { return c >= 'a' && c <= 'z'; }

// Step 8. Is the word u[b, e) next to URL, e-mail or identifier punctuation?
bool InsideIdentifier(const Units& u, size_t b, size_t e) {
  auto is_joiner = [](char32_t c) {
    return c == '/' || c == '@' || c == '_' || c == ':' || c == '=' || c == '&' || c == '\\';
  };
  if (b > 0 && (is_joiner(u[b - 1].cp) || u[b - 1].cp == '.' || u[b - 1].cp == '-')) return true;
  if (e < u.size() && is_joiner(u[e].cp)) return true;
  return e + 1 < u.size() && (u[e].cp == '.' || u[e].cp == '-') && IsAlnum(u[e + 1]);
}

// The teencode table keyed by the word packed into 32 bits (shorthands are 1..4 letters), so
// that looking a word up allocates nothing.
struct PackedShorthand {
  uint32_t key;
  std::string_view expansion;
};

uint32_t PackWord(const Unit* w, size_t len) {
  uint32_t key = 0;
  for (size_t k = 0; k < len; ++k) key = (key << 8) | static_cast<uint32_t>(w[k].cp);
  return key;
}

std::string_view LookupShorthand(const Unit* w, size_t len) {
  static const std::vector<PackedShorthand>* const kPacked = [] {
    auto* packed = new std::vector<PackedShorthand>();
    for (const TeencodeEntry& e : TeencodeTable()) {
      if (e.shorthand.empty() || e.shorthand.size() > 4) continue;
      uint32_t key = 0;
      for (char c : e.shorthand) key = (key << 8) | static_cast<unsigned char>(c);
      packed->push_back({key, e.expansion});
    }
    std::sort(packed->begin(), packed->end(),
              [](const PackedShorthand& a, const PackedShorthand& b) { return a.key < b.key; });
    return packed;
  }();
  const uint32_t key = PackWord(w, len);
  const auto it = std::lower_bound(kPacked->begin(), kPacked->end(), key,
                                   [](const PackedShorthand& e, uint32_t k) { return e.key < k; });
  return it != kPacked->end() && it->key == key ? it->expansion : std::string_view();
}

void ExpandShorthand(Units& u) {
  Units out;
  bool changed = false;
  const size_t n = u.size();
  size_t copied = 0;  // u[0, copied) is already in `out`
  size_t i = 0;
  while (i < n) {
    if (!IsAsciiLetter(u[i].cp) || (i > 0 && IsAlnum(u[i - 1]))) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < n && IsAsciiLetter(u[j].cp)) ++j;
    if ((j < n && IsAlnum(u[j])) || j - i > 4 || InsideIdentifier(u, i, j)) {
      i = j;
      continue;
    }
    std::string_view expansion = LookupShorthand(&u[i], j - i);
    // "500 k", "500k" are money: a "k" right after a number stays.
    if (j - i == 1 && u[i].cp == 'k' && i > 0) {
      size_t p = u[i - 1].cp == ' ' && i > 1 ? i - 2 : i - 1;
      if (IsDigit(u[p])) expansion = {};
    }
    if (!expansion.empty()) {
      if (!changed) out.reserve(n + 32);
      changed = true;
      out.insert(out.end(), u.begin() + static_cast<std::ptrdiff_t>(copied),
                 u.begin() + static_cast<std::ptrdiff_t>(i));
      for (char ch : expansion) {
        out.push_back(
            {static_cast<char32_t>(ch), u[i].origin, 0, ch == ' ' ? uint8_t{0} : kLetter});
      }
      copied = j;
    }
    i = j;
  }
  if (!changed) return;
  out.insert(out.end(), u.begin() + static_cast<std::ptrdiff_t>(copied), u.end());
  u.swap(out);
}

// Step 9.
void CollapseSpaces(Units& u) {
  size_t w = 0;
  for (size_t i = 0; i < u.size(); ++i) {
    if (u[i].cp == ' ' && (w == 0 || u[w - 1].cp == ' ')) continue;
    u[w++] = u[i];
  }
  if (w > 0 && u[w - 1].cp == ' ') --w;
  u.resize(w);
}

}  // namespace

MatchText NormalizeForMatching(std::string_view input) {
  constexpr size_t kMax = std::numeric_limits<uint32_t>::max() - 1;
  if (input.size() > kMax) input = input.substr(0, kMax);
  bool non_ascii = false;
  Units units = Decode(input, &non_ascii);
  if (non_ascii) MapLookalikes(units);
  Unleetify(units);
  JoinSpacedLetters(units);
  LimitRepeats(units);
  ExpandShorthand(units);
  CollapseSpaces(units);

  MatchText m;
  m.text.reserve(units.size() + 8);
  m.origin.reserve(units.size() + 9);
  for (const Unit& unit : units) {
    if (unit.cp < 0x80) {
      m.text.push_back(static_cast<char>(unit.cp));
      m.origin.push_back(unit.origin);
      continue;
    }
    const size_t before = m.text.size();
    AppendUtf8(unit.cp, &m.text);
    m.origin.insert(m.origin.end(), m.text.size() - before, unit.origin);
  }
  m.origin.push_back(static_cast<uint32_t>(input.size()));
  return m;
}

std::pair<size_t, size_t> OriginalSpan(const MatchText& m, size_t begin, size_t end) {
  const size_t size = m.text.size();
  end = std::min(end, size);
  begin = std::min(begin, end);
  if (m.origin.size() != size + 1) return {0, 0};  // not produced by NormalizeForMatching
  if (begin == end) return {m.origin[begin], m.origin[begin]};
  const uint32_t last = m.origin[end - 1];
  size_t k = end;
  while (k < size && m.origin[k] <= last) ++k;
  return {m.origin[begin], m.origin[k]};
}

}  // namespace binhyen::text
