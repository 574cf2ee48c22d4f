#include "http/gzip.h"

#include <zlib.h>

#include <cstdlib>

#include "base/strings.h"

namespace binhyen::http {
namespace {

constexpr int kGzipWindowBits = 15 + 16;  // zlib: 15-bit window, gzip wrapper

}  // namespace

base::Result<std::string> Gzip(std::string_view data) {
  z_stream z{};
  if (deflateInit2(&z, 6, Z_DEFLATED, kGzipWindowBits, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    return base::InternalError("gzip: deflateInit2 failed");
  }
  std::string out;
  out.resize(deflateBound(&z, static_cast<uLong>(data.size())));
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  const size_t written = out.size() - z.avail_out;
  deflateEnd(&z);
  if (rc != Z_STREAM_END) return base::InternalError("gzip: deflate did not finish");
  out.resize(written);
  return out;
}

base::Result<std::string> Gunzip(std::string_view data, size_t max_bytes) {
  z_stream z{};
  if (inflateInit2(&z, kGzipWindowBits) != Z_OK) {
    return base::InternalError("gunzip: inflateInit2 failed");
  }
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char buffer[16384];
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    z.next_out = reinterpret_cast<Bytef*>(buffer);
    z.avail_out = sizeof(buffer);
    rc = inflate(&z, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      inflateEnd(&z);
      return base::InvalidArgumentError("gunzip: not gzip data");
    }
    out.append(buffer, sizeof(buffer) - z.avail_out);
    if (out.size() > max_bytes) {
      inflateEnd(&z);
      return base::ResourceExhaustedError("gunzip: larger than the limit");
    }
    if (rc == Z_OK && z.avail_in == 0 && z.avail_out != 0) {
      inflateEnd(&z);
      return base::InvalidArgumentError("gunzip: truncated");
    }
  }
  inflateEnd(&z);
  return out;
}

bool AcceptsGzip(const Request& request) {
  std::optional<std::string_view> header = request.Header("Accept-Encoding");
  if (!header) return false;
  for (std::string_view item : base::Split(*header, ',')) {
    item = base::TrimAscii(item);
    std::string_view coding = item.substr(0, item.find(';'));
    coding = base::TrimAscii(coding);
    const std::string lower = base::AsciiLower(coding);
    if (lower != "gzip" && lower != "*") continue;
    const size_t q = item.find("q=");
    if (q == std::string_view::npos) return true;
    return std::strtod(std::string(item.substr(q + 2)).c_str(), nullptr) > 0;
  }
  return false;
}

}  // namespace binhyen::http
