#include "render/pdf_report.h"

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>

#include "render/internal/pdf_canvas.h"
#include "render/internal/pdf_table.h"
#include "render/internal/report_text.h"

namespace binhyen::render {
namespace {

using internal::Align;
using internal::Face;
using internal::PdfCanvas;
using internal::TextStyle;

constexpr const char* kDejaVuDir = "/usr/share/fonts/truetype/dejavu/";
constexpr double kMm = 72.0 / 25.4;
constexpr TextStyle kBody{Face::kRegular, 13};
constexpr TextStyle kBodyBold{Face::kBold, 13};
constexpr TextStyle kBodyItalic{Face::kItalic, 13};
constexpr TextStyle kTitle{Face::kBold, 14};
constexpr TextStyle kAgency{Face::kRegular, 12};  // the issuing bodies, top left (12-13 pt)
constexpr TextStyle kAgencyBold{Face::kBold, 12};
constexpr TextStyle kRecipientsLabel{Face::kBoldItalic, 12};
constexpr TextStyle kRecipients{Face::kRegular, 11};
constexpr double kIndent = 10 * kMm;     // first-line indent of body paragraphs
constexpr double kParagraphGap = 6;      // points after a paragraph
constexpr double kHeadingLeft = 0.40;    // share of the text width of the left heading column
constexpr double kSignatureLeft = 0.45;  // share of the "Nơi nhận" column
constexpr double kSignatureRoom = 70;    // points left for the handwritten signature and seal

// Draws `text` wrapped and centred in [x, x + width) from `top` down, off the cursor (the
// heading columns sit side by side). Returns the y under the last line; `widest` gets the
// widest line's width.
double Centred(PdfCanvas& canvas, std::string_view text, TextStyle style, double x, double width,
               double top, double* widest = nullptr) {
  if (text.empty()) return top;
  double y = top;
  for (const internal::TextLine& line : canvas.Wrap(text, style, width)) {
    y -= style.leading();
    canvas.Line(line, x, width, y + style.size * 0.25, style, Align::kCenter);
    if (widest) *widest = std::max(*widest, canvas.TextWidth(line.Joined(), style));
  }
  return y;
}

// A rule of `length` centred in [x, x + width), just under `y`.
void CentredRule(PdfCanvas& canvas, double x, double width, double y, double length) {
  const double centre = x + width / 2;
  canvas.Rule(centre - length / 2, y, centre + length / 2, y, 0.6);
}

// The motto in the largest size (<= 13 pt) that keeps "CỘNG HÒA ..." on one line.
TextStyle MottoStyle(PdfCanvas& canvas, double width) {
  TextStyle style = kBodyBold;
  const double natural = canvas.TextWidth(internal::kMottoCountry, style);
  if (natural > width) style.size = std::max(8.0, style.size * width / natural);
  return style;
}

void DrawHeading(PdfCanvas& canvas, const AdminHeading& h) {
  const double top = canvas.y();
  const double lx = canvas.left(), lw = canvas.width() * kHeadingLeft;
  const double rx = lx + lw, rw = canvas.width() - lw;
  double widest = 0;
  double left = Centred(canvas, h.superior_body, kAgency, lx, lw, top);
  left = Centred(canvas, h.issuing_body, kAgencyBold, lx, lw, left, &widest);
  if (widest > 0) CentredRule(canvas, lx, lw, left - 5, std::max(widest * 0.4, 12 * kMm));
  const TextStyle motto = MottoStyle(canvas, rw - 2);
  double right = Centred(canvas, internal::kMottoCountry, motto, rx, rw, top);
  double values_width = 0;
  right = Centred(canvas, internal::kMottoValues, motto, rx, rw, right, &values_width);
  CentredRule(canvas, rx, rw, right - 4, values_width);
  const double line = std::min(left, right) - 12;
  left = Centred(canvas, h.number, kBody, lx, lw, line);
  right = Centred(canvas, h.place_and_date, kBodyItalic, rx, rw, line);
  canvas.MoveDown(top - std::min(left, right));
}

void DrawTitle(PdfCanvas& canvas, const AdminHeading& h) {
  canvas.MoveDown(20);
  const double inset = canvas.width() * 0.075;
  canvas.Flow(h.kind, kTitle, Align::kCenter, canvas.left(), canvas.width());
  canvas.Flow(h.title, kTitle, Align::kCenter, canvas.left() + inset, canvas.width() - 2 * inset);
  canvas.Flow(h.period, kBodyItalic, Align::kCenter, canvas.left(), canvas.width());
  CentredRule(canvas, canvas.left(), canvas.width(), canvas.y() - 7, canvas.width() / 4);
  canvas.MoveDown(20);
}

void DrawParagraphs(PdfCanvas& canvas, const std::vector<std::string>& paragraphs) {
  for (const std::string& paragraph : paragraphs) {
    canvas.Flow(paragraph, kBody, Align::kJustify, canvas.left(), canvas.width(), kIndent);
    canvas.MoveDown(kParagraphGap);
  }
}

void DrawSection(PdfCanvas& canvas, const Section& section) {
  const size_t heading_lines = canvas.Wrap(section.heading, kBodyBold, canvas.width()).size();
  // Keeps the heading with the first lines that follow it.
  canvas.EnsureRoom(static_cast<double>(heading_lines + 3) * kBody.leading() + 6);
  canvas.MoveDown(6);
  canvas.Flow(section.heading, kBodyBold, Align::kLeft, canvas.left(), canvas.width());
  canvas.MoveDown(4);
  DrawParagraphs(canvas, section.paragraphs);
  for (const Table& table : section.tables) internal::DrawTable(canvas, table);
  for (const BarChart& chart : section.charts) {
    internal::DrawBarChart(canvas, chart, section.tables[chart.table]);
    canvas.MoveDown(12);
  }
}

// The right column of the signature block, drawn from `top`; returns the y under it.
double DrawSigner(PdfCanvas& canvas, const Signature& signature, double top) {
  const double x = canvas.left() + canvas.width() * kSignatureLeft;
  const double w = canvas.width() * (1 - kSignatureLeft);
  double y = Centred(canvas, signature.authority, kBodyBold, x, w, top);
  y = Centred(canvas, signature.position, kBodyBold, x, w, y);
  return Centred(canvas, signature.name, kBodyBold, x, w, y - kSignatureRoom);
}

void DrawSignature(PdfCanvas& canvas, const Signature& signature) {
  const double w = canvas.width() * (1 - kSignatureLeft);
  const double signer = static_cast<double>(canvas.Wrap(signature.authority, kBodyBold, w).size() +
                                            canvas.Wrap(signature.position, kBodyBold, w).size() +
                                            canvas.Wrap(signature.name, kBodyBold, w).size()) *
                            kBodyBold.leading() +
                        kSignatureRoom;
  const double recipients =
      kRecipientsLabel.leading() +
      static_cast<double>(std::min<size_t>(signature.recipients.size(), 8)) * kRecipients.leading();
  canvas.MoveDown(12);
  canvas.EnsureRoom(std::max(signer, recipients));
  const double top = canvas.y();
  const int page = canvas.page_count();
  const double signer_bottom = DrawSigner(canvas, signature, top);
  const double lw = canvas.width() * kSignatureLeft - 6;
  canvas.Flow(internal::kRecipientsLabel, kRecipientsLabel, Align::kLeft, canvas.left(), lw);
  for (const std::string& recipient : signature.recipients) {
    canvas.Flow(recipient, kRecipients, Align::kLeft, canvas.left(), lw);
  }
  if (canvas.page_count() == page && signer_bottom < canvas.y()) {
    canvas.MoveDown(canvas.y() - signer_bottom);
  }
}

}  // namespace

base::Result<PdfFonts> DefaultPdfFonts() {
  const std::string dir = kDejaVuDir;
  PdfFonts fonts{dir + "DejaVuSerif.ttf", dir + "DejaVuSerif-Bold.ttf",
                 dir + "DejaVuSerif-Italic.ttf", dir + "DejaVuSerif-BoldItalic.ttf"};
  std::error_code ignored;
  for (const std::string* path : {&fonts.regular, &fonts.bold}) {
    if (!std::filesystem::is_regular_file(*path, ignored)) {
      return base::FailedPreconditionError("pdf: font " + *path +
                                           " is missing (Debian package fonts-dejavu-core)");
    }
  }
  // The italic faces are in fonts-dejavu-extra; without it, italic text is set upright.
  if (!std::filesystem::is_regular_file(fonts.italic, ignored)) fonts.italic = fonts.regular;
  if (!std::filesystem::is_regular_file(fonts.bold_italic, ignored)) {
    fonts.bold_italic = fonts.bold;
  }
  return fonts;
}

base::Result<std::string> RenderPdf(const ReportDocument& document, const PdfFonts& fonts) {
  BINHYEN_RETURN_IF_ERROR(Validate(document));
  BINHYEN_ASSIGN_OR_RETURN(
      std::unique_ptr<PdfCanvas> canvas,
      PdfCanvas::Create({fonts.regular, fonts.bold, fonts.italic, fonts.bold_italic}));
  DrawHeading(*canvas, document.heading);
  DrawTitle(*canvas, document.heading);
  DrawParagraphs(*canvas, document.summary);
  BINHYEN_RETURN_IF_ERROR(canvas->status());
  for (size_t s = 0; s < document.sections.size(); ++s) {
    DrawSection(*canvas, document.sections[s]);
    BINHYEN_RETURN_IF_ERROR(canvas->status().WithContext("sections[" + std::to_string(s) + "]"));
  }
  DrawSignature(*canvas, document.signature);
  return canvas->Save();
}

}  // namespace binhyen::render
