#pragma once

#include <string_view>

namespace binhyen::crypto {

// True when `a` and `b` hold the same bytes. For secrets (CSRF tokens, token hashes, MACs): the
// time taken depends only on the lengths, never on where the first difference is, so an attacker
// cannot learn a secret byte by byte from response times. Lengths are not secret (they are
// fixed by the format), so a length mismatch returns early. Thread-safe.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace binhyen::crypto
