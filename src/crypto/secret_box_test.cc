#include "crypto/secret_box.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <thread>
#include <vector>

#include "crypto/encoding.h"

namespace binhyen::crypto {
namespace {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "secret_box_test.XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data());
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

mode_t ModeOf(const fs::path& p) {
  struct stat st;
  EXPECT_EQ(::stat(p.c_str(), &st), 0);
  return st.st_mode & 07777;
}

SecretBox TestBox(uint8_t fill) {
  std::array<uint8_t, SecretBox::kKeyBytes> key;
  key.fill(fill);
  return SecretBox::FromKey(key);
}

TEST(SecretBoxTest, RoundTrip) {
  SecretBox box = TestBox(1);
  for (std::string_view plain : {std::string_view(""), std::string_view("0912345678"),
                                 std::string_view("Nguyễn Văn A, phường 3")}) {
    std::string ct = box.Encrypt(plain);
    base::Result<std::string> back = box.Decrypt(ct);
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(*back, plain);
    // version + nonce + tag around the plaintext, base64 with padding
    EXPECT_EQ(Base64Decode(ct, Base64Variant::kStandard)->size(), 1 + 24 + plain.size() + 16);
    EXPECT_EQ(Base64Decode(ct, Base64Variant::kStandard)->front(), '\x01');
  }
}

TEST(SecretBoxTest, FreshNonceEachTime) {
  SecretBox box = TestBox(1);
  EXPECT_NE(box.Encrypt("same"), box.Encrypt("same"));
}

TEST(SecretBoxTest, TamperedOrForeignIsRejected) {
  SecretBox box = TestBox(1);
  std::string raw = Base64Decode(box.Encrypt("0912345678"), Base64Variant::kStandard).value();
  auto expect_rejected = [&](std::string_view stored) {
    base::Result<std::string> r = box.Decrypt(stored);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), base::StatusCode::kInvalidArgument);
    EXPECT_EQ(r.status().message(), "contact data could not be decrypted");
  };
  for (size_t i = 0; i < raw.size(); ++i) {
    std::string bad = raw;
    bad[i] ^= 0x01;  // every byte: version, nonce, ciphertext, tag
    expect_rejected(Base64Encode(bad, Base64Variant::kStandard));
  }
  expect_rejected(Base64Encode(raw.substr(0, raw.size() - 1), Base64Variant::kStandard));
  expect_rejected(Base64Encode(raw.substr(0, 40), Base64Variant::kStandard));
  expect_rejected("");
  expect_rejected("not base64!");
  expect_rejected(TestBox(2).Encrypt("0912345678"));
}

TEST(SecretBoxTest, CreatesKeyWithPrivateModesAndReloadsIt) {
  TempDir dir;
  fs::path key = dir.path() / "keys" / "contact.key";
  ::umask(022);
  base::Result<SecretBox> box = SecretBox::LoadOrCreateKey(key);
  ASSERT_TRUE(box.ok()) << box.status().ToString();
  EXPECT_EQ(ModeOf(key), 0600u);
  EXPECT_EQ(ModeOf(key.parent_path()), 0700u);
  EXPECT_EQ(fs::file_size(key), 32u);
  std::string ct = box->Encrypt("secret contact");
  base::Result<SecretBox> again = SecretBox::LoadOrCreateKey(key);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->Decrypt(ct).value(), "secret contact");
  // Nothing else was left in the directory (no temporary files).
  EXPECT_EQ(std::distance(fs::directory_iterator(key.parent_path()), fs::directory_iterator()), 1);
}

TEST(SecretBoxTest, DeterministicKeyFromInjectedRandom) {
  TempDir dir;
  FakeRandom r1(5), r2(5);
  base::Result<SecretBox> a = SecretBox::LoadOrCreateKey(dir.path() / "a.key", r1);
  base::Result<SecretBox> b = SecretBox::LoadOrCreateKey(dir.path() / "b.key", r2);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(b->Decrypt(a->Encrypt("x")).value(), "x");
}

TEST(SecretBoxTest, RefusesGroupReadableKey) {
  TempDir dir;
  fs::path key = dir.path() / "contact.key";
  ASSERT_TRUE(SecretBox::LoadOrCreateKey(key).ok());
  ASSERT_EQ(::chmod(key.c_str(), 0640), 0);
  base::Result<SecretBox> box = SecretBox::LoadOrCreateKey(key);
  ASSERT_FALSE(box.ok());
  EXPECT_EQ(box.status().code(), base::StatusCode::kFailedPrecondition);
  EXPECT_EQ(box.status().message(), "key file " + key.string() +
                                        " is accessible by group or others (mode 0640); run: "
                                        "chmod 600 " +
                                        key.string());
  ASSERT_EQ(::chmod(key.c_str(), 0604), 0);
  EXPECT_FALSE(SecretBox::LoadOrCreateKey(key).ok());
}

TEST(SecretBoxTest, RefusesWrongSizeAndSymlink) {
  TempDir dir;
  fs::path key = dir.path() / "contact.key";
  {
    std::ofstream out(key);
    out << "short";
  }
  ASSERT_EQ(::chmod(key.c_str(), 0600), 0);
  base::Result<SecretBox> box = SecretBox::LoadOrCreateKey(key);
  ASSERT_FALSE(box.ok());
  EXPECT_EQ(box.status().code(), base::StatusCode::kFailedPrecondition);
  EXPECT_EQ(box.status().message(), "key file " + key.string() +
                                        " has the wrong size (5 bytes, want 32); it is not a "
                                        "key this program made");

  fs::path real = dir.path() / "real.key";
  ASSERT_TRUE(SecretBox::LoadOrCreateKey(real).ok());
  fs::path link = dir.path() / "link.key";
  fs::create_symlink(real, link);
  base::Result<SecretBox> via_link = SecretBox::LoadOrCreateKey(link);
  ASSERT_FALSE(via_link.ok());
  EXPECT_EQ(via_link.status().code(), base::StatusCode::kFailedPrecondition);

  fs::create_directory(dir.path() / "dir.key");
  EXPECT_FALSE(SecretBox::LoadOrCreateKey(dir.path() / "dir.key").ok());
}

TEST(SecretBoxTest, ConcurrentFirstUseAgreesOnOneKey) {
  TempDir dir;
  const fs::path key = dir.path() / "keys" / "contact.key";
  constexpr int kThreads = 8;
  std::vector<std::optional<base::Result<SecretBox>>> boxes(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&boxes, &key, i] { boxes[i].emplace(SecretBox::LoadOrCreateKey(key)); });
  }
  for (std::thread& t : threads) t.join();
  ASSERT_TRUE(boxes[0]->ok()) << boxes[0]->status().ToString();
  const std::string ct = (*boxes[0])->Encrypt("one key");
  for (int i = 1; i < kThreads; ++i) {
    ASSERT_TRUE(boxes[i]->ok()) << boxes[i]->status().ToString();
    EXPECT_EQ((*boxes[i])->Decrypt(ct).value(), "one key");
  }
  EXPECT_EQ(std::distance(fs::directory_iterator(key.parent_path()), fs::directory_iterator()), 1);
}

TEST(SecretBoxTest, MovedBoxKeepsWorking) {
  SecretBox a = TestBox(3);
  std::string ct = a.Encrypt("m");
  SecretBox b = std::move(a);
  EXPECT_EQ(b.Decrypt(ct).value(), "m");
}

}  // namespace
}  // namespace binhyen::crypto
