// Golden tests of Extract: tests/golden/extract/NNN-name.txt is an input text and NNN-name.jsonl
// the expected indicators, one JSON object per line in the format of `binhyen extract`
// ({"canonical","end","kind","raw","start"}).
//
// To regenerate the expectations after a deliberate change:
//   BINHYEN_UPDATE_GOLDEN=1 ./indicator_test --gtest_filter='ExtractGolden*'
// then review every changed line with `git diff tests/golden/extract`.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "indicator/extract.h"

namespace binhyen::indicator {
namespace {

namespace fs = std::filesystem;

const fs::path kGoldenDir = fs::path(BINHYEN_SOURCE_DIR) / "tests/golden/extract";

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// The same line as `binhyen extract` prints (nlohmann::json sorts the keys).
std::string ToLine(const Extracted& e) {
  nlohmann::json j;
  j["kind"] = std::string(KindName(e.indicator.kind));
  j["raw"] = e.raw;
  j["canonical"] = e.indicator.canonical;
  j["start"] = e.start;
  j["end"] = e.end;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Expected lines, re-serialised so that key order and spacing in the file do not matter.
std::vector<std::string> ReadExpected(const fs::path& path) {
  std::vector<std::string> lines;
  std::istringstream in(ReadFile(path));
  std::string line;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) {
      lines.push_back("<invalid JSON> " + line);
      continue;
    }
    lines.push_back(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
  return lines;
}

// A readable diff: common lines with "  ", missing ones with "- ", unexpected ones with "+ ".
std::string Diff(const std::vector<std::string>& expected, const std::vector<std::string>& actual) {
  // Longest common subsequence, small inputs.
  const size_t n = expected.size(), m = actual.size();
  std::vector<std::vector<size_t>> lcs(n + 1, std::vector<size_t>(m + 1, 0));
  for (size_t i = n; i-- > 0;) {
    for (size_t j = m; j-- > 0;) {
      lcs[i][j] =
          expected[i] == actual[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  std::string out;
  size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && expected[i] == actual[j]) {
      out += "    " + expected[i++] + "\n";
      ++j;
    } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
      out += "  + " + actual[j++] + "\n";
    } else {
      out += "  - " + expected[i++] + "\n";
    }
  }
  return out;
}

std::vector<std::string> GoldenInputs() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(kGoldenDir, ec)) {
    if (entry.path().extension() == ".txt") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

class ExtractGoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ExtractGoldenTest, MatchesExpectation) {
  const fs::path input = kGoldenDir / (GetParam() + ".txt");
  const fs::path expected_path = kGoldenDir / (GetParam() + ".jsonl");
  const std::string text = ReadFile(input);
  std::vector<std::string> actual;
  for (const Extracted& e : Extract(text)) actual.push_back(ToLine(e));

  const char* update = std::getenv("BINHYEN_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream out(expected_path, std::ios::binary | std::ios::trunc);
    for (const std::string& line : actual) out << line << "\n";
    GTEST_SKIP() << "rewrote " << expected_path << ": review it";
  }
  ASSERT_TRUE(fs::exists(expected_path))
      << expected_path << " is missing; run with BINHYEN_UPDATE_GOLDEN=1 and review it";
  const std::vector<std::string> expected = ReadExpected(expected_path);
  EXPECT_EQ(expected, actual) << "input " << input << ":\n"
                              << text << "\ndiff (- expected, + actual):\n"
                              << Diff(expected, actual);
}

INSTANTIATE_TEST_SUITE_P(Corpus, ExtractGoldenTest, ::testing::ValuesIn(GoldenInputs()),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           std::string name = "c" + param.param;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

TEST(ExtractGoldenCorpusTest, HasEnoughCases) { EXPECT_GE(GoldenInputs().size(), 60u); }

}  // namespace
}  // namespace binhyen::indicator
