#include "crypto/internal/key_file.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "base/strings.h"

namespace binhyen::crypto::internal {
namespace {

std::string ErrnoText(int err) { return base::ErrnoMessage(err); }

std::string ModeOctal(mode_t mode) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04o", static_cast<unsigned>(mode & 07777));
  return buf;
}

// Closes a file descriptor on scope exit.
class FdCloser {
 public:
  explicit FdCloser(int fd) : fd_(fd) {}
  ~FdCloser() {
    if (fd_ >= 0) ::close(fd_);
  }
  FdCloser(const FdCloser&) = delete;
  FdCloser& operator=(const FdCloser&) = delete;

 private:
  int fd_;
};

base::Status WriteAll(int fd, std::span<const uint8_t> data, const std::string& what) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return base::UnavailableError("cannot write " + what + ": " + ErrnoText(errno));
    done += static_cast<size_t>(n);
  }
  return base::Status::Ok();
}

base::Status EnsurePrivateDir(const std::filesystem::path& dir) {
  if (dir.empty()) return base::Status::Ok();
  if (::mkdir(dir.c_str(), 0700) == 0) return base::Status::Ok();
  if (errno == EEXIST) return base::Status::Ok();
  if (errno == ENOENT) {
    std::error_code ec;
    std::filesystem::create_directories(dir.parent_path(), ec);
    if (!ec && ::mkdir(dir.c_str(), 0700) == 0) return base::Status::Ok();
    if (!ec && errno == EEXIST) return base::Status::Ok();
  }
  return base::UnavailableError("cannot create key directory " + dir.string() + ": " +
                                ErrnoText(errno));
}

// Writes a new key file; AlreadyExists when another file is already at `path`.
base::Status CreateKeyFile(const std::filesystem::path& path, std::span<const uint8_t> key) {
  BINHYEN_RETURN_IF_ERROR(EnsurePrivateDir(path.parent_path()));
  // mkostemp creates the file with mode 0600 and a unique name, so concurrent creators (threads
  // or processes) never share a temporary file.
  std::string tmp_name = path.string() + ".tmp.XXXXXX";
  int fd = ::mkostemp(tmp_name.data(), O_CLOEXEC);
  const std::filesystem::path tmp = tmp_name;
  if (fd < 0) {
    return base::UnavailableError("cannot create key file in " + path.parent_path().string() +
                                  ": " + ErrnoText(errno));
  }
  base::Status status;
  {
    FdCloser closer(fd);
    // The umask may have removed bits but never adds any; fchmod makes the mode exact.
    if (::fchmod(fd, 0600) != 0) {
      status = base::UnavailableError("cannot chmod " + tmp.string() + ": " + ErrnoText(errno));
    }
    if (status.ok()) status = WriteAll(fd, key, tmp.string());
    if (status.ok() && ::fsync(fd) != 0) {
      status = base::UnavailableError("cannot sync " + tmp.string() + ": " + ErrnoText(errno));
    }
  }
  // link(2) fails with EEXIST instead of replacing: the first creator wins.
  if (status.ok() && ::link(tmp.c_str(), path.c_str()) != 0) {
    status = errno == EEXIST ? base::AlreadyExistsError(path.string())
                             : base::UnavailableError("cannot create key file " + path.string() +
                                                      ": " + ErrnoText(errno));
  }
  ::unlink(tmp.c_str());
  if (!status.ok()) return status;
  int dir_fd = ::open(path.parent_path().empty() ? "." : path.parent_path().c_str(),
                      O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    ::fsync(dir_fd);  // best effort: makes the new name durable
    ::close(dir_fd);
  }
  return base::Status::Ok();
}

}  // namespace

base::Status ReadKeyFile(const std::filesystem::path& path, std::span<uint8_t> out) {
  int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return base::NotFoundError("key file " + path.string() + " not found");
    if (errno == ELOOP) {
      return base::FailedPreconditionError("key file " + path.string() +
                                           " is a symbolic link; refusing to use it");
    }
    return base::UnavailableError("cannot open key file " + path.string() + ": " +
                                  ErrnoText(errno));
  }
  FdCloser closer(fd);
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    return base::UnavailableError("cannot stat key file " + path.string() + ": " +
                                  ErrnoText(errno));
  }
  if (!S_ISREG(st.st_mode)) {
    return base::FailedPreconditionError("key file " + path.string() + " is not a regular file");
  }
  if ((st.st_mode & 077) != 0) {
    return base::FailedPreconditionError(
        "key file " + path.string() + " is accessible by group or others (mode " +
        ModeOctal(st.st_mode) + "); run: chmod 600 " + path.string());
  }
  if (static_cast<uint64_t>(st.st_size) != out.size()) {
    return base::FailedPreconditionError(
        "key file " + path.string() + " has the wrong size (" + std::to_string(st.st_size) +
        " bytes, want " + std::to_string(out.size()) + "); it is not a key this program made");
  }
  size_t done = 0;
  while (done < out.size()) {
    ssize_t n = ::read(fd, out.data() + done, out.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      sodium_memzero(out.data(), out.size());
      return base::UnavailableError("cannot read key file " + path.string());
    }
    done += static_cast<size_t>(n);
  }
  return base::Status::Ok();
}

base::Status LoadOrCreateKeyFile(const std::filesystem::path& path, std::span<uint8_t> out,
                                 Random& random) {
  base::Status read = ReadKeyFile(path, out);
  if (read.code() != base::StatusCode::kNotFound) return read;
  random.Fill(out);
  base::Status created = CreateKeyFile(path, out);
  sodium_memzero(out.data(), out.size());
  if (!created.ok() && created.code() != base::StatusCode::kAlreadyExists) return created;
  // Read back what is on disk: ours, or the key of a process that won the race.
  return ReadKeyFile(path, out);
}

}  // namespace binhyen::crypto::internal
