// Fuzzes exchange::ReadFirstSheet, the reader of the .xlsx rosters uploaded to the people
// import (POST /api/v1/people/import and the console's form). Bit 0 of the first byte picks the
// input: the rest of the input as the file itself, or (so that the XML parts are reached whatever
// the mutations do to checksums) the rest split at NUL bytes into the parts xl/workbook.xml,
// xl/_rels/workbook.xml.rels, xl/sharedStrings.xml and xl/worksheets/sheet1.xml, zipped here,
// deflated when bit 1 is set. Both with small limits and with the defaults. Traps on a broken
// contract; the sanitizers catch memory errors and leaks.
#include <zlib.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "exchange/xlsx_reader.h"

namespace {

namespace exchange = binhyen::exchange;
using binhyen::base::StatusCode;

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

void Put16(std::string& out, uint32_t v) {
  out.push_back(static_cast<char>(v & 0xff));
  out.push_back(static_cast<char>((v >> 8) & 0xff));
}
void Put32(std::string& out, uint32_t v) {
  Put16(out, v & 0xffff);
  Put16(out, v >> 16);
}

// Raw deflate (no zlib header), as zip stores it.
std::string Deflate(std::string_view data) {
  z_stream s{};
  Check(deflateInit2(&s, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&s, static_cast<uLong>(data.size())), '\0');
  s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  s.avail_in = static_cast<uInt>(data.size());
  s.next_out = reinterpret_cast<Bytef*>(out.data());
  s.avail_out = static_cast<uInt>(out.size());
  Check(deflate(&s, Z_FINISH) == Z_STREAM_END);
  out.resize(s.total_out);
  deflateEnd(&s);
  return out;
}

// A zip archive of `parts` (name, content) with correct sizes and checksums.
std::string Zip(const std::vector<std::pair<std::string, std::string_view>>& parts, bool deflated) {
  std::string out;
  std::string central;
  for (const auto& part : parts) {
    const std::string& name = part.first;
    const std::string_view content = part.second;
    const uint32_t crc = static_cast<uint32_t>(crc32(
        0, reinterpret_cast<const Bytef*>(content.data()), static_cast<uInt>(content.size())));
    const std::string stored = deflated ? Deflate(content) : std::string(content);
    const uint32_t offset = static_cast<uint32_t>(out.size());
    auto common = [&](std::string& h) {
      Put16(h, 20);                // version needed
      Put16(h, 0);                 // flags
      Put16(h, deflated ? 8 : 0);  // method
      Put16(h, 0);                 // time
      Put16(h, 0x21);              // date: 1980-01-01
      Put32(h, crc);
      Put32(h, static_cast<uint32_t>(stored.size()));
      Put32(h, static_cast<uint32_t>(content.size()));
      Put16(h, static_cast<uint32_t>(name.size()));
      Put16(h, 0);  // extra field
    };
    Put32(out, 0x04034b50);
    common(out);
    out += name;
    out += stored;
    Put32(central, 0x02014b50);
    Put16(central, 20);  // version made by
    common(central);
    Put16(central, 0);  // comment
    Put16(central, 0);  // disk
    Put16(central, 0);  // internal attributes
    Put32(central, 0);  // external attributes
    Put32(central, offset);
    central += name;
  }
  const uint32_t central_offset = static_cast<uint32_t>(out.size());
  out += central;
  Put32(out, 0x06054b50);
  Put16(out, 0);
  Put16(out, 0);
  Put16(out, static_cast<uint32_t>(parts.size()));
  Put16(out, static_cast<uint32_t>(parts.size()));
  Put32(out, static_cast<uint32_t>(central.size()));
  Put32(out, central_offset);
  Put16(out, 0);
  return out;
}

bool OneLine(std::string_view s) {
  return !s.empty() && s.find('\n') == std::string_view::npos &&
         s.find('\r') == std::string_view::npos;
}

void CheckRead(std::string_view file, const exchange::XlsxLimits& limits) {
  const auto rows = exchange::ReadFirstSheet(file, limits);
  if (!rows.ok()) {
    const StatusCode code = rows.status().code();
    Check(code == StatusCode::kInvalidArgument || code == StatusCode::kPayloadTooLarge);
    // Shown to the person who uploaded the file, and split into field errors per line.
    Check(OneLine(rows.status().message()));
    Check(rows.status().message().starts_with("file: "));
    Check(rows.status().message().size() <= 400);
    return;
  }
  Check(exchange::LooksLikeZip(file));
  Check(rows->size() <= limits.max_rows);
  int last = 0;
  for (const exchange::SheetRow& row : *rows) {
    Check(row.number > last && row.number <= 1048576);  // ascending, as Excel numbers them
    last = row.number;
    Check(!row.cells.empty() && row.cells.size() <= limits.max_columns);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1 || size > 256 * 1024) return 0;
  const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::string file;
  if ((data[0] & 1) == 0) {
    file = std::string(rest);
  } else {
    static const char* const kNames[] = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                                         "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"};
    std::vector<std::pair<std::string, std::string_view>> parts;
    size_t start = 0;
    for (size_t i = 0; i < std::size(kNames) && start <= rest.size(); ++i) {
      size_t end = std::min(rest.find('\0', start), rest.size());
      if (i + 1 == std::size(kNames)) end = rest.size();  // the sheet takes the rest
      // An empty part is left out of the archive (so that "no such part" is reached too).
      if (end > start) parts.emplace_back(kNames[i], rest.substr(start, end - start));
      start = end + 1;
    }
    file = Zip(parts, (data[0] & 2) != 0);
  }
  exchange::XlsxLimits small;
  small.max_file_bytes = 128 * 1024;
  small.max_uncompressed_bytes = 256 * 1024;
  small.max_rows = 50;
  small.max_columns = 20;
  small.max_cells = 200;
  CheckRead(file, small);
  CheckRead(file, exchange::XlsxLimits{});
  return 0;
}
