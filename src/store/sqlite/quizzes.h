#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "store/quiz_store.h"
#include "store/sqlite/tx_context.h"

namespace binhyen::store::sqlite {

// The SQLite quizzes of one transaction (contract in store/quiz_store.h).
// Thread safety: confine to the transaction's thread.
class SqliteQuizzes final : public QuizRepository {
 public:
  explicit SqliteQuizzes(TxContext& tx) : tx_(tx) {}
  base::Result<int64_t> Create(const domain::Quiz& quiz) override;
  base::Status Update(const domain::Quiz& quiz) override;
  base::Status SetStatus(int64_t id, domain::QuizStatus status, base::TimePoint at) override;
  base::Result<domain::Quiz> Get(int64_t id) override;
  base::Result<domain::Quiz> GetBySlug(std::string_view slug) override;
  base::Result<std::vector<domain::Quiz>> List() override;
  base::Result<int64_t> AddAttempt(const domain::QuizAttempt& attempt) override;
  base::Result<domain::QuizAttempt> GetAttempt(int64_t id) override;
  base::Result<std::vector<QuizAttemptRow>> Attempts(int64_t quiz_id, int limit) override;
  base::Result<int64_t> CountAttempts(int64_t quiz_id) override;

 private:
  base::Result<domain::Quiz> Load(int64_t id);
  // AlreadyExists "slug: already exists" when another quiz than `id` has `slug`.
  base::Status CheckSlugFree(std::string_view slug, int64_t id);
  base::Status InsertQuestions(int64_t id, const std::vector<domain::QuizQuestion>& questions);
  base::Result<int64_t> Count(int64_t quiz_id);

  TxContext& tx_;
};

}  // namespace binhyen::store::sqlite
