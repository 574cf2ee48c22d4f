#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "store/plan_store.h"
#include "store/postgres/session.h"

namespace binhyen::store::postgres {

// The PostgreSQL repositories of the programme's plan (contracts in store/plan_store.h, schema
// in migrations/postgres/0014_plan.sql): tasks and self-assessments in plan_tasks.cc, the
// budget in plan_budget.cc, reviews in plan_reviews.cc. Each runs its statements in the Session
// of the transaction that owns it; confine it to that transaction's thread.

class PgTaskRepository final : public TaskRepository {
 public:
  explicit PgTaskRepository(Session& session) : s_(session) {}
  base::Result<int64_t> Create(const domain::Task& task) override;
  base::Status Update(const domain::Task& task) override;
  base::Result<domain::Task> Get(int64_t id) override;
  base::Result<std::vector<domain::Task>> List(const TaskFilter& filter) override;
  base::Result<int64_t> AddUpdate(const domain::TaskUpdate& update) override;
  base::Result<std::vector<domain::TaskUpdate>> Updates(int64_t task_id) override;

 private:
  Session& s_;
};

class PgSelfAssessmentRepository final : public SelfAssessmentRepository {
 public:
  explicit PgSelfAssessmentRepository(Session& session) : s_(session) {}
  base::Result<int64_t> Create(const domain::SelfAssessment& assessment) override;
  base::Result<domain::SelfAssessment> Get(int64_t id) override;
  base::Result<std::vector<domain::SelfAssessment>> History(const std::string& unit_code,
                                                            int limit) override;
  base::Result<std::vector<domain::SelfAssessment>> LatestPerUnit(base::TimePoint before) override;

 private:
  Session& s_;
};

class PgBudgetRepository final : public BudgetRepository {
 public:
  explicit PgBudgetRepository(Session& session) : s_(session) {}
  base::Result<int64_t> CreateLine(const domain::BudgetLine& line) override;
  base::Status UpdateLine(const domain::BudgetLine& line) override;
  base::Result<BudgetLineTotals> GetLine(int64_t id) override;
  base::Result<std::vector<BudgetLineTotals>> Lines(
      int year, std::span<const std::string> unit_codes) override;
  base::Result<int64_t> AddSpending(const domain::Spending& spending) override;
  base::Status RemoveSpending(int64_t line_id, int64_t spending_id) override;
  base::Result<std::vector<domain::Spending>> SpendingOf(int64_t line_id) override;
  base::Result<std::vector<domain::Spending>> SpendingBetween(const std::string& from,
                                                              const std::string& to) override;

 private:
  Session& s_;
};

class PgReviewRepository final : public ReviewRepository {
 public:
  explicit PgReviewRepository(Session& session) : s_(session) {}
  base::Result<int64_t> Create(const domain::Review& review) override;
  base::Status Update(const domain::Review& review) override;
  base::Result<domain::Review> Get(int64_t id) override;
  base::Result<std::vector<domain::Review>> List(int limit) override;
  base::Result<std::vector<int64_t>> ReplaceProposals(
      int64_t review_id, std::span<const domain::RewardProposal> proposals) override;
  base::Result<int64_t> AddProposal(const domain::RewardProposal& proposal) override;
  base::Status UpdateProposal(const domain::RewardProposal& proposal) override;
  base::Result<std::vector<domain::RewardProposal>> Proposals(int64_t review_id) override;

 private:
  Session& s_;
};

}  // namespace binhyen::store::postgres
