#include "exchange/xlsx_reader.h"

#include <expat.h>
#include <minizip/unzip.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <memory>
#include <utility>

namespace binhyen::exchange {
namespace {

base::Status NotXlsx(std::string_view why) {
  return base::InvalidArgumentError("file: not an .xlsx workbook (" + std::string(why) + ")");
}

// ---------------------------------------------------------------------------------------------
// minizip over a buffer in memory (its ioapi callbacks).

struct MemoryFile {
  std::string_view data;
  uint64_t pos = 0;
};

voidpf ZOpen(voidpf opaque, const void*, int) { return opaque; }
uLong ZRead(voidpf, voidpf stream, void* buf, uLong size) {
  auto* f = static_cast<MemoryFile*>(stream);
  const uint64_t n = std::min<uint64_t>(size, f->data.size() - std::min(f->pos, f->data.size()));
  if (n > 0) std::memcpy(buf, f->data.data() + f->pos, n);
  f->pos += n;
  return static_cast<uLong>(n);
}
uLong ZWrite(voidpf, voidpf, const void*, uLong) { return 0; }
ZPOS64_T ZTell(voidpf, voidpf stream) { return static_cast<MemoryFile*>(stream)->pos; }
long ZSeek(voidpf, voidpf stream, ZPOS64_T offset, int origin) {
  auto* f = static_cast<MemoryFile*>(stream);
  uint64_t base = 0;
  if (origin == ZLIB_FILEFUNC_SEEK_CUR) base = f->pos;
  if (origin == ZLIB_FILEFUNC_SEEK_END) base = f->data.size();
  if (base + offset > f->data.size()) return -1;
  f->pos = base + offset;
  return 0;
}
int ZClose(voidpf, voidpf) { return 0; }
int ZError(voidpf, voidpf) { return 0; }

// An open zip archive in memory that reads parts within a shared inflated-bytes budget.
class Archive {
 public:
  Archive(std::string_view data, size_t budget) : file_{data, 0}, budget_(budget) {
    zlib_filefunc64_def def{};
    def.zopen64_file = ZOpen;
    def.zread_file = ZRead;
    def.zwrite_file = ZWrite;
    def.ztell64_file = ZTell;
    def.zseek64_file = ZSeek;
    def.zclose_file = ZClose;
    def.zerror_file = ZError;
    def.opaque = &file_;
    zip_ = unzOpen2_64("memory.xlsx", &def);
  }
  ~Archive() {
    if (zip_ != nullptr) unzClose(zip_);
  }
  Archive(const Archive&) = delete;
  Archive& operator=(const Archive&) = delete;

  bool ok() const { return zip_ != nullptr; }

  // The inflated bytes of part `name`; NotFound when absent.
  base::Result<std::string> Read(const std::string& name) {
    if (unzLocateFile(zip_, name.c_str(), 1) != UNZ_OK) {
      return base::NotFoundError("part " + name + ": not found");
    }
    if (unzOpenCurrentFile(zip_) != UNZ_OK) return NotXlsx("cannot open " + name);
    std::string out;
    char buf[16384];
    while (true) {
      const int n = unzReadCurrentFile(zip_, buf, sizeof buf);
      if (n < 0) {
        unzCloseCurrentFile(zip_);
        return NotXlsx("damaged part " + name);
      }
      if (n == 0) break;
      if (static_cast<size_t>(n) > budget_) {
        unzCloseCurrentFile(zip_);
        return base::PayloadTooLargeError("file: the workbook inflates to more than the limit (" +
                                          std::to_string(used_ + budget_) +
                                          " bytes); it may be a zip bomb");
      }
      budget_ -= n;
      used_ += n;
      out.append(buf, n);
    }
    if (unzCloseCurrentFile(zip_) != UNZ_OK) return NotXlsx("bad checksum in " + name);
    return out;
  }

