#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "store/postgres/session.h"
#include "store/quiz_store.h"

namespace binhyen::store::postgres {

// The PostgreSQL quizzes of one transaction (contract in store/quiz_store.h).
// Thread safety: confine to the transaction's thread.
class PgQuizRepository final : public QuizRepository {
 public:
  explicit PgQuizRepository(Session& session) : s_(session) {}
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
  Session& s_;
};

}  // namespace binhyen::store::postgres
