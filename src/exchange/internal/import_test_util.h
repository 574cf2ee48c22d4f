#pragma once

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <utility>

#include "exchange/import_formats.h"

// Helpers shared by the import_*_test.cc files.
namespace binhyen::exchange::testing {

// The bytes of tests/data/blocklists/<name> ("" when missing: the counts then fail loudly).
inline std::string Fixture(const std::string& name) {
  std::ifstream in(std::string(BINHYEN_SOURCE_DIR) + "/tests/data/blocklists/" + name,
                   std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The canonical values of the entries of `kind`.
inline std::set<std::string> Canonicals(const ParsedFeed& feed, indicator::Kind kind) {
  std::set<std::string> out;
  for (const ImportedEntry& e : feed.entries) {
    if (e.kind == kind) out.insert(e.canonical);
  }
  return out;
}

// (canonical, category) of the entry read from `line`, or {"", ""} when there is none.
inline std::pair<std::string, std::string> AtLine(const ParsedFeed& feed, size_t line) {
  for (const ImportedEntry& e : feed.entries) {
    if (e.line == line) return {e.canonical, e.category};
  }
  return {"", ""};
}

}  // namespace binhyen::exchange::testing
