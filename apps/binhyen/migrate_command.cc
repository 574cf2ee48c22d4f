// `binhyen migrate --data DIR [--store URL]`: brings the store's schema up to date.
#include <cstdio>
#include <memory>

#include "app/cli_environment.h"
#include "commands.h"
#include "store_options.h"

namespace binhyen::app {
namespace {

int RunMigrate(const StoreOptions& options) {
  base::Result<std::unique_ptr<CliSession>> session =
      CliSession::Open(options.data_dir, options.store_url, DataDir::Mode::kCreate);
  if (!session.ok()) return Fail("migrate", session.status());
  std::printf("schema version %d\n", (*session)->migrated().to_version);
  return kExitOk;
}

}  // namespace

void RegisterMigrate(CLI::App& app, int* exit_code) {
  auto options = std::make_shared<StoreOptions>();
  CLI::App* cmd = app.add_subcommand(
      "migrate", "Create or upgrade the store's schema; prints the schema version reached");
  AddStoreOptions(cmd, options.get());
  cmd->callback([options, exit_code] {
    *exit_code = RunMigrate(*options);
    std::fflush(stdout);
  });
}

}  // namespace binhyen::app
