// The classifier's model file and scoring (classifier.h). Training is in classifier_train.cc.
#include "scan/classifier.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <unordered_map>
#include <utility>

#include "scan/internal/embedded.h"

namespace binhyen::scan {
namespace {

constexpr std::string_view kMagic("BHYCLF\r\n", 8);
constexpr uint8_t kFlagBigrams = 1;
constexpr uint8_t kFlagShapes = 2;
// magic, version, 4 config bytes, bias, scale, count, checksum.
constexpr size_t kMinModelSize = 8 + 4 + 4 + 8 + 8 + 4 + 8;

uint64_t Checksum(std::string_view bytes) {
  uint64_t h = internal::kFnvOffset;
  for (char c : bytes) h = internal::FnvStep(h, static_cast<unsigned char>(c));
  return h;
}

void PutLe(std::string& out, uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

void PutDouble(std::string& out, double d) {
  uint64_t bits;
  std::memcpy(&bits, &d, sizeof bits);
  PutLe(out, bits, 8);
}

void PutVarint(std::string& out, uint32_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

// Bounds-checked little-endian reads; each returns false at the end of the data.
class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}

  bool Le(int bytes, uint64_t* v) {
    if (data_.size() - pos_ < static_cast<size_t>(bytes)) return false;
    *v = 0;
    for (int i = 0; i < bytes; ++i) {
      *v |= static_cast<uint64_t>(static_cast<unsigned char>(data_[pos_ + i])) << (8 * i);
    }
    pos_ += bytes;
    return true;
  }
  bool Double(double* d) {
    uint64_t bits;
    if (!Le(8, &bits)) return false;
    std::memcpy(d, &bits, sizeof bits);
    return true;
  }
  bool Varint(uint32_t* v) {
    *v = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      if (pos_ >= data_.size()) return false;
      auto b = static_cast<unsigned char>(data_[pos_++]);
      if (shift == 28 && b > 0x0f) return false;  // beyond 32 bits
      *v |= static_cast<uint32_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return true;
    }
    return false;
  }
  size_t pos() const { return pos_; }

 private:
  std::string_view data_;
  size_t pos_ = 0;
};

base::Status Invalid(const std::string& what) {
  return base::InvalidArgumentError("classifier model: " + what);
}

base::Status ReadHeader(Reader& r, internal::FeatureConfig* config, double* bias, double* scale) {
  uint64_t bits, char_min, char_max, flags;
  if (!r.Le(1, &bits) || !r.Le(1, &char_min) || !r.Le(1, &char_max) || !r.Le(1, &flags) ||
      !r.Double(bias) || !r.Double(scale)) {
    return Invalid("truncated header");
  }
  config->hash_bits = static_cast<int>(bits);
  config->char_min = static_cast<int>(char_min);
  config->char_max = static_cast<int>(char_max);
  config->word_bigrams = flags & kFlagBigrams;
  config->shapes = flags & kFlagShapes;
  if ((flags & ~(kFlagBigrams | kFlagShapes)) != 0) {
    return Invalid("unknown feature flags " + std::to_string(flags));
  }
  if (!internal::ValidConfig(*config)) {
    return Invalid("feature configuration out of range (hash bits " + std::to_string(bits) +
                   ", character n-grams " + std::to_string(char_min) + ".." +
                   std::to_string(char_max) + ")");
  }
  if (!std::isfinite(*bias) || !std::isfinite(*scale) || *scale <= 0) {
    return Invalid("bias or scale is not a positive finite number");
  }
  return base::Status::Ok();
}

base::Status ReadWeights(Reader& r, int hash_bits, std::vector<int16_t>* weights) {
  uint64_t count;
  if (!r.Le(4, &count)) return Invalid("truncated header");
  const uint64_t buckets = uint64_t{1} << hash_bits;
  if (count > buckets) return Invalid("more weights than buckets");
  weights->assign(buckets, 0);
  uint64_t index = 0;
  for (uint64_t i = 0; i < count; ++i) {
    uint32_t delta;
    uint64_t q;
    if (!r.Varint(&delta) || !r.Le(2, &q)) {
      return Invalid("truncated or malformed weight " + std::to_string(i) + " of " +
                     std::to_string(count));
    }
    if (i > 0 && delta == 0)
      return Invalid("weight indices not increasing at entry " + std::to_string(i));
    index += delta;
    if (index >= buckets) return Invalid("weight index out of range at entry " + std::to_string(i));
    auto value = static_cast<int16_t>(static_cast<uint16_t>(q));
    if (value == 0) return Invalid("zero weight stored at entry " + std::to_string(i));
    (*weights)[index] = value;
  }
  return base::Status::Ok();
}

}  // namespace

Classifier::Classifier(internal::FeatureConfig features, double bias, double scale,
                       std::vector<int16_t> weights)
    : features_(features), bias_(bias), scale_(scale), weights_(std::move(weights)) {}

