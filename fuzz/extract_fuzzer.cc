// Extract on arbitrary bytes. Invariants (a violation traps): every span lies within the input,
// spans are ordered and do not overlap, raw == input[start, end), canonical forms are not empty.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "indicator/extract.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  size_t previous_end = 0;
  for (const binhyen::indicator::Extracted& e : binhyen::indicator::Extract(text)) {
    if (e.start >= e.end || e.end > text.size()) __builtin_trap();
    if (e.start < previous_end) __builtin_trap();
    if (e.raw != text.substr(e.start, e.end - e.start)) __builtin_trap();
    if (e.indicator.canonical.empty()) __builtin_trap();
    previous_end = e.end;
  }
  return 0;
}
