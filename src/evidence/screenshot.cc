#include "evidence/screenshot.h"

#include <utility>

#include "evidence/qr.h"

namespace binhyen::evidence {

base::Result<ScreenshotAnalysis> AnalyzeScreenshot(const OcrEngine& ocr, std::string_view bytes,
                                                   const ImageLimits& limits) {
  auto deadline = ocr.clock().MonotonicNow() + ocr.options().deadline;
  BINHYEN_ASSIGN_OR_RETURN(Image image, Image::Decode(bytes, limits));
  ScreenshotAnalysis out;
  BINHYEN_ASSIGN_OR_RETURN(out.qr_payloads, DecodeQrCodes(image));
  for (const std::string& payload : out.qr_payloads) {
    auto qr = ParseVietQr(payload);
    if (qr.ok()) out.vietqr.push_back(std::move(qr).value());
  }
  BINHYEN_ASSIGN_OR_RETURN(OcrResult text, ocr.RecognizeUntil(image, deadline));
  out.ocr_text = std::move(text.text);
  out.ocr_timed_out = text.timed_out;
  out.ocr_confidence = text.mean_confidence;
  return out;
}

}  // namespace binhyen::evidence
