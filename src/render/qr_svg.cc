#include "render/qr_svg.h"

#include <qrencode.h>

#include <cerrno>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <string_view>

#include "render/internal/svg_text.h"

namespace binhyen::render {
namespace {

constexpr int kQuietZone = 4;     // modules of white around the symbol (ISO/IEC 18004)
constexpr int kMaxModulePx = 64;  // a version-40 code is then 11,648 px wide: plenty

struct QrCodeFree {
  void operator()(QRcode* code) const { QRcode_free(code); }
};
using QrCodePtr = std::unique_ptr<QRcode, QrCodeFree>;

// Appends the path data of the dark modules, one "M x y h n v 1 h -n z" subpath per run of
// adjacent dark modules of a row, in module units (the viewBox scales them). Bit 0 of each
// byte of libqrencode's matrix is "dark".
void AppendDarkRuns(const QRcode& code, std::string* d) {
  const int width = code.width;
  for (int y = 0; y < width; ++y) {
    const unsigned char* row = code.data + static_cast<size_t>(y) * width;
    for (int x = 0; x < width;) {
      if ((row[x] & 1) == 0) {
        ++x;
        continue;
      }
      int run = 1;
      while (x + run < width && (row[x + run] & 1) != 0) ++run;
      // Piecewise appends: GCC 12 misreports "literal" + std::to_string() (-Wrestrict).
      d->push_back('M');
      d->append(std::to_string(x + kQuietZone));
      d->push_back(' ');
      d->append(std::to_string(y + kQuietZone));
      d->push_back('h');
      d->append(std::to_string(run));
      d->append("v1h-");
      d->append(std::to_string(run));
      d->push_back('z');
      x += run;
    }
  }
}

// The symbol of `text`: byte mode, level M, the smallest version that fits.
base::Result<QrCodePtr> Encode(std::string_view text) {
  if (text.empty()) return base::InvalidArgumentError("QR code: the text is empty");
  if (text.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
    return base::InvalidArgumentError("QR code: the text is too long");
  }
  errno = 0;
  QrCodePtr code(QRcode_encodeData(static_cast<int>(text.size()),
                                   reinterpret_cast<const unsigned char*>(text.data()),
                                   /*version=*/0, QR_ECLEVEL_M));
  if (code != nullptr) return code;
  const int err = errno;
  if (err == ERANGE || err == EINVAL) {
    return base::InvalidArgumentError("QR code: " + std::to_string(text.size()) +
                                      " bytes do not fit in a QR code at level M");
  }
  return base::InternalError(std::string("QR code: libqrencode failed: ") + std::strerror(err));
}

}  // namespace

base::Result<std::string> QrSvg(std::string_view text, std::string_view title, int module_px) {
  if (module_px < 1 || module_px > kMaxModulePx) {
    return base::InvalidArgumentError("QR code: module size must be 1.." +
                                      std::to_string(kMaxModulePx) + " px, got " +
                                      std::to_string(module_px));
  }
  BINHYEN_ASSIGN_OR_RETURN(const QrCodePtr code, Encode(text));
  const int modules = code->width + 2 * kQuietZone;
  const std::string size = std::to_string(modules);
  const std::string px = std::to_string(modules * module_px);
  const std::string escaped_title = internal::EscapeXml(title);
  std::string d;
  AppendDarkRuns(*code, &d);

  std::string svg;
  svg.reserve(d.size() + escaped_title.size() * 2 + 400);
  svg.append(R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 )" + size + " " + size +
             R"(" width=")" + px + R"(" height=")" + px + R"(" role="img" aria-label=")" +
             escaped_title + R"(" shape-rendering="crispEdges">)");
  svg.append("<title>" + escaped_title + "</title>");
  // stroke="none" is the SVG default, spelled out for ImageMagick's renderer, which otherwise
  // strokes the modules and makes the code unreadable when scaled.
  svg.append(R"(<rect width="100%" height="100%" fill="#fff" stroke="none"/>)");
  svg.append(R"(<path fill="#000" stroke="none" d=")" + d + R"("/>)");
  svg.append("</svg>");
  return svg;
}

}  // namespace binhyen::render
