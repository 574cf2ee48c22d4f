#include "app/cli_environment.h"

#include <filesystem>
#include <system_error>

namespace binhyen::app {

base::Result<CliEnvironment> OpenCliEnvironment(std::string_view data_dir,
                                                std::string_view store_url, DataDir::Mode mode,
                                                SchemaAction action) {
  BINHYEN_ASSIGN_OR_RETURN(DataDir dir, DataDir::Open(std::filesystem::path(data_dir), mode));
  if (mode == DataDir::Mode::kExisting && store_url.empty()) {
    std::error_code ec;
    if (!std::filesystem::exists(dir.database(), ec)) {
      return base::NotFoundError("no database at " + dir.database().string() +
                                 " (run `binhyen migrate --data " + dir.root().string() +
                                 "` first)");
    }
  }
  BINHYEN_ASSIGN_OR_RETURN(crypto::SecretBox box,
                           crypto::SecretBox::LoadOrCreateKey(dir.contact_key()));
  BINHYEN_ASSIGN_OR_RETURN(crypto::SecretBox secrets,
                           crypto::SecretBox::LoadOrCreateKey(dir.secrets_key()));
  BINHYEN_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store,
                           OpenStoreForCli(dir, store_url, action));
  return CliEnvironment{std::move(dir), std::move(store), std::move(box), std::move(secrets)};
}

CliSession::CliSession(CliEnvironment env)
    : env_(std::move(env)), admin_(*env_.store, clock_, random_, CliActor()) {}

base::Result<std::unique_ptr<CliSession>> CliSession::Open(std::string_view data_dir,
                                                           std::string_view store_url,
                                                           DataDir::Mode mode) {
  BINHYEN_ASSIGN_OR_RETURN(CliEnvironment env,
                           OpenCliEnvironment(data_dir, store_url, mode, SchemaAction::kAsIs));
  std::unique_ptr<CliSession> session(new CliSession(std::move(env)));
  BINHYEN_ASSIGN_OR_RETURN(session->migrated_, session->admin_.Migrate());
  return session;
}

}  // namespace binhyen::app
