#include "indicator/internal/extract_scan.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>

#include "base/strings.h"
#include "text/utf8.h"

namespace binhyen::indicator::internal {
namespace {

using base::IsAsciiAlnum;
using base::IsAsciiAlpha;
using base::IsAsciiDigit;

constexpr size_t kMaxLabels = 16;
constexpr size_t kMaxNumberDigits = 40;
constexpr size_t kMinNumberDigits = 6;

// Bytes that can start a candidate: ASCII letters and digits, '+', '(' and UTF-8 lead bytes.
constexpr std::array<bool, 256> MakeStartTable() {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c) {
    t[c] = IsAsciiAlnum(char(c)) || c == '+' || c == '(' || c >= 0xC2;
  }
  return t;
}
constexpr std::array<bool, 256> kStartByte = MakeStartTable();

// Bytes of a word for the fast skip of Run(): ASCII letters and digits, '-', and every byte of a
// non-ASCII code point; with flags for digits and non-ASCII bytes.
constexpr uint8_t kWordBit = 1;
constexpr uint8_t kDigitBit = 2;
constexpr uint8_t kHighBit = 4;
constexpr std::array<uint8_t, 256> MakeWordByteTable() {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    if (IsAsciiAlpha(char(c)) || c == '-') t[c] = kWordBit;
    if (IsAsciiDigit(char(c))) t[c] = kWordBit | kDigitBit;
    if (c >= 0x80) t[c] = kWordBit | kHighBit;
  }
  return t;
}
constexpr std::array<uint8_t, 256> kWordByte = MakeWordByteTable();

// True when `c` is one of the characters of `set` (never for NUL, unlike std::strchr).
constexpr bool InSet(char c, std::string_view set) {
  for (char s : set) {
    if (s == c) return c != '\0';
  }
  return false;
}

// ASCII characters that glue a following word to what is before it.
constexpr std::array<bool, 256> MakeGlueTable() {
  std::array<bool, 256> t{};
  for (int c = 0; c < 128; ++c) t[c] = IsAsciiAlnum(char(c)) || InSet(char(c), "-_.@/%=&#$\\~^|*");
  return t;
}
constexpr std::array<bool, 256> kGlueByte = MakeGlueTable();

bool IsLetterCodePoint(char32_t c) { return IsWordCodePoint(c); }

// Currency signs that glue to an amount: £ ¥ € ₫.
bool IsCurrencySign(char32_t c) { return c == 0xA3 || c == 0xA5 || c == 0x20AC || c == 0x20AB; }

std::string_view AsciiLowerView(std::string_view s, std::array<char, 32>* buf) {
  size_t n = std::min(s.size(), buf->size());
  for (size_t i = 0; i < n; ++i) (*buf)[i] = base::AsciiToLower(s[i]);
  return std::string_view(buf->data(), n);
}

bool EqualsLower(std::string_view a, std::string_view lower) {
  return a.size() == lower.size() && base::EqualsIgnoreAsciiCase(a, lower);
}

bool StartsWithIgnoreCase(std::string_view s, size_t pos, std::string_view lower) {
  return pos <= s.size() && s.size() - pos >= lower.size() &&
         base::EqualsIgnoreAsciiCase(s.substr(pos, lower.size()), lower);
}

// Well-known short hosts that are links even without another signal.
bool IsKnownShortHost(std::string_view host_lower) {
  static constexpr std::string_view kHosts[] = {
      "bit.ly",  "t.me",       "zalo.me",     "fb.me",      "m.me",    "wa.me",
      "goo.gl",  "is.gd",      "t.co",        "youtu.be",   "cutt.ly", "rb.gy",
      "tiny.cc", "ow.ly",      "shorturl.at", "s.id",       "v.gd",    "t.ly",
      "x.co",    "rebrand.ly", "bom.so",      "tinyurl.com"};
  return std::find(std::begin(kHosts), std::end(kHosts), host_lower) != std::end(kHosts);
}

