#include "scan/scanner.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <utility>

#include "text/matching.h"
#include "text/utf8.h"

namespace binhyen::scan {
namespace {

// "Đường link" / "This link" and friends, for the indicator reasons.
std::pair<std::string_view, std::string_view> KindWords(indicator::Kind kind) {
  switch (kind) {
    case indicator::Kind::kUrl: return {"Đường link", "The link"};
    case indicator::Kind::kDomain: return {"Tên miền", "The domain"};
    case indicator::Kind::kIp: return {"Địa chỉ IP", "The IP address"};
    case indicator::Kind::kPhone: return {"Số điện thoại", "The phone number"};
    case indicator::Kind::kBankAccount: return {"Số tài khoản", "The bank account"};
    case indicator::Kind::kEmail: return {"Địa chỉ email", "The email address"};
    case indicator::Kind::kSocial: return {"Tài khoản mạng xã hội", "The social media account"};
  }
  return {"", ""};
}

constexpr std::string_view kScamAdviceVi =
    "Đừng bấm link, đừng gọi lại, đừng chuyển tiền và không đưa mã OTP hay mật khẩu cho ai. Nếu "
    "đã lỡ chuyển tiền hoặc cung cấp thông tin, hãy gọi ngay ngân hàng và báo công an phường, xã.";
constexpr std::string_view kScamAdviceEn =
    "Do not click, call back or send money, and never give anyone an OTP code or password. If you "
    "already did, call your bank at once and tell the local police.";
constexpr std::string_view kCleanAdviceVi =
    "Chưa thấy dấu hiệu lừa đảo quen thuộc, nhưng như vậy chưa chắc là an toàn. Đừng chuyển tiền "
    "hay đưa mã OTP cho người lạ; khi nghi ngờ, hãy hỏi người thân hoặc gửi báo cáo cho chúng tôi.";
constexpr std::string_view kCleanAdviceEn =
    "No familiar sign of a scam, but that does not prove it is safe. Never send money or an OTP "
    "code to strangers; when in doubt, ask someone you trust or report it to us.";

// Negations in normalised text: an official warning says what the authorities never do ("cong an
// khong bao gio yeu cau chuyen tien", "khong cai dat ung dung qua duong link la"), which the rules
// would otherwise read as the very request. A bare "khong" or "dung" is not enough (scams say
// "dung noi voi ai"), and "neu khong" is a threat ("neu khong chuyen tien se bi khoa"), never a
// negation.
constexpr std::array<std::string_view, 19> kNegations = {
    "khong bao gio",  "chang bao gio", "tuyet doi khong", "khong he",       "khong yeu cau",
    "khong lam viec", "khong goi",     "khong cai",       "khong thu",      "khong bam",
    "khong cung cap", "khong chuyen",  "khong nhan",      "khong truy cap", "khong gui",
    "never",          "will not",      "do not",          "don't"};
// A warning names the trick before describing it ("canh bao chieu lua tuyen cong tac vien lam
// nhiem vu", "nhieu ke gia cong an goi doi chuyen tien", "cuoc goi xung cong an doi doc ma OTP",
// "canh giac voi tin nhan doi nop tien vao tai khoan ca nhan"): scammers never call their own
// message a trick or themselves impostors, so these words before a hit in its sentence negate it.
constexpr std::array<std::string_view, 14> kWarningFrames = {
    "chieu lua", "chieu tro",    "thu doan",      "gia danh",       "mao danh",
    "ke gia",    "bon gia",      "gia cong an",   "gia ngan hang",  "gia nhan vien",
    "xung la",   "xung cong an", "canh giac voi", "canh giac truoc"};
// Said after the lure: "ai goi xung cong an bao chuyen tien la lua dao".
constexpr std::array<std::string_view, 4> kCalledScams = {"la lua dao", "deu la lua dao",
                                                          "la gia mao", "is a scam"};

// How far before a hit a negation still applies to it: within the same sentence, at most this
// many bytes back ("vietcombank khong bao gio gui duong link yeu cau cap nhat sinh trac hoc").
constexpr size_t kNegationReach = 80;

bool IsWordByte(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// True when `phrase` occurs as whole words in text[from, to), not right after "neu " (if), and
// not right before " duoc" when `inability_too` is false: "khong chuyen duoc" says someone cannot
// transfer ("chi o nuoc ngoai khong chuyen duoc, em chuyen giup chi"), it refuses nothing.
bool HasPhrase(std::string_view text, size_t from, size_t to, std::string_view phrase,
               bool inability_too = true) {
  const std::string_view window = text.substr(from, to - from);
  for (size_t at = window.find(phrase); at != std::string_view::npos;
       at = window.find(phrase, at + 1)) {
    const size_t begin = from + at;
    const size_t end = begin + phrase.size();
    const bool starts = begin == 0 || !IsWordByte(text[begin - 1]);
    const bool ends = end >= text.size() || !IsWordByte(text[end]);
    const bool conditional = begin >= 4 && text.substr(begin - 4, 4) == "neu ";
    const bool inability = !inability_too && text.substr(end, 5) == " duoc" &&
                           (end + 5 == text.size() || !IsWordByte(text[end + 5]));
    if (starts && ends && !conditional && !inability) return true;
  }
  return false;
}

// True when a hit [begin, end) of `text` is negated: one of kNegations from at most
// kNegationReach bytes before it (not before the start of its sentence) to its end, one of
// kWarningFrames in the same stretch before it, or one of kCalledScams after it in the same
// sentence, within kNegationReach bytes.
bool Negated(std::string_view text, size_t begin, size_t end) {
  end = std::min(end, text.size());
  size_t from = begin > kNegationReach ? begin - kNegationReach : 0;
  const size_t start = text.substr(0, begin).find_last_of(".!?;\n");
  if (start != std::string_view::npos && start + 1 > from) from = start + 1;
  for (std::string_view negation : kNegations) {
    if (HasPhrase(text, from, end, negation, /*inability_too=*/false)) return true;
  }
  for (std::string_view frame : kWarningFrames) {
    if (HasPhrase(text, from, begin, frame)) return true;
  }
  size_t to = std::min(text.size(), end + kNegationReach);
  const size_t stop = text.find_first_of(".!?;\n", end);
  if (stop != std::string_view::npos && stop < to) to = stop;
  for (std::string_view called : kCalledScams) {
    if (HasPhrase(text, end, to, called)) return true;
  }
  return false;
}

// The points of the rules that matched, per family and in total.
struct RuleScore {
  int total = 0;                  // the positive weights' sum, clamped to 0..100
  int legitimate = 0;             // the negative weights' sum (<= 0), taken off the final score
  std::vector<int> per_category;  // positive weights only, each family capped at 100
};

RuleScore ScoreRules(const RuleSet& rules, const std::vector<RuleHit>& hits) {
  RuleScore s;
  s.per_category.assign(rules.categories().size(), 0);
  int positive = 0;
  int negative = 0;
  for (const RuleHit& hit : hits) {
    const Rule& rule = rules.rules()[hit.rule];
    if (rule.weight < 0) {
      negative += rule.weight;
      continue;
    }
    int& family = s.per_category[rule.category];
    const int added = std::min(rule.weight, 100 - family);
    family += added;
    positive += added;
  }
  s.total = std::clamp(positive, 0, 100);
  s.legitimate = negative;
  return s;
}

void AddIndicatorReason(const ScannedIndicator& found, double points, ScanResult* out) {
  const auto [what_vi, what_en] = KindWords(found.extracted.indicator.kind);
  Reason r;
  const bool dangerous = found.check.verdict == index::Verdict::kDangerous;
  r.rule = dangerous ? "indicator.dangerous" : "indicator.suspicious";
  r.category = found.check.categories.empty() ? std::string() : found.check.categories.front();
  r.weight = static_cast<int>(std::lround(points * 100));
  r.begin = found.extracted.start;
  r.end = found.extracted.end;
  if (dangerous) {
    r.explanation_vi = std::string(what_vi) +
                       " trong tin nhắn đã được cơ quan chức năng xác định là lừa đảo. Đừng mở, "
                       "đừng gọi, đừng chuyển tiền.";
    r.explanation_en = std::string(what_en) +
                       " in this message is a confirmed scam. Do not open it, call it or pay it.";
  } else {
    r.explanation_vi = std::string(what_vi) +
                       " trong tin nhắn có trong danh sách cảnh báo của nguồn bên ngoài, chưa được "
                       "xác minh. Hãy hết sức cẩn thận.";
    r.explanation_en = std::string(what_en) +
                       " in this message is on an outside source's warning list, not yet "
                       "verified. Be very careful.";
  }
  out->reasons.push_back(std::move(r));
}

}  // namespace

std::string_view VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kClean: return "clean";
    case Verdict::kSuspicious: return "suspicious";
    case Verdict::kScam: return "scam";
  }
  return "clean";
}

