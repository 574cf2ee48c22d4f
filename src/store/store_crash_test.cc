// Crash safety: a child process writes reports in a loop and reports each committed id through a
// pipe; the parent kills it with SIGKILL in the middle of writing, reopens the store, and checks
// that every reported id is present and the database is intact. Repeated 10 times per backend.

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <vector>

#include "store/store_conformance_fixture.h"

namespace binhyen::store::testing {
namespace {

class CrashSafety : public StoreTest {};

// Concatenation without `"literal" + std::string` (GCC 12 -Wrestrict false positive).
std::string Cat(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view p : parts) out.append(p);
  return out;
}

// Runs in the child: never returns.
[[noreturn]] void WriteForever(const std::string& url, int round, int fd) {
  Registry registry;
  RegisterAllBackends(registry);
  auto store = registry.Open(url);
  if (!store.ok()) _exit(2);
  for (uint64_t i = 0;; ++i) {
    auto tx = (*store)->Begin(TxMode::kReadWrite);
    if (!tx.ok()) _exit(3);
    domain::Report r;
    r.receipt_code = Receipt((static_cast<uint64_t>(round) << 24) | i);
    r.category = domain::Category::kPhishing;
    r.description = Cat({"Báo cáo số ", std::to_string(i), " trong vòng ", std::to_string(round)});
    r.created_at = base::TimePoint(std::chrono::seconds(1'700'000'000));
    r.indicators = {{indicator::Kind::kPhone, Cat({"+8491", std::to_string(1000000 + i % 97)}), ""},
                    {indicator::Kind::kDomain, Cat({"scam", std::to_string(i % 13), ".vn"}), ""},
                    {indicator::Kind::kUrl, Cat({"http://x.vn/", std::to_string(i), "/"}), ""}};
    auto key = (*tx)->Reports().Create(r);
    if (!key.ok() || !(*tx)->Commit().ok()) _exit(4);
    // Only now is the id durable: report it.
    const int64_t id = key->id;
    if (write(fd, &id, sizeof id) != sizeof id) _exit(5);
  }
}

TEST_P(CrashSafety, KillNineMidWriteLosesNoCommittedReport) {
  std::vector<int64_t> committed;
  for (int round = 0; round < 10; ++round) {
    store_.reset();  // the child opens its own connections; share none across fork()
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      close(fds[0]);
      WriteForever(url_, round, fds[1]);
    }
    close(fds[1]);
    // Let the child commit a varying number of reports, then kill it mid-stream.
    const size_t wanted = 5 + (round * 37) % 120;
    size_t got = 0;
    int64_t id = 0;
    while (got < wanted && read(fds[0], &id, sizeof id) == sizeof id) {
      committed.push_back(id);
      ++got;
    }
    ASSERT_EQ(kill(pid, SIGKILL), 0);
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFSIGNALED(status)) << "child exited early with " << WEXITSTATUS(status);
    // Ids written before the kill are committed too.
    while (read(fds[0], &id, sizeof id) == sizeof id) committed.push_back(id);
    close(fds[0]);
    ASSERT_EQ(got, wanted);

    Reopen();
    ASSERT_TRUE(store_->CheckIntegrity().ok());
    auto tx = Begin(TxMode::kReadOnly);
    ASSERT_NE(tx, nullptr);
    for (int64_t c : committed) {
      auto r = tx->Reports().Get(c);
      ASSERT_TRUE(r.ok()) << "round " << round << ": committed report " << c
                          << " lost: " << r.status().ToString();
      ASSERT_EQ(r->indicators.size(), 3u);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, CrashSafety, ::testing::ValuesIn(ConformanceBackends()),
                         [](const auto& p) { return p.param; });

}  // namespace
}  // namespace binhyen::store::testing
