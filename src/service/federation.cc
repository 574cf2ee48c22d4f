// Our outgoing federation feed, the peers' administration and the background puller. Pulling
// itself is in federation_pull.cc.
#include "service/federation.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <utility>

#include "base/logging.h"
#include "base/strings.h"
#include "crypto/encoding.h"
#include "service/audit_entry.h"
#include "text/utf8.h"

namespace binhyen::service {
namespace {

constexpr int kPublishAttempts = 4;
constexpr int kIndicatorPage = 1000;
constexpr int kWarningPage = 1000;
constexpr size_t kSummaryBytes = 600;
constexpr std::string_view kSignaturePrefix = "ed25519=";

// The default summary: whitespace collapsed, cut at a UTF-8 boundary with "…" when cut.
std::string CollapseAndCut(std::string_view markdown, size_t max_bytes) {
  std::string text;
  bool space = false;
  for (char c : markdown) {
    if (base::IsAsciiSpace(c)) {
      space = !text.empty();
      continue;
    }
    if (space) text.push_back(' ');
    space = false;
    text.push_back(c);
  }
  if (text.size() <= max_bytes) return text;
  size_t cut = max_bytes >= 3 ? max_bytes - 3 : max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
  if (max_bytes >= 3) text += "…";
  return text;
}

nlohmann::json OptionalTime(const std::optional<base::TimePoint>& t) {
  return t ? nlohmann::json(base::FormatRfc3339(*t)) : nlohmann::json(nullptr);
}

std::string WarningPath(const domain::Warning& w) {
  return (w.kind == domain::WarningKind::kClarification ? "/dinh-chinh/" : "/canh-bao/") + w.slug;
}

// Runs `attempt` until it does not return Aborted (a PostgreSQL serialisation failure), at
// most kPublishAttempts times.
template <typename F>
auto RetryAborted(F attempt) -> decltype(attempt()) {
  for (int i = 1;; ++i) {
    auto result = attempt();
    if (result.ok() || result.status().code() != base::StatusCode::kAborted ||
        i == kPublishAttempts) {
      return result;
    }
  }
}

}  // namespace

std::string FormatSignatureHeader(std::string_view signature) {
  return std::string(kSignaturePrefix) +
         crypto::Base64Encode(signature, crypto::Base64Variant::kUrlSafeNoPadding);
}

base::Result<std::string> ParseSignatureHeader(std::string_view value) {
  value = base::TrimAscii(value);
  if (value.empty()) return base::InvalidArgumentError("signature: missing");
  if (!value.starts_with(kSignaturePrefix)) {
    return base::InvalidArgumentError("signature: expected 'ed25519=<base64url>'");
  }
  base::Result<std::string> raw = crypto::Base64Decode(value.substr(kSignaturePrefix.size()),
                                                       crypto::Base64Variant::kUrlSafeNoPadding);
  if (!raw.ok() || raw->size() != crypto::SigningKey::kSignatureBytes) {
    return base::InvalidArgumentError("signature: not a base64url Ed25519 signature");
  }
  return raw;
}

std::string DefaultPeerName(std::string_view url) {
  std::string_view rest = url;
  if (size_t scheme = rest.find("://"); scheme != std::string_view::npos) {
    rest = rest.substr(scheme + 3);
  }
  rest = rest.substr(0, rest.find('/'));
  std::string name;
  for (char c : rest) {
    c = base::AsciiToLower(c);
    const bool ok = base::IsAsciiAlnum(c) || c == '.' || c == '_' || c == '-';
    if (c == '[' || c == ']') continue;
    name.push_back(ok ? c : '-');
  }
  if (name.size() > domain::kMaxPeerNameBytes) name.resize(domain::kMaxPeerNameBytes);
  return name;
}

Federation::Federation(store::Store& store, const crypto::SigningKey& key, const base::Clock& clock,
                       FederationFetcher* fetcher, FederationOptions options)
    : store_(store),
      key_(key),
      clock_(clock),
      fetcher_(fetcher),
      options_(std::move(options)),
      origin_(key.verify_key().ToBase64()) {}

Federation::~Federation() { Stop(); }

// --- Our feed --------------------------------------------------------------------------------

base::Result<int64_t> Federation::PublishOwn() {
  return RetryAborted([this] { return PublishOwnOnce(); });
}

base::Result<int64_t> Federation::PublishOwnOnce() {
  BINHYEN_ASSIGN_OR_RETURN(std::unique_ptr<store::Transaction> tx,
                           store_.Begin(store::TxMode::kReadWrite));
  const base::TimePoint now = clock_.Now();
  int64_t changed = 0;
  BINHYEN_RETURN_IF_ERROR(PublishOwnIndicators(*tx, now, &changed));
  BINHYEN_RETURN_IF_ERROR(PublishOwnWarnings(*tx, now, &changed));
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  return changed;
}

base::Status Federation::PublishOwnIndicators(store::Transaction& tx, base::TimePoint now,
                                              int64_t* changed) {
  store::FederationRepository& fed = tx.Federation();
  BINHYEN_ASSIGN_OR_RETURN(int64_t cursor, fed.LockOwnCursor());
  const int64_t start = cursor;
  for (;;) {
    BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::IndicatorRecord> records,
                             tx.Indicators().ChangesSince(cursor, kIndicatorPage));
    std::vector<domain::FederationEntry> entries;
    for (const domain::IndicatorRecord& r : records) {
      cursor = std::max(cursor, r.version);
      domain::FederationEntry e;
      e.kind = r.kind;
      e.canonical = r.canonical;
      e.category = std::string(domain::Name(r.category));
      e.origin = origin_;
      e.hops = 0;
      e.expires_at = r.expires_at;
      const bool live = !r.expires_at || *r.expires_at > now;
      if (r.status == domain::IndicatorStatus::kConfirmed && live) {
        e.state = domain::FederationState::kListed;
      } else {
        // Only what we once listed is taken back: an indicator our analysts never confirmed
        // must never appear in the feed, not even as withdrawn.
        BINHYEN_ASSIGN_OR_RETURN(std::optional<domain::FederationEntry> existing,
                                 fed.GetEntry(r.kind, r.canonical, origin_));
        if (!existing) continue;
        e.state = r.status == domain::IndicatorStatus::kDelisted
                      ? domain::FederationState::kDelisted
                      : domain::FederationState::kWithdrawn;
      }
      entries.push_back(std::move(e));
    }
    if (!entries.empty()) {
      BINHYEN_ASSIGN_OR_RETURN(int64_t n, fed.Publish(entries, now));
      *changed += n;
    }
    if (records.size() < static_cast<size_t>(kIndicatorPage)) break;
  }
  if (cursor != start) BINHYEN_RETURN_IF_ERROR(fed.SetOwnCursor(cursor));
  // Listings whose expiry has passed: nothing wrote their indicator, so ChangesSince does not
  // bring them. They are withdrawn (ours and relayed ones alike), so that peers drop them too.
  for (;;) {
    BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::FederationEntry> expired,
                             fed.ExpiredListings(now, kIndicatorPage));
    for (domain::FederationEntry& e : expired) e.state = domain::FederationState::kWithdrawn;
    if (!expired.empty()) {
      BINHYEN_ASSIGN_OR_RETURN(int64_t n, fed.Publish(expired, now));
      *changed += n;
    }
    if (expired.size() < static_cast<size_t>(kIndicatorPage)) break;
  }
  return base::Status::Ok();
}

