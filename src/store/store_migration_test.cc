// Upgrading a populated version-1 database to the latest schema, on every backend: every row,
// child row, link and search hit survives, and the version-2 features work on the old rows.
// The version-1 database is built by applying the embedded migration 0001 directly (the
// Store interface only migrates to the latest version).

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "store/common.h"
#include "store/migrations.h"
#include "store/store_conformance_fixture.h"

namespace binhyen::store::testing {
namespace {

using domain::ReportStatus;
using indicator::Kind;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr int64_t kEpochMicros = 1'700'000'000'000'000;
const std::string kSessionHash(64, 'a');
const std::string kCsrfHash(64, 'b');

base::TimePoint Micros(int64_t micros) {
  return base::TimePoint(std::chrono::microseconds(micros));
}

class MigrationTest : public StoreTest {
 protected:
  bool MigrateInSetUp() const override { return false; }
  bool IsSqlite() const { return GetParam() == "sqlite"; }

  // Creates the version-1 schema: what Migrate() did before migration 0002 existed.
  void MigrateToVersion1() {
    const Migration& m = IsSqlite() ? SqliteMigrations()[0] : PostgresMigrations()[0];
    ASSERT_EQ(m.version, 1);
    const std::string migrations_table =
        IsSqlite() ? "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT "
                     "NULL, applied_at INTEGER NOT NULL) STRICT;\n"
                   : "CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT "
                     "NULL, applied_at bigint NOT NULL);\n";
    ASSERT_TRUE(store_
                    ->ExecForTesting(migrations_table + std::string(m.sql) +
                                     "\nINSERT INTO schema_migrations (version, name, applied_at) "
                                     "VALUES (1, '0001_init', 0);")
                    .ok());
    ASSERT_EQ(store_->SchemaVersion().value_or(-1), 1);
  }

  // Rows of every kind the version-1 schema holds, written with version-1 SQL: two users, a
  // session, reports 1, 2 and 5 (ids with a gap) with indicators, evidence, links and their
  // full-text rows. Report 5 was marked a duplicate before duplicate_of existed.
  void InsertVersion1Rows() {
    const bool lite = IsSqlite();
    const std::string f = lite ? "0" : "false";
    const std::string t = lite ? "1" : "true";
    std::string sql =
        "INSERT INTO users (id, name, password_hash, role, unit, disabled, created_at) VALUES "
        "(1, 'an', 'hash-an', 'analyst', 'CA-P01', " +
        f +
        ", 1700000000000000), "
        "(2, 'binh', 'hash-binh', 'member', '', " +
        t +
        ", 1700000000000001);\n"
        "INSERT INTO sessions (id_hash, user_id, csrf_token_hash, created_at, expires_at, "
        "last_seen_at) VALUES ('" +
        kSessionHash + "', 1, '" + kCsrfHash +
        "', 1700000000000000, 1700003600000000, 1700000000500000);\n"
        "INSERT INTO reports (id, receipt_code, channel, category, description, occurred_at, "
        "loss_vnd, ward, contact_ciphertext, status, assignee_user_id, created_at, updated_at) "
        "VALUES (1, '" +
        Receipt(1) +
        "', 'web', 'phishing', 'Tôi bị LỪA ĐẢO qua Zalo', "
        "1699999999000000, 5000000, 'P01', " +
        (lite ? "X'01ff'" : "decode('01ff', 'hex')") +
        ", 'triaging', 1, 1700000001000000, 1700000002000000), "
        "(2, '" +
        Receipt(2) +
        "', 'api', 'loan', 'Vay tiền lãi cao', NULL, 0, '', NULL, "
        "'received', NULL, 1700000003000000, 1700000003000000), "
        "(5, '" +
        Receipt(5) +
        "', 'bot', 'spam', 'Tin nhắn rác trúng thưởng', NULL, 0, 'P02', "
        "NULL, 'duplicate', NULL, 1700000004000000, 1700000005000000);\n";
    if (lite) {
      sql +=
          "INSERT INTO report_indicators (report_id, kind, canonical, position, raw) VALUES "
          "(1, 'phone', '+84912345678', 0, '0912 345 678'), (1, 'url', 'http://x.top/', 1, ''), "
          "(5, 'phone', '+84912345678', 0, '');\n";
      for (const auto& [id, text] :
           std::vector<std::pair<int, std::string>>{{1, "Tôi bị LỪA ĐẢO qua Zalo"},
                                                    {2, "Vay tiền lãi cao"},
                                                    {5, "Tin nhắn rác trúng thưởng"}}) {
        sql += "INSERT INTO reports_fts (rowid, description) VALUES (" + std::to_string(id) +
               ", '" + FoldForSearch(text) + "');\n";
      }
    } else {
      sql +=
          "INSERT INTO report_indicators (report_id, kind, canonical, raw) VALUES "
          "(1, 'phone', '+84912345678', '0912 345 678'), (1, 'url', 'http://x.top/', ''), "
          "(5, 'phone', '+84912345678', '');\n"
          "SELECT setval(pg_get_serial_sequence('users', 'id'), 2);\n"
          "SELECT setval(pg_get_serial_sequence('reports', 'id'), 5);\n";
    }
    sql +=
        "INSERT INTO report_evidence (report_id, sha256, media_type, size, filename) VALUES "
        "(1, '" +
        std::string(64, 'c') +
        "', 'image/png', 1234, 'chat.png'), "
        "(1, '" +
        std::string(64, 'd') +
        "', 'image/jpeg', 99, '');\n"
        "INSERT INTO report_links (report_id, other_id) VALUES (1, 5), (2, 5);\n";
    ASSERT_TRUE(store_->ExecForTesting(sql).ok());
  }

