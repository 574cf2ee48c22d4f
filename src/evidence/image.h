#pragma once

// Decoding of uploaded images (screenshots, photos) with leptonica, under size limits checked
// before any pixel is decoded, and the preprocessing that OCR and QR decoding need.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "base/result.h"

struct Pix;  // leptonica's image (allheaders.h); only this module's adapters look inside

namespace binhyen::evidence {

// Limits on an uploaded image. Over either → PayloadTooLarge (HTTP 413).
struct ImageLimits {
  size_t max_bytes = 10 << 20;       // encoded size
  uint64_t max_pixels = 40'000'000;  // width × height (for a GIF: every frame's area summed)
};

enum class ImageFormat { kPng, kJpeg, kWebp, kGif, kBmp, kTiff };

// "png", "jpeg", "webp", "gif", "bmp", "tiff".
std::string_view ImageFormatName(ImageFormat format);

// What an image's header says.
struct ImageInfo {
  ImageFormat format = ImageFormat::kPng;
  int width = 0;
  int height = 0;
};

// Reads the format and dimensions from the header only (nothing is decoded) and checks the
// limits. The format is recognised from the content (evidence/sniff.h), never from a name.
// Errors: PayloadTooLarge "image is N bytes, the limit is M" / "image is WxH = N pixels, the
// limit is M"; InvalidArgument "not an image", "unsupported image format heic", or an
// unreadable header. Thread-safe.
base::Result<ImageInfo> ReadImageInfo(std::string_view bytes, const ImageLimits& limits);

// A decoded image. Move-only; owns its leptonica Pix.
// Thread safety: const methods only read; share a const Image between threads freely.
class Image {
 public:
  // Checks the header with ReadImageInfo, then decodes (PNG, JPEG, WebP, GIF: first frame, BMP,
  // TIFF: first page). Errors: those of ReadImageInfo; InvalidArgument "cannot decode the png
  // image" when the data is corrupt past the header.
  static base::Result<Image> Decode(std::string_view bytes, const ImageLimits& limits);

  // Takes ownership of `pix`. REQUIRES: pix != nullptr.
  explicit Image(Pix* pix);
  Image(Image&&) noexcept = default;
  Image& operator=(Image&&) noexcept = default;
  ~Image() = default;

  int width() const;
  int height() const;
  int depth() const;  // bits per pixel: 1, 2, 4, 8, 16 or 32

  // The leptonica image, for the OCR and QR adapters of this module. Not to be modified.
  Pix* pix() const { return pix_.get(); }

 private:
  struct PixDeleter {
    void operator()(Pix* pix) const;
  };
  std::unique_ptr<Pix, PixDeleter> pix_;
};

// An 8-bit grayscale copy: transparency composed over white, colour maps removed, colour turned
// into luminance. Errors: Internal when leptonica fails (out of memory).
base::Result<Image> ToGray(const Image& image);

// What PreprocessForOcr did, for logs and tests.
struct OcrPreprocessing {
  double mean_luminance = 0;  // 0 (black) to 255 (white), of the grayscale image
  bool dark_mode = false;     // mean luminance under 100: light text on a dark background
  double scale = 1;           // upscaling factor applied (1 = none)
};

// Prepares a screenshot for tesseract, which reads dark text on a white background best, with
// letters at least ~20 pixels high:
//  1. grayscale (ToGray);
//  2. images narrower than 1000 pixels upscaled (linear interpolation, up to 3x, at most 16
//     megapixels after scaling): chat screenshots and thumbnails carry small text;
//  3. local contrast: each pixel becomes its distance from the mean of a 41x41 neighbourhood,
//     stretched to the full range and inverted. Every stroke turns dark on white whatever the
//     colour behind it, so dark mode (light text on dark), light mode and the mix in chat apps
//     (white text on blue bubbles next to black text on grey ones) all come out the same. A
//     global inversion of dark-mode images (the mean luminance is measured and reported) would
//     fix only the first case; one global threshold loses the bubbles of the other polarity.
// Binarising is left to tesseract. Sets *report when not null. Errors: Internal when leptonica
// fails (out of memory).
base::Result<Image> PreprocessForOcr(const Image& image, OcrPreprocessing* report = nullptr);

// Leptonica prints to stderr: notes such as "Info in pixReadMemPng: converting (cmap + alpha)
// ==> RGBA" for ordinary QR-code PNGs, and an error for every corrupt upload. This sets its
// process-wide message level (false = none; true = leptonica's default). For the composition
// root, once at start-up; the messages carry nothing our errors do not already say.
void SetImageDecoderMessages(bool enabled);

}  // namespace binhyen::evidence
