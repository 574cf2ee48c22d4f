// Fuzzes the EMVCo / VietQR payload parser (evidence/vietqr.h) on arbitrary bytes, as read from
// QR codes in uploaded screenshots. Each input is tried as it is and with a correct CRC field
// appended, so that the fuzzer reaches the VietQR reading without guessing CRCs. Invariants
// (trap on violation): no crash; an accepted payload starts with 00 = "01", ends with the CRC and
// re-encodes to itself (EncodeEmv); a VietQR has a 6-digit BIN, an account, and a bank-account
// indicator only for 6-19 digit accounts; every error is InvalidArgument (NotFound for another
// scheme in ParseVietQr) with a one-line message of bounded length.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "base/strings.h"
#include "evidence/vietqr.h"

namespace {

using binhyen::base::StatusCode;

void CheckError(const binhyen::base::Status& status, bool not_found_allowed) {
  bool code_ok = status.code() == StatusCode::kInvalidArgument ||
                 (not_found_allowed && status.code() == StatusCode::kNotFound);
  if (!code_ok) __builtin_trap();
  if (status.message().empty() || status.message().size() > 200) __builtin_trap();
  if (status.message().find('\n') != std::string::npos) __builtin_trap();
}

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (!binhyen::base::IsAsciiDigit(c)) return false;
  }
  return !s.empty();
}

void Check(std::string_view payload) {
  auto fields = binhyen::evidence::ParseEmv(payload);
  auto qr = binhyen::evidence::ParseVietQr(payload);
  if (!fields.ok()) {
    CheckError(fields.status(), false);
    if (qr.ok()) __builtin_trap();
    if (qr.status() != fields.status()) __builtin_trap();
    return;
  }
  if (fields->size() < 2 || fields->front().tag != "00" || fields->front().value != "01") {
    __builtin_trap();
  }
  if (fields->back().tag != "63" || fields->back().value.size() != 4) __builtin_trap();
  auto again = binhyen::evidence::EncodeEmv(*fields);
  if (!again.ok()) __builtin_trap();
  // The same bytes, except that the CRC comes out in upper case.
  if (again->size() != payload.size()) __builtin_trap();
  if (again->compare(0, again->size() - 4, payload.substr(0, payload.size() - 4)) != 0) {
    __builtin_trap();
  }
  if (!binhyen::base::EqualsIgnoreAsciiCase(again->substr(again->size() - 4),
                                            payload.substr(payload.size() - 4))) {
    __builtin_trap();
  }
  if (!qr.ok()) {
    CheckError(qr.status(), true);
    return;
  }
  if (qr->bin.size() != 6 || !AllDigits(qr->bin) || qr->account.empty()) __builtin_trap();
  if (qr->bank != nullptr && qr->bank->bin != qr->bin) __builtin_trap();
  bool digits_account =
      AllDigits(qr->account) && qr->account.size() >= 6 && qr->account.size() <= 19;
  if (qr->indicator.has_value() != digits_account) __builtin_trap();
  if (qr->indicator && qr->indicator->Attribute("account") != qr->account) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  Check(input);
  if (size <= binhyen::evidence::kMaxEmvPayloadBytes) {
    std::string fixed(input);
    fixed += "6304";
    char crc[8];
    std::snprintf(crc, sizeof crc, "%04X",
                  static_cast<unsigned>(binhyen::evidence::Crc16CcittFalse(fixed)));
    Check(fixed + crc);
    // Without its own CRC field: the seeds are complete payloads.
    if (size > 8) {
      std::string body(input.substr(0, size - 8));
      body += "6304";
      std::snprintf(crc, sizeof crc, "%04X",
                    static_cast<unsigned>(binhyen::evidence::Crc16CcittFalse(body)));
      Check(body + crc);
    }
  }
  binhyen::evidence::ParseEmvTemplate(input).ok();
  return 0;
}
