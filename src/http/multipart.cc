#include "http/multipart.h"

#include <string>

#include "base/strings.h"
#include "http/form.h"

namespace binhyen::http {
namespace {

constexpr size_t kMaxBoundary = 70;  // RFC 2046 section 5.1.1

base::Status Error(std::string what) {
  return base::InvalidArgumentError("multipart: " + std::move(what));
}

// A delimiter line found in the body.
struct Delimiter {
  size_t begin = 0;      // where the data before it ends (its line break is not data)
  size_t after = 0;      // the first byte after the delimiter line
  bool closing = false;  // "--boundary--"
};

// Checks that "--boundary" at `pos` is a whole delimiter line: followed by "--" (closing) or by
// optional transport padding and a line break. Returns the position after it, or npos.
size_t DelimiterLineEnd(std::string_view body, size_t pos, bool* closing) {
  if (body.substr(pos, 2) == "--") {
    *closing = true;
    return pos + 2;  // the epilogue (including the line break) is ignored
  }
  *closing = false;
  while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;
  if (body.substr(pos, 2) == "\r\n") return pos + 2;
  if (body.substr(pos, 1) == "\n") return pos + 1;
  return std::string_view::npos;
}

// Finds the first delimiter line that starts at `from` (when at_start) or after a '\n' at or
// after `from`. The '\n' (and a '\r' before it, not before `data_begin`) belong to the delimiter.
std::optional<Delimiter> FindDelimiter(std::string_view body, std::string_view dash_boundary,
                                       size_t from, size_t data_begin, bool at_start) {
  if (at_start && body.substr(from, dash_boundary.size()) == dash_boundary) {
    Delimiter d;
    d.begin = from;
    d.after = DelimiterLineEnd(body, from + dash_boundary.size(), &d.closing);
    if (d.after != std::string_view::npos) return d;
  }
  std::string needle(1, '\n');  // built by append: GCC 12 -Wrestrict misfires on "\n" + s
  needle.append(dash_boundary);
  for (size_t at = body.find(needle, from); at != std::string_view::npos;
       at = body.find(needle, at + 1)) {
    Delimiter d;
    d.after = DelimiterLineEnd(body, at + needle.size(), &d.closing);
    if (d.after == std::string_view::npos) continue;  // "--boundaryX...": data, not a delimiter
    d.begin = at;
    if (d.begin > data_begin && body[d.begin - 1] == '\r') --d.begin;
    if (d.begin < data_begin) d.begin = data_begin;
    return d;
  }
  return std::nullopt;
}

// Reads a parameter value of Content-Disposition at *pos: a quoted string (browsers do not
// escape backslashes, so '\' is literal except in '\"'), or bytes up to ';' or white space.
std::string ReadDispositionValue(std::string_view s, size_t* pos) {
  std::string value;
  if (*pos < s.size() && s[*pos] == '"') {
    ++*pos;
    while (*pos < s.size() && s[*pos] != '"') {
      if (s[*pos] == '\\' && *pos + 1 < s.size() && s[*pos + 1] == '"') ++*pos;
      value.push_back(s[(*pos)++]);
    }
    if (*pos < s.size()) ++*pos;  // the closing quote; an unterminated one ends at the line end
    return value;
  }
  while (*pos < s.size() && s[*pos] != ';' && s[*pos] != ' ' && s[*pos] != '\t') {
    value.push_back(s[(*pos)++]);
  }
  return value;
}

// Decodes an RFC 5987 ext-value ("UTF-8'lang'percent-encoded"). nullopt when the charset is
// not UTF-8 or the value is malformed (the plain filename is then used).
std::optional<std::string> DecodeExtValue(std::string_view v) {
  size_t q1 = v.find('\'');
  if (q1 == std::string_view::npos) return std::nullopt;
  size_t q2 = v.find('\'', q1 + 1);
  if (q2 == std::string_view::npos) return std::nullopt;
  if (!base::EqualsIgnoreAsciiCase(v.substr(0, q1), "utf-8")) return std::nullopt;
  auto decoded = PercentDecode(v.substr(q2 + 1));
  if (!decoded.ok() || !IsValidUtf8(*decoded)) return std::nullopt;
  return std::move(decoded).value();
}

std::string LastPathComponent(std::string_view path) {
  size_t slash = path.find_last_of("/\\");
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

// Parses "form-data; name=...; filename=...; filename*=..." into `part`.
base::Status ParseDisposition(std::string_view s, MultipartPart* part) {
  size_t semi = s.find(';');
  if (!base::EqualsIgnoreAsciiCase(base::TrimAscii(s.substr(0, semi)), "form-data")) {
    return Error("Content-Disposition is not form-data");
  }
  std::optional<std::string> name, filename, filename_ext;
  size_t pos = semi == std::string_view::npos ? s.size() : semi;
  while (pos < s.size()) {
    ++pos;  // the ';'
    while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t')) ++pos;
    size_t eq = s.find_first_of("=;", pos);
    if (eq == std::string_view::npos) break;  // a trailing flag: nothing more to read
    if (s[eq] == ';') {                       // a parameter without a value: skipped
      pos = eq;
      continue;
    }
    std::string key = base::AsciiLower(base::TrimAscii(s.substr(pos, eq - pos)));
    pos = eq + 1;
    while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t')) ++pos;
    std::string value = ReadDispositionValue(s, &pos);
    if (key == "name" && !name) name = std::move(value);
    if (key == "filename" && !filename) filename = std::move(value);
    if (key == "filename*" && !filename_ext) filename_ext = DecodeExtValue(value);
    pos = s.find(';', pos);
    if (pos == std::string_view::npos) break;
  }
  if (!name || name->empty()) return Error("part without a name");
  part->name = std::move(*name);
  if (filename_ext) filename = std::move(filename_ext);
  if (filename) part->filename = LastPathComponent(*filename);
  return base::Status::Ok();
}

// Reads the header block of a part starting at *pos, through the empty line; fills `part`.
base::Status ParsePartHeaders(std::string_view body, size_t* pos, const MultipartLimits& limits,
                              MultipartPart* part) {
  size_t used = 0;
  bool has_disposition = false;
  while (true) {
    // Bounded search: never scan further than the header limit allows.
    std::string_view window = body.substr(*pos, limits.max_part_header_bytes - used + 2);
    size_t nl = window.find('\n');
    if (nl == std::string_view::npos) {
      if (window.size() < limits.max_part_header_bytes - used + 2) {
        return Error(*pos == body.size() ? "no closing delimiter" : "unterminated part headers");
      }
      return Error("part headers longer than " + std::to_string(limits.max_part_header_bytes) +
                   " bytes");
    }
    std::string_view line = window.substr(0, nl);
    *pos += nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) break;
    used += line.size();
    if (used > limits.max_part_header_bytes) {
      return Error("part headers longer than " + std::to_string(limits.max_part_header_bytes) +
                   " bytes");
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0 || line[0] == ' ' || line[0] == '\t') {
      return Error("malformed part header line");
    }
    std::string_view field = line.substr(0, colon);
    std::string_view value = base::TrimAscii(line.substr(colon + 1));
    if (base::EqualsIgnoreAsciiCase(field, "content-disposition") && !has_disposition) {
      BINHYEN_RETURN_IF_ERROR(ParseDisposition(value, part));
      has_disposition = true;
    } else if (base::EqualsIgnoreAsciiCase(field, "content-type")) {
      part->content_type = std::string(value);
    }
  }
  if (!has_disposition) return Error("part without Content-Disposition");
  return base::Status::Ok();
}

bool IsValidBoundary(std::string_view boundary) {
  if (boundary.empty() || boundary.size() > kMaxBoundary) return false;
  for (char c : boundary) {
    if (c == '\r' || c == '\n') return false;
  }
  return true;
}

}  // namespace

base::Result<std::vector<MultipartPart>> ParseMultipart(std::string_view body,
                                                        std::string_view boundary,
                                                        const MultipartLimits& limits) {
  if (boundary.empty()) return Error("missing boundary");
  if (!IsValidBoundary(boundary)) return Error("invalid boundary");
  std::string dash_boundary(2, '-');
  dash_boundary.append(boundary);
  auto first = FindDelimiter(body, dash_boundary, 0, 0, /*at_start=*/true);
  if (!first) return Error("no delimiter found");
  std::vector<MultipartPart> parts;
  Delimiter delimiter = *first;
  while (!delimiter.closing) {
    if (parts.size() == limits.max_parts) {
      return Error("more than " + std::to_string(limits.max_parts) + " parts");
    }
    MultipartPart part;
    size_t pos = delimiter.after;
    BINHYEN_RETURN_IF_ERROR(ParsePartHeaders(body, &pos, limits, &part));
    // The '\n' ending the headers may double as the line break of the next delimiter (an empty
    // part written without its own line break).
    auto next = FindDelimiter(body, dash_boundary, pos - 1, pos, /*at_start=*/false);
    if (!next) return Error("no closing delimiter");
    part.data = std::string(body.substr(pos, next->begin - pos));
    parts.push_back(std::move(part));
    delimiter = *next;
  }
  return parts;
}

}  // namespace binhyen::http
