#pragma once

#include <cstdint>
#include <filesystem>
#include <string_view>

#include "app/data_dir.h"
#include "base/result.h"
#include "store/store.h"

namespace binhyen::app {

// How much a store holds; a store with all three at zero counts as empty.
struct StoreContents {
  int64_t users = 0;
  int64_t reports = 0;
  int64_t audit_entries = 0;

  bool empty() const { return users == 0 && reports == 0 && audit_entries == 0; }
};

// REQUIRES: the store's schema is current (Begin() fails otherwise).
base::Result<StoreContents> CountContents(store::Store& store);

struct RestoreOutcome {
  int schema_version = 0;  // of the restored store, after migration
  StoreContents contents;  // of the restored store
  bool replaced = false;   // a non-empty store was overwritten (--force)
};

// Replaces the store of `data_dir` (`store_url`, or the default SQLite store when empty) with the
// backup in `from`, made by Store::Backup / `binhyen backup`.
//
// Before touching the target it checks the backup: for a SQLite target, that `from` is a SQLite
// database with our schema (schema_migrations at a version this binary knows) that passes
// Store::CheckIntegrity; for a PostgreSQL target, that `from` is a pg_dump custom archive holding
// our schema_migrations table. A target that is not empty (users, reports or audit entries) is
// replaced only with `force`. The SQLite target is replaced atomically (a consistent copy is
// staged beside it and renamed over it; its stale -wal/-shm files are removed first), so a crash
// leaves either the old or the new database. The restored store is then migrated.
// REQUIRES: no other process has the target open (stop the server first).
//
// Errors: InvalidArgument "<from> is not a SQLite database" / "... not a Bình Yên backup" /
// "... is a pg_dump archive; ..."; NotFound when `from` does not exist; FailedPrecondition
// "the store ... is not empty (...); use --force to replace it" or when the backup was made by
// a newer binary; Unavailable / Internal on I/O or pg_restore failure.
base::Result<RestoreOutcome> RestoreStore(const DataDir& data_dir, std::string_view store_url,
                                          const std::filesystem::path& from, bool force);

}  // namespace binhyen::app
