// Throughput of Extract over real texts. Run:
//   build/bench/extract_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
// BM_ExtractSms: the 5,574 messages of the UCI SMS Spam Collection (tests/data/sms), one Extract
// call per message. BM_ExtractVietnamese: the golden inputs (tests/golden/extract/*.txt),
// Vietnamese scam messages, one call per text (dense: about one indicator per 150 bytes, so
// the canonicalisers, libphonenumber above all, dominate). Bytes processed are the message bytes.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "indicator/extract.h"
#include "indicator/internal/extract_scan.h"

namespace binhyen::indicator {
namespace {

std::vector<std::string> SmsTexts() {
  std::ifstream in(std::string(BINHYEN_SOURCE_DIR) + "/tests/data/sms/SMSSpamCollection.tsv");
  std::vector<std::string> texts;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    size_t tab = line.find('\t');
    if (tab != std::string::npos) texts.push_back(line.substr(tab + 1));
  }
  return texts;
}

std::vector<std::string> GoldenTexts() {
  namespace fs = std::filesystem;
  std::vector<fs::path> paths;
  std::error_code ec;
  for (const auto& e :
       fs::directory_iterator(fs::path(BINHYEN_SOURCE_DIR) / "tests/golden/extract", ec)) {
    if (e.path().extension() == ".txt") paths.push_back(e.path());
  }
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> texts;
  for (const fs::path& p : paths) {
    std::ifstream in(p, std::ios::binary);
    texts.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return texts;
}

void RunOver(benchmark::State& state, const std::vector<std::string>& texts) {
  if (texts.empty()) {
    state.SkipWithError("no input texts");
    return;
  }
  size_t bytes = 0;
  for (const std::string& t : texts) bytes += t.size();
  size_t found = 0;
  for (auto _ : state) {
    for (const std::string& t : texts) {
      std::vector<Extracted> r = Extract(t);
      found += r.size();
      benchmark::DoNotOptimize(r.data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.counters["texts"] = static_cast<double>(texts.size());
  state.counters["found_per_pass"] =
      static_cast<double>(found) / static_cast<double>(std::max<int64_t>(1, state.iterations()));
}

void BM_ExtractSms(benchmark::State& state) {
  static const std::vector<std::string> texts = SmsTexts();
  RunOver(state, texts);
}
BENCHMARK(BM_ExtractSms)->Unit(benchmark::kMillisecond);

void BM_ExtractVietnamese(benchmark::State& state) {
  static const std::vector<std::string> texts = GoldenTexts();
  RunOver(state, texts);
}
BENCHMARK(BM_ExtractVietnamese)->Unit(benchmark::kMicrosecond);

// The candidate finder alone (no context rules, no canonicalisers) over the Vietnamese texts:
// how much of BM_ExtractVietnamese is the scan itself.
void BM_ScanCandidatesVietnamese(benchmark::State& state) {
  static const std::vector<std::string> texts = GoldenTexts();
  size_t bytes = 0;
  for (const std::string& t : texts) bytes += t.size();
  for (auto _ : state) {
    for (const std::string& t : texts) {
      std::vector<internal::Candidate> c = internal::ScanCandidates(t);
      benchmark::DoNotOptimize(c.data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_ScanCandidatesVietnamese)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace binhyen::indicator

BENCHMARK_MAIN();
