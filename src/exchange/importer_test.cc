#include "exchange/importer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "store/registry.h"

namespace binhyen::exchange {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class ImporterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "binhyen_importer_XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    store::RegisterSqlite(registry_);
    auto opened = registry_.Open("sqlite:" + dir_ + "/test.db");
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
    ASSERT_TRUE(store_->Migrate().ok());
  }
  void TearDown() override {
    store_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  ImportRequest Hosts(std::string_view text) {
    ImportRequest r;
    r.source = "hosts-test";
    r.format = ImportFormat::kHosts;
    r.trust = domain::FeedTrust::kHigh;
    r.text = text;
    return r;
  }
  std::vector<domain::FeedEntry> Active(std::string_view name) {
    auto tx = store_->Begin(store::TxMode::kReadOnly);
    auto source = (*tx)->Feeds().GetSource(name);
    EXPECT_TRUE(source.ok()) << source.status().ToString();
    auto entries = (*tx)->Feeds().ActiveEntries(source.ok() ? source->id : 0);
    return entries.value_or(std::vector<domain::FeedEntry>{});
  }

  std::string dir_;
  store::Registry registry_;
  std::unique_ptr<store::Store> store_;
  base::FakeClock clock_;
};

TEST_F(ImporterTest, ImportsCountsBadLinesAndAudits) {
  Importer importer(*store_, clock_);
  const std::string text =
      "# a hosts file\n"
      "0.0.0.0 lua-dao-ngan-hang.com\n"
      "this line is garbage\n"
      "127.0.0.1 localhost\n"
      "0.0.0.0 nhan-qua-mien-phi.xyz\n";
  auto report = importer.Import(Hosts(text));
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->source, "hosts-test");
  EXPECT_EQ(report->format, ImportFormat::kHosts);
  EXPECT_EQ(report->parsed, 2u);
  EXPECT_EQ(report->added, 2);
  EXPECT_EQ(report->kept, 0);
  EXPECT_EQ(report->expired, 0);
  EXPECT_EQ(report->error_count, 1u);
  ASSERT_EQ(report->errors.size(), 1u);
  EXPECT_EQ(report->errors[0].line, 3u);
  EXPECT_GT(report->version, 0);

  const auto entries = Active("hosts-test");
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].canonical, "lua-dao-ngan-hang.com");
  EXPECT_EQ(entries[0].category, "other");  // hosts files say no category
  EXPECT_EQ(entries[0].first_seen, clock_.Now());

  auto tx = store_->Begin(store::TxMode::kReadOnly);
  auto last = (*tx)->Audit().Last();
  ASSERT_TRUE(last.ok() && last->has_value());
  EXPECT_EQ((*last)->action, "feed.import");
  EXPECT_EQ((*last)->actor, "cli");
  EXPECT_EQ((*last)->target, "feed:hosts-test");
  EXPECT_EQ((*last)->summary,
            "format=hosts trust=high parsed=2 added=2 kept=0 expired=0 skipped=2 errors=1 "
            "version=" +
                std::to_string(report->version));
  auto source = (*tx)->Feeds().GetSource("hosts-test");
  ASSERT_TRUE(source.ok());
  EXPECT_EQ(source->trust, domain::FeedTrust::kHigh);
  EXPECT_EQ(source->format, "hosts");
  EXPECT_EQ(source->active_entries, 2);
}

TEST_F(ImporterTest, ReimportExpiresAndKeepsDisabledFlag) {
  Importer importer(*store_, clock_);
  ASSERT_TRUE(importer.Import(Hosts("0.0.0.0 a-scam.com\n0.0.0.0 b-scam.com\n")).ok());
  {
    auto tx = store_->Begin(store::TxMode::kReadWrite);
    ASSERT_TRUE((*tx)->Feeds().SetEnabled("hosts-test", false).ok());
    ASSERT_TRUE((*tx)->Commit().ok());
  }
  clock_.Advance(std::chrono::hours(1));
  auto again = importer.Import(Hosts("0.0.0.0 b-scam.com\n0.0.0.0 c-scam.com\n"));
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->added, 1);
  EXPECT_EQ(again->kept, 1);
  EXPECT_EQ(again->expired, 1);
  const auto entries = Active("hosts-test");
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].canonical, "b-scam.com");
  EXPECT_EQ(entries[1].canonical, "c-scam.com");
  auto tx = store_->Begin(store::TxMode::kReadOnly);
  EXPECT_FALSE((*tx)->Feeds().GetSource("hosts-test")->enabled);
}

TEST_F(ImporterTest, CategoryDefaultsPerFormatAndOverride) {
  EXPECT_EQ(DefaultImportCategory(ImportFormat::kHosts), "other");
  EXPECT_EQ(DefaultImportCategory(ImportFormat::kPlain), "other");
  EXPECT_EQ(DefaultImportCategory(ImportFormat::kUrlhausCsv), "malware");
  EXPECT_EQ(DefaultImportCategory(ImportFormat::kOpenPhish), "phishing");
  Importer importer(*store_, clock_);
  ImportRequest r = Hosts("0.0.0.0 lua-dao.com\n");
  r.default_category = "bank_impersonation";
  ASSERT_TRUE(importer.Import(r).ok());
  EXPECT_EQ(Active("hosts-test")[0].category, "bank_impersonation");
  r.default_category = "nonsense";
  EXPECT_EQ(importer.Import(r).status().message(), "category: unknown category 'nonsense'");
}

TEST_F(ImporterTest, StrictRefusesTheWholeFileAndStoresNothing) {
  Importer importer(*store_, clock_);
  ImportRequest r = Hosts("0.0.0.0 fine-scam.com\ngarbage line here\n");
  r.strict = true;
  auto report = importer.Import(r);
  EXPECT_EQ(report.status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_THAT(report.status().message(), HasSubstr("line 2"));
  auto tx = store_->Begin(store::TxMode::kReadOnly);
  EXPECT_EQ((*tx)->Feeds().GetSource("hosts-test").status().code(), base::StatusCode::kNotFound);
  auto last = (*tx)->Audit().Last();
  ASSERT_TRUE(last.ok());
  EXPECT_FALSE(last->has_value());
}

TEST_F(ImporterTest, KeepsOnlyTheFirstHundredErrors) {
  Importer importer(*store_, clock_);
  std::string text;
  for (int i = 0; i < 150; ++i) text += "garbage line " + std::to_string(i) + "\n";
  text += "0.0.0.0 one-scam.com\n";
  auto report = importer.Import(Hosts(text));
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->error_count, 150u);
  ASSERT_EQ(report->errors.size(), kMaxReportedErrors);
  EXPECT_EQ(report->errors[99].line, 100u);
  EXPECT_EQ(report->parsed, 1u);
}

TEST_F(ImporterTest, BadSourceName) {
  Importer importer(*store_, clock_);
  ImportRequest r = Hosts("0.0.0.0 a-scam.com\n");
  r.source = "Bad Name";
  EXPECT_EQ(importer.Import(r).status().message(),
            "name: must be 1..64 characters of a-z 0-9 . _ -");
}

}  // namespace
}  // namespace binhyen::exchange
