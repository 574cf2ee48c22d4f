# Third-party libraries, all from Debian 12 packages (scripts/install-deps).
# Each is linked only by the module that wraps it.
find_package(PkgConfig REQUIRED)
pkg_check_modules(ICU REQUIRED IMPORTED_TARGET icu-uc icu-i18n)
pkg_check_modules(IDN2 REQUIRED IMPORTED_TARGET libidn2)
pkg_check_modules(PSL REQUIRED IMPORTED_TARGET libpsl)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)
pkg_check_modules(PQXX REQUIRED IMPORTED_TARGET libpqxx)
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
find_package(nlohmann_json REQUIRED)
find_package(ZLIB REQUIRED)
find_package(CLI11 REQUIRED)
pkg_check_modules(TOMLPP REQUIRED IMPORTED_TARGET tomlplusplus)
# Scanner (vectorscan's pkg-config name is libhs) and screenshot evidence (OCR, QR codes).
pkg_check_modules(HS REQUIRED IMPORTED_TARGET libhs)
pkg_check_modules(TESSERACT REQUIRED IMPORTED_TARGET tesseract lept)
pkg_check_modules(ZBAR REQUIRED IMPORTED_TARGET zbar)
# Boost.Beast / Asio are header-only (Boost 1.74); OpenSSL's libcrypto gives HMAC-SHA1 for TOTP
# (RFC 6238 authenticator apps use SHA-1, which libsodium does not offer).
find_package(Boost 1.74 REQUIRED)
find_package(Threads REQUIRED)
find_package(OpenSSL REQUIRED)

# libphonenumber's types come from protobuf; sanitizer builds need protobuf's type info linked.
find_library(PHONENUMBER_LIB phonenumber REQUIRED)
find_library(PROTOBUF_LIB protobuf REQUIRED)
add_library(binhyen_phonenumber INTERFACE)
target_link_libraries(binhyen_phonenumber INTERFACE ${PHONENUMBER_LIB} ${PROTOBUF_LIB})

if(BINHYEN_TESTS)
  find_package(GTest REQUIRED)
endif()
if(BINHYEN_BENCH)
  find_package(benchmark REQUIRED)
endif()
