// `binhyen check KIND VALUE [--bank B]`: the check API's answer, from the CLI.
// `binhyen export --format F [--kind K] [-o FILE] [--zone Z]`: the published blocklists.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "api/check_json.h"
#include "app/cli_environment.h"
#include "commands.h"
#include "exchange/exports.h"
#include "indicator/bank.h"
#include "json_output.h"
#include "service/reputation.h"
#include "store_options.h"

namespace binhyen::app {
namespace {

struct CheckArgs {
  StoreOptions store;
  std::string kind;
  std::string value;
  std::string bank;
};

int RunCheck(const CheckArgs& args) {
  std::optional<indicator::Kind> kind = indicator::ParseKind(args.kind);
  if (!kind) {
    return Fail("check", base::InvalidArgumentError(
                             "kind: must be one of url, domain, phone, bank_account, email, "
                             "social, ip"));
  }
  if (!args.bank.empty() && indicator::FindBank(args.bank) == nullptr) {
    return Fail("check", base::InvalidArgumentError("bank: unknown bank '" + args.bank + "'"));
  }
  base::Result<std::unique_ptr<CliSession>> session =
      CliSession::Open(args.store.data_dir, args.store.store_url, DataDir::Mode::kExisting);
  if (!session.ok()) return Fail("check", session.status());
  service::Reputation reputation(*(*session)->env().store, (*session)->clock());
  if (base::Status s = reputation.Refresh(); !s.ok()) return Fail("check", s);
  std::shared_ptr<const service::ReputationView> view = reputation.view();
  index::CheckResult result = view->Check(*kind, args.value, args.bank);
  if (result.canonical.empty()) {
    return Fail("check", base::InvalidArgumentError("value: '" + args.value + "' is not a valid " +
                                                    args.kind));
  }
  std::printf("%s\n", DumpLine(api::CheckResultJson(result, args.value, view->version())).c_str());
  return kExitOk;
}

struct ExportArgs {
  StoreOptions store;
  std::string format;
  std::string kind;
  std::string output = "-";
  std::string zone = "rpz.binhyen.";
  std::string base_url;
};

// Writes `text` to `path` through a temporary file and a rename, so that a resolver reloading
// the file never reads half of it.
base::Status WriteAtomically(const std::string& path, const std::string& text) {
  const std::string temp = path + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) return base::UnavailableError(temp + ": cannot be written");
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.close();
    if (!out) return base::UnavailableError(temp + ": write error");
  }
  std::error_code ec;
  std::filesystem::rename(temp, path, ec);
  if (ec) return base::UnavailableError(path + ": " + ec.message());
  return base::Status::Ok();
}

int RunExport(const ExportArgs& args) {
  std::optional<exchange::ExportFormat> format = exchange::ParseExportFormat(args.format);
  if (!format) {
    return Fail("export", base::InvalidArgumentError(
                              "format: must be one of hosts, rpz, plain, csv, stix, misp, "
                              "adguard, dnsmasq, unbound"));
  }
  std::optional<indicator::Kind> kind;
  if (!args.kind.empty()) {
    kind = indicator::ParseKind(args.kind);
    if (!kind) return Fail("export", base::InvalidArgumentError("kind: unknown indicator kind"));
  }
  base::Result<std::unique_ptr<CliSession>> session =
      CliSession::Open(args.store.data_dir, args.store.store_url, DataDir::Mode::kExisting);
  if (!session.ok()) return Fail("export", session.status());
  CliSession& s = **session;
  base::Result<exchange::ExportInput> input = exchange::LoadExportInput(
      *s.env().store, s.clock().Now(), kind, *index::Allowlist::BuiltIn());
  if (!input.ok()) return Fail("export", input.status());
  input->zone = args.zone;
  input->base_url = args.base_url;
  base::Result<std::string> text = exchange::Render(*format, *input);
  if (!text.ok()) return Fail("export", text.status());
  if (args.output == "-") {
    std::fwrite(text->data(), 1, text->size(), stdout);
    return kExitOk;
  }
  if (base::Status w = WriteAtomically(args.output, *text); !w.ok()) return Fail("export", w);
  if (*format == exchange::ExportFormat::kMisp) {
    // A MISP feed is a directory: the event next to its manifest.
    const std::filesystem::path dir = std::filesystem::path(args.output).parent_path();
    const std::string manifest = (dir / "manifest.json").string();
    if (base::Status w = WriteAtomically(manifest, exchange::RenderMispManifest(*input)); !w.ok()) {
      return Fail("export", w);
    }
  }
  std::fprintf(stderr, "binhyen export: %zu indicators, version %lld -> %s\n",
               input->entries.size(), static_cast<long long>(input->version), args.output.c_str());
  return kExitOk;
}

}  // namespace

void RegisterCheck(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<CheckArgs>();
  CLI::App* cmd = app.add_subcommand(
      "check",
      "Kiểm tra một đường link, số điện thoại, tài khoản... / Check a link, phone number, "
      "account...: prints the check API's JSON answer");
  AddStoreOptions(cmd, &args->store);
  cmd->add_option("kind", args->kind, "url, domain, phone, bank_account, email, social or ip")
      ->required();
  cmd->add_option("value", args->value, "The value to check")->required();
  cmd->add_option("--bank", args->bank, "For bank_account: the bank (name, code or BIN)");
  cmd->callback([args, exit_code] {
    *exit_code = RunCheck(*args);
    std::fflush(stdout);
  });
}

void RegisterExport(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ExportArgs>();
  CLI::App* cmd = app.add_subcommand(
      "export",
      "Xuất danh sách chặn / Export the confirmed indicators as a blocklist or threat-intel "
      "file");
  AddStoreOptions(cmd, &args->store);
  cmd->add_option("--format", args->format,
                  "hosts, rpz, plain, csv, stix, misp, adguard, dnsmasq or unbound")
      ->required();
  cmd->add_option("--kind", args->kind, "Only this indicator kind (url, domain, phone, ...)");
  cmd->add_option("-o,--output", args->output,
                  "Output file (written atomically; misp also writes manifest.json beside it); "
                  "default standard output");
  cmd->add_option("--zone", args->zone, "RPZ zone name; default rpz.binhyen.");
  cmd->add_option("--base-url", args->base_url, "Public URL of the portal, for links");
  cmd->callback([args, exit_code] {
    *exit_code = RunExport(*args);
    std::fflush(stdout);
  });
}

}  // namespace binhyen::app
