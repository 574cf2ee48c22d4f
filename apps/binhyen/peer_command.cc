// `binhyen peer`: federation with other instances (docs/API.md, "Federation").
//
//   binhyen peer key [--data DIR]          our public key (the key is created when missing)
//   binhyen peer add URL --key PUBKEY [--name NAME] [--trust low|medium|high] [--relay]
//   binhyen peer list [--json]
//   binhyen peer set NAME [--trust T] [--relay|--no-relay] [--enable|--disable] [--url U]
//                         [--key K]
//   binhyen peer remove NAME
//   binhyen peer pull [NAME]               pull now (every enabled peer without NAME)
//   binhyen peer conflicts [--all] [--resolve ID]
// Every subcommand takes --data DIR and --store URL. Exit codes: 0 done; 1 store, I/O or pull
// failures; 2 bad arguments (unknown peer, malformed key or URL, duplicate).
#include <cstdio>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "app/admin.h"
#include "app/cli_environment.h"
#include "app/federation_fetcher_http.h"
#include "commands.h"
#include "crypto/random.h"
#include "crypto/sign.h"
#include "domain/feed.h"
#include "json_output.h"
#include "service/federation.h"
#include "store_options.h"

namespace binhyen::app {
namespace {

struct PeerArgs {
  StoreOptions store;
  std::string url;
  std::string key;
  std::string name;
  std::string trust;
  bool relay = false;
  bool no_relay = false;
  bool enable = false;
  bool disable = false;
  bool json = false;
  bool all = false;
  int64_t resolve = 0;
};

// What every subcommand but `key` runs on: the session, our key, a Federation.
struct PeerContext {
  std::unique_ptr<CliSession> session;
  std::unique_ptr<crypto::SigningKey> key;
  HttpFederationFetcher fetcher;
  std::unique_ptr<service::Federation> federation;
};

base::Result<std::unique_ptr<PeerContext>> OpenContext(const PeerArgs& args) {
  auto context = std::make_unique<PeerContext>();
  BINHYEN_ASSIGN_OR_RETURN(
      context->session,
      CliSession::Open(args.store.data_dir, args.store.store_url, DataDir::Mode::kExisting));
  BINHYEN_ASSIGN_OR_RETURN(
      crypto::SigningKey key,
      crypto::SigningKey::LoadOrCreate(FederationKeyFile(context->session->env().data_dir),
                                       context->session->random()));
  context->key = std::make_unique<crypto::SigningKey>(std::move(key));
  context->federation = std::make_unique<service::Federation>(
      *context->session->env().store, *context->key, context->session->clock(), &context->fetcher,
      service::FederationOptions{});
  return context;
}

base::Result<std::optional<domain::FeedTrust>> ParseTrust(const std::string& text) {
  if (text.empty()) return std::optional<domain::FeedTrust>();
  std::optional<domain::FeedTrust> trust = domain::ParseFeedTrust(text);
  if (!trust) return base::InvalidArgumentError("--trust: must be low, medium or high");
  return trust;
}

std::string Time(const std::optional<base::TimePoint>& t) {
  return t ? base::FormatRfc3339(*t) : "-";
}

int RunKey(const PeerArgs& args) {
  base::Result<DataDir> dir = DataDir::Open(args.store.data_dir, DataDir::Mode::kCreate);
  if (!dir.ok()) return Fail("peer key", dir.status());
  crypto::SodiumRandom random;
  base::Result<crypto::SigningKey> key =
      crypto::SigningKey::LoadOrCreate(FederationKeyFile(*dir), random);
  if (!key.ok()) return Fail("peer key", key.status());
  std::printf("%s\n", key->verify_key().ToBase64().c_str());
  return kExitOk;
}

int RunAdd(const PeerArgs& args) {
  if (args.url.empty()) return Fail("peer add", base::InvalidArgumentError("URL is required"));
  if (args.key.empty()) return Fail("peer add", base::InvalidArgumentError("--key is required"));
  base::Result<std::optional<domain::FeedTrust>> trust = ParseTrust(args.trust);
  if (!trust.ok()) return Fail("peer add", trust.status());
  base::Result<std::unique_ptr<PeerContext>> context = OpenContext(args);
  if (!context.ok()) return Fail("peer add", context.status());
  service::PeerSettings settings;
  settings.url = args.url;
  settings.public_key = args.key;
  settings.name = args.name;
  settings.trust = trust->value_or(domain::FeedTrust::kMedium);
  settings.relay = args.relay;
  base::Result<domain::Peer> peer = (*context)->federation->AddPeer(settings, CliActor());
  if (!peer.ok()) return Fail("peer add", peer.status());
  std::printf("Đã thêm đơn vị liên kết '%s' / Peer '%s' added (%s, trust %s%s).\n",
              peer->name.c_str(), peer->name.c_str(), peer->url.c_str(),
              std::string(domain::Name(peer->trust)).c_str(), peer->relay ? ", relay" : "");
  return kExitOk;
}

int RunList(const PeerArgs& args) {
  base::Result<std::unique_ptr<PeerContext>> context = OpenContext(args);
  if (!context.ok()) return Fail("peer list", context.status());
  base::Result<std::vector<domain::Peer>> peers = (*context)->federation->ListPeers();
  if (!peers.ok()) return Fail("peer list", peers.status());
  // The active entries of each peer's source.
  std::map<int64_t, int64_t> entries;
  if (auto tx = (*context)->session->env().store->Begin(store::TxMode::kReadOnly); tx.ok()) {
    if (auto sources = (*tx)->Feeds().ListSources(); sources.ok()) {
      for (const domain::FeedSource& s : *sources) entries[s.id] = s.active_entries;
    }
  }
  if (args.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const domain::Peer& p : *peers) {
      out.push_back({{"name", p.name},
                     {"url", p.url},
                     {"public_key", p.public_key},
                     {"trust", domain::Name(p.trust)},
                     {"relay", p.relay},
                     {"enabled", p.enabled},
                     {"cursor", p.cursor},
                     {"last_success_at", Time(p.last_success_at)},
                     {"last_attempt_at", Time(p.last_attempt_at)},
                     {"last_error", p.last_error},
                     {"entries", entries[p.feed_source_id]}});
    }
    std::printf("%s\n", DumpLine(out).c_str());
    return kExitOk;
  }
  std::printf("name\turl\ttrust\trelay\tenabled\tcursor\tlast_success\tentries\tlast_error\n");
  for (const domain::Peer& p : *peers) {
    std::printf("%s\t%s\t%s\t%s\t%s\t%lld\t%s\t%lld\t%s\n", p.name.c_str(), p.url.c_str(),
                std::string(domain::Name(p.trust)).c_str(), p.relay ? "yes" : "no",
                p.enabled ? "yes" : "no", static_cast<long long>(p.cursor),
                Time(p.last_success_at).c_str(), static_cast<long long>(entries[p.feed_source_id]),
                p.last_error.empty() ? "-" : p.last_error.c_str());
  }
  return kExitOk;
}

int RunSet(const PeerArgs& args) {
  if (args.name.empty()) return Fail("peer set", base::InvalidArgumentError("NAME is required"));
  if (args.relay && args.no_relay) {
    return Fail("peer set", base::InvalidArgumentError("give --relay or --no-relay, not both"));
  }
  if (args.enable && args.disable) {
    return Fail("peer set", base::InvalidArgumentError("give --enable or --disable, not both"));
  }
  base::Result<std::optional<domain::FeedTrust>> trust = ParseTrust(args.trust);
  if (!trust.ok()) return Fail("peer set", trust.status());
  service::PeerChanges changes;
  changes.trust = *trust;
  if (args.relay || args.no_relay) changes.relay = args.relay;
  if (args.enable || args.disable) changes.enabled = args.enable;
  if (!args.url.empty()) changes.url = args.url;
  if (!args.key.empty()) changes.public_key = args.key;
  base::Result<std::unique_ptr<PeerContext>> context = OpenContext(args);
  if (!context.ok()) return Fail("peer set", context.status());
  base::Result<domain::Peer> peer =
      (*context)->federation->UpdatePeer(args.name, changes, CliActor());
  if (!peer.ok()) return Fail("peer set", peer.status());
  std::printf("Đã cập nhật '%s' / Peer '%s' updated (trust %s, relay %s, enabled %s).\n",
              peer->name.c_str(), peer->name.c_str(),
              std::string(domain::Name(peer->trust)).c_str(), peer->relay ? "yes" : "no",
              peer->enabled ? "yes" : "no");
  return kExitOk;
}

int RunRemove(const PeerArgs& args) {
  if (args.name.empty()) {
    return Fail("peer remove", base::InvalidArgumentError("NAME is required"));
  }
  base::Result<std::unique_ptr<PeerContext>> context = OpenContext(args);
  if (!context.ok()) return Fail("peer remove", context.status());
  base::Status removed = (*context)->federation->RemovePeer(args.name, CliActor());
  if (!removed.ok()) return Fail("peer remove", removed);
  std::printf("Đã gỡ '%s' / Peer '%s' removed; its listings are no longer used.\n",
              args.name.c_str(), args.name.c_str());
  return kExitOk;
}

void PrintOutcome(const service::PullOutcome& o) {
  if (!o.error.empty()) {
    std::printf("%s: lỗi / error: %s\n", o.peer.c_str(), o.error.c_str());
    return;
  }
  std::printf(
      "%s: %d trang/pages, %lld liệt kê/listed, %lld gỡ/removed, %lld bỏ qua/dropped, "
      "%lld xung đột/conflicts, %lld chuyển tiếp/relayed, %lld cảnh báo/warnings; cursor %lld\n",
      o.peer.c_str(), o.pages, static_cast<long long>(o.listed), static_cast<long long>(o.removed),
      static_cast<long long>(o.dropped), static_cast<long long>(o.conflicts),
      static_cast<long long>(o.relayed), static_cast<long long>(o.warnings),
      static_cast<long long>(o.cursor));
}

int RunPull(const PeerArgs& args) {
  base::Result<std::unique_ptr<PeerContext>> context = OpenContext(args);
  if (!context.ok()) return Fail("peer pull", context.status());
  service::Federation& federation = *(*context)->federation;
  std::vector<service::PullOutcome> outcomes;
  if (!args.name.empty()) {
    base::Result<service::PullOutcome> outcome = federation.PullByName(args.name);
    if (!outcome.ok()) return Fail("peer pull", outcome.status());
    outcomes.push_back(*outcome);
  } else {
    base::Result<std::vector<domain::Peer>> peers = federation.ListPeers();
    if (!peers.ok()) return Fail("peer pull", peers.status());
    for (const domain::Peer& p : *peers) {
      if (p.enabled) outcomes.push_back(federation.Pull(p));
    }
  }
  bool failed = false;
  for (const service::PullOutcome& o : outcomes) {
    PrintOutcome(o);
    failed = failed || !o.error.empty();
  }
  return failed ? kExitFailure : kExitOk;
}

int RunConflicts(const PeerArgs& args) {
  base::Result<std::unique_ptr<PeerContext>> context = OpenContext(args);
  if (!context.ok()) return Fail("peer conflicts", context.status());
  service::Federation& federation = *(*context)->federation;
  if (args.resolve > 0) {
    base::Status resolved = federation.ResolveConflict(args.resolve, CliActor());
    if (!resolved.ok()) return Fail("peer conflicts", resolved);
    std::printf("Đã xử lý xung đột %lld / Conflict %lld resolved.\n",
                static_cast<long long>(args.resolve), static_cast<long long>(args.resolve));
    return kExitOk;
  }
  base::Result<std::vector<domain::FederationConflict>> conflicts =
      federation.ListConflicts(!args.all);
  if (!conflicts.ok()) return Fail("peer conflicts", conflicts.status());
  base::Result<std::vector<domain::Peer>> peers = federation.ListPeers();
  std::map<int64_t, std::string> names;
  if (peers.ok()) {
    for (const domain::Peer& p : *peers) names[p.id] = p.name;
  }
  std::printf("id\tpeer\tkind\tvalue\tremote_state\tseen_at\tresolved_at\n");
  for (const domain::FederationConflict& c : *conflicts) {
    std::printf("%lld\t%s\t%s\t%s\t%s\t%s\t%s\n", static_cast<long long>(c.id),
                names.contains(c.peer_id) ? names[c.peer_id].c_str() : "?",
                std::string(indicator::KindName(c.kind)).c_str(), c.canonical.c_str(),
                std::string(domain::Name(c.remote_state)).c_str(),
                base::FormatRfc3339(c.seen_at).c_str(), Time(c.resolved_at).c_str());
  }
  return kExitOk;
}

}  // namespace

