#pragma once
// Labelled message data for the classifier, and its evaluation: k-fold cross-validation with
// stratified deterministic folds, confusion-matrix metrics, recall at a false-positive budget.

#include <cstdint>
#include <functional>
#include <span>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "scan/classifier.h"

namespace binhyen::scan {

// Parses `label<TAB>text` lines. Labels: "scam" / "spam" (a scam) and "ok" / "ham" (ordinary),
// in any case. A first line whose label is "label" is a header and skipped; empty lines are
// skipped; a trailing '\r' is dropped. The text is everything after the first TAB.
// Returns kInvalidArgument naming the line number ("line 7: ...") for a line without a TAB, an
// unknown label or an empty text.
base::Result<std::vector<Example>> LoadExamples(std::string_view tsv);

// Confusion counts, "scam" being the positive class, and the measures derived from them.
// A measure whose denominator is zero is 0.
struct Metrics {
  int64_t tp = 0, fp = 0, tn = 0, fn = 0;
  double precision = 0, recall = 0, f1 = 0, fpr = 0;

  // Adds one decision and recomputes the measures.
  void Add(bool predicted_scam, bool scam);
  // Adds another set of counts (micro-averaging) and recomputes the measures.
  void Merge(const Metrics& other);
  void Recompute();
};

// A score for a raw message: higher means more likely a scam. Lets the whole scanner be
// cross-validated with the classifier trained on each fold.
using Scorer = std::function<double(const Classifier& classifier, std::string_view raw_text)>;

// The classifier's own probability of the normalised text.
double ClassifierScore(const Classifier& classifier, std::string_view raw_text);

// The counts of classifying every example as scam when score >= threshold.
Metrics Evaluate(const Classifier& classifier, std::span<const Example> examples,
                 const Scorer& score, double threshold);

// Assigns each example to one of k folds: each label's examples are shuffled (SplitMix64 seeded
// by `seed`) and dealt round-robin, so each fold holds about 1/k of each label. Returns fold[i]
// in 0..k-1 for example i. REQUIRES: k >= 1.
std::vector<int> StratifiedFolds(std::span<const Example> examples, int k, uint64_t seed);

// The best operating point under a false-positive budget: the lowest threshold t among the
// scores such that classifying score >= t as scam keeps fpr <= max_fpr, with its recall and fpr.
struct OperatingPoint {
  double threshold = 1;
  double recall = 0;
  double fpr = 0;
};
OperatingPoint RecallAtFpr(std::span<const double> scores, std::span<const Example> examples,
                           double max_fpr);

struct CrossValidation {
  std::vector<Metrics> folds;  // fold i: trained on the other folds, tested on fold i
  Metrics overall;             // the folds' counts added up
  std::vector<double> scores;  // each example's out-of-fold score, in input order
};

// k-fold cross-validation: for each fold, trains with `options` on the other folds (in input
// order) and scores the fold's examples with `score` (default ClassifierScore); an example is
// classified as scam when its score >= threshold. kInvalidArgument when k is not within
// 2..examples.size() or a training set lacks a label; otherwise Train's errors.
base::Result<CrossValidation> CrossValidate(std::span<const Example> examples, int k,
                                            const TrainOptions& options, uint64_t seed,
                                            const Scorer& score = nullptr, double threshold = 0.5);

}  // namespace binhyen::scan
