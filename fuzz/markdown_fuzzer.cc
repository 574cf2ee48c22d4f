// Fuzzes Markdown rendering with arbitrary bytes. Traps when the HTML could run script: a
// "<script" anywhere (text is always escaped, so "<" only starts markup cmark wrote), or an
// href / src whose scheme is not http, https, mailto or tel (raw HTML, which could carry other
// attributes, is dropped). Also: the HTML and the plain text are valid UTF-8, the text respects
// its byte limit, and no comment (cmark's raw-HTML placeholder) appears. The sanitizers catch
// memory errors and leaks.
#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "render/markdown.h"
#include "text/utf8.h"

namespace {

namespace render = binhyen::render;

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// True when the attribute value (as written by cmark: percent-encoded, & as &amp;) names no
// scheme or an allowed one. Browsers drop tabs and newlines and leading C0 controls and spaces
// before reading the scheme; cmark percent-encodes those, so none may appear raw.
bool IsAllowedAttributeUrl(std::string_view value) {
  for (char c : value) {
    if (static_cast<unsigned char>(c) <= 0x20) return false;
  }
  const size_t colon = value.find(':');
  if (colon == std::string_view::npos) return true;
  // Not scheme syntax (ASCII letter, then letters, digits, + - .): a relative path like
  // "a/b:c" or "%6Aavascript:", which browsers resolve against the page.
  const std::string_view before = value.substr(0, colon);
  if (before.empty() || !std::isalpha(static_cast<unsigned char>(before[0])) ||
      before.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789+-.") !=
          std::string_view::npos) {
    return true;
  }
  const std::string scheme = Lower(before);
  return scheme == "http" || scheme == "https" || scheme == "mailto" || scheme == "tel";
}

// Checks the href and src attributes of every tag. Text never holds a raw '<', and attribute
// values never hold a raw '"' or '>' (cmark escapes or percent-encodes them), so tags and
// attributes can be read without a full HTML parser; anything else traps.
void CheckUrls(std::string_view html) {
  for (size_t lt = html.find('<'); lt != std::string_view::npos; lt = html.find('<', lt + 1)) {
    const size_t gt = html.find('>', lt);
    Check(gt != std::string_view::npos);
    std::string_view tag = html.substr(lt + 1, gt - lt - 1);
    tag.remove_prefix(std::min(tag.size(), tag.find_first_of(" /")));  // the element name
    while (true) {
      const size_t name_begin = tag.find_first_not_of(" /");
      if (name_begin == std::string_view::npos) break;
      tag.remove_prefix(name_begin);
      const size_t eq = tag.find('=');
      const size_t space = tag.find(' ');
      if (eq == std::string_view::npos || (space != std::string_view::npos && space < eq)) {
        tag.remove_prefix(std::min(tag.size(), space));  // an attribute without a value
        continue;
      }
      const std::string_view name = tag.substr(0, eq);
      Check(eq + 1 < tag.size() && tag[eq + 1] == '"');
      const size_t close = tag.find('"', eq + 2);
      Check(close != std::string_view::npos);
      const std::string_view value = tag.substr(eq + 2, close - eq - 2);
      if (name == "href" || name == "src") Check(IsAllowedAttributeUrl(value));
      tag.remove_prefix(close + 1);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > size_t{64} * 1024) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const int heading_offset = size > 0 ? data[0] % 8 - 1 : 1;

  const std::string html = render::MarkdownToHtml(input, heading_offset);
  const std::string lower = Lower(html);
  Check(binhyen::text::IsValidUtf8(html));
  Check(lower.find("<script") == std::string::npos);
  Check(lower.find("<!--") == std::string::npos);  // no "<!-- raw HTML omitted -->"
  CheckUrls(lower);
  Check(lower.find("<h1>") == std::string::npos || heading_offset <= 0);

  const size_t max_bytes = size > 1 ? data[1] : 160;
  const std::string plain = render::MarkdownToText(input, max_bytes);
  Check(plain.size() <= max_bytes);
  Check(binhyen::text::IsValidUtf8(plain));
  return 0;
}
