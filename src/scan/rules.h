#pragma once

// The scam-phrase rule set: categories (scam families) and rules (weighted regular expressions
// with plain-language explanations), read from TOML (data/scan/rules.toml, compiled into the
// binary; the format is described in data/scan/README.md) and compiled into vectorscan
// databases. Patterns are matched against the output of text::NormalizeForMatching: lower-case
// ASCII without diacritics, teencode expanded, obfuscation undone, single spaces.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace binhyen::scan {

namespace internal {
class RuleEngine;
}  // namespace internal

// A scam family. Every rule belongs to exactly one.
struct Category {
  std::string id;  // e.g. "police_impersonation"
  std::string label_vi, label_en;
  std::string advice_vi, advice_en;  // what to do, for a reader who met this kind of scam
};

struct Rule {
  std::string id;                     // unique, dotted: "police.transfer"
  size_t category = 0;                // index into RuleSet::categories()
  int weight = 0;                     // -100..100; negative marks a sign of a legitimate message
  std::vector<std::string> patterns;  // vectorscan regular expressions, never empty
  std::string explanation_vi, explanation_en;
};

// One rule that matched: [begin, end) is a byte span of the NORMALISED text given to Match
// (map it back with text::OriginalSpan).
struct RuleHit {
  size_t rule;  // index into RuleSet::rules()
  size_t begin;
  size_t end;

  friend bool operator==(const RuleHit&, const RuleHit&) = default;
};

// Thread safety: every const method, Match included, may be called from any number of threads
// at once. Match borrows a vectorscan scratch space from a fixed pool of slots, each claimed
// with one atomic exchange (no lock); a caller that finds every slot busy clones a scratch of
// its own for that call (slower, never blocking). The small database that finds where a
// pattern's match starts is compiled the first time that pattern matches (std::call_once), so
// the first hit of each pattern in a process costs a few milliseconds more. How matching works:
// src/scan/internal/rules_engine.h.
// Movable, not copyable.
class RuleSet {
 public:
  // Parses and validates `toml`, then compiles every pattern. Errors (kInvalidArgument) name
  // the line and the rule or category: TOML syntax, unknown or missing keys, a wrong type,
  // duplicate ids, an unknown category, a weight outside -100..100, empty patterns or
  // explanations, a pattern with non-ASCII or upper-case letters (the text it runs on has
  // neither), unsupported syntax ("$", back references, look-around: see
  // internal/rules_reverse.h), and a pattern vectorscan rejects (with vectorscan's reason).
  // Takes about a second of CPU for the built-in set (vectorscan compilation).
  static base::Result<RuleSet> Parse(std::string_view toml);
  // The rules compiled into the binary (data/scan/rules.toml), with their vectorscan database
  // compiled at build time where this machine can load it (see precompiled()).
  static base::Result<RuleSet> BuiltIn();

  RuleSet(RuleSet&&) noexcept;
  RuleSet& operator=(RuleSet&&) noexcept;
  RuleSet(const RuleSet&) = delete;
  RuleSet& operator=(const RuleSet&) = delete;
  ~RuleSet();

  const std::vector<Category>& categories() const { return categories_; }
  const std::vector<Rule>& rules() const { return rules_; }
  // nullptr when no category has this id.
  const Category* FindCategory(std::string_view id) const;
  // nullptr when no rule has this id.
  const Rule* FindRule(std::string_view id) const;

  // Matches every rule against `normalized` (the text of text::NormalizeForMatching) in one pass
  // of the rule database. Each rule is reported at most once: its first match to end (the
  // smallest end offset over its patterns; on a tie, the pattern listed first), with the
  // leftmost start of a match ending there. Hits are sorted by begin, then end, then rule.
  // Text past the first 4 GiB - 1 bytes is ignored.
  std::vector<RuleHit> Match(std::string_view normalized) const;

  // True when the rule database was loaded from the one compiled at build time rather than
  // compiled by this process (BuiltIn on a machine like the build machine).
  bool precompiled() const;

 private:
  // Parse, trying `precompiled` (internal::RuleEngine::SerializeCombined) before compiling.
  static base::Result<RuleSet> Parse(std::string_view toml, std::string_view precompiled);
  RuleSet(std::vector<Category> categories, std::vector<Rule> rules,
          std::unique_ptr<internal::RuleEngine> engine);

  std::vector<Category> categories_;
  std::vector<Rule> rules_;
  std::unique_ptr<internal::RuleEngine> engine_;
};

}  // namespace binhyen::scan
