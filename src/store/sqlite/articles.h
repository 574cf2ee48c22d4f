#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "store/content_store.h"
#include "store/sqlite/tx_context.h"
#include "store/store.h"

namespace binhyen::store::sqlite {

// The SQLite repositories of the programme's content (contracts in store/content_store.h).
// Each holds its transaction's TxContext. Thread safety: confine to the transaction's thread.
class SqliteArticles final : public ArticleRepository {
 public:
  explicit SqliteArticles(TxContext& tx) : tx_(tx) {}
  base::Result<int64_t> Create(const domain::Article& article) override;
  base::Status Update(const domain::Article& article) override;
  base::Result<domain::Article> Get(int64_t id) override;
  base::Result<domain::Article> GetBySlug(std::string_view slug) override;
  base::Result<Page<domain::Article>> List(const ArticleFilter& filter,
                                           const PageRequest& page) override;

 private:
  base::Result<domain::Article> Load(std::string_view where, int64_t id, std::string_view slug);
  base::Status CheckSlugFree(std::string_view slug, int64_t id);

  TxContext& tx_;
};

class SqlitePledges final : public PledgeRepository {
 public:
  explicit SqlitePledges(TxContext& tx) : tx_(tx) {}
  base::Result<int64_t> Create(const domain::Pledge& pledge) override;
  base::Result<std::optional<domain::Pledge>> FindByPerson(int64_t article_id,
                                                           int64_t person_id) override;
  base::Result<Page<domain::Pledge>> List(int64_t article_id, const PageRequest& page) override;
  base::Result<std::vector<UnitPledgeCount>> CountByUnit(int64_t article_id) override;

 private:
  base::Status CheckReferences(const domain::Pledge& pledge);

  TxContext& tx_;
};

}  // namespace binhyen::store::sqlite
