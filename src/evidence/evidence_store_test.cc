#include "evidence/evidence_store.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

namespace binhyen::evidence {
namespace {

namespace fs = std::filesystem;

// SHA-256 of "abc" (FIPS 180-2 appendix B.1).
constexpr std::string_view kAbcSha256 =
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

class EvidenceStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "evidence_store_test.XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    tmp_ = tmpl;
    ::umask(022);
  }
  void TearDown() override { fs::remove_all(tmp_); }

  static mode_t ModeOf(const fs::path& p) {
    struct stat st;
    EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
    return st.st_mode & 07777;
  }
  static ino_t InodeOf(const fs::path& p) {
    struct stat st;
    EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
    return st.st_ino;
  }

  EvidenceStore OpenStore() {
    base::Result<EvidenceStore> store = EvidenceStore::Open(tmp_ / "var" / "evidence");
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    return std::move(store).value();
  }

  fs::path tmp_;
};

TEST_F(EvidenceStoreTest, PutThenRead) {
  EvidenceStore store = OpenStore();
  const std::string data = std::string("\x89PNG\r\n\x1A\n", 8) + std::string(100000, '\0') + "end";
  base::Result<StoredFile> put = store.Put(data);
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  EXPECT_EQ(put->size, static_cast<int64_t>(data.size()));
  EXPECT_FALSE(put->existed);
  EXPECT_TRUE(store.Contains(put->sha256));
  base::Result<std::string> read = store.Read(put->sha256);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(*read, data);

  // An empty file is a file too.
  base::Result<StoredFile> empty = store.Put("");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->sha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(empty->size, 0);
  EXPECT_EQ(store.Read(empty->sha256).value(), "");
}

TEST_F(EvidenceStoreTest, LayoutAndHashMatchSha256sum) {
  EvidenceStore store = OpenStore();
  base::Result<StoredFile> put = store.Put("abc");
  ASSERT_TRUE(put.ok());
  EXPECT_EQ(put->sha256, kAbcSha256);
  const fs::path expected = tmp_ / "var" / "evidence" / "ba" / "78" / kAbcSha256;
  EXPECT_EQ(store.PathOf(kAbcSha256), expected);
  EXPECT_EQ(store.root(), tmp_ / "var" / "evidence");
  ASSERT_TRUE(fs::is_regular_file(expected));

  // The name is what coreutils computes over the stored bytes.
  const std::string command = "sha256sum '" + expected.string() + "'";
  FILE* pipe = ::popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  char line[256] = {};
  ASSERT_NE(std::fgets(line, sizeof line, pipe), nullptr);
  ASSERT_EQ(::pclose(pipe), 0);
  EXPECT_EQ(std::string(line).substr(0, 64), kAbcSha256);
}

TEST_F(EvidenceStoreTest, PutIsIdempotent) {
  EvidenceStore store = OpenStore();
  base::Result<StoredFile> first = store.Put("same bytes");
  ASSERT_TRUE(first.ok());
  const ino_t inode = InodeOf(store.PathOf(first->sha256));
  base::Result<StoredFile> second = store.Put("same bytes");
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(second->existed);
  EXPECT_EQ(second->sha256, first->sha256);
  EXPECT_EQ(second->size, first->size);
  EXPECT_EQ(InodeOf(store.PathOf(first->sha256)), inode);  // not rewritten
  // And across a reopen.
  EvidenceStore again = OpenStore();
  EXPECT_TRUE(again.Put("same bytes")->existed);
  EXPECT_TRUE(fs::is_empty(tmp_ / "var" / "evidence" / "tmp"));
}

TEST_F(EvidenceStoreTest, RejectsMalformedHashes) {
  EvidenceStore store = OpenStore();
  ASSERT_TRUE(store.Put("abc").ok());
  const std::string upper = "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD";
  for (const std::string& bad :
       {std::string("../x"), std::string("../../../../etc/passwd"), upper,
        std::string(kAbcSha256.substr(0, 63)), std::string(kAbcSha256) + "0",
        std::string(kAbcSha256.substr(0, 62)) + "/.", std::string(64, 'g'), std::string(),
        std::string(kAbcSha256.substr(0, 63)) + '\0'}) {
    base::Result<std::string> read = store.Read(bad);
    ASSERT_FALSE(read.ok()) << bad;
    EXPECT_EQ(read.status().code(), base::StatusCode::kInvalidArgument) << bad;
    EXPECT_FALSE(store.Contains(bad)) << bad;
    EXPECT_FALSE(IsValidSha256(bad)) << bad;
  }
  EXPECT_TRUE(IsValidSha256(kAbcSha256));
}

