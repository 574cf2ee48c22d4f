// Tests of the PostgreSQL change listener (LISTEN/NOTIFY, migration 0015): what wakes it, what
// does not, and recovery from a lost connection. They run when BINHYEN_TEST_POSTGRES_URL is set
// (scripts/pg-test-cluster, tests/pg/README.md).
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <functional>
#include <memory>
#include <pqxx/connection>
#include <pqxx/nontransaction>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "domain/indicator_record.h"
#include "store/postgres/postgres_store.h"
#include "store/registry.h"

namespace binhyen::store::postgres {
namespace {

using Millis = std::chrono::milliseconds;

const char* ServerUrl() {
  const char* url = std::getenv("BINHYEN_TEST_POSTGRES_URL");
  return url != nullptr && *url != '\0' ? url : nullptr;
}

#define BINHYEN_REQUIRE_POSTGRES()                                                    \
  if (ServerUrl() == nullptr) {                                                       \
    GTEST_SKIP() << "BINHYEN_TEST_POSTGRES_URL is not set (scripts/pg-test-cluster)"; \
  }

Millis Since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<Millis>(std::chrono::steady_clock::now() - start);
}

base::TimePoint T(int seconds) {
  return base::TimePoint(std::chrono::seconds(1'700'000'000 + seconds));
}

// A migrated store in a fresh schema of its own.
std::unique_ptr<Store> OpenFresh(const std::string& test, const std::string& extra = "") {
  auto url = FreshTestSchema(ServerUrl(), "pgl" + std::to_string(getpid()) + "_" + test);
  EXPECT_TRUE(url.ok()) << url.status().ToString();
  if (!url.ok()) return nullptr;
  Registry registry;
  RegisterPostgres(registry);
  auto opened = registry.Open(*url + extra);
  EXPECT_TRUE(opened.ok()) << opened.status().ToString();
  if (!opened.ok()) return nullptr;
  std::unique_ptr<Store> store = std::move(opened).value();
  EXPECT_TRUE(store->Migrate().ok());
  return store;
}

std::unique_ptr<ChangeListener> Listen(Store& store) {
  auto listener = store.ListenForChanges();
  EXPECT_TRUE(listener.ok()) << listener.status().ToString();
  if (!listener.ok() || *listener == nullptr) return nullptr;
  return std::move(listener).value();
}

domain::IndicatorRecord Confirmed(std::string canonical) {
  domain::IndicatorRecord r;
  r.kind = indicator::Kind::kDomain;
  r.canonical = std::move(canonical);
  r.category = domain::Category::kPhishing;
  r.severity = domain::Severity::kHigh;
  r.status = domain::IndicatorStatus::kConfirmed;
  r.first_seen = T(0);
  r.last_seen = T(0);
  return r;
}

// Runs `change` in a read-write transaction and commits it.
void Commit(Store& store, const std::function<base::Status(Transaction&)>& change) {
  auto tx = store.Begin(TxMode::kReadWrite);
  ASSERT_TRUE(tx.ok()) << tx.status().ToString();
  const base::Status changed = change(**tx);
  ASSERT_TRUE(changed.ok()) << changed.ToString();
  ASSERT_TRUE((*tx)->Commit().ok());
}

// Commits `change` from another thread 100 ms after Wait starts, and expects Wait to return
// true within a second of the commit.
void ExpectWokenBy(Store& store, ChangeListener& listener,
                   const std::function<base::Status(Transaction&)>& change) {
  while (listener.Wait(Millis(0))) {
  }
  std::thread writer([&] {
    std::this_thread::sleep_for(Millis(100));
    Commit(store, change);
  });
  const auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(listener.Wait(Millis(5000)));
  EXPECT_LT(Since(start), Millis(1100));
  writer.join();
}

TEST(PostgresChangeListener, CommittedIndicatorAndFeedChangesWakeIt) {
  BINHYEN_REQUIRE_POSTGRES();
  std::unique_ptr<Store> store = OpenFresh("commits");
  ASSERT_NE(store, nullptr);
  std::unique_ptr<ChangeListener> listener = Listen(*store);
  ASSERT_NE(listener, nullptr);

  ExpectWokenBy(*store, *listener, [](Transaction& tx) {
    return tx.Indicators().Upsert(Confirmed("lua-dao.example")).status();
  });
  ExpectWokenBy(*store, *listener, [](Transaction& tx) {
    return tx.Indicators()
        .SetStatus(indicator::Kind::kDomain, "lua-dao.example", domain::IndicatorStatus::kDelisted)
        .status();
  });
  ExpectWokenBy(*store, *listener, [](Transaction& tx) {
    return tx.Feeds().UpsertSource("phishtank", "csv", domain::FeedTrust::kHigh, true).status();
  });
  ExpectWokenBy(*store, *listener, [](Transaction& tx) -> base::Status {
    BINHYEN_ASSIGN_OR_RETURN(domain::FeedSource source, tx.Feeds().GetSource("phishtank"));
    const std::vector<FeedEntryInput> entries = {{indicator::Kind::kDomain, "a.example", ""}};
    return tx.Feeds().ReplaceEntries(source.id, entries, T(1)).status();
  });
  ExpectWokenBy(*store, *listener,
                [](Transaction& tx) { return tx.Feeds().SetEnabled("phishtank", false).status(); });
}

TEST(PostgresChangeListener, RolledBackChangesDoNotWakeIt) {
  BINHYEN_REQUIRE_POSTGRES();
  std::unique_ptr<Store> store = OpenFresh("rollback");
  ASSERT_NE(store, nullptr);
  std::unique_ptr<ChangeListener> listener = Listen(*store);
  ASSERT_NE(listener, nullptr);
  {
    auto tx = store->Begin(TxMode::kReadWrite);
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE((*tx)->Indicators().Upsert(Confirmed("lua-dao.example")).ok());
    // Destroyed without Commit: rolled back.
  }
  {
    // A failed write is rolled back to its savepoint (with its notification), and the rest of
    // the transaction changes nothing the index lists.
    auto tx = store->Begin(TxMode::kReadWrite);
    ASSERT_TRUE(tx.ok());
    EXPECT_FALSE((*tx)
                     ->Indicators()
                     .SetStatus(indicator::Kind::kDomain, "missing.example",
                                domain::IndicatorStatus::kDelisted)
                     .ok());
    ASSERT_TRUE((*tx)->Commit().ok());
  }
  EXPECT_FALSE(listener->Wait(Millis(300)));
  // The listener still works.
  Commit(*store, [](Transaction& tx) {
    return tx.Indicators().Upsert(Confirmed("lua-dao.example")).status();
  });
  EXPECT_TRUE(listener->Wait(Millis(2000)));
}

TEST(PostgresChangeListener, WakeReturnsWaitAtOnce) {
  BINHYEN_REQUIRE_POSTGRES();
  std::unique_ptr<Store> store = OpenFresh("wake");
  ASSERT_NE(store, nullptr);
  std::unique_ptr<ChangeListener> listener = Listen(*store);
  ASSERT_NE(listener, nullptr);

  // Woken during the wait, from another thread.
  std::thread waker([&] {
    std::this_thread::sleep_for(Millis(100));
    listener->Wake();
  });
  auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(listener->Wait(Millis(10'000)));
  EXPECT_LT(Since(start), Millis(2000));
  waker.join();

  // Woken before the wait: the next Wait returns at once, and only that one.
  listener->Wake();
  start = std::chrono::steady_clock::now();
  EXPECT_FALSE(listener->Wait(Millis(10'000)));
  EXPECT_LT(Since(start), Millis(500));
  start = std::chrono::steady_clock::now();
  EXPECT_FALSE(listener->Wait(Millis(200)));
  EXPECT_GE(Since(start), Millis(190));
}

TEST(PostgresChangeListener, ListenersOfTwoSchemasDoNotHearEachOther) {
  BINHYEN_REQUIRE_POSTGRES();
  std::unique_ptr<Store> town = OpenFresh("town");
  std::unique_ptr<Store> province = OpenFresh("province");
  ASSERT_NE(town, nullptr);
  ASSERT_NE(province, nullptr);
  std::unique_ptr<ChangeListener> town_listener = Listen(*town);
  std::unique_ptr<ChangeListener> province_listener = Listen(*province);
  ASSERT_NE(town_listener, nullptr);
  ASSERT_NE(province_listener, nullptr);

  Commit(*town, [](Transaction& tx) {
    return tx.Indicators().Upsert(Confirmed("lua-dao.example")).status();
  });
  EXPECT_TRUE(town_listener->Wait(Millis(2000)));
  EXPECT_FALSE(province_listener->Wait(Millis(300)));

  Commit(*province, [](Transaction& tx) {
    return tx.Feeds().UpsertSource("phishtank", "csv", domain::FeedTrust::kHigh, true).status();
  });
  EXPECT_TRUE(province_listener->Wait(Millis(2000)));
  EXPECT_FALSE(town_listener->Wait(Millis(300)));
}

TEST(PostgresChangeListener, ReconnectsAfterItsConnectionIsTerminated) {
  BINHYEN_REQUIRE_POSTGRES();
  const std::string app = "binhyen_listen_" + std::to_string(getpid());
  std::unique_ptr<Store> store = OpenFresh("terminated", "&application_name=" + app);
  ASSERT_NE(store, nullptr);
  std::unique_ptr<ChangeListener> listener = Listen(*store);
  ASSERT_NE(listener, nullptr);

  {
    // Every backend of the store, the listener's included.
    auto options = ParsePostgresUrl(*StoreUrl::Parse(ServerUrl()));
    ASSERT_TRUE(options.ok());
    pqxx::connection admin(options->conninfo);
    pqxx::nontransaction w(admin);
    const auto killed = w.exec_params(
        "SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE application_name = $1 AND query LIKE 'LISTEN%') t",
        app);
    ASSERT_EQ(killed[0][0].as<int>(), 1);
  }
  // The loss is seen, the listener reconnects (within about a second of its last connection)
  // and reports a possible change.
  const auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(listener->Wait(Millis(5000)));
  EXPECT_LT(Since(start), Millis(2500));
  ExpectWokenBy(*store, *listener, [](Transaction& tx) {
    return tx.Indicators().Upsert(Confirmed("lua-dao.example")).status();
  });
}

}  // namespace
}  // namespace binhyen::store::postgres
