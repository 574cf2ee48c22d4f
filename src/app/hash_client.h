#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "crypto/random.h"
#include "index/hashlist.h"
#include "indicator/indicator.h"

namespace binhyen::app {

// The client side of the hash-prefix lists (docs/HASHLISTS.md): `binhyen hashclient sync|check`.

// How the client reaches the server: one call per endpoint. The HTTP implementation is
// MakeHttpHashListTransport; tests use a fake that calls an index::HashListSet directly.
class HashListTransport {
 public:
  virtual ~HashListTransport() = default;
  // GET /api/v1/hashlists/{name}?since=V
  virtual base::Result<index::HashListUpdate> FetchUpdate(index::HashListKind list,
                                                          int64_t since_version) = 0;
  // POST /api/v1/hashes:search
  virtual base::Result<index::HashSearchResult> Search(std::span<const uint32_t> prefixes) = 0;
};

// `server` is "http://HOST[:PORT][/base]" (plain HTTP; the base path is prepended to the API
// paths). Returns InvalidArgument for another form. The transport opens one keep-alive
// connection on first use. Thread safety: confine to one thread.
base::Result<std::unique_ptr<HashListTransport>> MakeHttpHashListTransport(std::string_view server);

// What the client keeps between runs: per list, its version and sorted prefixes.
struct HashClientState {
  struct List {
    index::HashListKind kind = index::HashListKind::kUrls;
    int64_t version = 0;
    std::vector<uint32_t> prefixes;  // strictly ascending
  };
  std::vector<List> lists;  // at most one per kind

  // The list of `kind`, or nullptr.
  const List* Find(index::HashListKind kind) const;
  List* FindOrAdd(index::HashListKind kind);
};

// Reads a state file. A missing file is an empty state; a corrupt one is InvalidArgument
// (delete it and sync again). Format: docs/HASHLISTS.md, "Client state file".
base::Result<HashClientState> LoadHashClientState(const std::filesystem::path& path);
// Writes the state to a temporary file beside `path` and renames it over `path`, so a crash
// leaves the old or the new state, never a mix. Unavailable on I/O errors.
base::Status SaveHashClientState(const std::filesystem::path& path, const HashClientState& state);

struct HashSyncOutcome {
  index::HashListKind list = index::HashListKind::kUrls;
  int64_t from_version = 0;
  int64_t to_version = 0;
  bool full = false;      // the server sent (or we fell back to) the whole list
  size_t prefixes = 0;    // size of the list after the sync
  bool resynced = false;  // a diff failed its checksum and a full sync followed
};

// Brings each of `lists` in `state` to the server's current version: asks for a diff from the
// held version, applies it, and on a checksum mismatch asks again with since=0. Does not save.
base::Result<std::vector<HashSyncOutcome>> SyncHashLists(HashListTransport& transport,
                                                         std::span<const index::HashListKind> lists,
                                                         HashClientState* state);

struct HashCheckMatch {
  std::string expression;
  std::string category;
  bool suspicious = false;  // listed only by a source trusted low or medium
};

struct HashCheckResult {
  indicator::Kind kind = indicator::Kind::kUrl;
  std::string input;
  std::string canonical;
  // "dangerous" (a match vouched for by us or a trusted source), "suspicious" (matches only from
  // sources trusted low or medium), "trusted" (no match, and the host is a bank's or gov.vn),
  // "unknown": the check API's verdicts.
  std::string verdict = "unknown";
  bool dangerous = false;  // verdict == "dangerous"
  std::vector<HashCheckMatch> matches;
  size_t prefixes_sent = 0;  // real prefixes sent to hashes:search (0 on a local miss)
};

// The lookup expressions a check of (kind, canonical) probes, and the list they belong to: the
// server's own probe keys (index::ProbeKeys, allowlist rules included) — url and domain in
// urls (an ip as the URL host "ip/"), phone in phones, bank_account ("BIN:digits" and
// "digits") in accounts. InvalidArgument for email and social (no hash list).
base::Result<std::pair<index::HashListKind, std::vector<std::string>>> HashCheckExpressions(
    const indicator::Indicator& canonical);

// Random prefixes added to each search when HashCheck is given a source of randomness.
inline constexpr size_t kDecoyPrefixes = 4;

// Canonicalises `value`, hashes its expressions, looks their prefixes up in `state` and, only
// on a local hit, asks hashes:search for the full hashes of the matching prefixes (the value
// itself is never sent), mixed with kDecoyPrefixes random prefixes from `decoys` when it is not
// null, all sorted so their order reveals nothing. Dangerous when a returned full hash of the
// right list equals an expression's hash. InvalidArgument for an invalid value;
// FailedPrecondition when the list was never synced.
base::Result<HashCheckResult> HashCheck(HashListTransport& transport, const HashClientState& state,
                                        indicator::Kind kind, std::string_view value,
                                        crypto::Random* decoys = nullptr);

// {"kind","input","canonical","verdict","matches":[{"expression","category"}]}
std::string HashCheckResultToJson(const HashCheckResult& result);

}  // namespace binhyen::app
