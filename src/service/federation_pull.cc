// Pulling a peer's feed: fetch, verify the signature before reading anything, parse strictly,
// and apply a page in one transaction with its RecordPull.
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <utility>

#include "base/logging.h"
#include "crypto/sign.h"
#include "service/federation.h"
#include "service/submission_json.h"

namespace binhyen::service {
namespace {

using nlohmann::json;

constexpr int kApplyAttempts = 4;

// A page of a peer's feed, parsed.
struct ParsedPage {
  std::string origin;
  base::TimePoint generated_at{};
  int64_t since = 0;
  int64_t next = 0;
  bool more = false;
  std::vector<domain::FederationEntry> entries;
  std::vector<domain::FederationWarning> warnings;
  // Well-formed entries this version cannot take (a kind or category it does not know, a value
  // it canonicalises differently): skipped, so that one of them cannot stall the whole feed.
  int64_t skipped = 0;
};

base::Status Bad(const std::string& where, std::string_view what) {
  return base::InvalidArgumentError("page: " + where + ": " + std::string(what));
}

base::Result<std::string> String(const json& object, const char* key, const std::string& where) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return Bad(where + "." + key, "must be a string");
  return it->get<std::string>();
}

base::Result<int64_t> Integer(const json& object, const char* key, const std::string& where) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_number_integer()) {
    return Bad(where + "." + key, "must be an integer");
  }
  return it->get<int64_t>();
}

base::Result<base::TimePoint> Time(const json& object, const char* key, const std::string& where) {
  BINHYEN_ASSIGN_OR_RETURN(std::string text, String(object, key, where));
  std::optional<base::TimePoint> t = ParseRfc3339(text);
  if (!t) return Bad(where + "." + key, "must be an RFC 3339 date-time");
  return *t;
}

base::Result<std::optional<base::TimePoint>> OptionalTime(const json& object, const char* key,
                                                          const std::string& where) {
  auto it = object.find(key);
  if (it != object.end() && it->is_null()) return std::optional<base::TimePoint>();
  BINHYEN_ASSIGN_OR_RETURN(base::TimePoint t, Time(object, key, where));
  return std::optional<base::TimePoint>(t);
}

// nullopt: well formed, but not something this instance can list (see ParsedPage::skipped).
base::Result<std::optional<domain::FederationEntry>> ParseEntry(const json& item,
                                                                const std::string& where) {
  if (!item.is_object()) return Bad(where, "must be an object");
  domain::FederationEntry e;
  BINHYEN_ASSIGN_OR_RETURN(e.seq, Integer(item, "seq", where));
  BINHYEN_ASSIGN_OR_RETURN(std::string kind, String(item, "kind", where));
  BINHYEN_ASSIGN_OR_RETURN(e.canonical, String(item, "value", where));
  BINHYEN_ASSIGN_OR_RETURN(std::string state, String(item, "state", where));
  std::optional<domain::FederationState> s = domain::ParseFederationState(state);
  if (!s) return Bad(where + ".state", "must be listed, delisted or withdrawn");
  e.state = *s;
  BINHYEN_ASSIGN_OR_RETURN(e.category, String(item, "category", where));
  BINHYEN_ASSIGN_OR_RETURN(e.origin, String(item, "origin", where));
  BINHYEN_ASSIGN_OR_RETURN(int64_t hops, Integer(item, "hops", where));
  if (hops < 0 || hops > 1000) return Bad(where + ".hops", "out of range");
  e.hops = static_cast<int>(hops);
  BINHYEN_ASSIGN_OR_RETURN(e.expires_at, OptionalTime(item, "expires_at", where));
  BINHYEN_ASSIGN_OR_RETURN(e.changed_at, Time(item, "changed_at", where));
  std::optional<indicator::Kind> k = indicator::ParseKind(kind);
  if (!k || indicator::KindName(*k) != kind) return std::optional<domain::FederationEntry>();
  e.kind = *k;
  // The value must be exactly canonical: what we list is looked up by its canonical form.
  base::Result<indicator::Indicator> canonical = indicator::Canonicalize(e.kind, e.canonical);
  if (!canonical.ok() || canonical->canonical != e.canonical) {
    return std::optional<domain::FederationEntry>();
  }
  if (e.hops <= domain::kMaxFederationHops && !domain::Validate(e).ok()) {
    return std::optional<domain::FederationEntry>();
  }
  return std::optional<domain::FederationEntry>(std::move(e));
}