 private:
  MemoryFile file_;
  unzFile zip_ = nullptr;
  size_t budget_;
  size_t used_ = 0;
};

// ---------------------------------------------------------------------------------------------
// XML with expat: one small handler per part.

std::string_view LocalName(const char* name) {
  std::string_view n(name);
  const size_t colon = n.rfind(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

const char* Attr(const char** attrs, std::string_view local) {
  for (int i = 0; attrs[i] != nullptr; i += 2) {
    if (LocalName(attrs[i]) == local) return attrs[i + 1];
  }
  return nullptr;
}

// Runs expat over `xml` with `handler` (which has Start, End and Text members).
template <typename H>
base::Status ParseXml(const std::string& xml, H& handler, std::string_view part) {
  std::unique_ptr<XML_ParserStruct, void (*)(XML_Parser)> parser(XML_ParserCreate("UTF-8"),
                                                                 XML_ParserFree);
  if (!parser) return base::ResourceExhaustedError("xml: out of memory");
  XML_SetUserData(parser.get(), &handler);
  XML_SetElementHandler(
      parser.get(),
      [](void* h, const char* name, const char** attrs) {
        static_cast<H*>(h)->Start(LocalName(name), attrs);
      },
      [](void* h, const char* name) { static_cast<H*>(h)->End(LocalName(name)); });
  XML_SetCharacterDataHandler(parser.get(), [](void* h, const char* s, int len) {
    static_cast<H*>(h)->Text(std::string_view(s, len));
  });
  if (XML_Parse(parser.get(), xml.data(), static_cast<int>(xml.size()), 1) == XML_STATUS_ERROR) {
    return NotXlsx(std::string(part) + ": " + XML_ErrorString(XML_GetErrorCode(parser.get())));
  }
  return handler.status;
}

// xl/sharedStrings.xml: <si> items, each the text of its <t> elements (rich runs joined; the
// phonetic hints of <rPh> left out).
struct SharedStrings {
  std::vector<std::string> items;
  base::Status status;
  bool in_t = false;
  int phonetic = 0;
  size_t max_items = 0;
  void Start(std::string_view name, const char**) {
    if (name == "si") {
      if (items.size() >= max_items) status = base::PayloadTooLargeError("file: too many strings");
      items.emplace_back();
    } else if (name == "t") {
      in_t = true;
    } else if (name == "rPh") {
      ++phonetic;
    }
  }
  void End(std::string_view name) {
    if (name == "t") in_t = false;
    if (name == "rPh") --phonetic;
  }
  void Text(std::string_view s) {
    if (in_t && phonetic == 0 && !items.empty()) items.back().append(s);
  }
};

// xl/workbook.xml: the relationship id of the first <sheet>.
struct Workbook {
  std::string first_sheet_rid;
  base::Status status;
  void Start(std::string_view name, const char** attrs) {
    if (name == "sheet" && first_sheet_rid.empty()) {
      const char* rid = Attr(attrs, "id");
      if (rid != nullptr) first_sheet_rid = rid;
    }
  }
  void End(std::string_view) {}
  void Text(std::string_view) {}
};

// xl/_rels/workbook.xml.rels: relationship targets by id.
struct Relationships {
  std::map<std::string, std::string> targets;
  base::Status status;
  void Start(std::string_view name, const char** attrs) {
    const char* id = Attr(attrs, "Id");
    const char* target = Attr(attrs, "Target");
    if (name == "Relationship" && id != nullptr && target != nullptr) targets[id] = target;
  }
  void End(std::string_view) {}
  void Text(std::string_view) {}
};

// "BC12" → 54 (0-based column), -1 when not a cell reference.
int ColumnOf(std::string_view ref) {
  int col = 0;
  size_t i = 0;
  for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z' && i < 4; ++i) {
    col = col * 26 + (ref[i] - 'A' + 1);
  }
  return i == 0 ? -1 : col - 1;
}

// A worksheet's <sheetData>: rows of cells.
struct Sheet {
  const std::vector<std::string>* shared = nullptr;
  const XlsxLimits* limits = nullptr;
  std::vector<SheetRow> rows;
  base::Status status;
  size_t cells = 0;
  int next_row = 1;
  // The cell being read.
  int col = -1;
  std::string type;
  std::string value;
  bool in_value = false;

  void Fail(base::Status s) {
    if (status.ok()) status = std::move(s);
  }
  void Start(std::string_view name, const char** attrs) {
    if (!status.ok()) return;
    if (name == "row") {
      const char* r = Attr(attrs, "r");
      const int number = r != nullptr ? std::atoi(r) : next_row;
      if (number < next_row || number > 1048576) return Fail(NotXlsx("row numbers out of order"));
      next_row = number + 1;
      if (rows.size() >= limits->max_rows) {
        return Fail(base::PayloadTooLargeError("file: more than " +
                                               std::to_string(limits->max_rows) + " rows"));
      }
      rows.push_back({number, {}});
    } else if (name == "c") {
      if (rows.empty()) return Fail(NotXlsx("a cell outside a row"));
      const char* r = Attr(attrs, "r");
      col = r != nullptr ? ColumnOf(r) : static_cast<int>(rows.back().cells.size());
      if (col < 0) return Fail(NotXlsx("bad cell reference"));
      if (static_cast<size_t>(col) >= limits->max_columns) {
        return Fail(base::PayloadTooLargeError("file: more than " +
                                               std::to_string(limits->max_columns) + " columns"));
      }
      if (++cells > limits->max_cells) {
        return Fail(base::PayloadTooLargeError("file: more than " +
                                               std::to_string(limits->max_cells) + " cells"));
      }
      const char* t = Attr(attrs, "t");
      type = t != nullptr ? t : "n";
      value.clear();
    } else if (name == "v" || name == "t") {
      in_value = true;
    }
  }
  void End(std::string_view name) {
    if (!status.ok()) return;
    if (name == "v" || name == "t") {
      in_value = false;
    } else if (name == "c" && col >= 0) {
      std::string text = value;
      if (type == "s") {
        char* end = nullptr;
        const long index = std::strtol(value.c_str(), &end, 10);
        if (value.empty() || *end != '\0' || index < 0 ||
            static_cast<size_t>(index) >= shared->size()) {
          return Fail(NotXlsx("a shared string that does not exist"));
        }
        text = (*shared)[index];
      } else if (type == "b") {
        text = value == "1" ? "TRUE" : "FALSE";
      }
      std::vector<std::string>& cells_of_row = rows.back().cells;
      if (cells_of_row.size() <= static_cast<size_t>(col)) cells_of_row.resize(col + 1);
      cells_of_row[col] = std::move(text);
      col = -1;
    }
  }
  void Text(std::string_view s) {
    if (in_value && col >= 0) value.append(s);
  }
};

// The part name of the first worksheet ("xl/worksheets/sheet1.xml" when the workbook does not
// say otherwise).
base::Result<std::string> FirstSheetPart(Archive& zip) {
  base::Result<std::string> workbook_xml = zip.Read("xl/workbook.xml");
  if (!workbook_xml.ok()) {
    if (workbook_xml.status().code() == base::StatusCode::kNotFound) {
      return NotXlsx("no xl/workbook.xml");
    }
    return workbook_xml.status();
  }
  Workbook workbook;
  BINHYEN_RETURN_IF_ERROR(ParseXml(*workbook_xml, workbook, "xl/workbook.xml"));
  std::string part = "xl/worksheets/sheet1.xml";
  base::Result<std::string> rels_xml = zip.Read("xl/_rels/workbook.xml.rels");
  if (rels_xml.ok()) {
    Relationships rels;
    BINHYEN_RETURN_IF_ERROR(ParseXml(*rels_xml, rels, "xl/_rels/workbook.xml.rels"));
    auto it = rels.targets.find(workbook.first_sheet_rid);
    if (it != rels.targets.end()) {
      // Targets are relative to xl/, or absolute from the package root.
      part = it->second.starts_with("/") ? it->second.substr(1) : "xl/" + it->second;
    }
  } else if (rels_xml.status().code() != base::StatusCode::kNotFound) {
    return rels_xml.status();
  }
  // The target is the file's own text and ends up in error messages: a name no workbook has (a
  // control character, or longer than a zip entry's name may be) is refused, so that the message
  // stays one short line.
  if (part.size() > 255 || std::any_of(part.begin(), part.end(), [](char c) {
        return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
      })) {
    return NotXlsx("the first worksheet's name in xl/_rels/workbook.xml.rels is not valid");
  }
  return part;
}

}  // namespace

bool LooksLikeZip(std::string_view data) { return data.starts_with(std::string_view("PK\3\4", 4)); }

base::Result<std::vector<SheetRow>> ReadFirstSheet(std::string_view xlsx,
                                                   const XlsxLimits& limits) {
  if (xlsx.size() > limits.max_file_bytes) {
    return base::PayloadTooLargeError("file: larger than " + std::to_string(limits.max_file_bytes) +
                                      " bytes");
  }
  if (!LooksLikeZip(xlsx)) return NotXlsx("it is not a zip archive");
  Archive zip(xlsx, limits.max_uncompressed_bytes);
  if (!zip.ok()) return NotXlsx("the zip archive cannot be read");
  BINHYEN_ASSIGN_OR_RETURN(std::string part, FirstSheetPart(zip));
  SharedStrings shared;
  shared.max_items = limits.max_cells;
  base::Result<std::string> shared_xml = zip.Read("xl/sharedStrings.xml");
  if (shared_xml.ok()) {
    BINHYEN_RETURN_IF_ERROR(ParseXml(*shared_xml, shared, "xl/sharedStrings.xml"));
  } else if (shared_xml.status().code() != base::StatusCode::kNotFound) {
    return shared_xml.status();
  }
  base::Result<std::string> sheet_xml = zip.Read(part);
  if (!sheet_xml.ok()) {
    if (sheet_xml.status().code() == base::StatusCode::kNotFound) {
      return NotXlsx("no worksheet " + part);
    }
    return sheet_xml.status();
  }
  Sheet sheet;
  sheet.shared = &shared.items;
  sheet.limits = &limits;
  BINHYEN_RETURN_IF_ERROR(ParseXml(*sheet_xml, sheet, part));
  std::erase_if(sheet.rows, [](const SheetRow& r) { return r.cells.empty(); });
  return std::move(sheet.rows);
}

}  // namespace binhyen::exchange
