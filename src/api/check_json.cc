#include "api/check_json.h"

#include <chrono>
#include <mutex>
#include <string>

#include "api/internal/json_text.h"
#include "api/json_views.h"
#include "base/strings.h"
#include "service/check_explanation.h"
#include "text/utf8.h"

namespace binhyen::api {
namespace {

using internal::AppendMember;
using internal::AppendString;

void AppendExplanation(const index::CheckResult& result, std::string* out) {
  const service::Explanation explanation = service::Explain(result);
  out->append("\"explanation\":{\"en\":");
  AppendString(explanation.en, out);
  out->append(",\"vi\":");
  AppendString(explanation.vi, out);
  out->push_back('}');
}

}  // namespace

void ExplanationCache::Append(const index::CheckResult& result, std::string* out) {
  // What service::Explain reads: kind, verdict, trusted reason and categories. '\n' cannot occur
  // in a kind or verdict name, so the key is unambiguous.
  std::string key;
  key.reserve(64);
  key.append(indicator::KindName(result.kind));
  key.push_back('\n');
  key.append(index::VerdictName(result.verdict));
  key.push_back('\n');
  key.append(result.trusted_reason);
  for (const std::string& c : result.categories) {
    key.push_back('\n');
    key.append(c);
  }
  {
    std::shared_lock lock(mu_);
    if (auto it = fragments_.find(key); it != fragments_.end()) {
      out->append(it->second);
      return;
    }
  }
  std::string fragment;
  AppendExplanation(result, &fragment);
  out->append(fragment);
  std::unique_lock lock(mu_);
  if (fragments_.size() < kMaxEntries) fragments_.emplace(std::move(key), std::move(fragment));
}

void AppendCheckResultJson(const index::CheckResult& result, std::string_view input,
                           int64_t index_version, std::string* out,
                           ExplanationCache* explanations) {
  out->push_back('{');
  AppendMember("canonical", out);
  AppendString(result.canonical, out);
  out->append(",\"categories\":[");
  for (size_t i = 0; i < result.categories.size(); ++i) {
    if (i > 0) out->push_back(',');
    AppendString(result.categories[i], out);
  }
  out->append("],");
  if (explanations != nullptr) {
    explanations->Append(result, out);
  } else {
    AppendExplanation(result, out);
  }
  out->append(",\"index_version\":");
  out->append(std::to_string(index_version));
  out->append(",\"input\":");
  AppendString(input, out);
  out->append(",\"kind\":");
  AppendString(indicator::KindName(result.kind), out);
  out->append(",\"matches\":[");
  for (size_t i = 0; i < result.matches.size(); ++i) {
    const index::Match& m = result.matches[i];
    if (i > 0) out->push_back(',');
    out->append("{\"category\":");
    AppendString(m.category, out);
    out->append(",\"expression\":");
    AppendString(m.expression, out);
    out->append(",\"first_seen\":");
    AppendString(base::FormatRfc3339(base::TimePoint(std::chrono::seconds(m.first_seen))), out);
    out->append(",\"source\":");
    AppendString(m.source, out);
    out->append(",\"warning_url\":");
    if (m.warning_url.empty()) {
      out->append("null");
    } else {
      AppendString(m.warning_url, out);
    }
    out->push_back('}');
  }
  out->push_back(']');
  if (result.verdict == index::Verdict::kTrusted) {
    out->append(",\"trusted_reason\":");
    AppendString(result.trusted_reason, out);
  }
  out->append(",\"verdict\":");
  AppendString(index::VerdictName(result.verdict), out);
  out->push_back('}');
}

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
