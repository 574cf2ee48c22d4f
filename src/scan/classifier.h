#pragma once
// The message classifier: logistic regression over hashed word unigrams and bigrams, character
// 3-5-grams and a few shape features of the normalised text (internal/classifier_features.h),
// trained with FTRL-Proximal (per-coordinate learning rates, L1 + L2), and stored in a small
// binary model file (data/scan/model.bin, compiled in as internal::kModel).
//
// Model file (all integers little-endian):
//   "BHYCLF\r\n"                 8-byte magic
//   u32 version                  kModelVersion
//   u8 hash_bits, u8 char_min, u8 char_max, u8 flags (bit 0 word bigrams, bit 1 shapes)
//   f64 bias, f64 scale          IEEE-754 bits; weight of bucket i = q_i * scale
//   u32 count                    number of non-zero buckets
//   count x { varint delta, i16 q }   bucket index minus the previous one (first: the index)
//   u64 checksum                 FNV-1a 64 of every preceding byte
// The weights are quantised to int16 when training ends, so a model scores exactly the same
// before Serialize and after Load.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "scan/internal/classifier_features.h"

namespace binhyen::scan {

// One labelled message for training or evaluation.
struct Example {
  std::string text;  // raw, as received (not normalised)
  bool scam = false;
  // How much the example counts in training relative to others (a small set can be made to count
  // as much as a large one). Train rejects a weight that is not finite and > 0.
  double weight = 1.0;
};

// How to train. The defaults are the ones the committed model was trained with.
struct TrainOptions {
  int epochs = 30;           // passes over the data, each in a fresh shuffled order
  double alpha = 0.3;        // FTRL-Proximal learning-rate scale
  double beta = 1.0;         // FTRL-Proximal learning-rate smoothing
  double l1 = 0.1;           // L1 strength (drives unhelpful weights to exactly zero)
  double l2 = 1.0;           // L2 strength
  double scam_weight = 1.5;  // loss weight of a scam example relative to an ordinary one
  uint64_t seed = 1;         // seeds the shuffles; same data + options + seed -> same model bytes
  internal::FeatureConfig features;
};

inline constexpr uint32_t kModelVersion = 1;

// One feature's part in a score, for explanations and debugging.
struct Contribution {
  std::string feature;  // e.g. "word:'prize'" (internal::DescribeFeature)
  double weight;        // its addition to the log-odds of "scam"
};

// Thread safety: immutable after construction; every const method may be called concurrently.
class Classifier {
 public:
  // Parses a model file. Returns kInvalidArgument naming what is wrong when the magic, version,
  // header, entries or checksum are bad, or the bytes are truncated or have trailing data.
  static base::Result<Classifier> Load(std::string_view model_bytes);

  // The model compiled into the binary (data/scan/model.bin). kInvalidArgument if it is missing
  // or damaged (a build without a trained model). Parses the model on every call (about 0.5 ms,
  // 512 KiB): load it once and share the result.
  static base::Result<Classifier> BuiltIn();

  // Trains on `examples` (raw texts; each is normalised with text::NormalizeForMatching).
  // Deterministic: the same examples in the same order with the same options give the same
  // model, byte for byte. kInvalidArgument if there are no examples, only one label, an example
  // weight that is not finite and > 0, or options out of range (epochs 1..1000, hash_bits 12..22,
  // char n-grams within 1..8, non-negative finite rates).
  static base::Result<Classifier> Train(std::span<const Example> examples,
                                        const TrainOptions& options);

  // The model file (format above). Load(Serialize()) scores exactly as *this.
  std::string Serialize() const;

  // P(scam) in [0, 1] for a text already passed through text::NormalizeForMatching. Allocates
  // nothing.
  double Probability(std::string_view normalized) const;

  // The log-odds behind Probability.
  double Score(std::string_view normalized) const;

  // The `limit` features of `normalized` that added most to the score (largest first), only
  // those with a positive contribution.
  std::vector<Contribution> TopContributions(std::string_view normalized, size_t limit) const;

  const internal::FeatureConfig& features() const { return features_; }
  // Number of buckets with a non-zero weight.
  size_t NonZeroWeights() const;

 private:
  Classifier(internal::FeatureConfig features, double bias, double scale,
             std::vector<int16_t> weights);

  internal::FeatureConfig features_;
  double bias_ = 0;
  double scale_ = 0;
  // 2^hash_bits quantised weights (weight = q * scale_). Scoring sums them as integers, so the
  // table stays small (512 KiB at 18 bits) and the sum is exact.
  std::vector<int16_t> weights_;
};

}  // namespace binhyen::scan
