#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "store/plan_store.h"
#include "store/sqlite/tx_context.h"

namespace binhyen::store::sqlite {

// The SQLite repositories of the programme's plan of one transaction (contracts in
// store/plan_store.h, schema in migrations/sqlite/0014_plan.sql): tasks and self-assessments
// in plan_tasks.cc, the budget in plan_budget.cc, reviews in plan_reviews.cc.
// Thread safety: confine to the transaction's thread.

class SqliteTasks final : public TaskRepository {
 public:
  explicit SqliteTasks(TxContext& tx) : tx_(tx) {}
  base::Result<int64_t> Create(const domain::Task& task) override;
  base::Status Update(const domain::Task& task) override;
  base::Result<domain::Task> Get(int64_t id) override;
  base::Result<std::vector<domain::Task>> List(const TaskFilter& filter) override;
  base::Result<int64_t> AddUpdate(const domain::TaskUpdate& update) override;
  base::Result<std::vector<domain::TaskUpdate>> Updates(int64_t task_id) override;

 private:
  base::Result<domain::Task> Load(int64_t id);
  // The tasks matching `filter` (but its unit codes), of unit `unit` when set.
  base::Result<std::vector<domain::Task>> Select(const TaskFilter& filter,
                                                 const std::optional<std::string>& unit);

  TxContext& tx_;
};

class SqliteSelfAssessments final : public SelfAssessmentRepository {
 public:
  explicit SqliteSelfAssessments(TxContext& tx) : tx_(tx) {}
  base::Result<int64_t> Create(const domain::SelfAssessment& assessment) override;
  base::Result<domain::SelfAssessment> Get(int64_t id) override;
  base::Result<std::vector<domain::SelfAssessment>> History(const std::string& unit_code,
                                                            int limit) override;
  base::Result<std::vector<domain::SelfAssessment>> LatestPerUnit(base::TimePoint before) override;

 private:
  TxContext& tx_;
};

class SqliteBudget final : public BudgetRepository {
 public:
  explicit SqliteBudget(TxContext& tx) : tx_(tx) {}
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
  // NotFound "budget line <id>: not found" when absent.
  base::Status LineExists(int64_t id);
  // NotFound "unit '<code>': not found" when `code` is set and names no unit.
  base::Status UnitOfLineExists(const std::string& code);

  TxContext& tx_;
};

class SqliteReviews final : public ReviewRepository {
 public:
  explicit SqliteReviews(TxContext& tx) : tx_(tx) {}
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
  // NotFound "review <id>: not found" when absent.
  base::Status ReviewExists(int64_t id);
  // Inserts `proposal` as a proposal of review `review_id`; returns its id.
  base::Result<int64_t> Insert(int64_t review_id, const domain::RewardProposal& proposal);

  TxContext& tx_;
};

}  // namespace binhyen::store::sqlite
