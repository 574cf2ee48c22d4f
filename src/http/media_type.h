#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "http/form.h"

namespace binhyen::http {

// A parsed Content-Type value (RFC 9110 section 8.3.1).
struct MediaType {
  std::string type{};  // "type/subtype", lower-cased, e.g. "multipart/form-data"
  Params params{};     // names lower-cased, values as given (quoted strings unescaped), in order

  // The value of the first parameter called `name` (lower-case), or nullopt. Points into params.
  std::optional<std::string_view> Param(std::string_view name) const;
};

// Parses `value` ("text/html; charset=UTF-8", "multipart/form-data; boundary=\"a b\"").
// type and subtype must be tokens; parameters are `token=token` or `token="quoted string"`
// separated by ';' with optional white space; an empty parameter (";;" or trailing ';') is
// skipped. Returns InvalidArgument "content-type: ..." for anything else (missing '/', bad
// token, unterminated quote, parameter without '=', control characters).
base::Result<MediaType> ParseMediaType(std::string_view value);

// True for an RFC 9110 token character (tchar): letters, digits and !#$%&'*+-.^_`|~.
bool IsTokenChar(char c);

}  // namespace binhyen::http
