#include "scan/rules.h"

#include <algorithm>
#include <utility>

#include "scan/internal/embedded.h"
#include "scan/internal/rules_engine.h"
#include "scan/internal/rules_toml.h"

namespace binhyen::scan {

RuleSet::RuleSet(std::vector<Category> categories, std::vector<Rule> rules,
                 std::unique_ptr<internal::RuleEngine> engine)
    : categories_(std::move(categories)), rules_(std::move(rules)), engine_(std::move(engine)) {}

RuleSet::RuleSet(RuleSet&&) noexcept = default;
RuleSet& RuleSet::operator=(RuleSet&&) noexcept = default;
RuleSet::~RuleSet() = default;

base::Result<RuleSet> RuleSet::Parse(std::string_view toml) { return Parse(toml, {}); }

// The database compiled at build time spares every process the second it takes to compile
// (rules_engine.h); where this machine cannot use it, Compile compiles as Parse does.
base::Result<RuleSet> RuleSet::BuiltIn() {
  return Parse(internal::kRulesToml, internal::RulesDb());
}

base::Result<RuleSet> RuleSet::Parse(std::string_view toml, std::string_view precompiled) {
  BINHYEN_ASSIGN_OR_RETURN(internal::ParsedRules parsed, internal::ParseRulesToml(toml));
  BINHYEN_ASSIGN_OR_RETURN(
      std::unique_ptr<internal::RuleEngine> engine,
      internal::RuleEngine::Compile(parsed.rules, parsed.rule_lines, precompiled));
  return RuleSet(std::move(parsed.categories), std::move(parsed.rules), std::move(engine));
}

bool RuleSet::precompiled() const { return engine_ != nullptr && engine_->used_precompiled(); }

const Category* RuleSet::FindCategory(std::string_view id) const {
  const auto it = std::find_if(categories_.begin(), categories_.end(),
                               [&](const Category& c) { return c.id == id; });
  return it == categories_.end() ? nullptr : &*it;
}

const Rule* RuleSet::FindRule(std::string_view id) const {
  const auto it =
      std::find_if(rules_.begin(), rules_.end(), [&](const Rule& r) { return r.id == id; });
  return it == rules_.end() ? nullptr : &*it;
}

std::vector<RuleHit> RuleSet::Match(std::string_view normalized) const {
  // A moved-from set has no engine and matches nothing.
  return engine_ == nullptr ? std::vector<RuleHit>() : engine_->Match(normalized);
}

}  // namespace binhyen::scan
