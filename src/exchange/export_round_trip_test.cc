// Render then parse (import_formats.h ParseFeed) every format both sides know: the entries that
// come back are exactly the entries the format carries (see export_formats.h), with their
// categories where the format has them.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "exchange/export_formats.h"
#include "exchange/import_formats.h"
#include "exchange/internal/export_test_fixture.h"

namespace binhyen::exchange {
namespace {

using indicator::Kind;
using Row = std::tuple<Kind, std::string, std::string>;  // kind, canonical, category

// The fixture with public IP addresses (the importer refuses documentation ranges).
ExportInput RoundTripInput() {
  ExportInput in = testing::FixtureInput();
  for (ExportEntry& e : in.entries) {
    if (e.canonical == "203.0.113.7") e.canonical = "1.2.3.4";
    if (e.canonical == "2001:db8::7") e.canonical = "2a01:4f8::7";
  }
  return in;
}

std::vector<Row> Parsed(ExportFormat export_format, ImportFormat import_format) {
  base::Result<std::string> text = Render(export_format, RoundTripInput());
  EXPECT_TRUE(text.ok()) << text.status().ToString();
  if (!text.ok()) return {};
  base::Result<ParsedFeed> feed = ParseFeed(import_format, *text);
  EXPECT_TRUE(feed.ok()) << feed.status().ToString();
  if (!feed.ok()) return {};
  for (const LineError& e : feed->errors) ADD_FAILURE() << e.line << ": " << e.message;
  std::vector<Row> rows;
  for (const ImportedEntry& e : feed->entries) rows.emplace_back(e.kind, e.canonical, e.category);
  std::sort(rows.begin(), rows.end());
  return rows;
}

// The fixture's entries of `kinds` (minus the DNS formats' exclusions when `dns`), with their
// category when `with_category`, sorted.
std::vector<Row> Expected(const std::set<Kind>& kinds, bool with_category, bool dns = false) {
  std::set<Row> rows;
  for (const ExportEntry& e : RoundTripInput().entries) {
    if (!kinds.contains(e.kind)) continue;
    if (dns && e.canonical == "evil.blogspot.com") continue;  // under allowlisted blogspot.com
    rows.emplace(e.kind, e.canonical, with_category ? e.category : "");
  }
  return {rows.begin(), rows.end()};
}

TEST(ExportRoundTripTest, Hosts) {
  EXPECT_EQ(Parsed(ExportFormat::kHosts, ImportFormat::kHosts),
            Expected({Kind::kDomain}, false, /*dns=*/true));
}

TEST(ExportRoundTripTest, Rpz) {
  // rpz-ip triggers are not read back: the importer skips them (as it skips rpz-passthru).
  EXPECT_EQ(Parsed(ExportFormat::kRpz, ImportFormat::kRpz),
            Expected({Kind::kDomain}, false, /*dns=*/true));
}

TEST(ExportRoundTripTest, Adguard) {
  std::vector<Row> expected = Expected({Kind::kDomain}, false, /*dns=*/true);
  expected.emplace_back(Kind::kIp, "1.2.3.4", "");  // IPv4 only: "||v6^" is no rule
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(Parsed(ExportFormat::kAdguard, ImportFormat::kAdblock), expected);
}

TEST(ExportRoundTripTest, Plain) {
  EXPECT_EQ(Parsed(ExportFormat::kPlain, ImportFormat::kPlain),
            Expected({Kind::kUrl, Kind::kDomain, Kind::kIp}, false));
}

TEST(ExportRoundTripTest, Csv) {
  EXPECT_EQ(Parsed(ExportFormat::kCsv, ImportFormat::kCsv),
            Expected({indicator::kAllKinds.begin(), indicator::kAllKinds.end()}, true));
}

TEST(ExportRoundTripTest, Stix) {
  EXPECT_EQ(Parsed(ExportFormat::kStix, ImportFormat::kStix),
            Expected({Kind::kUrl, Kind::kDomain, Kind::kIp, Kind::kEmail}, true));
}

TEST(ExportRoundTripTest, Misp) {
  EXPECT_EQ(Parsed(ExportFormat::kMisp, ImportFormat::kMisp),
            Expected({Kind::kUrl, Kind::kDomain, Kind::kIp, Kind::kPhone, Kind::kBankAccount,
                      Kind::kEmail},
                     true));
}

}  // namespace
}  // namespace binhyen::exchange
