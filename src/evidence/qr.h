#pragma once

// QR codes in uploaded images, decoded with zbar.

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "evidence/image.h"

namespace binhyen::evidence {

// The payloads of every QR code zbar finds in the image, in zbar's order, duplicates removed.
// Only QR codes are looked for (no 1-D barcodes). Light-on-dark (inverted) codes are found too,
// and an image narrower than 600 pixels is tried again upscaled 2× when nothing was found (small
// thumbnails). Payload bytes are taken as they are encoded (zbar's binary mode, no guessing of
// Shift-JIS / Latin-1) and ill-formed UTF-8 is replaced with U+FFFD, so every payload is valid
// UTF-8. An image without a QR code gives an empty list. Errors: those of Image::Decode
// (PayloadTooLarge, InvalidArgument), Internal when leptonica or zbar fails.
// Thread-safe (each call has its own zbar scanner).
base::Result<std::vector<std::string>> DecodeQrCodes(std::string_view image_bytes,
                                                     const ImageLimits& limits);

// The same on an image already decoded.
base::Result<std::vector<std::string>> DecodeQrCodes(const Image& image);

}  // namespace binhyen::evidence
