#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/strings.h"
#include "service/field_errors.h"

// Private helpers of the services that read typed forms (tasks, self-assessments, budget,
// reviews). Thread-safe (pure functions).
namespace binhyen::service::fields {

// `t` truncated to the microsecond (the store's precision), so values read back compare equal.
inline base::TimePoint Micros(base::TimePoint t) {
  return base::TimePoint(
      std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()));
}

// `s` without leading and trailing ASCII white space.
inline std::string Trim(std::string_view s) { return std::string(base::TrimAscii(s)); }

// Adds one error for `field` to `errors` when `value` is empty though `min` > 0 ("must not be
// empty"), longer than `max` bytes, or holds a NUL character.
inline void CheckText(FieldErrors& errors, std::string_view field, const std::string& value,
                      size_t min, size_t max) {
  if (min > 0 && value.empty()) {
    errors.Add(field, "must not be empty");
  } else if (value.size() > max) {
    errors.Add(field, "must be at most " + std::to_string(max) + " bytes");
  } else if (HasNul(value)) {
    errors.Add(field, kNoNul);
  }
}

}  // namespace binhyen::service::fields
