#include "api/check_json.h"

#include <chrono>
#include <string>

#include "api/json_views.h"
#include "service/check_explanation.h"

namespace binhyen::api {

nlohmann::json CheckResultJson(const index::CheckResult& result, std::string_view input,
                               int64_t index_version) {
  nlohmann::json matches = nlohmann::json::array();
  for (const index::Match& m : result.matches) {
    matches.push_back({
        {"expression", m.expression},
        {"category", m.category},
        {"source", m.source},
        {"first_seen", TimeJson(base::TimePoint(std::chrono::seconds(m.first_seen)))},
        {"warning_url",
         m.warning_url.empty() ? nlohmann::json(nullptr) : nlohmann::json(m.warning_url)},
    });
  }
  const service::Explanation explanation = service::Explain(result);
  nlohmann::json out = {
      {"kind", indicator::KindName(result.kind)},
      {"input", std::string(input)},
      {"canonical", result.canonical},
      {"verdict", index::VerdictName(result.verdict)},
      {"categories", result.categories},
      {"matches", std::move(matches)},
      {"explanation", {{"vi", explanation.vi}, {"en", explanation.en}}},
      {"index_version", index_version},
  };
  if (result.verdict == index::Verdict::kTrusted) out["trusted_reason"] = result.trusted_reason;
  return out;
}

}  // namespace binhyen::api
