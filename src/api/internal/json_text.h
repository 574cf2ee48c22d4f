#pragma once

// JSON text written directly, without a tree: the API's hot paths (check answers, scan answers),
// where building an nlohmann::json tree costs more than the work answered.

#include <string>
#include <string_view>

namespace binhyen::api::internal {

// Appends `s` as a JSON string: '"', '\\' and control characters escaped as nlohmann::json does,
// everything else copied as UTF-8; an ill-formed string is sanitised first (U+FFFD per bad
// sequence). Printable ASCII without quotes or backslashes is copied at once.
void AppendString(std::string_view s, std::string* out);

// Appends `"name":`.
void AppendMember(std::string_view name, std::string* out);

// Appends a double as nlohmann::json writes one that round-trips (shortest form), or null when
// it is not finite.
void AppendDouble(double value, std::string* out);

}  // namespace binhyen::api::internal
