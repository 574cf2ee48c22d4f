#pragma once

// Reversal of a rule pattern, for finding where a match starts (rules_engine.h).
//
// Vectorscan reports where a match ends; its start-of-match mode (HS_FLAG_SOM_LEFTMOST)
// rejects many rule patterns as "too large" (alternations joined by a bounded gap, such as
// "(cong an|toa an).{0,100}(chuyen tien|nop tien)"). Instead, a pattern is reversed once at load
// time: a string s matches P exactly when reverse(s) matches ReversePattern(P). Scanning the
// reversed text before a known end with the reversed pattern anchored there gives every start
// of a match ending at that end, the leftmost included, with no start-of-match tracking.

#include <string>
#include <string_view>

#include "base/result.h"

namespace binhyen::scan::internal {

// Returns the reversed pattern, or kInvalidArgument with the reason for syntax that is not
// supported in rule patterns: "$" and other end anchors (the text is one line), back
// references, look-around and inline options "(?...)" other than "(?:", escapes other than
// \d \D \w \W \s \S \b \B \xHH \t \n \r and escaped punctuation, and unbalanced brackets.
// Supported: literals, ".", classes "[...]" (POSIX "[:alpha:]" inside), groups "(...)",
// "(?:...)", "|", the quantifiers ? * + {n} {n,} {n,m} (optionally lazy "?"), "^".
base::Result<std::string> ReversePattern(std::string_view pattern);

}  // namespace binhyen::scan::internal
