#include "render/internal/pdf_canvas.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <numbers>
#include <sstream>
#include <string>

#include "render/internal/hpdf_fixes.h"
#include "render/internal/report_text.h"
#include "text/utf8.h"

namespace binhyen::render::internal {
namespace {

constexpr double kMm = 72.0 / 25.4;
constexpr double kPageWidth = 210 * kMm;  // A4 portrait
constexpr double kPageHeight = 297 * kMm;
constexpr double kMarginLeft = 30 * kMm;   // Decree 30/2020: left 30-35 mm
constexpr double kMarginRight = 20 * kMm;  // right 15-20 mm
constexpr double kMarginTop = 20 * kMm;    // top and bottom 20-25 mm
constexpr double kMarginBottom = 20 * kMm;
constexpr double kPageNumberSize = 13;

// Records the first libharu error. Called by libharu instead of returning through longjmp or
// exceptions; libharu functions then return the error code and the renderer checks status().
void OnHpdfError(HPDF_STATUS code, HPDF_STATUS detail, void* user_data) {
  auto* state = static_cast<PdfCanvas::ErrorState*>(user_data);
  if (state->code == HPDF_OK) {
    state->code = code;
    state->detail = detail;
  }
}

std::string HexCode(HPDF_STATUS code) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "0x%04X", static_cast<unsigned>(code));
  return buffer;
}

// Splits on spaces; empty words (runs of spaces) are dropped.
std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> words;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) words.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

}  // namespace

std::string TextLine::Joined() const {
  std::string out;
  for (const std::string& word : words) {
    if (!out.empty()) out.push_back(' ');
    out += word;
  }
  return out;
}

base::Result<std::unique_ptr<PdfCanvas>> PdfCanvas::Create(const FontFiles& fonts) {
  std::unique_ptr<PdfCanvas> canvas(new PdfCanvas());
  canvas->doc_ = HPDF_New(OnHpdfError, &canvas->error_);
  if (!canvas->doc_) return base::InternalError("pdf: libharu could not create a document");
  HPDF_SetCompressionMode(canvas->doc_, HPDF_COMP_ALL);
  HPDF_UseUTFEncodings(canvas->doc_);
  HPDF_SetInfoAttr(canvas->doc_, HPDF_INFO_PRODUCER, "Binh Yen");
  BINHYEN_RETURN_IF_ERROR(canvas->LoadFonts(fonts));
  canvas->NewPage();
  BINHYEN_RETURN_IF_ERROR(canvas->status());
  return canvas;
}

PdfCanvas::~PdfCanvas() {
  if (doc_) HPDF_Free(doc_);
}

base::Status PdfCanvas::LoadFonts(const FontFiles& files) {
  const std::string* paths[4] = {&files.regular, &files.bold, &files.italic, &files.bold_italic};
  for (int i = 0; i < 4; ++i) {
    for (int j = 0; j < i; ++j) {
      if (*paths[j] == *paths[i]) fonts_[i] = fonts_[j];  // libharu refuses a second load
    }
    if (fonts_[i]) continue;
    font_paths_[i] = *paths[i];
    std::error_code ignored;
    if (!std::filesystem::is_regular_file(*paths[i], ignored)) {
      return base::FailedPreconditionError("pdf: font file " + *paths[i] + " does not exist");
    }
    const char* name = HPDF_LoadTTFontFromFile(doc_, paths[i]->c_str(), HPDF_TRUE);
    if (name) fonts_[i] = HPDF_GetFont(doc_, name, "UTF-8");
    if (!fonts_[i] || ReplaceToUnicode(doc_, fonts_[i]) != HPDF_OK) {
      return base::FailedPreconditionError("pdf: cannot load the TrueType font " + *paths[i] +
                                           " (libharu error " + HexCode(error_.code) + ")");
    }
  }
  return base::Status::Ok();
}

double PdfCanvas::left() const { return kMarginLeft; }
double PdfCanvas::right() const { return kPageWidth - kMarginRight; }
double PdfCanvas::top() const { return kPageHeight - kMarginTop; }
double PdfCanvas::bottom() const { return kMarginBottom; }

