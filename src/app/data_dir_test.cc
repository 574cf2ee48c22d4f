#include "app/data_dir.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "app/internal/subprocess.h"

namespace binhyen::app {
namespace {

namespace fs = std::filesystem;

class DataDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "data_dir_test.XXXXXX").string();
    tmp_ = ::mkdtemp(tmpl.data());
    ::umask(022);
  }
  void TearDown() override { fs::remove_all(tmp_); }

  static mode_t ModeOf(const fs::path& p) {
    struct stat st;
    EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
    return st.st_mode & 07777;
  }

  fs::path tmp_;
};

TEST_F(DataDirTest, CreatesLayoutWithModes) {
  base::Result<DataDir> dir = DataDir::Open(tmp_ / "a" / "var", DataDir::Mode::kCreate);
  ASSERT_TRUE(dir.ok()) << dir.status().ToString();
  EXPECT_EQ(dir->root(), tmp_ / "a" / "var");
  EXPECT_EQ(dir->database(), tmp_ / "a" / "var" / "binhyen.db");
  EXPECT_EQ(dir->contact_key(), tmp_ / "a" / "var" / "keys" / "contact.key");
  EXPECT_EQ(dir->DefaultStoreUrl(),
            "sqlite:" + (tmp_ / "a" / "var" / "binhyen.db").string() + "?synchronous=full");
  EXPECT_EQ(ModeOf(dir->root()), 0750u);
  EXPECT_EQ(ModeOf(dir->evidence_dir()), 0750u);
  EXPECT_EQ(ModeOf(dir->keys_dir()), 0700u);
  EXPECT_EQ(ModeOf(dir->backups_dir()), 0700u);
  EXPECT_FALSE(fs::exists(dir->database()));  // the store creates it
}

TEST_F(DataDirTest, ReopenKeepsExistingModesAndNormalisesThePath) {
  ASSERT_TRUE(DataDir::Open(tmp_ / "var", DataDir::Mode::kCreate).ok());
  ASSERT_EQ(::chmod((tmp_ / "var").c_str(), 0755), 0);
  base::Result<DataDir> again =
      DataDir::Open(tmp_ / "x" / ".." / "var" / "", DataDir::Mode::kExisting);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->root(), tmp_ / "var");
  EXPECT_EQ(ModeOf(tmp_ / "var"), 0755u);
}

TEST_F(DataDirTest, RecreatesMissingSubdirectories) {
  ASSERT_TRUE(DataDir::Open(tmp_ / "var", DataDir::Mode::kCreate).ok());
  fs::remove(tmp_ / "var" / "keys");
  base::Result<DataDir> dir = DataDir::Open(tmp_ / "var", DataDir::Mode::kExisting);
  ASSERT_TRUE(dir.ok());
  EXPECT_EQ(ModeOf(dir->keys_dir()), 0700u);
}

TEST_F(DataDirTest, ExistingModeRequiresTheRoot) {
  base::Result<DataDir> dir = DataDir::Open(tmp_ / "nope", DataDir::Mode::kExisting);
  ASSERT_FALSE(dir.ok());
  EXPECT_EQ(dir.status().code(), base::StatusCode::kNotFound);
  EXPECT_EQ(dir.status().message(), "data directory " + (tmp_ / "nope").string() +
                                        " does not exist (run `binhyen migrate --data " +
                                        (tmp_ / "nope").string() + "` first)");
  EXPECT_FALSE(fs::exists(tmp_ / "nope"));
}

TEST_F(DataDirTest, RefusesFilesWhereDirectoriesBelong) {
  { std::ofstream(tmp_ / "file") << "x"; }
  base::Result<DataDir> dir = DataDir::Open(tmp_ / "file", DataDir::Mode::kCreate);
  ASSERT_FALSE(dir.ok());
  EXPECT_EQ(dir.status().code(), base::StatusCode::kFailedPrecondition);
  EXPECT_EQ(dir.status().message(), (tmp_ / "file").string() + " exists but is not a directory");

  fs::create_directory(tmp_ / "var");
  { std::ofstream(tmp_ / "var" / "keys") << "x"; }
  base::Result<DataDir> keys = DataDir::Open(tmp_ / "var", DataDir::Mode::kCreate);
  ASSERT_FALSE(keys.ok());
  EXPECT_EQ(keys.status().message(),
            (tmp_ / "var" / "keys").string() + " exists but is not a directory");

  EXPECT_EQ(DataDir::Open("", DataDir::Mode::kCreate).status().code(),
            base::StatusCode::kInvalidArgument);
}

TEST(RunProcessTest, ExitStatusAndStdout) {
  std::string tmpl = (fs::temp_directory_path() / "run_process_test.XXXXXX").string();
  fs::path dir = ::mkdtemp(tmpl.data());
  fs::path out = dir / "out.txt";
  ASSERT_TRUE(internal::RunProcess({"sh", "-c", "printf '%s' \"$GREETING\""},
                                   {{"GREETING", "xin chào"}}, out)
                  .ok());
  std::ifstream in(out);
  std::string got((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(got, "xin chào");

  base::Status failed = internal::RunProcess({"sh", "-c", "exit 3"}, {}, std::nullopt);
  EXPECT_EQ(failed.code(), base::StatusCode::kInternal);
  EXPECT_EQ(failed.message(), "sh exited with status 3");

  base::Status missing = internal::RunProcess({"binhyen-no-such-program-xyz"}, {}, std::nullopt);
  EXPECT_EQ(missing.code(), base::StatusCode::kUnavailable);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace binhyen::app
