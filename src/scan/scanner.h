#pragma once

// The message scanner: one call that tells a resident how risky a pasted SMS or chat message is,
// why, and what to do.
//
// Scan(text) normalises the text once (text::NormalizeForMatching), then:
//  1. matches the scam-phrase rules in one pass (rules.h); a positive hit under a negation in its
//     sentence ("cong an khong bao gio yeu cau chuyen tien", "... la lua dao": an official
//     warning, not a lure) does not count, and one reason "negated" (weight 0) says so;
//  2. scores it with the classifier over word and character n-grams (classifier.h);
//  3. extracts the links, phone numbers, bank accounts... in the ORIGINAL text
//     (indicator::Extract) and asks the reputation index about each (the caller's lookup);
// and combines the three into a score 0-100 as independent pieces of evidence (a "noisy OR"):
//
//   score = clamp(100 * (1 - (1 - r) * (1 - c) * (1 - i)) + l, 0, 100)
//
//   r = min(sum of the positive weights of the rules that matched, 100) / 100, where a family's
//       weights count at most 100;
//   l = the sum of the negative weights that matched (<= 0): signs of a legitimate message
//       (an OTP notice that says "never share this code", someone warning a relative about a
//       scam they received) lower the whole score, the classifier's share included;
//   c = classifier_weight * P(scam), but only when P(scam) >= classifier_floor (below that the
//       classifier is silent: it is a second opinion, never the only reason for a warning unless
//       it is very sure);
//   i = dangerous_indicator (0.97) when an indicator is confirmed as a scam, suspicious_indicator
//       (0.5) when it is only on an outside source's list, 0 otherwise.
//
// verdict: scam when score >= scam_threshold (70), suspicious when >= suspicious_threshold (40),
// clean otherwise. docs/SCANNER.md has the calibration and how the thresholds were chosen.
//
// Every reason names a rule (or "indicator.dangerous", "indicator.suspicious", "classifier"), its
// family, its weight, the byte span of the ORIGINAL text it is about, and a plain explanation in
// Vietnamese and English.

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "index/snapshot.h"
#include "indicator/extract.h"
#include "scan/classifier.h"
#include "scan/rules.h"

namespace binhyen::scan {

enum class Verdict { kClean, kSuspicious, kScam };
std::string_view VerdictName(Verdict verdict);  // "clean" "suspicious" "scam"

struct Reason {
  std::string rule;      // a rule id, "indicator.dangerous", "indicator.suspicious", "classifier"
  std::string category;  // the scam family (rules.toml), or the indicator's category
  int weight = 0;        // the rule's weight; for indicators and the classifier, their points
  size_t begin = 0;      // byte span of the original text
  size_t end = 0;
  std::string explanation_vi;
  std::string explanation_en;
};

struct ScannedIndicator {
  indicator::Extracted extracted;  // kind, canonical, raw and its span in the original text
  index::CheckResult check;        // the reputation index's answer
};

struct ScanResult {
  int score = 0;  // 0..100
  Verdict verdict = Verdict::kClean;
  // The family that weighs most ("police_impersonation"), or for a verdict that rests on a
  // listed indicator alone, that indicator's category; "" when clean.
  std::string category;
  std::string category_label_vi;  // the family's name for residents ("" when not a family)
  std::string category_label_en;
  std::string advice_vi;  // what to do, for the family or the verdict
  std::string advice_en;
  std::vector<Reason> reasons;  // largest weight first; negative-weight rules last
  std::vector<ScannedIndicator> indicators;
  double classifier_probability = 0;
  bool invalid_utf8 = false;  // the input held ill-formed UTF-8 (replaced by U+FFFD)
  bool truncated = false;     // only the first kMaxScanBytes were scanned
};

// How a scan learns what the reputation index knows about an indicator: given its kind, canonical
// form and bank (for accounts; may be empty). service::ReputationView::Check in the server.
using IndicatorLookup =
    std::function<index::CheckResult(indicator::Kind, std::string_view, std::string_view)>;

struct ScoreOptions {
  double classifier_weight = 0.8;
  double classifier_floor = 0.5;
  double dangerous_indicator = 0.97;
  double suspicious_indicator = 0.5;
  int scam_threshold = 70;
  int suspicious_threshold = 40;
};

// Thread safety: immutable after construction; Scan may be called from any number of threads.
class Scanner {
 public:
  // Text past this many bytes is not scanned (the API refuses longer text with 413 first).
  static constexpr size_t kMaxScanBytes = 64 * 1024;
  // At most this many indicators are looked up per message.
  static constexpr size_t kMaxIndicators = 50;

  // The rules and the model compiled into the binary.
  static base::Result<Scanner> BuiltIn(ScoreOptions options = {});

  Scanner(RuleSet rules, Classifier classifier, ScoreOptions options = {});

  // Scans `text` (any bytes). `lookup` may be empty: indicators are then reported with an
  // unknown verdict.
  ScanResult Scan(std::string_view text, const IndicatorLookup& lookup) const;
  // The same with another classifier in place of this scanner's (cross-validation of the whole
  // scanner: a classifier trained without the fold it scores).
  ScanResult Scan(std::string_view text, const IndicatorLookup& lookup,
                  const Classifier& classifier) const;

  const RuleSet& rules() const { return rules_; }
  const Classifier& classifier() const { return classifier_; }
  const ScoreOptions& options() const { return options_; }

 private:
  RuleSet rules_;
  Classifier classifier_;
  ScoreOptions options_;
};

}  // namespace binhyen::scan
