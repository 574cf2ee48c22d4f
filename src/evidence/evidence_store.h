#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "base/result.h"

namespace binhyen::evidence {

// What Put stored.
struct StoredFile {
  std::string sha256;    // 64 lower-case hex digits: the file's name and address
  int64_t size = 0;      // bytes
  bool existed = false;  // the same content was already stored (nothing was written)
};

// Evidence files (screenshots, recordings...) stored by content under a root directory:
//
//   <root>/<first 2 hex>/<next 2 hex>/<sha256>   files, mode 0640 (read-only by convention)
//   <root>/tmp/                                  files being written
//
// directories mode 0750. A file appears under its final name only complete and synced
// (written to tmp/, fsync'ed, renamed, directory fsync'ed), so a crash leaves at worst an
// orphan in tmp/, which nothing reads. Leftovers in tmp/ are harmless and may be deleted when no
// Put is running. Read verifies the content against its name.
//
// Thread safety: thread-safe, also across processes sharing the root: every write is an atomic
// rename of a uniquely named temporary file, and two writers of the same content write the same
// bytes.
class EvidenceStore {
 public:
  // Opens the store at `root`, creating root (0750, parents as needed) and root/tmp. Errors:
  // FailedPrecondition when root or root/tmp exists and is not a directory; Unavailable on other
  // I/O errors.
  static base::Result<EvidenceStore> Open(std::filesystem::path root);

  // Stores `data` under its SHA-256. Idempotent: when the same content is stored already,
  // returns existed = true and writes nothing. Errors: Unavailable "evidence: disk full" when
  // the disk (or quota) is full; Unavailable with the path and the system's reason otherwise.
  base::Result<StoredFile> Put(std::string_view data);

  // The content stored under `sha256`. Errors: InvalidArgument for anything but 64 lower-case hex
  // digits (so no path can be smuggled in); NotFound "evidence <sha256>: not found"; Internal
  // when the stored bytes no longer match their hash (the file was altered on disk); Unavailable
  // on I/O errors.
  base::Result<std::string> Read(std::string_view sha256) const;

  // True when `sha256` is a valid hash and a file is stored under it.
  bool Contains(std::string_view sha256) const;

  // Where the file with this hash is (or would be) stored. REQUIRES: IsValidSha256(sha256).
  std::filesystem::path PathOf(std::string_view sha256) const;

  const std::filesystem::path& root() const { return root_; }

 private:
  explicit EvidenceStore(std::filesystem::path root) : root_(std::move(root)) {}

  std::filesystem::path root_;
};

// True for exactly 64 lower-case hexadecimal digits.
bool IsValidSha256(std::string_view sha256);

}  // namespace binhyen::evidence