base::Status Federation::PublishOwnWarnings(store::Transaction& tx, base::TimePoint now,
                                            int64_t* changed) {
  std::vector<domain::FederationWarning> out;
  std::set<int64_t> published;
  store::PageRequest page{kWarningPage, ""};
  for (;;) {
    BINHYEN_ASSIGN_OR_RETURN(store::Page<domain::Warning> warnings, tx.Warnings().ListAll(page));
    for (const domain::Warning& w : warnings.items) {
      if (!w.published_at || *w.published_at > now) continue;
      domain::FederationWarning f;
      f.origin = origin_;
      f.remote_id = w.id;
      f.kind = w.kind;
      f.title = w.title;
      f.summary = options_.summarize ? options_.summarize(w.body, kSummaryBytes)
                                     : CollapseAndCut(w.body, kSummaryBytes);
      if (f.summary.size() > kSummaryBytes) f.summary = CollapseAndCut(f.summary, kSummaryBytes);
      f.url = options_.public_url.empty() ? "" : options_.public_url + WarningPath(w);
      f.category = w.category ? std::string(domain::Name(*w.category)) : "";
      f.published_at = w.published_at;
      if (!domain::Validate(f).ok()) f.url.clear();  // a public_url we cannot link from
      published.insert(w.id);
      out.push_back(std::move(f));
    }
    if (warnings.next.empty()) break;
    page.after = warnings.next;
  }
  // Rows we published before that are no longer published: withdrawn.
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::FederationWarning> rows,
                           tx.Federation().ListWarnings(origin_));
  for (domain::FederationWarning& row : rows) {
    if (published.contains(row.remote_id) || !row.published_at) continue;
    row.published_at.reset();
    out.push_back(std::move(row));
  }
  if (out.empty()) return base::Status::Ok();
  BINHYEN_ASSIGN_OR_RETURN(int64_t n, tx.Federation().PublishWarnings(out, now));
  *changed += n;
  return base::Status::Ok();
}

