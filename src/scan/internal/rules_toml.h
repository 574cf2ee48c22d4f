#pragma once

// Reading the rule set's TOML (data/scan/README.md) into categories and rules, with every check
// that does not need vectorscan. Used by RuleSet::Parse (rules.h).

#include <string_view>
#include <vector>

#include "base/result.h"
#include "scan/rules.h"

namespace binhyen::scan::internal {

struct ParsedRules {
  std::vector<Category> categories;
  std::vector<Rule> rules;
  std::vector<size_t> rule_lines;  // rule_lines[i]: line of rules[i]'s [[rule]] header
};

// Errors are kInvalidArgument and start with "rules line N: " and, when known, name the rule or
// category: "rules line 12: rule \"police.transfer\": weight 150 is out of range -100..100".
base::Result<ParsedRules> ParseRulesToml(std::string_view toml);

// Checks the text of one pattern that vectorscan would accept but that can never match a
// normalised text: non-ASCII bytes, upper-case letters outside escapes ("\D", "\W").
// Returns an empty string when the pattern is fine, otherwise the reason.
std::string_view PatternTextProblem(std::string_view pattern);

}  // namespace binhyen::scan::internal
