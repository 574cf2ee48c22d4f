#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/result.h"
#include "base/status.h"
#include "domain/budget.h"
#include "domain/review.h"
#include "domain/self_assessment.h"
#include "domain/task.h"

namespace binhyen::store {

// ---------------------------------------------------------------------------------------------
// The programme's plan (migration 0014): tasks to units, self-assessments, budget, periodic
// reviews and reward proposals. Included by store/store.h; the general contract of repositories
// written there applies (validation with domain::Validate first, NotFound / AlreadyExists
// messages, no effect on error, read-only transactions refuse writes).

// Which tasks TaskRepository::List returns. Every condition set must hold.
struct TaskFilter {
  std::vector<std::string> unit_codes;       // exactly these units; every unit when empty
  std::vector<domain::TaskStatus> statuses;  // any of these; every status when empty
  std::optional<std::string> due_before;     // due_on < this ("YYYY-MM-DD")
  std::optional<std::string> due_from;       // due_on >= this
  int limit = 200;                           // 1..1000, else InvalidArgument "limit: ..."
};

class TaskRepository {
 public:
  virtual ~TaskRepository() = default;

  // Ignores task.id. Validates; the unit and the creator must exist (NotFound "unit '<code>':
  // not found", "user <id>: not found"). Returns the id.
  virtual base::Result<int64_t> Create(const domain::Task& task) = 0;
  // Replaces every field of task `task.id` but created_by and created_at. NotFound "task <id>:
  // not found"; the errors of Create.
  virtual base::Status Update(const domain::Task& task) = 0;
  // NotFound "task <id>: not found".
  virtual base::Result<domain::Task> Get(int64_t id) = 0;
  // By due_on, then id, ascending.
  virtual base::Result<std::vector<domain::Task>> List(const TaskFilter& filter) = 0;

  // Appends a progress update (update.id ignored) and sets the task's status, progress and
  // updated_at (= update.created_at) from it; done_at becomes update.created_at when the status
  // becomes done, nullopt when it leaves done, and is kept otherwise. Validates; NotFound "task
  // <id>: not found", "user <id>: not found". Returns the update's id.
  virtual base::Result<int64_t> AddUpdate(const domain::TaskUpdate& update) = 0;
  // The updates of task `task_id`, by created_at then id ascending (empty for an unknown task).
  virtual base::Result<std::vector<domain::TaskUpdate>> Updates(int64_t task_id) = 0;
};

class SelfAssessmentRepository {
 public:
  virtual ~SelfAssessmentRepository() = default;

  // Ignores assessment.id. Validates (domain::Validate checks the answers against the
  // checklist); NotFound for an unknown unit or user. Returns the id.
  virtual base::Result<int64_t> Create(const domain::SelfAssessment& assessment) = 0;
  // NotFound "self-assessment <id>: not found".
  virtual base::Result<domain::SelfAssessment> Get(int64_t id) = 0;
  // The assessments of unit `unit_code`, newest first (submitted_at, then id, descending), at
  // most `limit` (1..1000).
  virtual base::Result<std::vector<domain::SelfAssessment>> History(const std::string& unit_code,
                                                                    int limit) = 0;
  // Each unit's latest assessment submitted before `before` (submitted_at < before), unit code
  // ascending; units with none are absent.
  virtual base::Result<std::vector<domain::SelfAssessment>> LatestPerUnit(
      base::TimePoint before) = 0;
};

// A budget line with what has been spent from it.
struct BudgetLineTotals {
  domain::BudgetLine line;
  int64_t spent = 0;  // the sum of its spending (all dates)
  friend bool operator==(const BudgetLineTotals&, const BudgetLineTotals&) = default;
};

class BudgetRepository {
 public:
  virtual ~BudgetRepository() = default;

  // Ignores line.id. Validates; NotFound for an unknown unit (when unit_code is set) or user.
  virtual base::Result<int64_t> CreateLine(const domain::BudgetLine& line) = 0;
  // Replaces every field but created_by and created_at. NotFound "budget line <id>: not found".
  virtual base::Status UpdateLine(const domain::BudgetLine& line) = 0;
  // NotFound "budget line <id>: not found".
  virtual base::Result<BudgetLineTotals> GetLine(int64_t id) = 0;
  // The lines of `year` with their totals, by unit_code ("" first), then id; only the lines of
  // `unit_codes` when not empty ("" in it names the town's own lines).
  virtual base::Result<std::vector<BudgetLineTotals>> Lines(
      int year, std::span<const std::string> unit_codes) = 0;

  // Ignores spending.id. Validates; NotFound "budget line <id>: not found", "user <id>: not
  // found". Returns the id.
  virtual base::Result<int64_t> AddSpending(const domain::Spending& spending) = 0;
  // Removes spending `spending_id` of line `line_id` (a correction). NotFound "spending <id>:
  // not found" (also when it belongs to another line).
  virtual base::Status RemoveSpending(int64_t line_id, int64_t spending_id) = 0;
  // The spending of line `line_id`, by spent_on then id ascending.
  virtual base::Result<std::vector<domain::Spending>> SpendingOf(int64_t line_id) = 0;
  // Every spending with from <= spent_on <= to ("YYYY-MM-DD", both included), by spent_on then
  // id ascending.
  virtual base::Result<std::vector<domain::Spending>> SpendingBetween(const std::string& from,
                                                                      const std::string& to) = 0;
};

class ReviewRepository {
 public:
  virtual ~ReviewRepository() = default;

  // Ignores review.id. Validates; NotFound for an unknown creator. Returns the id.
  virtual base::Result<int64_t> Create(const domain::Review& review) = 0;
  // Replaces every field but created_by and created_at. NotFound "review <id>: not found".
  virtual base::Status Update(const domain::Review& review) = 0;
  // NotFound "review <id>: not found".
  virtual base::Result<domain::Review> Get(int64_t id) = 0;
  // Newest first (created_at, then id, descending), at most `limit` (1..1000).
  virtual base::Result<std::vector<domain::Review>> List(int limit) = 0;

  // Replaces every proposal of review `review_id` by `proposals` (their ids and review_id are
  // ignored); returns the new ids in order. Validates each ("proposals[2].subject_name: ...");
  // NotFound for an unknown review or user.
  virtual base::Result<std::vector<int64_t>> ReplaceProposals(
      int64_t review_id, std::span<const domain::RewardProposal> proposals) = 0;
  // Adds one proposal (proposal.id ignored). Validates; NotFound. Returns the id.
  virtual base::Result<int64_t> AddProposal(const domain::RewardProposal& proposal) = 0;
  // Replaces every field of proposal `proposal.id` but review_id. NotFound "reward proposal
  // <id>: not found" (also when it belongs to another review).
  virtual base::Status UpdateProposal(const domain::RewardProposal& proposal) = 0;
  // The proposals of review `review_id`, by subject (unit, person, channel), rank, then id.
  virtual base::Result<std::vector<domain::RewardProposal>> Proposals(int64_t review_id) = 0;
};

}  // namespace binhyen::store
