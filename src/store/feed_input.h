#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "base/status.h"
#include "store/store.h"

// Helpers shared by the backends' FeedRepository::ReplaceEntries (store/sqlite/feeds.cc,
// store/postgres/feed_repository.cc), so both validate and order an import identically.
namespace binhyen::store {

// InvalidArgument "entries[i].canonical: ..." / "entries[i].category: ..." for the first bad
// entry (the rules of domain::Validate(FeedEntry)).
base::Status ValidateFeedInputs(std::span<const FeedEntryInput> entries);

// Indexes into `entries` in key order (kind name, then canonical; byte order, as SQLite's BINARY
// and PostgreSQL's "C" collation compare), one per distinct key: of duplicates, the last one.
// Writing in this order appends to the primary-key B-tree instead of inserting at random.
std::vector<uint32_t> FeedInputOrder(std::span<const FeedEntryInput> entries);

}  // namespace binhyen::store
