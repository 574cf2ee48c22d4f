#pragma once
// The data files compiled into the scanner (src/scan/CMakeLists.txt, cmake/Embed.cmake).

#include <string_view>

namespace binhyen::scan::internal {

// data/scan/rules.toml: the scam-phrase rules and their categories (rules.h).
extern const std::string_view kRulesToml;
// data/scan/model.bin: the trained classifier (classifier.h).
extern const std::string_view kModel;

}  // namespace binhyen::scan::internal
