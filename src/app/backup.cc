#include "app/backup.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "app/internal/subprocess.h"
#include "app/store_factory.h"
#include "store/registry.h"

namespace binhyen::app {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kSqliteMagic{"SQLite format 3\0", 16};
constexpr std::string_view kPgDumpMagic = "PGDMP";

enum class FileKind { kSqlite, kPgDump, kOther };

base::Result<FileKind> SniffBackup(const fs::path& from) {
  std::error_code ec;
  if (!fs::exists(from, ec)) return base::NotFoundError(from.string() + ": no such file");
  if (!fs::is_regular_file(from, ec)) {
    return base::InvalidArgumentError(from.string() + " is not a regular file");
  }
  std::ifstream in(from, std::ios::binary);
  if (!in) return base::UnavailableError("cannot read " + from.string());
  std::string head(16, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  if (head == kSqliteMagic) return FileKind::kSqlite;
  if (head.substr(0, kPgDumpMagic.size()) == kPgDumpMagic) return FileKind::kPgDump;
  return FileKind::kOther;
}

void RemoveSqliteFiles(const fs::path& db) {
  std::error_code ec;
  fs::remove(db, ec);
  fs::remove(fs::path(db.string() + "-wal"), ec);
  fs::remove(fs::path(db.string() + "-shm"), ec);
  fs::remove(fs::path(db.string() + "-journal"), ec);
}

// Removes the SQLite files at a path when it goes out of scope (staging copies).
class ScopedSqliteFiles {
 public:
  explicit ScopedSqliteFiles(fs::path path) : path_(std::move(path)) {}
  ~ScopedSqliteFiles() { RemoveSqliteFiles(path_); }
  ScopedSqliteFiles(const ScopedSqliteFiles&) = delete;
  ScopedSqliteFiles& operator=(const ScopedSqliteFiles&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::string Describe(const StoreContents& c) {
  return std::to_string(c.users) + " users, " + std::to_string(c.reports) + " reports, " +
         std::to_string(c.audit_entries) + " audit entries";
}

// Fails unless `target` (schema as is) is empty or `force` is set. Sets *replaced.
base::Status CheckTargetReplaceable(store::Store& target, std::string_view what, bool force,
                                    bool* replaced) {
  BINHYEN_ASSIGN_OR_RETURN(int version, target.SchemaVersion());
  if (version == 0) return base::Status::Ok();
  BINHYEN_RETURN_IF_ERROR(target.Migrate());
  BINHYEN_ASSIGN_OR_RETURN(StoreContents contents, CountContents(target));
  if (contents.empty()) return base::Status::Ok();
  if (!force) {
    return base::FailedPreconditionError("the store " + std::string(what) + " is not empty (" +
                                         Describe(contents) + "); use --force to replace it");
  }
  *replaced = true;
  return base::Status::Ok();
}

// Checks that `candidate` (a SQLite store opened on a copy of the backup) holds our schema, is
// intact, and brings it up to date.
base::Status CheckSqliteBackup(store::Store& candidate, const fs::path& from) {
  base::Result<int> version = candidate.SchemaVersion();
  if (!version.ok() || *version == 0) {
    return base::InvalidArgumentError(from.string() +
                                      " is a SQLite database but not a Bình Yên backup (no "
                                      "schema_migrations)");
  }
  if (*version > candidate.LatestSchemaVersion()) {
    return base::FailedPreconditionError(from.string() + " has schema version " +
                                         std::to_string(*version) + ", newer than this binary (" +
                                         std::to_string(candidate.LatestSchemaVersion()) + ")");
  }
  base::Status integrity = candidate.CheckIntegrity();
  if (!integrity.ok()) {
    return base::InvalidArgumentError(from.string() + " is damaged: " + integrity.message());
  }
  return candidate.Migrate();
}

void SyncDirectory(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);  // best effort: makes the rename durable
    ::close(fd);
  }
}

base::Result<RestoreOutcome> RestoreSqlite(const store::StoreUrl& url, const fs::path& from,
                                           bool force) {
  BINHYEN_ASSIGN_OR_RETURN(FileKind kind, SniffBackup(from));
  if (kind == FileKind::kPgDump) {
    return base::InvalidArgumentError(from.string() +
                                      " is a pg_dump archive; restore it into a PostgreSQL store "
                                      "(--store postgres://...)");
  }
  if (kind != FileKind::kSqlite) {
    return base::InvalidArgumentError(from.string() + " is not a SQLite database");
  }
  const fs::path target_path = url.rest;
  const fs::path dir = target_path.has_parent_path() ? target_path.parent_path() : fs::path(".");
  const std::string suffix = ".restore-" + std::to_string(::getpid());
  store::Registry registry = NewStoreRegistry();
  RestoreOutcome outcome;

  // 1. Check the backup on a private copy: opening a SQLite file may write to it.
  ScopedSqliteFiles copy(dir / (target_path.filename().string() + suffix + ".check"));
  ScopedSqliteFiles staged(dir / (target_path.filename().string() + suffix));
  RemoveSqliteFiles(copy.path());
  RemoveSqliteFiles(staged.path());
  std::error_code ec;
  fs::copy_file(from, copy.path(), ec);
  if (ec) return base::UnavailableError("cannot copy " + from.string() + ": " + ec.message());
  fs::permissions(copy.path(), fs::perms::owner_read | fs::perms::owner_write, ec);
  {
    BINHYEN_ASSIGN_OR_RETURN(auto candidate, registry.Open("sqlite:" + copy.path().string()));
    BINHYEN_RETURN_IF_ERROR(CheckSqliteBackup(*candidate, from));

    // 2. The target must be empty unless forced.
    if (fs::exists(target_path, ec)) {
      BINHYEN_ASSIGN_OR_RETURN(auto target, registry.Open(url.original));
      BINHYEN_RETURN_IF_ERROR(
          CheckTargetReplaceable(*target, "at " + target_path.string(), force, &outcome.replaced));
    }
    // 3. A consistent single-file copy (no WAL) to rename into place.
    BINHYEN_RETURN_IF_ERROR(candidate->Backup(staged.path().string()));
  }
  // 4. Swap: the old WAL must not be replayed onto the new file.
  for (const char* ext : {"-wal", "-shm", "-journal"}) {
    fs::remove(fs::path(target_path.string() + ext), ec);
  }
  fs::rename(staged.path(), target_path, ec);
  if (ec) {
    return base::UnavailableError("cannot move the restored database into place at " +
                                  target_path.string() + ": " + ec.message());
  }
  SyncDirectory(dir);
  return outcome;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// %XX-decodes `s`; a '%' not followed by two hex digits is kept as it is.
std::string PercentDecode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 && HexValue(s[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// %XX-encodes everything but RFC 3986 unreserved characters.
std::string PercentEncode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// Turns a postgres:// store URL into a libpq URI for pg_restore, with the password split out so
// that it travels in PGPASSWORD rather than on the command line (visible to every local user in
// ps). Query parameters are passed on to libpq except the store's own (schema, pool_size), which
// libpq would reject. Returns {URI without password, password}.
std::pair<std::string, std::string> LibpqUriForTool(const store::StoreUrl& url) {
  std::string query;
  for (const auto& [key, value] : url.query) {
    if (key == "schema" || key == "pool_size") continue;
    query.push_back(query.empty() ? '?' : '&');
    query.append(PercentEncode(key)).append("=").append(PercentEncode(value));
  }
  const std::string& rest = url.rest;  // "//user:pw@host:port/db"
  std::string password;
  std::string without = rest;
  if (rest.rfind("//", 0) == 0) {
    const size_t auth_end = std::min(rest.find('/', 2), rest.size());
    const std::string authority = rest.substr(2, auth_end - 2);
    const size_t at = authority.rfind('@');
    const size_t colon = authority.find(':');
    if (at != std::string::npos && colon != std::string::npos && colon < at) {
      password = PercentDecode(authority.substr(colon + 1, at - colon - 1));
      without = "//" + authority.substr(0, colon) + authority.substr(at) + rest.substr(auth_end);
    }
  }
  return {"postgresql:" + without + query, password};
}

base::Result<RestoreOutcome> RestorePostgres(const store::StoreUrl& url, const fs::path& from,
                                             const fs::path& scratch_dir, bool force) {
  BINHYEN_ASSIGN_OR_RETURN(FileKind kind, SniffBackup(from));
  if (kind == FileKind::kSqlite) {
    return base::InvalidArgumentError(from.string() +
                                      " is a SQLite backup; restore it into a SQLite store");
  }
  if (kind != FileKind::kPgDump) {
    return base::InvalidArgumentError(from.string() + " is not a pg_dump archive (custom format)");
  }
  // The archive's table of contents must list our schema_migrations table.
  const fs::path listing = scratch_dir / ("restore-list-" + std::to_string(::getpid()) + ".txt");
  base::Status listed = internal::RunProcess({"pg_restore", "--list", from.string()}, {}, listing);
  std::string toc;
  {
    std::ifstream in(listing);
    toc.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  std::error_code ec;
  fs::remove(listing, ec);
  if (!listed.ok()) {
    return base::InvalidArgumentError(from.string() +
                                      " is not a readable pg_dump archive: " + listed.message());
  }
  if (toc.find(" TABLE ") == std::string::npos ||
      toc.find("schema_migrations") == std::string::npos) {
    return base::InvalidArgumentError(from.string() +
                                      " is a pg_dump archive but not a Bình Yên backup (no "
                                      "schema_migrations)");
  }

  RestoreOutcome outcome;
  store::Registry registry = NewStoreRegistry();
  {
    BINHYEN_ASSIGN_OR_RETURN(auto target, registry.Open(url.original));
    BINHYEN_RETURN_IF_ERROR(
        CheckTargetReplaceable(*target, "at " + url.scheme + ":...", force, &outcome.replaced));
  }
  auto [conninfo, password] = LibpqUriForTool(url);
  std::vector<std::pair<std::string, std::string>> env;
  if (!password.empty()) env.emplace_back("PGPASSWORD", password);
  BINHYEN_RETURN_IF_ERROR(internal::RunProcess(
      {"pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
       "--single-transaction", "--exit-on-error", "--dbname=" + conninfo, from.string()},
      env, std::nullopt));
  return outcome;
}

}  // namespace

base::Result<StoreContents> CountContents(store::Store& store) {
  StoreContents contents;
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store.Begin(store::TxMode::kReadOnly));
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::User> users, tx->Users().List());
  contents.users = static_cast<int64_t>(users.size());
  BINHYEN_ASSIGN_OR_RETURN(contents.reports, tx->Reports().Count());
  BINHYEN_ASSIGN_OR_RETURN(std::optional<domain::AuditEntry> last, tx->Audit().Last());
  contents.audit_entries = last ? last->seq : 0;
  return contents;
}

base::Result<RestoreOutcome> RestoreStore(const DataDir& data_dir, std::string_view store_url,
                                          const fs::path& from, bool force) {
  std::string url_text = store_url.empty() ? data_dir.DefaultStoreUrl() : std::string(store_url);
  BINHYEN_ASSIGN_OR_RETURN(store::StoreUrl url, store::StoreUrl::Parse(url_text));
  base::Result<RestoreOutcome> outcome =
      url.scheme == "sqlite" ? RestoreSqlite(url, from, force)
                             : RestorePostgres(url, from, data_dir.backups_dir(), force);
  if (!outcome.ok()) return outcome;
  // Bring the restored store up to date and describe it.
  BINHYEN_ASSIGN_OR_RETURN(auto restored,
                           OpenStoreForCli(data_dir, url_text, SchemaAction::kMigrate));
  BINHYEN_ASSIGN_OR_RETURN(outcome->schema_version, restored->SchemaVersion());
  BINHYEN_ASSIGN_OR_RETURN(outcome->contents, CountContents(*restored));
  return outcome;
}

}  // namespace binhyen::app
