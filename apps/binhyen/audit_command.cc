// `binhyen audit verify|list`: the hash-chained audit log.
#include <cstdio>
#include <memory>
#include <string>

#include "app/admin.h"
#include "app/cli_environment.h"
#include "commands.h"
#include "store_options.h"

namespace binhyen::app {
namespace {

struct AuditArgs {
  StoreOptions store;
  int limit = 50;
};

int RunVerify(const AuditArgs& args) {
  base::Result<std::unique_ptr<CliSession>> session =
      CliSession::Open(args.store.data_dir, args.store.store_url, DataDir::Mode::kExisting);
  if (!session.ok()) return Fail("audit verify", session.status());
  Admin& admin = (*session)->admin();
  base::Result<AuditVerification> result = admin.VerifyAudit();
  if (!result.ok()) return Fail("audit verify", result.status());
  if (!result->first_break.ok()) {
    // A broken chain is the finding of this command, not bad input: exit 1.
    std::fprintf(stderr,
                 "binhyen audit verify: audit chain broken: %s (%lld earlier entries intact)\n",
                 result->first_break.message().c_str(), static_cast<long long>(result->entries));
    return kExitFailure;
  }
  std::printf("audit chain intact: %lld entries\n", static_cast<long long>(result->entries));
  return kExitOk;
}

int RunList(const AuditArgs& args) {
  base::Result<std::unique_ptr<CliSession>> session =
      CliSession::Open(args.store.data_dir, args.store.store_url, DataDir::Mode::kExisting);
  if (!session.ok()) return Fail("audit list", session.status());
  Admin& admin = (*session)->admin();
  base::Result<std::vector<domain::AuditEntry>> entries = admin.RecentAudit(args.limit);
  if (!entries.ok()) return Fail("audit list", entries.status());
  std::printf("seq\tat\tactor\taction\ttarget\tsummary\n");
  for (const domain::AuditEntry& e : *entries) {
    std::printf("%lld\t%s\t%s\t%s\t%s\t%s\n", static_cast<long long>(e.seq),
                base::FormatRfc3339(e.at).c_str(), e.actor.c_str(), e.action.c_str(),
                e.target.c_str(), e.summary.c_str());
  }
  return kExitOk;
}

}  // namespace

void RegisterAudit(CLI::App& app, int* exit_code) {
  CLI::App* audit = app.add_subcommand("audit", "Check and read the audit log");
  audit->require_subcommand(1);

  auto verify_args = std::make_shared<AuditArgs>();
  CLI::App* verify = audit->add_subcommand(
      "verify", "Check the hash chain; exit 0 when intact, 1 naming the first broken entry");
  AddStoreOptions(verify, &verify_args->store);
  verify->callback([verify_args, exit_code] {
    *exit_code = RunVerify(*verify_args);
    std::fflush(stdout);
  });

  auto list_args = std::make_shared<AuditArgs>();
  CLI::App* list = audit->add_subcommand("list", "Print the most recent entries, oldest first");
  AddStoreOptions(list, &list_args->store);
  list->add_option("--limit", list_args->limit, "How many entries (1..10000); default 50");
  list->callback([list_args, exit_code] {
    *exit_code = RunList(*list_args);
    std::fflush(stdout);
  });
}

}  // namespace binhyen::app
