#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "domain/warning.h"

namespace binhyen::exchange {

// Feeds of the published warnings and clarifications, for feed readers and other sites.
//
// Both feeds list the warnings with a published_at (drafts are left out), newest first (by
// published_at, then id), in Vietnamese. Each item links to `{base_url}/canh-bao/{slug}`
// (clarifications: `/dinh-chinh/{slug}`); the feed itself is expected at
// `{base_url}/feeds/canhbao.atom` and `{base_url}/feeds/canhbao.json` (its "self" link). `base_url`
// is absolute ("https://binhyen.example", no trailing '/'): Atom ids and JSON Feed urls must be
// absolute. Titles carry a "[Cảnh báo] " or
// "[Đính chính] " prefix; the Markdown body is the item's text content. Ill-formed UTF-8 is
// replaced by U+FFFD and characters XML 1.0 forbids are dropped, so the output is always
// well-formed. Pure functions; thread-safe.

// Atom 1.0 (RFC 4287). `updated` is the feed's <updated>.
std::string RenderAtom(const std::vector<domain::Warning>& warnings, std::string_view base_url,
                       base::TimePoint updated);

// JSON Feed 1.1 (https://jsonfeed.org/version/1.1). `updated` is not part of JSON Feed; it is
// accepted for symmetry with RenderAtom and unused.
std::string RenderJsonFeed(const std::vector<domain::Warning>& warnings, std::string_view base_url,
                           base::TimePoint updated);

// Appends `text` to *out escaped for XML character data and attribute values: & < > " ' become
// &amp; &lt; &gt; &quot; &apos;; ill-formed UTF-8 becomes U+FFFD; C0 controls other than tab,
// LF and CR are dropped.
void AppendXmlEscaped(std::string_view text, std::string* out);

}  // namespace binhyen::exchange
