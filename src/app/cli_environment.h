#pragma once

#include <memory>
#include <string_view>

#include "app/admin.h"
#include "app/data_dir.h"
#include "app/store_factory.h"
#include "base/clock.h"
#include "base/result.h"
#include "crypto/random.h"
#include "crypto/secret_box.h"
#include "store/store.h"

namespace binhyen::app {

// What a storage command of the CLI works with: the data directory, its store and the key of
// reporter contact data. Thread safety: confine to one thread (the store itself is thread-safe).
struct CliEnvironment {
  DataDir data_dir;
  std::unique_ptr<store::Store> store;
  crypto::SecretBox contact_box;
  crypto::SecretBox secrets_box;  // TOTP seeds (<data>/keys/secrets.key)
};

// Opens the data directory `data_dir` (DataDir::Open with `mode`), loads or creates the contact
// key (<data>/keys/contact.key, refusing a key readable by others), and opens the store
// (`store_url` or the default SQLite database) with `action`. The key of account secrets
// (<data>/keys/secrets.key) is loaded or created the same way.
// With DataDir::Mode::kExisting and the default store, the database file must exist already:
// NotFound "no database at <path> (run `binhyen migrate --data <dir>` first)" — so that a
// mistyped --data of a read-only command does not silently create an empty installation.
base::Result<CliEnvironment> OpenCliEnvironment(std::string_view data_dir,
                                                std::string_view store_url, DataDir::Mode mode,
                                                SchemaAction action);

// A CliEnvironment with the real clock and randomness and an Admin acting as CliActor(): what
// every storage command runs on. Not movable (the Admin refers to the members).
// Thread safety: confine to one thread.
class CliSession {
 public:
  // OpenCliEnvironment(..., SchemaAction::kAsIs), then Admin::Migrate(), so that a migration
  // made implicitly by any command is audited exactly like `binhyen migrate`.
  static base::Result<std::unique_ptr<CliSession>> Open(std::string_view data_dir,
                                                        std::string_view store_url,
                                                        DataDir::Mode mode);

  CliSession(const CliSession&) = delete;
  CliSession& operator=(const CliSession&) = delete;

  CliEnvironment& env() { return env_; }
  Admin& admin() { return admin_; }
  // The real clock and randomness, for the other use cases a command runs (e.g. report intake).
  const base::Clock& clock() const { return clock_; }
  crypto::Random& random() { return random_; }
  // The migration Open() made (from == to when there was nothing to do).
  const MigrateOutcome& migrated() const { return migrated_; }

 private:
  explicit CliSession(CliEnvironment env);

  CliEnvironment env_;
  base::SystemClock clock_;
  crypto::SodiumRandom random_;
  Admin admin_;
  MigrateOutcome migrated_;
};

}  // namespace binhyen::app
