#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "service/message_scans.h"

namespace binhyen::api {

// One scan's answer (POST /api/v1/scan, `binhyen scan --json`, one line of `binhyen scan
// --batch` plus its "id"):
//   {"score", "verdict": "scam|suspicious|clean", "category", "category_label": {"vi", "en"},
//    "advice": {"vi", "en"},
//    "reasons": [{"rule", "category", "weight", "span": [begin, end], "excerpt",
//                 "explanation": {"vi", "en"}}],
//    "indicators": [{"kind", "raw", "canonical", "span": [begin, end], "verdict",
//                    "categories", "matches": [{"expression", "category", "source"}]}],
//    "classifier_probability", "invalid_utf8", "truncated", "index_version"}
// and for a screenshot also "ocr_text", "ocr_timed_out", "scanned_text" (what the spans refer
// to) and "qr": [{"payload", "vietqr": {"bin", "bank", "account", "to_card", "amount", "note",
// "merchant_name"} | null}].
// Spans are byte offsets into the text scanned; "excerpt" is that text's slice (ill-formed UTF-8
// replaced), at most 200 bytes.
nlohmann::json ScanJson(const service::MessageScan& scan);

// The same answer written straight to text: the same members and values as
// ScanJson(scan).dump() (ill-formed UTF-8 replaced), without a tree; the API's and the batch's
// path, where the tree cost more than the scan.
void AppendScanJson(const service::MessageScan& scan, std::string* out);

// One line of `binhyen scan --batch`: {"category", "id", "indicators", "reasons", "score",
// "verdict"}, as AppendScanJson writes them, with `id` as given.
void AppendScanBatchJson(const nlohmann::json& id, const service::MessageScan& scan,
                         std::string* out);

}  // namespace binhyen::api
