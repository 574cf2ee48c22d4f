#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "store/content_store.h"
#include "store/postgres/session.h"
#include "store/store.h"

namespace binhyen::store::postgres {

// The PostgreSQL repositories of the programme's content (contracts in store/content_store.h).
// Each runs its statements in its transaction's Session. Thread safety: confine to the
// transaction's thread.
class PgArticleRepository final : public ArticleRepository {
 public:
  explicit PgArticleRepository(Session& session) : s_(session) {}
  base::Result<int64_t> Create(const domain::Article& article) override;
  base::Status Update(const domain::Article& article) override;
  base::Result<domain::Article> Get(int64_t id) override;
  base::Result<domain::Article> GetBySlug(std::string_view slug) override;
  base::Result<Page<domain::Article>> List(const ArticleFilter& filter,
                                           const PageRequest& page) override;

 private:
  Session& s_;
};

class PgPledgeRepository final : public PledgeRepository {
 public:
  explicit PgPledgeRepository(Session& session) : s_(session) {}
  base::Result<int64_t> Create(const domain::Pledge& pledge) override;
  base::Result<std::optional<domain::Pledge>> FindByPerson(int64_t article_id,
                                                           int64_t person_id) override;
  base::Result<Page<domain::Pledge>> List(int64_t article_id, const PageRequest& page) override;
  base::Result<std::vector<UnitPledgeCount>> CountByUnit(int64_t article_id) override;

 private:
  Session& s_;
};

}  // namespace binhyen::store::postgres
