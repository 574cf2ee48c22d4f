#include "index/hashlist.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace binhyen::index {
namespace {

HashListEntry Entry(HashListKind list, const std::string& expression,
                    std::string category = "phishing", int64_t first_seen = 1700000000) {
  return HashListEntry{list, HashExpression(expression), std::move(category), first_seen};
}

std::vector<uint32_t> SortedPrefixes(const std::vector<HashListEntry>& entries, HashListKind kind) {
  std::set<uint32_t> s;
  for (const HashListEntry& e : entries) {
    if (e.list == kind) s.insert(PrefixOf(e.sha256));
  }
  return {s.begin(), s.end()};
}

TEST(HashListTest, NamesRoundTrip) {
  for (HashListKind kind : kAllHashLists) EXPECT_EQ(ParseHashListName(HashListName(kind)), kind);
  EXPECT_EQ(HashListName(HashListKind::kPhones), "phones");
  EXPECT_FALSE(ParseHashListName("URLS").has_value());
}

TEST(HashListTest, HashAndPrefixAreSha256BigEndian) {
  // SHA-256("abc") = ba7816bf 8f01cfea ...
  FullHash h = HashExpression("abc");
  EXPECT_EQ(h[0], 0xba);
  EXPECT_EQ(h[31], 0xad);
  EXPECT_EQ(PrefixOf(h), 0xba7816bfu);
  // SHA-256 of the empty string: the checksum of an empty list.
  EXPECT_EQ(PrefixChecksum({}), HashExpression(""));
  // The checksum is over big-endian bytes.
  std::vector<uint32_t> one = {0x61626364};  // "abcd"
  EXPECT_EQ(PrefixChecksum(one), HashExpression("abcd"));
}

TEST(HashListTest, BuildSortsDedupsAndKeepsEarliest) {
  std::vector<HashListEntry> entries = {
      Entry(HashListKind::kUrls, "evil.top/", "phishing", 300),
      Entry(HashListKind::kUrls, "evil.top/", "phishing", 100),
      Entry(HashListKind::kUrls, "evil.top/", "malware", 200),
      Entry(HashListKind::kUrls, "scam.vn/login", "phishing", 50),
      Entry(HashListKind::kPhones, "+84912345678", "scam_call", 10),
  };
  base::Result<HashList> list = HashList::Build(HashListKind::kUrls, 7, entries);
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->version(), 7);
  EXPECT_EQ(list->full_hash_count(), 3u);
  std::vector<uint32_t> expected = SortedPrefixes(entries, HashListKind::kUrls);
  EXPECT_TRUE(std::equal(list->prefixes().begin(), list->prefixes().end(), expected.begin(),
                         expected.end()));
  EXPECT_EQ(list->checksum(), PrefixChecksum(expected));
  std::vector<HashMatch> found;
  list->FindByPrefix(PrefixOf(HashExpression("evil.top/")), &found);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].category, "phishing");  // first interned category first
  EXPECT_EQ(found[0].first_seen, 100);
  EXPECT_EQ(found[1].category, "malware");
  EXPECT_EQ(found[1].first_seen, 200);
  found.clear();
  list->FindByPrefix(PrefixOf(HashExpression("+84912345678")), &found);
  EXPECT_TRUE(found.empty());
}

// Applies every update a client would get while the server moves through random versions.
TEST(HashListSetTest, RandomAddRemoveSequencesApplyWithChecksum) {
  std::mt19937 rng(42);
  HashListSet set(HashListSetOptions{.history_versions = 8});
  std::vector<std::string> live;
  std::vector<uint32_t> client;  // the client's urls list
  int64_t client_version = 0;
  for (int64_t version = 1; version <= 40; ++version) {
    // Remove a random quarter, add a random number of new expressions.
    std::shuffle(live.begin(), live.end(), rng);
    live.resize(live.size() * 3 / 4);
    size_t add = std::uniform_int_distribution<size_t>(0, 300)(rng);
    for (size_t i = 0; i < add; ++i) {
      live.push_back("host" + std::to_string(rng()) + ".vn/" + std::to_string(version));
    }
    std::vector<HashListEntry> entries;
    for (const std::string& e : live) entries.push_back(Entry(HashListKind::kUrls, e));
    ASSERT_TRUE(set.Publish(version, entries).ok());
    // The client syncs every 1..3 versions (sometimes it is already current).
    if (rng() % 3 != 0) {
      base::Result<HashListUpdate> update = set.Update(HashListKind::kUrls, client_version);
      ASSERT_TRUE(update.ok());
      EXPECT_EQ(update->full, client_version == 0) << version;
      base::Result<std::vector<uint32_t>> applied = ApplyHashListUpdate(client, *update);
      ASSERT_TRUE(applied.ok()) << applied.status().ToString();
      EXPECT_EQ(*applied, SortedPrefixes(entries, HashListKind::kUrls));
      client = *std::move(applied);
      client_version = update->version;
    }
  }
}

