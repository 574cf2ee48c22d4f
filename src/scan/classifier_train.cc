// Training the classifier (classifier.h): FTRL-Proximal logistic regression (McMahan et al.,
// "Ad Click Prediction: a View from the Trenches", KDD 2013), per-coordinate learning rates with
// L1 and L2, over a fixed number of shuffled passes. Every step is deterministic: the examples'
// order comes from SplitMix64 seeded by the options, and the arithmetic is plain doubles in a
// fixed order.
#include <algorithm>
#include <cmath>
#include <utility>

#include "scan/classifier.h"
#include "scan/internal/split_mix.h"
#include "text/matching.h"

namespace binhyen::scan {
namespace {

// The examples as sparse rows: row r holds index/value[offsets[r] .. offsets[r + 1]).
struct Rows {
  std::vector<size_t> offsets{0};
  std::vector<uint32_t> index;
  std::vector<double> value;
  std::vector<bool> scam;
  std::vector<double> weight;
};

// One row: each bucket's signed occurrence count divided by sqrt(total occurrences), the same
// sum Classifier::Score computes.
void AddRow(std::string_view normalized, const internal::FeatureConfig& config,
            std::vector<std::pair<uint32_t, double>>& scratch, Rows& rows) {
  scratch.clear();
  internal::ForEachFeature(normalized, config, [&](const internal::Feature& f) {
    scratch.emplace_back(internal::Bucket(f.hash, config.hash_bits), internal::Sign(f.hash));
  });
  std::sort(scratch.begin(), scratch.end());
  const double norm = scratch.empty() ? 0.0 : 1.0 / std::sqrt(static_cast<double>(scratch.size()));
  for (size_t i = 0; i < scratch.size();) {
    uint32_t bucket = scratch[i].first;
    double sum = 0;
    for (; i < scratch.size() && scratch[i].first == bucket; ++i) sum += scratch[i].second;
    if (sum != 0) {
      rows.index.push_back(bucket);
      rows.value.push_back(sum * norm);
    }
  }
  rows.offsets.push_back(rows.index.size());
}

base::Status CheckOptions(std::span<const Example> examples, const TrainOptions& o) {
  auto bad = [](const std::string& what) { return base::InvalidArgumentError("train: " + what); };
  if (examples.empty()) return bad("no examples");
  bool any_scam = std::any_of(examples.begin(), examples.end(), [](auto& e) { return e.scam; });
  bool any_ok = std::any_of(examples.begin(), examples.end(), [](auto& e) { return !e.scam; });
  if (!any_scam || !any_ok) return bad("the examples need both labels (scam and ok)");
  if (o.epochs < 1 || o.epochs > 1000) return bad("epochs must be within 1..1000");
  auto finite_at_least = [](double v, double low) { return std::isfinite(v) && v >= low; };
  if (!finite_at_least(o.alpha, 0) || o.alpha == 0 || !finite_at_least(o.beta, 0) ||
      !finite_at_least(o.l1, 0) || !finite_at_least(o.l2, 0) ||
      !finite_at_least(o.scam_weight, 0) || o.scam_weight == 0) {
    return bad("alpha and scam_weight must be positive, beta, l1 and l2 non-negative, all finite");
  }
  for (size_t i = 0; i < examples.size(); ++i) {
    if (!std::isfinite(examples[i].weight) || examples[i].weight <= 0) {
      return bad("example " + std::to_string(i) + " has a weight that is not positive and finite");
    }
  }
  if (!internal::ValidConfig(o.features)) {
    return bad("hash bits must be within 12..22 and character n-grams within 1..8");
  }
  return base::Status::Ok();
}

// FTRL-Proximal state of one coordinate set (the buckets) plus an unregularised bias.
class Ftrl {
 public:
  Ftrl(const TrainOptions& o, size_t buckets) : o_(o), z_(buckets, 0.0), n_(buckets, 0.0) {}

  double Weight(size_t i) const {
    double z = z_[i];
    if (std::fabs(z) <= o_.l1) return 0.0;
    double shrunk = z > 0 ? z - o_.l1 : z + o_.l1;
    return -shrunk / ((o_.beta + std::sqrt(n_[i])) / o_.alpha + o_.l2);
  }
  double Bias() const { return -bias_z_ / ((o_.beta + std::sqrt(bias_n_)) / o_.alpha); }

  // One logistic-loss step on row r.
  void Step(const Rows& rows, size_t r) {
    const size_t begin = rows.offsets[r], end = rows.offsets[r + 1];
    double score = Bias();
    for (size_t k = begin; k < end; ++k) score += Weight(rows.index[k]) * rows.value[k];
    double p = 1.0 / (1.0 + std::exp(-score));
    double g = (rows.scam[r] ? (p - 1.0) * o_.scam_weight : p) * rows.weight[r];
    for (size_t k = begin; k < end; ++k) {
      size_t i = rows.index[k];
      Update(g * rows.value[k], Weight(i), z_[i], n_[i]);
    }
    Update(g, Bias(), bias_z_, bias_n_);
  }

 private:
  void Update(double gi, double w, double& z, double& n) const {
    double sigma = (std::sqrt(n + gi * gi) - std::sqrt(n)) / o_.alpha;
    z += gi - sigma * w;
    n += gi * gi;
  }

  const TrainOptions& o_;
  std::vector<double> z_, n_;
  double bias_z_ = 0, bias_n_ = 0;
};

}  // namespace

base::Result<Classifier> Classifier::Train(std::span<const Example> examples,
                                           const TrainOptions& options) {
  BINHYEN_RETURN_IF_ERROR(CheckOptions(examples, options));
  const internal::FeatureConfig& config = options.features;
  Rows rows;
  std::vector<std::pair<uint32_t, double>> scratch;
  for (const Example& e : examples) {
    AddRow(text::NormalizeForMatching(e.text).text, config, scratch, rows);
    rows.scam.push_back(e.scam);
    rows.weight.push_back(e.weight);
  }

  const size_t buckets = size_t{1} << config.hash_bits;
  Ftrl ftrl(options, buckets);
  internal::SplitMix64 random(options.seed);
  std::vector<uint32_t> order(examples.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    random.Shuffle(order);
    for (uint32_t r : order) ftrl.Step(rows, r);
  }

  // Quantise to int16 with one scale: the largest weight maps to 32767.
  std::vector<double> w(buckets);
  double largest = 0;
  for (size_t i = 0; i < buckets; ++i) {
    w[i] = ftrl.Weight(i);
    largest = std::max(largest, std::fabs(w[i]));
  }
  const double scale = largest > 0 ? largest / 32767.0 : 1.0;
  std::vector<int16_t> q(buckets);
  for (size_t i = 0; i < buckets; ++i) q[i] = static_cast<int16_t>(std::lround(w[i] / scale));
  return Classifier(config, ftrl.Bias(), scale, std::move(q));
}

}  // namespace binhyen::scan
