#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "index/hashlist.h"

namespace binhyen::index {

// JSON of the hash-list endpoints (docs/HASHLISTS.md, "Wire format"). Bytes are standard base64
// (RFC 4648 section 4, with padding); durations are strings of whole seconds with an "s"
// suffix ("300s"), as in the Safe Browsing JSON API. Encoders cannot fail; parsers take
// untrusted text and return InvalidArgument with the offending member named.
// Thread safety: pure functions.

// GET /api/v1/hashlists/{name}?since=V answer:
// {"list","version","full","additions"?,"removals"?,"checksum","minimum_wait_duration"}, with
// additions/removals = {"first_value","rice_parameter","num_entries","encoded_data"}.
std::string HashListUpdateToJson(const HashListUpdate& update);
base::Result<HashListUpdate> ParseHashListUpdateJson(std::string_view json);

// POST /api/v1/hashes:search request: {"prefixes": ["base64 of 4 bytes", ...]}.
std::string HashSearchRequestToJson(std::span<const uint32_t> prefixes);
// Returns InvalidArgument for a malformed body, a prefix that is not 4 bytes, or more than
// kMaxSearchPrefixes prefixes; PayloadTooLarge for a body over 64 KiB.
base::Result<std::vector<uint32_t>> ParseHashSearchRequestJson(std::string_view json);

// POST /api/v1/hashes:search answer:
// {"matches": [{"list","full_hash","category","first_seen"}], "cache_duration",
//  "negative_cache_duration"}.
std::string HashSearchResultToJson(const HashSearchResult& result);
base::Result<HashSearchResult> ParseHashSearchResultJson(std::string_view json);

// Parses the `since` query parameter: "" → 0, else a decimal integer >= 0.
base::Result<int64_t> ParseSinceParameter(std::string_view text);

}  // namespace binhyen::index
