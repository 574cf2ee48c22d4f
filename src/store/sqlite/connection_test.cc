#include "store/sqlite/connection.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <string>

namespace binhyen::store::sqlite {
namespace {

// Bytes of heap the connection's page cache holds (SQLITE_DBSTATUS_CACHE_USED), and how many
// times it wrote dirty pages into the WAL before COMMIT (SQLITE_DBSTATUS_CACHE_SPILL).
int CacheUsed(const Connection& c) {
  int used = 0, highwater = 0;
  EXPECT_EQ(sqlite3_db_status(c.db(), SQLITE_DBSTATUS_CACHE_USED, &used, &highwater, 0), SQLITE_OK);
  return used;
}
int CacheSpills(const Connection& c) {
  int spills = 0, highwater = 0;
  EXPECT_EQ(sqlite3_db_status(c.db(), SQLITE_DBSTATUS_CACHE_SPILL, &spills, &highwater, 0),
            SQLITE_OK);
  return spills;
}

// A server's writer connection keeps what it wrote in its page cache: the cache must stay near
// 8 MiB however much the database grows (it was 64 MiB, and the resident memory of a server
// under load grew by about 1.2 KiB per report until then), while one big write transaction must
// still keep its dirty pages (up to 64 MiB) instead of spilling them into the WAL before COMMIT.
TEST(SqliteConnection, PageCacheIsBoundedAndBigTransactionsDoNotSpill) {
  std::string dir = (std::filesystem::temp_directory_path() / "binhyen_connection_XXXXXX").string();
  ASSERT_NE(mkdtemp(dir.data()), nullptr);
  const std::string path = dir + "/test.db";
  constexpr int kBound = 10 << 20;  // 8 MiB of pages and their headers, with a margin
  {
    auto writer = Connection::Open(path, /*create=*/true, /*read_only=*/false, {});
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
    Connection& w = **writer;
    // No checkpoint: every page stays in the WAL, which a reader reads through its cache rather
    // than the memory map.
    ASSERT_TRUE(w.Exec("PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0; "
                       "CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB)")
                    .ok());
    // Each step adds about 24 MiB: 6,000 rows of 3,000 random bytes (a page each), in one
    // transaction or in 100.
    struct Step {
      int transactions;
      int rows;  // per transaction
    };
    for (const Step& step : {Step{1, 6000}, Step{100, 60}}) {
      SCOPED_TRACE(std::to_string(step.transactions) + " transaction(s)");
      const std::string sql =
          "BEGIN; WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " +
          std::to_string(step.rows) + ") INSERT INTO t (b) SELECT randomblob(3000) FROM n; COMMIT";
      const int spills_before = CacheSpills(w);
      for (int i = 0; i < step.transactions; ++i) ASSERT_TRUE(w.Exec(sql).ok());
      EXPECT_EQ(CacheSpills(w), spills_before);
      EXPECT_LT(CacheUsed(w), kBound);
    }
    // A reader reading it all is bounded the same way.
    auto reader = Connection::Open(path, /*create=*/false, /*read_only=*/true, {});
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    auto s = (*reader)->Prepare("SELECT sum(length(b)) FROM t");
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    auto row = (*s)->Step();
    ASSERT_TRUE(row.ok() && *row);
    EXPECT_EQ((*s)->Int(0), 12000 * 3000);
    EXPECT_LT(CacheUsed(**reader), kBound);
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace binhyen::store::sqlite
