#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>

#include "index/snapshot.h"

namespace binhyen::api {

// One answer of the check API (and of `binhyen check`):
//   {"kind", "input", "canonical", "verdict", "categories": [...], "matches": [{"expression",
//    "category", "source", "first_seen", "warning_url"}], "explanation": {"vi", "en"},
//    "index_version"}
// "trusted_reason" is added for a trusted verdict ("bank" or "government"); "first_seen" is an
// RFC 3339 UTC time; "warning_url" is null when no warning names the indicator.
nlohmann::json CheckResultJson(const index::CheckResult& result, std::string_view input,
                               int64_t index_version);

// The same answer written straight to text: for valid UTF-8 byte for byte
// Dump(CheckResultJson(...)), members in the same sorted order (ill-formed UTF-8 in `input`
// becomes U+FFFD, possibly not exactly where nlohmann::json would put it), without a JSON tree:
// the check API's hot path, where the tree's allocations cost more than the lookup.
void AppendCheckResultJson(const index::CheckResult& result, std::string_view input,
                           int64_t index_version, std::string* out);

}  // namespace binhyen::api
