#include "evidence/ocr.h"

#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>
#include <tesseract/resultiterator.h>

#include <condition_variable>
#include <exception>
#include <filesystem>
#include <mutex>
#include <utility>
#include <vector>

#include "base/strings.h"
#include "text/normalize.h"

// From libgomp, the OpenMP runtime Debian's tesseract is built with; declared here rather than
// with <omp.h> so that no OpenMP compiler support is needed.
extern "C" void omp_set_max_active_levels(int);

namespace binhyen::evidence {
namespace {

using Api = tesseract::TessBaseAPI;
using SteadyTime = std::chrono::steady_clock::time_point;

// Screenshots carry no resolution; telling tesseract one skips its guess (and its warning).
// Preprocessed chat text is 25-60 pixels high, which reads as 6-14 pt at this resolution.
constexpr int kAssumedDpi = 300;

// The Debian package that ships <lang>.traineddata: "vie" -> tesseract-ocr-vie,
// "chi_sim" -> tesseract-ocr-chi-sim.
std::string DebianPackage(std::string_view lang) {
  std::string name = "tesseract-ocr-" + base::AsciiLower(lang);
  for (char& c : name) {
    if (c == '_') c = '-';
  }
  return name;
}

base::Status CheckLanguages(std::string_view languages, const std::filesystem::path& dir) {
  if (languages.empty()) return base::InvalidArgumentError("no OCR language given");
  for (std::string_view lang : base::Split(languages, '+')) {
    bool ok = !lang.empty();
    for (char c : lang) ok = ok && (base::IsAsciiAlnum(c) || c == '_');
    if (!ok) {
      return base::InvalidArgumentError("malformed OCR language list \"" +
                                        std::string(languages.substr(0, 64)) + "\"");
    }
    std::filesystem::path file = dir / (std::string(lang) + ".traineddata");
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) {
      return base::FailedPreconditionError("tesseract language data " + file.string() +
                                           " not found: install the Debian package " +
                                           DebianPackage(lang));
    }
  }
  return base::Status::Ok();
}

// Tells tesseract to stop once the deadline has passed. Called between text lines (LSTM).
struct CancelContext {
  const base::Clock* clock;
  SteadyTime deadline;
  bool fired = false;
};

bool CancelPastDeadline(void* context, int /*words*/) {
  auto* c = static_cast<CancelContext*>(context);
  if (c->clock->MonotonicNow() >= c->deadline) c->fired = true;
  return c->fired;
}

// The recognised lines (trimmed, blank ones dropped) and the mean word confidence.
void ReadResult(Api& api, OcrResult* result) {
  std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
  if (!it) return;
  std::string text;
  double confidence_sum = 0;
  int words = 0;
  do {
    std::unique_ptr<char[]> line(it->GetUTF8Text(tesseract::RIL_TEXTLINE));
    if (line == nullptr) continue;
    std::string_view trimmed = base::TrimAscii(line.get());
    if (trimmed.empty()) continue;
    if (!text.empty()) text += '\n';
    text += trimmed;
  } while (it->Next(tesseract::RIL_TEXTLINE));
  it.reset(api.GetIterator());
  do {
    std::unique_ptr<char[]> word(it->GetUTF8Text(tesseract::RIL_WORD));
    if (word == nullptr || base::TrimAscii(word.get()).empty()) continue;
    confidence_sum += it->Confidence(tesseract::RIL_WORD);
    ++words;
  } while (it->Next(tesseract::RIL_WORD));
  result->text = text::Nfc(text);
  result->mean_confidence = words == 0 ? 0 : confidence_sum / words;
}

}  // namespace

// Idle tesseract instances, created on demand up to a maximum.
// Thread safety: thread-safe (one mutex).
class OcrEngine::Pool {
 public:
  Pool(std::string datapath, std::string languages, int max_instances)
      : datapath_(std::move(datapath)),
        languages_(std::move(languages)),
        max_instances_(max_instances) {}

  // An instance borrowed from the pool; given back on destruction.
  class Lease {
   public:
    Lease(Pool* pool, std::unique_ptr<Api> api) : pool_(pool), api_(std::move(api)) {}
    Lease(Lease&&) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (api_) pool_->Release(std::move(api_));
    }
    Api& api() { return *api_; }

