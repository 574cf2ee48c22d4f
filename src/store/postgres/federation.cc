// Federation: peers, our outgoing feed, warnings received from peers, conflicts (migration 0015).
#include "store/postgres/federation.h"

#include <map>
#include <string>
#include <tuple>
#include <utility>

#include "domain/audit.h"
#include "store/common.h"
#include "store/postgres/repositories.h"

namespace binhyen::store::postgres {
namespace {

constexpr size_t kMaxErrorBytes = 500;
constexpr size_t kMaxCanonicalBytes = 2048;

#define BINHYEN_PG_PEER_COLUMNS                                                \
  "id, name, url, public_key, trust, enabled, relay, feed_source_id, cursor, " \
  "last_generated_at, last_attempt_at, last_success_at, last_error, created_at "
#define BINHYEN_PG_ENTRY_COLUMNS \
  "seq, kind, canonical, state, category, origin, hops, expires_at, changed_at, via_peer_id "
#define BINHYEN_PG_WARNING_COLUMNS \
  "seq, origin, remote_id, kind, title, summary, url, category, published_at, changed_at "
#define BINHYEN_PG_CONFLICT_COLUMNS \
  "id, peer_id, kind, canonical, remote_state, seen_at, resolved_at "

constexpr Sql kPeerByName{"peer_by_name",
                          "SELECT " BINHYEN_PG_PEER_COLUMNS "FROM peers WHERE name = $1"};
constexpr Sql kPeerLock{"peer_lock",
                        "SELECT " BINHYEN_PG_PEER_COLUMNS "FROM peers WHERE name = $1 FOR UPDATE"};
constexpr Sql kPeerById{"peer_by_id", "SELECT " BINHYEN_PG_PEER_COLUMNS "FROM peers WHERE id = $1"};
constexpr Sql kPeerList{"peer_list",
                        "SELECT " BINHYEN_PG_PEER_COLUMNS "FROM peers ORDER BY name COLLATE \"C\""};
constexpr Sql kPeerExists{"peer_exists", "SELECT 1 FROM peers WHERE id = $1"};
constexpr Sql kPeerWithKey{"peer_with_key",
                           "SELECT name FROM peers WHERE public_key = $1 AND name <> $2"};
constexpr Sql kPeerInsert{
    "peer_insert",
    "INSERT INTO peers (name, url, public_key, trust, enabled, relay, feed_source_id, "
    "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"};
constexpr Sql kPeerUpdate{
    "peer_update",
    "UPDATE peers SET url = $2, public_key = $3, trust = $4, enabled = $5, relay = $6, "
    "cursor = CASE WHEN $7 THEN 0 ELSE cursor END, "
    "last_generated_at = CASE WHEN $7 THEN NULL ELSE last_generated_at END WHERE id = $1"};
constexpr Sql kPeerDelete{"peer_delete", "DELETE FROM peers WHERE id = $1"};
constexpr Sql kClaimPull{"peer_claim_pull",
                         "UPDATE peers SET last_attempt_at = $3 WHERE id = $1 AND enabled AND "
                         "(last_attempt_at IS NULL OR last_attempt_at < $2) RETURNING id"};
constexpr Sql kPullSucceeded{
    "peer_pull_succeeded",
    "UPDATE peers SET last_attempt_at = $2, last_success_at = $2, last_error = '', "
    "cursor = coalesce($3, cursor), last_generated_at = coalesce($4, last_generated_at) "
    "WHERE id = $1"};
constexpr Sql kPullFailed{"peer_pull_failed",
                          "UPDATE peers SET last_attempt_at = $2, last_error = $3 WHERE id = $1"};

// The peer's feed source (contract of FeedRepository; the lock serialises with its imports).
constexpr Sql kSourceByName{"federation_source_by_name",
                            "SELECT id, format FROM feed_sources WHERE name = $1 FOR UPDATE"};
constexpr Sql kSourceInsert{
    "federation_source_insert",
    "INSERT INTO feed_sources (name, format, trust, enabled) VALUES ($1, 'federation', $2, $3) "
    "RETURNING id"};
constexpr std::string_view kFederationFormat = "federation";
constexpr Sql kSourceLock{"federation_source_lock",
                          "SELECT trust, enabled FROM feed_sources WHERE id = $1 FOR UPDATE"};
constexpr Sql kSourceFollow{"federation_source_follow",
                            "UPDATE feed_sources SET trust = $2, enabled = $3, version = $4 "
                            "WHERE id = $1"};
constexpr Sql kSourceEntriesDelete{"federation_source_entries_delete",
                                   "DELETE FROM feed_entries WHERE source_id = $1"};
constexpr Sql kSourceEmpty{
    "federation_source_empty",
    "UPDATE feed_sources SET enabled = false, active_entries = 0, version = $2 WHERE id = $1"};
// The indicator change version (as the feed and indicator repositories: in commit order).
constexpr Sql kNextVersion{
    "federation_next_version",
    "UPDATE counters SET value = value + 1 WHERE name = 'indicator_version' RETURNING value"};

// The feed sequence: every writer of federation_entries / federation_warnings locks its counter
// row first, so the rows it compares against cannot change before it commits, and seqs follow
// commit order.
constexpr Sql kLockSeq{"federation_seq_lock",
                       "SELECT value FROM counters WHERE name = 'federation_seq' FOR UPDATE"};
constexpr Sql kSetSeq{"federation_seq_set",
                      "UPDATE counters SET value = $1 WHERE name = 'federation_seq'"};
constexpr Sql kCurrentSeq{"federation_seq_current",
                          "SELECT value FROM counters WHERE name = 'federation_seq'"};
constexpr Sql kOwnCursor{"federation_own_cursor",
                         "SELECT value FROM counters WHERE name = 'federation_own_cursor'"};
constexpr Sql kLockOwnCursor{
    "federation_own_cursor_lock",
    "SELECT value FROM counters WHERE name = 'federation_own_cursor' FOR UPDATE"};
constexpr Sql kSetOwnCursor{"federation_own_cursor_set",
                            "UPDATE counters SET value = $1 WHERE name = 'federation_own_cursor'"};

// Upserts the entries that differ from their stored row; the k-th of them (in input order) gets
// seq $10 + k. $9 is `at`.
constexpr Sql kPublish{
    "federation_publish",
    "WITH input AS (SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], "
    "$5::text[], $6::int[], $7::bigint[], $8::bigint[]) WITH ORDINALITY AS t(kind, canonical, "
    "state, category, origin, hops, expires_at, via_peer_id, ord)), "
    "changed AS (SELECT i.*, row_number() OVER (ORDER BY i.ord) AS n FROM input i "
    "LEFT JOIN federation_entries f ON f.kind = i.kind AND f.canonical = i.canonical "
    "AND f.origin = i.origin WHERE f.seq IS NULL OR f.state <> i.state "
    "OR f.category <> i.category OR f.hops <> i.hops "
    "OR f.expires_at IS DISTINCT FROM i.expires_at) "
    "INSERT INTO federation_entries (kind, canonical, origin, seq, state, category, hops, "
    "expires_at, changed_at, via_peer_id) SELECT kind, canonical, origin, $10 + n, state, "
    "category, hops, expires_at, $9, via_peer_id FROM changed "
    "ON CONFLICT (kind, canonical, origin) DO UPDATE SET seq = excluded.seq, "
    "state = excluded.state, category = excluded.category, hops = excluded.hops, "
    "expires_at = excluded.expires_at, changed_at = excluded.changed_at, "
    "via_peer_id = excluded.via_peer_id"};
constexpr Sql kPublishWarnings{
    "federation_publish_warnings",
    "WITH input AS (SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], "
    "$5::text[], $6::text[], $7::text[], $8::bigint[]) WITH ORDINALITY AS t(origin, remote_id, "
    "kind, title, summary, url, category, published_at, ord)), "
    "changed AS (SELECT i.*, row_number() OVER (ORDER BY i.ord) AS n FROM input i "
    "LEFT JOIN federation_warnings w ON w.origin = i.origin AND w.remote_id = i.remote_id "
    "WHERE w.seq IS NULL OR w.kind <> i.kind OR w.title <> i.title OR w.summary <> i.summary "
    "OR w.url <> i.url OR w.category <> i.category "
    "OR w.published_at IS DISTINCT FROM i.published_at) "
    "INSERT INTO federation_warnings (origin, remote_id, seq, kind, title, summary, url, "
    "category, published_at, changed_at) SELECT origin, remote_id, $10 + n, kind, title, "
    "summary, url, category, published_at, $9 FROM changed "
    "ON CONFLICT (origin, remote_id) DO UPDATE SET seq = excluded.seq, kind = excluded.kind, "
    "title = excluded.title, summary = excluded.summary, url = excluded.url, "
    "category = excluded.category, published_at = excluded.published_at, "
    "changed_at = excluded.changed_at"};
// The relayed entries of peer $1 become withdrawn, numbered from $2 + 1; $3 is `at`.
constexpr Sql kWithdrawRelayed{
    "federation_withdraw_relayed",
    "UPDATE federation_entries f SET state = 'withdrawn', seq = $2 + t.n, changed_at = $3 "
    "FROM (SELECT kind, canonical, origin, row_number() OVER (ORDER BY kind, canonical, origin) "
    "AS n FROM federation_entries WHERE via_peer_id = $1 AND state <> 'withdrawn') t "
    "WHERE f.kind = t.kind AND f.canonical = t.canonical AND f.origin = t.origin"};
constexpr Sql kEntryGet{"federation_entry_get",
                        "SELECT " BINHYEN_PG_ENTRY_COLUMNS
                        "FROM federation_entries WHERE kind = $1 AND canonical = $2 AND "
                        "origin = $3"};
constexpr Sql kEntriesSince{"federation_entries_since",
                            "SELECT " BINHYEN_PG_ENTRY_COLUMNS
                            "FROM federation_entries WHERE seq > $1 ORDER BY seq LIMIT $2"};
constexpr Sql kExpiredListings{"federation_expired_listings",
                               "SELECT " BINHYEN_PG_ENTRY_COLUMNS
                               "FROM federation_entries WHERE state = 'listed' AND "
                               "expires_at <= $1 ORDER BY seq LIMIT $2"};
constexpr Sql kWarningsSince{"federation_warnings_since",
                             "SELECT " BINHYEN_PG_WARNING_COLUMNS
                             "FROM federation_warnings WHERE seq > $1 ORDER BY seq LIMIT $2"};
constexpr Sql kWarningsOfOrigin{"federation_warnings_of_origin",
                                "SELECT " BINHYEN_PG_WARNING_COLUMNS
                                "FROM federation_warnings WHERE origin = $1 ORDER BY remote_id"};

constexpr Sql kPeerWarningsPut{
    "peer_warnings_put",
    "INSERT INTO peer_warnings (peer_id, origin, remote_id, seq, kind, title, summary, url, "
    "category, published_at, changed_at) SELECT $1, t.* FROM unnest($2::text[], $3::bigint[], "
    "$4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::bigint[], "
    "$11::bigint[]) AS t ON CONFLICT (peer_id, origin, remote_id) DO UPDATE SET "
    "seq = excluded.seq, kind = excluded.kind, title = excluded.title, "
    "summary = excluded.summary, url = excluded.url, category = excluded.category, "
    "published_at = excluded.published_at, changed_at = excluded.changed_at"};
constexpr Sql kPeerWarningsDelete{"peer_warnings_delete",
                                  "DELETE FROM peer_warnings WHERE peer_id = $1"};
constexpr Sql kPeerWarningsList{
    "peer_warnings_list",
    "SELECT w.peer_id, w.seq, w.origin, w.remote_id, w.kind, w.title, w.summary, w.url, "
    "w.category, w.published_at, w.changed_at FROM peer_warnings w JOIN peers p ON "
    "p.id = w.peer_id WHERE p.enabled AND (NOT $1 OR w.published_at IS NOT NULL) "
    "ORDER BY w.published_at DESC NULLS LAST, w.remote_id DESC, w.peer_id DESC, "
    "w.origin DESC LIMIT $2"};

constexpr Sql kConflictRecord{
    "federation_conflict_record",
    "INSERT INTO federation_conflicts (peer_id, kind, canonical, remote_state, seen_at) "
    "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (peer_id, kind, canonical) WHERE resolved_at IS "
    "NULL DO UPDATE SET remote_state = excluded.remote_state, seen_at = excluded.seen_at "
    "RETURNING id"};
constexpr Sql kConflictsDelete{"federation_conflicts_delete",
                               "DELETE FROM federation_conflicts WHERE peer_id = $1"};
constexpr Sql kConflictList{"federation_conflict_list",
                            "SELECT " BINHYEN_PG_CONFLICT_COLUMNS
                            "FROM federation_conflicts WHERE (NOT $1 OR resolved_at IS NULL) "
                            "ORDER BY id DESC LIMIT $2"};
constexpr Sql kConflictLock{
    "federation_conflict_lock",
    "SELECT resolved_at FROM federation_conflicts WHERE id = $1 FOR UPDATE"};
constexpr Sql kConflictResolve{"federation_conflict_resolve",
                               "UPDATE federation_conflicts SET resolved_at = $2 WHERE id = $1"};

#undef BINHYEN_PG_PEER_COLUMNS
#undef BINHYEN_PG_ENTRY_COLUMNS
#undef BINHYEN_PG_WARNING_COLUMNS
#undef BINHYEN_PG_CONFLICT_COLUMNS

base::Status PeerNotFound(int64_t id) {
  return base::NotFoundError("peer " + std::to_string(id) + ": not found");
}

base::Status PeerNotFound(std::string_view name) {
  return base::NotFoundError("peer '" + std::string(name) + "': not found");
}

base::Result<domain::Peer> PeerFromRow(const pqxx::row& row) {
  domain::Peer p;
  p.id = Int(row["id"]);
  p.name = Text(row["name"]);
  p.url = Text(row["url"]);
  p.public_key = Text(row["public_key"]);
  BINHYEN_ASSIGN_OR_RETURN(
      p.trust, ParseColumn<domain::FeedTrust>("trust", Text(row["trust"]), domain::ParseFeedTrust));
  p.enabled = Bool(row["enabled"]);
  p.relay = Bool(row["relay"]);
  p.feed_source_id = Int(row["feed_source_id"]);
  p.cursor = Int(row["cursor"]);
  p.last_generated_at = OptionalTime(row["last_generated_at"]);
  p.last_attempt_at = OptionalTime(row["last_attempt_at"]);
  p.last_success_at = OptionalTime(row["last_success_at"]);
  p.last_error = Text(row["last_error"]);
  p.created_at = Time(row["created_at"]);
  return p;
}

base::Result<domain::FederationEntry> EntryFromRow(const pqxx::row& row) {
  domain::FederationEntry e;
  e.seq = Int(row["seq"]);
  BINHYEN_ASSIGN_OR_RETURN(
      e.kind, ParseColumn<indicator::Kind>("kind", Text(row["kind"]), indicator::ParseKind));
  e.canonical = Text(row["canonical"]);
  BINHYEN_ASSIGN_OR_RETURN(e.state, ParseColumn<domain::FederationState>(
                                        "state", Text(row["state"]), domain::ParseFederationState));
  e.category = Text(row["category"]);
  e.origin = Text(row["origin"]);
  e.hops = static_cast<int>(Int(row["hops"]));
  e.expires_at = OptionalTime(row["expires_at"]);
  e.changed_at = Time(row["changed_at"]);
  e.via_peer_id = Int(row["via_peer_id"]);
  return e;
}

base::Result<domain::FederationWarning> WarningFromRow(const pqxx::row& row) {
  domain::FederationWarning w;
  w.seq = Int(row["seq"]);
  w.origin = Text(row["origin"]);
  w.remote_id = Int(row["remote_id"]);
  BINHYEN_ASSIGN_OR_RETURN(w.kind, ParseColumn<domain::WarningKind>("kind", Text(row["kind"]),
                                                                    domain::ParseWarningKind));
  w.title = Text(row["title"]);
  w.summary = Text(row["summary"]);
  w.url = Text(row["url"]);
  w.category = Text(row["category"]);
  w.published_at = OptionalTime(row["published_at"]);
  w.changed_at = Time(row["changed_at"]);
  return w;
}

base::Result<domain::FederationConflict> ConflictFromRow(const pqxx::row& row) {
  domain::FederationConflict c;
  c.id = Int(row["id"]);
  c.peer_id = Int(row["peer_id"]);
  BINHYEN_ASSIGN_OR_RETURN(
      c.kind, ParseColumn<indicator::Kind>("kind", Text(row["kind"]), indicator::ParseKind));
  c.canonical = Text(row["canonical"]);
  BINHYEN_ASSIGN_OR_RETURN(
      c.remote_state, ParseColumn<domain::FederationState>(
                          "remote_state", Text(row["remote_state"]), domain::ParseFederationState));
  c.seen_at = Time(row["seen_at"]);
  c.resolved_at = OptionalTime(row["resolved_at"]);
  return c;
}

base::Result<domain::Peer> LoadPeer(Session& s, const Sql& sql, std::string_view name) {
  const pqxx::result r = s.Exec(sql, Params().Add(name));
  if (r.empty()) return PeerNotFound(name);
  return PeerFromRow(r[0]);
}

bool PeerExists(Session& s, int64_t id) { return !s.Exec(kPeerExists, Params().Add(id)).empty(); }

// AlreadyExists "peer: key already used by '<name>'" when a peer other than `name` has `key`.
base::Status CheckKeyFree(Session& s, std::string_view key, std::string_view name) {
  const pqxx::result r = s.Exec(kPeerWithKey, Params().Add(key).Add(name));
  if (r.empty()) return base::Status::Ok();
  return base::AlreadyExistsError("peer: key already used by '" + Text(r[0][0]) + "'");
}

int64_t NextVersion(Session& s) { return Int(s.Exec(kNextVersion)[0][0]); }

// The peer's feed source takes its trust and enabled flag, with a new change version when what
// the index lists changes (as FeedRepository::UpsertSource).
void FollowPeer(Session& s, int64_t source_id, std::string_view trust, bool enabled) {
  const pqxx::result source = s.Exec(kSourceLock, Params().Add(source_id));
  if (source.empty() ||
      (Text(source[0]["trust"]) == trust && Bool(source[0]["enabled"]) == enabled)) {
    return;
  }
  s.Exec(kSourceFollow, Params().Add(source_id).Add(trust).Add(enabled).Add(NextVersion(s)));
}

// A bigint[] literal with NULL for unset values.
std::string OptionalIntArray(const std::vector<std::optional<int64_t>>& values) {
  std::string out = "{";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out.push_back(',');
    out += values[i].has_value() ? std::to_string(*values[i]) : "NULL";
  }
  out.push_back('}');
  return out;
}

std::optional<int64_t> OptionalMicros(const std::optional<base::TimePoint>& t) {
  if (!t.has_value()) return std::nullopt;
  return domain::ToMicros(*t);
}

// Indexes of `items` keeping only the last of each key (one statement cannot upsert a row
// twice), in input order.
template <typename T, typename KeyFn>
std::vector<size_t> LastOfEachKey(std::span<const T> items, KeyFn key) {
  std::map<decltype(key(items[0])), size_t> last;
  for (size_t i = 0; i < items.size(); ++i) last[key(items[i])] = i;
  std::vector<size_t> out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (last[key(items[i])] == i) out.push_back(i);
  }
  return out;
}

