// `binhyen hashclient sync|check`: the hash-prefix list client (docs/HASHLISTS.md).
//   sync  --server URL --state FILE [--lists urls,phones,accounts]
//   check --server URL --state FILE KIND VALUE
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/hash_client.h"
#include "commands.h"
#include "json_output.h"
#include "store_options.h"

namespace binhyen::app {
namespace {

struct HashClientArgs {
  std::string server;
  std::string state;
  std::string lists = "urls,phones,accounts";
  std::string kind;
  std::string value;
};

base::Result<std::vector<index::HashListKind>> ParseLists(const std::string& text) {
  std::vector<index::HashListKind> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    std::string name =
        text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    std::optional<index::HashListKind> kind = index::ParseHashListName(name);
    if (!kind) {
      return base::InvalidArgumentError("unknown list '" + name +
                                        "' (one of: urls, phones, accounts)");
    }
    out.push_back(*kind);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

int RunSync(const HashClientArgs& args) {
  base::Result<std::vector<index::HashListKind>> lists = ParseLists(args.lists);
  if (!lists.ok()) return Fail("hashclient sync", lists.status());
  base::Result<std::unique_ptr<HashListTransport>> transport =
      MakeHttpHashListTransport(args.server);
  if (!transport.ok()) return Fail("hashclient sync", transport.status());
  base::Result<HashClientState> state = LoadHashClientState(args.state);
  if (!state.ok()) return Fail("hashclient sync", state.status());
  base::Result<std::vector<HashSyncOutcome>> outcomes = SyncHashLists(**transport, *lists, &*state);
  if (!outcomes.ok()) return Fail("hashclient sync", outcomes.status());
  base::Status saved = SaveHashClientState(args.state, *state);
  if (!saved.ok()) return Fail("hashclient sync", saved);
  for (const HashSyncOutcome& o : *outcomes) {
    std::printf("%s\n", DumpLine(nlohmann::json{{"list", index::HashListName(o.list)},
                                                {"from_version", o.from_version},
                                                {"version", o.to_version},
                                                {"full", o.full},
                                                {"resynced", o.resynced},
                                                {"prefixes", o.prefixes}})
                            .c_str());
  }
  return kExitOk;
}

int RunCheck(const HashClientArgs& args) {
  std::optional<indicator::Kind> kind = indicator::ParseKind(args.kind);
  if (!kind) {
    return Fail("hashclient check", base::InvalidArgumentError("unknown kind '" + args.kind + "'"));
  }
  base::Result<std::unique_ptr<HashListTransport>> transport =
      MakeHttpHashListTransport(args.server);
  if (!transport.ok()) return Fail("hashclient check", transport.status());
  base::Result<HashClientState> state = LoadHashClientState(args.state);
  if (!state.ok()) return Fail("hashclient check", state.status());
  crypto::SodiumRandom random;  // decoy prefixes in each search
  base::Result<HashCheckResult> result = HashCheck(**transport, *state, *kind, args.value, &random);
  if (!result.ok()) return Fail("hashclient check", result.status());
  std::printf("%s\n", HashCheckResultToJson(*result).c_str());
  return kExitOk;
}

void AddCommon(CLI::App* cmd, HashClientArgs* args) {
  cmd->add_option("--server", args->server, "Server base URL, e.g. http://127.0.0.1:8080")
      ->required();
  cmd->add_option("--state", args->state, "The local state file (lists and versions)")->required();
}

}  // namespace

void RegisterHashClient(CLI::App& app, int* exit_code) {
  CLI::App* hc = app.add_subcommand(
      "hashclient", "Kiểm tra cục bộ bằng danh sách tiền tố băm / Hash-prefix list client");
  hc->require_subcommand(1);
  auto args = std::make_shared<HashClientArgs>();
  CLI::App* sync = hc->add_subcommand("sync", "Download or update the hash-prefix lists");
  AddCommon(sync, args.get());
  sync->add_option("--lists", args->lists, "Comma-separated lists (urls,phones,accounts)");
  sync->callback([args, exit_code] {
    *exit_code = RunSync(*args);
    std::fflush(stdout);
  });
  CLI::App* check = hc->add_subcommand(
      "check", "Check one value locally; only matching 4-byte prefixes are sent to the server");
  AddCommon(check, args.get());
  check->add_option("kind", args->kind, "url, domain, ip, phone or bank_account")->required();
  check->add_option("value", args->value, "The value to check")->required();
  check->callback([args, exit_code] {
    *exit_code = RunCheck(*args);
    std::fflush(stdout);
  });
}

}  // namespace binhyen::app