// What ParseHost learned about a run of labels.
struct HostInfo {
  size_t start = 0;
  size_t end = 0;  // end of the last label
  size_t labels = 0;
  std::array<std::pair<size_t, size_t>, kMaxLabels> spans{};  // the first kMaxLabels labels
  bool all_numeric = true;                                    // every label is digits only
  bool first_digits_hyphens = true;  // the first label is digits and '-' only
  bool bad_hyphen = false;           // a label starts or ends with '-'
  bool defanged = false;
  // Over the labels before the last one:
  bool head_hyphen = false;
  size_t tld_start = 0;
  size_t tld_end = 0;
  std::string host;  // labels joined by '.'
};

struct Separator {
  size_t length = 0;    // 0: none
  bool defang = false;  // a defang marker ("[.]", " (.) ", spaces around a dot...)
  bool spaced = false;  // a plain dot with spaces next to it: needs a strong TLD after it
};

class Scanner {
 public:
  explicit Scanner(std::string_view text) : t_(text) {}

  std::vector<Candidate> Run() {
    size_t i = 0;
    const size_t n = t_.size();
    while (i < n) {
      if (!kStartByte[static_cast<uint8_t>(t_[i])]) {
        ++i;
        continue;
      }
      if (size_t end = BoringWordEnd(i); end != 0) {
        i = end;
        continue;
      }
      if (PrecededByGlue(i)) {
        i = SkipWord(i);
        continue;
      }
      size_t next = TryAt(i);
      i = std::max(next, i + 1);
    }
    return std::move(out_);
  }

 private:
  // The fast path: most words of a text cannot start a candidate. For a word that starts with a
  // letter (or a non-ASCII byte) and is not followed by '.', '@', ':', a bracket, or a space and
  // one of ". ( [ {", returns its end; otherwise 0 (the careful path decides). A word holding a
  // non-ASCII byte and a digit also takes the careful path: the non-ASCII code point may be
  // punctuation before a number ("“0912345678").
  size_t BoringWordEnd(size_t i) const {
    const size_t n = t_.size();
    unsigned char b = static_cast<unsigned char>(t_[i]);
    if (b < 0x80 && !IsAsciiAlpha(char(b))) return 0;
    uint8_t seen = 0;
    size_t j = i;
    for (uint8_t f; j < n && ((f = kWordByte[static_cast<uint8_t>(t_[j])]) & kWordBit); ++j) {
      seen |= f;
    }
    if ((seen & (kDigitBit | kHighBit)) == (kDigitBit | kHighBit)) return 0;
    if (j == n) return j;
    char c = t_[j];
    if (InSet(c, ".@:[({*")) return 0;
    if (c == ' ' && j + 1 < n && InSet(t_[j + 1], ".[({")) return 0;
    return j;
  }

  // Length of the code point at pos when it is a label character (ASCII letter, digit, '-', or
  // a non-ASCII letter), else 0.
  size_t LabelCharLength(size_t pos) const {
    unsigned char b = static_cast<unsigned char>(t_[pos]);
    if (b < 0x80) return (IsAsciiAlnum(char(b)) || b == '-') ? 1 : 0;
    size_t p = pos;
    char32_t c = text::DecodeUtf8(t_, &p);
    if (c == text::kReplacementChar) return 0;
    return IsLetterCodePoint(c) ? p - pos : 0;
  }

  bool IsLabelStart(size_t pos) const { return pos < t_.size() && LabelCharLength(pos) > 0; }

  // Advances over a word (label characters), at least one byte.
  size_t SkipWord(size_t pos) const {
    size_t start = pos;
    while (pos < t_.size()) {
      size_t len = LabelCharLength(pos);
      if (len == 0) break;
      pos += len;
    }
    return pos > start ? pos : start + 1;
  }

