#pragma once

#include <string>

#include "base/result.h"
#include "render/report_document.h"

namespace binhyen::render {

// Paths of the TrueType (.ttf) files of the four faces a report uses. Italic faces may name the
// upright files (the text is then upright). Every file is embedded (subset) in the PDF.
struct PdfFonts {
  std::string regular, bold, italic, bold_italic;
};

// DejaVu Serif from /usr/share/fonts/truetype/dejavu: DejaVuSerif.ttf and DejaVuSerif-Bold.ttf
// (Debian package fonts-dejavu-core) are required; DejaVuSerif-Italic.ttf and
// DejaVuSerif-BoldItalic.ttf come from fonts-dejavu-extra and, when absent, the upright files
// stand in for them. Errors: FailedPrecondition naming the missing file and its package.
// Thread safety: thread-safe (reads the file system only).
base::Result<PdfFonts> DefaultPdfFonts();

// Renders `document` as a PDF and returns its bytes: A4 portrait with the margins of Decree
// 30/2020/NĐ-CP (left 30 mm, right 20 mm, top and bottom 20 mm), 13 pt body text.
//
// Page 1 opens with the two-column heading (left: superior body, issuing body in bold, a short
// rule, the number; right: the national motto with its rule, then the place and date in
// italic), the centred title block (kind, title, period, a short rule) and the summary
// paragraphs. Sections follow: a bold heading, justified paragraphs with a first-line indent,
// tables (see internal::DrawTable) and bar charts drawn with vector primitives
// (internal::DrawBarChart). The signature block closes the document (right: authority,
// position, room for the signature, name; left: "Nơi nhận:" and the recipients in 11 pt).
// Page numbers are printed at the top centre from page 2. Text is wrapped with the fonts' real
// widths and never dropped (long words break between characters); characters outside the
// Basic Multilingual Plane (emoji) and ill-formed UTF-8 are shown as U+FFFD. Text extraction
// (pdftotext, copy and paste) gives back the Vietnamese text: each font carries a ToUnicode map.
//
// Errors: whatever Validate(document) returns; FailedPrecondition when a font file is missing
// or not a TrueType font libharu can embed; Internal for any other libharu failure (its error
// handler's code). No exception leaves this function.
// Thread safety: thread-safe (each call owns its libharu document; no globals).
base::Result<std::string> RenderPdf(const ReportDocument& document, const PdfFonts& fonts);

}  // namespace binhyen::render