base::Result<Classifier> Classifier::Load(std::string_view bytes) {
  if (bytes.size() < kMagic.size() || bytes.substr(0, kMagic.size()) != kMagic) {
    return Invalid("bad magic (not a binhyen classifier model)");
  }
  if (bytes.size() < kMinModelSize)
    return Invalid("truncated (" + std::to_string(bytes.size()) + " bytes)");
  Reader r(bytes.substr(kMagic.size()));
  uint64_t version;
  (void)r.Le(4, &version);  // present: the size was checked above
  if (version != kModelVersion) {
    return Invalid("unsupported version " + std::to_string(version) + " (this build reads " +
                   std::to_string(kModelVersion) + ")");
  }
  std::string_view body = bytes.substr(0, bytes.size() - 8);
  Reader tail(bytes.substr(bytes.size() - 8));
  uint64_t stored;
  (void)tail.Le(8, &stored);
  if (stored != Checksum(body)) return Invalid("checksum mismatch (damaged or truncated file)");

  Reader content(body.substr(kMagic.size() + 4));
  internal::FeatureConfig config;
  double bias, scale;
  BINHYEN_RETURN_IF_ERROR(ReadHeader(content, &config, &bias, &scale));
  std::vector<int16_t> weights;
  BINHYEN_RETURN_IF_ERROR(ReadWeights(content, config.hash_bits, &weights));
  if (content.pos() != body.size() - kMagic.size() - 4) {
    return Invalid("unexpected data after the weights");
  }
  return Classifier(config, bias, scale, std::move(weights));
}

base::Result<Classifier> Classifier::BuiltIn() {
  base::Result<Classifier> c = Load(internal::kModel);
  if (!c.ok()) return c.status().WithContext("built-in model (data/scan/model.bin)");
  return c;
}

std::string Classifier::Serialize() const {
  std::string out(kMagic);
  PutLe(out, kModelVersion, 4);
  out.push_back(static_cast<char>(features_.hash_bits));
  out.push_back(static_cast<char>(features_.char_min));
  out.push_back(static_cast<char>(features_.char_max));
  out.push_back(static_cast<char>((features_.word_bigrams ? kFlagBigrams : 0) |
                                  (features_.shapes ? kFlagShapes : 0)));
  PutDouble(out, bias_);
  PutDouble(out, scale_);
  PutLe(out, NonZeroWeights(), 4);
  uint32_t previous = 0;
  for (uint32_t i = 0; i < weights_.size(); ++i) {
    if (weights_[i] == 0) continue;
    PutVarint(out, i - previous);
    PutLe(out, static_cast<uint16_t>(weights_[i]), 2);
    previous = i;
  }
  PutLe(out, Checksum(out), 8);
  return out;
}

size_t Classifier::NonZeroWeights() const {
  return static_cast<size_t>(
      std::count_if(weights_.begin(), weights_.end(), [](int16_t w) { return w != 0; }));
}

double Classifier::Score(std::string_view normalized) const {
  const int16_t* w = weights_.data();
  const int bits = features_.hash_bits;
  int64_t sum = 0;
  uint32_t count = 0;
  internal::ForEachFeature(normalized, features_, [&](const internal::Feature& f) {
    // Branch-free sign: the hash's low bit is random, so a branch would mispredict half the time.
    int32_t q = w[internal::Bucket(f.hash, bits)];
    int32_t negate = -static_cast<int32_t>(f.hash & 1);
    sum += (q ^ negate) - negate;
    ++count;
  });
  if (count == 0) return bias_;
  return bias_ + scale_ * static_cast<double>(sum) / std::sqrt(static_cast<double>(count));
}

double Classifier::Probability(std::string_view normalized) const {
  return 1.0 / (1.0 + std::exp(-Score(normalized)));
}

std::vector<Contribution> Classifier::TopContributions(std::string_view normalized,
                                                       size_t limit) const {
  // Occurrences of the same feature add up; the first one names it.
  std::unordered_map<uint64_t, size_t> slot;
  std::vector<std::pair<internal::Feature, int64_t>> seen;
  size_t count = 0;
  internal::ForEachFeature(normalized, features_, [&](const internal::Feature& f) {
    ++count;
    auto [it, added] = slot.emplace(f.hash, seen.size());
    if (added) seen.emplace_back(f, 0);
    int32_t q = weights_[internal::Bucket(f.hash, features_.hash_bits)];
    seen[it->second].second += (f.hash & 1) ? -q : q;
  });
  std::vector<Contribution> out;
  if (count == 0) return out;
  const double norm = scale_ / std::sqrt(static_cast<double>(count));
  for (const auto& [feature, sum] : seen) {
    if (sum > 0) out.push_back({internal::DescribeFeature(normalized, feature), norm * sum});
  }
  std::stable_sort(out.begin(), out.end(), [](const Contribution& a, const Contribution& b) {
    return a.weight > b.weight;
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

}  // namespace binhyen::scan