  // True when the code point before `pos` joins it to a word, an amount or a URL remnant, so
  // that no candidate starts at `pos`.
  bool PrecededByGlue(size_t pos) const {
    if (pos == 0) return false;
    unsigned char b = static_cast<unsigned char>(t_[pos - 1]);
    if (b < 0x80) {
      return kGlueByte[b];
    }
    size_t lead = pos - 1;
    while (lead > 0 && pos - lead < 4 && (static_cast<unsigned char>(t_[lead]) & 0xC0) == 0x80) {
      --lead;
    }
    size_t p = lead;
    char32_t c = text::DecodeUtf8(t_, &p);
    // Ill-formed bytes glue too: a number or host next to garbage is not trusted.
    if (p != pos || c == text::kReplacementChar) return true;
    return IsLetterCodePoint(c) || IsCurrencySign(c);
  }

  size_t TryAt(size_t i) {
    char b = t_[i];
    if (b == '+' || b == '(') return TryNumber(i);
    if (IsAsciiAlpha(b)) {
      std::string_view scheme;
      size_t after = 0;
      if (MatchScheme(i, &scheme, &after)) return TryLink(i, after, scheme);
      size_t local_end = ScanLocalPart(i);
      if (local_end > i) {
        size_t r = TryEmail(i, local_end);
        if (r != 0) return r;
      }
    }
    return TryHostOrNumber(i);
  }

  // "http://", "https://", "hxxp://", "hxxps://", "h**p://", with "[:]//" or "[://]" too.
  bool MatchScheme(size_t i, std::string_view* scheme, size_t* after) const {
    size_t j = i;
    while (j < t_.size() && j - i < 6 && (IsAsciiAlpha(t_[j]) || t_[j] == '*')) ++j;
    std::array<char, 32> buf;
    std::string_view word = AsciiLowerView(t_.substr(i, j - i), &buf);
    if (word.size() < 4 || word[0] != 'h') return false;
    std::string_view body = word.substr(1, 3);
    if (body != "ttp" && body != "xxp" && body != "**p" && body != "xtp" && body != "txp") {
      return false;
    }
    bool https = word.size() == 5 && word[4] == 's';
    if (word.size() != 4 && !https) return false;
    size_t k = 0;
    if (t_.substr(j, 3) == "://") {
      k = 3;
    } else if (t_.substr(j, 5) == "[:]//" || t_.substr(j, 5) == "[://]") {
      k = 5;
    } else {
      return false;
    }
    *scheme = https ? "https" : "http";
    *after = j + k;
    return true;
  }

  // Separators between labels, see the file comment.
  Separator MatchSeparator(size_t pos) const {
    const size_t n = t_.size();
    Separator none;
    if (pos >= n) return none;
    char c = t_[pos];
    if (c == '.') {
      if (pos + 1 < n && t_[pos + 1] != ' ') return {1, false, false};
      size_t q = pos + 1;
      while (q < n && t_[q] == ' ' && q - pos <= 2) ++q;
      if (q > pos + 1) return {q - pos, true, true};
      return none;
    }
    if (c == '[' || c == '(' || c == '{') {
      size_t len = BracketedDot(pos);
      if (len) return {len, true, false};
      return none;
    }
    if (c == ' ') {
      size_t q = pos;
      while (q < n && t_[q] == ' ' && q - pos < 2) ++q;
      if (q >= n) return none;
      size_t m = 0;
      bool spaced = false;
      if (t_[q] == '.') {
        m = 1;
        spaced = true;
      } else {
        m = BracketedDot(q);
      }
      if (m == 0) return none;
      size_t r = q + m;
      size_t spaces = 0;
      while (r < n && t_[r] == ' ' && spaces < 2) ++r, ++spaces;
      if (spaced && spaces == 0 && r < n && t_[r] == '.') return none;
      return {r - pos, true, spaced};
    }
    return none;
  }

