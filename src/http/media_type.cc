#include "http/media_type.h"

#include <string>

#include "base/strings.h"

namespace binhyen::http {

bool IsTokenChar(char c) {
  if (base::IsAsciiAlnum(c)) return true;
  switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~': return true;
    default: return false;
  }
}

namespace {

bool IsOws(char c) { return c == ' ' || c == '\t'; }

// qdtext / quoted-pair octets of RFC 9110: HTAB, SP, VCHAR, obs-text.
bool IsQuotedTextChar(char c) {
  auto b = static_cast<unsigned char>(c);
  return b == '\t' || (b >= 0x20 && b != 0x7F);
}

base::Status Error(std::string what) {
  return base::InvalidArgumentError("content-type: " + std::move(what));
}

// Reads a token at *pos. Returns "" when there is none.
std::string_view ReadToken(std::string_view s, size_t* pos) {
  size_t start = *pos;
  while (*pos < s.size() && IsTokenChar(s[*pos])) ++*pos;
  return s.substr(start, *pos - start);
}

void SkipOws(std::string_view s, size_t* pos) {
  while (*pos < s.size() && IsOws(s[*pos])) ++*pos;
}

// Reads a quoted-string whose opening quote is at *pos; appends the unescaped content.
base::Status ReadQuoted(std::string_view s, size_t* pos, std::string* out) {
  ++*pos;  // the opening quote
  while (*pos < s.size()) {
    char c = s[*pos];
    if (c == '"') {
      ++*pos;
      return base::Status::Ok();
    }
    if (c == '\\') {
      if (*pos + 1 >= s.size()) break;
      c = s[++*pos];
    }
    if (!IsQuotedTextChar(c)) return Error("control character in a quoted string");
    out->push_back(c);
    ++*pos;
  }
  return Error("unterminated quoted string");
}

// Parses one "name=value" parameter at *pos (after the ';' and white space).
base::Status ReadParam(std::string_view s, size_t* pos, Params* params) {
  std::string_view name = ReadToken(s, pos);
  if (name.empty()) return Error("bad parameter name");
  if (*pos >= s.size() || s[*pos] != '=') return Error("parameter without '='");
  ++*pos;
  std::string value;
  if (*pos < s.size() && s[*pos] == '"') {
    BINHYEN_RETURN_IF_ERROR(ReadQuoted(s, pos, &value));
  } else {
    value = std::string(ReadToken(s, pos));
    if (value.empty()) return Error("empty parameter value");
  }
  params->emplace_back(base::AsciiLower(name), std::move(value));
  return base::Status::Ok();
}

}  // namespace

std::optional<std::string_view> MediaType::Param(std::string_view name) const {
  for (const auto& [n, v] : params) {
    if (n == name) return std::string_view(v);
  }
  return std::nullopt;
}

base::Result<MediaType> ParseMediaType(std::string_view value) {
  size_t pos = 0;
  SkipOws(value, &pos);
  std::string_view type = ReadToken(value, &pos);
  if (type.empty()) return Error("missing type");
  if (pos >= value.size() || value[pos] != '/') return Error("missing '/'");
  ++pos;
  std::string_view subtype = ReadToken(value, &pos);
  if (subtype.empty()) return Error("missing subtype");
  MediaType result;
  result.type = base::AsciiLower(type) + "/" + base::AsciiLower(subtype);
  SkipOws(value, &pos);
  while (pos < value.size()) {
    if (value[pos] != ';') return Error("unexpected character after the media type");
    ++pos;
    SkipOws(value, &pos);
    if (pos >= value.size() || value[pos] == ';') continue;  // empty parameter
    BINHYEN_RETURN_IF_ERROR(ReadParam(value, &pos, &result.params));
    SkipOws(value, &pos);
  }
  return result;
}

}  // namespace binhyen::http