// `text` cut to at most `max` bytes without splitting a UTF-8 sequence.
std::string_view Utf8Prefix(std::string_view text, size_t max) {
  if (text.size() <= max) return text;
  size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

// Runs `sql` (kPublish / kPublishWarnings) with `params` plus `at` and the locked sequence, and
// advances the sequence by the rows it changed. Returns how many.
int64_t PublishWithSeq(Session& s, const Sql& sql, Params params, base::TimePoint at) {
  const int64_t base_seq = Int(s.Exec(kLockSeq)[0][0]);
  params.AddTime(at).Add(base_seq);
  const auto changed = static_cast<int64_t>(s.Exec(sql, params).affected_rows());
  if (changed > 0) s.Exec(kSetSeq, Params().Add(base_seq + changed));
  return changed;
}

}  // namespace

// --- Peers ---------------------------------------------------------------------------------

base::Result<domain::Peer> PgFederationRepository::CreatePeer(const domain::Peer& peer,
                                                              base::TimePoint at) {
  return s_.Write("federation.create_peer", [&]() -> base::Result<domain::Peer> {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(peer));
    if (!s_.Exec(kPeerByName, Params().Add(peer.name)).empty()) {
      return base::AlreadyExistsError("peer '" + peer.name + "': already exists");
    }
    BINHYEN_RETURN_IF_ERROR(CheckKeyFree(s_, peer.public_key, peer.name));
    const std::string source = domain::PeerFeedSourceName(peer.name);
    const std::string_view trust = domain::Name(peer.trust);
    const pqxx::result existing = s_.Exec(kSourceByName, Params().Add(source));
    int64_t source_id = 0;
    if (existing.empty()) {
      source_id =
          Int(s_.Exec(kSourceInsert, Params().Add(source).Add(trust).Add(peer.enabled))[0][0]);
    } else {
      // The source a deleted peer of this name left behind (disabled, empty) is taken over; any
      // other source of that name is someone else's.
      if (Text(existing[0]["format"]) != kFederationFormat) {
        return base::AlreadyExistsError("feed " + source + ": already exists");
      }
      source_id = Int(existing[0]["id"]);
      FollowPeer(s_, source_id, trust, peer.enabled);
    }
    s_.Exec(kPeerInsert, Params()
                             .Add(peer.name)
                             .Add(peer.url)
                             .Add(peer.public_key)
                             .Add(trust)
                             .Add(peer.enabled)
                             .Add(peer.relay)
                             .Add(source_id)
                             .AddTime(at));
    return LoadPeer(s_, kPeerByName, peer.name);
  });
}

