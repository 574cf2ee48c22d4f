#include "exchange/internal/export_common.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <set>
#include <tuple>

namespace binhyen::exchange::internal {
namespace {

uint32_t RotateLeft(uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }

// One 64-byte block of SHA-1 into `h`.
void Sha1Block(const uint8_t* block, std::array<uint32_t, 5>& h) {
  std::array<uint32_t, 80> w{};
  for (int i = 0; i < 16; ++i) {
    w[i] = (uint32_t{block[4 * i]} << 24) | (uint32_t{block[4 * i + 1]} << 16) |
           (uint32_t{block[4 * i + 2]} << 8) | uint32_t{block[4 * i + 3]};
  }
  for (int i = 16; i < 80; ++i) w[i] = RotateLeft(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
  uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
  for (int i = 0; i < 80; ++i) {
    uint32_t f = 0;
    uint32_t k = 0;
    if (i < 20) {
      f = (b & c) | (~b & d);
      k = 0x5A827999;
    } else if (i < 40) {
      f = b ^ c ^ d;
      k = 0x6ED9EBA1;
    } else if (i < 60) {
      f = (b & c) | (b & d) | (c & d);
      k = 0x8F1BBCDC;
    } else {
      f = b ^ c ^ d;
      k = 0xCA62C1D6;
    }
    const uint32_t t = RotateLeft(a, 5) + f + e + k + w[i];
    e = d;
    d = c;
    c = RotateLeft(b, 30);
    b = a;
    a = t;
  }
  h[0] += a;
  h[1] += b;
  h[2] += c;
  h[3] += d;
  h[4] += e;
}

// One 64-byte block of MD5 into `h` (RFC 1321, 3.4).
void Md5Block(const uint8_t* block, std::array<uint32_t, 4>& h) {
  static constexpr uint32_t kK[64] = {
      0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613,
      0xfd469501, 0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193,
      0xa679438e, 0x49b40821, 0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d,
      0x02441453, 0xd8a1e681, 0xe7d3fbc8, 0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed,
      0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a, 0xfffa3942, 0x8771f681, 0x6d9d6122,
      0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70, 0x289b7ec6, 0xeaa127fa,
      0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665, 0xf4292244,
      0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
      0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb,
      0xeb86d391};
  static constexpr int kShift[64] = {7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
                                     5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20,
                                     4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
                                     6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21};
  std::array<uint32_t, 16> m{};
  for (int i = 0; i < 16; ++i) {
    m[i] = uint32_t{block[4 * i]} | (uint32_t{block[4 * i + 1]} << 8) |
           (uint32_t{block[4 * i + 2]} << 16) | (uint32_t{block[4 * i + 3]} << 24);
  }
  uint32_t a = h[0], b = h[1], c = h[2], d = h[3];
  for (int i = 0; i < 64; ++i) {
    uint32_t f = 0;
    int g = 0;
    if (i < 16) {
      f = (b & c) | (~b & d);
      g = i;
    } else if (i < 32) {
      f = (d & b) | (~d & c);
      g = (5 * i + 1) % 16;
    } else if (i < 48) {
      f = b ^ c ^ d;
      g = (3 * i + 5) % 16;
    } else {
      f = c ^ (b | ~d);
      g = (7 * i) % 16;
    }
    const uint32_t rotated = RotateLeft(a + f + kK[i] + m[g], kShift[i]);
    a = d;
    d = c;
    c = b;
    b = b + rotated;
  }
  h[0] += a;
  h[1] += b;
  h[2] += c;
  h[3] += d;
}

// `data` padded to whole 64-byte blocks with its bit length (big-endian for SHA-1,
// little-endian for MD5).
std::string Padded(std::string_view data, bool big_endian_length) {
  std::string padded(data);
  const uint64_t bit_length = uint64_t{data.size()} * 8;
  padded.push_back(static_cast<char>(0x80));
  while (padded.size() % 64 != 56) padded.push_back('\0');
  for (int i = 0; i < 8; ++i) {
    const int shift = big_endian_length ? 8 * (7 - i) : 8 * i;
    padded.push_back(static_cast<char>((bit_length >> shift) & 0xFF));
  }
  return padded;
}

}  // namespace

std::string Md5Hex(std::string_view data) {
  std::array<uint32_t, 4> h = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
  const std::string padded = Padded(data, /*big_endian_length=*/false);
  for (size_t off = 0; off < padded.size(); off += 64) {
    Md5Block(reinterpret_cast<const uint8_t*>(padded.data() + off), h);
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (uint32_t word : h) {
    for (int j = 0; j < 4; ++j) {
      const auto byte = static_cast<uint8_t>(word >> (8 * j));
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 0x0F]);
    }
  }
  return out;
}

std::array<uint8_t, 20> Sha1(std::string_view data) {
  std::array<uint32_t, 5> h = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
  const std::string padded = Padded(data, /*big_endian_length=*/true);
  for (size_t off = 0; off < padded.size(); off += 64) {
    Sha1Block(reinterpret_cast<const uint8_t*>(padded.data() + off), h);
  }
  std::array<uint8_t, 20> out{};
  for (int i = 0; i < 5; ++i) {
    for (int j = 0; j < 4; ++j) out[4 * i + j] = static_cast<uint8_t>(h[i] >> (24 - 8 * j));
  }
  return out;
}

std::string UuidV5(const std::array<uint8_t, 16>& name_space, std::string_view name) {
  std::string input(reinterpret_cast<const char*>(name_space.data()), name_space.size());
  input.append(name);
  std::array<uint8_t, 20> digest = Sha1(input);
  digest[6] = static_cast<uint8_t>((digest[6] & 0x0F) | 0x50);  // version 5
  digest[8] = static_cast<uint8_t>((digest[8] & 0x3F) | 0x80);  // RFC 4122 variant
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 0x0F]);
  }
  return out;
}

