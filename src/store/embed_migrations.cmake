# cmake -DDIR=<migrations/dialect> -DOUT=<file.cc> -DFUNCTION=SqliteMigrations -P embed_migrations.cmake
# Writes a .cc defining `std::span<const Migration> <FUNCTION>()` (store/migrations.h) with every
# NNNN_name.sql of DIR, by version. Fails when versions are not 1, 2, 3, ... without gaps.
file(GLOB files RELATIVE ${DIR} ${DIR}/*.sql)
list(SORT files)
set(body "")
set(entries "")
set(expected 1)
foreach(f ${files})
  if(NOT f MATCHES "^([0-9][0-9][0-9][0-9])_([a-z0-9_]+)\\.sql$")
    message(FATAL_ERROR "migration file name must be NNNN_name.sql: ${f}")
  endif()
  math(EXPR version "${CMAKE_MATCH_1} + 0")
  if(NOT version EQUAL expected)
    message(FATAL_ERROR "migration ${f}: expected version ${expected}")
  endif()
  math(EXPR expected "${expected} + 1")
  string(REGEX REPLACE "\\.sql$" "" name ${f})
  file(READ ${DIR}/${f} content HEX)
  string(LENGTH "${content}" hex_len)
  math(EXPR size "${hex_len} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${content}")
  string(APPEND body "constexpr char kSql${version}[] = {${bytes} 0};\n")
  string(APPEND entries "    {${version}, \"${name}\", std::string_view(kSql${version}, ${size})},\n")
endforeach()
if(entries STREQUAL "")
  set(table "std::span<const Migration> ${FUNCTION}() { return {}; }\n")
else()
  set(table "constexpr Migration kMigrations[] = {\n${entries}};\n}  // namespace\n"
            "std::span<const Migration> ${FUNCTION}() { return kMigrations; }\n")
  set(body "namespace {\n${body}")
endif()
file(WRITE ${OUT}.tmp
  "// Generated from ${DIR} by src/store/embed_migrations.cmake. Do not edit.\n"
  "#include \"store/migrations.h\"\n"
  "namespace binhyen::store {\n${body}${table}}  // namespace binhyen::store\n")
file(RENAME ${OUT}.tmp ${OUT})
