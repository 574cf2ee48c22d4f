// `binhyen backup --to FILE` and `binhyen restore --from FILE [--force]`.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>

#include "app/backup.h"
#include "app/cli_environment.h"
#include "commands.h"
#include "store_options.h"

namespace binhyen::app {
namespace {

struct BackupArgs {
  StoreOptions store;
  std::string file;
  bool force = false;
};

std::string Absolute(const std::string& path) {
  std::error_code ec;
  std::filesystem::path abs = std::filesystem::absolute(path, ec);
  return ec ? path : abs.lexically_normal().string();
}

int RunBackup(const BackupArgs& args) {
  base::Result<std::unique_ptr<CliSession>> session =
      CliSession::Open(args.store.data_dir, args.store.store_url, DataDir::Mode::kExisting);
  if (!session.ok()) return Fail("backup", session.status());
  const std::string to = Absolute(args.file);
  base::Status status = (*session)->env().store->Backup(to);
  if (!status.ok()) return Fail("backup", status);
  std::printf("backup written to %s\n", to.c_str());
  // The contact key is deliberately not in the backup (a leaked backup must not reveal reporters'
  // contact data); without it the restored contact data cannot be read.
  std::fprintf(stderr,
               "note: reporters' contact data in the backup is encrypted with %s, which is not "
               "in the backup: keep a copy of that key in a separate safe place\n",
               (*session)->env().data_dir.contact_key().c_str());
  return kExitOk;
}

int RunRestore(const BackupArgs& args) {
  base::Result<DataDir> dir = DataDir::Open(args.store.data_dir, DataDir::Mode::kCreate);
  if (!dir.ok()) return Fail("restore", dir.status());
  const std::string from = Absolute(args.file);
  std::error_code ec;
  const bool had_key = std::filesystem::exists(dir->contact_key(), ec);
  base::Result<RestoreOutcome> outcome = RestoreStore(*dir, args.store.store_url, from, args.force);
  if (!outcome.ok()) return Fail("restore", outcome.status());

  // The restore itself is recorded in the restored store's audit log.
  base::Result<std::unique_ptr<CliSession>> session =
      CliSession::Open(args.store.data_dir, args.store.store_url, DataDir::Mode::kExisting);
  if (!session.ok()) return Fail("restore", session.status());
  base::Status audited =
      (*session)->admin().RecordAudit("store.restore", "store",
                                      "restored from " + from +
                                          (outcome->replaced ? " (replacing a non-empty "
                                                               "store, --force)"
                                                             : ""));
  if (!audited.ok()) return Fail("restore", audited);
  std::printf("restored %s: schema version %d, %lld users, %lld reports, %lld audit entries\n",
              from.c_str(), outcome->schema_version,
              static_cast<long long>(outcome->contents.users),
              static_cast<long long>(outcome->contents.reports),
              static_cast<long long>(outcome->contents.audit_entries));
  if (!had_key) {
    std::fprintf(stderr,
                 "note: %s was created new; to read reporters' contact data from this backup, "
                 "put the original data directory's contact.key there instead\n",
                 dir->contact_key().c_str());
  }
  return kExitOk;
}

}  // namespace

void RegisterBackup(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<BackupArgs>();
  CLI::App* cmd = app.add_subcommand(
      "backup",
      "Write a consistent online copy of the store to FILE (SQLite backup API / pg_dump)");
  AddStoreOptions(cmd, &args->store);
  cmd->add_option("--to", args->file, "Destination file (must not exist)")->required();
  cmd->callback([args, exit_code] {
    *exit_code = RunBackup(*args);
    std::fflush(stdout);
  });
}

void RegisterRestore(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<BackupArgs>();
  CLI::App* cmd = app.add_subcommand(
      "restore",
      "Replace the store with a backup made by `binhyen backup` (stop the server first)");
  AddStoreOptions(cmd, &args->store);
  cmd->add_option("--from", args->file, "The backup file")->required();
  cmd->add_flag("--force", args->force, "Replace a store that is not empty");
  cmd->callback([args, exit_code] {
    *exit_code = RunRestore(*args);
    std::fflush(stdout);
  });
}

}  // namespace binhyen::app