base::Result<domain::Peer> PgFederationRepository::GetPeer(std::string_view name) {
  return s_.Read("federation.get_peer", [&] { return LoadPeer(s_, kPeerByName, name); });
}

base::Result<domain::Peer> PgFederationRepository::GetPeerById(int64_t id) {
  return s_.Read("federation.get_peer", [&]() -> base::Result<domain::Peer> {
    const pqxx::result r = s_.Exec(kPeerById, Params().Add(id));
    if (r.empty()) return PeerNotFound(id);
    return PeerFromRow(r[0]);
  });
}

base::Result<std::vector<domain::Peer>> PgFederationRepository::ListPeers() {
  return s_.Read("federation.list_peers", [&]() -> base::Result<std::vector<domain::Peer>> {
    std::vector<domain::Peer> out;
    for (const pqxx::row& row : s_.Exec(kPeerList)) {
      BINHYEN_ASSIGN_OR_RETURN(domain::Peer p, PeerFromRow(row));
      out.push_back(std::move(p));
    }
    return out;
  });
}

base::Result<domain::Peer> PgFederationRepository::UpdatePeer(const domain::Peer& peer) {
  return s_.Write("federation.update_peer", [&]() -> base::Result<domain::Peer> {
    BINHYEN_RETURN_IF_ERROR(domain::Validate(peer));
    BINHYEN_ASSIGN_OR_RETURN(domain::Peer old, LoadPeer(s_, kPeerLock, peer.name));
    BINHYEN_RETURN_IF_ERROR(CheckKeyFree(s_, peer.public_key, peer.name));
    const std::string_view trust = domain::Name(peer.trust);
    s_.Exec(kPeerUpdate, Params()
                             .Add(old.id)
                             .Add(peer.url)
                             .Add(peer.public_key)
                             .Add(trust)
                             .Add(peer.enabled)
                             .Add(peer.relay)
                             .Add(peer.public_key != old.public_key));
    FollowPeer(s_, old.feed_source_id, trust, peer.enabled);
    return LoadPeer(s_, kPeerByName, peer.name);
  });
}

