#pragma once

#include <memory>
#include <mutex>

#include "store/sqlite/articles.h"
#include "store/sqlite/channels.h"
#include "store/sqlite/federation.h"
#include "store/sqlite/feeds.h"
#include "store/sqlite/plan.h"
#include "store/sqlite/programme_console.h"
#include "store/sqlite/quizzes.h"
#include "store/sqlite/rate_limits.h"
#include "store/sqlite/repositories.h"
#include "store/sqlite/sqlite_store.h"
#include "store/sqlite/trainings.h"
#include "store/sqlite/tx_context.h"
#include "store/sqlite/writer.h"
#include "store/store.h"

namespace binhyen::store::sqlite {

// A SQLite transaction (contract in store/store.h). A read-write one owns the store's writer
// lock; a read-only one owns a reader connection, returned to the pool at the end.
// Thread safety: confine to one thread.
class SqliteTransaction final : public Transaction {
 public:
  // Read-write: `member` holds `store`'s writer (Writer::Join).
  SqliteTransaction(SqliteStore& store, Writer& writer, Writer::Member member);
  // Read-only: BEGIN was run on `reader`.
  SqliteTransaction(SqliteStore& store, std::unique_ptr<Connection> reader);
  ~SqliteTransaction() override;

  ReportRepository& Reports() override { return reports_; }
  IndicatorRepository& Indicators() override { return indicators_; }
  WarningRepository& Warnings() override { return warnings_; }
  DisputeRepository& Disputes() override { return disputes_; }
  UserRepository& Users() override { return users_; }
  UnitRepository& Units() override { return units_; }
  SessionRepository& Sessions() override { return sessions_; }
  TokenRepository& Tokens() override { return tokens_; }
  AuditLog& Audit() override { return audit_; }
  FeedRepository& Feeds() override { return feeds_; }
  PeopleRepository& People() override { return people_; }
  CampaignRepository& Campaigns() override { return campaigns_; }
  TrainingRepository& Trainings() override { return trainings_; }
  ArticleRepository& Articles() override { return articles_; }
  PledgeRepository& Pledges() override { return pledges_; }
  ProgrammeConsoleRepository& ProgrammeConsole() override { return programme_console_; }
  QuizRepository& Quizzes() override { return quizzes_; }
  ChannelRepository& Channels() override { return channels_; }
  TaskRepository& Tasks() override { return tasks_; }
  SelfAssessmentRepository& SelfAssessments() override { return self_assessments_; }
  BudgetRepository& Budget() override { return budget_; }
  ReviewRepository& Reviews() override { return reviews_; }
  RateLimitRepository& RateLimits() override { return rate_limits_; }
  FederationRepository& Federation() override { return federation_; }
  base::Status Commit() override;

 private:
  SqliteStore& store_;                  // read-only: where the reader goes back
  std::unique_ptr<Connection> reader_;  // read-only only
  Writer* writer_ = nullptr;            // read-write only
  Writer::Member member_;               // read-write only
  Connection& connection_;
  TxContext tx_;
  bool done_ = false;

  SqliteReports reports_{tx_, store_};
  SqliteIndicators indicators_{tx_};
  SqliteWarnings warnings_{tx_};
  SqliteDisputes disputes_{tx_};
  SqliteUsers users_{tx_};
  SqliteUnits units_{tx_};
  SqliteSessions sessions_{tx_};
  SqliteTokens tokens_{tx_};
  SqliteAudit audit_{tx_};
  SqliteFeeds feeds_{tx_};
  SqlitePeople people_{tx_};
  SqliteCampaigns campaigns_{tx_};
  SqliteTrainings trainings_{tx_};
  SqliteArticles articles_{tx_};
  SqlitePledges pledges_{tx_};
  SqliteProgrammeConsole programme_console_{tx_};
  SqliteQuizzes quizzes_{tx_};
  SqliteChannels channels_{tx_};
  SqliteTasks tasks_{tx_};
  SqliteSelfAssessments self_assessments_{tx_};
  SqliteBudget budget_{tx_};
  SqliteReviews reviews_{tx_};
  SqliteRateLimits rate_limits_{tx_};
  SqliteFederation federation_{tx_};
};

}  // namespace binhyen::store::sqlite
