#include "app/data_dir.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include "base/strings.h"

namespace binhyen::app {
namespace {

namespace fs = std::filesystem;

// Creates `dir` with `mode` (less the umask) unless it exists; an existing directory is kept as
// it is (an operator may have chosen other modes on purpose).
base::Status EnsureDir(const fs::path& dir, mode_t mode) {
  if (::mkdir(dir.c_str(), mode) == 0) return base::Status::Ok();
  int err = errno;
  if (err == EEXIST) {
    std::error_code ec;
    if (fs::is_directory(dir, ec)) return base::Status::Ok();
    return base::FailedPreconditionError(dir.string() + " exists but is not a directory");
  }
  return base::UnavailableError("cannot create directory " + dir.string() + ": " +
                                base::ErrnoMessage(err));
}

}  // namespace

base::Result<DataDir> DataDir::Open(const fs::path& root, Mode mode) {
  if (root.empty()) return base::InvalidArgumentError("data directory: must not be empty");
  std::error_code ec;
  fs::path abs = fs::absolute(root, ec).lexically_normal();
  if (ec) return base::UnavailableError("data directory " + root.string() + ": " + ec.message());
  if (!abs.has_filename() && abs.has_parent_path()) abs = abs.parent_path();
  if (mode == Mode::kExisting && !fs::exists(abs, ec)) {
    return base::NotFoundError("data directory " + abs.string() +
                               " does not exist (run `binhyen migrate --data " + abs.string() +
                               "` first)");
  }
  if (mode == Mode::kCreate && !fs::exists(abs.parent_path(), ec)) {
    fs::create_directories(abs.parent_path(), ec);
    if (ec) {
      return base::UnavailableError("cannot create directory " + abs.parent_path().string() + ": " +
                                    ec.message());
    }
  }
  BINHYEN_RETURN_IF_ERROR(EnsureDir(abs, 0750));
  DataDir dir(abs);
  BINHYEN_RETURN_IF_ERROR(EnsureDir(dir.evidence_dir(), 0750));
  BINHYEN_RETURN_IF_ERROR(EnsureDir(dir.keys_dir(), 0700));
  BINHYEN_RETURN_IF_ERROR(EnsureDir(dir.backups_dir(), 0700));
  return dir;
}

std::string DataDir::DefaultStoreUrl() const {
  return "sqlite:" + database().string() + "?synchronous=full";
}

}  // namespace binhyen::app
