#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"

namespace binhyen::http {

// Ordered name/value pairs (query parameters, form fields, cookies, media type parameters).
// Order and duplicates are kept as received.
using Params = std::vector<std::pair<std::string, std::string>>;

// Parses an application/x-www-form-urlencoded body or a query string (without the leading '?')
// by the WHATWG URL rules: pairs separated by '&'; empty pairs skipped; the first '=' splits name
// from value, a pair without '=' has value ""; '+' becomes a space; %XX is decoded.
// Stricter than WHATWG on purpose: a '%' not followed by two hex digits is an error rather than
// kept literally, and the decoded names and values must be valid UTF-8 (no overlong forms or
// surrogates); NUL bytes are allowed (valid UTF-8) and kept.
// Returns InvalidArgument "form: malformed percent-escape at byte N" (N: offset of the '%' in
// `s`), "form: more than N parameters" (more than `max_params` non-empty pairs), or
// "form: not valid UTF-8 after decoding".
base::Result<Params> ParseUrlEncoded(std::string_view s, size_t max_params = 1000);

// The value of the first parameter called `name` (exact, case-sensitive), or nullopt.
// The view points into `params`.
std::optional<std::string_view> FindParam(const Params& params, std::string_view name);

// Encodes `s` for use as a query or form name/value: ALPHA / DIGIT / "*-._" are kept, a space
// becomes '+', every other byte becomes %XX (upper-case hex). ParseUrlEncoded inverts it for any
// valid UTF-8 `s`.
std::string UrlEncode(std::string_view s);

// Decodes %XX escapes in a path segment ('+' is kept as '+'). Any byte sequence may result
// (no UTF-8 check: the caller decides). Returns InvalidArgument
// "form: malformed percent-escape at byte N" for a '%' not followed by two hex digits.
base::Result<std::string> PercentDecode(std::string_view s);

// True when `s` is well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, <= U+10FFFF).
bool IsValidUtf8(std::string_view s);

}  // namespace binhyen::http