  // "[.]", "(.)", "{.}", "[dot]", "(dot)", "{dot}" at pos: the length, or 0.
  size_t BracketedDot(size_t pos) const {
    char open = t_[pos];
    char close = open == '[' ? ']' : open == '(' ? ')' : '}';
    if (pos + 2 < t_.size() && t_[pos + 1] == '.' && t_[pos + 2] == close) return 3;
    if (StartsWithIgnoreCase(t_, pos + 1, "dot") && pos + 4 < t_.size() && t_[pos + 4] == close) {
      return 5;
    }
    return 0;
  }

  // Scans one label from pos; returns its end and updates the per-label flags.
  size_t ScanLabel(size_t pos, bool* ascii, bool* digits_only, bool* digit, bool* hyphen) const {
    *ascii = true;
    *digits_only = true;
    *digit = false;
    *hyphen = false;
    while (pos < t_.size()) {
      unsigned char b = static_cast<unsigned char>(t_[pos]);
      if (b < 0x80) {
        if (IsAsciiDigit(char(b))) {
          *digit = true;
        } else if (IsAsciiAlpha(char(b))) {
          *digits_only = false;
        } else if (b == '-') {
          *hyphen = true;
          *digits_only = false;
        } else {
          break;
        }
        ++pos;
        continue;
      }
      size_t len = LabelCharLength(pos);
      if (len == 0) break;
      *ascii = false;
      *digits_only = false;
      pos += len;
    }
    return pos;
  }

  // Parses labels joined by separators from `start` (a label character). After a scheme
  // ("http://careers. bloomberg.com"), a dot with spaces may join any two ASCII labels.
  void ParseHost(size_t start, HostInfo* h, bool after_scheme = false) const {
    *h = HostInfo();
    h->start = start;
    size_t pos = start;
    bool prev_hyphen = false;
    while (true) {
      bool ascii, digits_only, digit, hyphen;
      size_t lend = ScanLabel(pos, &ascii, &digits_only, &digit, &hyphen);
      if (lend == pos) break;
      if (h->labels > 0) {
        // The previous label is not the last one: it belongs to the head.
        h->head_hyphen = h->head_hyphen || prev_hyphen;
      }
      if (h->labels < kMaxLabels) h->spans[h->labels] = {pos, lend};
      if (h->labels == 0) {
        bool only = true;
        for (size_t k = pos; k < lend; ++k) only = only && (IsAsciiDigit(t_[k]) || t_[k] == '-');
        h->first_digits_hyphens = only;
      }
      ++h->labels;
      h->all_numeric = h->all_numeric && digits_only && !hyphen;
      if (t_[pos] == '-' || t_[lend - 1] == '-') h->bad_hyphen = true;
      h->host.append(t_.substr(pos, lend - pos));
      h->tld_start = pos;
      h->tld_end = lend;
      h->end = lend;
      prev_hyphen = hyphen;
      if (h->labels >= 127) break;

      Separator sep = MatchSeparator(lend);
      if (sep.length == 0) break;
      size_t next = lend + sep.length;
      if (!IsLabelStart(next)) break;
      if (sep.spaced &&
          !(after_scheme ? ascii && AsciiLabelAt(next) : SpacedLabelOk(next, ascii))) {
        break;
      }
      h->defanged = h->defanged || sep.defang;
      h->host.push_back('.');
      pos = next;
    }
  }

  bool AsciiLabelAt(size_t pos) const {
    return pos < t_.size() && (IsAsciiAlnum(t_[pos]) || t_[pos] == '-');
  }

  // After a spaced dot ("ehoaq. com"): the next label must be a strong TLD in lower-case ASCII,
  // be the last label, and follow an ASCII label.
  bool SpacedLabelOk(size_t next, bool prev_ascii) const {
    if (!prev_ascii) return false;
    size_t e = next;
    while (e < t_.size() && t_[e] >= 'a' && t_[e] <= 'z') ++e;
    if (e < t_.size() && LabelCharLength(e) > 0) return false;
    if (!IsSpacedTld(t_.substr(next, e - next))) return false;
    if (e + 1 < t_.size() && t_[e] == '.' && IsLabelStart(e + 1)) return false;
    return true;
  }