void PdfCanvas::NewPage() {
  page_ = HPDF_AddPage(doc_);
  HPDF_Page_SetWidth(page_, static_cast<HPDF_REAL>(kPageWidth));
  HPDF_Page_SetHeight(page_, static_cast<HPDF_REAL>(kPageHeight));
  ++page_count_;
  y_ = top();
  if (page_count_ >= 2) {  // Decree 30/2020: page numbers at the top centre from page 2
    const std::string number = std::to_string(page_count_);
    const TextStyle style{Face::kRegular, kPageNumberSize};
    Text(kPageWidth / 2 - TextWidth(number, style) / 2, kPageHeight - 12 * kMm, number, style);
  }
}

void PdfCanvas::EnsureRoom(double height) {
  if (y_ - height < bottom() && !AtPageTop()) NewPage();
}

double PdfCanvas::TextWidth(std::string_view text, TextStyle style) {
  if (text.empty()) return 0;
  const std::string s(text);
  const HPDF_TextWidth tw =
      HPDF_Font_TextWidth(font(style.face), reinterpret_cast<const HPDF_BYTE*>(s.data()),
                          static_cast<HPDF_UINT>(s.size()));
  return tw.width * style.size / 1000.0;
}

std::vector<std::string> PdfCanvas::BreakWord(std::string_view word, TextStyle style,
                                              double width) {
  std::vector<std::string> pieces(1);
  double used = 0;
  for (size_t pos = 0; pos < word.size();) {
    const size_t start = pos;
    text::DecodeUtf8(word, &pos);
    const std::string_view ch = word.substr(start, pos - start);
    const double w = TextWidth(ch, style);
    if (used + w > width && !pieces.back().empty()) {
      pieces.emplace_back();
      used = 0;
    }
    pieces.back() += ch;
    used += w;
  }
  return pieces;
}

void PdfCanvas::WrapParagraph(std::string_view text, TextStyle style, double width, double indent,
                              std::vector<TextLine>* lines) {
  const double space = TextWidth(" ", style);
  TextLine line;
  double used = 0, limit = width - indent;
  auto push = [&] {
    lines->push_back(std::move(line));
    line = TextLine();
    used = 0;
    limit = width;
  };
  for (const std::string& word : Words(text)) {
    std::vector<std::string> pieces = {word};
    if (TextWidth(word, style) > width) pieces = BreakWord(word, style, width);
    for (std::string& piece : pieces) {
      const double w = TextWidth(piece, style);
      const double needed = line.words.empty() ? w : used + space + w;
      if (needed > limit && !line.words.empty()) push();
      used = line.words.empty() ? w : used + space + w;
      line.words.push_back(std::move(piece));
    }
  }
  line.last = true;
  lines->push_back(std::move(line));
}

