// The whole message scanner in process (scan/scanner.h): normalisation, rules, classifier,
// indicator extraction and index lookups, per message, on one thread (= one core). The corpus is
// the English UCI SMS collection and the Vietnamese sets (data/scan/corpus/), with an index that
// lists a few thousand links, numbers and accounts, so lookups do real work.
// Issue 6 target: >= 100,000 SMS/s on one core. Figures and command in docs/PERFORMANCE.md.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "index/snapshot.h"
#include "scan/scanner.h"

namespace {

using binhyen::scan::Scanner;

const Scanner& TheScanner() {
  static const Scanner* const kScanner = [] {
    auto scanner = Scanner::BuiltIn();
    if (!scanner.ok()) {
      std::cerr << scanner.status().ToString() << "\n";
      std::abort();
    }
    return new Scanner(std::move(scanner).value());
  }();
  return *kScanner;
}

// The texts of a `label<TAB>text` file, header skipped.
std::vector<std::string> Texts(const std::string& name) {
  std::ifstream in(std::string(BINHYEN_SOURCE_DIR) + "/data/scan/corpus/" + name);
  if (!in) {
    std::cerr << "cannot read data/scan/corpus/" << name << "\n";
    std::abort();
  }
  std::vector<std::string> out;
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    const size_t tab = line.find('\t');
    if (tab != std::string::npos) out.push_back(line.substr(tab + 1));
  }
  return out;
}

// 3,000 listed links, 1,000 phones and 1,000 accounts.
std::shared_ptr<const binhyen::index::Snapshot> Index() {
  using binhyen::indicator::Kind;
  binhyen::index::SnapshotInput input;
  input.sources = {{"binhyen", binhyen::index::Trust::kHigh}};
  auto add = [&input](Kind kind, std::string canonical, std::string category) {
    binhyen::index::Listing l;
    l.kind = kind;
    l.canonical = std::move(canonical);
    l.category = std::move(category);
    l.first_seen = 1'790'000'000;
    input.listings.push_back(std::move(l));
  };
  for (int i = 0; i < 3000; ++i) {
    add(Kind::kUrl, "http://scam-" + std::to_string(i) + ".top/", "phishing");
  }
  for (int i = 0; i < 1000; ++i) {
    add(Kind::kPhone, "+8491" + std::to_string(1000000 + i), "scam_call");
    add(Kind::kBankAccount, "970436:" + std::to_string(100000000 + i), "bank_fraud");
  }
  return binhyen::index::Snapshot::Build(std::move(input));
}

void Run(benchmark::State& state, const std::vector<std::string>& texts) {
  const Scanner& scanner = TheScanner();
  std::shared_ptr<const binhyen::index::Snapshot> index = Index();
  binhyen::scan::IndicatorLookup lookup =
      [&index](binhyen::indicator::Kind kind, std::string_view canonical, std::string_view bank) {
        return index->Check(kind, canonical, bank);
      };
  size_t bytes = 0;
  size_t i = 0;
  int scams = 0;
  for (auto _ : state) {
    const std::string& text = texts[i];
    binhyen::scan::ScanResult r = scanner.Scan(text, lookup);
    scams += r.verdict == binhyen::scan::Verdict::kScam;
    benchmark::DoNotOptimize(r);
    bytes += text.size();
    if (++i == texts.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["scam_share"] =
      benchmark::Counter(static_cast<double>(scams) / static_cast<double>(state.iterations()));
}

void BM_ScanEnglishSms(benchmark::State& state) {
  static const std::vector<std::string> kTexts = Texts("uci_sms.tsv");
  Run(state, kTexts);
}
BENCHMARK(BM_ScanEnglishSms);

void BM_ScanVietnamese(benchmark::State& state) {
  static const std::vector<std::string> kTexts = [] {
    std::vector<std::string> all = Texts("vi.tsv");
    for (std::string& t : Texts("vi_holdout.tsv")) all.push_back(std::move(t));
    return all;
  }();
  Run(state, kTexts);
}
BENCHMARK(BM_ScanVietnamese);

}  // namespace

BENCHMARK_MAIN();
