#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace binhyen::http {

// One part of a multipart/form-data body.
struct MultipartPart {
  std::string name{};                     // the form field name (Content-Disposition name=)
  std::optional<std::string> filename{};  // set for file fields; last path component only
  std::string content_type{};             // the part's Content-Type as sent; "" when absent
  std::string data{};                     // the raw bytes of the part
};

struct MultipartLimits {
  size_t max_parts = 32;
  size_t max_part_header_bytes = 8 * 1024;  // all header lines of one part together
};

// Parses a multipart/form-data body (RFC 7578, RFC 2046 section 5.1) held fully in memory (the
// server caps bodies). `boundary` is the Content-Type boundary parameter (without "--").
// Line endings: CRLF as the RFCs require, and bare LF as well (some non-browser clients send
// it); the line break before a delimiter belongs to the delimiter, not to the data. A preamble
// before the first delimiter and an epilogue after the closing one are ignored. Transport
// padding (spaces/tabs) after a delimiter is allowed.
// Content-Disposition must be "form-data" with a name; filename="..." (quoted, may contain ';')
// or filename*=UTF-8''percent-encoded (RFC 5987, preferred when both are given); a filename is
// reduced to its last path component ('/' or '\\'), as browsers on Windows send full paths.
// Returns InvalidArgument "multipart: ..." for: an empty or over-long (> 70) boundary, a body
// without the first delimiter, no closing delimiter ("--boundary--"), a part without
// Content-Disposition or name, a malformed header line, more than max_parts parts, or part
// headers longer than max_part_header_bytes.
base::Result<std::vector<MultipartPart>> ParseMultipart(std::string_view body,
                                                        std::string_view boundary,
                                                        const MultipartLimits& limits = {});

}  // namespace binhyen::http