TEST(HashListSetTest, UnchangedListKeepsVersionAndGivesEmptyDiff) {
  HashListSet set;
  std::vector<HashListEntry> entries = {Entry(HashListKind::kPhones, "+84912345678")};
  ASSERT_TRUE(set.Publish(5, entries).ok());
  entries[0].category = "impersonation";  // metadata only
  ASSERT_TRUE(set.Publish(6, entries).ok());
  EXPECT_EQ(set.CurrentVersion(HashListKind::kPhones), 5);
  EXPECT_EQ(set.CurrentVersion(HashListKind::kUrls), 0);
  base::Result<HashListUpdate> update = set.Update(HashListKind::kPhones, 5);
  ASSERT_TRUE(update.ok());
  EXPECT_FALSE(update->full);
  EXPECT_FALSE(update->additions.has_value());
  EXPECT_FALSE(update->removals.has_value());
  EXPECT_EQ(update->minimum_wait_seconds, 60);
  std::vector<uint32_t> held = {PrefixOf(entries[0].sha256)};
  EXPECT_EQ(*ApplyHashListUpdate(held, *update), held);
  base::Result<HashSearchResult> found = set.Search(held);
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->matches.size(), 1u);
  EXPECT_EQ(found->matches[0].category, "impersonation");
  EXPECT_FALSE(set.Publish(6, entries).ok());  // versions only grow
}

TEST(HashListSetTest, EvictedUnknownAndFutureVersionsGetTheFullList) {
  HashListSet set(HashListSetOptions{.history_versions = 2});
  for (int64_t v = 1; v <= 4; ++v) {
    std::vector<HashListEntry> entries = {
        Entry(HashListKind::kAccounts, "970436:" + std::to_string(v))};
    ASSERT_TRUE(set.Publish(v, entries).ok());
  }
  EXPECT_FALSE(set.Update(HashListKind::kAccounts, 3)->full);  // in the history
  EXPECT_TRUE(set.Update(HashListKind::kAccounts, 2)->full);   // evicted
  EXPECT_TRUE(set.Update(HashListKind::kAccounts, 0)->full);
  EXPECT_TRUE(set.Update(HashListKind::kAccounts, 99)->full);
  base::Result<HashListUpdate> full = set.Update(HashListKind::kAccounts, 2);
  EXPECT_EQ(full->version, 4);
  EXPECT_EQ(*ApplyHashListUpdate({}, *full),
            (std::vector<uint32_t>{PrefixOf(HashExpression("970436:4"))}));
}

TEST(HashListSetTest, TamperedUpdatesAreRejected) {
  HashListSet set;
  std::vector<HashListEntry> entries;
  for (int i = 0; i < 50; ++i) {
    // snprintf, not "a" + std::to_string(i): GCC 12 warns falsely (-Wrestrict) on that here.
    char expression[32];
    std::snprintf(expression, sizeof expression, "a%d.vn/", i);
    entries.push_back(Entry(HashListKind::kUrls, expression));
  }
  ASSERT_TRUE(set.Publish(1, entries).ok());
  entries.erase(entries.begin(), entries.begin() + 5);
  entries.push_back(Entry(HashListKind::kUrls, "new.vn/"));
  ASSERT_TRUE(set.Publish(2, entries).ok());
  std::vector<uint32_t> v1 = *ApplyHashListUpdate({}, *set.Update(HashListKind::kUrls, 0));
  ASSERT_EQ(v1.size(), 46u);  // 50 - 5 + 1: the whole list at version 2
  HashListUpdate full = *set.Update(HashListKind::kUrls, 0);

  HashListUpdate bad_checksum = full;
  bad_checksum.checksum[0] ^= 1;
  base::Result<std::vector<uint32_t>> r = ApplyHashListUpdate({}, bad_checksum);
  EXPECT_EQ(r.status().code(), base::StatusCode::kFailedPrecondition);
  EXPECT_NE(r.status().message().find("full sync"), std::string::npos);

  HashListUpdate flipped = full;
  flipped.additions->encoded_data[3] ^= 0x10;
  EXPECT_FALSE(ApplyHashListUpdate({}, flipped).ok());

  // A diff applied to the wrong base list fails the checksum.
  std::vector<uint32_t> base = {1, 2, 3};
  HashListUpdate diff = *set.Update(HashListKind::kUrls, 2);
  diff.additions = RiceEncode(std::vector<uint32_t>{4}).value();
  EXPECT_EQ(ApplyHashListUpdate(base, diff).status().code(), base::StatusCode::kFailedPrecondition);
  // A removal index beyond the list is malformed.
  diff.removals = RiceEncode(std::vector<uint32_t>{7}).value();
  EXPECT_EQ(ApplyHashListUpdate(base, diff).status().code(), base::StatusCode::kInvalidArgument);
}

