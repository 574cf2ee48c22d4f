#pragma once

#include <string>
#include <string_view>

#include "base/result.h"

namespace binhyen::render {

// A QR code of `text` (byte mode, error correction level M, smallest version that fits) as a
// standalone SVG document: black modules on white, a quiet zone of 4 modules, `module_px`
// pixels per module, shapeRendering crispEdges, role="img" and a <title> with `title`
// (escaped). Adjacent dark modules of a row are merged into one run so the SVG stays small:
// the dark modules are one <path>, one subpath per run. The viewBox is in modules (symbol and
// quiet zone); width and height are in pixels.
// InvalidArgument when `text` is empty or too long for a QR code (over 2,331 bytes at level M),
// or when `module_px` is outside 1..64. Internal when libqrencode cannot allocate.
// Thread safety: thread-safe.
base::Result<std::string> QrSvg(std::string_view text, std::string_view title, int module_px = 4);

}  // namespace binhyen::render
