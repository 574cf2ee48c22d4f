// Fuzzes service::DecodeSubmissionJson (the body of POST /api/v1/reports and the CLI's input)
// and service::ParseRfc3339 with arbitrary bytes. Traps on a broken contract; the sanitizers
// catch memory errors and leaks.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "service/submission_json.h"

namespace {

namespace service = binhyen::service;

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // A little past the limit, so that the size check itself is exercised.
  if (size > service::kMaxSubmissionJsonBytes + 16) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  for (auto channel : {binhyen::domain::Channel::kApi, binhyen::domain::Channel::kCli}) {
    const binhyen::base::Result<service::ReportSubmission> decoded =
        service::DecodeSubmissionJson(input, channel);
    if (decoded.ok()) {
      Check(size <= service::kMaxSubmissionJsonBytes);
      Check(decoded->channel == channel);
      Check(decoded->evidence.empty());  // JSON carries no files
      // Values (loss_vnd >= 0, anonymous vs contact...) are ReportIntake::Submit's to check.
    } else {
      // One-line InvalidArgument messages naming the field.
      Check(decoded.status().code() == binhyen::base::StatusCode::kInvalidArgument);
      Check(!decoded.status().message().empty());
      Check(decoded.status().message().find('\n') == std::string::npos);
    }
    if (size > service::kMaxSubmissionJsonBytes) Check(!decoded.ok());
  }

  // The date-time parser on its own, on short inputs like real timestamps.
  if (size <= 64) (void)service::ParseRfc3339(input);
  return 0;
}
