#include "indicator/internal/extract_number.h"

#include <algorithm>
#include <array>
#include <limits>
#include <vector>

#include "base/strings.h"
#include "text/fold.h"
#include "text/utf8.h"

namespace binhyen::indicator::internal {
namespace {

constexpr size_t kFar = std::numeric_limits<size_t>::max();
constexpr size_t kLeftWords = 8;
constexpr size_t kRightWords = 4;
constexpr size_t kLeftBytes = 120;
constexpr size_t kRightBytes = 60;
constexpr size_t kNegativeReach = 3;
constexpr size_t kMinAccountDigits = 6;
constexpr size_t kMaxAccountDigits = 19;
constexpr size_t kMinNamedAccountDigits = 8;
constexpr size_t kMaxGroups = 10;  // "0 9 1 2 3 4 5 6 7 8" at most
constexpr size_t kMobileStkReach = 3;
constexpr size_t kBankNameReach = 3;

// kBank: "stk"-like words; kBankWord: words that introduce a bank name ("ngân hàng", "NH",
// "bank"), as weak as a bank name.
enum class Cue { kBank, kBankWord, kPhone, kNegative };

struct CuePhrase {
  std::string_view words;  // folded words separated by one space
  Cue cue;
  size_t reach = 8;  // ignored farther than this many words
};

constexpr CuePhrase kCues[] = {
    {"so tai khoan", Cue::kBank},
    {"chu tai khoan", Cue::kBank},
    {"tai khoan", Cue::kBank},
    {"so tk", Cue::kBank},
    {"chu tk", Cue::kBank},
    {"stk", Cue::kBank},
    {"tk", Cue::kBank},
    {"stknh", Cue::kBank},
    {"ngan hang", Cue::kBankWord},
    {"nh", Cue::kBankWord},
    {"chuyen khoan", Cue::kBank},
    {"ck", Cue::kBank},
    {"account", Cue::kBank, 2},
    {"acc", Cue::kBank, 2},
    {"acct", Cue::kBank, 2},
    {"bank", Cue::kBankWord},
    {"so dien thoai", Cue::kPhone},
    {"dien thoai", Cue::kPhone},
    {"sdt", Cue::kPhone},
    {"dt", Cue::kPhone},
    {"dd", Cue::kPhone},
    {"di dong", Cue::kPhone},
    {"hotline", Cue::kPhone},
    {"zalo", Cue::kPhone},
    {"goi", Cue::kPhone},
    {"lien he", Cue::kPhone},
    {"lh", Cue::kPhone},
    {"lien lac", Cue::kPhone},
    {"nhan tin", Cue::kPhone},
    {"call", Cue::kPhone},
    {"tel", Cue::kPhone},
    {"phone", Cue::kPhone},
    {"mobile", Cue::kPhone},
    {"sms", Cue::kPhone},
    {"viber", Cue::kPhone},
    {"whatsapp", Cue::kPhone},
    {"telegram", Cue::kPhone},
    {"contact", Cue::kPhone},
    {"otp", Cue::kNegative},
    {"ma", Cue::kNegative},
    {"code", Cue::kNegative},
    {"cccd", Cue::kNegative},
    {"cmnd", Cue::kNegative},
    {"cmt", Cue::kNegative},
    {"can cuoc", Cue::kNegative},
    {"mvd", Cue::kNegative},
    {"van don", Cue::kNegative},
    {"don hang", Cue::kNegative},
    {"order", Cue::kNegative},
    {"tracking", Cue::kNegative},
    {"mst", Cue::kNegative},
    {"ma so thue", Cue::kNegative},
    {"id", Cue::kNegative},
    {"pin", Cue::kNegative},
    {"imei", Cue::kNegative},
    {"serial", Cue::kNegative},
    {"seri", Cue::kNegative},
    {"ho chieu", Cue::kNegative},
    {"passport", Cue::kNegative},
    {"hop dong", Cue::kNegative},
    {"bhxh", Cue::kNegative},
    {"ref", Cue::kNegative},
};

// Units that make the number before them an amount.
constexpr std::string_view kMoneyWords[] = {
    "d",  "vnd",    "dong",  "k",   "tr",   "trieu",   "nghin",  "ngan", "usd",
    "ty", "xu",     "usdt",  "btc", "eth",  "dollars", "dollar", "euro", "eur",
    "p",  "pounds", "cents", "lan", "phut", "giay",    "kg",     "km",
};

// Lower-case words that are bank aliases but common words too; they count only when written
// with a capital letter.
constexpr std::string_view kAmbiguousBankWords[] = {"cake",   "coop",  "agri", "saigon", "timo",
                                                    "public", "ocean", "viet", "momo"};

struct Word {
  size_t start = 0;
  size_t end = 0;
  std::string folded;
};

// Splits [from, to) into words (runs of IsWordCodePoint), in text order.
std::vector<Word> WordsIn(std::string_view text, size_t from, size_t to) {
  std::vector<Word> words;
  size_t pos = from;
  size_t word_start = std::string_view::npos;
  auto close = [&](size_t end) {
    if (word_start != std::string_view::npos) {
      words.push_back(
          {word_start, end, text::FoldVietnamese(text.substr(word_start, end - word_start))});
      word_start = std::string_view::npos;
    }
  };
  while (pos < to) {
    size_t p = pos;
    char32_t c = text::DecodeUtf8(text, &p);
    if (p > to) p = to;
    bool word = c != text::kReplacementChar && IsWordCodePoint(c);
    if (word && word_start == std::string_view::npos) word_start = pos;
    if (!word) close(pos);
    pos = p;
  }
  close(to);
  return words;
}

// Moves `pos` forward to the start of a code point.
size_t AlignForward(std::string_view text, size_t pos) {
  while (pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) ++pos;
  return pos;
}

// A cue phrase split into its words, once.
struct SplitCue {
  std::array<std::string_view, 3> parts;
  size_t size = 0;
  const CuePhrase* cue = nullptr;
};

const std::vector<SplitCue>& SplitCues() {
  static const std::vector<SplitCue> split = [] {
    std::vector<SplitCue> out;
    for (const CuePhrase& c : kCues) {
      SplitCue sc;
      sc.cue = &c;
      for (std::string_view rest = c.words; !rest.empty() && sc.size < sc.parts.size();) {
        size_t sp = rest.find(' ');
        sc.parts[sc.size++] = rest.substr(0, sp);
        rest = sp == std::string_view::npos ? std::string_view() : rest.substr(sp + 1);
      }
      out.push_back(sc);
    }
    return out;
  }();
  return split;
}

// Whether `words[i..]` (when forward) or `words[..i]` (backward) spell the cue.
bool PhraseAt(const std::vector<Word>& words, size_t i, const SplitCue& cue, bool forward) {
  const size_t n = cue.size;
  // Cheap test of the word at i first: most words are no cue.
  const std::string& w = words[i].folded;
  const std::string_view anchor = forward ? cue.parts[0] : cue.parts[n - 1];
  if (w.size() != anchor.size() || w[0] != anchor[0]) return false;
  if (forward) {
    if (i + n > words.size()) return false;
    for (size_t k = 0; k < n; ++k) {
      if (words[i + k].folded != cue.parts[k]) return false;
    }
  } else {
    if (i + 1 < n) return false;
    for (size_t k = 0; k < n; ++k) {
      if (words[i + 1 - n + k].folded != cue.parts[k]) return false;
    }
  }
  return true;
}

struct Cues {
  size_t bank = kFar;      // nearest "stk"-like cue or bank name
  size_t bank_cue = kFar;  // nearest "stk"-like cue (not a bank name)
  size_t phone = kFar;
  size_t negative = kFar;
  size_t bank_name_distance = kFar;
  size_t bank_word = kFar;  // nearest "ngân hàng" / "NH" / "bank"
  std::string bank_phrase;
};

bool IsBankCandidateWord(std::string_view raw, std::string_view folded) {
  if (folded.size() < 2 || base::IsAsciiDigit(folded[0])) return false;
  for (const CuePhrase& c : kCues) {
    if (c.words == folded) return false;
  }
  bool has_upper =
      std::any_of(raw.begin(), raw.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; });
  if (has_upper) return true;
  return std::find(std::begin(kAmbiguousBankWords), std::end(kAmbiguousBankWords), folded) ==
         std::end(kAmbiguousBankWords);
}

// Looks for a bank name starting at word i: "Vietcombank", "MB Bank", "Nam A Bank", and after
// "ngân hàng" / "NH" also descriptive names ("ngân hàng Á Châu").
bool BankNameAt(std::string_view text, const std::vector<Word>& words, size_t i,
                const BankNamePredicate& is_bank, std::string* phrase) {
  const Word& w = words[i];
  if (w.folded.empty() || base::IsAsciiDigit(w.folded[0])) return false;
  const bool after_bank_word =
      (i >= 1 && words[i - 1].folded == "nh") ||
      (i >= 2 && words[i - 2].folded == "ngan" && words[i - 1].folded == "hang");
  auto try_phrase = [&](size_t len, bool descriptive) {
    if (i + len > words.size()) return false;
    for (size_t k = i; k < i + len; ++k) {
      if (k > i && base::IsAsciiDigit(words[k].folded[0])) return false;
    }
    std::string_view p = text.substr(w.start, words[i + len - 1].end - w.start);
    if (!is_bank(p, descriptive)) return false;
    *phrase = std::string(p);
    return true;
  };
  if (after_bank_word) {
    for (size_t len = 3; len >= 1; --len) {
      if (try_phrase(len, true)) return true;
    }
    return false;
  }
  std::string_view raw = text.substr(w.start, w.end - w.start);
  // Brand names and codes are ASCII; descriptive names ("Á Châu") count only after "ngân hàng".
  if (!std::all_of(raw.begin(), raw.end(),
                   [](char ch) { return static_cast<unsigned char>(ch) < 0x80; })) {
    return false;
  }
  if (!IsBankCandidateWord(raw, w.folded)) return false;
  for (size_t len = 3; len >= 2; --len) {
    if (i + len <= words.size() && words[i + len - 1].folded == "bank" && try_phrase(len, false)) {
      return true;
    }
  }
  return try_phrase(1, false);
}

void UpdateCue(Cue cue, size_t distance, Cues* cues) {
  switch (cue) {
    case Cue::kBank:
      cues->bank = std::min(cues->bank, distance);
      cues->bank_cue = std::min(cues->bank_cue, distance);
      break;
    case Cue::kBankWord:
      cues->bank = std::min(cues->bank, distance);
      cues->bank_word = std::min(cues->bank_word, distance);
      break;
    case Cue::kPhone: cues->phone = std::min(cues->phone, distance); break;
    case Cue::kNegative: cues->negative = std::min(cues->negative, distance); break;
  }
}

void FindCues(std::string_view text, const std::vector<Word>& words, bool forward,
              const BankNamePredicate& is_bank, Cues* cues) {
  for (size_t i = 0; i < words.size(); ++i) {
    size_t distance = forward ? i + 1 : words.size() - i;
    for (const SplitCue& sc : SplitCues()) {
      const CuePhrase& c = *sc.cue;
      if (PhraseAt(words, i, sc, forward)) {
        // Negative cues only count before the number and close to it.
        if (c.cue == Cue::kNegative && (forward || distance > kNegativeReach)) continue;
        // English "account" is loose ("Account Statement for 0774..."): only right before.
        if (distance > c.reach) continue;
        // Cue words after the number ("0912345678 zalo", "..., STK 0123") usually belong to the
        // next number: count them as farther. Bank names after it ("(ACB)") are not affected.
        UpdateCue(c.cue, forward ? distance + 2 : distance, cues);
      }
    }
    std::string phrase;
    if (distance < cues->bank_name_distance && BankNameAt(text, words, i, is_bank, &phrase)) {
      cues->bank_name_distance = distance;
      cues->bank_phrase = std::move(phrase);
      cues->bank = std::min(cues->bank, distance);
    }
  }
}

bool MoneyAfter(const std::vector<Word>& right) {
  if (right.empty()) return false;
  std::string_view w = right[0].folded;
  if (w == "ngan" && right.size() > 1 && right[1].folded == "hang") return false;  // ngân hàng
  return std::find(std::begin(kMoneyWords), std::end(kMoneyWords), w) != std::end(kMoneyWords);
}

}  // namespace

