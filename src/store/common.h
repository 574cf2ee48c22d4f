#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "base/status.h"
#include "domain/enums.h"
#include "store/store.h"

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

// Report triage (migration 0002).

// Every report status in enum order (CountByStatus lists them all).
inline constexpr std::array<domain::ReportStatus, 5> kAllReportStatuses = {
    domain::ReportStatus::kReceived, domain::ReportStatus::kTriaging,
    domain::ReportStatus::kConfirmed, domain::ReportStatus::kRejected,
    domain::ReportStatus::kDuplicate};

// InvalidArgument "public_note: must be at most 2000 bytes" when `note` is too long.
base::Status CheckPublicNote(std::string_view note);

// The checks of ReportRepository::Transition that need no database: the public note's length,
// and duplicate_of required (and not `id`) when moving to kDuplicate, forbidden otherwise.
base::Status CheckStatusChange(int64_t id, const StatusChange& change);

// FailedPrecondition "duplicate_of: report <target> is itself a duplicate of <original>" (without
// " of <original>" for a duplicate marked before schema version 2, which records none).
base::Status DuplicateTargetIsDuplicate(int64_t target, std::optional<int64_t> original);

// A simhash is stored as the signed 64-bit integer with the same bits (both databases have only
// signed 64-bit integers).
int64_t SimhashToStored(uint64_t simhash);
std::optional<int64_t> SimhashToStored(const std::optional<uint64_t>& simhash);
uint64_t SimhashFromStored(int64_t stored);

// The number of bands a simhash is indexed by, and band `band` (0..3) of `simhash`:
// (simhash >> 16 * band) & 0xffff. Hashes within Hamming distance 3 share a band.
inline constexpr int kSimhashBands = 4;
int SimhashBand(uint64_t simhash, int band);

// The number of differing bits.
int HammingDistance(uint64_t a, uint64_t b);

// Ok when 0 <= max_distance <= 3, else InvalidArgument "max_distance: must be in 0..3".
base::Status CheckMaxDistance(int max_distance);

// The portal and the console (migration 0005).

// The decided_at a report gets when it moves to `to` at `at`: `at` for a verdict (confirmed,
// rejected, duplicate), nullopt otherwise (open again).
std::optional<base::TimePoint> DecidedAt(domain::ReportStatus to, base::TimePoint at);

// `text` with ASCII letters in lower case, every other byte unchanged (IndicatorFilter::text).
std::string AsciiLower(std::string_view text);

}  // namespace binhyen::store