base::Status PgFederationRepository::DeletePeer(std::string_view name, base::TimePoint at) {
  return s_.Write("federation.delete_peer", [&]() -> base::Status {
    BINHYEN_ASSIGN_OR_RETURN(domain::Peer peer, LoadPeer(s_, kPeerLock, name));
    s_.Exec(kPeerWarningsDelete, Params().Add(peer.id));
    s_.Exec(kConflictsDelete, Params().Add(peer.id));
    if (!s_.Exec(kSourceLock, Params().Add(peer.feed_source_id)).empty()) {
      s_.Exec(kSourceEntriesDelete, Params().Add(peer.feed_source_id));
      s_.Exec(kSourceEmpty, Params().Add(peer.feed_source_id).Add(NextVersion(s_)));
    }
    const int64_t base_seq = Int(s_.Exec(kLockSeq)[0][0]);
    const auto withdrawn = static_cast<int64_t>(
        s_.Exec(kWithdrawRelayed, Params().Add(peer.id).Add(base_seq).AddTime(at)).affected_rows());
    if (withdrawn > 0) s_.Exec(kSetSeq, Params().Add(base_seq + withdrawn));
    s_.Exec(kPeerDelete, Params().Add(peer.id));
    return base::Status::Ok();
  });
}

base::Result<bool> PgFederationRepository::ClaimPull(int64_t id, base::TimePoint due_before,
                                                     base::TimePoint at) {
  return s_.Write("federation.claim_pull", [&]() -> base::Result<bool> {
    // A concurrent claim holds the row lock; under READ COMMITTED this UPDATE then re-checks the
    // condition on the row it committed, so only one of two claims succeeds.
    if (!s_.Exec(kClaimPull, Params().Add(id).AddTime(due_before).AddTime(at)).empty()) {
      return true;
    }
    if (!PeerExists(s_, id)) return PeerNotFound(id);
    return false;
  });
}

