// `binhyen serve --data DIR --listen HOST:PORT [--store URL] [--tls-cert FILE --tls-key FILE]
// [--config FILE]`: runs the server until SIGTERM / SIGINT. Settings come from the defaults, then
// the TOML file, then BINHYEN_* environment variables, then these flags.
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "app/config.h"
#include "app/server_app.h"
#include "base/logging.h"
#include "commands.h"
#include "store_options.h"

namespace binhyen::app {
namespace {

struct ServeFlags {
  std::optional<std::string> data_dir;
  std::optional<std::string> listen;
  std::optional<std::string> store_url;
  std::optional<std::string> tls_cert;
  std::optional<std::string> tls_key;
  std::string config_file;
};

int RunServe(const ServeFlags& flags) {
  base::Result<ServeConfig> config = LoadServeConfig(flags.config_file, ProcessEnvironment());
  if (!config.ok()) return Fail("serve", config.status());
  if (flags.data_dir) config->data = *flags.data_dir;
  if (flags.listen) config->listen = *flags.listen;
  if (flags.store_url) config->store = *flags.store_url;
  if (flags.tls_cert) config->tls_cert = *flags.tls_cert;
  if (flags.tls_key) config->tls_key = *flags.tls_key;
  if (base::Result<HostPort> hp = ParseHostPort(config->listen); !hp.ok()) {
    return Fail("serve", hp.status());
  }
  base::LogLevel level = base::LogLevel::kDebug;  // "trace" logs as much as we have
  if (config->level != "trace" && !base::ParseLogLevel(config->level, &level)) {
    return Fail("serve", base::InvalidArgumentError("log level: unknown '" + config->level + "'"));
  }
  base::InitLogging(level);
  base::Result<std::unique_ptr<ServerApp>> app = ServerApp::Create(*config);
  if (!app.ok()) return Fail("serve", app.status());
  if (base::Status s = (*app)->Start(); !s.ok()) return Fail("serve", s);
  (*app)->RunUntilSignalled();
  return kExitOk;
}

}  // namespace

void RegisterServe(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<ServeFlags>();
  CLI::App* cmd = app.add_subcommand(
      "serve", "Run the web server (portal, API) until SIGTERM or SIGINT (Ctrl-C)");
  cmd->add_option_function<std::string>(
      "--data", [flags](const std::string& v) { flags->data_dir = v; },
      "Data directory (binhyen.db, evidence/, keys/, backups/); default ./var");
  cmd->add_option_function<std::string>(
      "--listen", [flags](const std::string& v) { flags->listen = v; },
      "Address to listen on, HOST:PORT; default 127.0.0.1:8080");
  cmd->add_option_function<std::string>(
      "--store", [flags](const std::string& v) { flags->store_url = v; },
      "Store URL: sqlite:PATH or postgres://...; default sqlite:<data>/binhyen.db");
  cmd->add_option_function<std::string>(
      "--tls-cert", [flags](const std::string& v) { flags->tls_cert = v; },
      "Serve HTTPS: PEM certificate chain (server certificate first); needs --tls-key");
  cmd->add_option_function<std::string>(
      "--tls-key", [flags](const std::string& v) { flags->tls_key = v; },
      "PEM private key of --tls-cert");
  cmd->add_option("--config", flags->config_file,
                  "TOML configuration file (see deploy/binhyen.toml.example)");
  cmd->callback([flags, exit_code] {
    *exit_code = RunServe(*flags);
    std::fflush(stdout);
  });
}

}  // namespace binhyen::app