base::Result<domain::FederationWarning> ParseWarning(const json& item, const std::string& where) {
  if (!item.is_object()) return Bad(where, "must be an object");
  domain::FederationWarning w;
  BINHYEN_ASSIGN_OR_RETURN(w.seq, Integer(item, "seq", where));
  BINHYEN_ASSIGN_OR_RETURN(w.origin, String(item, "origin", where));
  BINHYEN_ASSIGN_OR_RETURN(w.remote_id, Integer(item, "id", where));
  BINHYEN_ASSIGN_OR_RETURN(std::string kind, String(item, "kind", where));
  std::optional<domain::WarningKind> k = domain::ParseWarningKind(kind);
  if (!k) return Bad(where + ".kind", "must be warning or clarification");
  w.kind = *k;
  BINHYEN_ASSIGN_OR_RETURN(w.title, String(item, "title", where));
  BINHYEN_ASSIGN_OR_RETURN(w.summary, String(item, "summary", where));
  BINHYEN_ASSIGN_OR_RETURN(w.url, String(item, "url", where));
  BINHYEN_ASSIGN_OR_RETURN(w.category, String(item, "category", where));
  BINHYEN_ASSIGN_OR_RETURN(w.published_at, OptionalTime(item, "published_at", where));
  BINHYEN_ASSIGN_OR_RETURN(w.changed_at, Time(item, "changed_at", where));
  if (base::Status valid = domain::Validate(w); !valid.ok()) return Bad(where, valid.message());
  return w;
}

base::Result<ParsedPage> ParsePage(std::string_view body) {
  json doc = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) {
    return base::InvalidArgumentError("page: not a JSON object");
  }
  ParsedPage page;
  const std::string top = "$";
  BINHYEN_ASSIGN_OR_RETURN(std::string format, String(doc, "format", top));
  if (format != kFederationFormat) {
    return Bad(top + ".format",
               "'" + format.substr(0, 60) + "' is not " + std::string(kFederationFormat));
  }
  BINHYEN_ASSIGN_OR_RETURN(page.origin, String(doc, "origin", top));
  BINHYEN_ASSIGN_OR_RETURN(page.generated_at, Time(doc, "generated_at", top));
  BINHYEN_ASSIGN_OR_RETURN(page.since, Integer(doc, "since", top));
  BINHYEN_ASSIGN_OR_RETURN(page.next, Integer(doc, "next", top));
  auto more = doc.find("more");
  if (more == doc.end() || !more->is_boolean()) return Bad(top + ".more", "must be a boolean");
  page.more = more->get<bool>();
  auto entries = doc.find("entries");
  auto warnings = doc.find("warnings");
  if (entries == doc.end() || !entries->is_array()) return Bad("$.entries", "must be an array");
  if (warnings == doc.end() || !warnings->is_array()) return Bad("$.warnings", "must be an array");
  if (page.next < page.since) return Bad("$.next", "must be >= since");
  for (size_t i = 0; i < entries->size(); ++i) {
    const std::string where = "$.entries[" + std::to_string(i) + "]";
    BINHYEN_ASSIGN_OR_RETURN(std::optional<domain::FederationEntry> e,
                             ParseEntry((*entries)[i], where));
    const int64_t seq = (*entries)[i]["seq"].get<int64_t>();  // checked by ParseEntry
    if (seq <= page.since || seq > page.next) return Bad(where + ".seq", "outside the page");
    if (!e) {
      ++page.skipped;
      continue;
    }
    page.entries.push_back(std::move(*e));
  }
  for (size_t i = 0; i < warnings->size(); ++i) {
    const std::string where = "$.warnings[" + std::to_string(i) + "]";
    BINHYEN_ASSIGN_OR_RETURN(domain::FederationWarning w, ParseWarning((*warnings)[i], where));
    if (w.seq <= page.since || w.seq > page.next) return Bad(where + ".seq", "outside the page");
    page.warnings.push_back(std::move(w));
  }
  return page;
}

}  // namespace

base::Result<PullOutcome> Federation::PullByName(std::string_view name) {
  BINHYEN_ASSIGN_OR_RETURN(std::unique_ptr<store::Transaction> tx,
                           store_.Begin(store::TxMode::kReadOnly));
  BINHYEN_ASSIGN_OR_RETURN(domain::Peer peer, tx->Federation().GetPeer(name));
  tx.reset();
  return Pull(peer);
}

