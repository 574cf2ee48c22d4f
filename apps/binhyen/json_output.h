#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "indicator/extract.h"

namespace binhyen::app {

// {"kind","raw","canonical","start","end"}: the line format of `binhyen extract`.
nlohmann::json ExtractedToJson(const indicator::Extracted& e);

// One JSON line; invalid UTF-8 in values is replaced by U+FFFD rather than failing.
std::string DumpLine(const nlohmann::json& j);

}  // namespace binhyen::app