void RegisterPeer(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<PeerArgs>();
  CLI::App* peer = app.add_subcommand(
      "peer", "Liên kết với đơn vị khác / Federation with other Bình Yên instances");
  peer->require_subcommand(1);
  auto add = [&](const char* name, const char* help, int (*run)(const PeerArgs&)) {
    CLI::App* cmd = peer->add_subcommand(name, help);
    AddStoreOptions(cmd, &args->store);
    cmd->callback([args, exit_code, run] { *exit_code = run(*args); });
    return cmd;
  };
  add("key", "Khoá công khai của máy chủ này / Print this instance's public key", RunKey);
  CLI::App* cmd = add("add", "Thêm đơn vị liên kết / Add a peer whose feed we pull", RunAdd);
  cmd->add_option("URL", args->url, "The peer's base URL, http(s)://host[:port][/path]");
  cmd->add_option("--key", args->key, "The peer's public key (its `binhyen peer key`)");
  cmd->add_option("--name", args->name, "1..59 of a-z 0-9 . _ - (default: from the host)");
  cmd->add_option("--trust", args->trust, "low, medium (default) or high");
  cmd->add_flag("--relay", args->relay, "Republish what it sends in our own feed");
  cmd = add("list", "Danh sách đơn vị liên kết / List the peers", RunList);
  cmd->add_flag("--json", args->json, "One JSON array");
  cmd = add("set", "Sửa đơn vị liên kết / Change a peer", RunSet);
  cmd->add_option("NAME", args->name, "The peer")->required();
  cmd->add_option("--trust", args->trust, "low, medium or high");
  cmd->add_flag("--relay", args->relay, "Republish what it sends");
  cmd->add_flag("--no-relay", args->no_relay, "Stop republishing");
  cmd->add_flag("--enable", args->enable, "Pull and list it");
  cmd->add_flag("--disable", args->disable, "Stop pulling; its listings are not used");
  cmd->add_option("--url", args->url, "A new base URL");
  cmd->add_option("--key", args->key, "A new public key (the pull starts again from 0)");
  cmd = add("remove", "Gỡ đơn vị liên kết / Remove a peer and its listings", RunRemove);
  cmd->add_option("NAME", args->name, "The peer")->required();
  cmd = add("pull", "Lấy dữ liệu ngay / Pull now", RunPull);
  cmd->add_option("NAME", args->name, "The peer (default: every enabled peer)");
  cmd = add("conflicts", "Xung đột với đơn vị liên kết / Conflicts with peers", RunConflicts);
  cmd->add_flag("--all", args->all, "Resolved ones too");
  cmd->add_option("--resolve", args->resolve, "Mark conflict ID resolved");
}

}  // namespace binhyen::app
