#pragma once

// Text in screenshots, read with tesseract (LSTM engine, Debian's `vie` and `eng` models).

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/result.h"
#include "evidence/image.h"

namespace binhyen::evidence {

// Where Debian's tesseract-ocr-* packages put the models.
inline constexpr std::string_view kDebianTessdataDir = "/usr/share/tesseract-ocr/5/tessdata";

struct OcrOptions {
  // Tesseract language models joined with '+', each a <name>.traineddata in the tessdata dir.
  std::string languages = "vie+eng";
  // Time allowed per Recognize call, decoding and preprocessing included. Past it, the text
  // read so far is returned with timed_out = true.
  std::chrono::milliseconds deadline{5000};
  // Directory of the .traineddata files; empty = kDebianTessdataDir.
  std::string tessdata_dir;
  // Tesseract instances kept loaded (each holds its models, ~30 MB for vie+eng). Recognize calls
  // beyond this many at once wait for a free instance; the wait counts against their deadline.
  // At least 1.
  int max_instances = 2;
};

struct OcrResult {
  std::string text;        // NFC, one line of the image per line, joined with '\n'; no blank lines
  bool timed_out = false;  // the deadline passed: `text` is what was read until then
  double mean_confidence = 0;  // tesseract's mean word confidence, 0-100 (0 when no words)
};

// Reads the text of images (chat screenshots, SMS screenshots, photos of notices).
//
// Preprocessing is PreprocessForOcr (grayscale, dark mode inverted, small images upscaled). The
// deadline is checked before recognition starts and then by tesseract as it goes (its cancel
// callback, timed with the injected Clock; the LSTM engine calls it once per text line); layout
// analysis, which runs before the first line, cannot be interrupted.
//
// Thread safety: Recognize is thread-safe. Tesseract handles cannot be shared between threads,
// so the engine keeps a small pool of them (OcrOptions::max_instances), created on demand.
class OcrEngine {
 public:
  // Loads the models once to check them. Errors: FailedPrecondition when a language's
  // .traineddata is missing, naming the Debian package to install ("install tesseract-ocr-vie");
  // InvalidArgument for an empty or malformed language list or max_instances < 1; Internal when
  // tesseract fails to load the models. `clock` times the deadline and must outlive the engine.
  static base::Result<std::unique_ptr<OcrEngine>> Create(const OcrOptions& options,
                                                         const base::Clock& clock);
  // The same with the system clock.
  static base::Result<std::unique_ptr<OcrEngine>> Create(const OcrOptions& options);

  ~OcrEngine();
  OcrEngine(const OcrEngine&) = delete;
  OcrEngine& operator=(const OcrEngine&) = delete;

  // Decodes (Image::Decode: limits checked from the header first) and reads the image. Errors:
  // those of Image::Decode (PayloadTooLarge, InvalidArgument); Internal when tesseract fails.
  // A timeout is not an error (timed_out = true).
  base::Result<OcrResult> Recognize(std::string_view image_bytes, const ImageLimits& limits) const;

  // Reads an image already decoded. The deadline starts now.
  base::Result<OcrResult> Recognize(const Image& image) const;

  // Reads an image already decoded, stopping at `deadline` (on clock().MonotonicNow()'s scale),
  // for callers whose time budget started earlier.
  base::Result<OcrResult> RecognizeUntil(const Image& image,
                                         std::chrono::steady_clock::time_point deadline) const;

  const base::Clock& clock() const { return clock_; }

  const OcrOptions& options() const { return options_; }

 private:
  class Pool;
  static base::Result<std::unique_ptr<OcrEngine>> Build(const OcrOptions& options,
                                                        const base::Clock& clock,
                                                        std::unique_ptr<base::Clock> owned);
  OcrEngine(OcrOptions options, const base::Clock& clock, std::unique_ptr<base::Clock> owned,
            std::unique_ptr<Pool> pool);

  OcrOptions options_;
  std::unique_ptr<base::Clock> owned_clock_;  // the system clock when none was given
  const base::Clock& clock_;
  std::unique_ptr<Pool> pool_;
};

}  // namespace binhyen::evidence
