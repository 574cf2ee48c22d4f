#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace binhyen::service {

// Collects the field errors of one input so that a person sees all of them at once. The result
// is one InvalidArgument whose message holds one "<field>: <what>" per line (the API splits it
// into per-field errors). Thread safety: confine to one thread.
class FieldErrors {
 public:
  // The field is kept to kMaxFieldBytes and `what` to kMaxWhatBytes (PrintableForError).
  static constexpr size_t kMaxFieldBytes = 64;
  // Room for the longest list of choices a message names (the 30-odd report categories).
  static constexpr size_t kMaxWhatBytes = 1024;
  void Add(std::string_view field, std::string_view what);
  // Adds the lines of an InvalidArgument status; returns any other error as it is (Ok when
  // `status` was Ok or InvalidArgument).
  base::Status Merge(const base::Status& status);
  bool empty() const { return lines_.empty(); }
  // Ok when empty.
  base::Status ToStatus() const;

 private:
  std::vector<std::string> lines_;
};

// `text` as it may appear in a field error: control characters replaced by '?', at most
// `max_bytes` bytes (cut on a character boundary, "..." appended when cut). Fields and texts
// often hold what a client sent (an unknown member's name, a query parameter's value): a line
// break would split one error into two, and a long one would be echoed back whole.
std::string PrintableForError(std::string_view text, size_t max_bytes);

// The wording of the error for text holding a NUL character (never part of what a person types;
// C strings and PostgreSQL text stop or fail at it).
inline constexpr std::string_view kNoNul = "must not contain NUL characters";

// True when `s` holds a NUL character.
inline bool HasNul(std::string_view s) { return s.find('\0') != std::string_view::npos; }

}  // namespace binhyen::service
