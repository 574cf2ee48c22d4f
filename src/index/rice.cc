#include "index/rice.h"

#include <bit>
#include <string>

namespace binhyen::index {
namespace {

// Unary parts longer than this in total mean a parameter far too small for the data.
constexpr uint64_t kMaxUnaryBits = uint64_t{1} << 27;

// Appends bits to a byte string, least significant bit of each byte first.
class BitWriter {
 public:
  explicit BitWriter(std::string* out) : out_(out) {}

  // Appends `count` (<= 32) low bits of `bits`, least significant first.
  void Put(uint64_t bits, int count) {
    acc_ |= (bits & ((uint64_t{1} << count) - 1)) << fill_;
    fill_ += count;
    Drain();
  }

  // Appends `count` one-bits.
  void PutOnes(uint64_t count) {
    while (count > 0) {
      int n = count > 32 ? 32 : static_cast<int>(count);
      Put((uint64_t{1} << n) - 1, n);
      count -= static_cast<uint64_t>(n);
    }
  }

  void Finish() {
    if (fill_ > 0) out_->push_back(static_cast<char>(acc_ & 0xff));
    acc_ = 0;
    fill_ = 0;
  }

 private:
  void Drain() {
    while (fill_ >= 8) {
      out_->push_back(static_cast<char>(acc_ & 0xff));
      acc_ >>= 8;
      fill_ -= 8;
    }
  }

  std::string* out_;
  uint64_t acc_ = 0;  // pending bits, the oldest in bit 0
  int fill_ = 0;      // number of pending bits (< 8 between calls)
};

// Reads bits in the order BitWriter writes them.
class BitReader {
 public:
  explicit BitReader(const std::string& data) : data_(data) {}

  // Reads one bit; false when the data is exhausted.
  bool Bit(uint32_t* bit) {
    if (pos_ >= data_.size() * 8) return false;
    *bit = (static_cast<uint8_t>(data_[pos_ >> 3]) >> (pos_ & 7)) & 1u;
    ++pos_;
    return true;
  }

  // Counts one-bits up to and including the terminating zero-bit; false when the data ends
  // first. Skips whole 0xff bytes at once.
  bool Unary(uint64_t* count) {
    uint64_t q = 0;
    for (;;) {
      if ((pos_ & 7) == 0 && pos_ / 8 < data_.size() &&
          static_cast<uint8_t>(data_[pos_ >> 3]) == 0xff) {
        q += 8;
        pos_ += 8;
        continue;
      }
      uint32_t bit = 0;
      if (!Bit(&bit)) return false;
      if (bit == 0) break;
      ++q;
    }
    *count = q;
    return true;
  }

  // Reads `count` (<= 32) bits, the first read being the least significant.
  bool Bits(int count, uint32_t* value) {
    if (pos_ + static_cast<size_t>(count) > data_.size() * 8) return false;
    uint32_t v = 0;
    for (int i = 0; i < count; ++i) {
      v |= ((static_cast<uint8_t>(data_[pos_ >> 3]) >> (pos_ & 7)) & 1u) << i;
      ++pos_;
    }
    *value = v;
    return true;
  }

 private:
  const std::string& data_;
  size_t pos_ = 0;  // next bit
};

}  // namespace

int ChooseRiceParameter(std::span<const uint32_t> sorted_values) {
  if (sorted_values.size() < 2) return 0;
  uint64_t span = uint64_t{sorted_values.back()} - sorted_values.front();
  uint64_t mean = span / (sorted_values.size() - 1);
  if (mean == 0) return 0;
  int k = std::bit_width(mean) - 1;  // floor(log2(mean))
  return k > kMaxRiceParameter ? kMaxRiceParameter : k;
}

base::Result<RiceDeltaEncoding> RiceEncode(std::span<const uint32_t> sorted_values,
                                           int rice_parameter) {
  if (sorted_values.empty()) return base::InvalidArgumentError("rice: nothing to encode");
  if (rice_parameter < 0 || rice_parameter > kMaxRiceParameter) {
    return base::InvalidArgumentError("rice: parameter " + std::to_string(rice_parameter) +
                                      " outside [0, 28]");
  }
  uint64_t unary_bits = 0;
  for (size_t i = 1; i < sorted_values.size(); ++i) {
    if (sorted_values[i] <= sorted_values[i - 1]) {
      return base::InvalidArgumentError("rice: values not strictly ascending at index " +
                                        std::to_string(i));
    }
    unary_bits += (sorted_values[i] - sorted_values[i - 1]) >> rice_parameter;
  }
  if (unary_bits > kMaxUnaryBits) {
    return base::InvalidArgumentError("rice: parameter " + std::to_string(rice_parameter) +
                                      " too small for these deltas");
  }
  RiceDeltaEncoding out;
  out.first_value = sorted_values.front();
  out.rice_parameter = rice_parameter;
  out.num_entries = static_cast<uint32_t>(sorted_values.size() - 1);
  uint64_t total_bits = unary_bits + (sorted_values.size() - 1) * uint64_t(rice_parameter + 1);
  out.encoded_data.reserve(static_cast<size_t>((total_bits + 7) / 8));
  BitWriter writer(&out.encoded_data);
  for (size_t i = 1; i < sorted_values.size(); ++i) {
    uint32_t delta = sorted_values[i] - sorted_values[i - 1];
    writer.PutOnes(delta >> rice_parameter);
    writer.Put(0, 1);
    if (rice_parameter > 0) writer.Put(delta, rice_parameter);
  }
  writer.Finish();
  return out;
}

base::Result<RiceDeltaEncoding> RiceEncode(std::span<const uint32_t> sorted_values) {
  return RiceEncode(sorted_values, ChooseRiceParameter(sorted_values));
}

base::Result<std::vector<uint32_t>> RiceDecode(const RiceDeltaEncoding& encoding) {
  const int k = encoding.rice_parameter;
  if (k < 0 || k > kMaxRiceParameter) {
    return base::InvalidArgumentError("rice: parameter " + std::to_string(k) + " outside [0, 28]");
  }
  // Every delta takes at least k + 1 bits: refuse counts the data cannot hold before reserving.
  uint64_t available = uint64_t{encoding.encoded_data.size()} * 8;
  if (uint64_t{encoding.num_entries} * uint64_t(k + 1) > available) {
    return base::InvalidArgumentError("rice: " + std::to_string(encoding.num_entries) +
                                      " entries cannot fit in " +
                                      std::to_string(encoding.encoded_data.size()) + " bytes");
  }
  std::vector<uint32_t> values;
  values.reserve(size_t{encoding.num_entries} + 1);
  values.push_back(encoding.first_value);
  BitReader reader(encoding.encoded_data);
  uint64_t current = encoding.first_value;
  for (uint32_t i = 0; i < encoding.num_entries; ++i) {
    uint64_t q = 0;
    uint32_t r = 0;
    if (!reader.Unary(&q) || !reader.Bits(k, &r)) {
      return base::InvalidArgumentError("rice: data ends inside entry " + std::to_string(i));
    }
    if (q > (uint64_t{1} << 32)) return base::InvalidArgumentError("rice: delta overflows");
    uint64_t delta = (q << k) | r;
    if (delta == 0) {
      return base::InvalidArgumentError("rice: zero delta at entry " + std::to_string(i));
    }
    current += delta;
    if (current > UINT32_MAX) return base::InvalidArgumentError("rice: value overflows 32 bits");
    values.push_back(static_cast<uint32_t>(current));
  }
  return values;
}

}  // namespace binhyen::index