base::Result<FederationPage> Federation::Feed(int64_t since, int limit) {
  if (since < 0) return base::InvalidArgumentError("since: must be >= 0");
  if (limit < 1 || limit > kMaxFederationPageSize) {
    return base::InvalidArgumentError("limit: must be between 1 and 10000");
  }
  bool publish = true;
  if (options_.feed_publish_interval.count() > 0) {
    std::lock_guard lock(publish_mu_);
    const auto now = std::chrono::steady_clock::now();
    publish = last_publish_ == std::chrono::steady_clock::time_point{} ||
              now - last_publish_ >= options_.feed_publish_interval;
    if (publish) last_publish_ = now;
  }
  if (publish) {
    if (base::Result<int64_t> published = PublishOwn(); !published.ok()) {
      std::lock_guard lock(publish_mu_);
      last_publish_ = {};  // the next page tries again
      return published.status();
    }
  }
  BINHYEN_ASSIGN_OR_RETURN(std::unique_ptr<store::Transaction> tx,
                           store_.Begin(store::TxMode::kReadOnly));
  BINHYEN_ASSIGN_OR_RETURN(store::FederationRepository::Changes changes,
                           tx->Federation().ChangesSince(since, limit));
  int64_t next = since;
  nlohmann::json entries = nlohmann::json::array();
  for (const domain::FederationEntry& e : changes.entries) {
    next = std::max(next, e.seq);
    entries.push_back({{"seq", e.seq},
                       {"kind", indicator::KindName(e.kind)},
                       {"value", e.canonical},
                       {"state", domain::Name(e.state)},
                       {"category", e.category},
                       {"origin", e.origin},
                       {"hops", e.hops},
                       {"expires_at", OptionalTime(e.expires_at)},
                       {"changed_at", base::FormatRfc3339(e.changed_at)}});
  }
  nlohmann::json warnings = nlohmann::json::array();
  for (const domain::FederationWarning& w : changes.warnings) {
    next = std::max(next, w.seq);
    warnings.push_back({{"seq", w.seq},
                        {"origin", w.origin},
                        {"id", w.remote_id},
                        {"kind", domain::Name(w.kind)},
                        {"title", w.title},
                        {"summary", w.summary},
                        {"url", w.url},
                        {"category", w.category},
                        {"published_at", OptionalTime(w.published_at)},
                        {"changed_at", base::FormatRfc3339(w.changed_at)}});
  }
  const size_t rows = changes.entries.size() + changes.warnings.size();
  nlohmann::json page = {{"format", kFederationFormat},
                         {"origin", origin_},
                         {"name", options_.name},
                         {"url", options_.public_url},
                         {"generated_at", base::FormatRfc3339(clock_.Now())},
                         {"since", since},
                         {"next", next},
                         {"more", rows >= static_cast<size_t>(limit)},
                         {"entries", std::move(entries)},
                         {"warnings", std::move(warnings)}};
  FederationPage out;
  out.body = page.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  out.signature = key_.Sign(out.body);
  return out;
}