  static domain::Report ExpectedReport1() {
    domain::Report r;
    r.id = 1;
    r.receipt_code = Receipt(1);
    r.channel = domain::Channel::kWeb;
    r.category = domain::Category::kPhishing;
    r.description = "Tôi bị LỪA ĐẢO qua Zalo";
    r.occurred_at = Micros(1'699'999'999'000'000);
    r.loss_vnd = 5'000'000;
    r.ward = "P01";
    r.contact_ciphertext = std::string("\x01\xff", 2);
    r.status = ReportStatus::kTriaging;
    r.assignee_user_id = 1;
    r.linked_report_ids = {5};
    r.indicators = {{Kind::kPhone, "+84912345678", "0912 345 678"},
                    {Kind::kUrl, "http://x.top/", ""}};
    r.evidence = {{std::string(64, 'c'), "image/png", 1234, "chat.png"},
                  {std::string(64, 'd'), "image/jpeg", 99, ""}};
    r.created_at = Micros(kEpochMicros + 1'000'000);
    r.updated_at = Micros(kEpochMicros + 2'000'000);
    return r;
  }
};

TEST_P(MigrationTest, PopulatedVersion1DatabaseUpgradesWithEveryRowLinkAndSearchHit) {
  MigrateToVersion1();
  InsertVersion1Rows();
  EXPECT_EQ(store_->Begin(TxMode::kReadOnly).status().code(),
            base::StatusCode::kFailedPrecondition);  // not migrated yet
  ASSERT_TRUE(store_->Migrate().ok());
  Reopen();
  EXPECT_EQ(store_->SchemaVersion().value_or(-1), store_->LatestSchemaVersion());
  EXPECT_TRUE(store_->CheckIntegrity().ok());

  auto tx = Begin(TxMode::kReadOnly);
  auto& reports = tx->Reports();
  EXPECT_EQ(reports.Get(1).value(), ExpectedReport1());
  domain::Report r2 = reports.Get(2).value();
  EXPECT_EQ(r2.receipt_code, Receipt(2));
  EXPECT_EQ(r2.channel, domain::Channel::kApi);
  EXPECT_EQ(r2.category, domain::Category::kLoan);
  EXPECT_EQ(r2.contact_ciphertext, std::nullopt);
  EXPECT_EQ(r2.assignee_user_id, std::nullopt);
  EXPECT_THAT(r2.linked_report_ids, ElementsAre(5));
  EXPECT_EQ(r2.public_note, "");
  EXPECT_EQ(r2.text_simhash, std::nullopt);
  domain::Report r5 = reports.GetByReceipt(Receipt(5)).value();
  EXPECT_EQ(r5.id, 5);
  EXPECT_EQ(r5.status, ReportStatus::kDuplicate);
  EXPECT_EQ(r5.duplicate_of, std::nullopt);
  EXPECT_THAT(r5.linked_report_ids, ElementsAre(1, 2));
  EXPECT_EQ(r5.updated_at, Micros(kEpochMicros + 5'000'000));
  EXPECT_EQ(reports.Count().value(), 3);

  EXPECT_THAT(reports.Search("lua dao", 10).value(), ElementsAre(1));
  EXPECT_THAT(reports.Search("trúng thưởng", 10).value(), ElementsAre(5));
  EXPECT_THAT(reports.FindByIndicator(Kind::kPhone, "+84912345678", 10).value(), ElementsAre(5, 1));
  EXPECT_THAT(reports.FindSharingIndicators(1, 10).value(), ElementsAre(5));
  ReportFilter filter;
  filter.status = ReportStatus::kTriaging;
  filter.text = "ZALO";
  auto page = reports.List(filter, {10, ""});
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0], ExpectedReport1());

