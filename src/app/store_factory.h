#pragma once

#include <memory>
#include <string_view>

#include "app/data_dir.h"
#include "base/result.h"
#include "store/registry.h"
#include "store/store.h"

namespace binhyen::app {

// The registry of every store backend this binary has. The only place that names backends
// (store::RegisterSqlite, store::RegisterPostgres); everything else opens stores by URL.
store::Registry NewStoreRegistry();

// What OpenStoreForCli does about the schema.
enum class SchemaAction {
  kMigrate,  // apply missing migrations (the CLI's default: a fresh data dir just works)
  kAsIs,     // open without migrating (`binhyen migrate` reports what it did itself)
};

// Opens the store of `data_dir`: `store_url`, or DataDir::DefaultStoreUrl() when it is empty,
// and with kMigrate brings its schema up to date. Errors: those of store::Registry::Open and
// Store::Migrate (InvalidArgument for a malformed or unknown URL, Unavailable when the database
// cannot be reached, FailedPrecondition when it was migrated by a newer binary).
base::Result<std::unique_ptr<store::Store>> OpenStoreForCli(const DataDir& data_dir,
                                                            std::string_view store_url,
                                                            SchemaAction action);

}  // namespace binhyen::app
