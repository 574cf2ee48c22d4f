// Throughput of the phone, bank-account and social-profile canonicalisers on typical inputs.
#include <benchmark/benchmark.h>

#include <array>
#include <string_view>

#include "indicator/bank.h"
#include "indicator/phone.h"
#include "indicator/social.h"

namespace {

constexpr std::array<std::string_view, 6> kPhones = {"0912.345.678",    "+84 (0) 912 345 678",
                                                     "(028) 3822 1234", "01691234567",
                                                     "1900 1234",       "+855 12 345 678"};

constexpr std::array<std::string_view, 4> kAccounts = {
    "Vietcombank: 0071000986547", "STK 1903 6666 888 Techcombank", "ngân hàng Á Châu stk 12345678",
    "970436:0071000986547"};

constexpr std::array<std::string_view, 4> kBankNames = {"vcb", "Ngân hàng Ngoại thương", "970436",
                                                        "MB Bank"};

constexpr std::array<std::string_view, 4> kProfiles = {
    "https://www.facebook.com/profile.php?id=1000123", "zalo.me/0912345678",
    "https://www.tiktok.com/@shop.gia_re", "telegram:@user_name"};

template <size_t N, typename F>
void RunOver(benchmark::State& state, const std::array<std::string_view, N>& inputs, F f) {
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(f(inputs[i]));
    i = (i + 1) % N;
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

void BM_CanonicalizePhone(benchmark::State& state) {
  RunOver(state, kPhones,
          [](std::string_view s) { return binhyen::indicator::CanonicalizePhone(s).ok(); });
}
BENCHMARK(BM_CanonicalizePhone);

void BM_CanonicalizeBankAccount(benchmark::State& state) {
  RunOver(state, kAccounts,
          [](std::string_view s) { return binhyen::indicator::CanonicalizeBankAccount(s).ok(); });
}
BENCHMARK(BM_CanonicalizeBankAccount);

void BM_FindBank(benchmark::State& state) {
  RunOver(state, kBankNames,
          [](std::string_view s) { return binhyen::indicator::FindBank(s) != nullptr; });
}
BENCHMARK(BM_FindBank);

void BM_CanonicalizeSocial(benchmark::State& state) {
  RunOver(state, kProfiles,
          [](std::string_view s) { return binhyen::indicator::CanonicalizeSocial(s).ok(); });
}
BENCHMARK(BM_CanonicalizeSocial);

}  // namespace

BENCHMARK_MAIN();
