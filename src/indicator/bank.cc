#include "indicator/bank.h"

#include <cstddef>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "base/strings.h"
#include "text/fold.h"

namespace binhyen::indicator {
namespace internal {
// Generated from data/banks.csv by the build (cmake/Embed.cmake).
extern const std::string_view kBanksCsv;
}  // namespace internal

namespace {

constexpr size_t kMinAccountDigits = 6;
constexpr size_t kMaxAccountDigits = 19;
constexpr size_t kMaxInputBytes = 1024;
// Longest alias, in words, that the free-text scanner tries ("Nông nghiệp và Phát triển Nông
// thôn" has 7).
constexpr size_t kMaxAliasWords = 8;

base::Status Invalid(std::string reason) {
  return base::InvalidArgumentError("bank account: " + std::move(reason));
}

// ---- The table -------------------------------------------------------------------------------

struct MatchEntry {
  size_t index = 0;
  bool descriptive = false;
};

struct BankTable {
  std::vector<Bank> banks;
  std::unordered_map<std::string, MatchEntry> by_match_key;
  std::unordered_map<std::string, size_t> by_bin;
};

// Splits one CSV line (RFC 4180 quoting, no embedded newlines).
std::vector<std::string> SplitCsvLine(std::string_view line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back().push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back().push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else if (c != '\r') {
      fields.back().push_back(c);
    }
  }
  return fields;
}

std::vector<std::string> SplitList(std::string_view s) {
  std::vector<std::string> out;
  for (std::string_view piece : base::Split(s, '|')) {
    piece = base::TrimAscii(piece);
    if (!piece.empty()) out.emplace_back(piece);
  }
  return out;
}

// Folded words of `text`: lower-case ASCII letters and digits, everything else separates.
std::vector<std::string> Words(std::string_view text) {
  std::string folded = text::FoldVietnamese(text);
  std::vector<std::string> words;
  std::string current;
  for (char c : folded) {
    if (base::IsAsciiAlnum(c)) {
      current.push_back(base::AsciiToLower(c));
    } else if (!current.empty()) {
      words.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) words.push_back(std::move(current));
  return words;
}

std::string Join(const std::vector<std::string>& words, size_t begin, size_t end) {
  std::string out;
  for (size_t i = begin; i < end; ++i) out += words[i];
  return out;
}

bool StartsWith(const std::vector<std::string>& words, size_t at,
                std::initializer_list<std::string_view> seq) {
  if (at + seq.size() > words.size()) return false;
  size_t i = at;
  for (std::string_view w : seq) {
    if (words[i++] != w) return false;
  }
  return true;
}

// Number of words at `at` that form a "ngân hàng" / "NH" marker, or 0.
size_t BankMarkerLength(const std::vector<std::string>& words, size_t at) {
  if (StartsWith(words, at, {"ngan", "hang"})) return 2;
  if (StartsWith(words, at, {"nganhang"}) || StartsWith(words, at, {"nh"}) ||
      StartsWith(words, at, {"nhtmcp"})) {
    return 1;
  }
  return 0;
}

// Number of words at `at` describing the company type ("TMCP", "thương mại cổ phần", "TNHH
// MTV", "số"), or 0.
size_t CompanyTypeLength(const std::vector<std::string>& words, size_t at) {
  if (StartsWith(words, at, {"thuong", "mai", "co", "phan"})) return 4;
  if (StartsWith(words, at, {"thuong", "mai"}) || StartsWith(words, at, {"co", "phan"}) ||
      StartsWith(words, at, {"lien", "doanh"})) {
    return 2;
  }
  for (std::string_view w : {"tmcp", "tnhh", "mtv", "so", "bank"}) {
    if (StartsWith(words, at, {w})) return 1;
  }
  return 0;
}

// Index of the first word after a leading "Ngân hàng TMCP ..." / "NH ..." / "bank ...".
size_t SkipBankPrefix(const std::vector<std::string>& words) {
  size_t begin = 0;
  while (begin < words.size()) {
    size_t n = BankMarkerLength(words, begin);
    if (n == 0) n = CompanyTypeLength(words, begin);
    if (n == 0 || begin + n >= words.size()) break;
    begin += n;
  }
  return begin;
}

// The match keys a name stands for: itself, without the bank prefix, also without a trailing
// "bank", and without a trailing "Việt Nam".
std::vector<std::string> MatchKeys(std::string_view name) {
  std::vector<std::string> words = Words(name);
  std::vector<std::string> keys;
  if (words.empty()) return keys;
  keys.push_back(Join(words, 0, words.size()));
  size_t begin = SkipBankPrefix(words), end = words.size();
  keys.push_back(Join(words, begin, end));
  if (end - begin > 1 && words[end - 1] == "bank") --end;
  keys.push_back(Join(words, begin, end));
  if (end - begin > 2 && words[end - 2] == "viet" && words[end - 1] == "nam") {
    keys.push_back(Join(words, begin, end - 2));
  }
  if (end - begin > 1 && words[end - 1] == "vietnam") keys.push_back(Join(words, begin, end - 1));
  return keys;
}

std::optional<Bank> ParseBankRow(const std::vector<std::string>& header,
                                 const std::vector<std::string>& fields) {
  Bank bank;
  for (size_t i = 0; i < header.size() && i < fields.size(); ++i) {
    const std::string& column = header[i];
    std::string value(base::TrimAscii(fields[i]));
    if (column == "key") bank.key = value;
    if (column == "bin") bank.bin = value;
    if (column == "short_name") bank.short_name = value;
    if (column == "name") bank.name = value;
    if (column == "swift") bank.swift = value;
    if (column == "kind") bank.kind = value;
    if (column == "aliases") bank.aliases = SplitList(value);
    if (column == "descriptive_names") bank.descriptive_names = SplitList(value);
  }
  if (bank.key.empty() || bank.short_name.empty()) return std::nullopt;
  if (bank.kind.empty()) bank.kind = "bank";
  return bank;
}

BankTable ParseTable(std::string_view csv) {
  BankTable table;
  std::vector<std::string> header;
  for (std::string_view line : base::Split(csv, '\n')) {
    if (base::TrimAscii(line).empty() || line[0] == '#') continue;
    std::vector<std::string> fields = SplitCsvLine(line);
    if (header.empty()) {
      header = std::move(fields);
      continue;
    }
    if (std::optional<Bank> bank = ParseBankRow(header, fields)) {
      table.banks.push_back(std::move(*bank));
    }
  }
  // Brand names and codes first, so that they win over a descriptive name with the same key.
  for (size_t i = 0; i < table.banks.size(); ++i) {
    const Bank& b = table.banks[i];
    if (!b.bin.empty()) table.by_bin.emplace(b.bin, i);
    std::vector<std::string> names = {b.bin, b.swift, b.key, b.short_name};
    names.insert(names.end(), b.aliases.begin(), b.aliases.end());
    // Only the exact spelling: "Viet Bank" without its "bank" would be the word "viet".
    for (const std::string& n : names) {
      std::vector<std::string> words = Words(n);
      std::string k = Join(words, 0, words.size());
      if (!k.empty()) table.by_match_key.emplace(std::move(k), MatchEntry{i, false});
    }
  }
  for (size_t i = 0; i < table.banks.size(); ++i) {
    const Bank& b = table.banks[i];
    std::vector<std::string> names = b.descriptive_names;
    names.push_back(b.name);
    for (const std::string& n : names) {
      for (std::string& k : MatchKeys(n)) {
        if (!k.empty()) table.by_match_key.emplace(std::move(k), MatchEntry{i, true});
      }
    }
  }
  return table;
}

const BankTable& Table() {
  static const BankTable* const table = new BankTable(ParseTable(internal::kBanksCsv));
  return *table;
}

// ---- Free-text account parsing ---------------------------------------------------------------

// A run of ASCII digits in the folded input, and whether only spaces, dots or dashes separate it
// from the previous run (so that "1903 6666 888" is one number).
struct DigitRun {
  std::string digits;
  bool joins_previous = false;
};

struct Scanned {
  std::vector<std::vector<std::string>> word_segments;  // words between numbers
  std::vector<DigitRun> runs;
};

Scanned Scan(std::string_view folded) {
  Scanned out;
  out.word_segments.emplace_back();
  bool soft_gap = false;  // only soft separators since the last digit run
  bool after_digits = false;
  size_t i = 0;
  while (i < folded.size()) {
    char c = folded[i];
    if (base::IsAsciiDigit(c)) {
      size_t j = i;
      while (j < folded.size() && base::IsAsciiDigit(folded[j])) ++j;
      out.runs.push_back({std::string(folded.substr(i, j - i)), after_digits && soft_gap});
      out.word_segments.emplace_back();
      after_digits = true;
      soft_gap = true;
      i = j;
    } else if (base::IsAsciiAlpha(c)) {
      size_t j = i;
      while (j < folded.size() && base::IsAsciiAlpha(folded[j])) ++j;
      out.word_segments.back().push_back(base::AsciiLower(folded.substr(i, j - i)));
      after_digits = false;
      i = j;
    } else {
      if (!(c == ' ' || c == '.' || c == '-' || c == '\t')) soft_gap = false;
      ++i;
    }
  }
  return out;
}

// Banks named in a segment of words, in order. Descriptive names count only after a
// "ngân hàng" / "NH" marker.
void FindBanksInWords(const std::vector<std::string>& words, std::vector<const Bank*>* found) {
  const BankTable& table = Table();
  bool after_marker = false;
  size_t i = 0;
  while (i < words.size()) {
    if (size_t n = BankMarkerLength(words, i); n > 0) {
      i += n;
      while (size_t t = CompanyTypeLength(words, i)) i += t;
      after_marker = true;
      continue;
    }
    size_t matched = 0;
    for (size_t n = std::min(kMaxAliasWords, words.size() - i); n >= 1; --n) {
      auto it = table.by_match_key.find(Join(words, i, i + n));
      if (it == table.by_match_key.end()) continue;
      if (it->second.descriptive && !after_marker) continue;
      found->push_back(&table.banks[it->second.index]);
      matched = n;
      break;
    }
    after_marker = false;
    i += matched > 0 ? matched : 1;
  }
}

const Bank* FindByBin(std::string_view bin) {
  const BankTable& table = Table();
  auto it = table.by_bin.find(std::string(bin));
  return it == table.by_bin.end() ? nullptr : &table.banks[it->second];
}

}  // namespace

const std::vector<Bank>& AllBanks() { return Table().banks; }

std::string BankMatchKey(std::string_view text) {
  std::vector<std::string> words = Words(text);
  return Join(words, 0, words.size());
}

const Bank* FindBankByMatchKey(std::string_view match_key, bool* descriptive) {
  const BankTable& table = Table();
  auto it = table.by_match_key.find(std::string(match_key));
  if (it == table.by_match_key.end()) return nullptr;
  if (descriptive != nullptr) *descriptive = it->second.descriptive;
  return &table.banks[it->second.index];
}

const Bank* FindBank(std::string_view name_or_code) {
  if (name_or_code.size() > kMaxInputBytes) return nullptr;
  for (const std::string& key : MatchKeys(name_or_code)) {
    if (const Bank* bank = FindBankByMatchKey(key)) return bank;
  }
  return nullptr;
}

base::Result<Indicator> MakeBankAccount(std::string_view account_digits, const Bank* bank) {
  std::string digits;
  for (char c : account_digits) {
    if (base::IsAsciiDigit(c)) {
      digits.push_back(c);
    } else if (c != ' ' && c != '.' && c != '-') {
      return Invalid("an account number contains only digits");
    }
  }
  if (digits.empty()) return Invalid("no account number");
  if (digits.size() < kMinAccountDigits) {
    return Invalid("too few digits (" + std::to_string(digits.size()) + ", expected 6 to 19)");
  }
  if (digits.size() > kMaxAccountDigits) {
    return Invalid("too many digits (" + std::to_string(digits.size()) + ", expected 6 to 19)");
  }
  Indicator ind;
  ind.kind = Kind::kBankAccount;
  ind.canonical = (bank != nullptr && !bank->bin.empty()) ? bank->bin + ":" + digits : digits;
  if (bank != nullptr) {
    ind.SetAttribute("bank", bank->short_name);
    if (!bank->bin.empty()) ind.SetAttribute("bin", bank->bin);
  }
  ind.SetAttribute("account", digits);
  return ind;
}

base::Result<Indicator> CanonicalizeBankAccount(std::string_view input) {
  std::string_view s = base::TrimAscii(input);
  if (s.empty()) return Invalid("empty input");
  if (s.size() > kMaxInputBytes) return Invalid("input too long");
  Scanned scanned = Scan(text::FoldVietnamese(s));

  // Join digit runs separated only by spaces, dots or dashes.
  std::vector<std::vector<std::string>> numbers;  // each: its runs
  for (const DigitRun& run : scanned.runs) {
    if (run.joins_previous && !numbers.empty()) {
      numbers.back().push_back(run.digits);
    } else {
      numbers.push_back({run.digits});
    }
  }
  if (numbers.empty()) return Invalid("no account number");

  // A leading BIN: "970436:0071000986547" or "970436 0071000986547".
  const Bank* bin_bank = nullptr;
  const std::string& first = numbers[0][0];
  if (first.size() == 6 && (numbers.size() > 1 || numbers[0].size() > 1)) {
    bin_bank = FindByBin(first);
    if (bin_bank != nullptr) {
      if (numbers[0].size() > 1) {
        numbers[0].erase(numbers[0].begin());
      } else {
        numbers.erase(numbers.begin());
      }
    } else if (numbers[0].size() == 1 && numbers.size() == 2 && s.size() > 6 && s[6] == ':') {
      return Invalid("unknown bank BIN " + first);
    }
  }

  // Exactly one number of account length; shorter stray numbers ("chi nhánh 2") are ignored.
  std::vector<std::string> joined;
  for (const auto& runs : numbers) {
    std::string digits;
    for (const std::string& r : runs) digits += r;
    joined.push_back(std::move(digits));
  }
  std::string account;
  size_t long_numbers = 0;
  for (const std::string& n : joined) {
    if (n.size() >= kMinAccountDigits) {
      ++long_numbers;
      account = n;
    }
  }
  if (long_numbers > 1) return Invalid("more than one number");
  if (long_numbers == 0) {
    if (joined.size() > 1) return Invalid("more than one number");
    account = joined[0];
  }

  std::vector<const Bank*> named;
  if (bin_bank != nullptr) named.push_back(bin_bank);
  for (const auto& words : scanned.word_segments) FindBanksInWords(words, &named);
  const Bank* bank = nullptr;
  for (const Bank* b : named) {
    if (bank == nullptr) {
      bank = b;
    } else if (b != bank) {
      return Invalid("two different banks named (" + bank->short_name + " and " + b->short_name +
                     ")");
    }
  }
  return MakeBankAccount(account, bank);
}

}  // namespace binhyen::indicator