base::Status PgFederationRepository::RecordPull(int64_t id, std::optional<int64_t> cursor,
                                                std::optional<base::TimePoint> generated_at,
                                                std::string_view error, base::TimePoint at) {
  return s_.Write("federation.record_pull", [&]() -> base::Status {
    const pqxx::result r =
        error.empty()
            ? s_.Exec(kPullSucceeded,
                      Params().Add(id).AddTime(at).Add(cursor).AddTime(generated_at))
            : s_.Exec(kPullFailed,
                      Params().Add(id).AddTime(at).Add(Utf8Prefix(error, kMaxErrorBytes)));
    if (r.affected_rows() == 0) return PeerNotFound(id);
    return base::Status::Ok();
  });
}

// --- Our outgoing feed ---------------------------------------------------------------------

base::Result<int64_t> PgFederationRepository::Publish(
    std::span<const domain::FederationEntry> entries, base::TimePoint at) {
  return s_.Write("federation.publish", [&]() -> base::Result<int64_t> {
    for (const domain::FederationEntry& e : entries) BINHYEN_RETURN_IF_ERROR(domain::Validate(e));
    if (entries.empty()) return int64_t{0};
    std::vector<std::string> kinds, canonicals, states, categories, origins;
    std::vector<int64_t> hops, via;
    std::vector<std::optional<int64_t>> expires;
    for (size_t i : LastOfEachKey(entries, [](const domain::FederationEntry& e) {
           return std::make_tuple(e.kind, e.canonical, e.origin);
         })) {
      const domain::FederationEntry& e = entries[i];
      kinds.emplace_back(indicator::KindName(e.kind));
      canonicals.push_back(e.canonical);
      states.emplace_back(domain::Name(e.state));
      categories.push_back(e.category);
      origins.push_back(e.origin);
      hops.push_back(e.hops);
      expires.push_back(OptionalMicros(e.expires_at));
      via.push_back(e.via_peer_id);
    }
    return PublishWithSeq(s_, kPublish,
                          Params()
                              .Add(TextArray(kinds))
                              .Add(TextArray(canonicals))
                              .Add(TextArray(states))
                              .Add(TextArray(categories))
                              .Add(TextArray(origins))
                              .Add(IntArray(hops))
                              .Add(OptionalIntArray(expires))
                              .Add(IntArray(via)),
                          at);
  });
}

