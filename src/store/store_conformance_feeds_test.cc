// Conformance of the feed repository (migration 0004: imported blocklists). Every test runs
// against SQLite and, when BINHYEN_TEST_POSTGRES_URL is set, PostgreSQL
// (store_conformance_fixture.h).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store/store_conformance_fixture.h"

namespace binhyen::store::testing {
namespace {

using domain::FeedTrust;
using indicator::Kind;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

// "<prefix><n>.example" (built with += : GCC 12 warns falsely on "literal" + std::string).
std::string Host(const char* prefix, int n) {
  std::string out = prefix;
  out += std::to_string(n);
  out += ".example";
  return out;
}

FeedEntryInput Domain(std::string canonical, std::string category = "") {
  return FeedEntryInput{Kind::kDomain, std::move(canonical), std::move(category)};
}

std::vector<std::string> Canonicals(const std::vector<domain::FeedEntry>& entries) {
  std::vector<std::string> out;
  for (const auto& e : entries) out.push_back(e.canonical);
  return out;
}

class FeedConformance : public StoreTest {
 protected:
  domain::FeedSource Upsert(std::string_view name, FeedTrust trust = FeedTrust::kMedium,
                            bool enabled = true) {
    auto tx = Begin();
    auto source = tx->Feeds().UpsertSource(name, "hosts", trust, enabled);
    EXPECT_TRUE(source.ok()) << source.status().ToString();
    EXPECT_TRUE(tx->Commit().ok());
    return source.value_or(domain::FeedSource{});
  }
  FeedReplaceOutcome Replace(int64_t id, const std::vector<FeedEntryInput>& entries,
                             base::TimePoint at) {
    auto tx = Begin();
    auto outcome = tx->Feeds().ReplaceEntries(id, entries, at);
    EXPECT_TRUE(outcome.ok()) << outcome.status().ToString();
    EXPECT_TRUE(tx->Commit().ok());
    return outcome.value_or(FeedReplaceOutcome{});
  }
  std::vector<domain::FeedEntry> Active(int64_t id) {
    auto tx = Begin(TxMode::kReadOnly);
    auto entries = tx->Feeds().ActiveEntries(id);
    EXPECT_TRUE(entries.ok()) << entries.status().ToString();
    return entries.value_or(std::vector<domain::FeedEntry>{});
  }
  domain::FeedSource Get(std::string_view name) {
    auto tx = Begin(TxMode::kReadOnly);
    auto source = tx->Feeds().GetSource(name);
    EXPECT_TRUE(source.ok()) << source.status().ToString();
    return source.value_or(domain::FeedSource{});
  }
  int64_t IndicatorVersion() {
    auto tx = Begin(TxMode::kReadOnly);
    return tx->Indicators().CurrentVersion().value_or(-1);
  }
};

TEST_P(FeedConformance, UpsertGetAndListSources) {
  const domain::FeedSource created = Upsert("urlhaus", FeedTrust::kHigh);
  EXPECT_GT(created.id, 0);
  EXPECT_EQ(created.name, "urlhaus");
  EXPECT_EQ(created.format, "hosts");
  EXPECT_EQ(created.trust, FeedTrust::kHigh);
  EXPECT_TRUE(created.enabled);
  EXPECT_EQ(created.imported_at, std::nullopt);
  EXPECT_EQ(created.active_entries, 0);
  EXPECT_EQ(created.version, 0);
  Upsert("abuse.ch-2");
  EXPECT_EQ(Get("urlhaus"), created);

  auto tx = Begin(TxMode::kReadOnly);
  auto list = tx->Feeds().ListSources();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].name, "abuse.ch-2");
  EXPECT_EQ((*list)[1].name, "urlhaus");
  auto missing = tx->Feeds().GetSource("nope");
  EXPECT_EQ(missing.status().code(), base::StatusCode::kNotFound);
  EXPECT_EQ(missing.status().message(), "feed nope: not found");
}

TEST_P(FeedConformance, BadSourceFieldsAreRefused) {
  auto tx = Begin();
  auto bad = tx->Feeds().UpsertSource("Bad Name", "hosts", FeedTrust::kLow, true);
  EXPECT_EQ(bad.status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.status().message(), "name: must be 1..64 characters of a-z 0-9 . _ -");
  auto no_format = tx->Feeds().UpsertSource("ok", "", FeedTrust::kLow, true);
  EXPECT_EQ(no_format.status().message(), "format: must not be empty");
  // The transaction stays usable.
  EXPECT_TRUE(tx->Feeds().UpsertSource("ok", "plain", FeedTrust::kLow, true).ok());
  EXPECT_TRUE(tx->Commit().ok());
}

