// Fuzzes the scam-phrase rule set (scan/rules.h). An input starting with 'p' is rule-set TOML
// for RuleSet::Parse (which must fail cleanly or yield a set that matches sanely); any other
// input is a message, normalised and matched against the built-in rules, and also matched raw.
// Traps on any broken invariant of the hits; the sanitizers catch memory errors.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "scan/rules.h"
#include "text/matching.h"

namespace {

namespace scan = binhyen::scan;
namespace text = binhyen::text;

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

// Hits name existing rules, lie inside the text, are sorted by begin, one per rule.
void CheckHits(const scan::RuleSet& rules, std::string_view matched,
               const std::vector<scan::RuleHit>& hits) {
  std::vector<bool> seen(rules.rules().size(), false);
  size_t previous_begin = 0;
  for (const scan::RuleHit& hit : hits) {
    Check(hit.rule < rules.rules().size());
    Check(!seen[hit.rule]);
    seen[hit.rule] = true;
    Check(hit.begin < hit.end && hit.end <= matched.size());
    Check(hit.begin >= previous_begin);
    previous_begin = hit.begin;
  }
}

const scan::RuleSet& BuiltIn() {
  static const scan::RuleSet* const kRules = [] {
    auto rules = scan::RuleSet::BuiltIn();
    Check(rules.ok());
    return new scan::RuleSet(std::move(rules).value());
  }();
  return *kRules;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > size_t{16} * 1024) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  if (!input.empty() && input[0] == 'p') {
    if (size > 4096) return 0;  // compiling many large random patterns is slow, not wrong
    auto rules = scan::RuleSet::Parse(input.substr(1));
    if (!rules.ok()) {
      Check(rules.status().code() == binhyen::base::StatusCode::kInvalidArgument);
      Check(!rules.status().message().empty());
      return 0;
    }
    Check(!rules->rules().empty());
    for (const scan::Rule& rule : rules->rules()) {
      Check(rule.category < rules->categories().size());
      Check(rule.weight >= -100 && rule.weight <= 100 && !rule.patterns.empty());
    }
    const std::string_view sample = "cong an yeu cau chuyen tien vao tai khoan an toan";
    CheckHits(*rules, sample, rules->Match(sample));
    return 0;
  }
  const scan::RuleSet& rules = BuiltIn();
  const text::MatchText m = text::NormalizeForMatching(input);
  const std::vector<scan::RuleHit> hits = rules.Match(m.text);
  CheckHits(rules, m.text, hits);
  for (const scan::RuleHit& hit : hits) {
    const auto [begin, end] = text::OriginalSpan(m, hit.begin, hit.end);
    Check(begin <= end && end <= input.size());
  }
  CheckHits(rules, input, rules.Match(input));  // raw bytes: no crash, sane spans
  return 0;
}