base::Result<std::optional<domain::FederationEntry>> PgFederationRepository::GetEntry(
    indicator::Kind kind, std::string_view canonical, std::string_view origin) {
  return s_.Read(
      "federation.get_entry", [&]() -> base::Result<std::optional<domain::FederationEntry>> {
        const pqxx::result r =
            s_.Exec(kEntryGet, Params().Add(indicator::KindName(kind)).Add(canonical).Add(origin));
        if (r.empty()) return std::optional<domain::FederationEntry>();
        BINHYEN_ASSIGN_OR_RETURN(domain::FederationEntry e, EntryFromRow(r[0]));
        return std::optional<domain::FederationEntry>(std::move(e));
      });
}

base::Result<int64_t> PgFederationRepository::PublishWarnings(
    std::span<const domain::FederationWarning> warnings, base::TimePoint at) {
  return s_.Write("federation.publish_warnings", [&]() -> base::Result<int64_t> {
    for (const auto& w : warnings) BINHYEN_RETURN_IF_ERROR(domain::Validate(w));
    if (warnings.empty()) return int64_t{0};
    std::vector<std::string> origins, kinds, titles, summaries, urls, categories;
    std::vector<int64_t> remote_ids;
    std::vector<std::optional<int64_t>> published;
    for (size_t i : LastOfEachKey(warnings, [](const domain::FederationWarning& w) {
           return std::make_pair(w.origin, w.remote_id);
         })) {
      const domain::FederationWarning& w = warnings[i];
      origins.push_back(w.origin);
      remote_ids.push_back(w.remote_id);
      kinds.emplace_back(domain::Name(w.kind));
      titles.push_back(w.title);
      summaries.push_back(w.summary);
      urls.push_back(w.url);
      categories.push_back(w.category);
      published.push_back(OptionalMicros(w.published_at));
    }
    return PublishWithSeq(s_, kPublishWarnings,
                          Params()
                              .Add(TextArray(origins))
                              .Add(IntArray(remote_ids))
                              .Add(TextArray(kinds))
                              .Add(TextArray(titles))
                              .Add(TextArray(summaries))
                              .Add(TextArray(urls))
                              .Add(TextArray(categories))
                              .Add(OptionalIntArray(published)),
                          at);
  });
}

