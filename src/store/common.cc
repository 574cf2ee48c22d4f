#include "store/common.h"

#include <algorithm>
#include <bit>
#include <charconv>

#include "base/strings.h"
#include "domain/audit.h"
#include "domain/report.h"
#include "domain/report_state.h"
#include "text/fold.h"

namespace binhyen::store {
namespace {

std::optional<int64_t> ParsePositive(std::string_view s) {
  if (s.empty() || s.size() > 18) return std::nullopt;
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || v < 0) return std::nullopt;
  return v;
}

}  // namespace

base::Status CheckLimit(int limit, int max) {
  if (limit < 1 || limit > max) {
    return base::InvalidArgumentError("limit: must be in 1.." + std::to_string(max));
  }
  return base::Status::Ok();
}

base::Result<std::optional<int64_t>> ParseIdCursor(std::string_view after) {
  if (after.empty()) return std::optional<int64_t>();
  std::optional<int64_t> id = ParsePositive(after);
  if (!id || *id == 0) return base::InvalidArgumentError("after: invalid cursor");
  return std::optional<int64_t>(*id);
}

std::string FormatIdCursor(int64_t id) { return std::to_string(id); }

base::Result<std::optional<TimeIdCursor>> ParseTimeIdCursor(std::string_view after) {
  if (after.empty()) return std::optional<TimeIdCursor>();
  const size_t colon = after.find(':');
  if (colon == std::string_view::npos) return base::InvalidArgumentError("after: invalid cursor");
  std::string_view micros_part = after.substr(0, colon);
  bool negative = !micros_part.empty() && micros_part[0] == '-';
  if (negative) micros_part.remove_prefix(1);
  std::optional<int64_t> micros = ParsePositive(micros_part);
  std::optional<int64_t> id = ParsePositive(after.substr(colon + 1));
  if (!micros || !id) return base::InvalidArgumentError("after: invalid cursor");
  return std::optional<TimeIdCursor>(TimeIdCursor{negative ? -*micros : *micros, *id});
}

std::string FormatTimeIdCursor(base::TimePoint at, int64_t id) {
  return std::to_string(domain::ToMicros(at)) + ":" + std::to_string(id);
}

std::string FoldForSearch(std::string_view text) { return text::FoldVietnamese(text); }

std::vector<std::string> SearchWords(std::string_view query) {
  constexpr size_t kMaxWords = 32;
  const std::string folded = FoldForSearch(query);
  std::vector<std::string> words;
  std::string current;
  auto flush = [&] {
    if (!current.empty() && words.size() < kMaxWords &&
        std::find(words.begin(), words.end(), current) == words.end()) {
      words.push_back(current);
    }
    current.clear();
  };
  for (char c : folded) {
    if (base::IsAsciiAlnum(c) || static_cast<unsigned char>(c) >= 0x80) {
      current.push_back(c);
    } else {
      flush();
    }
  }
  flush();
  return words;
}

std::string JoinScopes(const std::vector<std::string>& scopes) {
  std::vector<std::string> sorted = scopes;
  std::sort(sorted.begin(), sorted.end());
  std::string out;
  for (const std::string& s : sorted) {
    if (!out.empty()) out += ' ';
    out += s;
  }
  return out;
}

std::vector<std::string> SplitScopes(std::string_view joined) {
  std::vector<std::string> out;
  for (std::string_view part : base::Split(joined, ' ')) {
    if (!part.empty()) out.emplace_back(part);
  }
  return out;
}

base::Status CheckPublicNote(std::string_view note) {
  if (note.size() > domain::kMaxPublicNoteBytes) {
    return base::InvalidArgumentError("public_note: must be at most " +
                                      std::to_string(domain::kMaxPublicNoteBytes) + " bytes");
  }
  return base::Status::Ok();
}

base::Status CheckStatusChange(int64_t id, const StatusChange& change) {
  if (change.public_note) BINHYEN_RETURN_IF_ERROR(CheckPublicNote(*change.public_note));
  if (change.category && change.to != domain::ReportStatus::kConfirmed) {
    return base::InvalidArgumentError("category: only changed when confirming");
  }
  if (change.to != domain::ReportStatus::kDuplicate) {
    if (change.duplicate_of) {
      return base::InvalidArgumentError("duplicate_of: only allowed when marking a duplicate");
    }
    return base::Status::Ok();
  }
  if (!change.duplicate_of) {
    return base::InvalidArgumentError("duplicate_of: required when marking a duplicate");
  }
  if (*change.duplicate_of == id) {
    return base::InvalidArgumentError("duplicate_of: a report cannot duplicate itself");
  }
  return base::Status::Ok();
}

base::Status DuplicateTargetIsDuplicate(int64_t target, std::optional<int64_t> original) {
  std::string message = "duplicate_of: report " + std::to_string(target) + " is itself a duplicate";
  if (original) message += " of " + std::to_string(*original);
  return base::FailedPreconditionError(message);
}

int64_t SimhashToStored(uint64_t simhash) { return std::bit_cast<int64_t>(simhash); }
std::optional<int64_t> SimhashToStored(const std::optional<uint64_t>& simhash) {
  if (!simhash) return std::nullopt;
  return SimhashToStored(*simhash);
}
uint64_t SimhashFromStored(int64_t stored) { return std::bit_cast<uint64_t>(stored); }

int SimhashBand(uint64_t simhash, int band) {
  return static_cast<int>((simhash >> (16 * band)) & 0xffff);
}

int HammingDistance(uint64_t a, uint64_t b) { return std::popcount(a ^ b); }

base::Status CheckMaxDistance(int max_distance) {
  if (max_distance < 0 || max_distance > 3) {
    return base::InvalidArgumentError("max_distance: must be in 0..3");
  }
  return base::Status::Ok();
}

std::optional<base::TimePoint> DecidedAt(domain::ReportStatus to, base::TimePoint at) {
  if (domain::IsClosed(to)) return at;
  return std::nullopt;
}

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace binhyen::store