  static bool TldShapeOk(std::string_view tld) {
    if (tld.size() >= 5 && StartsWithIgnoreCase(tld, 0, "xn--")) {
      return std::all_of(tld.begin(), tld.end(),
                         [](char c) { return IsAsciiAlnum(c) || c == '-'; });
    }
    if (tld.size() < 2 || tld.size() > 24) return false;
    return std::all_of(tld.begin(), tld.end(), [](char c) { return IsAsciiAlpha(c); });
  }

  bool IsIpv4(const HostInfo& h) const {
    if (h.labels != 4 || !h.all_numeric) return false;
    for (size_t k = 0; k < 4; ++k) {
      auto [s, e] = h.spans[k];
      if (e - s > 3 || (e - s > 1 && t_[s] == '0')) return false;
      int v = 0;
      for (size_t p = s; p < e; ++p) v = v * 10 + (t_[p] - '0');
      if (v > 255) return false;
    }
    return true;
  }

  // The rule against glued words, for links without scheme, port or path (file comment).
  bool AcceptSchemeless(const HostInfo& h) const {
    if (h.bad_hyphen) return false;
    if (h.defanged || h.head_hyphen) return true;
    std::string_view tld = t_.substr(h.tld_start, h.tld_end - h.tld_start);
    if (IsStrongTld(tld)) return true;
    auto [fs, fe] = h.spans[0];
    if (EqualsLower(t_.substr(fs, fe - fs), "www")) return true;
    if (h.host.size() <= 16) {
      std::array<char, 32> buf;
      if (IsKnownShortHost(AsciiLowerView(h.host, &buf))) return true;
    }
    return false;
  }

  size_t TryHostOrNumber(size_t i) {
    HostInfo& h = host_;
    ParseHost(i, &h);
    if (h.labels >= 2) {
      if (h.all_numeric) {
        if (IsIpv4(h)) return FinishLink(i, h, {});
        return TryNumber(i);
      }
      if (!TldShapeOk(t_.substr(h.tld_start, h.tld_end - h.tld_start))) return h.end;
      return FinishLink(i, h, {});
    }
    if (IsAsciiDigit(t_[i]) && h.first_digits_hyphens) return TryNumber(i);
    return std::max(h.end, i + 1);
  }

  size_t TryLink(size_t start, size_t host_start, std::string_view scheme) {
    if (!IsLabelStart(host_start)) return host_start;
    HostInfo& h = host_;
    ParseHost(host_start, &h, /*after_scheme=*/true);
    if (h.labels < 2) return std::max(h.end, host_start);
    if (h.all_numeric ? !IsIpv4(h) : !TldShapeOk(t_.substr(h.tld_start, h.tld_end - h.tld_start))) {
      return h.end;
    }
    return FinishLink(start, h, scheme);
  }

  // Port, path, trailing punctuation, acceptance; emits the link. Returns where to go on.
  size_t FinishLink(size_t start, const HostInfo& h, std::string_view scheme) {
    const size_t n = t_.size();
    size_t pos = h.end;
    size_t rest_start = pos;
    if (pos + 1 < n && t_[pos] == ':' && IsAsciiDigit(t_[pos + 1])) {
      size_t q = pos + 1;
      while (q < n && IsAsciiDigit(t_[q]) && q - pos <= 6) ++q;
      if (q - pos - 1 <= 5 && (q == n || !IsAsciiAlnum(t_[q]))) pos = q;
    }
    if (pos < n && (t_[pos] == '/' || t_[pos] == '?' || t_[pos] == '#')) {
      size_t pend = TrimTrailing(pos, ScanPath(pos));
      pos = std::max(pos, pend);
    }
    bool has_path = pos > rest_start;
    bool ip = h.all_numeric;
    if (scheme.empty() && !has_path && !ip && !AcceptSchemeless(h)) return h.end;
    Candidate c;
    c.kind = CandidateKind::kLink;
    c.start = start;
    c.end = pos;
    c.host = h.host;
    c.has_scheme = !scheme.empty();
    c.has_path = has_path;
    c.host_is_ipv4 = ip;
    c.defanged = h.defanged || (!scheme.empty() && !StartsWithIgnoreCase(t_, start, "http"));
    if (scheme.empty() && !has_path) {
      c.cleaned = h.host;
    } else {
      c.cleaned.reserve(h.host.size() + (pos - rest_start) + 8);
      c.cleaned.append(scheme.empty() ? std::string_view("http") : scheme);
      c.cleaned.append("://");
      c.cleaned.append(h.host);
      c.cleaned.append(t_.substr(rest_start, pos - rest_start));
    }
    out_.push_back(std::move(c));
    return pos;
  }

