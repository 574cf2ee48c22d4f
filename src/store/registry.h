#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "base/result.h"
#include "store/store.h"

namespace binhyen::store {

// A parsed store URL: "<scheme>:<rest>". Examples:
//   sqlite:/var/lib/binhyen/binhyen.db            rest = "/var/lib/binhyen/binhyen.db"
//   sqlite:./var/binhyen.db?synchronous=full      rest = "./var/binhyen.db", query as below
//   postgres://user:pw@127.0.0.1:5432/binhyen     rest = "//user:pw@127.0.0.1:5432/binhyen"
struct StoreUrl {
  std::string scheme;                        // lower-cased, e.g. "sqlite", "postgres", "postgresql"
  std::string rest;                          // everything after "<scheme>:" and before "?"
  std::map<std::string, std::string> query;  // "?a=b&c=d" decoded (%XX and '+'); later wins
  std::string original;                      // the full URL as given

  // InvalidArgument "store url: ..." when there is no scheme.
  static base::Result<StoreUrl> Parse(std::string_view url);
};

// Opens stores by URL. Backends register a factory per scheme; the composition root (app/)
// calls store::RegisterSqlite(registry) and store::RegisterPostgres(registry) explicitly (no
// static initialisers: they are dropped from static libraries).
// Thread safety: register everything before sharing; Open() is then thread-safe (read-only).
class Registry {
 public:
  // Opens (and for SQLite creates) the database. Does not migrate: call Store::Migrate().
  // Returns FailedPrecondition "schema: database version N is newer than this binary (M)" when
  // the database was migrated by a newer binary.
  using Factory = std::function<base::Result<std::unique_ptr<Store>>(const StoreUrl& url)>;

  // TESTS ONLY. Given a base URL of a running server (e.g. BINHYEN_TEST_POSTGRES_URL) and a
  // unique name (letters, digits, '_'), creates a fresh, empty database or schema and returns
  // the URL to open it. Backends with file databases need none.
  using TestDatabaseFactory =
      std::function<base::Result<std::string>(std::string_view base_url, std::string_view name)>;

  // REQUIRES: `scheme` not registered yet (a programming error otherwise; checked).
  void Register(std::string scheme, Factory factory);
  void RegisterTestDatabaseFactory(std::string scheme, TestDatabaseFactory factory);

  // InvalidArgument "store url: unknown scheme 'x' (known: postgres, sqlite)" for an
  // unregistered scheme; otherwise whatever the factory returns.
  base::Result<std::unique_ptr<Store>> Open(std::string_view url) const;

  // TESTS ONLY. NotFound when no test database factory is registered for the URL's scheme.
  base::Result<std::string> FreshTestDatabase(std::string_view base_url,
                                              std::string_view name) const;

 private:
  std::map<std::string, Factory> factories_;
  std::map<std::string, TestDatabaseFactory> test_factories_;
};

// Registers the SQLite backend under "sqlite" (store/sqlite). Defined in sqlite/.
void RegisterSqlite(Registry& registry);
// Registers the PostgreSQL backend under "postgres" and "postgresql" (store/postgres), with its
// TestDatabaseFactory. Defined in postgres/ (by the PostgreSQL backend).
void RegisterPostgres(Registry& registry);

}  // namespace binhyen::store
