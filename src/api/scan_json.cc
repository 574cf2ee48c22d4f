#include "api/scan_json.h"

#include <string>

#include "api/internal/json_text.h"
#include "text/utf8.h"

namespace binhyen::api {
namespace {

using nlohmann::json;

constexpr size_t kMaxExcerptBytes = 200;

std::string Valid(std::string_view s) {
  return text::IsValidUtf8(s) ? std::string(s) : text::SanitizeUtf8(s).text;
}

std::string Excerpt(std::string_view text, size_t begin, size_t end) {
  if (begin > text.size()) return std::string();
  std::string_view slice = text.substr(begin, std::min(end, text.size()) - begin);
  if (slice.size() > kMaxExcerptBytes) {
    // Cut on a character boundary: never in the middle of a UTF-8 sequence.
    size_t cut = kMaxExcerptBytes;
    while (cut > 0 && (static_cast<unsigned char>(slice[cut]) & 0xC0) == 0x80) --cut;
    return Valid(slice.substr(0, cut)) + "…";
  }
  return Valid(slice);
}

json IndicatorJson(const scan::ScannedIndicator& found) {
  json matches = json::array();
  for (const index::Match& m : found.check.matches) {
    matches.push_back(
        {{"expression", m.expression}, {"category", m.category}, {"source", m.source}});
  }
  return {{"kind", indicator::KindName(found.extracted.indicator.kind)},
          {"raw", Valid(found.extracted.raw)},
          {"canonical", found.extracted.indicator.canonical},
          {"span", {found.extracted.start, found.extracted.end}},
          {"verdict", index::VerdictName(found.check.verdict)},
          {"categories", found.check.categories},
          {"matches", std::move(matches)}};
}

json VietQrJson(const evidence::VietQr& v) {
  return {{"bin", v.bin},
          {"bank", v.bank != nullptr ? json(v.bank->short_name) : json(nullptr)},
          {"account", Valid(v.account)},
          {"to_card", v.to_card},
          {"amount", v.amount ? json(Valid(*v.amount)) : json(nullptr)},
          {"note", Valid(v.note)},
          {"merchant_name", Valid(v.merchant_name)}};
}

using internal::AppendDouble;
using internal::AppendMember;
using internal::AppendString;

void AppendSpan(size_t begin, size_t end, std::string* out) {
  out->push_back('[');
  out->append(std::to_string(begin));
  out->push_back(',');
  out->append(std::to_string(end));
  out->push_back(']');
}

// {"en": ..., "vi": ...}
void AppendBoth(std::string_view en, std::string_view vi, std::string* out) {
  out->append("{\"en\":");
  AppendString(en, out);
  out->append(",\"vi\":");
  AppendString(vi, out);
  out->push_back('}');
}

void AppendIndicators(const scan::ScanResult& r, std::string* out) {
  out->push_back('[');
  for (size_t i = 0; i < r.indicators.size(); ++i) {
    const scan::ScannedIndicator& found = r.indicators[i];
    if (i > 0) out->push_back(',');
    out->append("{\"canonical\":");
    AppendString(found.extracted.indicator.canonical, out);
    out->append(",\"categories\":[");
    for (size_t c = 0; c < found.check.categories.size(); ++c) {
      if (c > 0) out->push_back(',');
      AppendString(found.check.categories[c], out);
    }
    out->append("],\"kind\":");
    AppendString(indicator::KindName(found.extracted.indicator.kind), out);
    out->append(",\"matches\":[");
    for (size_t m = 0; m < found.check.matches.size(); ++m) {
      const index::Match& match = found.check.matches[m];
      if (m > 0) out->push_back(',');
      out->append("{\"category\":");
      AppendString(match.category, out);
      out->append(",\"expression\":");
      AppendString(match.expression, out);
      out->append(",\"source\":");
      AppendString(match.source, out);
      out->push_back('}');
    }
    out->append("],\"raw\":");
    AppendString(found.extracted.raw, out);
    out->append(",\"span\":");
    AppendSpan(found.extracted.start, found.extracted.end, out);
    out->append(",\"verdict\":");
    AppendString(index::VerdictName(found.check.verdict), out);
    out->push_back('}');
  }
  out->push_back(']');
}

void AppendReasons(const service::MessageScan& scan, std::string* out) {
  out->push_back('[');
  for (size_t i = 0; i < scan.result.reasons.size(); ++i) {
    const scan::Reason& reason = scan.result.reasons[i];
    if (i > 0) out->push_back(',');
    out->append("{\"category\":");
    AppendString(reason.category, out);
    out->append(",\"excerpt\":");
    AppendString(Excerpt(scan.scanned_text, reason.begin, reason.end), out);
    out->append(",\"explanation\":");
    AppendBoth(reason.explanation_en, reason.explanation_vi, out);
    out->append(",\"rule\":");
    AppendString(reason.rule, out);
    out->append(",\"span\":");
    AppendSpan(reason.begin, reason.end, out);
    out->append(",\"weight\":");
    out->append(std::to_string(reason.weight));
    out->push_back('}');
  }
  out->push_back(']');
}

void AppendQr(const service::MessageScan& scan, std::string* out) {
  out->push_back('[');
  for (size_t i = 0; i < scan.qr.size(); ++i) {
    const service::QrFinding& q = scan.qr[i];
    if (i > 0) out->push_back(',');
    out->append("{\"payload\":");
    AppendString(q.payload, out);
    out->append(",\"vietqr\":");
    if (!q.vietqr) {
      out->append("null}");
      continue;
    }
    const evidence::VietQr& v = *q.vietqr;
    out->append("{\"account\":");
    AppendString(v.account, out);
    out->append(",\"amount\":");
    if (v.amount) {
      AppendString(*v.amount, out);
    } else {
      out->append("null");
    }
    out->append(",\"bank\":");
    if (v.bank != nullptr) {
      AppendString(v.bank->short_name, out);
    } else {
      out->append("null");
    }
    out->append(",\"bin\":");
    AppendString(v.bin, out);
    out->append(",\"merchant_name\":");
    AppendString(v.merchant_name, out);
    out->append(",\"note\":");
    AppendString(v.note, out);
    out->append(",\"to_card\":");
    out->append(v.to_card ? "true" : "false");
    out->append("}}");
  }
  out->push_back(']');
}

}  // namespace

void AppendScanJson(const service::MessageScan& scan, std::string* out) {
  const scan::ScanResult& r = scan.result;
  out->append("{\"advice\":");
  AppendBoth(r.advice_en, r.advice_vi, out);
  out->append(",\"category\":");
  AppendString(r.category, out);
  out->append(",\"category_label\":");
  AppendBoth(r.category_label_en, r.category_label_vi, out);
  out->append(",\"classifier_probability\":");
  AppendDouble(r.classifier_probability, out);
  out->append(",\"index_version\":");
  out->append(std::to_string(scan.index_version));
  out->append(",\"indicators\":");
  AppendIndicators(r, out);
  out->append(",\"invalid_utf8\":");
  out->append(r.invalid_utf8 ? "true" : "false");
  if (scan.from_image) {
    out->append(",\"ocr_text\":");
    AppendString(scan.ocr_text, out);
    out->append(",\"ocr_timed_out\":");
    out->append(scan.ocr_timed_out ? "true" : "false");
    out->append(",\"qr\":");
    AppendQr(scan, out);
  }
  out->append(",\"reasons\":");
  AppendReasons(scan, out);
  if (scan.from_image) {
    out->append(",\"scanned_text\":");
    AppendString(scan.scanned_text, out);
  }
  out->append(",\"score\":");
  out->append(std::to_string(r.score));
  out->append(",\"truncated\":");
  out->append(r.truncated ? "true" : "false");
  out->append(",\"verdict\":");
  AppendString(scan::VerdictName(r.verdict), out);
  out->push_back('}');
}

void AppendScanBatchJson(const nlohmann::json& id, const service::MessageScan& scan,
                         std::string* out) {
  const scan::ScanResult& r = scan.result;
  out->append("{\"category\":");
  AppendString(r.category, out);
  out->append(",\"id\":");
  out->append(id.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  out->append(",\"indicators\":");
  AppendIndicators(r, out);
  out->append(",\"reasons\":");
  AppendReasons(scan, out);
  out->append(",\"score\":");
  out->append(std::to_string(r.score));
  out->append(",\"verdict\":");
  AppendString(scan::VerdictName(r.verdict), out);
  out->push_back('}');
}

json ScanJson(const service::MessageScan& scan) {
  const scan::ScanResult& r = scan.result;
  json reasons = json::array();
  for (const scan::Reason& reason : r.reasons) {
    reasons.push_back(
        {{"rule", reason.rule},
         {"category", reason.category},
         {"weight", reason.weight},
         {"span", {reason.begin, reason.end}},
         {"excerpt", Excerpt(scan.scanned_text, reason.begin, reason.end)},
         {"explanation", {{"vi", reason.explanation_vi}, {"en", reason.explanation_en}}}});
  }
  json indicators = json::array();
  for (const scan::ScannedIndicator& found : r.indicators)
    indicators.push_back(IndicatorJson(found));
  json out = {{"score", r.score},
              {"verdict", scan::VerdictName(r.verdict)},
              {"category", r.category},
              {"category_label", {{"vi", r.category_label_vi}, {"en", r.category_label_en}}},
              {"advice", {{"vi", r.advice_vi}, {"en", r.advice_en}}},
              {"reasons", std::move(reasons)},
              {"indicators", std::move(indicators)},
              {"classifier_probability", r.classifier_probability},
              {"invalid_utf8", r.invalid_utf8},
              {"truncated", r.truncated},
              {"index_version", scan.index_version}};
  if (scan.from_image) {
    json qr = json::array();
    for (const service::QrFinding& q : scan.qr) {
      qr.push_back({{"payload", Valid(q.payload)},
                    {"vietqr", q.vietqr ? VietQrJson(*q.vietqr) : json(nullptr)}});
    }
    out["ocr_text"] = Valid(scan.ocr_text);
    out["ocr_timed_out"] = scan.ocr_timed_out;
    out["scanned_text"] = Valid(scan.scanned_text);
    out["qr"] = std::move(qr);
  }
  return out;
}

}  // namespace binhyen::api
