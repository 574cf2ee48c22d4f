#include "api/check_json.h"

#include <chrono>
#include <cstring>
#include <mutex>
#include <string>

#include "api/json_views.h"
#include "base/strings.h"
#include "service/check_explanation.h"
#include "text/utf8.h"

namespace binhyen::api {
namespace {

// True when every byte of `s` is printable ASCII other than '"' and '\\': the string is valid
// UTF-8 and its JSON form is itself in quotes. Eight bytes at a time (canonical forms, sources,
// categories and most inputs are such strings).
bool IsPlainAscii(std::string_view s) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHighs = 0x8080808080808080ULL;
  // Bytes equal to `c` in `w` get their high bit set (no false positives for bytes < 0x80).
  auto has = [](uint64_t w, unsigned char c) {
    const uint64_t x = w ^ (kOnes * c);
    return (x - kOnes) & ~x & kHighs;
  };
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    // High bit set, or below 0x20 (w - 0x20 borrows into the high bit of such bytes).
    if ((w | ((w - kOnes * 0x20) & ~w)) & kHighs) return false;
    if (has(w, '"') | has(w, '\\')) return false;
  }
  for (; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') return false;
  }
  return true;
}

// A JSON string: '"', '\\' and control characters escaped as nlohmann::json does, everything
// else copied as UTF-8 (an ill-formed string is sanitized first: U+FFFD per bad sequence).
void AppendString(std::string_view s, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  if (IsPlainAscii(s)) {
    out->push_back('"');
    out->append(s);
    out->push_back('"');
    return;
  }
  std::string sanitized;
  if (!text::IsValidUtf8(s)) {
    sanitized = text::SanitizeUtf8(s).text;
    s = sanitized;
  }
  out->push_back('"');
  size_t start = 0;  // s[start, i) is still to copy as is
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out->append(s.substr(start, i - start));
    start = i + 1;
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\b': out->append("\\b"); break;
      case '\f': out->append("\\f"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      default:
        out->append("\\u00");
        out->push_back(kHex[c >> 4]);
        out->push_back(kHex[c & 0xf]);
    }
  }
  out->append(s.substr(start));
  out->push_back('"');
}

void AppendMember(std::string_view name, std::string* out) {
  AppendString(name, out);
  out->push_back(':');
}

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
