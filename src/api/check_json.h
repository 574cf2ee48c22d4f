#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

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

// The "explanation" member of the answers above, rendered once per distinct (kind, verdict,
// trusted reason, categories): the text is about two thirds of a check answer's bytes and the
// same for every link of a category. At most kMaxEntries are kept (categories are a small set;
// past the limit the member is rendered each time).
// Thread safety: thread-safe; lookups share a reader lock.
class ExplanationCache {
 public:
  static constexpr size_t kMaxEntries = 4096;

  // Appends `"explanation":{"en":"...","vi":"..."}` for `result` to `out`.
  void Append(const index::CheckResult& result, std::string* out);

 private:
  std::shared_mutex mu_;
  std::unordered_map<std::string, std::string> fragments_;  // guarded by mu_
};

// The same answer written straight to text: for valid UTF-8 byte for byte
// Dump(CheckResultJson(...)), members in the same sorted order (ill-formed UTF-8 in `input`
// becomes U+FFFD, possibly not exactly where nlohmann::json would put it), without a JSON tree:
// the check API's hot path, where the tree's allocations cost more than the lookup.
// `explanations` may be null (rendered each time).
void AppendCheckResultJson(const index::CheckResult& result, std::string_view input,
                           int64_t index_version, std::string* out,
                           ExplanationCache* explanations = nullptr);

}  // namespace binhyen::api
