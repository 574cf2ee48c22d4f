// binhyen: the single binary of Bình Yên. Subcommands are registered from commands.h.
#include <CLI/CLI.hpp>
#include <cstdio>

#include "commands.h"

int main(int argc, char** argv) {
  CLI::App app{
      "Bình Yên (binhyen): báo cáo, kiểm tra và cảnh báo lừa đảo trực tuyến.\n"
      "Community cyber-safety platform: report, verify, check and publish online scams."};
  app.set_version_flag("--version", std::string("binhyen ") + BINHYEN_VERSION);
  app.require_subcommand(1);
  app.fallthrough(false);

  int exit_code = binhyen::app::kExitOk;
  binhyen::app::RegisterNormalize(app, &exit_code);
  binhyen::app::RegisterExtract(app, &exit_code);

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