std::vector<TextLine> PdfCanvas::Wrap(std::string_view raw, TextStyle style, double width,
                                      double first_indent) {
  const std::string text = CleanText(raw, /*single_line=*/false, /*bmp_only=*/true);
  std::vector<TextLine> lines;
  size_t start = 0;
  while (true) {
    const size_t nl = text.find('\n', start);
    const std::string_view part =
        std::string_view(text).substr(start, nl == std::string::npos ? nl : nl - start);
    WrapParagraph(part, style, std::max(width, 1.0), lines.empty() ? first_indent : 0, &lines);
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return lines;
}

void PdfCanvas::Text(double x, double baseline, std::string_view text, TextStyle style) {
  RotatedText(x, baseline, text, style, 0);
}

void PdfCanvas::RotatedText(double x, double baseline, std::string_view text, TextStyle style,
                            double degrees) {
  if (text.empty()) return;
  const std::string s = CleanText(text, /*single_line=*/true, /*bmp_only=*/true);
  const double radians = degrees * std::numbers::pi / 180;
  const auto c = static_cast<HPDF_REAL>(std::cos(radians));
  const auto sn = static_cast<HPDF_REAL>(std::sin(radians));
  HPDF_Page_BeginText(page_);
  HPDF_Page_SetFontAndSize(page_, font(style.face), static_cast<HPDF_REAL>(style.size));
  HPDF_Page_SetTextMatrix(page_, c, sn, -sn, c, static_cast<HPDF_REAL>(x),
                          static_cast<HPDF_REAL>(baseline));
  HPDF_Page_ShowText(page_, s.c_str());
  HPDF_Page_EndText(page_);
}

void PdfCanvas::Line(const TextLine& line, double x, double width, double baseline, TextStyle style,
                     Align align) {
  if (align == Align::kJustify && !line.last && line.words.size() > 1) {
    double words_width = 0;
    for (const std::string& word : line.words) words_width += TextWidth(word, style);
    const double gap = (width - words_width) / static_cast<double>(line.words.size() - 1);
    for (const std::string& word : line.words) {
      Text(x, baseline, word, style);
      x += TextWidth(word, style) + gap;
    }
    return;
  }
  const std::string joined = line.Joined();
  const double w = TextWidth(joined, style);
  if (align == Align::kCenter) x += (width - w) / 2;
  if (align == Align::kRight) x += width - w;
  Text(x, baseline, joined, style);
}

void PdfCanvas::Flow(std::string_view text, TextStyle style, Align align, double x, double width,
                     double first_indent) {
  const std::vector<TextLine> lines = Wrap(text, style, width, first_indent);
  for (size_t i = 0; i < lines.size(); ++i) {
    EnsureRoom(style.leading());
    y_ -= style.leading();
    const double indent = i == 0 ? first_indent : 0;
    Line(lines[i], x + indent, width - indent, y_ + style.size * 0.25, style, align);
  }
}

void PdfCanvas::Rule(double x1, double y1, double x2, double y2, double line_width, double gray) {
  HPDF_Page_SetLineWidth(page_, static_cast<HPDF_REAL>(line_width));
  HPDF_Page_SetGrayStroke(page_, static_cast<HPDF_REAL>(gray));
  HPDF_Page_MoveTo(page_, static_cast<HPDF_REAL>(x1), static_cast<HPDF_REAL>(y1));
  HPDF_Page_LineTo(page_, static_cast<HPDF_REAL>(x2), static_cast<HPDF_REAL>(y2));
  HPDF_Page_Stroke(page_);
  HPDF_Page_SetGrayStroke(page_, 0);
}

void PdfCanvas::Box(double x, double y, double w, double h, bool stroke, const double* fill) {
  HPDF_Page_SetLineWidth(page_, 0.5);
  if (fill) {
    HPDF_Page_SetRGBFill(page_, static_cast<HPDF_REAL>(fill[0]), static_cast<HPDF_REAL>(fill[1]),
                         static_cast<HPDF_REAL>(fill[2]));
  }
  HPDF_Page_Rectangle(page_, static_cast<HPDF_REAL>(x), static_cast<HPDF_REAL>(y),
                      static_cast<HPDF_REAL>(w), static_cast<HPDF_REAL>(h));
  if (fill && stroke) {
    HPDF_Page_FillStroke(page_);
  } else if (fill) {
    HPDF_Page_Fill(page_);
  } else {
    HPDF_Page_Stroke(page_);
  }
  if (fill) HPDF_Page_SetRGBFill(page_, 0, 0, 0);
}

base::Status PdfCanvas::status() const {
  if (error_.code == HPDF_OK) return base::Status::Ok();
  return base::InternalError("pdf: libharu error " + HexCode(error_.code) + " (detail " +
                             std::to_string(error_.detail) + ")");
}

base::Status PdfCanvas::CompleteFontSubsets() {
  for (int i = 0; i < 4; ++i) {
    if (font_paths_[i].empty()) continue;  // the same font as an earlier face
    std::ifstream in(font_paths_[i], std::ios::binary);
    std::stringstream ttf;
    ttf << in.rdbuf();
    if (!in || !IncludeComponents(fonts_[i], ttf.str())) {
      return base::FailedPreconditionError("pdf: cannot read the glyph table of " + font_paths_[i]);
    }
  }
  return base::Status::Ok();
}

base::Result<std::string> PdfCanvas::Save() {
  BINHYEN_RETURN_IF_ERROR(status());
  BINHYEN_RETURN_IF_ERROR(CompleteFontSubsets());
  if (HPDF_SaveToStream(doc_) != HPDF_OK) return status();
  const HPDF_UINT32 size = HPDF_GetStreamSize(doc_);
  std::string bytes(size, '\0');
  HPDF_UINT32 read = size;
  HPDF_ResetStream(doc_);
  const HPDF_STATUS result =
      HPDF_ReadFromStream(doc_, reinterpret_cast<HPDF_BYTE*>(bytes.data()), &read);
  // Reading exactly to the end may report HPDF_STREAM_EOF, which is not a failure.
  if ((result != HPDF_OK && result != HPDF_STREAM_EOF) || read != size) {
    return base::InternalError("pdf: cannot read the document back from libharu's stream");
  }
  return bytes;
}

}  // namespace binhyen::render::internal
