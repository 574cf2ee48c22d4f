#pragma once

// Evidence on the console's report page: the files of a report, an image's OCR text and
// decoded QR codes on demand, and the route that serves a file to the analyst.

#include <string_view>

#include "domain/report.h"
#include "http/router.h"
#include "web/internal/web_impl.h"

namespace binhyen::web::internal {

// The evidence files of `report` for the page (href, name, type, size, is_image). For the image
// whose sha256 is `ocr_sha256` (the analyst pressed "read the text"), also its OCR text and QR
// codes read now (seconds of work: only on demand), or why they could not be read (the OCR
// models not installed, no evidence store, an unreadable image).
Data EvidenceItems(Shared& shared, const PageContext& context, const domain::Report& report,
                   std::string_view ocr_sha256);

// GET /quan-tri/bao-cao/{id}/bang-chung/{sha256}: the file, only when it belongs to report `id`
// (404 otherwise), with its sniffed type, inline, sandboxed by its own CSP, never sniffed by
// the browser and never cached.
void RegisterConsoleEvidence(http::Router& router, Shared& shared);

}  // namespace binhyen::web::internal
