#include "render/internal/hpdf_fixes.h"

#include <hpdf_doc.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

namespace binhyen::render::internal {
namespace {

constexpr int kRangesPerBlock = 100;  // a CMap block holds at most 100 entries

std::string IdentityCMap() {
  std::string cmap =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
      "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
  std::string block;
  int count = 0;
  auto flush = [&] {
    if (count == 0) return;
    cmap += std::to_string(count) + " beginbfrange\n" + block + "endbfrange\n";
    block.clear();
    count = 0;
  };
  for (int high = 0; high < 256; ++high) {
    if (high >= 0xD8 && high <= 0xDF) continue;  // UTF-16 surrogates are not characters
    char entry[32];
    std::snprintf(entry, sizeof entry, "<%02X00> <%02XFF> <%02X00>\n", high, high, high);
    block += entry;
    if (++count == kRangesPerBlock) flush();
  }
  flush();
  cmap += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
  return cmap;
}

// Big-endian reads that fail (nullopt) outside the data.
std::optional<uint32_t> U16(std::string_view data, size_t at) {
  if (at + 2 > data.size() || at + 2 < at) return std::nullopt;
  return (static_cast<uint8_t>(data[at]) << 8) | static_cast<uint8_t>(data[at + 1]);
}
std::optional<uint32_t> U32(std::string_view data, size_t at) {
  const auto high = U16(data, at), low = U16(data, at + 2);
  if (!high || !low) return std::nullopt;
  return (*high << 16) | *low;
}

// The tables of a TrueType file that locate glyphs.
struct GlyphTables {
  size_t glyf = 0, loca = 0;
  bool long_offsets = false;
  uint32_t num_glyphs = 0;
};

std::optional<GlyphTables> FindTables(std::string_view ttf) {
  GlyphTables t;
  bool head = false;
  const auto count = U16(ttf, 4);
  if (!count) return std::nullopt;
  for (uint32_t i = 0; i < *count; ++i) {
    const size_t record = 12 + 16 * static_cast<size_t>(i);
    const auto offset = U32(ttf, record + 8);
    if (!offset || record + 4 > ttf.size()) return std::nullopt;
    const std::string_view tag = ttf.substr(record, 4);
    if (tag == "glyf") t.glyf = *offset;
    if (tag == "loca") t.loca = *offset;
    if (tag == "head") {
      const auto format = U16(ttf, *offset + 50);
      if (!format) return std::nullopt;
      t.long_offsets = *format == 1;
      head = true;
    }
    if (tag == "maxp") {
      const auto glyphs = U16(ttf, *offset + 4);
      if (!glyphs) return std::nullopt;
      t.num_glyphs = *glyphs;
    }
  }
  if (!head || t.glyf == 0 || t.loca == 0) return std::nullopt;
  return t;
}

std::optional<size_t> GlyphOffset(std::string_view ttf, const GlyphTables& t, uint32_t gid) {
  const auto start =
      t.long_offsets ? U32(ttf, t.loca + 4 * size_t{gid}) : U16(ttf, t.loca + 2 * size_t{gid});
  const auto end = t.long_offsets ? U32(ttf, t.loca + 4 * size_t{gid} + 4)
                                  : U16(ttf, t.loca + 2 * size_t{gid} + 2);
  if (!start || !end || *end <= *start) return std::nullopt;  // empty glyph
  return t.glyf + (t.long_offsets ? *start : 2 * size_t{*start});
}

// The components of glyph `gid` (none for a simple glyph).
std::vector<uint32_t> Components(std::string_view ttf, const GlyphTables& t, uint32_t gid) {
  std::vector<uint32_t> components;
  const auto offset = GlyphOffset(ttf, t, gid);
  const auto contours = offset ? U16(ttf, *offset) : std::nullopt;
  if (!contours || *contours != 0xFFFF) return components;  // -1 marks a composite glyph
  size_t at = *offset + 10;
  for (uint32_t flags = 0x20; flags & 0x20;) {  // MORE_COMPONENTS
    const auto f = U16(ttf, at), glyph = U16(ttf, at + 2);
    if (!f || !glyph) break;
    flags = *f;
    components.push_back(*glyph);
    at += 4 + ((flags & 0x1) ? 4 : 2);                                      // ARG_1_AND_2_ARE_WORDS
    at += (flags & 0x8) ? 2 : (flags & 0x40) ? 4 : (flags & 0x80) ? 8 : 0;  // the scales
  }
  return components;
}

}  // namespace

bool IncludeComponents(HPDF_Font font, std::string_view ttf) {
  const auto tables = FindTables(ttf);
  if (!tables) return false;
  auto* font_attr = static_cast<HPDF_FontAttr>(font->attr);
  auto* def_attr = static_cast<HPDF_TTFontDefAttr>(font_attr->fontdef->attr);
  const uint32_t glyphs = std::min<uint32_t>(def_attr->num_glyphs, tables->num_glyphs);
  HPDF_BYTE* used = def_attr->glyph_tbl.flgs;
  std::vector<uint32_t> pending;
  for (uint32_t gid = 0; gid < glyphs; ++gid) {
    if (used[gid]) pending.push_back(gid);
  }
  while (!pending.empty()) {
    const uint32_t gid = pending.back();
    pending.pop_back();
    for (uint32_t component : Components(ttf, *tables, gid)) {
      if (component < glyphs && !used[component]) {
        used[component] = 1;
        pending.push_back(component);
      }
    }
  }
  return true;
}

HPDF_STATUS ReplaceToUnicode(HPDF_Doc doc, HPDF_Font font) {
  HPDF_Dict stream = HPDF_DictStream_New(doc->mmgr, doc->xref);
  if (!stream) return HPDF_GetError(doc);
  stream->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
  const std::string cmap = IdentityCMap();
  HPDF_STATUS status = HPDF_Stream_WriteStr(stream->stream, cmap.c_str());
  if (status != HPDF_OK) return status;
  // Replaces the entry; the old stream stays in the file as an unreferenced object.
  return HPDF_Dict_Add(font, "ToUnicode", stream);
}

}  // namespace binhyen::render::internal
