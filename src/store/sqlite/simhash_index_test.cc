#include "store/sqlite/simhash_index.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "store/common.h"

namespace binhyen::store::sqlite {
namespace {

class SimhashIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = (std::filesystem::temp_directory_path() / "binhyen_simhash_XXXXXX").string();
    ASSERT_NE(mkdtemp(dir_.data()), nullptr);
    auto c = Connection::Open(dir_ + "/test.db", /*create=*/true, /*read_only=*/false, {});
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    db_ = std::move(*c);
    ASSERT_TRUE(
        db_->Exec("CREATE TABLE reports (id INTEGER PRIMARY KEY, text_simhash INTEGER)").ok());
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }

  // Inserts a report with the next id; nullopt: no simhash (a report without a description).
  void Add(std::optional<uint64_t> simhash) {
    auto s = db_->Prepare("INSERT INTO reports (id, text_simhash) VALUES (?, ?)");
    ASSERT_TRUE(s.ok());
    const int64_t id = static_cast<int64_t>(model_.size()) + 1;
    (*s)->Bind(1, id);
    if (simhash) {
      (*s)->Bind(2, SimhashToStored(*simhash));
    } else {
      (*s)->BindNull(2);
    }
    auto done = (*s)->Step();
    ASSERT_TRUE(done.ok()) << done.status().ToString();
    model_.push_back(simhash);
  }

  // What Candidates must answer: a scan of every report, newest first.
  std::vector<NearDuplicate> Expected(uint64_t simhash, int max_distance, int64_t before,
                                      size_t limit, int64_t indexed) const {
    std::vector<NearDuplicate> out;
    for (int64_t id = std::min(before - 1, indexed); id >= 1 && out.size() < limit; --id) {
      const auto& stored = model_[static_cast<size_t>(id - 1)];
      if (!stored) continue;
      const int distance = HammingDistance(simhash, *stored);
      if (distance <= max_distance) out.push_back({id, distance});
    }
    return out;
  }

  std::string dir_;
  std::unique_ptr<Connection> db_;
  std::vector<std::optional<uint64_t>> model_;  // by id - 1
};

// Bits flipped at random positions of `base`.
uint64_t Flip(uint64_t base, int bits, std::mt19937_64& rng) {
  for (int i = 0; i < bits; ++i) base ^= uint64_t{1} << (rng() % 64);
  return base;
}

TEST_F(SimhashIndexTest, EmptyIndexHasNoCandidates) {
  SimhashIndex index;
  EXPECT_TRUE(index.Candidates(42, 3, 100, 10).empty());
  ASSERT_TRUE(index.CatchUp(*db_).ok());
  EXPECT_EQ(index.last_id(), 0);
  EXPECT_EQ(index.size(), 0u);
  EXPECT_TRUE(index.Candidates(42, 3, 100, 10).empty());
}

// Clusters of near duplicates (every pair within distance 3 shares a band, some share several),
// reports without a simhash, and unrelated ones; every answer compared with a full scan, for
// each distance, several `before` bounds and limits, and when paging back as the store does.
TEST_F(SimhashIndexTest, CandidatesAreExactlyTheNearReportsNewestFirst) {
  std::mt19937_64 rng(20261130);
  std::vector<uint64_t> centres;
  for (int i = 0; i < 40; ++i) centres.push_back(rng());
  SimhashIndex index;
  for (int round = 0; round < 2; ++round) {  // the second round tests catching up
    ASSERT_TRUE(db_->Exec("BEGIN").ok());
    for (int i = 0; i < 1500; ++i) {
      const int pick = static_cast<int>(rng() % 10);
      if (pick == 0) {
        Add(std::nullopt);
      } else if (pick < 7) {
        Add(Flip(centres[rng() % centres.size()], static_cast<int>(rng() % 6), rng));
      } else {
        Add(rng());
      }
    }
    ASSERT_TRUE(db_->Exec("COMMIT").ok());
    ASSERT_TRUE(index.CatchUp(*db_).ok());
    const auto indexed = static_cast<int64_t>(model_.size());
    EXPECT_EQ(index.last_id(), indexed);
    EXPECT_EQ(index.size(), static_cast<size_t>(std::count_if(model_.begin(), model_.end(),
                                                              [](const auto& s) { return s; })));
    for (int q = 0; q < 40; ++q) {
      const uint64_t query = q % 4 == 3 ? rng() : Flip(centres[rng() % centres.size()], q % 4, rng);
      for (int distance = 0; distance <= 3; ++distance) {
        for (int64_t before : {indexed + 1, indexed / 2, int64_t{2}}) {
          for (size_t limit : {size_t{7}, size_t{100000}}) {
            const auto got = index.Candidates(query, distance, before, limit);
            const auto want = Expected(query, distance, before, limit, indexed);
            ASSERT_EQ(got.size(), want.size())
                << "query " << query << " distance " << distance << " before " << before;
            for (size_t i = 0; i < got.size(); ++i) {
              EXPECT_EQ(got[i].id, want[i].id);
              EXPECT_EQ(got[i].distance, want[i].distance);
            }
          }
        }
        // Paging back three at a time gives the same list as one call.
        std::vector<NearDuplicate> paged;
        int64_t before = indexed + 1;
        while (true) {
          const auto page = index.Candidates(query, distance, before, 3);
          if (page.empty()) break;
          paged.insert(paged.end(), page.begin(), page.end());
          before = page.back().id;
        }
        const auto all = Expected(query, distance, indexed + 1, 100000, indexed);
        ASSERT_EQ(paged.size(), all.size());
        for (size_t i = 0; i < paged.size(); ++i) EXPECT_EQ(paged[i].id, all[i].id);
      }
    }
  }
}

// A report that shares all four bands with the query (the same simhash) is returned once.
TEST_F(SimhashIndexTest, ReportSharingEveryBandIsReturnedOnce) {
  for (int i = 0; i < 5; ++i) Add(0x0123456789abcdefULL);
  SimhashIndex index;
  ASSERT_TRUE(index.CatchUp(*db_).ok());
  const auto got = index.Candidates(0x0123456789abcdefULL, 0, 100, 100);
  ASSERT_EQ(got.size(), 5u);
  for (size_t i = 0; i < got.size(); ++i) EXPECT_EQ(got[i].id, static_cast<int64_t>(5 - i));
}

}  // namespace
}  // namespace binhyen::store::sqlite
