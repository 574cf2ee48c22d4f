// Throughput of the text module's hot paths over real SMS: FoldVietnamese and
// NormalizeForMatching (run by the message scanner on every message), plus Nfc and Skeleton for
// scale. Corpora: the English/Singlish messages of tests/data/sms/SMSSpamCollection.tsv (pure
// ASCII), and Vietnamese scam-style messages written for this benchmark (diacritics, teencode,
// obfuscation). Numbers go to docs/PERFORMANCE.md.
#include <benchmark/benchmark.h>

#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "text/confusable.h"
#include "text/fold.h"
#include "text/matching.h"
#include "text/normalize.h"

namespace {

// The message column of the TSV (after the first TAB), skipping the header line.
const std::vector<std::string>& AsciiMessages() {
  static const std::vector<std::string>* const kMessages = [] {
    auto* messages = new std::vector<std::string>();
    std::ifstream in(BINHYEN_SOURCE_DIR "/tests/data/sms/SMSSpamCollection.tsv");
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
      const size_t tab = line.find('\t');
      if (tab != std::string::npos) messages->push_back(line.substr(tab + 1));
    }
    return messages;
  }();
  return *kMessages;
}

// One message per line.
constexpr std::string_view kVietnamese =
    R"([BIDV] Tài khoản của quý khách đã bị khóa do đăng nhập bất thường. Vui lòng truy cập https://bidv-xacthuc.com để xác minh trong vòng 24h.
Chúc mừng bạn đã trúng thưởng 500.000.000 VNĐ từ chương trình tri ân khách hàng! Liên hệ 0912345678 để nhận quà, phí nhận thưởng 2tr5 ck vào stk 0123456789.
E ơi, a đang cần gấp, ck giúp a 5tr vào stk này nhé, tối a trả. Ko đc nói vs ai nha
C.Ô.N.G A.N thông báo: bạn có liên quan đến vụ án r.ử.a t.i.ề.n, yêu cầu gọi ngay 0243.825.5667 để phối hợp điều tra.
Ch0 v@y t13n nh4nh, l@i suất 0%, kh0ng cần thế chấp, giải ngân trong 30 phút!!!
Tuyển ctv làm việc online tại nhà, thu nhập 500k-1tr/ngày, nhận hoa hồng ngay sau khi hoàn thành nhiệm vụ. Ib zalo để được hướng dẫn.
Thông báo: Sở Giáo dục và Đào tạo tổ chức tập huấn an toàn thông tin cho giáo viên vào ngày 5/7 tại hội trường UBND phường.
Mẹ ơi con bị tai nạn đang cấp cứu ở bệnh viện, mẹ chuyển khoản gấp 20 triệu cho bác sĩ theo số tài khoản này nhé.
Quý khách được nâng hạn mức thẻ tín dụng lên 80 triệu. Đăng ký tại vpbank-hanmuc.vn, cung cấp mã OTP để hoàn tất.
Điện lực thông báo: quý khách chậm thanh toán tiền điện, sẽ bị cắt điện sau 2 giờ. Liên hệ nhân viên qua số 0888123456.)";

const std::vector<std::string>& VietnameseMessages() {
  static const std::vector<std::string>* const kMessages = [] {
    auto* messages = new std::vector<std::string>();
    std::string_view rest = kVietnamese;
    while (!rest.empty()) {
      const size_t nl = rest.find('\n');
      messages->emplace_back(rest.substr(0, nl));
      rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    }
    return messages;
  }();
  return *kMessages;
}

template <typename F>
void RunOver(benchmark::State& state, const std::vector<std::string>& messages, F f) {
  size_t bytes = 0;
  for (const std::string& m : messages) bytes += m.size();
  for (auto _ : state) {
    for (const std::string& m : messages) benchmark::DoNotOptimize(f(m));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.counters["messages/s"] = benchmark::Counter(static_cast<double>(messages.size()),
                                                    benchmark::Counter::kIsIterationInvariantRate);
}

void FoldVietnameseAsciiSms(benchmark::State& state) {
  RunOver(state, AsciiMessages(),
          [](const std::string& m) { return binhyen::text::FoldVietnamese(m); });
}
void FoldVietnameseVietnameseSms(benchmark::State& state) {
  RunOver(state, VietnameseMessages(),
          [](const std::string& m) { return binhyen::text::FoldVietnamese(m); });
}
void NormalizeForMatchingAsciiSms(benchmark::State& state) {
  RunOver(state, AsciiMessages(),
          [](const std::string& m) { return binhyen::text::NormalizeForMatching(m); });
}
void NormalizeForMatchingVietnameseSms(benchmark::State& state) {
  RunOver(state, VietnameseMessages(),
          [](const std::string& m) { return binhyen::text::NormalizeForMatching(m); });
}
void NfcVietnameseSms(benchmark::State& state) {
  RunOver(state, VietnameseMessages(), [](const std::string& m) { return binhyen::text::Nfc(m); });
}
void SkeletonVietnameseSms(benchmark::State& state) {
  RunOver(state, VietnameseMessages(),
          [](const std::string& m) { return binhyen::text::Skeleton(m); });
}

BENCHMARK(FoldVietnameseAsciiSms);
BENCHMARK(FoldVietnameseVietnameseSms);
BENCHMARK(NormalizeForMatchingAsciiSms);
BENCHMARK(NormalizeForMatchingVietnameseSms);
BENCHMARK(NfcVietnameseSms);
BENCHMARK(SkeletonVietnameseSms);

}  // namespace

BENCHMARK_MAIN();
