#pragma once

#include <string_view>

#include "base/clock.h"
#include "base/result.h"
#include "service/report_intake.h"

namespace binhyen::service {

// The largest JSON submission accepted, in bytes.
inline constexpr size_t kMaxSubmissionJsonBytes = size_t{256} * 1024;

// Decodes one report submission from its JSON form (the CLI's input, and the body of the
// reports API):
//   {"category": "phishing", "description": "...", "occurred_at": "2026-11-20T08:30:00+07:00",
//    "loss_vnd": 5000000, "ward": "P01",
//    "indicators": [{"kind": "phone", "value": "0912 345 678"}, {"value": "..."}],
//    "contact": {"name": "...", "phone": "...", "email": "..."}, "anonymous": false}
// "category" and "description" are required; the others are optional ("occurred_at",
// "contact" may also be null; no "contact" means anonymous; a missing "kind" means guess).
// Only the JSON shape is checked here; the values are checked by ReportIntake::Submit.
// `channel` is set by the caller. Errors: InvalidArgument with one line naming the field:
// "input: not valid JSON (at byte 17)", "input: must be a JSON object", "input: larger than
// 262144 bytes", "foo: unknown field", "loss_vnd: must be an integer", "indicators[1].value: must
// be a string", "occurred_at: must be an RFC 3339 date-time, e.g. 2026-11-20T08:30:00+07:00".
// Thread safety: pure; thread-safe.
base::Result<ReportSubmission> DecodeSubmissionJson(std::string_view json, domain::Channel channel);

// Parses an RFC 3339 date-time ("2026-11-20T08:30:00Z", "2026-11-20t08:30:00.25+07:00"; 'T',
// 't' or one space between date and time; fractions kept to the microsecond). nullopt when
// malformed or out of range (years 1970..2200).
std::optional<base::TimePoint> ParseRfc3339(std::string_view text);

}  // namespace binhyen::service
