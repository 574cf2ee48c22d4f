// The rule database that tools/scan_rules_db.cc compiles at build time (embedded.h), included
// byte for byte by the assembler: it is a few megabytes, which as a C++ array initialiser
// (cmake/Embed.cmake) would cost the compiler far more time and memory than the database saves.
// BINHYEN_RULES_DB is its path in the build tree (src/scan/CMakeLists.txt).

#include <cstddef>
#include <string_view>

#include "scan/internal/embedded.h"
#include "scan/rules_db_digest.h"  // generated with the database; changes whenever it does

static_assert(BINHYEN_RULES_DB_DIGEST != 0 && BINHYEN_RULES_DB_SIZE > 0);

#define BINHYEN_STRINGIFY_(x) #x
#define BINHYEN_STRINGIFY(x) BINHYEN_STRINGIFY_(x)

// A hidden symbol: visible to this library's objects only. 16-byte aligned, as vectorscan copies
// the bytes into its own aligned memory anyway.
asm(".pushsection .rodata\n"
    ".balign 16\n"
    ".globl binhyen_scan_rules_db_begin\n"
    ".hidden binhyen_scan_rules_db_begin\n"
    "binhyen_scan_rules_db_begin:\n"
    ".incbin \"" BINHYEN_STRINGIFY(BINHYEN_RULES_DB) "\"\n"
    ".popsection\n");

extern "C" const char binhyen_scan_rules_db_begin[];

namespace binhyen::scan::internal {

std::string_view RulesDb() { return {binhyen_scan_rules_db_begin, BINHYEN_RULES_DB_SIZE}; }

}  // namespace binhyen::scan::internal
