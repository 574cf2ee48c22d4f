#include "crypto/sign.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

namespace binhyen::crypto {
namespace {

namespace fs = std::filesystem;

TEST(SignTest, SignAndVerify) {
  FakeRandom random(1);
  SigningKey key = SigningKey::Generate(random);
  std::string sig = key.Sign("feed v1");
  EXPECT_EQ(sig.size(), 64u);
  EXPECT_TRUE(key.verify_key().Verify("feed v1", sig));
  EXPECT_FALSE(key.verify_key().Verify("feed v2", sig));
  std::string bad = sig;
  bad[10] ^= 1;
  EXPECT_FALSE(key.verify_key().Verify("feed v1", bad));
  EXPECT_FALSE(key.verify_key().Verify("feed v1", sig.substr(0, 63)));
  FakeRandom other_random(2);
  EXPECT_FALSE(SigningKey::Generate(other_random).verify_key().Verify("feed v1", sig));
}

TEST(SignTest, Rfc8032TestVector1) {
  // RFC 8032 section 7.1, TEST 1: empty message.
  const std::array<uint8_t, 32> seed = {0x9d, 0x61, 0xb1, 0x9d, 0xef, 0xfd, 0x5a, 0x60,
                                        0xba, 0x84, 0x4a, 0xf4, 0x92, 0xec, 0x2c, 0xc4,
                                        0x44, 0x49, 0xc5, 0x69, 0x7b, 0x32, 0x69, 0x19,
                                        0x70, 0x3b, 0xac, 0x03, 0x1c, 0xae, 0x7f, 0x60};
  SigningKey key = SigningKey::FromSeed(seed);
  const std::array<uint8_t, 32> want_public = {0xd7, 0x5a, 0x98, 0x01, 0x82, 0xb1, 0x0a, 0xb7,
                                               0xd5, 0x4b, 0xfe, 0xd3, 0xc9, 0x64, 0x07, 0x3a,
                                               0x0e, 0xe1, 0x72, 0xf3, 0xda, 0xa6, 0x23, 0x25,
                                               0xaf, 0x02, 0x1a, 0x68, 0xf7, 0x07, 0x51, 0x1a};
  EXPECT_EQ(key.verify_key().bytes(), want_public);
  std::string sig = key.Sign("");
  EXPECT_EQ(static_cast<uint8_t>(sig[0]), 0xe5);
  EXPECT_EQ(static_cast<uint8_t>(sig[63]), 0x0b);
}

TEST(SignTest, VerifyKeyBase64RoundTrip) {
  FakeRandom random(3);
  SigningKey key = SigningKey::Generate(random);
  std::string text = key.verify_key().ToBase64();
  EXPECT_EQ(text.size(), 43u);
  base::Result<VerifyKey> parsed = VerifyKey::FromBase64(text);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->bytes(), key.verify_key().bytes());
  EXPECT_FALSE(VerifyKey::FromBase64("abc").ok());
  EXPECT_FALSE(VerifyKey::FromBase64(text + "A").ok());
}

TEST(SignTest, LoadOrCreatePersistsTheKey) {
  std::string tmpl = (fs::temp_directory_path() / "sign_test.XXXXXX").string();
  fs::path dir = ::mkdtemp(tmpl.data());
  fs::path file = dir / "keys" / "feed.key";
  FakeRandom r1(9);
  base::Result<SigningKey> a = SigningKey::LoadOrCreate(file, r1);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  struct stat st;
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  SodiumRandom r2;
  base::Result<SigningKey> b = SigningKey::LoadOrCreate(file, r2);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(a->verify_key().bytes(), b->verify_key().bytes());
  EXPECT_TRUE(b->verify_key().Verify("m", a->Sign("m")));
  fs::remove_all(dir);
}

// Two app nodes sharing <data>/keys start at once: every process must end up with the one key on
// disk (exactly one creator wins, the others load its key), never its own.
TEST(SignTest, ProcessesCreatingTheKeyAtOnceAgreeOnOne) {
  std::string tmpl = (fs::temp_directory_path() / "sign_race.XXXXXX").string();
  fs::path dir = ::mkdtemp(tmpl.data());
  fs::path file = dir / "keys" / "ack.key";
  constexpr int kProcesses = 8;
  int go[2];
  ASSERT_EQ(::pipe(go), 0);
  std::vector<pid_t> children;
  for (int i = 0; i < kProcesses; ++i) {
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      // Wait for the start signal so that the processes race for real.
      ::close(go[1]);
      char c;
      if (::read(go[0], &c, 1) != 1) ::_exit(3);
      SodiumRandom random;
      base::Result<SigningKey> key = SigningKey::LoadOrCreate(file, random);
      if (!key.ok()) ::_exit(4);
      std::ofstream(dir / ("public." + std::to_string(i))) << key->verify_key().ToBase64();
      ::_exit(0);
    }
    children.push_back(pid);
  }
  ::close(go[0]);
  const std::string start(kProcesses, 'x');
  ASSERT_EQ(::write(go[1], start.data(), start.size()), static_cast<ssize_t>(start.size()));
  ::close(go[1]);
  for (pid_t pid : children) {
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  }
  std::set<std::string> keys;
  for (int i = 0; i < kProcesses; ++i) {
    std::ifstream in(dir / ("public." + std::to_string(i)));
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_FALSE(text.empty()) << i;
    keys.insert(text);
  }
  EXPECT_EQ(keys.size(), 1u);
  // The key on disk is that key, and no temporary file is left behind.
  SodiumRandom random;
  base::Result<SigningKey> on_disk = SigningKey::LoadOrCreate(file, random);
  ASSERT_TRUE(on_disk.ok());
  EXPECT_EQ(on_disk->verify_key().ToBase64(), *keys.begin());
  std::vector<std::string> names;
  for (const fs::directory_entry& e : fs::directory_iterator(dir / "keys")) {
    names.push_back(e.path().filename().string());
  }
  EXPECT_EQ(names, std::vector<std::string>{"ack.key"});
  fs::remove_all(dir);
}

}  // namespace
}  // namespace binhyen::crypto