std::vector<const ExportEntry*> SortedEntries(const ExportInput& input) {
  std::vector<const ExportEntry*> sorted;
  sorted.reserve(input.entries.size());
  for (const ExportEntry& e : input.entries) sorted.push_back(&e);
  std::stable_sort(sorted.begin(), sorted.end(), [](const ExportEntry* a, const ExportEntry* b) {
    return std::tie(a->kind, a->canonical) < std::tie(b->kind, b->canonical);
  });
  sorted.erase(std::unique(sorted.begin(), sorted.end(),
                           [](const ExportEntry* a, const ExportEntry* b) {
                             return a->kind == b->kind && a->canonical == b->canonical;
                           }),
               sorted.end());
  return sorted;
}

std::string FormatRfc3339Millis(base::TimePoint t) {
  const auto ms = std::chrono::floor<std::chrono::milliseconds>(t);
  const auto secs = std::chrono::floor<std::chrono::seconds>(ms);
  std::string out = base::FormatRfc3339(secs);
  char frac[8];
  std::snprintf(frac, sizeof frac, ".%03dZ", static_cast<int>((ms - secs).count()));
  out.pop_back();  // 'Z'
  out += frac;
  return out;
}

int64_t UnixSeconds(base::TimePoint t) {
  return std::chrono::floor<std::chrono::seconds>(t).time_since_epoch().count();
}

bool IsPlainDnsName(std::string_view name) {
  if (name.empty() || name.size() > 253) return false;
  size_t label = 0;
  for (size_t i = 0; i <= name.size(); ++i) {
    if (i == name.size() || name[i] == '.') {
      if (label == 0 || label > 63) return false;
      label = 0;
      continue;
    }
    const char c = name[i];
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) return false;
    ++label;
  }
  return true;
}

bool IsSameOrSubdomain(std::string_view host, std::string_view parent) {
  if (host.size() == parent.size()) return host == parent;
  return host.size() > parent.size() && host.ends_with(parent) &&
         host[host.size() - parent.size() - 1] == '.';
}

DnsPlan PlanDns(const ExportInput& input) {
  DnsPlan plan;
  std::set<std::string> passthru;
  for (const std::string& name : input.passthru_hosts) {
    if (IsPlainDnsName(name)) passthru.insert(name);
  }
  plan.passthru.assign(passthru.begin(), passthru.end());
  for (const ExportEntry* e : SortedEntries(input)) {
    if (e->kind == indicator::Kind::kIp) {
      plan.ips.push_back(e->canonical);
      continue;
    }
    if (e->kind != indicator::Kind::kDomain || !IsPlainDnsName(e->canonical)) continue;
    // Never host-block an allowlisted name or anything under it. Walk the suffixes of the name
    // (a.b.c, b.c, c) so the check is O(labels), not O(passthru).
    bool allowed = false;
    for (std::string_view rest = e->canonical; !rest.empty() && !allowed;) {
      allowed = passthru.contains(std::string(rest));
      const size_t dot = rest.find('.');
      rest = dot == std::string_view::npos ? std::string_view() : rest.substr(dot + 1);
    }
    if (!allowed) plan.hosts.push_back(e->canonical);
  }
  return plan;
}

}  // namespace binhyen::exchange::internal
