// `binhyen privacy purge [--dry-run] [--days N] [--config FILE] --data DIR`: erases the contact
// details of reports decided (and disputes resolved) more than [privacy] contact_retention_days
// ago (what `binhyen serve` also does every hour), printing how many were erased.
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "app/admin.h"
#include "app/cli_environment.h"
#include "app/config.h"
#include "commands.h"
#include "service/contact_retention.h"
#include "store_options.h"

namespace binhyen::app {
namespace {

struct PurgeArgs {
  StoreOptions store;
  std::string config_file;
  std::optional<int> days;
  bool dry_run = false;
};

int RunPurge(const PurgeArgs& args) {
  // The retention comes from the server's settings (defaults, the file, BINHYEN_* variables),
  // so the command and `serve` agree; --days overrides it.
  base::Result<ServeConfig> config = LoadServeConfig(args.config_file, ProcessEnvironment());
  if (!config.ok()) return Fail("privacy purge", config.status());
  const int days = args.days.value_or(config->contact_retention_days);
  if (days < service::kMinContactRetentionDays) {
    return Fail("privacy purge", base::InvalidArgumentError("--days: must be at least 1"));
  }
  base::Result<std::unique_ptr<CliSession>> session =
      CliSession::Open(args.store.data_dir, args.store.store_url, DataDir::Mode::kExisting);
  if (!session.ok()) return Fail("privacy purge", session.status());
  service::ContactRetention retention(*(*session)->env().store, (*session)->clock(),
                                      {.retention = std::chrono::days(days)});
  base::Result<service::PurgeOutcome> outcome = retention.Purge(args.dry_run, CliActor());
  if (!outcome.ok()) return Fail("privacy purge", outcome.status());
  std::printf(
      "%s the contact details of %lld reports and %lld disputes decided before %s (retention %d "
      "days)\n",
      args.dry_run ? "would erase" : "erased", static_cast<long long>(outcome->report_ids.size()),
      static_cast<long long>(outcome->dispute_ids.size()),
      base::FormatRfc3339(outcome->cutoff).c_str(), days);
  return kExitOk;
}

}  // namespace

void RegisterPrivacy(CLI::App& app, int* exit_code) {
  CLI::App* privacy = app.add_subcommand("privacy", "Retention of reporters' contact details");
  privacy->require_subcommand(1);

  auto args = std::make_shared<PurgeArgs>();
  CLI::App* purge = privacy->add_subcommand(
      "purge", "Erase the contact details of reports decided more than contact_retention_days ago");
  AddStoreOptions(purge, &args->store);
  purge->add_flag("--dry-run", args->dry_run, "Only count what would be erased");
  purge->add_option("--days", args->days,
                    "Retention in days (>= 1); default [privacy] contact_retention_days");
  purge->add_option("--config", args->config_file,
                    "The server's TOML settings (for contact_retention_days)");
  purge->callback([args, exit_code] {
    *exit_code = RunPurge(*args);
    std::fflush(stdout);
  });
}

}  // namespace binhyen::app
