// binhyen: the single binary of Bình Yên. Subcommands are registered from commands.h.
#include <sys/stat.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

#include "commands.h"

namespace {

int Run(int argc, char** argv) {
  // Nothing binhyen creates (database, evidence, keys, backups) is for other local users: keep
  // the caller's umask but never let it grant anything to "others" or write to the group.
  ::umask(::umask(0) | 027);
  CLI::App app{
      "Bình Yên (binhyen): báo cáo, kiểm tra và cảnh báo lừa đảo trực tuyến.\n"
      "Community cyber-safety platform: report, verify, check and publish online scams."};
  app.set_version_flag("--version", std::string("binhyen ") + BINHYEN_VERSION);
  app.require_subcommand(1);
  app.fallthrough(false);

  int exit_code = binhyen::app::kExitOk;
  binhyen::app::RegisterNormalize(app, &exit_code);
  binhyen::app::RegisterExtract(app, &exit_code);
  binhyen::app::RegisterMigrate(app, &exit_code);
  binhyen::app::RegisterUser(app, &exit_code);
  binhyen::app::RegisterToken(app, &exit_code);
  binhyen::app::RegisterAudit(app, &exit_code);
  binhyen::app::RegisterBackup(app, &exit_code);
  binhyen::app::RegisterRestore(app, &exit_code);
  binhyen::app::RegisterReport(app, &exit_code);
  binhyen::app::RegisterDemo(app, &exit_code);
  binhyen::app::RegisterServe(app, &exit_code);
  binhyen::app::RegisterCheck(app, &exit_code);
  binhyen::app::RegisterExport(app, &exit_code);
  binhyen::app::RegisterImport(app, &exit_code);
  binhyen::app::RegisterHashClient(app, &exit_code);
  binhyen::app::RegisterTrain(app, &exit_code);
  binhyen::app::RegisterScan(app, &exit_code);
  binhyen::app::RegisterPrivacy(app, &exit_code);
  binhyen::app::RegisterReview(app, &exit_code);
  binhyen::app::RegisterPeer(app, &exit_code);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // Usage errors are bad input: one clear line, exit 2.
    app.exit(e);
    return binhyen::app::kExitBadInput;
  }
  return exit_code;
}

}  // namespace

int main(int argc, char** argv) {
  // Library exceptions are turned into Status values where the library is called; anything that
  // still escapes is a bug, reported in one line rather than as an abort.
  try {
    return Run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "binhyen: internal error: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "binhyen: internal error\n");
  }
  return binhyen::app::kExitFailure;
}