  size_t ScanPath(size_t pos) const {
    while (pos < t_.size()) {
      unsigned char b = static_cast<unsigned char>(t_[pos]);
      if (b < 0x80) {
        if (b <= 0x20 || b == 0x7F || InSet(char(b), "<>\"`{}|\\^")) break;
        ++pos;
        continue;
      }
      size_t p = pos;
      char32_t c = text::DecodeUtf8(t_, &p);
      if (c == text::kReplacementChar || !IsLetterCodePoint(c)) break;
      pos = p;
    }
    return pos;
  }

  // Drops trailing punctuation from [start, end), and closing brackets without an opening one.
  size_t TrimTrailing(size_t start, size_t end) const {
    while (end > start) {
      char c = t_[end - 1];
      if (InSet(c, ".,;:!?'\"*")) {
        --end;
        continue;
      }
      if (c == ')' || c == ']') {
        char open = c == ')' ? '(' : '[';
        std::string_view s = t_.substr(start, end - start);
        if (std::count(s.begin(), s.end(), c) > std::count(s.begin(), s.end(), open)) {
          --end;
          continue;
        }
      }
      break;
    }
    return end;
  }

  size_t ScanLocalPart(size_t i) const {
    size_t j = i;
    while (j < t_.size() && (IsAsciiAlnum(t_[j]) || InSet(t_[j], "._%+-"))) ++j;
    return j;
  }

  // '@', "[at]", "(at)", "{at}", "[@]", "(@)", optionally with one space around a bracket.
  size_t MatchAtSign(size_t pos, bool* defanged) const {
    const size_t n = t_.size();
    if (pos < n && t_[pos] == '@') return 1;
    size_t q = pos;
    if (q < n && t_[q] == ' ') ++q;
    if (q >= n || (t_[q] != '[' && t_[q] != '(' && t_[q] != '{')) return 0;
    char close = t_[q] == '[' ? ']' : t_[q] == '(' ? ')' : '}';
    size_t m = 0;
    if (StartsWithIgnoreCase(t_, q + 1, "at") && q + 3 < n && t_[q + 3] == close) {
      m = 4;
    } else if (q + 2 < n && t_[q + 1] == '@' && t_[q + 2] == close) {
      m = 3;
    } else {
      return 0;
    }
    size_t r = q + m;
    if (q > pos && r < n && t_[r] == ' ') ++r;
    *defanged = true;
    return r - pos;
  }

  // Returns where to go on after an email, or 0 when there is none at i.
  size_t TryEmail(size_t i, size_t local_end) {
    if (t_[local_end - 1] == '.' || t_[i] == '.') return 0;
    bool defanged = false;
    size_t at = MatchAtSign(local_end, &defanged);
    if (at == 0) return 0;
    size_t host_start = local_end + at;
    if (!IsLabelStart(host_start)) return 0;
    HostInfo& h = host_;
    ParseHost(host_start, &h);
    if (h.labels < 2 || h.all_numeric || h.bad_hyphen ||
        !TldShapeOk(t_.substr(h.tld_start, h.tld_end - h.tld_start))) {
      return 0;
    }
    Candidate c;
    c.kind = CandidateKind::kEmail;
    c.start = i;
    c.end = h.end;
    c.host = h.host;
    c.defanged = defanged || h.defanged;
    c.cleaned.append(t_.substr(i, local_end - i));
    c.cleaned.push_back('@');
    c.cleaned.append(h.host);
    out_.push_back(std::move(c));
    return h.end;
  }

