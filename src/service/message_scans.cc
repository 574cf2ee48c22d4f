#include "service/message_scans.h"

#include <utility>

#include "evidence/screenshot.h"

namespace binhyen::service {
namespace {

scan::IndicatorLookup LookupIn(const std::shared_ptr<const ReputationView>& view) {
  return [view](indicator::Kind kind, std::string_view canonical, std::string_view bank) {
    return view->Check(kind, canonical, bank);
  };
}

// The line a QR code adds to the scanned text.
std::string QrLine(const QrFinding& qr) {
  if (!qr.vietqr) return qr.payload;
  std::string line = "QR chuyển khoản: STK " + qr.vietqr->account;
  if (qr.vietqr->bank != nullptr) line += " " + qr.vietqr->bank->short_name;
  return line;
}

}  // namespace

MessageScans::MessageScans(const scan::Scanner& scanner, ViewSource views, const base::Clock& clock,
                           MessageScanOptions options)
    : scanner_(scanner), views_(std::move(views)), clock_(clock), options_(std::move(options)) {}

MessageScans::MessageScans(const scan::Scanner& scanner, Reputation& reputation,
                           const base::Clock& clock, MessageScanOptions options)
    : MessageScans(
          scanner, [&reputation] { return reputation.view(); }, clock, std::move(options)) {}

MessageScan MessageScans::ScanText(std::string_view text) const {
  std::shared_ptr<const ReputationView> view = views_();
  MessageScan out;
  out.result = scanner_.Scan(text, LookupIn(view));
  out.scanned_text = std::string(text.substr(0, scan::Scanner::kMaxScanBytes));
  out.index_version = view->version();
  return out;
}

base::Result<const evidence::OcrEngine*> MessageScans::Ocr() const {
  std::lock_guard<std::mutex> lock(ocr_mu_);
  if (!ocr_) {
    BINHYEN_ASSIGN_OR_RETURN(ocr_, evidence::OcrEngine::Create(options_.ocr, clock_));
  }
  return static_cast<const evidence::OcrEngine*>(ocr_.get());
}

base::Result<MessageScan> MessageScans::ScanImage(std::string_view bytes) const {
  BINHYEN_RETURN_IF_ERROR(evidence::ReadImageInfo(bytes, options_.image_limits).status());
  BINHYEN_ASSIGN_OR_RETURN(const evidence::OcrEngine* ocr, Ocr());
  BINHYEN_ASSIGN_OR_RETURN(evidence::ScreenshotAnalysis analysis,
                           evidence::AnalyzeScreenshot(*ocr, bytes, options_.image_limits));
  MessageScan out;
  out.from_image = true;
  out.ocr_text = std::move(analysis.ocr_text);
  out.ocr_timed_out = analysis.ocr_timed_out;
  for (std::string& payload : analysis.qr_payloads) {
    QrFinding qr;
    if (base::Result<evidence::VietQr> parsed = evidence::ParseVietQr(payload); parsed.ok()) {
      qr.vietqr = *std::move(parsed);
    }
    qr.payload = std::move(payload);
    out.qr.push_back(std::move(qr));
  }
  out.scanned_text = out.ocr_text;
  for (const QrFinding& qr : out.qr) {
    if (!out.scanned_text.empty()) out.scanned_text.push_back('\n');
    out.scanned_text += QrLine(qr);
  }
  std::shared_ptr<const ReputationView> view = views_();
  out.result = scanner_.Scan(out.scanned_text, LookupIn(view));
  out.index_version = view->version();
  return out;
}

}  // namespace binhyen::service
