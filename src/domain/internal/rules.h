#pragma once

// Helpers shared by the domain's Validate functions and enum name tables. Private to domain/.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "base/status.h"

namespace binhyen::domain::internal {

// The name of `v` in `table`, "unknown" when it is missing (a table out of step with its enum).
template <typename E, size_t N>
std::string_view NameIn(const std::array<std::pair<E, std::string_view>, N>& table, E v) {
  for (const auto& [value, name] : table) {
    if (value == v) return name;
  }
  return "unknown";
}

// The value named `name` in `table`; nullopt when no entry has that name.
template <typename E, size_t N>
std::optional<E> ParseIn(const std::array<std::pair<E, std::string_view>, N>& table,
                         std::string_view name) {
  for (const auto& [value, n] : table) {
    if (n == name) return value;
  }
  return std::nullopt;
}

// InvalidArgument "<field>: <what>".
inline base::Status Bad(std::string_view field, std::string_view what) {
  return base::InvalidArgumentError(std::string(field) + ": " + std::string(what));
}

// "must not be empty" when `value` is empty and min > 0; "must be at most <max> bytes" when
// longer than `max`.
inline base::Status CheckLength(std::string_view field, std::string_view value, size_t min,
                                size_t max) {
  if (min > 0 && value.empty()) return Bad(field, "must not be empty");
  if (value.size() > max) return Bad(field, "must be at most " + std::to_string(max) + " bytes");
  return base::Status::Ok();
}

}  // namespace binhyen::domain::internal
