#pragma once

// Federation between instances (issue 11): our signed incremental feed of confirmed indicators,
// delistings and warnings, and the pulling of our peers' feeds. docs/API.md ("Federation")
// describes the wire format.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "base/status.h"
#include "crypto/sign.h"
#include "domain/federation.h"
#include "store/store.h"

namespace binhyen::service {

// The "format" of every page of our feed.
inline constexpr std::string_view kFederationFormat = "binhyen-federation/1";
// The HTTP header carrying the detached signature of a page's body: "ed25519=<base64url>".
inline constexpr std::string_view kFederationSignatureHeader = "Binhyen-Signature";
// The largest `limit` of one page.
inline constexpr int kMaxFederationPageSize = 10'000;

// One page of a feed as it travels: the JSON body and the signature over exactly those bytes.
struct FederationPage {
  std::string body;
  std::string signature;  // raw Ed25519 signature (64 bytes)
};

// "ed25519=<base64url of signature>": the header value of a page's signature.
std::string FormatSignatureHeader(std::string_view signature);
// The raw signature of a header value made by FormatSignatureHeader; InvalidArgument
// "signature: ..." when it is missing or malformed.
base::Result<std::string> ParseSignatureHeader(std::string_view value);

// Fetches one page of a peer's feed: GET <peer.url>/api/v1/federation/feed?since=S&limit=N.
// Returns the body and the raw signature of the Binhyen-Signature header ("" when the header is
// missing or malformed: the signature check then fails). Unavailable / DeadlineExceeded for
// transport errors and non-200 answers. The HTTP implementation is app::HttpFederationFetcher.
// Thread safety: implementations are thread-safe.
class FederationFetcher {
 public:
  virtual ~FederationFetcher() = default;
  virtual base::Result<FederationPage> Fetch(const domain::Peer& peer, int64_t since,
                                             int limit) = 0;
};

struct FederationOptions {
  // Our portal's public URL ("https://binhyen.example.vn"), for the links of our warnings; ""
  // when unknown (the warnings then carry no url).
  std::string public_url;
  std::string name;  // our instance's name, shown to peers
  std::chrono::seconds pull_period{60};
  int page_size = 1000;  // 1..kMaxFederationPageSize
  // At most this many pages per pull of one peer (the rest waits for the next pull).
  int max_pages_per_pull = 50;
  // How often the background thread looks for due peers.
  std::chrono::milliseconds tick{2000};
  // Feed runs PublishOwn at most this often (a monotonic clock); 0: at every call. The feed is
  // public: the server sets 1 s, so a flood of feed requests costs one publishing transaction
  // a second, and a page is at most that much behind our own confirmations.
  std::chrono::milliseconds feed_publish_interval{0};
  // A page generated more than this far in the future (by our clock) is refused.
  std::chrono::seconds max_clock_skew{300};
  // The plain-text summary (at most max_bytes bytes) of a warning's Markdown body. Unset: the
  // body with whitespace collapsed, cut at a UTF-8 boundary (the server passes
  // render::MarkdownToText, which service/ cannot depend on).
  std::function<std::string(std::string_view markdown, size_t max_bytes)> summarize;
};

// What AddPeer takes.
struct PeerSettings {
  std::string url;
  std::string public_key;
  std::string name;  // "" : derived from the URL's host (and port)
  domain::FeedTrust trust = domain::FeedTrust::kMedium;
  bool relay = false;
};

// What UpdatePeer changes: only the fields that are set.
struct PeerChanges {
  std::optional<std::string> url;
  std::optional<std::string> public_key;
  std::optional<domain::FeedTrust> trust;
  std::optional<bool> relay;
  std::optional<bool> enabled;
};

// The outcome of one pull of a peer.
struct PullOutcome {
  std::string peer;
  int pages = 0;        // pages applied
  int64_t listed = 0;   // entries listed (upserts into the peer's source)
  int64_t removed = 0;  // delisted / withdrawn entries applied as removals
  int64_t dropped = 0;  // our own origin (loops), too many hops, expired, or not listable here
  int64_t conflicts = 0;
  int64_t relayed = 0;  // rows of our feed changed by relaying
  int64_t warnings = 0;
  int64_t cursor = 0;  // the peer's cursor afterwards
  std::string error;   // "" on success; else what RecordPull stored
};

// Our side of federation. Thread safety: thread-safe (the store, the key and the fetcher are).
class Federation {
 public:
  // Every reference must outlive the object; `fetcher` may be null (no pulls: Pull reports
  // "fetcher: none"). Our origin is key.verify_key().ToBase64().
  Federation(store::Store& store, const crypto::SigningKey& key, const base::Clock& clock,
             FederationFetcher* fetcher, FederationOptions options);
  ~Federation();  // Stop()
  Federation(const Federation&) = delete;
  Federation& operator=(const Federation&) = delete;