// --- Peers -------------------------------------------------------------------------------------

base::Status Federation::Audit(std::string_view actor, std::string_view action,
                               std::string_view target, std::string_view summary) {
  BINHYEN_ASSIGN_OR_RETURN(std::unique_ptr<store::Transaction> tx,
                           store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_RETURN_IF_ERROR(
      tx->Audit().Append(MakeAuditEntry(clock_.Now(), actor, action, target, summary)).status());
  return tx->Commit();
}

base::Result<domain::Peer> Federation::AddPeer(const PeerSettings& settings,
                                               std::string_view actor) {
  if (actor.empty()) return base::InvalidArgumentError("actor: must not be empty");
  if (!crypto::VerifyKey::FromBase64(settings.public_key).ok()) {
    return base::InvalidArgumentError(
        "public_key: must be an Ed25519 key in base64 (43 characters), as printed by `binhyen "
        "peer key`");
  }
  if (settings.public_key == origin_) {
    return base::InvalidArgumentError("public_key: that is this instance's own key");
  }
  domain::Peer peer;
  peer.name = settings.name.empty() ? DefaultPeerName(settings.url) : settings.name;
  peer.url = settings.url;
  while (peer.url.size() > 1 && peer.url.back() == '/') peer.url.pop_back();
  peer.public_key = settings.public_key;
  peer.trust = settings.trust;
  peer.relay = settings.relay;
  BINHYEN_RETURN_IF_ERROR(domain::Validate(peer));
  BINHYEN_ASSIGN_OR_RETURN(std::unique_ptr<store::Transaction> tx,
                           store_.Begin(store::TxMode::kReadWrite));
  const base::TimePoint now = clock_.Now();
  BINHYEN_ASSIGN_OR_RETURN(domain::Peer stored, tx->Federation().CreatePeer(peer, now));
  BINHYEN_RETURN_IF_ERROR(
      tx->Audit()
          .Append(MakeAuditEntry(now, actor, "peer.add", "peer:" + stored.name,
                                 stored.url + " trust " + std::string(domain::Name(stored.trust)) +
                                     (stored.relay ? " relay" : "")))
          .status());
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  return stored;
}

base::Result<domain::Peer> Federation::UpdatePeer(std::string_view name, const PeerChanges& changes,
                                                  std::string_view actor) {
  if (actor.empty()) return base::InvalidArgumentError("actor: must not be empty");
  if (changes.public_key) {
    if (!crypto::VerifyKey::FromBase64(*changes.public_key).ok()) {
      return base::InvalidArgumentError(
          "public_key: must be an Ed25519 key in base64 (43 characters)");
    }
    if (*changes.public_key == origin_) {
      return base::InvalidArgumentError("public_key: that is this instance's own key");
    }
  }
  BINHYEN_ASSIGN_OR_RETURN(std::unique_ptr<store::Transaction> tx,
                           store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(domain::Peer peer, tx->Federation().GetPeer(name));
  std::string summary;
  if (changes.url) {
    peer.url = *changes.url;
    while (peer.url.size() > 1 && peer.url.back() == '/') peer.url.pop_back();
    summary += " url " + peer.url;
  }
  if (changes.public_key) {
    peer.public_key = *changes.public_key;
    summary += " key " + peer.public_key;
  }
  if (changes.trust) {
    peer.trust = *changes.trust;
    summary += " trust " + std::string(domain::Name(peer.trust));
  }
  if (changes.relay) {
    peer.relay = *changes.relay;
    summary += peer.relay ? " relay" : " no-relay";
  }
  if (changes.enabled) {
    peer.enabled = *changes.enabled;
    summary += peer.enabled ? " enabled" : " disabled";
  }
  BINHYEN_RETURN_IF_ERROR(domain::Validate(peer));
  BINHYEN_ASSIGN_OR_RETURN(domain::Peer stored, tx->Federation().UpdatePeer(peer));
  BINHYEN_RETURN_IF_ERROR(
      tx->Audit()
          .Append(MakeAuditEntry(clock_.Now(), actor, "peer.update", "peer:" + stored.name,
                                 std::string(base::TrimAscii(summary))))
          .status());
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  return stored;
}

base::Status Federation::RemovePeer(std::string_view name, std::string_view actor) {
  if (actor.empty()) return base::InvalidArgumentError("actor: must not be empty");
  BINHYEN_ASSIGN_OR_RETURN(std::unique_ptr<store::Transaction> tx,
                           store_.Begin(store::TxMode::kReadWrite));
  const base::TimePoint now = clock_.Now();
  BINHYEN_RETURN_IF_ERROR(tx->Federation().DeletePeer(name, now));
  BINHYEN_RETURN_IF_ERROR(
      tx->Audit()
          .Append(MakeAuditEntry(now, actor, "peer.remove", "peer:" + std::string(name), ""))
          .status());
  return tx->Commit();
}

base::Result<std::vector<domain::Peer>> Federation::ListPeers() {
  BINHYEN_ASSIGN_OR_RETURN(std::unique_ptr<store::Transaction> tx,
                           store_.Begin(store::TxMode::kReadOnly));
  return tx->Federation().ListPeers();
}

base::Result<std::vector<domain::FederationConflict>> Federation::ListConflicts(bool open_only) {
  BINHYEN_ASSIGN_OR_RETURN(std::unique_ptr<store::Transaction> tx,
                           store_.Begin(store::TxMode::kReadOnly));
  return tx->Federation().ListConflicts(open_only, 1000);
}

base::Status Federation::ResolveConflict(int64_t id, std::string_view actor) {
  if (actor.empty()) return base::InvalidArgumentError("actor: must not be empty");
  BINHYEN_ASSIGN_OR_RETURN(std::unique_ptr<store::Transaction> tx,
                           store_.Begin(store::TxMode::kReadWrite));
  const base::TimePoint now = clock_.Now();
  BINHYEN_RETURN_IF_ERROR(tx->Federation().ResolveConflict(id, now));
  BINHYEN_RETURN_IF_ERROR(tx->Audit()
                              .Append(MakeAuditEntry(now, actor, "federation.conflict.resolve",
                                                     "conflict:" + std::to_string(id), ""))
                              .status());
  return tx->Commit();
}

// --- The background puller -----------------------------------------------------------------

std::vector<PullOutcome> Federation::PullDue() {
  std::vector<PullOutcome> outcomes;
  base::Result<std::vector<domain::Peer>> peers = ListPeers();
  if (!peers.ok()) {
    base::LogWarn("federation: listing peers: {}", peers.status().ToString());
    return outcomes;
  }
  for (const domain::Peer& peer : *peers) {
    if (!peer.enabled) continue;
    const base::TimePoint now = clock_.Now();
    base::Result<bool> claimed = [&]() -> base::Result<bool> {
      BINHYEN_ASSIGN_OR_RETURN(std::unique_ptr<store::Transaction> tx,
                               store_.Begin(store::TxMode::kReadWrite));
      BINHYEN_ASSIGN_OR_RETURN(
          bool ok, tx->Federation().ClaimPull(peer.id, now - options_.pull_period, now));
      if (ok) BINHYEN_RETURN_IF_ERROR(tx->Commit());
      return ok;
    }();
    if (!claimed.ok()) {
      if (claimed.status().code() != base::StatusCode::kAborted) {
        base::LogWarn("federation: claiming peer {}: {}", peer.name, claimed.status().ToString());
      }
      continue;
    }
    if (!*claimed) continue;
    outcomes.push_back(Pull(peer));
  }
  return outcomes;
}

void Federation::Start() {
  std::lock_guard<std::mutex> lock(run_mu_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { Run(); });
}

void Federation::Stop() {
  {
    std::lock_guard<std::mutex> lock(run_mu_);
    stopping_ = true;
  }
  run_cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Federation::Run() {
  std::unique_lock<std::mutex> lock(run_mu_);
  while (!stopping_) {
    lock.unlock();
    PullDue();
    lock.lock();
    run_cv_.wait_for(lock, options_.tick, [this] { return stopping_; });
  }
}

}  // namespace binhyen::service
