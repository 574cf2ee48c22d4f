#pragma once

#include <string_view>

#include "base/result.h"
#include "indicator/indicator.h"

namespace binhyen::indicator {

// Canonicalises `input` as an email address indicator (kind email).
// Accepts "mailto:" links (the "?subject=..." part is dropped) and defanged forms:
// "name[at]gmail[.]com", "name(at)gmail(dot)com", "name (at) gmail (dot) com",
// "name{at}gmail{.}com", "name[@]gmail.com", "name at gmail dot com".
// canonical = "local@domain": the local part is kept as written except that ASCII letters are
// lower-cased (real providers treat it case-insensitively; dots and "+tags" are NOT removed,
// because that is provider-specific); the domain follows CanonicalizeDomain (lower-case
// A-labels, public suffix list TLD).
// Attributes: "domain" and "registrable_domain".
// Returns InvalidArgument with a one-line reason for: no '@', an empty, over-long (> 64 bytes),
// quoted or malformed local part (characters outside RFC 5322 atext and '.', a leading,
// trailing or doubled '.'), an invalid domain, an address over 254 bytes. Thread-safe.
base::Result<Indicator> CanonicalizeEmail(std::string_view input);

}  // namespace binhyen::indicator
