#include "evidence/evidence_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <system_error>
#include <utility>

#include "base/check.h"
#include "base/strings.h"
#include "crypto/hash.h"

namespace binhyen::evidence {
namespace {

constexpr mode_t kDirectoryMode = 0750;
constexpr mode_t kFileMode = 0640;

base::Status IoError(std::string_view operation, const std::filesystem::path& path, int err) {
  if (err == ENOSPC || err == EDQUOT) return base::UnavailableError("evidence: disk full");
  return base::UnavailableError("evidence: " + std::string(operation) + " " + path.string() + ": " +
                                base::ErrnoMessage(err));
}

// Closes a file descriptor when it goes out of scope.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  // Closes now and reports the error close(2) returned (0 when none).
  int Close() {
    const int rc = ::close(std::exchange(fd_, -1));
    return rc == 0 ? 0 : errno;
  }

 private:
  int fd_;
};

base::Status FsyncDirectory(const std::filesystem::path& dir) {
  FileDescriptor fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) return IoError("open", dir, errno);
  if (::fsync(fd.get()) != 0) return IoError("fsync", dir, errno);
  return base::Status::Ok();
}

// Creates `dir` with kDirectoryMode unless it exists. Returns whether it was created (its parent
// then needs an fsync for the new entry to be durable).
base::Result<bool> MakeDirectory(const std::filesystem::path& dir) {
  if (::mkdir(dir.c_str(), kDirectoryMode) == 0) {
    // The umask may have removed bits; the layout's modes are part of the contract.
    if (::chmod(dir.c_str(), kDirectoryMode) != 0) return IoError("chmod", dir, errno);
    return true;
  }
  const int err = errno;
  if (err != EEXIST) return IoError("mkdir", dir, err);
  struct stat st;
  if (::stat(dir.c_str(), &st) != 0) return IoError("stat", dir, errno);
  if (!S_ISDIR(st.st_mode)) {
    return base::FailedPreconditionError("evidence: " + dir.string() + " is not a directory");
  }
  return false;
}

// Makes `dir` (a child of `parent`) and syncs `parent` when the directory is new.
base::Status MakeDurableDirectory(const std::filesystem::path& parent,
                                  const std::filesystem::path& dir) {
  BINHYEN_ASSIGN_OR_RETURN(const bool created, MakeDirectory(dir));
  if (created) BINHYEN_RETURN_IF_ERROR(FsyncDirectory(parent));
  return base::Status::Ok();
}

base::Status WriteAll(int fd, std::string_view data, const std::filesystem::path& path) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return IoError("write", path, errno);
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return base::Status::Ok();
}

// Writes `data` to a new uniquely named file in `tmp_dir` (mode kFileMode), synced and closed.
// On error nothing is left behind.
base::Result<std::filesystem::path> WriteTemporary(const std::filesystem::path& tmp_dir,
                                                   std::string_view data) {
  // mkstemp picks an unpredictable name and creates it with O_EXCL: concurrent writers (threads
  // or processes) never share a temporary file.
  std::string name = (tmp_dir / "put-XXXXXX").string();
  FileDescriptor fd(::mkostemp(name.data(), O_CLOEXEC));
  if (fd.get() < 0) return IoError("create a file in", tmp_dir, errno);
  std::filesystem::path path = name;
  base::Status status = WriteAll(fd.get(), data, path);
  if (status.ok() && ::fchmod(fd.get(), kFileMode) != 0) status = IoError("chmod", path, errno);
  if (status.ok() && ::fsync(fd.get()) != 0) status = IoError("fsync", path, errno);
  if (status.ok()) {
    if (const int err = fd.Close(); err != 0) status = IoError("close", path, err);
  }
  if (!status.ok()) {
    ::unlink(path.c_str());
    return status;
  }
  return path;
}

base::Status ReadAll(int fd, const std::filesystem::path& path, std::string* out) {
  struct stat st;
  if (::fstat(fd, &st) != 0) return IoError("stat", path, errno);
  out->resize(static_cast<size_t>(st.st_size));
  size_t done = 0;
  while (true) {
    if (done == out->size()) out->resize(out->size() + 4096);  // the file grew; read to EOF
    const ssize_t n = ::read(fd, out->data() + done, out->size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return IoError("read", path, errno);
    }
    if (n == 0) break;
    done += static_cast<size_t>(n);
  }
  out->resize(done);
  return base::Status::Ok();
}

bool IsHexLower(char c) { return base::IsAsciiDigit(c) || (c >= 'a' && c <= 'f'); }

}  // namespace

bool IsValidSha256(std::string_view sha256) {
  if (sha256.size() != 64) return false;
  for (char c : sha256) {
    if (!IsHexLower(c)) return false;
  }
  return true;
}

base::Result<EvidenceStore> EvidenceStore::Open(std::filesystem::path root) {
  std::error_code ec;
  if (!root.empty() && root.has_parent_path()) {
    std::filesystem::create_directories(root.parent_path(), ec);
    if (ec) return IoError("mkdir", root.parent_path(), ec.value());
  }
  BINHYEN_RETURN_IF_ERROR(MakeDirectory(root).status());
  BINHYEN_RETURN_IF_ERROR(MakeDirectory(root / "tmp").status());
  return EvidenceStore(std::move(root));
}

std::filesystem::path EvidenceStore::PathOf(std::string_view sha256) const {
  BINHYEN_CHECK(IsValidSha256(sha256), "EvidenceStore::PathOf: not a SHA-256");
  return root_ / sha256.substr(0, 2) / sha256.substr(2, 2) / sha256;
}

base::Result<StoredFile> EvidenceStore::Put(std::string_view data) {
  StoredFile stored{crypto::Sha256Hex(data), static_cast<int64_t>(data.size()), false};
  const std::filesystem::path path = PathOf(stored.sha256);
  struct stat st;
  // A file of another size under this name can only be damage: it is replaced below.
  if (::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && st.st_size == stored.size) {
    stored.existed = true;
    return stored;
  }
  const std::filesystem::path level1 = path.parent_path().parent_path();
  BINHYEN_RETURN_IF_ERROR(MakeDurableDirectory(root_, level1));
  BINHYEN_RETURN_IF_ERROR(MakeDurableDirectory(level1, path.parent_path()));
  BINHYEN_ASSIGN_OR_RETURN(const std::filesystem::path tmp, WriteTemporary(root_ / "tmp", data));
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    return IoError("rename to", path, err);
  }
  BINHYEN_RETURN_IF_ERROR(FsyncDirectory(path.parent_path()));
  return stored;
}

base::Result<std::string> EvidenceStore::Read(std::string_view sha256) const {
  if (!IsValidSha256(sha256)) {
    return base::InvalidArgumentError("evidence: not a SHA-256 (64 lower-case hex digits)");
  }
  const std::filesystem::path path = PathOf(sha256);
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENOENT) {
      return base::NotFoundError("evidence " + std::string(sha256) + ": not found");
    }
    return IoError("open", path, errno);
  }
  std::string content;
  BINHYEN_RETURN_IF_ERROR(ReadAll(fd.get(), path, &content));
  if (crypto::Sha256Hex(content) != sha256) {
    return base::InternalError("evidence " + std::string(sha256) +
                               ": the stored content does not match its hash");
  }
  return content;
}

bool EvidenceStore::Contains(std::string_view sha256) const {
  if (!IsValidSha256(sha256)) return false;
  struct stat st;
  return ::stat(PathOf(sha256).c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

}  // namespace binhyen::evidence
