// The reputation index (src/index/) against a synthetic index of 1,000,000 listings: URL check
// (canonicalise with indicator::CanonicalizeUrlInto, lookup expressions, probe), phone and
// account IsListed, Build, and the index memory per listing (counter "bytes_per_listing").
// Targets (issue 5): URL check >= 1,000,000/s, phone/account >= 10,000,000/s on one core,
// <= 64 bytes per listing, Build <= 2 s. Run:
//   build/bench/index_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "index/snapshot.h"
#include "indicator/url.h"

namespace binhyen::index {
namespace {

constexpr size_t kListings = 1000000;
constexpr size_t kQueries = 1 << 17;

// A seeded generator (SplitMix64): the same index on every run.
class Gen {
 public:
  explicit Gen(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  size_t Below(size_t n) { return static_cast<size_t>(Next() % n); }
  template <typename T, size_t N>
  const T& Pick(const T (&items)[N]) {
    return items[Below(N)];
  }

 private:
  uint64_t state_;
};

constexpr const char* kWords[] = {
    "vietcom", "bank",  "nhantien", "khuyenmai", "vay",    "tien",   "shop",   "qua",
    "tang",    "momo",  "zalo",     "xacminh",   "login",  "secure", "online", "giao",
    "hang",    "nhanh", "24h",      "247",       "ebank",  "ibank",  "the",    "tindung",
    "dichvu",  "cong",  "thongtin", "update",    "verify", "app",    "pay",    "wallet"};
constexpr const char* kTlds[] = {"com",  "net",  "top",  "xyz", "vn",  "com.vn", "online",
                                 "site", "shop", "info", "cc",  "vip", "live",   "org"};
constexpr const char* kPaths[] = {"/",          "/login",  "/dang-nhap/", "/xac-minh.php",
                                  "/nhan-qua/", "/a/b/c/", "/index.html", "/verify/step2"};
constexpr const char* kCategories[] = {"phishing",     "fake_shop", "scam_call",
                                       "mule_account", "malware",   "investment_scam"};
constexpr const char* kBins[] = {"970436", "970407", "970418", "970415", "970405",
                                 "970422", "970423", "970432", "970416", "970403"};

std::string Host(Gen& g, uint64_t id) {
  std::string host = std::string(g.Pick(kWords)) + g.Pick(kWords) + std::to_string(id % 100000);
  if (g.Below(4) == 0) host = std::string(g.Pick(kWords)) + "." + host;
  return host + "-" + std::to_string(id / 100000) + "." + g.Pick(kTlds);
}

std::string Digits(Gen& g, size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s.push_back(static_cast<char>('0' + g.Below(10)));
  return s;
}

std::string Phone(Gen& g) { return "+849" + Digits(g, 8); }

// The listing of number `i`: 45% domains, 25% URLs, 15% phones, 10% accounts, 5% email/social/ip.
Listing MakeListing(Gen& g, size_t i) {
  Listing l;
  l.category = g.Pick(kCategories);
  l.source = static_cast<uint16_t>(g.Below(4));
  l.first_seen = 1600000000 + static_cast<int64_t>(g.Below(200000000));
  if (g.Below(100) == 0) l.warning_url = "https://binhyen.vn/canh-bao/" + std::to_string(i);
  size_t kind = i % 20;
  if (kind < 9) {
    l.kind = indicator::Kind::kDomain;
    l.canonical = Host(g, i);
  } else if (kind < 14) {
    l.kind = indicator::Kind::kUrl;
    l.canonical = "http://" + Host(g, i) + g.Pick(kPaths) + (g.Below(3) == 0 ? "x.php?id=7" : "");
  } else if (kind < 17) {
    l.kind = indicator::Kind::kPhone;
    l.canonical = Phone(g);
  } else if (kind < 19) {
    l.kind = indicator::Kind::kBankAccount;
    l.canonical = (g.Below(2) == 0 ? std::string(g.Pick(kBins)) + ":" : "") + Digits(g, 10);
  } else if (i % 3 == 0) {
    l.kind = indicator::Kind::kEmail;
    l.canonical = "support" + std::to_string(i) + "@" + Host(g, i);
  } else if (i % 3 == 1) {
    l.kind = indicator::Kind::kSocial;
    l.canonical = "facebook:page" + std::to_string(i);
  } else {
    l.kind = indicator::Kind::kIp;
    l.canonical = std::to_string(1 + g.Below(223)) + "." + std::to_string(g.Below(256)) + "." +
                  std::to_string(g.Below(256)) + "." + std::to_string(1 + g.Below(254));
  }
  return l;
}

SnapshotInput MakeInput() {
  SnapshotInput input;
  input.version = 1;
  input.sources = {{"binhyen", Trust::kHigh},
                   {"feed:hostsvn", Trust::kMedium},
                   {"feed:urlhaus", Trust::kHigh},
                   {"feed:openphish", Trust::kLow}};
  Gen g(42);
  input.listings.reserve(kListings);
  for (size_t i = 0; i < kListings; ++i) input.listings.push_back(MakeListing(g, i));
  return input;
}

struct Fixture {
  std::shared_ptr<const Snapshot> snapshot;
  std::vector<std::string> urls;      // 10% on listed hosts, 90% not
  std::vector<std::string> phones;    // half listed
  std::vector<std::string> accounts;  // half listed
};

const Fixture& GetFixture() {
  static const Fixture* fixture = [] {
    auto* f = new Fixture;
    SnapshotInput input = MakeInput();
    Gen g(7);
    for (const Listing& l : input.listings) {
      if (l.kind == indicator::Kind::kPhone && f->phones.size() < kQueries / 2) {
        f->phones.push_back(l.canonical);
        f->phones.push_back(Phone(g));
      } else if (l.kind == indicator::Kind::kBankAccount && f->accounts.size() < kQueries / 2) {
        f->accounts.push_back(l.canonical);
        f->accounts.push_back(std::string(g.Pick(kBins)) + ":" + Digits(g, 10));
      } else if (l.kind == indicator::Kind::kDomain && f->urls.size() < kQueries / 10) {
        f->urls.push_back("https://" + l.canonical + "/tai-khoan/xac-minh?otp=1");
      }
    }
    // Unlisted: news, shops and the same word mix as the index, with realistic paths.
    while (f->urls.size() < kQueries) {
      std::string host = (g.Below(2) == 0 ? "www." : "") + Host(g, 5000000 + g.Below(1000000));
      f->urls.push_back((g.Below(2) == 0 ? "https://" : "http://") + host + "/tin-tuc/2024/" +
                        std::to_string(g.Below(100000)) + "/bai-viet.html" +
                        (g.Below(2) == 0 ? "?utm_source=zalo" : ""));
    }
    // Shuffle so that listed and unlisted queries interleave.
    for (size_t i = f->urls.size() - 1; i > 0; --i) std::swap(f->urls[i], f->urls[g.Below(i + 1)]);
    f->snapshot = Snapshot::Build(std::move(input));
    return f;
  }();
  return *fixture;
}

void SetMemoryCounter(benchmark::State& state, const Snapshot& s) {
  state.counters["bytes_per_listing"] =
      static_cast<double>(s.MemoryBytes()) / static_cast<double>(s.size());
}

void BM_CheckUrl(benchmark::State& state) {
  const Fixture& f = GetFixture();
  indicator::CanonicalUrl url;
  CheckResult out;
  size_t i = 0;
  size_t listed = 0;
  for (auto _ : state) {
    (void)indicator::CanonicalizeUrlInto(f.urls[i++ & (kQueries - 1)], &url);
    f.snapshot->CheckUrl(url, &out);
    listed += out.verdict != Verdict::kUnknown;
  }
  benchmark::DoNotOptimize(listed);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  SetMemoryCounter(state, *f.snapshot);
}
BENCHMARK(BM_CheckUrl);

// The share of BM_CheckUrl that is canonicalisation alone (src/indicator/), same URLs.
void BM_CanonicalizeOnly(benchmark::State& state) {
  const Fixture& f = GetFixture();
  indicator::CanonicalUrl url;
  size_t i = 0;
  for (auto _ : state) {
    (void)indicator::CanonicalizeUrlInto(f.urls[i++ & (kQueries - 1)], &url);
    benchmark::DoNotOptimize(url.Spec().data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_CanonicalizeOnly);

void IsListedLoop(benchmark::State& state, indicator::Kind kind,
                  const std::vector<std::string>& values) {
  const Fixture& f = GetFixture();
  size_t i = 0;
  size_t listed = 0;
  size_t mask = values.size() - 1;  // a power of two
  for (auto _ : state) listed += f.snapshot->IsListed(kind, values[i++ & mask]);
  benchmark::DoNotOptimize(listed);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

void BM_IsListedPhone(benchmark::State& state) {
  IsListedLoop(state, indicator::Kind::kPhone, GetFixture().phones);
}
BENCHMARK(BM_IsListedPhone);

void BM_IsListedAccount(benchmark::State& state) {
  IsListedLoop(state, indicator::Kind::kBankAccount, GetFixture().accounts);
}
BENCHMARK(BM_IsListedAccount);

// Build of the 1,000,000-listing index (the input is copied outside the timing).
void BM_Build(benchmark::State& state) {
  static const SnapshotInput* input = new SnapshotInput(MakeInput());
  std::shared_ptr<const Snapshot> s;
  for (auto _ : state) {
    state.PauseTiming();
    SnapshotInput copy = *input;
    s.reset();
    state.ResumeTiming();
    s = Snapshot::Build(std::move(copy));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kListings));
  SetMemoryCounter(state, *s);
}
BENCHMARK(BM_Build)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
}  // namespace binhyen::index

BENCHMARK_MAIN();
