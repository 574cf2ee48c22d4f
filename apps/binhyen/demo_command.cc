// `binhyen demo`: fills a fresh installation with the Đức Phổ demo data set (app/demo.h).
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include "app/cli_environment.h"
#include "app/demo.h"
#include "commands.h"
#include "store_options.h"

namespace binhyen::app {
namespace {

struct DemoArgs {
  StoreOptions store;
  uint64_t seed = 1;
};

int RunDemo(const DemoArgs& args) {
  // Without migrating: CreateDemoData migrates an empty database itself, so that the migration
  // is dated with the rest of the demo's history.
  base::Result<CliEnvironment> env = OpenCliEnvironment(
      args.store.data_dir, args.store.store_url, DataDir::Mode::kCreate, SchemaAction::kAsIs);
  if (!env.ok()) return Fail("demo", env.status());
  base::SystemClock clock;
  crypto::SodiumRandom random;
  DemoOptions options;
  options.seed = args.seed;
  options.actor = CliActor();
  const std::string where = env->data_dir.root().string();
  base::Result<DemoSummary> summary = CreateDemoData(
      *env->store, env->contact_box, env->secrets_box, clock, random, where, options);
  if (!summary.ok()) return Fail("demo", summary.status());
  std::fputs(FormatDemoSummary(*summary, where).c_str(), stdout);
  return kExitOk;
}

}  // namespace

void RegisterDemo(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<DemoArgs>();
  CLI::App* demo = app.add_subcommand(
      "demo",
      "Tạo dữ liệu mẫu (thị xã Đức Phổ) trong một thư mục dữ liệu mới.\n"
      "Fill a fresh data directory with a realistic demo data set (units, users of every role, "
      "reports in every state, confirmed indicators, warnings); prints the sign-in names, the "
      "shared password, TOTP secrets and an API token");
  AddStoreOptions(demo, &args->store);
  demo->add_option("--seed", args->seed,
                   "Seed of the demo content (wards, dates, contacts, receipt codes); default 1");
  demo->callback([args, exit_code] {
    *exit_code = RunDemo(*args);
    std::fflush(stdout);
  });
}

}  // namespace binhyen::app
