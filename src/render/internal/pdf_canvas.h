#pragma once

// A thin layer over one libharu document: A4 portrait pages with the margins of Decree
// 30/2020/NĐ-CP, four embedded TrueType faces in UTF-8, text measured with the fonts' real
// widths, word wrap that never drops text (a word wider than the line is broken between
// characters), and a cursor `y` that flows down the pages. Page numbers are written at the top
// centre of every page from the second. libharu errors are recorded by an error handler (no
// longjmp, no exception) and reported by status().
// Confine to one thread. Coordinates are PDF points, y upwards.

#include <hpdf.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace binhyen::render::internal {

enum class Face { kRegular = 0, kBold = 1, kItalic = 2, kBoldItalic = 3 };

struct TextStyle {
  Face face = Face::kRegular;
  double size = 13;
  double leading() const { return size * 1.25; }
};

enum class Align { kLeft, kCenter, kRight, kJustify };

// A wrapped line: its words, and whether it ends a paragraph (not stretched when justified).
struct TextLine {
  std::vector<std::string> words;
  bool last = false;
  std::string Joined() const;
};

// Paths of the TrueType files of the four faces (italic ones may repeat upright ones).
struct FontFiles {
  std::string regular, bold, italic, bold_italic;
};

class PdfCanvas {
 public:
  // A new document with its first page. FailedPrecondition when a font cannot be loaded.
  static base::Result<std::unique_ptr<PdfCanvas>> Create(const FontFiles& fonts);
  ~PdfCanvas();
  PdfCanvas(const PdfCanvas&) = delete;
  PdfCanvas& operator=(const PdfCanvas&) = delete;

  // The text area of a page.
  double left() const;
  double right() const;
  double width() const { return right() - left(); }
  double top() const;
  double bottom() const;

  double y() const { return y_; }
  void MoveDown(double height) { y_ -= height; }
  // Starts a new page when less than `height` is left under the cursor (and the page is not
  // fresh: a block taller than a page starts at the top and flows on).
  void EnsureRoom(double height);
  void NewPage();
  bool AtPageTop() const { return y_ >= top() - 0.01; }
  int page_count() const { return page_count_; }

  double TextWidth(std::string_view text, TextStyle style);
  // `text` (any UTF-8; cleaned here) in lines of at most `width`, the first `first_indent`
  // narrower; '\n' starts a new paragraph line. Never empty: "" gives one empty line.
  std::vector<TextLine> Wrap(std::string_view text, TextStyle style, double width,
                             double first_indent = 0);

  // Draws one line of text (no wrapping) with its baseline at `baseline`.
  void Text(double x, double baseline, std::string_view text, TextStyle style);
  // Text turned by `degrees` counter-clockwise around its start point.
  void RotatedText(double x, double baseline, std::string_view text, TextStyle style,
                   double degrees);
  // A wrapped line placed in [x, x + width) by `align` (kJustify stretches unless line.last).
  void Line(const TextLine& line, double x, double width, double baseline, TextStyle style,
            Align align);

  // Flowing text at the cursor: wrapped in [x, x + width), page breaks between lines.
  void Flow(std::string_view text, TextStyle style, Align align, double x, double width,
            double first_indent = 0);

  // A straight line; `gray` 0 (black) .. 1 (white).
  void Rule(double x1, double y1, double x2, double y2, double line_width = 0.6, double gray = 0);
  // A rectangle with its lower-left corner at (x, y); fill in RGB 0..1 when `fill` is set.
  void Box(double x, double y, double w, double h, bool stroke, const double* fill = nullptr);

  // The first libharu error, or Ok.
  base::Status status() const;
  // The finished PDF. The canvas is spent afterwards.
  base::Result<std::string> Save();

  // Public so the C callback can reach it; not part of the interface.
  struct ErrorState {
    HPDF_STATUS code = HPDF_OK;
    HPDF_STATUS detail = 0;
  };

 private:
  PdfCanvas() = default;
  base::Status LoadFonts(const FontFiles& files);
  // Adds the nested components of composite glyphs to the embedded subsets (hpdf_fixes.h).
  base::Status CompleteFontSubsets();
  HPDF_Font font(Face face) const { return fonts_[static_cast<int>(face)]; }
  void WrapParagraph(std::string_view text, TextStyle style, double width, double indent,
                     std::vector<TextLine>* lines);
  std::vector<std::string> BreakWord(std::string_view word, TextStyle style, double width);

  ErrorState error_;
  HPDF_Doc doc_ = nullptr;
  HPDF_Page page_ = nullptr;
  HPDF_Font fonts_[4] = {};
  std::string font_paths_[4];  // per distinct font; empty where a face reuses an earlier font
  int page_count_ = 0;
  double y_ = 0;
};

}  // namespace binhyen::render::internal
