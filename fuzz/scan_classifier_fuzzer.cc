// Fuzzes the classifier's model parser and training-data parser (scan/classifier.h,
// scan/training.h):
//   * a model that Load accepts serialises back to exactly the same bytes, and scores any text
//     (the input itself) with a probability in [0, 1];
//   * LoadExamples never yields an empty text or a text holding a line break;
//   * the built-in model scores the input (as normalised text) within [0, 1], and its top
//     contributions are positive and sorted.
// A broken invariant calls __builtin_trap().
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "scan/classifier.h"
#include "scan/training.h"
#include "text/matching.h"

namespace {

namespace scan = binhyen::scan;

void Check(bool condition) {
  if (!condition) __builtin_trap();
}

void CheckProbability(const scan::Classifier& c, std::string_view normalized) {
  double p = c.Probability(normalized);
  Check(p >= 0.0 && p <= 1.0);
}

void CheckModel(std::string_view input) {
  auto model = scan::Classifier::Load(input);
  if (!model.ok()) return;
  Check(model->Serialize() == input);
  CheckProbability(*model, input);
}

void CheckExamples(std::string_view input) {
  auto examples = scan::LoadExamples(input);
  if (!examples.ok()) return;
  for (const scan::Example& e : *examples) {
    Check(!e.text.empty());
    Check(e.text.find('\n') == std::string::npos);
  }
}

void CheckBuiltIn(std::string_view input) {
  static const auto* const kBuiltIn = new auto(scan::Classifier::BuiltIn());
  if (!kBuiltIn->ok()) return;  // a build without a trained model
  std::string normalized = binhyen::text::NormalizeForMatching(input).text;
  CheckProbability(**kBuiltIn, normalized);
  auto top = (*kBuiltIn)->TopContributions(normalized, 5);
  Check(top.size() <= 5);
  for (size_t i = 0; i < top.size(); ++i) {
    Check(top[i].weight > 0);
    if (i > 0) Check(top[i - 1].weight >= top[i].weight);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  CheckModel(input);
  CheckExamples(input);
  CheckBuiltIn(input);
  return 0;
}
