#pragma once

#include <span>
#include <string_view>

namespace binhyen::store {

// A schema migration compiled into the binary from src/store/migrations/<dialect>/NNNN_name.sql
// (the build embeds every file; see src/store/CMakeLists.txt).
struct Migration {
  int version;            // NNNN: 1, 2, 3, ... without gaps
  std::string_view name;  // the file name without ".sql", e.g. "0001_init"
  std::string_view sql;   // the whole file; may hold several statements
};

// Migrations by version ascending. Thread-safe (static data).
std::span<const Migration> SqliteMigrations();
std::span<const Migration> PostgresMigrations();

}  // namespace binhyen::store