  // Skips a numeric remnant (digits and . , / : -) from pos.
  size_t SkipNumeric(size_t pos) const {
    while (pos < t_.size() && (IsAsciiDigit(t_[pos]) || InSet(t_[pos], ".,/:-"))) {
      ++pos;
    }
    return pos;
  }

  size_t ReadDigits(size_t pos) const {
    while (pos < t_.size() && IsAsciiDigit(t_[pos])) ++pos;
    return pos;
  }

  size_t TryNumber(size_t i) {
    const size_t n = t_.size();
    Candidate c;
    c.kind = CandidateKind::kNumber;
    c.start = i;
    size_t pos = i;
    if (t_[pos] == '+') {
      if (pos + 1 >= n || !IsAsciiDigit(t_[pos + 1])) return i + 1;
      c.plus = true;
      ++pos;
    } else if (t_[pos] == '(') {
      size_t q = ReadDigits(pos + 1);
      if (q - pos - 1 < 2 || q - pos - 1 > 5 || q >= n || t_[q] != ')') return i + 1;
      c.paren = true;
      c.groups.push_back({pos + 1, q});
      pos = q + 1;
      if (pos + 1 < n && (t_[pos] == ' ' || t_[pos] == '-') && IsAsciiDigit(t_[pos + 1])) ++pos;
      if (pos >= n || !IsAsciiDigit(t_[pos])) return pos;
    }
    size_t digits = 0;
    for (const DigitGroup& g : c.groups) digits += g.end - g.start;
    size_t q = ReadDigits(pos);
    c.groups.push_back({pos, q});
    digits += q - pos;
    pos = q;
    if (c.plus) pos = ReadParenthesisedAreaCode(pos, &c, &digits);
    while (pos + 1 < n) {
      char s = t_[pos];
      if ((s != ' ' && s != '.' && s != '-') || !IsAsciiDigit(t_[pos + 1])) break;
      if (c.separator != 0 && s != c.separator) break;
      q = ReadDigits(pos + 1);
      // A long run of groups ends before the limit; after a space the rest starts a new number.
      if (digits + (q - pos - 1) > kMaxNumberDigits) break;
      c.separator = s;
      c.groups.push_back({pos + 1, q});
      digits += q - pos - 1;
      pos = q;
    }
    // What follows must end the number: not a letter, not a digit, not a decimal or date tail.
    if (pos < n) {
      if (LabelCharLength(pos) > 0) return SkipWord(pos);
      if (pos + 1 < n && InSet(t_[pos], ".,/:-") && IsAsciiDigit(t_[pos + 1])) {
        return SkipNumeric(pos);
      }
      if (t_[pos] == '%' || t_[pos] == '*') return pos + 1;  // "20%", masked "078498****7"
    }
    c.end = pos;
    if (digits < kMinNumberDigits || digits > kMaxNumberDigits) return pos;
    if (!c.plus && !c.paren && LooksLikeDateOrAmount(c)) return pos;
    out_.push_back(std::move(c));
    return pos;
  }

