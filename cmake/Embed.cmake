# cmake -DIN=file -DOUT=file.cc -DSYMBOL=name -DNAMESPACE=ns -P Embed.cmake
# Writes a .cc defining `extern const std::string_view SYMBOL` with the file's bytes.
file(READ ${IN} content HEX)
string(LENGTH "${content}" hex_len)
math(EXPR size "${hex_len} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${content}")
file(WRITE ${OUT}.tmp
  "// Generated from ${IN} by cmake/Embed.cmake. Do not edit.\n"
  "#include <string_view>\n"
  "namespace ${NAMESPACE} {\n"
  "namespace { constexpr char kData[] = {${bytes} 0}; }\n"
  "extern const std::string_view ${SYMBOL};\n"
  "const std::string_view ${SYMBOL}(kData, ${size});\n"
  "}  // namespace ${NAMESPACE}\n")
file(RENAME ${OUT}.tmp ${OUT})