TEST_F(EvidenceStoreTest, NotFound) {
  EvidenceStore store = OpenStore();
  const std::string missing(64, 'a');
  base::Result<std::string> read = store.Read(missing);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status(), base::NotFoundError("evidence " + missing + ": not found"));
  EXPECT_FALSE(store.Contains(missing));
}

TEST_F(EvidenceStoreTest, Permissions) {
  EvidenceStore store = OpenStore();
  ::umask(077);  // modes are exact whatever the umask
  base::Result<StoredFile> put = store.Put("abc");
  ASSERT_TRUE(put.ok());
  const fs::path root = tmp_ / "var" / "evidence";
  EXPECT_EQ(ModeOf(root), 0750u);
  EXPECT_EQ(ModeOf(root / "tmp"), 0750u);
  EXPECT_EQ(ModeOf(root / "ba"), 0750u);
  EXPECT_EQ(ModeOf(root / "ba" / "78"), 0750u);
  EXPECT_EQ(ModeOf(store.PathOf(put->sha256)), 0640u);
}

TEST_F(EvidenceStoreTest, LeftoverTemporaryFilesAreHarmless) {
  {
    EvidenceStore store = OpenStore();
    // What a crash in the middle of Put leaves behind, including a name mkstemp could pick.
    std::ofstream(tmp_ / "var" / "evidence" / "tmp" / "put-AbC123") << "half a fi";
    std::ofstream(tmp_ / "var" / "evidence" / "tmp" / "junk") << "x";
  }
  EvidenceStore store = OpenStore();
  base::Result<StoredFile> put = store.Put("abc");
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  EXPECT_EQ(store.Read(kAbcSha256).value(), "abc");
  EXPECT_TRUE(fs::exists(tmp_ / "var" / "evidence" / "tmp" / "junk"));
}

TEST_F(EvidenceStoreTest, DamagedFiles) {
  EvidenceStore store = OpenStore();
  ASSERT_TRUE(store.Put("abc").ok());
  const fs::path path = store.PathOf(kAbcSha256);
  fs::permissions(path, fs::perms::owner_write, fs::perm_options::add);
  std::ofstream(path, std::ios::trunc) << "abd";  // same size, altered content
  base::Result<std::string> read = store.Read(kAbcSha256);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().code(), base::StatusCode::kInternal);

  // A truncated file is replaced by the next Put of the real content.
  std::ofstream(path, std::ios::trunc) << "ab";
  base::Result<StoredFile> put = store.Put("abc");
  ASSERT_TRUE(put.ok());
  EXPECT_FALSE(put->existed);
  EXPECT_EQ(store.Read(kAbcSha256).value(), "abc");
}

TEST_F(EvidenceStoreTest, OpenErrors) {
  std::ofstream(tmp_ / "file") << "x";
  base::Result<EvidenceStore> store = EvidenceStore::Open(tmp_ / "file");
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), base::StatusCode::kFailedPrecondition);

  fs::create_directories(tmp_ / "ev");
  std::ofstream(tmp_ / "ev" / "tmp") << "x";
  store = EvidenceStore::Open(tmp_ / "ev");
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), base::StatusCode::kFailedPrecondition);
}

TEST_F(EvidenceStoreTest, ConcurrentPuts) {
  EvidenceStore store = OpenStore();
  std::vector<std::thread> threads;
  threads.reserve(8);
  std::vector<int> failures(8, 0);
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&store, &failures, t] {
      for (int i = 0; i < 50; ++i) {
        // Half the contents are shared by all threads, half are the thread's own.
        const std::string data = (i % 2 == 0)
                                     ? "shared " + std::to_string(i)
                                     : "own " + std::to_string(t) + " " + std::to_string(i);
        base::Result<StoredFile> put = store.Put(data);
        if (!put.ok() || store.Read(put->sha256).value_or("") != data) ++failures[size_t(t)];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int f : failures) EXPECT_EQ(f, 0);
  EXPECT_TRUE(fs::is_empty(tmp_ / "var" / "evidence" / "tmp"));
}

}  // namespace
}  // namespace binhyen::evidence