base::Result<Scanner> Scanner::BuiltIn(ScoreOptions options) {
  BINHYEN_ASSIGN_OR_RETURN(RuleSet rules, RuleSet::BuiltIn());
  BINHYEN_ASSIGN_OR_RETURN(Classifier classifier, Classifier::BuiltIn());
  return Scanner(std::move(rules), std::move(classifier), options);
}

Scanner::Scanner(RuleSet rules, Classifier classifier, ScoreOptions options)
    : rules_(std::move(rules)), classifier_(std::move(classifier)), options_(options) {}

ScanResult Scanner::Scan(std::string_view text, const IndicatorLookup& lookup) const {
  return Scan(text, lookup, classifier_);
}

ScanResult Scanner::Scan(std::string_view text, const IndicatorLookup& lookup,
                         const Classifier& classifier) const {
  ScanResult out;
  if (text.size() > kMaxScanBytes) {
    // Cut before a character, not inside one: the cut alone must not make the text ill-formed.
    size_t cut = kMaxScanBytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut);
    out.truncated = true;
  }
  out.invalid_utf8 = !text::IsValidUtf8(text);
  const text::MatchText normalized = text::NormalizeForMatching(text);

  // 1. Rules. A positive hit under a strong negation does not count (see kNegations).
  std::vector<RuleHit> hits = rules_.Match(normalized.text);
  std::optional<RuleHit> negated;
  std::erase_if(hits, [&](const RuleHit& hit) {
    if (rules_.rules()[hit.rule].weight <= 0 || !Negated(normalized.text, hit.begin, hit.end)) {
      return false;
    }
    if (!negated) negated = hit;
    return true;
  });
  const RuleScore rule_score = ScoreRules(rules_, hits);
  for (const RuleHit& hit : hits) {
    const Rule& rule = rules_.rules()[hit.rule];
    Reason r;
    r.rule = rule.id;
    r.category = rules_.categories()[rule.category].id;
    r.weight = rule.weight;
    std::tie(r.begin, r.end) = text::OriginalSpan(normalized, hit.begin, hit.end);
    r.explanation_vi = rule.explanation_vi;
    r.explanation_en = rule.explanation_en;
    out.reasons.push_back(std::move(r));
  }

  if (negated) {
    Reason r;
    r.rule = "negated";
    r.category = rules_.categories()[rules_.rules()[negated->rule].category].id;
    std::tie(r.begin, r.end) = text::OriginalSpan(normalized, negated->begin, negated->end);
    r.explanation_vi =
        "Tin nhắn nói đến thủ đoạn lừa đảo theo cách phủ định (\"không bao giờ...\"): có vẻ là "
        "lời cảnh báo chứ không phải lời dụ dỗ, nên phần này không bị tính điểm.";
    r.explanation_en =
        "The message mentions a scam trick in the negative (\"never...\"): it reads like a "
        "warning rather than a lure, so this part is not scored.";
    out.reasons.push_back(std::move(r));
  }

  // 2. Classifier.
  out.classifier_probability = classifier.Probability(normalized.text);
  double c = 0;
  if (out.classifier_probability >= options_.classifier_floor) {
    c = options_.classifier_weight * out.classifier_probability;
    Reason r;
    r.rule = "classifier";
    r.weight = static_cast<int>(std::lround(c * 100));
    r.end = text.size();
    const std::string percent =
        std::to_string(static_cast<int>(std::lround(out.classifier_probability * 100)));
    r.explanation_vi =
        "Cách viết của tin nhắn rất giống các tin nhắn lừa đảo đã biết (giống " + percent + "%).";
    r.explanation_en = "The wording is very like known scam messages (" + percent + "% alike).";
    out.reasons.push_back(std::move(r));
  }

  // 3. Indicators.
  indicator::ExtractOptions extract;
  extract.max_results = kMaxIndicators;
  double i = 0;
  const ScannedIndicator* strongest = nullptr;
  for (indicator::Extracted& e : indicator::Extract(text, extract)) {
    ScannedIndicator found;
    found.check.kind = e.indicator.kind;
    found.check.canonical = e.indicator.canonical;
    found.extracted = std::move(e);
    if (lookup) {
      found.check = lookup(found.extracted.indicator.kind, found.extracted.indicator.canonical,
                           std::string_view());
    }
    out.indicators.push_back(std::move(found));
  }
  for (const ScannedIndicator& found : out.indicators) {
    double points = 0;
    if (found.check.verdict == index::Verdict::kDangerous) {
      points = options_.dangerous_indicator;
    } else if (found.check.verdict == index::Verdict::kSuspicious) {
      points = options_.suspicious_indicator;
    } else {
      continue;
    }
    AddIndicatorReason(found, points, &out);
    if (points > i) {
      i = points;
      strongest = &found;
    }
  }

  // Combined as independent evidence.
  const double r = rule_score.total / 100.0;
  const double combined = 1 - (1 - r) * (1 - c) * (1 - i);
  // Signs of a legitimate message (negative rule weights) count against the whole score, not only
  // against the rules: a warning about a scam reads like a scam to the classifier too.
  out.score =
      std::clamp(static_cast<int>(std::lround(combined * 100)) + rule_score.legitimate, 0, 100);
  out.verdict = out.score >= options_.scam_threshold         ? Verdict::kScam
                : out.score >= options_.suspicious_threshold ? Verdict::kSuspicious
                                                             : Verdict::kClean;
  std::stable_sort(out.reasons.begin(), out.reasons.end(),
                   [](const Reason& a, const Reason& b) { return a.weight > b.weight; });

  // The family that weighs most names the message; a listed indicator names it otherwise.
  const auto top = std::max_element(rule_score.per_category.begin(), rule_score.per_category.end());
  if (out.verdict == Verdict::kClean) {
    out.advice_vi = kCleanAdviceVi;
    out.advice_en = kCleanAdviceEn;
  } else if (top != rule_score.per_category.end() && *top > 0) {
    const Category& family = rules_.categories()[top - rule_score.per_category.begin()];
    out.category = family.id;
    out.category_label_vi = family.label_vi;
    out.category_label_en = family.label_en;
    out.advice_vi = family.advice_vi;
    out.advice_en = family.advice_en;
  } else {
    if (strongest != nullptr && !strongest->check.categories.empty()) {
      out.category = strongest->check.categories.front();
    }
    out.advice_vi = kScamAdviceVi;
    out.advice_en = kScamAdviceEn;
  }
  return out;
}

}  // namespace binhyen::scan
