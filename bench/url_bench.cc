// Throughput of URL canonicalisation and Safe Browsing lookup expressions over a realistic mix
// of 10,000 URLs built from real blocklists (bench/data/README.md). Run:
//   build/bench/url_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <fstream>
#include <string>
#include <vector>

#include "indicator/url.h"

namespace binhyen::indicator {
namespace {

std::vector<std::string> ReadLines(const std::string& name) {
  std::ifstream in(std::string(BINHYEN_SOURCE_DIR) + "/bench/data/" + name);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

// Paths and queries seen in scam and malware reports.
constexpr const char* kPaths[] = {
    "/",
    "",
    "/login",
    "/dang-nhap/index.php?id=1234",
    "/wp-admin/includes/xac-minh.php",
    "/xac-minh?sdt=0912345678&otp=123456",
    "/index.html?utm_source=zalo&utm_medium=chat&utm_campaign=khuyen-mai",
    "/nhan-qua/tri-an-khach-hang/",
    "/a/b/../c/./d.html",
    "/%7Euser/files/HoaDon%20Dien%20Tu.pdf",
    "/Login.aspx?ReturnUrl=%2Fdefault.aspx",
    "//static//js/app.js?v=3.2.1",
    "/bin.sh",
    "/secure/update/account/verify/confirm/step2.php?session=ab12cd34ef56",
    "/track?id=9f8e7d6c5b4a#section",
    "/đăng-nhập?tài=khoản",
};

std::vector<std::string> BuildMix() {
  std::vector<std::string> urls;
  urls.reserve(10000);
  std::vector<std::string> urlhaus = ReadLines("urlhaus_urls.txt");
  std::vector<std::string> vn = ReadLines("hostsvn_threat_vn.txt");
  std::vector<std::string> phish = ReadLines("phishtank_hosts.txt");
  size_t n = 0;
  for (const std::string& u : urlhaus) urls.push_back((n++ % 3 == 0 ? "https://" : "http://") + u);
  std::vector<std::string> hosts = vn;
  hosts.insert(hosts.end(), phish.begin(), phish.end());
  constexpr size_t kNumPaths = sizeof(kPaths) / sizeof(kPaths[0]);
  for (size_t i = 0; urls.size() < 10000 && !hosts.empty(); ++i) {
    const std::string& host = hosts[i % hosts.size()];
    std::string url = i % 4 == 0   ? "https://"
                      : i % 4 == 1 ? "http://"
                      : i % 4 == 2 ? ""
                                   : "HTTP://";
    url += host;
    if (i % 29 == 0) url += ":8080";
    url += kPaths[(i * 7) % kNumPaths];
    urls.push_back(std::move(url));
  }
  return urls;
}

const std::vector<std::string>& Mix() {
  static const std::vector<std::string>* const kMix = new std::vector<std::string>(BuildMix());
  return *kMix;
}

void BM_CanonicalizeAndLookupExpressions(benchmark::State& state) {
  const std::vector<std::string>& urls = Mix();
  if (urls.size() < 1000) {
    state.SkipWithError("bench/data is missing");
    return;
  }
  CanonicalUrl url;
  LookupExpressionList list;
  size_t i = 0;
  size_t expressions = 0;
  for (auto _ : state) {
    const std::string& input = urls[i];
    if (++i == urls.size()) i = 0;
    if (CanonicalizeUrlInto(input, &url).ok()) {
      LookupExpressions(url, &list);
      expressions += list.size;
    }
    benchmark::DoNotOptimize(list.size);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.counters["expr_per_url"] = benchmark::Counter(static_cast<double>(expressions) /
                                                      static_cast<double>(state.iterations()));
}
BENCHMARK(BM_CanonicalizeAndLookupExpressions);

void BM_CanonicalizeUrlInto(benchmark::State& state) {
  const std::vector<std::string>& urls = Mix();
  CanonicalUrl url;
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(CanonicalizeUrlInto(urls[i], &url).ok());
    if (++i == urls.size()) i = 0;
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_CanonicalizeUrlInto);

// The indicator API (allocates, validates the host against the public suffix list).
void BM_CanonicalizeUrlIndicator(benchmark::State& state) {
  const std::vector<std::string>& urls = Mix();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(CanonicalizeUrl(urls[i]).ok());
    if (++i == urls.size()) i = 0;
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_CanonicalizeUrlIndicator);

}  // namespace
}  // namespace binhyen::indicator

BENCHMARK_MAIN();
