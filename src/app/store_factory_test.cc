#include "app/store_factory.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

namespace binhyen::app {
namespace {

namespace fs = std::filesystem;

class StoreFactoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "store_factory_test.XXXXXX").string();
    tmp_ = ::mkdtemp(tmpl.data());
  }
  void TearDown() override { fs::remove_all(tmp_); }
  fs::path tmp_;
};

TEST_F(StoreFactoryTest, DefaultIsSqliteInTheDataDirAndMigrated) {
  DataDir dir = DataDir::Open(tmp_ / "var", DataDir::Mode::kCreate).value();
  base::Result<std::unique_ptr<store::Store>> store =
      OpenStoreForCli(dir, "", SchemaAction::kMigrate);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_EQ((*store)->Backend(), "sqlite");
  EXPECT_EQ((*store)->SchemaVersion().value(), (*store)->LatestSchemaVersion());
  EXPECT_TRUE(fs::exists(dir.database()));
}

TEST_F(StoreFactoryTest, AsIsDoesNotMigrate) {
  DataDir dir = DataDir::Open(tmp_ / "var", DataDir::Mode::kCreate).value();
  base::Result<std::unique_ptr<store::Store>> store = OpenStoreForCli(dir, "", SchemaAction::kAsIs);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_EQ((*store)->SchemaVersion().value(), 0);
}

TEST_F(StoreFactoryTest, ExplicitUrlsAndUnknownScheme) {
  DataDir dir = DataDir::Open(tmp_ / "var", DataDir::Mode::kCreate).value();
  const fs::path elsewhere = tmp_ / "elsewhere.db";
  base::Result<std::unique_ptr<store::Store>> store =
      OpenStoreForCli(dir, "sqlite:" + elsewhere.string(), SchemaAction::kMigrate);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_TRUE(fs::exists(elsewhere));
  EXPECT_FALSE(fs::exists(dir.database()));

  base::Status unknown = OpenStoreForCli(dir, "mysql://x", SchemaAction::kMigrate).status();
  EXPECT_EQ(unknown.code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(unknown.message(),
            "store url: unknown scheme 'mysql' (known: postgres, postgresql, sqlite)");
}

TEST_F(StoreFactoryTest, BothBackendsAreRegistered) {
  store::Registry registry = NewStoreRegistry();
  // A PostgreSQL URL reaches the PostgreSQL backend (which fails to connect to a closed port),
  // not "unknown scheme".
  base::Status pg = registry.Open("postgres://nobody@127.0.0.1:1/none").status();
  EXPECT_EQ(pg.message().find("store url: unknown scheme"), std::string::npos) << pg.ToString();
  const char* url = std::getenv("BINHYEN_TEST_POSTGRES_URL");
  if (url != nullptr && *url != '\0') {
    base::Result<std::unique_ptr<store::Store>> store = registry.Open(url);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    EXPECT_EQ((*store)->Backend(), "postgres");
  }
}

}  // namespace
}  // namespace binhyen::app
