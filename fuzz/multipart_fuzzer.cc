// Fuzzes the multipart/form-data parser. The input's first line (up to 70 bytes) is the
// boundary, the rest the body. Checks:
//   * a parsed body has at most max_parts parts, each with a non-empty name and a filename
//     without '/' or '\\';
//   * writing the parts back as a canonical CRLF body with the same boundary and parsing it
//     again gives the same parts (when the names and filenames survive quoting: no trailing
//     backslash).
// A broken invariant calls __builtin_trap().
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "http/multipart.h"

namespace {

namespace http = binhyen::http;

void Check(bool condition) {
  if (!condition) __builtin_trap();
}

// Appends `s` as a quoted string the way the parser reads it back ('"' escaped).
void AppendQuoted(std::string_view s, std::string* out) {
  out->push_back('"');
  for (char c : s) {
    if (c == '"') out->push_back('\\');
    out->push_back(c);
  }
  out->push_back('"');
}

bool Quotable(std::string_view s) { return s.empty() || s.back() != '\\'; }

std::string Write(const std::vector<http::MultipartPart>& parts, std::string_view boundary) {
  std::string body;
  for (const auto& part : parts) {
    body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=");
    AppendQuoted(part.name, &body);
    if (part.filename) {
      body.append("; filename=");
      AppendQuoted(*part.filename, &body);
    }
    body.append("\r\n");
    if (!part.content_type.empty()) body.append("Content-Type: ").append(part.content_type);
    if (!part.content_type.empty()) body.append("\r\n");
    body.append("\r\n").append(part.data).append("\r\n");
  }
  body.append("--").append(boundary).append("--\r\n");
  return body;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t nl = input.find('\n');
  if (nl == std::string_view::npos) return 0;
  std::string_view boundary = input.substr(0, nl);
  std::string_view body = input.substr(nl + 1);
  const http::MultipartLimits limits{.max_parts = 8, .max_part_header_bytes = 512};

  auto parts = http::ParseMultipart(body, boundary, limits);
  if (!parts.ok()) return 0;
  Check(parts->size() <= limits.max_parts);
  bool quotable = true;
  for (const auto& part : *parts) {
    Check(!part.name.empty());
    if (part.filename) Check(part.filename->find_first_of("/\\") == std::string::npos);
    quotable = quotable && Quotable(part.name) && (!part.filename || Quotable(*part.filename));
  }
  if (!quotable) return 0;
  // Rewritten headers can be longer than the originals (quotes, escapes): no header limit.
  std::string rewritten = Write(*parts, boundary);
  auto again =
      http::ParseMultipart(rewritten, boundary, {.max_parts = 8, .max_part_header_bytes = 1 << 20});
  Check(again.ok());
  Check(again->size() == parts->size());
  for (size_t i = 0; i < parts->size(); ++i) {
    const auto& a = (*parts)[i];
    const auto& b = (*again)[i];
    Check(a.name == b.name && a.filename == b.filename && a.content_type == b.content_type &&
          a.data == b.data);
  }
  return 0;
}
