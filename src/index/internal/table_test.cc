#include <gtest/gtest.h>

#include <string>
#include <unordered_set>
#include <vector>

#include "index/internal/flat_hash_table.h"
#include "index/internal/hash.h"
#include "index/internal/host_filter.h"

namespace binhyen::index::internal {
namespace {

TEST(Hash64Test, DistinctNonZeroAndSeeded) {
  std::unordered_set<uint64_t> seen;
  std::string s;
  // Every length from 0 to 40 (all the tail paths), and 100,000 similar strings.
  for (int i = 0; i <= 40; ++i) {
    EXPECT_TRUE(seen.insert(Hash64(s, 1)).second) << s.size();
    s.push_back('a');
  }
  for (int i = 0; i < 100000; ++i) {
    std::string host = "host" + std::to_string(i) + ".evil.top/";
    uint64_t h = Hash64(host, 1);
    EXPECT_NE(h, 0u);
    EXPECT_TRUE(seen.insert(h).second) << host;
    EXPECT_NE(h, Hash64(host, 2));
    EXPECT_EQ(h, Hash64(host, 1));
  }
}

TEST(FlatHashTableTest, FindsEveryKeyAndNothingElse) {
  FlatHashTable table;
  EXPECT_EQ(table.Find(Hash64("x", 1)), nullptr);
  std::vector<FlatHashTable::Slot> slots;
  for (uint32_t i = 0; i < 5000; ++i) {
    slots.push_back({Hash64(std::to_string(i), 1), i * 2, 2, static_cast<uint16_t>(i & 1)});
  }
  table.Build(slots);
  EXPECT_EQ(table.MemoryBytes(), 8192u * sizeof(FlatHashTable::Slot));  // load <= 0.7
  for (uint32_t i = 0; i < 5000; ++i) {
    const FlatHashTable::Slot* s = table.Find(Hash64(std::to_string(i), 1));
    ASSERT_NE(s, nullptr);
    EXPECT_EQ(s->begin, i * 2);
    EXPECT_EQ(s->count, 2);
    EXPECT_EQ(s->flags, i & 1);
  }
  for (uint32_t i = 5000; i < 10000; ++i) {
    EXPECT_EQ(table.Find(Hash64(std::to_string(i), 1)), nullptr);
  }
}

TEST(HostFilterTest, NoFalseNegativesFewFalsePositives) {
  HostFilter filter;
  EXPECT_FALSE(filter.MayContain(Hash64("a.top", 3)));
  std::vector<uint64_t> hashes;
  for (int i = 0; i < 50000; ++i) hashes.push_back(Hash64("in" + std::to_string(i), 3));
  filter.Build(hashes);
  for (uint64_t h : hashes) EXPECT_TRUE(filter.MayContain(h));
  int false_positives = 0;
  for (int i = 0; i < 50000; ++i)
    false_positives += filter.MayContain(Hash64("out" + std::to_string(i), 3));
  EXPECT_LT(false_positives, 50000 * 3 / 100);  // about 1% expected
}

}  // namespace
}  // namespace binhyen::index::internal