  domain::User an = tx->Users().Get(1).value();
  EXPECT_EQ(an.name, "an");
  EXPECT_EQ(an.role, domain::Role::kAnalyst);
  EXPECT_EQ(an.unit, "CA-P01");
  EXPECT_FALSE(an.disabled);
  EXPECT_EQ(an.failed_logins, 0);
  EXPECT_EQ(an.locked_until, std::nullopt);
  EXPECT_TRUE(tx->Users().GetByName("binh").value().disabled);
  domain::Session session = tx->Sessions().Get(kSessionHash).value();
  EXPECT_EQ(session.user_id, 1);
  EXPECT_EQ(session.csrf_token_hash, kCsrfHash);
  EXPECT_EQ(session.last_seen_at, Micros(kEpochMicros + 500'000));
  EXPECT_EQ(session.expires_at, Micros(kEpochMicros + 3'600'000'000));
  tx.reset();

  // Version-2 features on the migrated data; new ids continue after the old ones.
  auto write = Begin();
  domain::Report fresh = MakeReport(6, "Cuộc gọi lừa đảo");
  fresh.category = domain::Category::kScamCall;
  fresh.text_simhash = 42;
  auto key = write->Reports().Create(fresh);
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  EXPECT_EQ(key->id, 6);
  EXPECT_THAT(write->Reports().Search("lua dao", 10).value(), ElementsAre(6, 1));
  EXPECT_THAT(write->Reports().FindNearDuplicates(43, 1, 10).value(),
              ElementsAre(NearDuplicate{6, 1}));
  StatusChange onto_old_duplicate = To(ReportStatus::kDuplicate);
  onto_old_duplicate.duplicate_of = 5;
  EXPECT_EQ(write->Reports().Transition(2, onto_old_duplicate, T(10)).status(),
            base::FailedPreconditionError("duplicate_of: report 5 is itself a duplicate"));
  StatusChange dup = To(ReportStatus::kDuplicate);
  dup.duplicate_of = 1;
  auto marked = write->Reports().Transition(2, dup, T(10));
  ASSERT_TRUE(marked.ok()) << marked.status().ToString();
  EXPECT_THAT(marked->linked_report_ids, ElementsAre(1, 5));
  domain::User an_locked = an;
  an_locked.failed_logins = 3;
  an_locked.locked_until = T(60);
  ASSERT_TRUE(write->Users().Update(an_locked).ok());
  ASSERT_TRUE(write->Units().Create({"p01", "Phường 1", domain::UnitKind::kWard, "", T(0)}).ok());
  ASSERT_TRUE(write->Commit().ok());
  // Foreign keys are enforced again after the migration.
  EXPECT_FALSE(
      store_->ExecForTesting("INSERT INTO report_links (report_id, other_id) VALUES (998, 999)")
          .ok());
  EXPECT_TRUE(store_->CheckIntegrity().ok());
}

TEST_P(MigrationTest, EmptyVersion1DatabaseUpgrades) {
  MigrateToVersion1();
  ASSERT_TRUE(store_->Migrate().ok());
  EXPECT_EQ(store_->SchemaVersion().value_or(-1), store_->LatestSchemaVersion());
  EXPECT_TRUE(store_->Migrate().ok());
  auto tx = Begin();
  auto key = tx->Reports().Create(MakeReport(1));
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  EXPECT_EQ(key->id, 1);
  // Migration 0015's counters start at 0.
  EXPECT_EQ(tx->Federation().CurrentSeq().value_or(-1), 0);
  EXPECT_EQ(tx->Federation().OwnCursor().value_or(-1), 0);
  ASSERT_TRUE(tx->Commit().ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, MigrationTest, ::testing::ValuesIn(ConformanceBackends()),
                         [](const auto& param_info) { return param_info.param; });

class SqliteMigrationTest : public MigrationTest {
 protected:
  // Names of the indexes of `table`, read from the database file.
  std::vector<std::string> IndexesOf(const std::string& table) {
    sqlite3* db = nullptr;
    std::vector<std::string> names;
    const std::string path = dir_ + "/test.db";
    EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* s = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db,
                                 "SELECT name FROM sqlite_schema WHERE type = 'index' AND "
                                 "tbl_name = ? ORDER BY name",
                                 -1, &s, nullptr),
              SQLITE_OK);
    sqlite3_bind_text(s, 1, table.c_str(), -1, SQLITE_TRANSIENT);
    while (sqlite3_step(s) == SQLITE_ROW) {
      names.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)));
    }
    sqlite3_finalize(s);
    sqlite3_close_v2(db);
    return names;
  }
};

TEST_P(SqliteMigrationTest, RebuiltReportsTableKeepsItsIndexes) {
  MigrateToVersion1();
  InsertVersion1Rows();
  ASSERT_TRUE(store_->Migrate().ok());
  EXPECT_THAT(IndexesOf("reports"),
              ElementsAre("reports_assignee", "reports_contact_retention_idx", "reports_created",
                          "reports_status", "sqlite_autoindex_reports_1"));
  EXPECT_THAT(IndexesOf("reports_v2"), ::testing::IsEmpty());
}

TEST_P(SqliteMigrationTest, ForeignKeyViolationFailsTheMigrationAndChangesNothing) {
  MigrateToVersion1();
  InsertVersion1Rows();
  // A child row whose report is gone, as a database edited by hand could hold.
  ASSERT_TRUE(store_
                  ->ExecForTesting("PRAGMA foreign_keys=OFF; INSERT INTO report_evidence "
                                   "(report_id, sha256, media_type, size) VALUES (77, '" +
                                   std::string(64, 'e') +
                                   "', 'image/png', 1); PRAGMA "
                                   "foreign_keys=ON")
                  .ok());
  const base::Status migrated = store_->Migrate();
  EXPECT_EQ(migrated.code(), base::StatusCode::kInternal) << migrated.ToString();
  EXPECT_THAT(migrated.message(),
              HasSubstr("migration 0002_report_triage: foreign_key_check: table report_evidence "
                        "row 3 references a missing reports row"));
  EXPECT_EQ(store_->SchemaVersion().value_or(-1), 1);
  EXPECT_THAT(IndexesOf("reports"), ElementsAre("reports_status", "sqlite_autoindex_reports_1"));
  // Foreign keys are back on although the migration failed.
  EXPECT_FALSE(store_
                   ->ExecForTesting("INSERT INTO report_links (report_id, other_id) VALUES "
                                    "(998, 999)")
                   .ok());
  // Once the stray row is gone the migration succeeds.
  ASSERT_TRUE(store_->ExecForTesting("DELETE FROM report_evidence WHERE report_id = 77").ok());
  ASSERT_TRUE(store_->Migrate().ok());
  auto tx = Begin(TxMode::kReadOnly);
  EXPECT_EQ(tx->Reports().Get(1).value(), ExpectedReport1());
}

INSTANTIATE_TEST_SUITE_P(Sqlite, SqliteMigrationTest, ::testing::Values("sqlite"),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace binhyen::store::testing