PullOutcome Federation::Pull(const domain::Peer& peer_in) {
  PullOutcome outcome;
  outcome.peer = peer_in.name;
  domain::Peer peer = peer_in;
  outcome.cursor = peer.cursor;
  base::Status status = base::Status::Ok();
  if (fetcher_ == nullptr) status = base::FailedPreconditionError("fetcher: none");
  for (int page = 0; status.ok() && page < options_.max_pages_per_pull; ++page) {
    bool more = false;
    status = PullPage(peer, outcome, &more);
    if (!status.ok() || !more) break;
  }
  outcome.cursor = peer.cursor;
  if (status.ok()) return outcome;
  outcome.error = status.message().substr(0, 500);
  base::LogWarn("federation: pulling peer {} ({}): {}", peer.name, peer.url, outcome.error);
  base::Status recorded = RetryAbortedStatus([&]() -> base::Status {
    BINHYEN_ASSIGN_OR_RETURN(std::unique_ptr<store::Transaction> tx,
                             store_.Begin(store::TxMode::kReadWrite));
    BINHYEN_RETURN_IF_ERROR(tx->Federation().RecordPull(peer.id, std::nullopt, std::nullopt,
                                                        outcome.error, clock_.Now()));
    return tx->Commit();
  });
  if (!recorded.ok()) {
    base::LogWarn("federation: recording the pull of {}: {}", peer.name, recorded.ToString());
  }
  return outcome;
}

base::Status Federation::RetryAbortedStatus(const std::function<base::Status()>& attempt) {
  base::Status status = base::Status::Ok();
  for (int i = 0; i < kApplyAttempts; ++i) {
    status = attempt();
    if (status.code() != base::StatusCode::kAborted) break;
  }
  return status;
}

base::Status Federation::PullPage(domain::Peer& peer, PullOutcome& outcome, bool* more) {
  BINHYEN_ASSIGN_OR_RETURN(FederationPage fetched,
                           fetcher_->Fetch(peer, peer.cursor, options_.page_size));
  // The signature first: nothing of an unverified page is read.
  base::Result<crypto::VerifyKey> key = crypto::VerifyKey::FromBase64(peer.public_key);
  if (!key.ok()) return base::InvalidArgumentError("public_key: malformed");
  if (fetched.signature.empty()) return base::PermissionDeniedError("signature: missing");
  if (!key->Verify(fetched.body, fetched.signature)) {
    return base::PermissionDeniedError("signature: does not verify with the peer's key");
  }
  BINHYEN_ASSIGN_OR_RETURN(ParsedPage page, ParsePage(fetched.body));
  if (page.origin != peer.public_key) {
    return base::PermissionDeniedError("origin: the page is not from the peer's key");
  }
  if (page.since != peer.cursor) {
    return base::InvalidArgumentError("since: the page starts at " + std::to_string(page.since) +
                                      ", we asked for " + std::to_string(peer.cursor));
  }
  const base::TimePoint now = clock_.Now();
  if (peer.last_generated_at && page.generated_at < *peer.last_generated_at) {
    return base::PermissionDeniedError(
        "generated_at: " + base::FormatRfc3339(page.generated_at) + " is older than the last " +
        base::FormatRfc3339(*peer.last_generated_at) + " (a replayed page)");
  }
  if (page.generated_at > now + options_.max_clock_skew) {
    return base::InvalidArgumentError("generated_at: " + base::FormatRfc3339(page.generated_at) +
                                      " is in the future (check the clocks)");
  }
  PullOutcome counts;
  base::Status applied = RetryAbortedStatus([&]() -> base::Status {
    counts = PullOutcome{};
    return ApplyPage(peer, page.entries, page.warnings, page.next, page.generated_at, now, counts);
  });
  BINHYEN_RETURN_IF_ERROR(applied);
  peer.cursor = page.next;
  peer.last_generated_at = page.generated_at;
  outcome.pages += 1;
  outcome.listed += counts.listed;
  outcome.removed += counts.removed;
  outcome.dropped += counts.dropped + page.skipped;
  if (page.skipped > 0) {
    base::LogWarn("federation: peer {}: skipped {} entries this version cannot list", peer.name,
                  page.skipped);
  }
  outcome.conflicts += counts.conflicts;
  outcome.relayed += counts.relayed;
  outcome.warnings += counts.warnings;
  // An empty page ends the pull whatever it says (no endless loop on a confused peer).
  *more = page.more && (!page.entries.empty() || !page.warnings.empty());
  return base::Status::Ok();
}

