#include "evidence/image.h"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>

#include "base/check.h"
#include "evidence/sniff.h"

namespace binhyen::evidence {
namespace {

// Dark mode: a mean luminance under this is light text on a dark background (reported only:
// LocalContrast does not depend on the polarity).
constexpr float kDarkModeLuminance = 100;
// Upscaling for OCR: below this width, and never past these bounds.
constexpr int kMinOcrWidth = 1000;
constexpr double kMaxOcrScale = 3;
constexpr double kMaxOcrPixels = 16e6;
// Local contrast: half the side of the averaging window, in pixels of the (scaled) image.
constexpr int kContrastHalfWindow = 20;

const l_uint8* Bytes(std::string_view s) { return reinterpret_cast<const l_uint8*>(s.data()); }

uint32_t Le16(std::string_view s, size_t at) {
  return static_cast<uint8_t>(s[at]) |
         (static_cast<uint32_t>(static_cast<uint8_t>(s[at + 1])) << 8);
}

uint32_t Le32(std::string_view s, size_t at) { return Le16(s, at) | (Le16(s, at + 2) << 16); }

std::optional<ImageFormat> FormatOf(const MediaType& type) {
  if (type.name == "image/png") return ImageFormat::kPng;
  if (type.name == "image/jpeg") return ImageFormat::kJpeg;
  if (type.name == "image/webp") return ImageFormat::kWebp;
  if (type.name == "image/gif") return ImageFormat::kGif;
  if (type.name == "image/bmp") return ImageFormat::kBmp;
  if (type.name == "image/tiff") return ImageFormat::kTiff;
  return std::nullopt;
}

// Skips GIF data sub-blocks (size byte, data; a zero size ends them). Returns false when the
// data ends first.
bool SkipGifSubBlocks(std::string_view s, size_t* pos) {
  while (*pos < s.size()) {
    size_t n = static_cast<uint8_t>(s[*pos]);
    ++*pos;
    if (n == 0) return true;
    *pos += n;
  }
  return false;
}

// GIF: leptonica's header reader decodes the whole file, and giflib allocates every frame, so
// the blocks are walked here instead. Returns the logical screen size in *info and the sum of
// all frame areas (at least the screen's area).
uint64_t GifPixels(std::string_view s, ImageInfo* info) {
  info->width = static_cast<int>(Le16(s, 6));
  info->height = static_cast<int>(Le16(s, 8));
  uint64_t total = 0;
  size_t pos = 13;
  uint8_t packed = static_cast<uint8_t>(s[10]);
  if (packed & 0x80) pos += 3u << ((packed & 7) + 1);
  while (pos < s.size()) {
    uint8_t block = static_cast<uint8_t>(s[pos]);
    if (block == 0x21) {  // extension: label, then sub-blocks
      pos += 2;
      if (!SkipGifSubBlocks(s, &pos)) break;
    } else if (block == 0x2C) {  // image descriptor: x, y, w, h, packed
      if (pos + 10 > s.size()) break;
      total += static_cast<uint64_t>(Le16(s, pos + 5)) * Le16(s, pos + 7);
      uint8_t flags = static_cast<uint8_t>(s[pos + 9]);
      pos += 10;
      if (flags & 0x80) pos += 3u << ((flags & 7) + 1);
      pos += 1;  // LZW minimum code size
      if (!SkipGifSubBlocks(s, &pos)) break;
    } else {
      break;  // trailer (0x3B) or garbage: giflib stops here too
    }
  }
  return std::max(total, static_cast<uint64_t>(info->width) * info->height);
}

// BMP: leptonica's header reader decodes the whole file. BITMAPCOREHEADER (12 bytes) has 16-bit
// dimensions; the later headers 32-bit ones, the height negative for top-down rows.
void BmpSize(std::string_view s, ImageInfo* info) {
  if (Le32(s, 14) == 12) {
    info->width = static_cast<int>(Le16(s, 18));
    info->height = static_cast<int>(Le16(s, 20));
    return;
  }
  auto w = static_cast<int32_t>(Le32(s, 18));
  auto h = static_cast<int32_t>(Le32(s, 22));
  info->width = w;
  info->height = h == INT32_MIN ? 0 : std::abs(h);
}

// Leptonica's header readers for the formats whose headers it reads without decoding.
bool LeptonicaSize(std::string_view s, ImageInfo* info) {
  l_int32 w = 0, h = 0, bps = 0, spp = 0, cmap = 0, res = 0, format = 0;
  l_ok bad = 1;
  switch (info->format) {
    case ImageFormat::kPng:
      bad = readHeaderMemPng(Bytes(s), s.size(), &w, &h, &bps, &spp, &cmap);
      break;
    case ImageFormat::kJpeg:
      bad = readHeaderMemJpeg(Bytes(s), s.size(), &w, &h, &spp, nullptr, nullptr);
      break;
    case ImageFormat::kWebp: bad = readHeaderMemWebP(Bytes(s), s.size(), &w, &h, &spp); break;
    case ImageFormat::kTiff:
      bad = readHeaderMemTiff(Bytes(s), s.size(), 0, &w, &h, &bps, &spp, &res, &cmap, &format);
      break;
    case ImageFormat::kGif:
    case ImageFormat::kBmp: return false;
  }
  info->width = w;
  info->height = h;
  return bad == 0;
}

// Fills info->width and height from the header of `s` (whose format info->format is), and
// *pixels with what the decoder will allocate when that is more than width x height (GIF frames).
base::Status ReadSize(std::string_view s, ImageInfo* info, uint64_t* pixels) {
  std::string format(ImageFormatName(info->format));
  if (info->format == ImageFormat::kGif && s.size() >= 13) {
    *pixels = GifPixels(s, info);
  } else if (info->format == ImageFormat::kBmp && s.size() >= 34) {
    BmpSize(s, info);
    if (Le32(s, 14) >= 40 && Le32(s, 30) != 0) {  // leptonica reads only BI_RGB
      return base::InvalidArgumentError("unsupported image format: compressed bmp");
    }
  } else if (!LeptonicaSize(s, info)) {
    return base::InvalidArgumentError("cannot read the " + format + " image header");
  }
  if (info->width <= 0 || info->height <= 0) {
    return base::InvalidArgumentError("the " + format + " image header gives no size");
  }
  return base::Status::Ok();
}

base::Status TooLarge(const ImageInfo& info, uint64_t pixels, const ImageLimits& limits) {
  return base::PayloadTooLargeError("image is " + std::to_string(info.width) + "x" +
                                    std::to_string(info.height) + " = " + std::to_string(pixels) +
                                    " pixels, the limit is " + std::to_string(limits.max_pixels));
}

Pix* DecodePix(std::string_view s, ImageFormat format) {
  switch (format) {
    case ImageFormat::kPng: return pixReadMemPng(Bytes(s), s.size());
    case ImageFormat::kJpeg: {
      l_int32 warnings = 0;
      return pixReadMemJpeg(Bytes(s), s.size(), 0, 1, &warnings, 0);
    }
    case ImageFormat::kWebp: return pixReadMemWebP(Bytes(s), s.size());
    case ImageFormat::kGif: return pixReadMemGif(Bytes(s), s.size());
    case ImageFormat::kBmp: return pixReadMemBmp(Bytes(s), s.size());
    case ImageFormat::kTiff: return pixReadMemTiff(Bytes(s), s.size(), 0);
  }
  return nullptr;
}

base::Status OutOfMemory(std::string_view step) {
  return base::InternalError("leptonica failed to " + std::string(step));
}

// Chat screenshots mix polarities: dark text on light bubbles next to white text on coloured
// ones (and the reverse in dark mode), which one global threshold cannot separate. Each pixel
// becomes its distance from the mean of its neighbourhood (about two text lines), stretched to
// the full range and inverted: every stroke turns dark on white, whatever its bubble's colour.
base::Result<Image> LocalContrast(const Image& gray) {
  Pix* mean = pixBlockconv(gray.pix(), kContrastHalfWindow, kContrastHalfWindow);
  if (mean == nullptr) return OutOfMemory("average the neighbourhoods");
  Image mean_image(mean);
  Pix* diff = pixAbsDifference(gray.pix(), mean);
  if (diff == nullptr) return OutOfMemory("compute the local contrast");
  Image out(diff);
  l_int32 max_diff = 0;
  pixGetExtremeValue(diff, 1, L_SELECT_MAX, nullptr, nullptr, nullptr, &max_diff);
  if (max_diff > 0 && max_diff < 255) pixMultConstantGray(diff, 255.0f / max_diff);
  pixInvert(diff, diff);
  return out;
}

}  // namespace

std::string_view ImageFormatName(ImageFormat format) {
  switch (format) {
    case ImageFormat::kPng: return "png";
    case ImageFormat::kJpeg: return "jpeg";
    case ImageFormat::kWebp: return "webp";
    case ImageFormat::kGif: return "gif";
    case ImageFormat::kBmp: return "bmp";
    case ImageFormat::kTiff: return "tiff";
  }
  return "?";
}

base::Result<ImageInfo> ReadImageInfo(std::string_view bytes, const ImageLimits& limits) {
  if (bytes.size() > limits.max_bytes) {
    return base::PayloadTooLargeError("image is " + std::to_string(bytes.size()) +
                                      " bytes, the limit is " + std::to_string(limits.max_bytes));
  }
  std::optional<MediaType> type = Sniff(bytes.substr(0, kSniffBytes));
  if (!type || type->family != Family::kImage) return base::InvalidArgumentError("not an image");
  std::optional<ImageFormat> format = FormatOf(*type);
  if (!format) {
    return base::InvalidArgumentError("unsupported image format " + std::string(type->extension));
  }
  ImageInfo info;
  info.format = *format;
  uint64_t pixels = 0;
  BINHYEN_RETURN_IF_ERROR(ReadSize(bytes, &info, &pixels));
  uint64_t area = static_cast<uint64_t>(info.width) * static_cast<uint64_t>(info.height);
  if (area > limits.max_pixels) return TooLarge(info, area, limits);
  if (pixels > limits.max_pixels) {  // a GIF's frames
    return base::PayloadTooLargeError("image frames total " + std::to_string(pixels) +
                                      " pixels, the limit is " + std::to_string(limits.max_pixels));
  }
  return info;
}

Image::Image(Pix* pix) : pix_(pix) { BINHYEN_CHECK(pix != nullptr, "Image of a null Pix"); }

void Image::PixDeleter::operator()(Pix* pix) const { pixDestroy(&pix); }

int Image::width() const { return pixGetWidth(pix_.get()); }
int Image::height() const { return pixGetHeight(pix_.get()); }
int Image::depth() const { return pixGetDepth(pix_.get()); }

base::Result<Image> Image::Decode(std::string_view bytes, const ImageLimits& limits) {
  BINHYEN_ASSIGN_OR_RETURN(ImageInfo info, ReadImageInfo(bytes, limits));
  Pix* pix = DecodePix(bytes, info.format);
  if (pix == nullptr) {
    return base::InvalidArgumentError("cannot decode the " +
                                      std::string(ImageFormatName(info.format)) + " image");
  }
  Image image(pix);
  // The decoder's own idea of the size is what was allocated; it must agree with the limits too.
  uint64_t pixels = static_cast<uint64_t>(image.width()) * static_cast<uint64_t>(image.height());
  if (pixels > limits.max_pixels) {
    info.width = image.width();
    info.height = image.height();
    return TooLarge(info, pixels, limits);
  }
  return image;
}

base::Result<Image> ToGray(const Image& image) {
  Pix* src = image.pix();
  Pix* flat = nullptr;
  if (pixGetSpp(src) == 4) {
    flat = pixAlphaBlendUniform(src, 0xffffff00);  // transparent parts over white
  } else if (pixGetColormap(src) != nullptr) {
    flat = pixRemoveColormap(src, REMOVE_CMAP_BASED_ON_SRC);
  } else {
    flat = pixCopy(nullptr, src);
  }
  if (flat == nullptr) return OutOfMemory("flatten the image");
  Image flat_image(flat);
  Pix* gray = pixConvertTo8(flat, 0);
  if (gray == nullptr) return OutOfMemory("convert the image to grayscale");
  return Image(gray);
}

base::Result<Image> PreprocessForOcr(const Image& image, OcrPreprocessing* report) {
  BINHYEN_ASSIGN_OR_RETURN(Image gray, ToGray(image));
  OcrPreprocessing done;
  l_float32 mean = 255;
  int factor = std::max(1, std::min(gray.width(), gray.height()) / 256);  // sample ~64k pixels
  if (pixGetAverageMasked(gray.pix(), nullptr, 0, 0, factor, L_MEAN_ABSVAL, &mean) != 0) {
    return OutOfMemory("measure the luminance");
  }
  done.mean_luminance = mean;
  done.dark_mode = mean < kDarkModeLuminance;
  if (gray.width() < kMinOcrWidth) {
    double scale = std::min(kMaxOcrScale, static_cast<double>(kMinOcrWidth) / gray.width());
    double area = static_cast<double>(gray.width()) * gray.height();
    scale = std::min(scale, std::sqrt(kMaxOcrPixels / area));
    if (scale > 1.05) {
      Pix* scaled =
          pixScaleGrayLI(gray.pix(), static_cast<l_float32>(scale), static_cast<l_float32>(scale));
      if (scaled == nullptr) return OutOfMemory("scale the image");
      gray = Image(scaled);
      done.scale = scale;
    }
  }
  BINHYEN_ASSIGN_OR_RETURN(Image contrast, LocalContrast(gray));
  if (report != nullptr) *report = done;
  return contrast;
}

void SetImageDecoderMessages(bool enabled) {
  setMsgSeverity(enabled ? L_SEVERITY_INFO : L_SEVERITY_NONE);
}

}  // namespace binhyen::evidence
