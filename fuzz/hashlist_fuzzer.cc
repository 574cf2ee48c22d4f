// Fuzzes what a hash-prefix list client and server read from the network (docs/HASHLISTS.md):
// the update and search answers (client side), the search request (server side), and the
// Rice-Golomb decoder behind them. Checks:
//   * whatever parses re-encodes to JSON that parses to the same value;
//   * a parsed update applied to a small local list either fails cleanly or gives a strictly
//     ascending list;
//   * a decoded Rice encoding is strictly ascending, has num_entries + 1 values, and encoding
//     those values again decodes to the same values;
//   * a search request never yields more than kMaxSearchPrefixes prefixes.
// A broken invariant calls __builtin_trap().
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "index/hashlist.h"
#include "index/hashlist_wire.h"
#include "index/rice.h"

namespace {

void Check(bool condition) {
  if (!condition) __builtin_trap();
}

bool StrictlyAscending(const std::vector<uint32_t>& v) {
  return std::adjacent_find(v.begin(), v.end(), [](uint32_t a, uint32_t b) { return a >= b; }) ==
         v.end();
}

void CheckRice(const binhyen::index::RiceDeltaEncoding& encoding) {
  namespace index = binhyen::index;
  auto values = index::RiceDecode(encoding);
  if (!values.ok()) return;
  Check(values->size() == size_t{encoding.num_entries} + 1);
  Check(StrictlyAscending(*values));
  auto again = index::RiceEncode(*values);
  Check(again.ok());
  auto decoded = index::RiceDecode(*again);
  Check(decoded.ok() && *decoded == *values);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace index = binhyen::index;
  std::string_view input(reinterpret_cast<const char*>(data), size);

  if (auto update = index::ParseHashListUpdateJson(input); update.ok()) {
    auto round = index::ParseHashListUpdateJson(index::HashListUpdateToJson(*update));
    Check(round.ok() && *round == *update);
    if (update->additions) CheckRice(*update->additions);
    if (update->removals) CheckRice(*update->removals);
    const std::vector<uint32_t> local = {1, 7, 0x10000, 0xfffffff0u};
    auto applied = index::ApplyHashListUpdate(local, *update);
    if (applied.ok()) Check(StrictlyAscending(*applied));
  }
  if (auto result = index::ParseHashSearchResultJson(input); result.ok()) {
    auto round = index::ParseHashSearchResultJson(index::HashSearchResultToJson(*result));
    Check(round.ok() && *round == *result);
  }
  if (auto prefixes = index::ParseHashSearchRequestJson(input); prefixes.ok()) {
    Check(prefixes->size() <= index::kMaxSearchPrefixes);
    auto round = index::ParseHashSearchRequestJson(index::HashSearchRequestToJson(*prefixes));
    Check(round.ok() && *round == *prefixes);
  }
  return 0;
}
