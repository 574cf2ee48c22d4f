// Store throughput: creating reports with three indicators each (many per transaction, one per
// transaction, one per transaction from four threads), lookup of a report by id, and lookup of
// reports sharing an indicator. "sqlite-full" repeats the writes with synchronous=FULL.
// SQLite runs in WAL mode with synchronous=NORMAL in a fresh temp dir on disk
// ($BINHYEN_BENCH_DIR or the system temp dir). When BINHYEN_BENCH_POSTGRES_URL is set, the same
// benchmarks also run on PostgreSQL (a fresh schema each). Rates are per wall-clock second
// (UseRealTime): disk waits count. Run:
//   build/bench/store_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "base/check.h"
#include "domain/receipt.h"
#include "store/registry.h"
#include "store/store.h"

namespace binhyen::store {
namespace {

std::string Cat(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view p : parts) out.append(p);
  return out;
}

// A fresh, migrated store of `backend`; removes its directory when destroyed.
class BenchStore {
 public:
  explicit BenchStore(const std::string& backend) {
    RegisterSqlite(registry_);
    RegisterPostgres(registry_);
    std::string url;
    if (backend.starts_with("sqlite")) {
      const char* base = std::getenv("BINHYEN_BENCH_DIR");
      std::string pattern =
          Cat({base ? std::string(base) : std::filesystem::temp_directory_path().string(),
               "/binhyen_bench_XXXXXX"});
      BINHYEN_CHECK(mkdtemp(pattern.data()) != nullptr, "mkdtemp failed");
      dir_ = pattern;
      url = Cat({"sqlite:", dir_, "/bench.db"});
      // "sqlite-full": fsync on every commit (the durable-on-power-loss setting).
      if (backend == "sqlite-full") url += "?synchronous=full";
    } else {
      auto fresh = registry_.FreshTestDatabase(std::getenv("BINHYEN_BENCH_POSTGRES_URL"),
                                               Cat({"bench", std::to_string(getpid())}));
      BINHYEN_CHECK(fresh.ok(), fresh.status().ToString().c_str());
      url = *fresh;
    }
    auto opened = registry_.Open(url);
    BINHYEN_CHECK(opened.ok(), opened.status().ToString().c_str());
    store_ = std::move(opened).value();
    BINHYEN_CHECK(store_->Migrate().ok(), "migrate failed");
  }
  ~BenchStore() {
    store_.reset();
    if (!dir_.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(dir_, ec);
    }
  }
  Store& store() { return *store_; }

 private:
  Registry registry_;
  std::string dir_;
  std::unique_ptr<Store> store_;
};

// Report n: three indicators; the phone is shared by 10 consecutive reports, the domain by 100.
domain::Report MakeReport(uint64_t n) {
  std::array<uint8_t, domain::kReceiptRandomBytes> bytes{};
  for (size_t i = 0; i < bytes.size(); ++i) bytes[bytes.size() - 1 - i] = (n >> (8 * i)) & 0xff;
  domain::Report r;
  r.receipt_code = domain::MakeReceiptCode(bytes);
  r.channel = domain::Channel::kWeb;
  r.category = domain::Category::kBankImpersonation;
  r.description =
      Cat({"Nhận được tin nhắn giả danh ngân hàng yêu cầu xác minh tài khoản qua "
           "đường link, số ",
           std::to_string(n)});
  r.loss_vnd = static_cast<int64_t>(n % 7) * 1'000'000;
  r.ward = "P01";
  r.created_at = base::TimePoint(std::chrono::seconds(1'700'000'000 + n));
  r.indicators = {
      {indicator::Kind::kPhone, Cat({"+8491", std::to_string(1'000'000 + n / 10)}), ""},
      {indicator::Kind::kDomain, Cat({"vcb-xacminh", std::to_string(n / 100), ".top"}), ""},
      {indicator::Kind::kUrl, Cat({"http://vcb-xacminh.top/", std::to_string(n), "/"}), ""}};
  return r;
}

void CreateBatch(Store& store, uint64_t& next, int count) {
  auto tx = store.Begin(TxMode::kReadWrite);
  BINHYEN_CHECK(tx.ok(), tx.status().ToString().c_str());
  for (int i = 0; i < count; ++i) {
    auto key = (*tx)->Reports().Create(MakeReport(next++));
    BINHYEN_CHECK(key.ok(), key.status().ToString().c_str());
  }
  BINHYEN_CHECK((*tx)->Commit().ok(), "commit failed");
}

void BM_CreateReportsBatched(benchmark::State& state, std::string backend) {
  BenchStore bench(backend);
  const int batch = static_cast<int>(state.range(0));
  uint64_t next = 1;
  for (auto _ : state) CreateBatch(bench.store(), next, batch);
  state.SetItemsProcessed(state.iterations() * batch);
}

void BM_CreateReportOnePerTransaction(benchmark::State& state, std::string backend) {
  BenchStore bench(backend);
  uint64_t next = 1;
  for (auto _ : state) CreateBatch(bench.store(), next, 1);
  state.SetItemsProcessed(state.iterations());
}

// Four threads, one report per transaction each: concurrent writers share commits (SQLite's
// group commit), which matters most with synchronous=full.
void BM_CreateReportOnePerTransactionFourThreads(benchmark::State& state, std::string backend) {
  BenchStore bench(backend);
  constexpr int kThreads = 4, kPerThread = 50;
  std::atomic<uint64_t> next{1};
  for (auto _ : state) {
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&] {
        for (int i = 0; i < kPerThread; ++i) {
          uint64_t n = next.fetch_add(1);
          CreateBatch(bench.store(), n, 1);
        }
      });
    }
    for (auto& th : threads) th.join();
  }
  state.SetItemsProcessed(state.iterations() * kThreads * kPerThread);
}