base::Status Federation::ApplyPage(const domain::Peer& peer,
                                   const std::vector<domain::FederationEntry>& entries,
                                   const std::vector<domain::FederationWarning>& warnings,
                                   int64_t next, base::TimePoint generated_at, base::TimePoint now,
                                   PullOutcome& counts) {
  BINHYEN_ASSIGN_OR_RETURN(std::unique_ptr<store::Transaction> tx,
                           store_.Begin(store::TxMode::kReadWrite));
  store::FederationRepository& fed = tx->Federation();
  // Per (kind, canonical): listed wins over a removal said by another origin in the same page.
  std::map<std::pair<indicator::Kind, std::string>, store::FeedEntryInput> upserts;
  std::map<std::pair<indicator::Kind, std::string>, store::FeedEntryInput> removals;
  std::vector<domain::FederationEntry> relayed;
  for (const domain::FederationEntry& e : entries) {
    if (e.origin == origin_ || e.hops > domain::kMaxFederationHops) {
      ++counts.dropped;  // our own, come back through a loop; or relayed too far
      continue;
    }
    const auto key = std::make_pair(e.kind, e.canonical);
    const bool expired = e.expires_at && *e.expires_at <= now;
    if (e.state == domain::FederationState::kListed && !expired) {
      upserts[key] = store::FeedEntryInput{e.kind, e.canonical, e.category};
      removals.erase(key);
    } else {
      if (e.state == domain::FederationState::kListed) ++counts.dropped;
      if (!upserts.contains(key)) removals[key] = store::FeedEntryInput{e.kind, e.canonical, ""};
      if (e.state != domain::FederationState::kListed) {
        // A peer taking back what our own analysts confirmed: our listing stays, an analyst
        // decides.
        base::Result<domain::IndicatorRecord> own = tx->Indicators().Get(e.kind, e.canonical);
        if (!own.ok() && own.status().code() != base::StatusCode::kNotFound) return own.status();
        if (own.ok() && own->status == domain::IndicatorStatus::kConfirmed) {
          domain::FederationConflict c;
          c.peer_id = peer.id;
          c.kind = e.kind;
          c.canonical = e.canonical;
          c.remote_state = e.state;
          c.seen_at = now;
          BINHYEN_RETURN_IF_ERROR(fed.RecordConflict(c).status());
          ++counts.conflicts;
        }
      }
    }
    if (peer.relay && e.hops + 1 <= domain::kMaxFederationHops) {
      domain::FederationEntry r = e;
      r.hops = e.hops + 1;
      r.via_peer_id = peer.id;
      if (r.state == domain::FederationState::kListed && expired) {
        r.state = domain::FederationState::kWithdrawn;
      }
      if (r.state != domain::FederationState::kListed) {
        // Take back only what we relayed before.
        BINHYEN_ASSIGN_OR_RETURN(std::optional<domain::FederationEntry> existing,
                                 fed.GetEntry(r.kind, r.canonical, r.origin));
        if (!existing) continue;
      }
      relayed.push_back(std::move(r));
    }
  }
  std::vector<store::FeedEntryInput> up;
  std::vector<store::FeedEntryInput> down;
  for (auto& [key, input] : upserts) up.push_back(std::move(input));
  for (auto& [key, input] : removals) down.push_back(std::move(input));
  counts.listed = static_cast<int64_t>(up.size());
  counts.removed = static_cast<int64_t>(down.size());
  if (!up.empty() || !down.empty()) {
    BINHYEN_RETURN_IF_ERROR(tx->Feeds().ApplyChanges(peer.feed_source_id, up, down, now).status());
  }
  if (!relayed.empty()) {
    BINHYEN_ASSIGN_OR_RETURN(counts.relayed, fed.Publish(relayed, now));
  }
  // Warnings: only the peer's own (never relayed).
  std::vector<domain::FederationWarning> own_warnings;
  for (const domain::FederationWarning& w : warnings) {
    if (w.origin == peer.public_key) own_warnings.push_back(w);
  }
  if (!own_warnings.empty()) {
    BINHYEN_RETURN_IF_ERROR(fed.PutPeerWarnings(peer.id, own_warnings));
    counts.warnings = static_cast<int64_t>(own_warnings.size());
  }
  BINHYEN_RETURN_IF_ERROR(fed.RecordPull(peer.id, next, generated_at, "", now));
  return tx->Commit();
}

}  // namespace binhyen::service
