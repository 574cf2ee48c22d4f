// `binhyen review --data DIR --from DATE --to DATE --format xlsx|pdf [-o FILE] [--id N]`: the
// periodic review ("sơ kết" / "tổng kết") of a period, computed from the data and written as an
// Excel workbook or a PDF report. A review stored in the console for exactly that period (or the
// one named by --id) brings its particulars and its edited reward proposals; otherwise the
// particulars of the latest review are used and the candidates are ranked afresh.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "app/cli_environment.h"
#include "commands.h"
#include "render/review_document.h"
#include "service/reviews.h"
#include "store_options.h"

namespace binhyen::app {
namespace {

struct ReviewArgs {
  StoreOptions store;
  std::string from;
  std::string to;
  std::string format = "pdf";
  std::string output;
  int64_t id = 0;
};

// Writes `bytes` to `path` through a temporary file beside it, so that a failure never leaves a
// half-written report under the final name.
base::Status WriteFile(const std::filesystem::path& path, const std::string& bytes) {
  const std::filesystem::path temp = path.string() + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) return base::UnavailableError("-o: cannot write " + temp.string());
  }
  std::error_code ec;
  std::filesystem::rename(temp, path, ec);
  if (ec) {
    std::filesystem::remove(temp, ec);
    return base::UnavailableError("-o: cannot write " + path.string());
  }
  return base::Status::Ok();
}

int RunReview(const ReviewArgs& args) {
  std::optional<render::ReviewFormat> format = render::ParseReviewFormat(args.format);
  if (!format) {
    return Fail("review", base::InvalidArgumentError("--format: must be xlsx or pdf"));
  }
  if (args.id == 0 && (args.from.empty() || args.to.empty())) {
    return Fail("review", base::InvalidArgumentError("--from and --to (YYYY-MM-DD), or --id"));
  }
  base::Result<std::unique_ptr<CliSession>> session =
      CliSession::Open(args.store.data_dir, args.store.store_url, DataDir::Mode::kExisting);
  if (!session.ok()) return Fail("review", session.status());
  CliEnvironment& env = (*session)->env();
  service::Reviews reviews(*env.store, env.contact_box, (*session)->clock());
  base::Result<service::ReviewExport> review =
      args.id != 0 ? reviews.ExportStored(args.id) : reviews.ExportPeriod(args.from, args.to);
  if (!review.ok()) return Fail("review", review.status());
  std::error_code ec;
  base::Result<std::string> bytes =
      render::RenderReview(*review, *format, std::filesystem::temp_directory_path(ec));
  if (!bytes.ok()) return Fail("review", bytes.status());
  const std::string output =
      args.output.empty() ? render::ReviewFileName(review->review, *format) : args.output;
  if (base::Status written = WriteFile(output, *bytes); !written.ok()) {
    return Fail("review", written);
  }
  const service::ReviewFigures& f = review->figures;
  std::printf("wrote %s (%zu bytes): %s..%s, %lld reports, %lld confirmed, %zu reward proposals\n",
              output.c_str(), bytes->size(), f.from.c_str(), f.to.c_str(),
              static_cast<long long>(f.reports.total_reports),
              static_cast<long long>(f.reports.confirmed), review->proposals.size());
  return kExitOk;
}

}  // namespace

void RegisterReview(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ReviewArgs>();
  CLI::App* cmd = app.add_subcommand(
      "review", "Báo cáo sơ kết, tổng kết / Write the periodic review as XLSX or PDF");
  AddStoreOptions(cmd, &args->store);
  cmd->add_option("--from", args->from, "First day of the period, YYYY-MM-DD");
  cmd->add_option("--to", args->to, "Last day of the period (included), YYYY-MM-DD");
  cmd->add_option("--format", args->format, "xlsx or pdf (default pdf)");
  cmd->add_option("-o,--output", args->output,
                  "File to write; default bao-cao-so-ket-FROM-den-TO.pdf (or .xlsx)");
  cmd->add_option("--id", args->id, "A review stored in the console, instead of --from/--to");
  cmd->callback([args, exit_code] {
    *exit_code = RunReview(*args);
    std::fflush(stdout);
  });
}

}  // namespace binhyen::app