TEST_P(FeedConformance, ReplaceAddsKeepsAndExpires) {
  const domain::FeedSource src = Upsert("hosts-vn");
  const int64_t v0 = IndicatorVersion();
  FeedReplaceOutcome first = Replace(
      src.id, {Domain("b.example", "phishing"), Domain("a.example"), Domain("c.example")}, T(10));
  EXPECT_EQ(first.added, 3);
  EXPECT_EQ(first.kept, 0);
  EXPECT_EQ(first.expired, 0);
  EXPECT_EQ(first.version, v0 + 1);
  EXPECT_EQ(IndicatorVersion(), v0 + 1);

  const domain::FeedSource after_first = Get("hosts-vn");
  EXPECT_EQ(after_first.imported_at, T(10));
  EXPECT_EQ(after_first.active_entries, 3);
  EXPECT_EQ(after_first.version, v0 + 1);

  std::vector<domain::FeedEntry> active = Active(src.id);
  EXPECT_THAT(Canonicals(active), ElementsAre("a.example", "b.example", "c.example"));
  EXPECT_EQ(active[1].category, "phishing");
  EXPECT_EQ(active[0].category, "");
  EXPECT_EQ(active[0].first_seen, T(10));
  EXPECT_EQ(active[0].last_seen, T(10));
  EXPECT_EQ(active[0].expired_at, std::nullopt);
  EXPECT_EQ(active[0].kind, Kind::kDomain);

  // Second import: b kept (category changes), a and c gone, d new.
  FeedReplaceOutcome second =
      Replace(src.id, {Domain("d.example"), Domain("b.example", "malware")}, T(20));
  EXPECT_EQ(second, (FeedReplaceOutcome{1, 1, 2, v0 + 2}));
  active = Active(src.id);
  EXPECT_THAT(Canonicals(active), ElementsAre("b.example", "d.example"));
  EXPECT_EQ(active[0].first_seen, T(10));
  EXPECT_EQ(active[0].last_seen, T(20));
  EXPECT_EQ(active[0].category, "malware");
  EXPECT_EQ(active[1].first_seen, T(20));
  EXPECT_EQ(Get("hosts-vn").active_entries, 2);

  // Third import brings a back: it counts as added and keeps its first first_seen.
  FeedReplaceOutcome third = Replace(src.id, {Domain("a.example"), Domain("b.example")}, T(30));
  EXPECT_EQ(third, (FeedReplaceOutcome{1, 1, 1, v0 + 3}));
  active = Active(src.id);
  EXPECT_THAT(Canonicals(active), ElementsAre("a.example", "b.example"));
  EXPECT_EQ(active[0].first_seen, T(10));
  EXPECT_EQ(active[0].last_seen, T(30));

  // An empty import expires everything.
  EXPECT_EQ(Replace(src.id, {}, T(40)), (FeedReplaceOutcome{0, 0, 2, v0 + 4}));
  EXPECT_THAT(Active(src.id), IsEmpty());
  EXPECT_EQ(Get("hosts-vn").active_entries, 0);
}

TEST_P(FeedConformance, DuplicatesCountOnceLastCategoryWins) {
  const domain::FeedSource src = Upsert("dups");
  FeedReplaceOutcome r = Replace(src.id,
                                 {Domain("x.example", "spam"), Domain("x.example", "phishing"),
                                  FeedEntryInput{Kind::kUrl, "http://x.example/", ""}},
                                 T(1));
  EXPECT_EQ(r.added, 2);
  std::vector<domain::FeedEntry> active = Active(src.id);
  ASSERT_EQ(active.size(), 2u);
  // Ordered by kind name: "domain" < "url".
  EXPECT_EQ(active[0].kind, Kind::kDomain);
  EXPECT_EQ(active[0].category, "phishing");
  EXPECT_EQ(active[1].kind, Kind::kUrl);
  EXPECT_EQ(active[1].canonical, "http://x.example/");
}

TEST_P(FeedConformance, SourcesAreSeparate) {
  const domain::FeedSource a = Upsert("a");
  const domain::FeedSource b = Upsert("b");
  Replace(a.id, {Domain("one.example"), Domain("two.example")}, T(1));
  Replace(b.id, {Domain("two.example")}, T(2));
  EXPECT_EQ(Replace(b.id, {}, T(3)).expired, 1);
  EXPECT_THAT(Canonicals(Active(a.id)), ElementsAre("one.example", "two.example"));
  EXPECT_THAT(Active(b.id), IsEmpty());
  EXPECT_THAT(Active(9999), IsEmpty());
}