  // After a country code: " (800) " in "+1 (800) 555-0199", or the trunk digit " (0) " in
  // "+84 (0) 912 345 678" / "+84 (0)912345678", which is dropped as E.164 drops it. Also reads
  // the digit group after it. Returns the position after what it read, or `pos` when there is no
  // parenthesised group.
  size_t ReadParenthesisedAreaCode(size_t pos, Candidate* c, size_t* digits) const {
    const size_t n = t_.size();
    if (c->groups.size() != 1 || pos + 2 >= n || t_[pos] != ' ' || t_[pos + 1] != '(') return pos;
    size_t r = ReadDigits(pos + 2);
    size_t len = r - pos - 2;
    if (len < 1 || len > 4 || r >= n || t_[r] != ')') return pos;
    if (!(len == 1 && t_[pos + 2] == '0')) {
      c->groups.push_back({pos + 2, r});
      *digits += len;
    }
    size_t next = r + 1;  // the digits after ")", directly or after one ' ' or '-'
    if (next < n && (t_[next] == ' ' || t_[next] == '-')) ++next;
    if (next >= n || !IsAsciiDigit(t_[next])) return r + 1;
    size_t q = ReadDigits(next);
    c->groups.push_back({next, q});
    *digits += q - next;
    return q;
  }

  // "12.05.2024", "2024-05-12", "500.000", "2.500.000".
  bool LooksLikeDateOrAmount(const Candidate& c) const {
    const auto& g = c.groups;
    auto len = [&](size_t k) { return g[k].end - g[k].start; };
    if (g.size() == 3 && (c.separator == '.' || c.separator == '-')) {
      if (len(0) <= 2 && len(1) <= 2 && len(2) == 4) return true;
      if (len(0) == 4 && len(1) <= 2 && len(2) <= 2) return true;
    }
    if (c.separator == '.' && g.size() >= 2 && len(0) <= 3 && t_[g[0].start] != '0') {
      bool thousands = true;
      for (size_t k = 1; k < g.size(); ++k) thousands = thousands && len(k) == 3;
      if (thousands) return true;
    }
    return false;
  }

  std::string_view t_;
  std::vector<Candidate> out_;
  HostInfo host_;  // reused across calls to keep its buffer
};

}  // namespace

bool IsWordCodePoint(char32_t c) {
  if (c < 0x80) return IsAsciiAlnum(char(c));
  if (c >= 0xC0 && c <= 0x24F) return c != 0xD7 && c != 0xF7;
  if (c >= 0x300 && c <= 0x36F) return true;
  if (c >= 0x370 && c <= 0x3FF) return c != 0x37E && c != 0x387;
  if (c >= 0x400 && c <= 0x52F) return true;
  return c >= 0x1E00 && c <= 0x1EFF;
}

bool IsStrongTld(std::string_view tld) {
  // Not common Vietnamese syllables nor English words that people glue to a previous word.
  static constexpr std::string_view kStrong[] = {
      "com",  "net",  "org",   "edu",  "gov",  "info",  "biz",     "vn",   "top",  "xyz", "online",
      "site", "shop", "store", "club", "app",  "dev",   "io",      "cc",   "tk",   "ml",  "ga",
      "cf",   "gq",   "icu",   "vip",  "asia", "cloud", "website", "tech", "cyou", "sbs", "mobi",
      "buzz", "uk",   "ru",    "cn",   "jp",   "kr",    "fr",      "au",   "sg",   "hk",  "tw",
      "kh",   "pw",   "ws",    "su",   "ua",   "br",    "mx",      "nl",   "pl",   "cz",  "tv"};
  if (tld.size() > 16) return false;
  std::array<char, 32> buf;
  std::string_view lower = AsciiLowerView(tld, &buf);
  return std::find(std::begin(kStrong), std::end(kStrong), lower) != std::end(kStrong);
}

bool IsSpacedTld(std::string_view tld) {
  static constexpr std::string_view kSpaced[] = {"com", "net", "org", "vn", "top", "xyz", "info",
                                                 "biz", "vip", "cc",  "tk", "io",  "edu", "gov"};
  return std::find(std::begin(kSpaced), std::end(kSpaced), tld) != std::end(kSpaced);
}

std::vector<Candidate> ScanCandidates(std::string_view text) { return Scanner(text).Run(); }

}  // namespace binhyen::indicator::internal
