// The SQLite store's in-memory near-duplicate index (store/sqlite/simhash_index.h, ADR 0003):
// filling it from `reports` (what a server does on its first lookup after a start, and report by
// report afterwards), its heap per report, and one lookup. The reports have random simhashes,
// written to a fresh SQLite file in the temp dir. Run:
//   build/release/bench/simhash_index_bench --benchmark_repetitions=5
//       --benchmark_report_aggregates_only=true
// bytes_per_report is the heap in use (glibc's mallinfo2: arena plus mmapped blocks) after the
// fill minus before it, divided by the reports: what the index allocated, capacity included.
// Under ASan, which has its own allocator, the counter means nothing (glibc sees no allocations).
#include <benchmark/benchmark.h>
#include <malloc.h>
#include <stdlib.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include "base/check.h"
#include "store/common.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/simhash_index.h"

namespace binhyen::store::sqlite {
namespace {

size_t HeapInUse() {
  const struct mallinfo2 m = mallinfo2();
  return m.uordblks + m.hblkhd;
}

// A reports table of `n` random simhashes in a fresh temp dir, removed when destroyed.
class ReportsFile {
 public:
  explicit ReportsFile(int64_t n) {
    dir_ = (std::filesystem::temp_directory_path() / "binhyen_simhash_bench_XXXXXX").string();
    BINHYEN_CHECK(mkdtemp(dir_.data()) != nullptr, "mkdtemp failed");
    auto c = Connection::Open(dir_ + "/bench.db", /*create=*/true, /*read_only=*/false, {});
    BINHYEN_CHECK(c.ok(), c.status().ToString().c_str());
    db_ = std::move(*c);
    BINHYEN_CHECK(
        db_->Exec("CREATE TABLE reports (id INTEGER PRIMARY KEY, text_simhash INTEGER); BEGIN")
            .ok(),
        "create");
    std::mt19937_64 rng(20261130);
    for (int64_t id = 1; id <= n; ++id) {
      auto s = db_->Prepare("INSERT INTO reports (id, text_simhash) VALUES (?, ?)");
      BINHYEN_CHECK(s.ok(), "prepare");
      (*s)->Bind(1, id).Bind(2, SimhashToStored(rng()));
      BINHYEN_CHECK((*s)->Step().ok(), "insert");
    }
    BINHYEN_CHECK(db_->Exec("COMMIT").ok(), "commit");
  }
  ~ReportsFile() {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  Connection& db() { return *db_; }

 private:
  std::string dir_;
  std::unique_ptr<Connection> db_;
};

void BM_SimhashIndexFill(benchmark::State& state) {
  ReportsFile file(state.range(0));
  double bytes = 0;
  for (auto _ : state) {
    const size_t before = HeapInUse();
    auto index = std::make_unique<SimhashIndex>();
    BINHYEN_CHECK(index->CatchUp(file.db()).ok(), "catch up");
    bytes = static_cast<double>(HeapInUse() - before);
    benchmark::DoNotOptimize(index->last_id());
  }
  state.counters["bytes_per_report"] = bytes / static_cast<double>(state.range(0));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_SimhashIndexFill)->Arg(10000)->Arg(200000)->Unit(benchmark::kMillisecond);

void BM_SimhashIndexCandidates(benchmark::State& state) {
  ReportsFile file(state.range(0));
  SimhashIndex index;
  BINHYEN_CHECK(index.CatchUp(file.db()).ok(), "catch up");
  std::mt19937_64 rng(7);
  for (auto _ : state) {
    benchmark::DoNotOptimize(index.Candidates(rng(), 3, index.last_id() + 1, 20));
  }
}
BENCHMARK(BM_SimhashIndexCandidates)->Arg(200000);

}  // namespace
}  // namespace binhyen::store::sqlite

BENCHMARK_MAIN();
