// `binhyen report submit|show`: file a report from a JSON object, follow it by receipt code.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "app/admin.h"
#include "app/cli_environment.h"
#include "commands.h"
#include "domain/enums.h"
#include "json_output.h"
#include "service/report_intake.h"
#include "service/submission_json.h"
#include "store_options.h"

namespace binhyen::app {
namespace {

struct ReportArgs {
  StoreOptions store;
  std::string input = "-";  // submit: a file, or "-" for standard input
  std::string receipt;      // show
};

// The whole of `path` ("-": standard input), at most one byte over the JSON limit so that an
// oversized input is refused by the decoder without being read to its end.
base::Result<std::string> ReadInput(const std::string& path) {
  const size_t cap = service::kMaxSubmissionJsonBytes + 1;
  std::string text;
  auto read = [&](std::istream& in) {
    std::istreambuf_iterator<char> it(in), end;
    for (; it != end && text.size() < cap; ++it) text.push_back(*it);
  };
  if (path == "-") {
    read(std::cin);
    return text;
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) return base::NotFoundError(path + ": cannot be read");
  read(file);
  if (file.bad()) return base::UnavailableError(path + ": read error");
  return text;
}

nlohmann::json IndicatorsToJson(const std::vector<domain::ReportIndicator>& list, bool with_raw) {
  nlohmann::json out = nlohmann::json::array();
  for (const domain::ReportIndicator& i : list) {
    nlohmann::json j;
    j["kind"] = std::string(indicator::KindName(i.kind));
    j["canonical"] = i.canonical;
    if (with_raw) j["raw"] = i.raw;
    out.push_back(std::move(j));
  }
  return out;
}

int RunSubmit(const ReportArgs& args) {
  base::Result<std::string> text = ReadInput(args.input);
  if (!text.ok()) return Fail("report submit", text.status());
  // The input is checked before the data directory is touched.
  base::Result<service::ReportSubmission> submission =
      service::DecodeSubmissionJson(*text, domain::Channel::kCli);
  if (!submission.ok()) return Fail("report submit", submission.status());
  base::Result<std::unique_ptr<CliSession>> session =
      CliSession::Open(args.store.data_dir, args.store.store_url, DataDir::Mode::kCreate);
  if (!session.ok()) return Fail("report submit", session.status());
  CliSession& s = **session;
  service::ReportIntake intake(*s.env().store, s.env().contact_box, s.clock(), s.random());
  base::Result<service::Receipt> receipt = intake.Submit(*submission, CliActor());
  if (!receipt.ok()) return Fail("report submit", receipt.status());
  nlohmann::json summary;
  summary["id"] = receipt->id;
  summary["receipt"] = receipt->receipt_code;
  summary["status"] = std::string(domain::Name(receipt->status));
  summary["indicators"] = IndicatorsToJson(receipt->indicators, /*with_raw=*/true);
  summary["linked_report_ids"] = receipt->linked_report_ids;
  if (receipt->extracted_not_kept > 0) {
    summary["extracted_not_kept"] = receipt->extracted_not_kept;
  }
  std::printf("%s\n%s\n", DumpLine(summary).c_str(), receipt->receipt_code.c_str());
  return kExitOk;
}

int RunShow(const ReportArgs& args) {
  base::Result<std::unique_ptr<CliSession>> session =
      CliSession::Open(args.store.data_dir, args.store.store_url, DataDir::Mode::kExisting);
  if (!session.ok()) return Fail("report show", session.status());
  CliSession& s = **session;
  service::ReportIntake intake(*s.env().store, s.env().contact_box, s.clock(), s.random());
  base::Result<service::ReportView> view = intake.Get(args.receipt);
  if (!view.ok()) return Fail("report show", view.status());
  nlohmann::json out;
  out["receipt"] = view->receipt_code;
  out["status"] = std::string(domain::Name(view->status));
  out["category"] = std::string(domain::Name(view->category));
  out["created_at"] = base::FormatRfc3339(view->created_at);
  out["updated_at"] = base::FormatRfc3339(view->updated_at);
  out["indicators"] = IndicatorsToJson(view->indicators, /*with_raw=*/false);
  std::printf("%s\n", DumpLine(out).c_str());
  return kExitOk;
}

}  // namespace

void RegisterReport(CLI::App& app, int* exit_code) {
  CLI::App* report = app.add_subcommand("report", "Báo cáo lừa đảo / File and follow reports");
  report->require_subcommand(1);

  auto submit_args = std::make_shared<ReportArgs>();
  CLI::App* submit = report->add_subcommand(
      "submit",
      "File a report from one JSON object {category, description, occurred_at, loss_vnd, ward, "
      "indicators: [{kind, value}], contact: {name, phone, email}}; prints a JSON summary, then "
      "the receipt code on the last line");
  AddStoreOptions(submit, &submit_args->store);
  submit->add_option("input", submit_args->input, "JSON file, or - for standard input (default)");
  submit->callback([submit_args, exit_code] {
    *exit_code = RunSubmit(*submit_args);
    std::fflush(stdout);
  });

  auto show_args = std::make_shared<ReportArgs>();
  CLI::App* show = report->add_subcommand(
      "show", "Show a report's follow-up view (status, category, indicators) by receipt code");
  AddStoreOptions(show, &show_args->store);
  show->add_option("receipt", show_args->receipt, "Receipt code, e.g. BY-7K3M-9QX2")->required();
  show->callback([show_args, exit_code] {
    *exit_code = RunShow(*show_args);
    std::fflush(stdout);
  });
}

}  // namespace binhyen::app
