#include "evidence/qr.h"

#include <leptonica/allheaders.h>
#include <zbar.h>

#include <algorithm>
#include <memory>
#include <string>
#include <utility>

#include "text/utf8.h"

namespace binhyen::evidence {
namespace {

// Images narrower than this get a second, upscaled attempt when nothing was found.
constexpr int kSmallImageWidth = 600;

struct ScannerDeleter {
  void operator()(zbar::zbar_image_scanner_t* s) const { zbar::zbar_image_scanner_destroy(s); }
};
struct ZbarImageDeleter {
  void operator()(zbar::zbar_image_t* i) const { zbar::zbar_image_destroy(i); }
};

// The rows of an 8-bit Pix, packed without padding (zbar's Y800 layout).
std::vector<unsigned char> PackRows(Pix* gray) {
  int w = pixGetWidth(gray);
  int h = pixGetHeight(gray);
  int wpl = pixGetWpl(gray);
  l_uint32* data = pixGetData(gray);
  std::vector<unsigned char> out(static_cast<size_t>(w) * static_cast<size_t>(h));
  for (int y = 0; y < h; ++y) {
    l_uint32* line = data + static_cast<ptrdiff_t>(y) * wpl;
    unsigned char* row = out.data() + static_cast<size_t>(y) * static_cast<size_t>(w);
    for (int x = 0; x < w; ++x) row[x] = static_cast<unsigned char>(GET_DATA_BYTE(line, x));
  }
  return out;
}

// Scans one 8-bit image; appends new payloads to *out.
base::Status Scan(Pix* gray, std::vector<std::string>* out) {
  std::unique_ptr<zbar::zbar_image_scanner_t, ScannerDeleter> scanner(
      zbar::zbar_image_scanner_create());
  std::unique_ptr<zbar::zbar_image_t, ZbarImageDeleter> image(zbar::zbar_image_create());
  if (!scanner || !image) return base::InternalError("zbar: out of memory");
  zbar::zbar_image_scanner_set_config(scanner.get(), zbar::ZBAR_NONE, zbar::ZBAR_CFG_ENABLE, 0);
  zbar::zbar_image_scanner_set_config(scanner.get(), zbar::ZBAR_QRCODE, zbar::ZBAR_CFG_ENABLE, 1);
  zbar::zbar_image_scanner_set_config(scanner.get(), zbar::ZBAR_QRCODE, zbar::ZBAR_CFG_BINARY, 1);
  zbar::zbar_image_scanner_set_config(scanner.get(), zbar::ZBAR_NONE, zbar::ZBAR_CFG_TEST_INVERTED,
                                      1);
  std::vector<unsigned char> rows = PackRows(gray);
  zbar::zbar_image_set_format(image.get(), zbar_fourcc('Y', '8', '0', '0'));
  zbar::zbar_image_set_size(image.get(), static_cast<unsigned>(pixGetWidth(gray)),
                            static_cast<unsigned>(pixGetHeight(gray)));
  zbar::zbar_image_set_data(image.get(), rows.data(), rows.size(),
                            nullptr);  // zbar does not own it
  if (zbar::zbar_scan_image(scanner.get(), image.get()) < 0) {
    return base::InternalError("zbar failed to scan the image");
  }
  for (const zbar::zbar_symbol_t* s = zbar::zbar_image_first_symbol(image.get()); s != nullptr;
       s = zbar::zbar_symbol_next(s)) {
    if (zbar::zbar_symbol_get_type(s) != zbar::ZBAR_QRCODE) continue;
    std::string_view raw(zbar::zbar_symbol_get_data(s), zbar::zbar_symbol_get_data_length(s));
    std::string payload = text::SanitizeUtf8(raw).text;
    if (std::find(out->begin(), out->end(), payload) == out->end()) {
      out->push_back(std::move(payload));
    }
  }
  return base::Status::Ok();
}

}  // namespace

base::Result<std::vector<std::string>> DecodeQrCodes(const Image& image) {
  BINHYEN_ASSIGN_OR_RETURN(Image gray, ToGray(image));
  std::vector<std::string> found;
  BINHYEN_RETURN_IF_ERROR(Scan(gray.pix(), &found));
  if (found.empty() && gray.width() < kSmallImageWidth) {
    Pix* big = pixScaleGrayLI(gray.pix(), 2, 2);
    if (big == nullptr) return base::InternalError("leptonica failed to scale the image");
    Image big_image(big);
    BINHYEN_RETURN_IF_ERROR(Scan(big_image.pix(), &found));
  }
  return found;
}

base::Result<std::vector<std::string>> DecodeQrCodes(std::string_view image_bytes,
                                                     const ImageLimits& limits) {
  BINHYEN_ASSIGN_OR_RETURN(Image image, Image::Decode(image_bytes, limits));
  return DecodeQrCodes(image);
}

}  // namespace binhyen::evidence
