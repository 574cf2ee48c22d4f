// The message classifier (scan/classifier.h): Probability on one normalised SMS (the scanner
// normalises once and hands the classifier the normalised text), over the whole UCI collection,
// and training on it. Figures and commands go to docs/SCANNER.md and docs/PERFORMANCE.md.
#include <benchmark/benchmark.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "scan/classifier.h"
#include "scan/training.h"
#include "text/matching.h"

namespace {

using binhyen::scan::Classifier;
using binhyen::scan::Example;

const std::vector<Example>& Uci() {
  static const std::vector<Example>* const kExamples = [] {
    std::ifstream in(BINHYEN_SOURCE_DIR "/data/scan/corpus/uci_sms.tsv", std::ios::binary);
    std::string tsv((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto examples = binhyen::scan::LoadExamples(tsv);
    return new std::vector<Example>(examples.ok() ? *examples : std::vector<Example>{});
  }();
  return *kExamples;
}

const Classifier& BuiltIn() {
  static const Classifier* const kClassifier = [] {
    auto c = binhyen::scan::Classifier::BuiltIn();
    if (!c.ok()) {
      std::fprintf(stderr, "%s\n", c.status().ToString().c_str());
      std::abort();
    }
    return new Classifier(std::move(c).value());
  }();
  return *kClassifier;
}

// A spam SMS from the UCI collection, normalised and cut to 160 bytes.
void BM_Probability160(benchmark::State& state) {
  const std::string raw =
      "URGENT! Your mobile No. 07808726822 was awarded a L2,000 Bonus Caller Prize on 02/09/03! "
      "This is our 2nd attempt to contact YOU! Call 0871-872-9758 BOX95QU. T&Cs apply";
  const std::string normalized = binhyen::text::NormalizeForMatching(raw).text.substr(0, 160);
  const Classifier& c = BuiltIn();
  for (auto _ : state) benchmark::DoNotOptimize(c.Probability(normalized));
  state.SetLabel(std::to_string(normalized.size()) + " bytes normalised");
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(normalized.size()));
}
BENCHMARK(BM_Probability160);

// Every UCI message, normalised beforehand: the classifier's share of a scan.
void BM_ProbabilityUci(benchmark::State& state) {
  std::vector<std::string> normalized;
  int64_t bytes = 0;
  for (const Example& e : Uci()) {
    normalized.push_back(binhyen::text::NormalizeForMatching(e.text).text);
    bytes += static_cast<int64_t>(normalized.back().size());
  }
  const Classifier& c = BuiltIn();
  for (auto _ : state) {
    for (const std::string& n : normalized) benchmark::DoNotOptimize(c.Probability(n));
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(normalized.size()));
  state.SetBytesProcessed(state.iterations() * bytes);
}
BENCHMARK(BM_ProbabilityUci);

// Training on the whole UCI collection with the default options (the committed model's).
void BM_TrainUci(benchmark::State& state) {
  for (auto _ : state) {
    auto c = Classifier::Train(Uci(), binhyen::scan::TrainOptions());
    benchmark::DoNotOptimize(c);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(Uci().size()));
}
BENCHMARK(BM_TrainUci)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
