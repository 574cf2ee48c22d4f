#pragma once

#include <CLI/CLI.hpp>
#include <iosfwd>

namespace binhyen::app {

// Exit codes shared by every subcommand.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;   // an operation failed (I/O, internal)
inline constexpr int kExitBadInput = 2;  // the user's input or arguments are invalid

// Each Register* adds one subcommand to `app`; its callback stores the exit code in `*exit_code`.
void RegisterNormalize(CLI::App& app, int* exit_code);
void RegisterExtract(CLI::App& app, int* exit_code);
// Storage commands; each accepts --data DIR and --store URL.
void RegisterMigrate(CLI::App& app, int* exit_code);
void RegisterUser(CLI::App& app, int* exit_code);   // user add | list | disable
void RegisterToken(CLI::App& app, int* exit_code);  // token create
void RegisterAudit(CLI::App& app, int* exit_code);  // audit verify | list
void RegisterBackup(CLI::App& app, int* exit_code);
void RegisterRestore(CLI::App& app, int* exit_code);
void RegisterReport(CLI::App& app, int* exit_code);  // report submit | show
void RegisterDemo(CLI::App& app, int* exit_code);    // demo data for local trials
void RegisterServe(CLI::App& app, int* exit_code);
void RegisterCheck(CLI::App& app, int* exit_code);   // check KIND VALUE
void RegisterExport(CLI::App& app, int* exit_code);  // export --format F [-o FILE]
void RegisterImport(CLI::App& app, int* exit_code);  // import FILE | --list | --enable/--disable
void RegisterHashClient(CLI::App& app, int* exit_code);  // hashclient sync | check
void RegisterTrain(CLI::App& app, int* exit_code);       // train --data FILE -o MODEL | --cv K
void RegisterScan(CLI::App& app, int* exit_code);     // scan [--json] [--image F] [FILE] | --batch
void RegisterPrivacy(CLI::App& app, int* exit_code);  // privacy purge [--dry-run]
void RegisterReview(CLI::App& app, int* exit_code);   // review --from --to --format -o
void RegisterPeer(CLI::App& app, int* exit_code);     // peer key | add | list | set | remove | pull

}  // namespace binhyen::app