   private:
    Pool* pool_;
    std::unique_ptr<Api> api_;
  };

  // An idle instance, a new one when fewer than the maximum exist, or else the next one given
  // back. Errors: Internal when tesseract cannot load the models.
  base::Result<Lease> Acquire() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return !idle_.empty() || created_ < max_instances_; });
    if (!idle_.empty()) {
      std::unique_ptr<Api> api = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(api));
    }
    ++created_;  // reserve the slot; loading the models takes a while, outside the lock
    lock.unlock();
    auto api = NewApi();
    if (!api.ok()) {
      std::lock_guard relock(mu_);
      --created_;
      cv_.notify_one();
      return std::move(api).status();
    }
    return Lease(this, std::move(api).value());
  }

 private:
  base::Result<std::unique_ptr<Api>> NewApi() const {
    try {
      auto api = std::make_unique<Api>();
      if (api->Init(datapath_.c_str(), languages_.c_str(), tesseract::OEM_LSTM_ONLY) != 0) {
        return base::InternalError("tesseract could not load \"" + languages_ + "\" from " +
                                   datapath_);
      }
      api->SetPageSegMode(tesseract::PSM_AUTO);
      return api;
    } catch (const std::exception& e) {
      return base::InternalError(std::string("tesseract: ") + e.what());
    }
  }

  void Release(std::unique_ptr<Api> api) {
    api->Clear();  // drop the image and results, keep the models
    std::lock_guard lock(mu_);
    idle_.push_back(std::move(api));
    cv_.notify_one();
  }

  const std::string datapath_;
  const std::string languages_;
  const int max_instances_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Api>> idle_;  // guarded by mu_
  int created_ = 0;                         // guarded by mu_
};

OcrEngine::OcrEngine(OcrOptions options, const base::Clock& clock,
                     std::unique_ptr<base::Clock> owned, std::unique_ptr<Pool> pool)
    : options_(std::move(options)),
      owned_clock_(std::move(owned)),
      clock_(clock),
      pool_(std::move(pool)) {}

OcrEngine::~OcrEngine() = default;

base::Result<std::unique_ptr<OcrEngine>> OcrEngine::Build(const OcrOptions& options,
                                                          const base::Clock& clock,
                                                          std::unique_ptr<base::Clock> owned) {
  if (options.max_instances < 1) {
    return base::InvalidArgumentError("OCR max_instances must be at least 1");
  }
  std::string dir =
      options.tessdata_dir.empty() ? std::string(kDebianTessdataDir) : options.tessdata_dir;
  BINHYEN_RETURN_IF_ERROR(CheckLanguages(options.languages, dir));
  auto pool = std::make_unique<Pool>(dir, options.languages, options.max_instances);
  {
    // Load one instance now: a broken model fails here rather than on the first upload.
    BINHYEN_ASSIGN_OR_RETURN(Pool::Lease first, pool->Acquire());
  }
  return std::unique_ptr<OcrEngine>(
      new OcrEngine(options, clock, std::move(owned), std::move(pool)));
}

base::Result<std::unique_ptr<OcrEngine>> OcrEngine::Create(const OcrOptions& options,
                                                           const base::Clock& clock) {
  return Build(options, clock, nullptr);
}

base::Result<std::unique_ptr<OcrEngine>> OcrEngine::Create(const OcrOptions& options) {
  auto clock = std::make_unique<base::SystemClock>();
  const base::Clock& ref = *clock;
  return Build(options, ref, std::move(clock));
}

base::Result<OcrResult> OcrEngine::Recognize(std::string_view image_bytes,
                                             const ImageLimits& limits) const {
  SteadyTime deadline = clock_.MonotonicNow() + options_.deadline;
  BINHYEN_ASSIGN_OR_RETURN(Image image, Image::Decode(image_bytes, limits));
  return RecognizeUntil(image, deadline);
}

base::Result<OcrResult> OcrEngine::Recognize(const Image& image) const {
  return RecognizeUntil(image, clock_.MonotonicNow() + options_.deadline);
}

base::Result<OcrResult> OcrEngine::RecognizeUntil(const Image& image, SteadyTime deadline) const {
  BINHYEN_ASSIGN_OR_RETURN(Image ready, PreprocessForOcr(image));
  OcrResult result;
  BINHYEN_ASSIGN_OR_RETURN(Pool::Lease lease, pool_->Acquire());
  if (clock_.MonotonicNow() >= deadline) {
    result.timed_out = true;
    return result;
  }
  try {
    // Tesseract spreads parts of its work over OpenMP teams (with num_threads clauses, which
    // omp_set_num_threads cannot lower). With several requests at once on few cores those threads
    // spin against each other and cost more than they give (a phone screenshot on the shared
    // 2-core machine: 1.1 s CPU and 1.7 s wall with them, 0.47 s and 0.52 s without, as with
    // OMP_THREAD_LIMIT=1); parallelism comes from the pool instead. No active parallel level
    // makes every team a single thread. In libgomp (GCC 12) this setting belongs to the calling
    // thread: nothing else in the process is affected.
    omp_set_max_active_levels(0);
    Api& api = lease.api();
    api.SetImage(ready.pix());
    api.SetSourceResolution(kAssumedDpi);
    CancelContext cancel{&clock_, deadline};
    tesseract::ETEXT_DESC monitor;
    monitor.cancel = &CancelPastDeadline;
    monitor.cancel_this = &cancel;
    if (api.Recognize(&monitor) != 0 && !cancel.fired) {
      return base::InternalError("tesseract failed to recognise the image");
    }
    result.timed_out = cancel.fired;
    ReadResult(api, &result);
  } catch (const std::exception& e) {
    return base::InternalError(std::string("tesseract: ") + e.what());
  }
  return result;
}

}  // namespace binhyen::evidence