PhoneShape ClassifyPhoneShape(std::string_view d, bool plus) {
  auto in = [](char c, std::string_view set) { return set.find(c) != std::string_view::npos; };
  std::string_view national;
  if (d.size() >= 2 && d.substr(0, 2) == "84" && (plus || d.size() == 11 || d.size() == 12)) {
    national = d.substr(2);
    if (national.size() == 9 && in(national[0], "35789")) return PhoneShape::kMobile;
    if (national.size() == 10 && national[0] == '2') return PhoneShape::kLandline;
    return PhoneShape::kNone;
  }
  if (plus) {
    return d.size() >= 8 && d.size() <= 15 && d[0] != '0' ? PhoneShape::kForeign
                                                          : PhoneShape::kNone;
  }
  if (d.size() == 10 && d[0] == '0' && in(d[1], "35789")) return PhoneShape::kMobile;
  if (d.size() == 11 && d[0] == '0' && d[1] == '2') return PhoneShape::kLandline;
  if ((d.size() == 8 || d.size() == 10) && (d.substr(0, 4) == "1800" || d.substr(0, 4) == "1900")) {
    return PhoneShape::kService;
  }
  return PhoneShape::kNone;
}

NumberDecision DecideNumber(std::string_view text, const Candidate& c, size_t first_group,
                            size_t left_limit, size_t right_limit,
                            const BankNamePredicate& is_bank) {
  NumberDecision none;
  none.next_group = c.groups.size();
  if (first_group >= c.groups.size()) return none;
  const size_t span_start = first_group == 0 ? c.start : c.groups[first_group].start;

  Cues left;
  if (first_group == 0) {
    size_t from = span_start > kLeftBytes ? span_start - kLeftBytes : 0;
    from = AlignForward(text, std::max(from, left_limit));
    std::vector<Word> words = WordsIn(text, from, span_start);
    if (words.size() > kLeftWords) words.erase(words.begin(), words.end() - kLeftWords);
    FindCues(text, words, /*forward=*/false, is_bank, &left);
  }
  // prefix_digits[k]: the digits of groups [0, k).
  std::vector<size_t> prefix_digits(c.groups.size() + 1, 0);
  for (size_t g = 0; g < c.groups.size(); ++g) {
    prefix_digits[g + 1] = prefix_digits[g] + (c.groups[g].end - c.groups[g].start);
  }
  const size_t min_groups = first_group == 0 && c.paren ? 2 : 1;
  for (size_t k = c.groups.size(); k >= first_group + min_groups; --k) {
    const bool whole = k == c.groups.size();
    if (!whole && c.separator != ' ') continue;
    if (k - first_group > kMaxGroups) continue;
    const size_t digit_count = prefix_digits[k] - prefix_digits[first_group];
    if (digit_count > kMaxAccountDigits) continue;
    if (digit_count < kMinAccountDigits) break;  // shorter prefixes have fewer digits
    NumberDecision d;
    d.start = span_start;
    d.end = c.groups[k - 1].end;
    d.next_group = k;
    for (size_t g = first_group; g < k; ++g) {
      d.digits.append(text.substr(c.groups[g].start, c.groups[g].end - c.groups[g].start));
    }
    const bool plus = first_group == 0 && c.plus;
    const bool formatted = k - first_group > 1 || (first_group == 0 && (c.paren || c.plus));
    Cues cues = left;
    if (whole) {
      // The words after the number count only for the whole candidate.
      Cues right;
      size_t to = std::min({right_limit, text.size(), c.end + kRightBytes});
      std::vector<Word> words = WordsIn(text, c.end, std::max(to, c.end));
      if (words.size() > kRightWords) words.resize(kRightWords);
      if (MoneyAfter(words)) continue;
      FindCues(text, words, /*forward=*/true, is_bank, &right);
      cues.bank = std::min(cues.bank, right.bank);
      cues.bank_cue = std::min(cues.bank_cue, right.bank_cue);
      cues.phone = std::min(cues.phone, right.phone);
      cues.bank_word = std::min(cues.bank_word, right.bank_word);
      if (right.bank_name_distance < cues.bank_name_distance) {
        cues.bank_name_distance = right.bank_name_distance;
        cues.bank_phrase = right.bank_phrase;
      }
    }
    const PhoneShape shape = ClassifyPhoneShape(d.digits, plus);
    const bool phone_shaped = shape != PhoneShape::kNone;
    if (cues.negative < std::min(cues.bank, cues.phone)) continue;

    // A "stk"-like cue may stand a few words away ("số tài khoản ... ngân hàng MB ..."), but
    // not for a mobile-shaped number, which is more likely a phone; a bank name alone must be
    // next to an account of 8 digits or more.
    const size_t n = d.digits.size();
    const bool stk_ok =
        cues.bank_cue <= (shape == PhoneShape::kMobile ? kMobileStkReach : kLeftWords);
    const size_t name_distance = std::min(cues.bank_name_distance, cues.bank_word);
    const bool name_ok = name_distance <= kBankNameReach && n >= kMinNamedAccountDigits;
    if ((stk_ok || name_ok) && !plus && n >= kMinAccountDigits && n <= kMaxAccountDigits) {
      const size_t bank_distance =
          std::min(stk_ok ? cues.bank_cue : kFar, name_ok ? name_distance : kFar);
      const bool phone_wins =
          phone_shaped && (cues.phone < bank_distance || (!stk_ok && cues.phone != kFar));
      if (!phone_wins) {
        d.what = NumberDecision::What::kBankAccount;
        d.bank_phrase = cues.bank_phrase;
        return d;
      }
    }
    if (shape == PhoneShape::kMobile || (phone_shaped && (formatted || cues.phone != kFar))) {
      d.what = NumberDecision::What::kPhone;
      return d;
    }
  }
  return none;
}

}  // namespace binhyen::indicator::internal
