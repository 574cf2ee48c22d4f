// Training data and evaluation (training.h).
#include "scan/training.h"

#include <algorithm>
#include <string>

#include "scan/internal/split_mix.h"
#include "text/matching.h"

namespace binhyen::scan {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

double Ratio(int64_t num, int64_t den) {
  return den == 0 ? 0.0 : static_cast<double>(num) / static_cast<double>(den);
}

}  // namespace

base::Result<std::vector<Example>> LoadExamples(std::string_view tsv) {
  std::vector<Example> out;
  size_t line_no = 0;
  bool first = true;
  while (!tsv.empty()) {
    size_t nl = tsv.find('\n');
    std::string_view line = tsv.substr(0, nl);
    tsv = nl == std::string_view::npos ? std::string_view() : tsv.substr(nl + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    auto error = [&](const std::string& what) {
      return base::InvalidArgumentError("line " + std::to_string(line_no) + ": " + what);
    };
    size_t tab = line.find('\t');
    if (tab == std::string_view::npos) return error("expected label<TAB>text");
    std::string label = Lower(line.substr(0, tab));
    std::string_view text = line.substr(tab + 1);
    bool was_first = first;
    first = false;
    if (was_first && label == "label") continue;
    Example e;
    if (label == "scam" || label == "spam") {
      e.scam = true;
    } else if (label != "ok" && label != "ham") {
      return error("unknown label '" + std::string(line.substr(0, tab)) +
                   "' (expected scam, ok, spam or ham)");
    }
    if (text.find_first_not_of(" \t") == std::string_view::npos) return error("empty text");
    e.text = std::string(text);
    out.push_back(std::move(e));
  }
  return out;
}

void Metrics::Add(bool predicted_scam, bool scam) {
  if (predicted_scam) {
    ++(scam ? tp : fp);
  } else {
    ++(scam ? fn : tn);
  }
  Recompute();
}

void Metrics::Merge(const Metrics& other) {
  tp += other.tp;
  fp += other.fp;
  tn += other.tn;
  fn += other.fn;
  Recompute();
}

void Metrics::Recompute() {
  precision = Ratio(tp, tp + fp);
  recall = Ratio(tp, tp + fn);
  f1 = precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
  fpr = Ratio(fp, fp + tn);
}

double ClassifierScore(const Classifier& classifier, std::string_view raw_text) {
  return classifier.Probability(text::NormalizeForMatching(raw_text).text);
}

Metrics Evaluate(const Classifier& classifier, std::span<const Example> examples,
                 const Scorer& score, double threshold) {
  Metrics m;
  for (const Example& e : examples) {
    double s = score ? score(classifier, e.text) : ClassifierScore(classifier, e.text);
    m.Add(s >= threshold, e.scam);
  }
  return m;
}

std::vector<int> StratifiedFolds(std::span<const Example> examples, int k, uint64_t seed) {
  std::vector<int> fold(examples.size(), 0);
  internal::SplitMix64 random(seed);
  for (bool label : {true, false}) {
    std::vector<size_t> members;
    for (size_t i = 0; i < examples.size(); ++i) {
      if (examples[i].scam == label) members.push_back(i);
    }
    random.Shuffle(members);
    for (size_t j = 0; j < members.size(); ++j) fold[members[j]] = static_cast<int>(j % k);
  }
  return fold;
}

OperatingPoint RecallAtFpr(std::span<const double> scores, std::span<const Example> examples,
                           double max_fpr) {
  std::vector<size_t> order(scores.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return scores[a] > scores[b]; });
  int64_t positives = 0, negatives = 0;
  for (const Example& e : examples) ++(e.scam ? positives : negatives);
  OperatingPoint best;
  int64_t tp = 0, fp = 0;
  // Lower the threshold one distinct score at a time while the budget holds.
  for (size_t i = 0; i < order.size();) {
    double t = scores[order[i]];
    for (; i < order.size() && scores[order[i]] == t; ++i) ++(examples[order[i]].scam ? tp : fp);
    double fpr = Ratio(fp, negatives);
    if (fpr > max_fpr) break;
    best = {t, Ratio(tp, positives), fpr};
  }
  return best;
}

base::Result<CrossValidation> CrossValidate(std::span<const Example> examples, int k,
                                            const TrainOptions& options, uint64_t seed,
                                            const Scorer& score, double threshold) {
  if (k < 2 || static_cast<size_t>(k) > examples.size()) {
    return base::InvalidArgumentError("cross-validation: k must be within 2.." +
                                      std::to_string(examples.size()));
  }
  std::vector<int> fold = StratifiedFolds(examples, k, seed);
  CrossValidation cv;
  cv.scores.assign(examples.size(), 0.0);
  for (int f = 0; f < k; ++f) {
    std::vector<Example> train;
    for (size_t i = 0; i < examples.size(); ++i) {
      if (fold[i] != f) train.push_back(examples[i]);
    }
    BINHYEN_ASSIGN_OR_RETURN(Classifier classifier, Classifier::Train(train, options));
    Metrics m;
    for (size_t i = 0; i < examples.size(); ++i) {
      if (fold[i] != f) continue;
      const std::string& raw = examples[i].text;
      cv.scores[i] = score ? score(classifier, raw) : ClassifierScore(classifier, raw);
      m.Add(cv.scores[i] >= threshold, examples[i].scam);
    }
    cv.folds.push_back(m);
    cv.overall.Merge(m);
  }
  return cv;
}

}  // namespace binhyen::scan
