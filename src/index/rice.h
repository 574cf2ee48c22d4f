#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "base/result.h"

namespace binhyen::index {

// Rice-Golomb delta coding of a sorted set of 32-bit integers, bit-compatible with the
// RiceDeltaEncoding of the Safe Browsing Update API v4 (docs/HASHLISTS.md, "Rice coding"):
//   - the first value is sent as is (`first_value`), the following ones as deltas from their
//     predecessor (`num_entries` = number of deltas = number of values - 1);
//   - each delta d is written as q = d >> k in unary (q one-bits, then a zero-bit), followed by
//     the k low bits r = d & (2^k - 1), least significant bit first;
//   - bits fill each byte from its least significant bit to its most significant one; the last
//     byte is padded with zero-bits.
// An empty set has no encoding (callers use std::optional / an absent JSON member).
// Thread safety: plain values and pure functions.

inline constexpr int kMaxRiceParameter = 28;

struct RiceDeltaEncoding {
  uint32_t first_value = 0;
  int rice_parameter = 0;    // k, 0..kMaxRiceParameter
  uint32_t num_entries = 0;  // deltas encoded in `encoded_data`
  std::string encoded_data;  // the bit stream, as bytes

  friend bool operator==(const RiceDeltaEncoding&, const RiceDeltaEncoding&) = default;
};

// The parameter used by RiceEncode(values): floor(log2(mean delta)), clamped to
// [0, kMaxRiceParameter]; 0 when there are fewer than two values. With it, the unary parts of
// all deltas together take at most 2 * (values.size() - 1) + 1 bits.
// REQUIRES: `sorted_values` ascending.
int ChooseRiceParameter(std::span<const uint32_t> sorted_values);

// Encodes `sorted_values` (strictly ascending: a set) with parameter `rice_parameter`.
// Returns InvalidArgument when the values are empty or not strictly ascending, the parameter is
// outside [0, kMaxRiceParameter], or the unary parts would exceed 2^27 bits (a parameter far too
// small for the deltas).
base::Result<RiceDeltaEncoding> RiceEncode(std::span<const uint32_t> sorted_values,
                                           int rice_parameter);

// The same with ChooseRiceParameter(sorted_values).
base::Result<RiceDeltaEncoding> RiceEncode(std::span<const uint32_t> sorted_values);

// Decodes an encoding into its strictly ascending values (num_entries + 1 of them). Input is
// untrusted: returns InvalidArgument when the parameter is out of range, the data runs out of
// bits before num_entries deltas, a delta is zero (not a set) or the sum overflows 32 bits.
// Padding bits after the last delta are ignored.
base::Result<std::vector<uint32_t>> RiceDecode(const RiceDeltaEncoding& encoding);

}  // namespace binhyen::index