constexpr int kPopulation = 20'000;

void Populate(Store& store) {
  uint64_t next = 1;
  for (int i = 0; i < kPopulation / 1000; ++i) CreateBatch(store, next, 1000);
}

// One read-only transaction per lookup, as a request handler would do.
void BM_GetReportById(benchmark::State& state, std::string backend) {
  BenchStore bench(backend);
  Populate(bench.store());
  int64_t id = 1;
  for (auto _ : state) {
    auto tx = bench.store().Begin(TxMode::kReadOnly);
    auto r = (*tx)->Reports().Get(id);
    BINHYEN_CHECK(r.ok(), r.status().ToString().c_str());
    benchmark::DoNotOptimize(r->indicators.size());
    id = (id + 7919) % kPopulation + 1;
  }
  state.SetItemsProcessed(state.iterations());
}

// Reports carrying one phone number (10 per phone), one read-only transaction per lookup.
void BM_FindReportsByIndicator(benchmark::State& state, std::string backend) {
  BenchStore bench(backend);
  Populate(bench.store());
  uint64_t n = 0;
  for (auto _ : state) {
    auto tx = bench.store().Begin(TxMode::kReadOnly);
    const std::string phone = Cat({"+8491", std::to_string(1'000'000 + (n++ * 37) % 2000)});
    auto ids = (*tx)->Reports().FindByIndicator(indicator::Kind::kPhone, phone, 100);
    BINHYEN_CHECK(ids.ok() && ids->size() >= 9, "expected ~10 reports per phone");
    benchmark::DoNotOptimize(ids->data());
  }
  state.SetItemsProcessed(state.iterations());
}

// Other reports sharing any indicator with a report (phone: 9 others; domain: 99 others).
void BM_FindReportsSharingIndicators(benchmark::State& state, std::string backend) {
  BenchStore bench(backend);
  Populate(bench.store());
  int64_t id = 1;
  for (auto _ : state) {
    auto tx = bench.store().Begin(TxMode::kReadOnly);
    auto ids = (*tx)->Reports().FindSharingIndicators(id, 1000);
    BINHYEN_CHECK(ids.ok() && ids->size() >= 90, "expected ~99 related reports");
    benchmark::DoNotOptimize(ids->data());
    id = (id + 7919) % kPopulation + 1;
  }
  state.SetItemsProcessed(state.iterations());
}

std::string Name(const char* what, const std::string& backend) { return Cat({what, "/", backend}); }

void RegisterCreate(const std::string& backend) {
  benchmark::RegisterBenchmark(Name("BM_CreateReportsBatched", backend).c_str(),
                               BM_CreateReportsBatched, backend)
      ->Arg(1000)
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime();
  benchmark::RegisterBenchmark(Name("BM_CreateReportOnePerTransaction", backend).c_str(),
                               BM_CreateReportOnePerTransaction, backend)
      ->Unit(benchmark::kMicrosecond)
      ->UseRealTime();
  benchmark::RegisterBenchmark(Name("BM_CreateReportOnePerTransactionFourThreads", backend).c_str(),
                               BM_CreateReportOnePerTransactionFourThreads, backend)
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime();
}

void RegisterAll(const std::string& backend) {
  auto name = [&](const char* what) { return Name(what, backend); };
  RegisterCreate(backend);
  benchmark::RegisterBenchmark(name("BM_GetReportById").c_str(), BM_GetReportById, backend)
      ->Unit(benchmark::kMicrosecond)
      ->UseRealTime();
  benchmark::RegisterBenchmark(name("BM_FindReportsByIndicator").c_str(), BM_FindReportsByIndicator,
                               backend)
      ->Unit(benchmark::kMicrosecond)
      ->UseRealTime();
  benchmark::RegisterBenchmark(name("BM_FindReportsSharingIndicators").c_str(),
                               BM_FindReportsSharingIndicators, backend)
      ->Unit(benchmark::kMicrosecond)
      ->UseRealTime();
}

}  // namespace
}  // namespace binhyen::store

int main(int argc, char** argv) {
  binhyen::store::RegisterAll("sqlite");
  binhyen::store::RegisterCreate("sqlite-full");
  const char* pg = std::getenv("BINHYEN_BENCH_POSTGRES_URL");
  if (pg != nullptr && *pg != '\0') binhyen::store::RegisterAll("postgres");
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
