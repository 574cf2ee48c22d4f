// `binhyen token create --data DIR --user NAME [--scope S ...]`: a bearer token for the API.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "app/admin.h"
#include "app/cli_environment.h"
#include "commands.h"
#include "store_options.h"

namespace binhyen::app {
namespace {

struct TokenArgs {
  StoreOptions store;
  std::string user;
  std::vector<std::string> scopes;
};

int RunCreate(const TokenArgs& args) {
  base::Result<std::unique_ptr<CliSession>> session =
      CliSession::Open(args.store.data_dir, args.store.store_url, DataDir::Mode::kExisting);
  if (!session.ok()) return Fail("token create", session.status());
  Admin& admin = (*session)->admin();
  base::Result<CreatedToken> created = admin.CreateToken(args.user, args.scopes);
  if (!created.ok()) return Fail("token create", created.status());
  std::string scopes;
  for (const std::string& s : created->stored.scopes) scopes += (scopes.empty() ? "" : ",") + s;
  std::printf("created API token %lld for user %s (scopes: %s); it is shown only this once:\n",
              static_cast<long long>(created->id), args.user.c_str(),
              scopes.empty() ? "none" : scopes.c_str());
  // The token alone on the last line, for scripts: `binhyen token create ... | tail -n 1`.
  std::printf("%s\n", created->token.c_str());
  return kExitOk;
}

}  // namespace

void RegisterToken(CLI::App& app, int* exit_code) {
  CLI::App* token = app.add_subcommand("token", "Manage API bearer tokens");
  token->require_subcommand(1);
  auto args = std::make_shared<TokenArgs>();
  CLI::App* create = token->add_subcommand(
      "create",
      "Create a bearer token for a user; printed once on the last line, only its hash is kept");
  AddStoreOptions(create, &args->store);
  create->add_option("--user", args->user, "Login name of the token's owner")->required();
  create->add_option("--scope", args->scopes, "A scope, e.g. reports:write (repeatable)")
      ->allow_extra_args(false);
  create->callback([args, exit_code] {
    *exit_code = RunCreate(*args);
    std::fflush(stdout);
  });
}

}  // namespace binhyen::app
