#include "app/store_factory.h"

#include <string>

namespace binhyen::app {

store::Registry NewStoreRegistry() {
  store::Registry registry;
  store::RegisterSqlite(registry);
  store::RegisterPostgres(registry);
  return registry;
}

base::Result<std::unique_ptr<store::Store>> OpenStoreForCli(const DataDir& data_dir,
                                                            std::string_view store_url,
                                                            SchemaAction action) {
  std::string url = store_url.empty() ? data_dir.DefaultStoreUrl() : std::string(store_url);
  store::Registry registry = NewStoreRegistry();
  BINHYEN_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store, registry.Open(url));
  if (action == SchemaAction::kMigrate) BINHYEN_RETURN_IF_ERROR(store->Migrate());
  return store;
}

}  // namespace binhyen::app
