#include "json_output.h"

#include "indicator/indicator.h"

namespace binhyen::app {

nlohmann::json ExtractedToJson(const indicator::Extracted& e) {
  nlohmann::json j;
  j["kind"] = std::string(indicator::KindName(e.indicator.kind));
  j["raw"] = e.raw;
  j["canonical"] = e.indicator.canonical;
  j["start"] = e.start;
  j["end"] = e.end;
  return j;
}

std::string DumpLine(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace binhyen::app
