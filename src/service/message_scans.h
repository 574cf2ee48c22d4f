#pragma once

// Message scans for residents: a pasted text, or a screenshot read with OCR and its QR codes,
// scanned by scan::Scanner with the indicators looked up in the reputation index.

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "evidence/image.h"
#include "evidence/ocr.h"
#include "evidence/vietqr.h"
#include "scan/scanner.h"
#include "service/reputation.h"

namespace binhyen::service {

struct QrFinding {
  std::string payload;
  std::optional<evidence::VietQr> vietqr;  // when the payload is a VietQR transfer code
};

struct MessageScan {
  scan::ScanResult result;
  // The text the spans of `result` refer to: the input for a text scan; for a screenshot, the
  // OCR text followed by one line per QR code (its payload, or for a VietQR code
  // "QR chuyển khoản: STK <account> <bank>"), so that QR links and accounts are checked too.
  std::string scanned_text;
  int64_t index_version = 0;
  // Screenshots only.
  bool from_image = false;
  std::string ocr_text;
  bool ocr_timed_out = false;  // the OCR deadline passed: ocr_text is partial
  std::vector<QrFinding> qr;
};

struct MessageScanOptions {
  evidence::ImageLimits image_limits;  // 10 MB, 40 megapixels
  evidence::OcrOptions ocr;            // vie+eng, 5 s deadline
};

// Thread safety: thread-safe. The OCR engine (tesseract models, ~20 MB per instance) is loaded
// on the first screenshot, not at start-up.
class MessageScans {
 public:
  // The reputation index view to answer from, taken anew for each scan (Reputation::view).
  using ViewSource = std::function<std::shared_ptr<const ReputationView>()>;

  // `scanner` and `clock` must outlive this object.
  MessageScans(const scan::Scanner& scanner, ViewSource views, const base::Clock& clock,
               MessageScanOptions options = {});
  // Answers from `reputation`'s current view; `reputation` must outlive this object.
  MessageScans(const scan::Scanner& scanner, Reputation& reputation, const base::Clock& clock,
               MessageScanOptions options = {});

  // Scans `text` (any bytes; past scan::Scanner::kMaxScanBytes it is cut and flagged).
  MessageScan ScanText(std::string_view text) const;

  // Reads a screenshot (PNG, JPEG, WebP, GIF, BMP, TIFF) and scans what it says. Errors:
  // PayloadTooLarge (over the byte or pixel limit, checked before decoding), InvalidArgument
  // (not an image, corrupt), FailedPrecondition (the OCR models are not installed), Internal.
  base::Result<MessageScan> ScanImage(std::string_view bytes) const;

  const scan::Scanner& scanner() const { return scanner_; }
  const MessageScanOptions& options() const { return options_; }

 private:
  base::Result<const evidence::OcrEngine*> Ocr() const;

  const scan::Scanner& scanner_;
  ViewSource views_;
  const base::Clock& clock_;
  MessageScanOptions options_;
  mutable std::mutex ocr_mu_;
  mutable std::unique_ptr<evidence::OcrEngine> ocr_;  // guarded by ocr_mu_ until set
};

}  // namespace binhyen::service
