// Feature configuration checks and feature names (classifier_features.h).
#include "scan/internal/classifier_features.h"

namespace binhyen::scan::internal {
namespace {

// The bytes of [begin, end) as features saw them: digits as '0', and for character n-grams
// (`collapse`) each run of digits as one '0'.
std::string Mapped(std::string_view text, uint32_t begin, uint32_t end, bool collapse) {
  std::string out;
  if (begin > text.size()) begin = static_cast<uint32_t>(text.size());
  if (end > text.size()) end = static_cast<uint32_t>(text.size());
  for (uint32_t i = begin; i < end; ++i) {
    char c = static_cast<char>(MapByte(static_cast<unsigned char>(text[i])));
    if (collapse && c == '0' && !out.empty() && out.back() == '0' && i > begin &&
        text[i - 1] >= '0' && text[i - 1] <= '9') {
      continue;
    }
    out.push_back(c);
  }
  return out;
}

std::string ShapeName(uint32_t value) {
  switch (static_cast<Shape>(value)) {
    case Shape::kDigitRun5: return "digits>=5";
    case Shape::kDigitRun9: return "digits>=9";
    case Shape::kUrl: return "link";
    case Shape::kLength0: break;
  }
  int bucket = static_cast<int>(value) - static_cast<int>(Shape::kLength0);
  if (bucket >= kLengthBuckets - 1) return "length>=" + std::to_string(16 << (bucket - 1));
  return "length<" + std::to_string(16 << bucket);
}

}  // namespace

bool ValidConfig(const FeatureConfig& config) {
  return config.hash_bits >= kMinHashBits && config.hash_bits <= kMaxHashBits &&
         config.char_min >= 1 && config.char_min <= config.char_max &&
         config.char_max <= kMaxCharGram;
}

std::string DescribeFeature(std::string_view normalized, const Feature& feature) {
  switch (feature.kind) {
    case FeatureKind::kChar:
      return "char:'" + Mapped(normalized, feature.begin, feature.end, true) + "'";
    case FeatureKind::kWord:
      return "word:'" + Mapped(normalized, feature.begin, feature.end, false) + "'";
    case FeatureKind::kBigram:
      return "bigram:'" + Mapped(normalized, feature.begin, feature.end, false) + "'";
    case FeatureKind::kShape: return "shape:" + ShapeName(feature.begin);
  }
  return "?";
}

}  // namespace binhyen::scan::internal
