#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace binhyen::exchange {

// How much of an untrusted .xlsx file is read before giving up. A zip bomb (a small file that
// inflates to gigabytes) stops at max_uncompressed_bytes, whatever the zip headers claim.
struct XlsxLimits {
  size_t max_file_bytes = 10 * 1024 * 1024;          // the .xlsx itself
  size_t max_uncompressed_bytes = 64 * 1024 * 1024;  // all parts read, inflated
  size_t max_rows = 20001;                           // rows holding at least one cell
  size_t max_columns = 256;                          // A..IV
  size_t max_cells = 1000000;
};

// One row of a sheet as the user sees it: `number` is the row number Excel shows (1-based),
// cells from column A, empty strings for empty cells.
struct SheetRow {
  int number = 0;
  std::vector<std::string> cells;
};

// The cells of the first worksheet of an Office Open XML workbook (.xlsx), as text: shared
// strings, inline strings and formula string results as written; numbers as stored in the file
// (a phone number typed as a number has lost its leading zero in Excel already; one typed as
// text keeps it); booleans "TRUE" / "FALSE". Dates are not converted (their serial number is
// returned). Rows without any cell are left out. Errors: InvalidArgument "file: not an .xlsx
// workbook (...)" for anything that is not a readable zip with a workbook and a worksheet, or
// whose XML is malformed; PayloadTooLarge "file: ..." beyond `limits`.
// Thread safety: a pure function.
base::Result<std::vector<SheetRow>> ReadFirstSheet(std::string_view xlsx,
                                                   const XlsxLimits& limits = {});

// True when `data` starts like a zip archive ("PK\x03\x04"), which is how an .xlsx starts.
bool LooksLikeZip(std::string_view data);

}  // namespace binhyen::exchange
