// Report intake without HTTP: service::ReportIntake::Submit on a fresh SQLite store (WAL,
// synchronous=NORMAL, or FULL for "/full"), one report per call as the API files them: a phone
// typed by the reporter, a link and the phone in a Vietnamese description (extracted),
// indicators shared across reports (links), near-duplicate lookup, audit entry. From one thread
// and from four (the server's worker pool). Rates per wall-clock second. Run:
//   build/release/bench/intake_service_bench --benchmark_repetitions=5
//     --benchmark_report_aggregates_only=true   (one line)
#include <benchmark/benchmark.h>

#include <array>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "base/check.h"
#include "base/clock.h"
#include "crypto/random.h"
#include "crypto/secret_box.h"
#include "service/report_intake.h"
#include "store/registry.h"

namespace binhyen::service {
namespace {

class IntakeFixture {
 public:
  explicit IntakeFixture(bool full) {
    store::RegisterSqlite(registry_);
    std::string pattern =
        std::filesystem::temp_directory_path().string() + "/binhyen_intake_XXXXXX";
    BINHYEN_CHECK(mkdtemp(pattern.data()) != nullptr, "mkdtemp failed");
    dir_ = pattern;
    auto opened =
        registry_.Open("sqlite:" + dir_ + "/bench.db" + (full ? "?synchronous=full" : ""));
    BINHYEN_CHECK(opened.ok(), opened.status().ToString().c_str());
    store_ = std::move(opened).value();
    BINHYEN_CHECK(store_->Migrate().ok(), "migrate failed");
  }
  ~IntakeFixture() {
    store_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  store::Store& store() { return *store_; }
  const crypto::SecretBox& box() const { return box_; }

 private:
  store::Registry registry_;
  std::string dir_;
  std::unique_ptr<store::Store> store_;
  crypto::SecretBox box_ = crypto::SecretBox::FromKey(std::array<uint8_t, 32>{});
};

ReportSubmission Submission(uint64_t n) {
  static constexpr const char* kTexts[] = {
      "Có người gọi tự xưng công an phường yêu cầu chuyển tiền để xác minh, số %s, gửi link %s",
      "Tin nhắn giả ngân hàng báo khoá tài khoản, bấm vào %s rồi nhập mã OTP; người gọi dùng số "
      "%s",
      "Nhóm Telegram tuyển cộng tác viên làm nhiệm vụ, chuyển khoản trước rồi hoàn tiền, liên hệ "
      "%s "
      "%s",
  };
  char phone[16];
  std::snprintf(phone, sizeof phone, "09%08llu", static_cast<unsigned long long>(n % 2000));
  const std::string link =
      "http://lua-dao-" + std::to_string(n % 500) + ".top/xac-thuc?id=" + std::to_string(n);
  char text[512];
  std::snprintf(text, sizeof text, kTexts[n % 3], phone, link.c_str());
  ReportSubmission s;
  s.category = "scam_call";
  s.description = text;
  s.ward = "pho-minh";
  s.indicators.push_back({"phone", phone});
  return s;
}

void BM_Submit(benchmark::State& state) {
  static IntakeFixture* fixture = nullptr;
  static std::atomic<uint64_t> counter{0};
  if (state.thread_index() == 0) fixture = new IntakeFixture(state.range(0) == 1);
  base::SystemClock clock;
  crypto::SodiumRandom random;
  // Threads start together after thread 0's setup (Google Benchmark synchronises them).
  for (auto _ : state) {
    ReportIntake intake(fixture->store(), fixture->box(), clock, random);
    auto receipt = intake.Submit(Submission(counter.fetch_add(1)), "bench");
    if (!receipt.ok()) state.SkipWithError(receipt.status().ToString().c_str());
  }
  state.SetItemsProcessed(state.iterations());
  if (state.thread_index() == 0) {
    delete fixture;
    fixture = nullptr;
  }
}
BENCHMARK(BM_Submit)->ArgName("full")->Arg(0)->Arg(1)->UseRealTime()->Iterations(3000);
BENCHMARK(BM_Submit)->ArgName("full")->Arg(0)->Threads(4)->UseRealTime()->Iterations(1000);

}  // namespace
}  // namespace binhyen::service

BENCHMARK_MAIN();