base::Result<std::vector<domain::FederationWarning>> PgFederationRepository::ListWarnings(
    std::string_view origin) {
  return s_.Read("federation.list_warnings",
                 [&]() -> base::Result<std::vector<domain::FederationWarning>> {
                   std::vector<domain::FederationWarning> out;
                   for (const pqxx::row& row : s_.Exec(kWarningsOfOrigin, Params().Add(origin))) {
                     BINHYEN_ASSIGN_OR_RETURN(domain::FederationWarning w, WarningFromRow(row));
                     out.push_back(std::move(w));
                   }
                   return out;
                 });
}

base::Result<std::vector<domain::FederationEntry>> PgFederationRepository::ExpiredListings(
    base::TimePoint now, int limit) {
  return s_.Read(
      "federation.expired_listings", [&]() -> base::Result<std::vector<domain::FederationEntry>> {
        BINHYEN_RETURN_IF_ERROR(CheckLimit(limit, 10000));
        std::vector<domain::FederationEntry> out;
        for (const pqxx::row& row : s_.Exec(kExpiredListings, Params().AddTime(now).Add(limit))) {
          BINHYEN_ASSIGN_OR_RETURN(domain::FederationEntry e, EntryFromRow(row));
          out.push_back(std::move(e));
        }
        return out;
      });
}

base::Result<FederationRepository::Changes> PgFederationRepository::ChangesSince(int64_t since,
                                                                                 int limit) {
  return s_.Read("federation.changes_since", [&]() -> base::Result<Changes> {
    BINHYEN_RETURN_IF_ERROR(CheckLimit(limit, 10000));
    const pqxx::result entries = s_.Exec(kEntriesSince, Params().Add(since).Add(limit));
    const pqxx::result warnings = s_.Exec(kWarningsSince, Params().Add(since).Add(limit));
    // Both are sorted by seq: merge them and keep the `limit` lowest seqs in all.
    Changes out;
    size_t e = 0, w = 0;
    while (static_cast<int>(e + w) < limit && (e < entries.size() || w < warnings.size())) {
      const bool take_entry =
          w == warnings.size() ||
          (e < entries.size() && Int(entries[e]["seq"]) < Int(warnings[w]["seq"]));
      if (take_entry) {
        BINHYEN_ASSIGN_OR_RETURN(domain::FederationEntry entry, EntryFromRow(entries[e++]));
        out.entries.push_back(std::move(entry));
      } else {
        BINHYEN_ASSIGN_OR_RETURN(domain::FederationWarning warning, WarningFromRow(warnings[w++]));
        out.warnings.push_back(std::move(warning));
      }
    }
    return out;
  });
}

base::Result<int64_t> PgFederationRepository::CurrentSeq() {
  return s_.Read("federation.current_seq",
                 [&]() -> base::Result<int64_t> { return Int(s_.Exec(kCurrentSeq)[0][0]); });
}

base::Result<int64_t> PgFederationRepository::OwnCursor() {
  return s_.Read("federation.own_cursor",
                 [&]() -> base::Result<int64_t> { return Int(s_.Exec(kOwnCursor)[0][0]); });
}

base::Status PgFederationRepository::SetOwnCursor(int64_t version) {
  return s_.Write("federation.set_own_cursor", [&]() -> base::Status {
    s_.Exec(kSetOwnCursor, Params().Add(version));
    return base::Status::Ok();
  });
}

base::Result<int64_t> PgFederationRepository::LockOwnCursor() {
  // A write: the row lock is what serialises two publishing nodes.
  return s_.Write("federation.lock_own_cursor",
                  [&]() -> base::Result<int64_t> { return Int(s_.Exec(kLockOwnCursor)[0][0]); });
}

