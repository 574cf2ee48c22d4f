#include "render/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <array>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "text/utf8.h"

namespace binhyen::render {
namespace {

// Safe mode (no CMARK_OPT_UNSAFE): cmark replaces raw HTML by a comment and empties the URLs it
// knows to be dangerous. We go further below (raw HTML nodes are removed, URLs are allowlisted).
constexpr int kParseOptions = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8;
constexpr int kRenderOptions = CMARK_OPT_DEFAULT;
constexpr std::array<const char*, 3> kExtensions = {"table", "strikethrough", "autolink"};
constexpr int kMaxHeadingLevel = 6;
constexpr std::string_view kEllipsis = "…";
// More table cells than this and the document is parsed without the table extension (its
// tables then show as text): see TableCellBound.
constexpr size_t kMaxTableCells = 50'000;

// Registers the GFM extensions in cmark's static registry. The registry is the library's own
// table, filled once; call_once makes the first, racy registration thread-safe.
void EnsureExtensionsRegistered() {
  static std::once_flag once;
  std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
}

struct ParserFree {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeFree {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct IterFree {
  void operator()(cmark_iter* i) const { cmark_iter_free(i); }
};
struct BufferFree {
  void operator()(char* p) const { cmark_get_default_mem_allocator()->free(p); }
};
using ParserPtr = std::unique_ptr<cmark_parser, ParserFree>;
using NodePtr = std::unique_ptr<cmark_node, NodeFree>;
using IterPtr = std::unique_ptr<cmark_iter, IterFree>;
using BufferPtr = std::unique_ptr<char, BufferFree>;

// A parsed document. The parser owns the extension list the HTML renderer needs, so it lives as
// long as the tree.
struct Document {
  ParserPtr parser;
  NodePtr root;
};

bool IsBlankLine(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

// True when `line` could be a table's delimiter row ("|---|:-:|"), possibly inside block
// quotes. Returns its number of columns (pipes + 1, an upper bound) in *columns.
bool IsDelimiterRowCandidate(std::string_view line, size_t* columns) {
  const size_t start = line.find_first_not_of(" \t>");
  if (start == std::string_view::npos) return false;
  line.remove_prefix(start);
  if (line.find_first_not_of(" \t\r|:-") != std::string_view::npos) return false;
  if (line.find('-') == std::string_view::npos) return false;
  *columns = static_cast<size_t>(std::count(line.begin(), line.end(), '|')) + 1;
  return true;
}

// An upper bound of the number of table cells cmark-gfm creates for `markdown`. This version
// (0.29.0.gfm.6) pads every row to the width of its table's header, so 60 KB (a header of 1,000
// columns, then 28,000 lines "x") become 28 million cells: gigabytes of memory, then an abort.
// A table starts at its delimiter row and ends at the latest at a blank line, so each line
// counts the columns of the widest delimiter row since the last blank line.
size_t TableCellBound(std::string_view markdown) {
  size_t total = 0;
  size_t columns = 0;
  while (!markdown.empty()) {
    const size_t eol = markdown.find('\n');
    const std::string_view line = markdown.substr(0, eol);
    markdown.remove_prefix(eol == std::string_view::npos ? markdown.size() : eol + 1);
    size_t delimiter_columns = 0;
    if (IsBlankLine(line)) {
      columns = 0;
    } else if (IsDelimiterRowCandidate(line, &delimiter_columns)) {
      columns = std::max(columns, delimiter_columns);
      total += 2 * columns;  // the header row and the delimiter row itself
    } else {
      total += columns;
    }
  }
  return total;
}

// Parses `markdown` with the GFM extensions. Returns a Document with a null root when cmark
// could not allocate (its default allocator aborts instead, but we do not rely on that).
Document Parse(std::string_view markdown) {
  EnsureExtensionsRegistered();
  Document doc;
  doc.parser.reset(cmark_parser_new(kParseOptions));
  if (doc.parser == nullptr) return doc;
  // Our sanitiser first, so that every module substitutes ill-formed UTF-8 the same way;
  // cmark's own validation (kParseOptions) then only ever sees valid input.
  const text::SanitizedUtf8 clean = text::SanitizeUtf8(markdown);
  const bool tables = TableCellBound(clean.text) <= kMaxTableCells;
  for (const char* name : kExtensions) {
    if (!tables && std::string_view(name) == "table") continue;
    cmark_syntax_extension* ext = cmark_find_syntax_extension(name);
    if (ext != nullptr) cmark_parser_attach_syntax_extension(doc.parser.get(), ext);
  }
  cmark_parser_feed(doc.parser.get(), clean.text.data(), clean.text.size());
  doc.root.reset(cmark_parser_finish(doc.parser.get()));
  return doc;
}

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// True when a link or image may keep `url`: a relative reference (no scheme) or one of the
// allowed schemes. The scheme is read the way a browser reads it (WHATWG URL): leading and
// trailing C0 controls and spaces are ignored, tabs and newlines anywhere are removed, and the
// comparison ignores case (trailing
// spaces cannot matter for the scheme). cmark has already decoded entities and backslash escapes,
// so
// "&#106;avascript:" and "JaVaScRiPt:" arrive here as "javascript:".
bool IsAllowedUrl(std::string_view url) {
  std::string cleaned;
  cleaned.reserve(url.size());
  for (char c : url) {
    if (c != '\t' && c != '\n' && c != '\r') cleaned.push_back(c);
  }
  std::string_view u = cleaned;
  while (!u.empty() && static_cast<unsigned char>(u.front()) <= 0x20) u.remove_prefix(1);
  if (u.empty() || !IsAsciiAlpha(u[0])) return true;  // "", "/a", "#a", "?a", "//host/a"
  size_t i = 1;
  while (i < u.size() &&
         (IsAsciiAlpha(u[i]) || IsAsciiDigit(u[i]) || u[i] == '+' || u[i] == '-' || u[i] == '.')) {
    ++i;
  }
  if (i == u.size() || u[i] != ':') return true;  // "page.html", "a/b:c"
  std::string scheme(u.substr(0, i));
  std::transform(scheme.begin(), scheme.end(), scheme.begin(), AsciiLower);
  return scheme == "http" || scheme == "https" || scheme == "mailto" || scheme == "tel";
}

bool IsRawHtml(cmark_node_type type) {
  return type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE;
}

// Makes the tree safe and fits it into the page: removes raw HTML (instead of cmark's
// "<!-- raw HTML omitted -->" placeholder), empties URLs outside the allowlist and shifts
// heading levels by `heading_offset` (clamped to 1..6). False when cmark could not allocate.
bool Sanitize(cmark_node* root, int heading_offset) {
  IterPtr iter(cmark_iter_new(root));
  if (iter == nullptr) return false;
  std::vector<cmark_node*> raw_html;
  cmark_event_type ev;
  while ((ev = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node* node = cmark_iter_get_node(iter.get());
    const cmark_node_type type = cmark_node_get_type(node);
    if (IsRawHtml(type)) {
      raw_html.push_back(node);
    } else if (type == CMARK_NODE_HEADING) {
      const int level = cmark_node_get_heading_level(node) +
                        std::clamp(heading_offset, 0, kMaxHeadingLevel);  // no overflow
      cmark_node_set_heading_level(node, std::clamp(level, 1, kMaxHeadingLevel));
    } else if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) {
      const char* url = cmark_node_get_url(node);
      if (url != nullptr && !IsAllowedUrl(url) && !cmark_node_set_url(node, "")) return false;
    }
  }
  iter.reset();
  // Raw HTML nodes are leaves, so freeing one never frees another one of the list.
  for (cmark_node* node : raw_html) {
    cmark_node_unlink(node);
    cmark_node_free(node);
  }
  return true;
}

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Appends the text of the tree to *out: text, code and code blocks; a space for line breaks
// and around blocks, so that paragraphs, list items and table cells do not run together.
// False when cmark could not allocate.
bool CollectText(cmark_node* root, std::string* out) {
  IterPtr iter(cmark_iter_new(root));
  if (iter == nullptr) return false;
  cmark_event_type ev;
  while ((ev = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
    cmark_node* node = cmark_iter_get_node(iter.get());
    const cmark_node_type type = cmark_node_get_type(node);
    if ((type & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK) {
      out->push_back(' ');
      if (type == CMARK_NODE_CODE_BLOCK && ev == CMARK_EVENT_ENTER) {
        const char* literal = cmark_node_get_literal(node);
        if (literal != nullptr) out->append(literal);
      }
    } else if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE) {
      const char* literal = cmark_node_get_literal(node);
      if (literal != nullptr) out->append(literal);
    } else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) {
      out->push_back(' ');
    }
  }
  return true;
}

// `text` with runs of ASCII whitespace collapsed to one space, trimmed.
std::string CollapseWhitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (char c : text) {
    if (IsAsciiSpace(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

// True when the UTF-8 sequence at text[pos] is a combining diacritical mark (U+0300..U+036F,
// bytes CC 80 .. CD AF): cutting before it would strip a Vietnamese letter of its tone mark.
bool IsCombiningMarkAt(std::string_view text, size_t pos) {
  if (pos + 1 >= text.size()) return false;
  const auto b0 = static_cast<unsigned char>(text[pos]);
  const auto b1 = static_cast<unsigned char>(text[pos + 1]);
  return (b0 == 0xCC && b1 >= 0x80 && b1 <= 0xBF) || (b0 == 0xCD && b1 >= 0x80 && b1 <= 0xAF);
}

// The longest prefix of valid UTF-8 `text` of at most `max_bytes` bytes that ends at a
// character boundary (and not before a combining mark).
std::string_view CutAtCharBoundary(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t pos = max_bytes;
  while (pos > 0 &&
         ((static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80 || IsCombiningMarkAt(text, pos))) {
    --pos;
  }
  return text.substr(0, pos);
}

}  // namespace

std::string MarkdownToHtml(std::string_view markdown, int heading_offset) {
  Document doc = Parse(markdown);
  if (doc.root == nullptr || !Sanitize(doc.root.get(), heading_offset)) return "";
  BufferPtr html(cmark_render_html(doc.root.get(), kRenderOptions,
                                   cmark_parser_get_syntax_extensions(doc.parser.get())));
  if (html == nullptr) return "";
  return std::string(html.get());
}

std::string MarkdownToText(std::string_view markdown, size_t max_bytes) {
  Document doc = Parse(markdown);
  if (doc.root == nullptr) return "";
  std::string raw;
  if (!CollectText(doc.root.get(), &raw)) return "";
  std::string text = CollapseWhitespace(raw);
  if (text.size() <= max_bytes) return text;
  if (max_bytes < kEllipsis.size()) return std::string(CutAtCharBoundary(text, max_bytes));
  std::string cut(CutAtCharBoundary(text, max_bytes - kEllipsis.size()));
  while (!cut.empty() && cut.back() == ' ') cut.pop_back();
  cut.append(kEllipsis);
  return cut;
}

}  // namespace binhyen::render
