#include "api/scan_json.h"

#include <string>

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

}  // namespace

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