// --- Warnings received from peers ----------------------------------------------------------

base::Status PgFederationRepository::PutPeerWarnings(
    int64_t peer_id, std::span<const domain::FederationWarning> warnings) {
  return s_.Write("federation.put_peer_warnings", [&]() -> base::Status {
    for (const auto& w : warnings) BINHYEN_RETURN_IF_ERROR(domain::Validate(w));
    if (!PeerExists(s_, peer_id)) return PeerNotFound(peer_id);
    if (warnings.empty()) return base::Status::Ok();
    std::vector<std::string> origins, kinds, titles, summaries, urls, categories;
    std::vector<int64_t> remote_ids, seqs, changed;
    std::vector<std::optional<int64_t>> published;
    for (size_t i : LastOfEachKey(warnings, [](const domain::FederationWarning& w) {
           return std::make_pair(w.origin, w.remote_id);
         })) {
      const domain::FederationWarning& w = warnings[i];
      origins.push_back(w.origin);
      remote_ids.push_back(w.remote_id);
      seqs.push_back(w.seq);
      kinds.emplace_back(domain::Name(w.kind));
      titles.push_back(w.title);
      summaries.push_back(w.summary);
      urls.push_back(w.url);
      categories.push_back(w.category);
      published.push_back(OptionalMicros(w.published_at));
      changed.push_back(domain::ToMicros(w.changed_at));
    }
    s_.Exec(kPeerWarningsPut, Params()
                                  .Add(peer_id)
                                  .Add(TextArray(origins))
                                  .Add(IntArray(remote_ids))
                                  .Add(IntArray(seqs))
                                  .Add(TextArray(kinds))
                                  .Add(TextArray(titles))
                                  .Add(TextArray(summaries))
                                  .Add(TextArray(urls))
                                  .Add(TextArray(categories))
                                  .Add(OptionalIntArray(published))
                                  .Add(IntArray(changed)));
    return base::Status::Ok();
  });
}

base::Result<std::vector<domain::PeerWarning>> PgFederationRepository::ListPeerWarnings(
    const PeerWarningFilter& filter) {
  return s_.Read(
      "federation.list_peer_warnings", [&]() -> base::Result<std::vector<domain::PeerWarning>> {
        BINHYEN_RETURN_IF_ERROR(CheckLimit(filter.limit, 1000));
        std::vector<domain::PeerWarning> out;
        for (const pqxx::row& row :
             s_.Exec(kPeerWarningsList, Params().Add(filter.published_only).Add(filter.limit))) {
          domain::PeerWarning pw;
          pw.peer_id = Int(row["peer_id"]);
          BINHYEN_ASSIGN_OR_RETURN(pw.warning, WarningFromRow(row));
          out.push_back(std::move(pw));
        }
        return out;
      });
}

// --- Conflicts -----------------------------------------------------------------------------

base::Result<int64_t> PgFederationRepository::RecordConflict(
    const domain::FederationConflict& conflict) {
  return s_.Write("federation.record_conflict", [&]() -> base::Result<int64_t> {
    if (conflict.canonical.empty() || conflict.canonical.size() > kMaxCanonicalBytes) {
      return base::InvalidArgumentError("canonical: must be 1..2048 bytes");
    }
    if (!PeerExists(s_, conflict.peer_id)) return PeerNotFound(conflict.peer_id);
    return Int(s_.Exec(kConflictRecord, Params()
                                            .Add(conflict.peer_id)
                                            .Add(indicator::KindName(conflict.kind))
                                            .Add(conflict.canonical)
                                            .Add(domain::Name(conflict.remote_state))
                                            .AddTime(conflict.seen_at))[0][0]);
  });
}

base::Result<std::vector<domain::FederationConflict>> PgFederationRepository::ListConflicts(
    bool open_only, int limit) {
  return s_.Read(
      "federation.list_conflicts", [&]() -> base::Result<std::vector<domain::FederationConflict>> {
        BINHYEN_RETURN_IF_ERROR(CheckLimit(limit, 1000));
        std::vector<domain::FederationConflict> out;
        for (const pqxx::row& row : s_.Exec(kConflictList, Params().Add(open_only).Add(limit))) {
          BINHYEN_ASSIGN_OR_RETURN(domain::FederationConflict c, ConflictFromRow(row));
          out.push_back(std::move(c));
        }
        return out;
      });
}

base::Status PgFederationRepository::ResolveConflict(int64_t id, base::TimePoint at) {
  return s_.Write("federation.resolve_conflict", [&]() -> base::Status {
    const pqxx::result r = s_.Exec(kConflictLock, Params().Add(id));
    const std::string name = "conflict " + std::to_string(id);
    if (r.empty()) return base::NotFoundError(name + ": not found");
    if (!r[0][0].is_null()) return base::FailedPreconditionError(name + ": already resolved");
    s_.Exec(kConflictResolve, Params().Add(id).AddTime(at));
    return base::Status::Ok();
  });
}

}  // namespace binhyen::store::postgres
