#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "base/status.h"

namespace binhyen::store {

// Helpers shared by every backend, so that backends agree on limits, cursors and search words.
// All are pure functions; thread-safe.

// Ok when 1 <= limit <= max, else InvalidArgument "limit: must be in 1..<max>".
base::Status CheckLimit(int limit, int max);

// Id cursors ("" or a positive decimal id). nullopt for "" (first page); InvalidArgument
// "after: invalid cursor" for anything else that is not a positive decimal.
base::Result<std::optional<int64_t>> ParseIdCursor(std::string_view after);
std::string FormatIdCursor(int64_t id);

// (time, id) cursors for lists ordered by a time then an id: "<micros>:<id>".
struct TimeIdCursor {
  int64_t micros = 0;
  int64_t id = 0;
};
base::Result<std::optional<TimeIdCursor>> ParseTimeIdCursor(std::string_view after);
std::string FormatTimeIdCursor(base::TimePoint at, int64_t id);

// The form of text put into a full-text index and of a query: text::FoldVietnamese (lower case,
// no diacritics, đ → d).
std::string FoldForSearch(std::string_view text);

// The words of a search query after folding: maximal runs of ASCII letters and digits and of
// non-ASCII bytes (letters of other scripts); everything else separates words. Duplicates are
// kept once, in first-seen order. At most 32 words (the rest are ignored).
std::vector<std::string> SearchWords(std::string_view query);

// Space-separated scopes <-> list (sorted, as stored).
std::string JoinScopes(const std::vector<std::string>& scopes);
std::vector<std::string> SplitScopes(std::string_view joined);

}  // namespace binhyen::store
