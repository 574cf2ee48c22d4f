#pragma once
// The data files compiled into the scanner (src/scan/CMakeLists.txt, cmake/Embed.cmake).

#include <string_view>

namespace binhyen::scan::internal {

// data/scan/rules.toml: the scam-phrase rules and their categories (rules.h).
extern const std::string_view kRulesToml;
// data/scan/rules.toml's combined vectorscan database, compiled at build time by
// tools/scan_rules_db.cc (RuleEngine::SerializeCombined) on the build machine. A function, as
// the bytes are included by the assembler (rules_db.cc) and their size is known only at link.
std::string_view RulesDb();
// data/scan/model.bin: the trained classifier (classifier.h).
extern const std::string_view kModel;

}  // namespace binhyen::scan::internal
