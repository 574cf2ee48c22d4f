#pragma once

// Two repairs of libharu 2.3.0's embedded UTF-8 TrueType fonts, through libharu's object API
// (hpdf_objects.h, hpdf_doc.h, hpdf_font.h, hpdf_fontdef.h: exported by the library and
// installed by libhpdf-dev). Thread safety: they touch only their document; confine a document
// to one thread.
//
// 1. ToUnicode.
// With HPDF_UseUTFEncodings, libharu writes each character as its 16-bit Unicode value (the CID;
// a CIDToGIDMap maps it to the glyph) and attaches as /ToUnicode the *encoding* CMap, whose
// "begincidrange" operator is not allowed in a ToUnicode CMap. Poppler warns ("Invalid
// 'begincidrange' operator in ToUnicode CMap") and guesses the text from the font's own cmap;
// other readers may extract nothing. Since code = Unicode here, the right map is the identity
// over the Basic Multilingual Plane: this replaces /ToUnicode with a CMap of bfrange entries
// <XX00> <XXFF> <XX00> (surrogates left out).
//
// 2. Composite glyphs. libharu embeds a subset of the font: the glyphs whose width it measured
// plus the components of those that are composite, but not the components of components.
// DejaVu builds many Vietnamese letters in two levels ("ổ" = "ô" + hook, "ô" = "o" + circumflex),
// so "PHỔ" was drawn as "PHỎ". IncludeComponents completes the subset with every nested
// component, reading the glyph table from the font file itself.

#include <hpdf.h>

#include <string_view>

namespace binhyen::render::internal {

// REQUIRES: `font` comes from HPDF_GetFont(doc, name, "UTF-8") for a TrueType font. Returns
// HPDF_OK or libharu's error code (the document's error handler has been called too).
HPDF_STATUS ReplaceToUnicode(HPDF_Doc doc, HPDF_Font font);

// REQUIRES: `font` was loaded with embedding from the TrueType file whose bytes are `ttf`; call
// after the last text is drawn and measured, before saving. Marks every component of every
// used glyph (recursively) as used. Returns false when `ttf` is not a TrueType file it can read
// (nothing is changed then).
bool IncludeComponents(HPDF_Font font, std::string_view ttf);

}  // namespace binhyen::render::internal