TEST(HashListSetTest, RepeatedDiffsAreServedAlikeAndFollowNewVersions) {
  HashListSet set;
  std::vector<HashListEntry> entries = {Entry(HashListKind::kPhones, "+84911111111")};
  ASSERT_TRUE(set.Publish(1, entries).ok());
  std::vector<uint32_t> v1 = *ApplyHashListUpdate({}, *set.Update(HashListKind::kPhones, 0));
  entries.push_back(Entry(HashListKind::kPhones, "+84922222222"));
  ASSERT_TRUE(set.Publish(2, entries).ok());
  HashListUpdate first = *set.Update(HashListKind::kPhones, 1);
  EXPECT_EQ(*set.Update(HashListKind::kPhones, 1), first);  // from the cache
  entries.push_back(Entry(HashListKind::kPhones, "+84933333333"));
  ASSERT_TRUE(set.Publish(3, entries).ok());
  HashListUpdate later = *set.Update(HashListKind::kPhones, 1);
  EXPECT_EQ(later.version, 3);
  base::Result<std::vector<uint32_t>> v3 = ApplyHashListUpdate(v1, later);
  ASSERT_TRUE(v3.ok()) << v3.status().ToString();
  EXPECT_EQ(v3->size(), 3u);
}

TEST(HashListSetTest, SearchByPrefixAcrossLists) {
  HashListSet set;
  std::vector<HashListEntry> entries = {
      Entry(HashListKind::kUrls, "evil.top/", "phishing", 11),
      Entry(HashListKind::kPhones, "+84912345678", "scam_call", 22)};
  ASSERT_TRUE(set.Publish(1, entries).ok());
  std::vector<uint32_t> asked = {PrefixOf(entries[1].sha256), PrefixOf(entries[1].sha256),
                                 PrefixOf(HashExpression("good.vn/"))};
  base::Result<HashSearchResult> found = set.Search(asked);
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->matches.size(), 1u);
  EXPECT_EQ(found->matches[0],
            (HashMatch{HashListKind::kPhones, entries[1].sha256, "scam_call", 22}));
  EXPECT_EQ(found->cache_duration_seconds, 300);
  EXPECT_EQ(found->negative_cache_duration_seconds, 300);
  std::vector<uint32_t> too_many(kMaxSearchPrefixes + 1, 1);
  EXPECT_EQ(set.Search(too_many).status().code(), base::StatusCode::kInvalidArgument);
}

// One million entries: built and fully encoded in one Publish. Prints the time (no assertion on
// it; the figures go to docs/PERFORMANCE.md).
TEST(HashListSetTest, MillionEntries) {
  std::mt19937_64 rng(1);
  std::vector<HashListEntry> entries(1000000);
  for (HashListEntry& e : entries) {
    for (size_t i = 0; i < e.sha256.size(); i += 8) {
      uint64_t r = rng();
      for (size_t b = 0; b < 8; ++b) e.sha256[i + b] = static_cast<uint8_t>(r >> (8 * b));
    }
    e.category = "phishing";
  }
  HashListSet set;
  auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(set.Publish(1, entries).ok());
  auto built = std::chrono::steady_clock::now();
  base::Result<HashListUpdate> full = set.Update(HashListKind::kUrls, 0);
  ASSERT_TRUE(full.ok());
  base::Result<std::vector<uint32_t>> applied = ApplyHashListUpdate({}, *full);
  auto done = std::chrono::steady_clock::now();
  ASSERT_TRUE(applied.ok());
  EXPECT_GT(applied->size(), 999000u);  // a few 32-bit prefixes collide
  std::printf("publish 1M: %lld ms; full update %zu bytes (k=%d); apply: %lld ms\n",
              static_cast<long long>(
                  std::chrono::duration_cast<std::chrono::milliseconds>(built - start).count()),
              full->additions->encoded_data.size(), full->additions->rice_parameter,
              static_cast<long long>(
                  std::chrono::duration_cast<std::chrono::milliseconds>(done - built).count()));

  // Version 2: 1% of the entries replaced; a client at version 1 gets a small diff.
  for (size_t i = 0; i < entries.size(); i += 100) entries[i].sha256[5] ^= 0xff;
  for (size_t i = 0; i < entries.size(); i += 100) entries[i].sha256[0] ^= 0x55;
  ASSERT_TRUE(set.Publish(2, entries).ok());
  auto diff_start = std::chrono::steady_clock::now();
  base::Result<HashListUpdate> diff = set.Update(HashListKind::kUrls, 1);
  ASSERT_TRUE(diff.ok());
  base::Result<std::vector<uint32_t>> applied2 = ApplyHashListUpdate(*applied, *diff);
  auto diff_done = std::chrono::steady_clock::now();
  ASSERT_TRUE(applied2.ok()) << applied2.status().ToString();
  EXPECT_FALSE(diff->full);
  std::printf(
      "1%% diff: %zu + %zu bytes; update + apply: %lld ms\n", diff->additions->encoded_data.size(),
      diff->removals->encoded_data.size(),
      static_cast<long long>(
          std::chrono::duration_cast<std::chrono::milliseconds>(diff_done - diff_start).count()));
}

}  // namespace
}  // namespace binhyen::index
