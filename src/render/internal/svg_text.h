#pragma once

// Helpers shared by the SVG writers (QR codes, charts). Pure functions; thread-safe.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace binhyen::render::internal {

// `text` made safe for XML/HTML text and attribute values: ill-formed UTF-8 becomes U+FFFD,
// control characters (which XML 1.0 forbids) become spaces, and & < > " ' are escaped.
std::string EscapeXml(std::string_view text);

// A number as people in Vietnam write it: integers without decimals and with "." between
// thousands ("12.345"), other values with "," as the decimal separator and at most two
// decimals, trailing zeros dropped ("12,5", "1.234,57"). Negative values keep their sign;
// NaN and infinities are written as "0".
std::string FormatNumber(double value);

// `text` (valid UTF-8 expected; ill-formed sequences count as one character each) cut to at
// most `max_chars` code points, the last being "…" when cut. A combining mark stays with its
// base letter (so the result may be a few code points longer). max_chars >= 1.
std::string TruncateLabel(std::string_view text, size_t max_chars);

// Round axis ticks for values from 0 to `max_value`: 0, s, 2s, ... up to the first tick
// >= max_value, where the step s is the smallest of 1, 2, 5 x 10^n giving at most 5 intervals.
// A max_value <= 0 (or NaN) gives {0, 1}. Always at least two ticks. With `whole_steps` (for
// counts) the step is at least 1: a max of 2 gives 0, 1, 2 rather than 0, 0.5 ... 2.
std::vector<double> RoundTicks(double max_value, bool whole_steps = false);

// 64-bit FNV-1a of `data`, to derive stable element ids.
uint64_t Fnv1a(std::string_view data);

// `value` clamped into a drawable value: NaN, infinities and negative values become 0.
double DrawableValue(double value);

}  // namespace binhyen::render::internal
