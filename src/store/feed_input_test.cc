#include "store/feed_input.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace binhyen::store {
namespace {

using indicator::Kind;
using ::testing::ElementsAre;

TEST(FeedInputOrder, SortsByKindNameThenBytesAndKeepsTheLastDuplicate) {
  const std::vector<FeedEntryInput> in = {
      {Kind::kUrl, "http://a.example/", ""},          // 0
      {Kind::kDomain, "abcdefghij.example", ""},      // 1: same 8-byte prefix as 2
      {Kind::kDomain, "abcdefghia.example", ""},      // 2
      {Kind::kDomain, "abc", "spam"},                 // 3: a prefix of 1 and 2
      {Kind::kBankAccount, "970436:0123456789", ""},  // 4: "bank_account" < "domain"
      {Kind::kDomain, "abc", "phishing"},             // 5: duplicate of 3, given last
      {Kind::kDomain, "ab\xc3\xa9", ""},              // 6: bytes >= 0x80 sort after ASCII
  };
  EXPECT_THAT(FeedInputOrder(in), ElementsAre(4, 5, 2, 1, 6, 0));
  EXPECT_THAT(FeedInputOrder({}), ElementsAre());
}

TEST(FeedInputs, ValidateNamesTheEntry) {
  const std::vector<FeedEntryInput> in = {{Kind::kDomain, "ok.example", ""},
                                          {Kind::kDomain, "x.example", "bogus"}};
  EXPECT_EQ(ValidateFeedInputs(in).message(), "entries[1].category: unknown category 'bogus'");
  EXPECT_TRUE(ValidateFeedInputs(std::span(in).first(1)).ok());
}

}  // namespace
}  // namespace binhyen::store