  const std::string& origin() const { return origin_; }
  const FederationOptions& options() const { return options_; }

  // Brings our outgoing feed up to date with our own indicators and warnings, in one
  // read-write transaction (retried on Aborted): a confirmed, unexpired indicator is listed;
  // one delisted, expired or back to pending is delisted / withdrawn, but only when the feed
  // already has it (an indicator our analysts never confirmed never appears). Published
  // warnings are published; unpublished or deleted ones get published_at unset. Returns how
  // many rows of the feed changed.
  base::Result<int64_t> PublishOwn();

  // PublishOwn, then the page of rows with seq > `since` (at most `limit`), signed.
  // InvalidArgument "since: must be >= 0" / "limit: must be between 1 and 10000".
  base::Result<FederationPage> Feed(int64_t since, int limit);

  // Peers. Each change is audited ("peer.add", "peer.update", "peer.remove",
  // "federation.conflict.resolve"; target "peer:<name>" / "conflict:<id>") with `actor`.
  // AddPeer: InvalidArgument for a malformed key ("public_key: ..."), our own key
  // ("public_key: that is this instance's own key"), or as domain::Validate(Peer);
  // AlreadyExists as FederationRepository::CreatePeer.
  base::Result<domain::Peer> AddPeer(const PeerSettings& settings, std::string_view actor);
  base::Result<domain::Peer> UpdatePeer(std::string_view name, const PeerChanges& changes,
                                        std::string_view actor);
  base::Status RemovePeer(std::string_view name, std::string_view actor);
  base::Result<std::vector<domain::Peer>> ListPeers();
  base::Result<std::vector<domain::FederationConflict>> ListConflicts(bool open_only);
  base::Status ResolveConflict(int64_t id, std::string_view actor);

  // Pulls peer `peer` now, page after page while the peer says there is more (at most
  // options.max_pages_per_pull). A page is applied only when its signature verifies with the
  // peer's key, its origin is the peer's key, its `since` is our cursor, its generated_at is
  // not older than the last accepted one nor too far in the future, and every part of it is
  // well formed; then it is applied in one transaction with RecordPull. Any failure is recorded
  // with RecordPull(error), logged, and returned in PullOutcome::error: never thrown.
  PullOutcome Pull(const domain::Peer& peer);
  // Pull by name (for the CLI); NotFound for an unknown peer.
  base::Result<PullOutcome> PullByName(std::string_view name);
  // Pulls each enabled peer whose last attempt is older than the pull period (claimed with
  // FederationRepository::ClaimPull, so that one of several nodes pulls it).
  std::vector<PullOutcome> PullDue();

  // Starts / stops a background thread calling PullDue every options.tick.
  void Start();
  void Stop();

 private:
  base::Result<int64_t> PublishOwnOnce();
  base::Status PublishOwnIndicators(store::Transaction& tx, base::TimePoint now, int64_t* changed);
  base::Status PublishOwnWarnings(store::Transaction& tx, base::TimePoint now, int64_t* changed);
  base::Status Audit(std::string_view actor, std::string_view action, std::string_view target,
                     std::string_view summary);
  // One page of a pull: fetched, verified, applied. Sets *more.
  base::Status PullPage(domain::Peer& peer, PullOutcome& outcome, bool* more);
  // Applies a verified page of `peer` and records it (cursor `next`) in one transaction.
  base::Status ApplyPage(const domain::Peer& peer,
                         const std::vector<domain::FederationEntry>& entries,
                         const std::vector<domain::FederationWarning>& warnings, int64_t next,
                         base::TimePoint generated_at, base::TimePoint now, PullOutcome& counts);
  static base::Status RetryAbortedStatus(const std::function<base::Status()>& attempt);
  void Run();

  store::Store& store_;
  const crypto::SigningKey& key_;
  const base::Clock& clock_;
  FederationFetcher* fetcher_;
  const FederationOptions options_;
  const std::string origin_;

  std::mutex publish_mu_;
  std::chrono::steady_clock::time_point last_publish_{};  // guarded by publish_mu_

  std::mutex run_mu_;
  std::condition_variable run_cv_;
  bool stopping_ = false;  // guarded by run_mu_
  std::thread thread_;
};

// The default name of a peer at `url`: its host (and port), lower-cased, other characters
// than a-z 0-9 . _ - replaced by '-', at most domain::kMaxPeerNameBytes bytes.
std::string DefaultPeerName(std::string_view url);

}  // namespace binhyen::service
