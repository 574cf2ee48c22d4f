#pragma once

#include <filesystem>
#include <string>

#include "base/result.h"

namespace binhyen::app {

// The data directory of one installation and its fixed layout (DESIGN.md, "Data and state"):
//
//   <root>/binhyen.db         the SQLite database (default store)
//   <root>/evidence/          evidence files                    (created 0750)
//   <root>/keys/              secret keys, e.g. contact.key     (created 0700)
//   <root>/backups/           backups made by the server        (created 0700: they hold
//                                                               everything the database holds)
//
// A value type; thread-safe (immutable).
class DataDir {
 public:
  enum class Mode {
    kCreate,    // create the root and the missing subdirectories
    kExisting,  // the root must exist already (NotFound otherwise); subdirectories are created
  };

  // Opens `root` (made absolute) and ensures its subdirectories exist with the modes above.
  // Directories that exist keep their modes. Errors: NotFound (kExisting and no root),
  // FailedPrecondition when `root` or a subdirectory exists but is not a directory, Unavailable
  // on other I/O errors.
  static base::Result<DataDir> Open(const std::filesystem::path& root, Mode mode);

  const std::filesystem::path& root() const { return root_; }
  std::filesystem::path database() const { return root_ / "binhyen.db"; }
  std::filesystem::path evidence_dir() const { return root_ / "evidence"; }
  std::filesystem::path keys_dir() const { return root_ / "keys"; }
  std::filesystem::path backups_dir() const { return root_ / "backups"; }
  // The key of reporter contact data (crypto::SecretBox).
  std::filesystem::path contact_key() const { return keys_dir() / "contact.key"; }
  // The key of account secrets (TOTP seeds), kept apart from the contact key.
  std::filesystem::path secrets_key() const { return keys_dir() / "secrets.key"; }
  // The Ed25519 key that signs the personal acknowledgement links of campaigns.
  std::filesystem::path ack_key() const { return keys_dir() / "ack.key"; }

  // "sqlite:<root>/binhyen.db?synchronous=full": the store used when no --store URL is given.
  // Every commit syncs the WAL, so a report answered 201 survives a power cut, not only a killed
  // process (docs/RELIABILITY.md); concurrent commits share one sync (docs/PERFORMANCE.md).
  std::string DefaultStoreUrl() const;

 private:
  explicit DataDir(std::filesystem::path root) : root_(std::move(root)) {}

  std::filesystem::path root_;
};

}  // namespace binhyen::app
