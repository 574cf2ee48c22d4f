// The scam-phrase rule set (scan/rules.h): loading (TOML + vectorscan compile) of the built-in
// rules, and RuleSet::Match over already-normalised messages: ordinary ones (no rule fires:
// the one pass of the combined database), scam ones (several rules fire: plus the search for
// each hit's start), a 160-byte mix, and the English UCI SMS collection
// (tests/data/sms/SMSSpamCollection.tsv). Numbers go to docs/PERFORMANCE.md.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "scan/rules.h"
#include "text/matching.h"

namespace {

using binhyen::scan::RuleSet;

const RuleSet& Rules() {
  static const RuleSet* const kRules = [] {
    auto rules = RuleSet::BuiltIn();
    if (!rules.ok()) {
      std::cerr << rules.status().ToString() << "\n";
      std::abort();
    }
    return new RuleSet(std::move(rules).value());
  }();
  return *kRules;
}

std::vector<std::string> Normalised(std::string_view lines) {
  std::vector<std::string> out;
  while (!lines.empty()) {
    const size_t nl = lines.find('\n');
    out.push_back(binhyen::text::NormalizeForMatching(lines.substr(0, nl)).text);
    lines = nl == std::string_view::npos ? std::string_view() : lines.substr(nl + 1);
  }
  return out;
}

// Ordinary messages of about 100-170 bytes, written for this benchmark.
const std::vector<std::string>& Ordinary() {
  static const auto* const kMessages = new std::vector<std::string>(Normalised(
      R"(TK 0011000123456 +2,500,000VND luc 08:12 28/11/2026. SD: 15,420,000VND. ND: Luong thang 11 cong ty TNHH An Binh chuyen
Kính gửi phụ huynh: thứ Sáu này lớp 3A họp phụ huynh lúc 17h tại phòng học. Mong phụ huynh sắp xếp thời gian tham dự đầy đủ.
GHTK: Đơn hàng của bạn đang được giao, shipper sẽ gọi trong 30 phút tới, vui lòng chú ý điện thoại để nhận hàng nhé.
Phòng khám Nha khoa An Bình xác nhận lịch hẹn của anh lúc 9h00 thứ Bảy 30/11. Vui lòng đến trước 10 phút để làm thủ tục.
Con ơi tối nay về ăn cơm nhé, mẹ nấu canh chua cá lóc với thịt kho. Nhớ mua giúp mẹ ít rau thơm ở chợ đầu ngõ.)"));
  return *kMessages;
}

// Scam messages of about 120-200 bytes, written for this benchmark.
const std::vector<std::string>& Scams() {
  static const auto* const kMessages = new std::vector<std::string>(Normalised(
      R"([BIDV] Tài khoản của quý khách đã bị khóa do đăng nhập bất thường. Vui lòng truy cập https://bidv-xacthuc.com để xác minh trong vòng 24h.
Chúc mừng bạn đã trúng thưởng 500.000.000 VNĐ từ chương trình tri ân khách hàng! Liên hệ 0912345678, phí nhận thưởng 2tr5 ck vào stk 0123456789.
C.Ô.N.G A.N thông báo: bạn có liên quan đến vụ án r.ử.a t.i.ề.n, yêu cầu chuyển toàn bộ tiền vào tài khoản tạm giữ để xác minh.
Tuyển ctv làm việc online tại nhà, thu nhập 500k-1tr/ngày, nhận hoa hồng ngay sau khi hoàn thành nhiệm vụ. Ib zalo để được hướng dẫn.
WINNER!! As a valued network customer you have been selected to receive a £900 prize reward! To claim call 09061701461. Valid 12 hours only.)"));
  return *kMessages;
}

const std::vector<std::string>& Uci() {
  static const auto* const kMessages = [] {
    auto* messages = new std::vector<std::string>();
    std::ifstream in(BINHYEN_SOURCE_DIR "/tests/data/sms/SMSSpamCollection.tsv");
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
      const size_t tab = line.find('\t');
      if (tab != std::string::npos) {
        messages->push_back(binhyen::text::NormalizeForMatching(line.substr(tab + 1)).text);
      }
    }
    return messages;
  }();
  return *kMessages;
}

void RunOver(benchmark::State& state, const std::vector<std::string>& messages) {
  const RuleSet& rules = Rules();
  for (const std::string& m : messages) benchmark::DoNotOptimize(rules.Match(m));  // warm up
  size_t i = 0;
  size_t bytes = 0;
  size_t hits = 0;
  for (auto _ : state) {
    const std::string& m = messages[i];
    const auto found = rules.Match(m);
    hits += found.size();
    benchmark::DoNotOptimize(found.data());
    bytes += m.size();
    i = i + 1 == messages.size() ? 0 : i + 1;
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["bytes_per_msg"] =
      static_cast<double>(bytes) / static_cast<double>(state.iterations());
  state.counters["hits_per_msg"] =
      static_cast<double>(hits) / static_cast<double>(state.iterations());
}

void RulesLoad(benchmark::State& state) {
  for (auto _ : state) {
    auto rules = RuleSet::BuiltIn();
    if (!rules.ok()) state.SkipWithError(rules.status().ToString().c_str());
    benchmark::DoNotOptimize(rules);
  }
}
BENCHMARK(RulesLoad)->Unit(benchmark::kMillisecond)->Iterations(3);

void RulesMatchOrdinary(benchmark::State& state) { RunOver(state, Ordinary()); }
BENCHMARK(RulesMatchOrdinary);

void RulesMatchScam(benchmark::State& state) { RunOver(state, Scams()); }
BENCHMARK(RulesMatchScam);

// Half ordinary, half scam: what a message checker sees when people paste what worries them.
void RulesMatchMix(benchmark::State& state) {
  static const auto* const kMix = [] {
    auto* mix = new std::vector<std::string>();
    for (size_t i = 0; i < Ordinary().size(); ++i) {
      mix->push_back(Ordinary()[i]);
      mix->push_back(Scams()[i % Scams().size()]);
    }
    return mix;
  }();
  RunOver(state, *kMix);
}
BENCHMARK(RulesMatchMix);
BENCHMARK(RulesMatchMix)->Threads(2)->UseRealTime();

void RulesMatchUci(benchmark::State& state) { RunOver(state, Uci()); }
BENCHMARK(RulesMatchUci);

}  // namespace

BENCHMARK_MAIN();
