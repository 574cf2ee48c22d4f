#include "app/hash_client.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "index/hashlist_wire.h"

namespace binhyen::app {
namespace {

using index::HashListKind;

// Calls a HashListSet in process, through the JSON wire format both ways, and records what the
// client sent.
class FakeTransport final : public HashListTransport {
 public:
  explicit FakeTransport(const index::HashListSet* set) : set_(set) {}

  base::Result<index::HashListUpdate> FetchUpdate(HashListKind list, int64_t since) override {
    fetches.push_back(since);
    BINHYEN_ASSIGN_OR_RETURN(index::HashListUpdate u, set_->Update(list, since));
    if (corrupt_next_diff && !u.full) {
      corrupt_next_diff = false;
      u.checksum[0] ^= 1;
    }
    return index::ParseHashListUpdateJson(index::HashListUpdateToJson(u));
  }

  base::Result<index::HashSearchResult> Search(std::span<const uint32_t> prefixes) override {
    BINHYEN_ASSIGN_OR_RETURN(
        std::vector<uint32_t> parsed,
        index::ParseHashSearchRequestJson(index::HashSearchRequestToJson(prefixes)));
    searched.insert(searched.end(), parsed.begin(), parsed.end());
    ++searches;
    BINHYEN_ASSIGN_OR_RETURN(index::HashSearchResult r, set_->Search(parsed));
    return index::ParseHashSearchResultJson(index::HashSearchResultToJson(r));
  }

  std::vector<int64_t> fetches;
  std::vector<uint32_t> searched;
  int searches = 0;
  bool corrupt_next_diff = false;

