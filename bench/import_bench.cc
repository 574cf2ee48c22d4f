// Speed of the feed parsers (exchange::ParseFeed) on a 1,000,000-line hosts file built from real
// blocklist hosts (bench/data/README.md), and the per-host cost of the slow path it avoids.
// Run:
//   build/bench/import_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <fstream>
#include <string>
#include <vector>

#include "exchange/import_formats.h"
#include "indicator/domain.h"

namespace binhyen::exchange {
namespace {

std::vector<std::string> ReadHosts() {
  std::vector<std::string> hosts;
  for (const char* name : {"hostsvn_threat_vn.txt", "phishtank_hosts.txt"}) {
    std::ifstream in(std::string(BINHYEN_SOURCE_DIR) + "/bench/data/" + name);
    for (std::string line; std::getline(in, line);) {
      if (!line.empty() && line[0] != '#') hosts.push_back(line);
    }
  }
  return hosts;
}

// "0.0.0.0 host" lines: the real hosts first, then "x<i>." + a real host, so every line is a
// distinct, valid name; a stock header (comments, localhost lines) comes first.
std::string BuildHostsFile(size_t lines) {
  std::vector<std::string> hosts = ReadHosts();
  std::string text =
      "# Title: generated hosts file\n127.0.0.1 localhost\n::1 localhost ip6-localhost\n\n";
  for (size_t i = 0; i < lines; ++i) {
    text += "0.0.0.0 ";
    if (i >= hosts.size()) {
      text += 'x';
      text += std::to_string(i);
      text += '.';
    }
    text += hosts[i % hosts.size()];
    text += '\n';
  }
  return text;
}

void BM_ParseHosts1M(benchmark::State& state) {
  const std::string text = BuildHostsFile(1'000'000);
  size_t entries = 0;
  for (auto _ : state) {
    base::Result<ParsedFeed> feed = ParseFeed(ImportFormat::kHosts, text);
    if (!feed.ok()) {
      state.SkipWithError(feed.status().ToString().c_str());
      return;
    }
    entries = feed->entries.size();
    benchmark::DoNotOptimize(feed);
  }
  state.counters["entries"] = static_cast<double>(entries);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * 1'000'000);
}
BENCHMARK(BM_ParseHosts1M)->Unit(benchmark::kMillisecond);

// The general path: indicator::CanonicalizeDomain per host (URL parser, libidn2, libpsl).
void BM_CanonicalizeDomainSlowPath(benchmark::State& state) {
  const std::vector<std::string> hosts = ReadHosts();
  size_t i = 0;
  for (auto _ : state) {
    auto r = indicator::CanonicalizeDomain(hosts[i++ % hosts.size()]);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_CanonicalizeDomainSlowPath);

}  // namespace
}  // namespace binhyen::exchange

BENCHMARK_MAIN();
