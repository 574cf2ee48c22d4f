#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace binhyen::render {

// Markdown (CommonMark with the GFM table, strikethrough and autolink extensions) to an HTML
// fragment that is safe to put in a page: raw HTML in the source is dropped, and links or images
// whose URL is not http, https, mailto, tel or a relative path are rendered without the URL.
// Invalid UTF-8 is replaced. Headings are shifted down by `heading_offset` levels (1: "#"
// becomes <h2>; capped at <h6>; a negative offset counts as 0), so that an article's headings
// sit under the page's own <h1>.
// A document whose tables would exceed 50,000 cells is parsed without the table extension (its
// tables show as text): cmark-gfm 0.29.0.gfm.6 pads every row to the header's width, so 60 KB
// could otherwise take gigabytes. Some other inputs still take time quadratic in their size
// (about 1 s for 64 KiB of "![[]()", 0.6 s for 64 KiB of "a@"; a sixteenth of that for
// 16 KiB): callers cap the size of untrusted input.
// Thread safety: thread-safe (no shared state).
std::string MarkdownToHtml(std::string_view markdown, int heading_offset = 1);

// The plain text of `markdown` (no markup, raw HTML dropped, whitespace collapsed to single
// spaces, trimmed), cut at a UTF-8 character boundary (never between a letter and a combining
// tone mark) to at most `max_bytes` bytes *including* the "…" appended when cut (when
// max_bytes < 3, the cut text has no "…"): for summaries and <meta name="description">.
// The result is text, not HTML: the caller escapes it.
// Thread safety: thread-safe (no shared state).
std::string MarkdownToText(std::string_view markdown, size_t max_bytes);

}  // namespace binhyen::render
