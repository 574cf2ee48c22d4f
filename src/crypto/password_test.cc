#include "crypto/password.h"

#include <gtest/gtest.h>

namespace binhyen::crypto {
namespace {

TEST(PasswordTest, HashVerifies) {
  base::Result<std::string> hash = HashPassword("đúng mật khẩu", kTestPasswordCost);
  ASSERT_TRUE(hash.ok()) << hash.status().ToString();
  EXPECT_EQ(hash->rfind("$argon2id$v=19$m=8,t=1,p=1$", 0), 0u) << *hash;
  EXPECT_TRUE(VerifyPassword(*hash, "đúng mật khẩu"));
  EXPECT_FALSE(VerifyPassword(*hash, "sai mật khẩu"));
  EXPECT_FALSE(VerifyPassword(*hash, ""));
}

TEST(PasswordTest, SaltMakesHashesDiffer) {
  std::string a = HashPassword("pw", kTestPasswordCost).value();
  std::string b = HashPassword("pw", kTestPasswordCost).value();
  EXPECT_NE(a, b);
  EXPECT_TRUE(VerifyPassword(a, "pw"));
  EXPECT_TRUE(VerifyPassword(b, "pw"));
}

TEST(PasswordTest, InteractiveCostIsTheDefault) {
  std::string hash = HashPassword("correct horse").value();
  EXPECT_EQ(hash.rfind("$argon2id$v=19$m=65536,t=2,p=1$", 0), 0u) << hash;
  EXPECT_TRUE(VerifyPassword(hash, "correct horse"));
  EXPECT_FALSE(NeedsRehash(hash));
  EXPECT_TRUE(NeedsRehash(hash, kTestPasswordCost));
}

TEST(PasswordTest, NeedsRehashWhenCostDiffersOrMalformed) {
  std::string cheap = HashPassword("pw", kTestPasswordCost).value();
  EXPECT_FALSE(NeedsRehash(cheap, kTestPasswordCost));
  EXPECT_TRUE(NeedsRehash(cheap));
  EXPECT_TRUE(NeedsRehash("not a hash"));
  EXPECT_TRUE(NeedsRehash(std::string(200, 'x')));
  EXPECT_TRUE(NeedsRehash(std::string("$argon2id\0", 10)));
}

TEST(PasswordTest, MalformedHashNeverVerifies) {
  EXPECT_FALSE(VerifyPassword("", "pw"));
  EXPECT_FALSE(VerifyPassword("$argon2id$v=19$m=8,t=1,p=1$garbage", "pw"));
  EXPECT_FALSE(VerifyPassword(std::string(500, '$'), "pw"));
  std::string hash = HashPassword("pw", kTestPasswordCost).value();
  EXPECT_FALSE(VerifyPassword(hash + std::string("\0", 1), "pw"));
  std::string altered = hash;
  altered.back() = altered.back() == 'A' ? 'B' : 'A';
  EXPECT_FALSE(VerifyPassword(altered, "pw"));
}

TEST(PasswordTest, EmptyAndLongPasswords) {
  std::string empty = HashPassword("", kTestPasswordCost).value();
  EXPECT_TRUE(VerifyPassword(empty, ""));
  EXPECT_FALSE(VerifyPassword(empty, " "));
  std::string max(kMaxPasswordBytes, 'p');
  EXPECT_TRUE(VerifyPassword(HashPassword(max, kTestPasswordCost).value(), max));
  base::Result<std::string> too_long = HashPassword(max + "p", kTestPasswordCost);
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(too_long.status().message(), "password is longer than 4096 bytes");
}

}  // namespace
}  // namespace binhyen::crypto
