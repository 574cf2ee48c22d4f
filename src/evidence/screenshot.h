#pragma once

// Everything a screenshot tells: its text (OCR), its QR codes, and the VietQR transfer codes
// among them.

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "evidence/image.h"
#include "evidence/ocr.h"
#include "evidence/vietqr.h"

namespace binhyen::evidence {

struct ScreenshotAnalysis {
  std::string ocr_text;                  // OcrResult::text
  bool ocr_timed_out = false;            // OcrResult::timed_out: ocr_text is partial
  double ocr_confidence = 0;             // OcrResult::mean_confidence
  std::vector<std::string> qr_payloads;  // every QR code, DecodeQrCodes order
  std::vector<VietQr> vietqr;  // the payloads that parse as VietQR transfers, in the same order
};

// Decodes the image once (limits checked from the header first), reads its QR codes, then its
// text with `ocr` (the OCR deadline counts from the start of this call). QR payloads that are not
// VietQR (URLs, other payment schemes) are kept in qr_payloads only; a VietQR code with a bad CRC
// is not in vietqr either. Errors: those of Image::Decode (PayloadTooLarge, InvalidArgument);
// Internal when leptonica, zbar or tesseract fail. Thread-safe.
base::Result<ScreenshotAnalysis> AnalyzeScreenshot(const OcrEngine& ocr, std::string_view bytes,
                                                   const ImageLimits& limits);

}  // namespace binhyen::evidence
