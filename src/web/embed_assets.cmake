# cmake -DDIR=<src/web> -DOUT=<file.cc> -P embed_assets.cmake
# Writes a .cc defining `std::span<const Asset> EmbeddedAssets()` (web/internal/assets.h) with
# every file under DIR/templates, DIR/static and DIR/content, named by its path relative to DIR
# ("templates/home.mustache", "static/site.css", "content/guidance/x.vi.md"), sorted by name.
file(GLOB_RECURSE files RELATIVE ${DIR} ${DIR}/templates/* ${DIR}/static/* ${DIR}/content/*)
list(SORT files)
set(body "")
set(entries "")
set(n 0)
foreach(f ${files})
  file(READ ${DIR}/${f} content HEX)
  string(LENGTH "${content}" hex_len)
  math(EXPR size "${hex_len} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${content}")
  string(APPEND body "constexpr char kAsset${n}[] = {${bytes} 0};\n")
  string(APPEND entries "    {\"${f}\", std::string_view(kAsset${n}, ${size})},\n")
  math(EXPR n "${n} + 1")
endforeach()
file(WRITE ${OUT}.tmp
  "// Generated from ${DIR} by src/web/embed_assets.cmake. Do not edit.\n"
  "#include \"web/internal/assets.h\"\n"
  "namespace binhyen::web::internal {\nnamespace {\n${body}"
  "constexpr Asset kAssets[] = {\n${entries}};\n}  // namespace\n"
  "std::span<const Asset> EmbeddedAssets() { return kAssets; }\n"
  "}  // namespace binhyen::web::internal\n")
file(RENAME ${OUT}.tmp ${OUT})
