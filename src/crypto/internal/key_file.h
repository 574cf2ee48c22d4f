#pragma once

#include <cstdint>
#include <filesystem>
#include <span>

#include "base/status.h"
#include "crypto/random.h"

namespace binhyen::crypto::internal {

// Reads the secret key file at `path` into `out` (exactly out.size() bytes).
// Refuses (FailedPrecondition, naming the file and the fix) a file that is not a regular file,
// is a symlink, is readable or writable by group or others, or does not hold exactly out.size()
// bytes. NotFound when it does not exist; Unavailable on other I/O errors.
base::Status ReadKeyFile(const std::filesystem::path& path, std::span<uint8_t> out);

// Loads the key at `path`, or creates it with `random` when it does not exist: the parent
// directory is created with mode 0700 if missing, the key is written to a temporary file of mode
// 0600, synced and linked into place, so two processes racing to create it end up with the same
// key and a crash never leaves a partial key file. Same errors as ReadKeyFile.
base::Status LoadOrCreateKeyFile(const std::filesystem::path& path, std::span<uint8_t> out,
                                 Random& random);

}  // namespace binhyen::crypto::internal