 private:
  const index::HashListSet* set_;
};

index::HashListEntry Entry(HashListKind list, std::string_view expression, std::string category) {
  return index::HashListEntry{list, index::HashExpression(expression), std::move(category),
                              1700000000};
}

class HashClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        std::filesystem::temp_directory_path() /
        ("hash_client_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
         "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    entries_ = {Entry(HashListKind::kUrls, "evil.top/", "phishing"),
                Entry(HashListKind::kUrls, "shop.vn/login.php", "phishing"),
                Entry(HashListKind::kPhones, "+84912345678", "scam_call"),
                Entry(HashListKind::kAccounts, "0071000986547", "money_mule")};
    ASSERT_TRUE(set_.Publish(1, entries_).ok());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path dir_;
  std::vector<index::HashListEntry> entries_;
  index::HashListSet set_;
  const std::vector<HashListKind> all_ = {HashListKind::kUrls, HashListKind::kPhones,
                                          HashListKind::kAccounts};
};

TEST_F(HashClientTest, SyncThenDiffThenStateFileRoundTrip) {
  FakeTransport transport(&set_);
  HashClientState state;
  base::Result<std::vector<HashSyncOutcome>> first = SyncHashLists(transport, all_, &state);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_TRUE((*first)[0].full);
  EXPECT_EQ((*first)[0].prefixes, 2u);
  EXPECT_EQ(state.Find(HashListKind::kPhones)->version, 1);

  entries_.erase(entries_.begin());  // evil.top/ delisted
  entries_.push_back(Entry(HashListKind::kUrls, "new-scam.top/", "phishing"));
  ASSERT_TRUE(set_.Publish(2, entries_).ok());
  transport.fetches.clear();
  base::Result<std::vector<HashSyncOutcome>> second = SyncHashLists(transport, all_, &state);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(transport.fetches, (std::vector<int64_t>{1, 1, 1}));
  EXPECT_FALSE((*second)[0].full);
  EXPECT_EQ((*second)[0].to_version, 2);
  EXPECT_EQ((*second)[1].to_version, 1);  // phones unchanged
  std::vector<uint32_t> expected = {index::PrefixOf(index::HashExpression("shop.vn/login.php")),
                                    index::PrefixOf(index::HashExpression("new-scam.top/"))};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(state.Find(HashListKind::kUrls)->prefixes, expected);

  std::filesystem::path file = dir_ / "state.bin";
  ASSERT_TRUE(SaveHashClientState(file, state).ok());
  EXPECT_FALSE(std::filesystem::exists(dir_ / "state.bin.tmp"));
  base::Result<HashClientState> loaded = LoadHashClientState(file);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  ASSERT_EQ(loaded->lists.size(), 3u);
  for (const HashClientState::List& l : state.lists) {
    EXPECT_EQ(loaded->Find(l.kind)->version, l.version);
    EXPECT_EQ(loaded->Find(l.kind)->prefixes, l.prefixes);
  }
  EXPECT_TRUE(LoadHashClientState(dir_ / "missing.bin")->lists.empty());
}

TEST_F(HashClientTest, CorruptStateFileIsRefused) {
  FakeTransport transport(&set_);
  HashClientState state;
  ASSERT_TRUE(SyncHashLists(transport, all_, &state).ok());
  std::filesystem::path file = dir_ / "state.bin";
  ASSERT_TRUE(SaveHashClientState(file, state).ok());
  std::string bytes;
  {
    std::ifstream in(file, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  for (size_t at : {size_t{0}, size_t{12}, bytes.size() - 40, bytes.size() - 1}) {
    std::string bad = bytes;
    bad[at] ^= 0x01;
    std::ofstream(file, std::ios::binary | std::ios::trunc) << bad;
    EXPECT_EQ(LoadHashClientState(file).status().code(), base::StatusCode::kInvalidArgument) << at;
  }
  std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes.substr(0, bytes.size() - 3);
  EXPECT_EQ(LoadHashClientState(file).status().code(), base::StatusCode::kInvalidArgument);
}

TEST_F(HashClientTest, ChecksumMismatchFallsBackToFullSync) {
  FakeTransport transport(&set_);
  HashClientState state;
  ASSERT_TRUE(SyncHashLists(transport, all_, &state).ok());
  entries_.push_back(Entry(HashListKind::kUrls, "another.top/", "phishing"));
  ASSERT_TRUE(set_.Publish(2, entries_).ok());
  transport.corrupt_next_diff = true;
  transport.fetches.clear();
  std::vector<HashListKind> urls = {HashListKind::kUrls};
  base::Result<std::vector<HashSyncOutcome>> r = SyncHashLists(transport, urls, &state);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE((*r)[0].resynced);
  EXPECT_TRUE((*r)[0].full);
  EXPECT_EQ(transport.fetches, (std::vector<int64_t>{1, 0}));
  EXPECT_EQ((*r)[0].prefixes, 3u);
}

TEST_F(HashClientTest, CheckMatchesOnlyAfterLocalHitAndNeverSendsTheValue) {
  FakeTransport transport(&set_);
  HashClientState state;
  EXPECT_EQ(HashCheck(transport, state, indicator::Kind::kPhone, "0912345678").status().code(),
            base::StatusCode::kFailedPrecondition);
  ASSERT_TRUE(SyncHashLists(transport, all_, &state).ok());

  base::Result<HashCheckResult> url =
      HashCheck(transport, state, indicator::Kind::kUrl, "hxxp://login.EVIL.top/verify?id=1");
  ASSERT_TRUE(url.ok()) << url.status().ToString();
  EXPECT_TRUE(url->dangerous);
  EXPECT_EQ(url->canonical, "http://login.evil.top/verify?id=1");
  ASSERT_EQ(url->matches.size(), 1u);
  EXPECT_EQ(url->matches[0].expression, "evil.top/");
  EXPECT_EQ(url->prefixes_sent, 1u);
  EXPECT_EQ(transport.searched,
            (std::vector<uint32_t>{index::PrefixOf(index::HashExpression("evil.top/"))}));
  EXPECT_EQ(
      HashCheckResultToJson(*url),
      R"({"canonical":"http://login.evil.top/verify?id=1","input":"hxxp://login.EVIL.top/verify?id=1","kind":"url","matches":[{"category":"phishing","expression":"evil.top/"}],"verdict":"dangerous"})");

  crypto::FakeRandom random(5);
  transport.searched.clear();
  base::Result<HashCheckResult> with_decoys =
      HashCheck(transport, state, indicator::Kind::kUrl, "http://evil.top/", &random);
  ASSERT_TRUE(with_decoys.ok());
  EXPECT_TRUE(with_decoys->dangerous);
  EXPECT_EQ(with_decoys->matches.size(), 1u);
  EXPECT_EQ(transport.searched.size(), 1 + kDecoyPrefixes);
  EXPECT_TRUE(std::is_sorted(transport.searched.begin(), transport.searched.end()));

  base::Result<HashCheckResult> domain =
      HashCheck(transport, state, indicator::Kind::kDomain, "a.b.evil.top");
  ASSERT_TRUE(domain.ok());
  EXPECT_TRUE(domain->dangerous);

  base::Result<HashCheckResult> phone =
      HashCheck(transport, state, indicator::Kind::kPhone, "0912 345 678");
  ASSERT_TRUE(phone.ok()) << phone.status().ToString();
  EXPECT_TRUE(phone->dangerous);
  EXPECT_EQ(phone->matches[0].category, "scam_call");

  base::Result<HashCheckResult> account =
      HashCheck(transport, state, indicator::Kind::kBankAccount, "0071000986547");
  ASSERT_TRUE(account.ok()) << account.status().ToString();
  EXPECT_TRUE(account->dangerous);

  int before = transport.searches;
  base::Result<HashCheckResult> clean =
      HashCheck(transport, state, indicator::Kind::kUrl, "https://vietcombank.com.vn/");
  ASSERT_TRUE(clean.ok());
  EXPECT_FALSE(clean->dangerous);
  EXPECT_EQ(clean->prefixes_sent, 0u);
  EXPECT_EQ(transport.searches, before);  // a local miss asks nothing
  EXPECT_EQ(HashCheck(transport, state, indicator::Kind::kEmail, "a@b.vn").status().code(),
            base::StatusCode::kInvalidArgument);
}

TEST(HashClientHttpTest, ServerUrlForms) {
  EXPECT_TRUE(MakeHttpHashListTransport("http://127.0.0.1:8080").ok());
  EXPECT_TRUE(MakeHttpHashListTransport("http://localhost/binhyen/").ok());
  EXPECT_TRUE(MakeHttpHashListTransport("http://[::1]:80").ok());
  EXPECT_FALSE(MakeHttpHashListTransport("https://x.vn").ok());
  EXPECT_FALSE(MakeHttpHashListTransport("http://x.vn:0").ok());
  EXPECT_FALSE(MakeHttpHashListTransport("http://:80").ok());
  EXPECT_FALSE(MakeHttpHashListTransport("http://x.vn:99999").ok());
}

}  // namespace
}  // namespace binhyen::app