TEST_P(FeedConformance, ReplaceRefusesBadEntriesWithoutEffect) {
  const domain::FeedSource src = Upsert("strict");
  Replace(src.id, {Domain("keep.example")}, T(1));
  const int64_t version = IndicatorVersion();
  auto tx = Begin();
  std::vector<FeedEntryInput> bad = {Domain("ok.example"), Domain("")};
  auto r = tx->Feeds().ReplaceEntries(src.id, bad, T(2));
  EXPECT_EQ(r.status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(), "entries[1].canonical: must not be empty");
  bad = {Domain("ok.example", "nonsense")};
  EXPECT_EQ(tx->Feeds().ReplaceEntries(src.id, bad, T(2)).status().message(),
            "entries[0].category: unknown category 'nonsense'");
  auto missing = tx->Feeds().ReplaceEntries(424242, {}, T(2));
  EXPECT_EQ(missing.status().code(), base::StatusCode::kNotFound);
  EXPECT_EQ(missing.status().message(), "feed source 424242: not found");
  ASSERT_TRUE(tx->Commit().ok());
  EXPECT_EQ(IndicatorVersion(), version);
  EXPECT_THAT(Canonicals(Active(src.id)), ElementsAre("keep.example"));
}

TEST_P(FeedConformance, EnablingAndTrustChangesBumpTheSharedVersion) {
  Upsert("toggle", FeedTrust::kLow);
  const int64_t v0 = IndicatorVersion();
  {
    auto tx = Begin();
    auto off = tx->Feeds().SetEnabled("toggle", false);
    ASSERT_TRUE(off.ok()) << off.status().ToString();
    EXPECT_FALSE(off->enabled);
    EXPECT_EQ(off->version, v0 + 1);
    // Setting the same value again changes nothing.
    auto again = tx->Feeds().SetEnabled("toggle", false);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->version, v0 + 1);
    EXPECT_EQ(tx->Feeds().SetEnabled("nope", true).status().message(), "feed nope: not found");
    ASSERT_TRUE(tx->Commit().ok());
  }
  EXPECT_EQ(IndicatorVersion(), v0 + 1);
  EXPECT_FALSE(Get("toggle").enabled);
  // Same trust and flag: no new version; another trust: a new one.
  EXPECT_EQ(Upsert("toggle", FeedTrust::kLow, false).version, v0 + 1);
  const domain::FeedSource high = Upsert("toggle", FeedTrust::kHigh, false);
  EXPECT_EQ(high.trust, FeedTrust::kHigh);
  EXPECT_EQ(high.version, v0 + 2);
  // An indicator record written afterwards continues the same counter.
  auto tx = Begin();
  domain::IndicatorRecord rec;
  rec.kind = Kind::kDomain;
  rec.canonical = "shared.example";
  rec.first_seen = rec.last_seen = T(1);
  auto stored = tx->Indicators().Upsert(rec);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  EXPECT_EQ(stored->version, v0 + 3);
  ASSERT_TRUE(tx->Commit().ok());
}

TEST_P(FeedConformance, ReadOnlyTransactionRefusesWrites) {
  Upsert("ro");
  auto tx = Begin(TxMode::kReadOnly);
  EXPECT_EQ(tx->Feeds().SetEnabled("ro", false).status().message(), "transaction: read-only");
  EXPECT_EQ(tx->Feeds().UpsertSource("ro2", "hosts", FeedTrust::kLow, true).status().message(),
            "transaction: read-only");
  EXPECT_EQ(tx->Feeds().ReplaceEntries(1, {}, T(1)).status().message(), "transaction: read-only");
}

TEST_P(FeedConformance, LargeImportAndReimport) {
  const domain::FeedSource src = Upsert("big");
  std::vector<FeedEntryInput> entries;
  for (int i = 0; i < 20000; ++i) entries.push_back(Domain(Host("h", i)));
  EXPECT_EQ(Replace(src.id, entries, T(1)).added, 20000);
  // Every other entry dropped, 100 new ones.
  std::vector<FeedEntryInput> next;
  for (int i = 0; i < 20000; i += 2) next.push_back(entries[i]);
  for (int i = 0; i < 100; ++i) next.push_back(Domain(Host("n", i)));
  const FeedReplaceOutcome r = Replace(src.id, next, T(2));
  EXPECT_EQ(r.added, 100);
  EXPECT_EQ(r.kept, 10000);
  EXPECT_EQ(r.expired, 10000);
  EXPECT_EQ(Active(src.id).size(), 10100u);
  EXPECT_EQ(Get("big").active_entries, 10100);
}

INSTANTIATE_TEST_SUITE_P(Backends, FeedConformance, ::testing::ValuesIn(ConformanceBackends()),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace binhyen::store::testing
